"""Stands in for asyncio: Pyodide's C core imports it at start, the calculators never await."""


def __getattr__(name: str) -> object:
    raise AttributeError(f"asyncio.{name}: asyncio is not part of this site's Python runtime")
