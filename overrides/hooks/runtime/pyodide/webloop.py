"""Stands in for Pyodide's asyncio event loop, which the calculators never use."""

# The same JavaScript objects as the real module holds, in the same order: a memory snapshot
# checks the first few objects Python holds against the ones Pyodide's own start leaves.
from pyodide_js._api import scheduleCallback  # noqa: F401


def _initialize_event_loop() -> None:
    """Pyodide's start installs its event loop here; without asyncio there is none to install."""


def __getattr__(name: str) -> object:
    raise AttributeError(f"pyodide.webloop.{name}: there is no event loop in this site's runtime")
