"""Shared helpers for the core tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from calculators.api import FIELDS as REGISTRY
from calculators.api import run

VECTORS_PATH = Path(__file__).with_name("vectors.json")
#: Every payload field of every calculator, from the core's registry.
FIELDS = sorted({field for fields in REGISTRY.values() for field in fields})


def call(name: str, payload: Any) -> dict[str, Any]:
    """Run a calculator on a Python payload and return the decoded response."""
    out: dict[str, Any] = json.loads(run(name, json.dumps(payload)))
    return out


def at(data: Any, dotted: str) -> Any:
    """Follow a dotted path (``result.estimates.epley``, ``errors.0.code``)."""
    for part in dotted.split("."):
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


def matches(response: dict[str, Any], expected: dict[str, Any], tol: float) -> list[str]:
    """How ``response`` differs from a vector's expectations (dotted paths, numbers within
    ``tol``); empty when it matches."""
    problems = []
    for path, wanted in expected.items():
        try:
            got = at(response, path)
        except (KeyError, IndexError, TypeError):
            problems.append(f"{path}: missing")
            continue
        numeric = isinstance(wanted, int | float) and not isinstance(wanted, bool)
        if numeric and not (isinstance(got, int | float) and abs(got - wanted) <= tol):
            problems.append(f"{path}: {got!r} != {wanted!r}")
        elif not numeric and got != wanted:
            problems.append(f"{path}: {got!r} != {wanted!r}")
    return problems


def load_vectors() -> list[dict[str, Any]]:
    vectors: list[dict[str, Any]] = json.loads(VECTORS_PATH.read_text(encoding="utf-8"))
    return vectors
