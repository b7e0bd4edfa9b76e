"""`nextsociety`: the editors' command line (check, new, status); `main` is the entry point."""

from nextsociety.cli.main import main

__all__ = ["main"]
