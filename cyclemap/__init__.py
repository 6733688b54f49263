"""cyclemap: service cycles (moments of truth) as checked, drawn and criticised YAML files.

Importing it does nothing else: the program starts in `cyclemap.start`."""

__version__ = "0.1.0"
