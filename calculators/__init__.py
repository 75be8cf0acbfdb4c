"""Calculation core of the blood flow restriction (BFR) site.

Pure functions, standard library only. The browser (Pyodide) and the command line call
:func:`calculators.api.run`, which returns JSON with result numbers or error codes; the page turns
codes into words with ``strings.json``.
"""

__all__ = ["api"]
