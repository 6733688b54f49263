"""cyclemap: service cycles (moments of truth) as checked, drawn and criticised YAML files."""

__version__ = "0.1.0"


def _quiet_start() -> None:
    """Ctrl-C (or SIGTERM) while the command line is still starting — importing its
    libraries, before anything is read or written — ends it quietly with 130 (143), not
    with a traceback. Only when cyclemap is the program (`cyclemap ...`, `python -m
    cyclemap`), never when a library or a test runner imports it. `cyclemap.cli.main`
    puts the usual handling back once it runs (docs/security.md, "Signals")."""
    import os
    import signal
    import sys

    program = os.path.basename(sys.argv[0]) if sys.argv else ""
    if not (program == "-m" or program.startswith("cyclemap")):
        return

    def leave(signum, frame):  # noqa: ARG001
        os._exit(128 + signum)

    try:
        signal.signal(signal.SIGINT, leave)
        signal.signal(signal.SIGTERM, leave)
    except (ValueError, OSError):  # not the main thread, or no such signal here
        pass


_quiet_start()
