"""Stands in for traceback: Pyodide's start makes print_exception the excepthook."""

import sys


def print_exception(exc, /, value=None, tb=None, limit=None, file=None, chain=True, **_):  # noqa: ANN001, ANN201
    """Prints the error's type and message (no stack: the source lines are not shipped)."""
    error = exc if value is None else value
    print(f"{type(error).__name__}: {error}", file=file or sys.stderr)


def __getattr__(name: str) -> object:
    raise AttributeError(f"traceback.{name}: not part of this site's Python runtime")
