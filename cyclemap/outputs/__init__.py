"""What cyclemap writes: reports (text, JSON, SARIF, ...), diagrams, handouts, exports,
and the atomic writer they all use. They read a checked cycle; none judges it."""
