"""The shared reference vectors (also run in the browser through Pyodide)."""

from __future__ import annotations

import math
from typing import Any

import pytest
from core_helpers import at, call, load_vectors

from calculators.api import CALCULATORS
from calculators.one_rm import FORMULAS

VECTORS = load_vectors()


def _close(actual: Any, expected: Any, tol: float) -> bool:
    if isinstance(expected, bool) or not isinstance(expected, int | float):
        return bool(actual == expected)
    return isinstance(actual, int | float) and math.isclose(actual, expected, abs_tol=tol)


@pytest.mark.parametrize(
    "vector", VECTORS, ids=[f"{i}-{v['calculator']}" for i, v in enumerate(VECTORS)]
)
def test_vector(vector: dict[str, Any]) -> None:
    response = call(vector["calculator"], vector["payload"])
    for path, expected in vector["expect"].items():
        actual = at(response, path)
        assert _close(actual, expected, vector["tol"]), (path, actual, expected, response)


def test_vectors_cover_every_formula_at_several_rep_counts() -> None:
    reps_by_formula: dict[str, set[str]] = {name: set() for name in FORMULAS}
    for v in VECTORS:
        if v["calculator"] != "one_rm":
            continue
        for path in v["expect"]:
            if path.startswith("result.estimates."):
                reps_by_formula[path.rsplit(".", 1)[1]].add(str(v["payload"]["reps"]))
    assert all(len(reps) >= 4 for reps in reps_by_formula.values()), reps_by_formula


def test_vectors_cover_each_calculator_and_level() -> None:
    names = {v["calculator"] for v in VECTORS}
    assert names == set(CALCULATORS)
    levels = {v["expect"].get("result.level") for v in VECTORS if v["calculator"] == "screening"}
    assert {"go", "caution", "stop"} <= levels
    methods = {v["expect"].get("result.method") for v in VECTORS}
    assert {"measured", "estimated"} <= methods


def test_every_vector_says_why() -> None:
    assert all(v["why"].strip() for v in VECTORS)
    assert all(v["tol"] > 0 for v in VECTORS)
