"""cyclemap: service cycles (moments of truth) as checked, drawn and criticised YAML files."""

__version__ = "0.1.0"
