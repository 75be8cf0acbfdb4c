"""Shared helpers for the core tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from calculators.api import run

VECTORS_PATH = Path(__file__).with_name("vectors.json")
#: Every payload field of every calculator (each has a label and a hint in strings.json).
FIELDS = [
    "load",
    "reps",
    "unit",
    "one_rm",
    "percent",
    "increment",
    "cuff_type",
    "aop_mmhg",
    "lop_mmhg",
    "limb",
    "cuff_width_cm",
    "thigh_circumference_cm",
    "sbp_mmhg",
    "dbp_mmhg",
    "age_years",
    "sex",
    "height_cm",
    "weight_kg",
    "answers",
    "load_source",
    "set_load",
    "sets",
    "reps_scheme",
    "rest_s",
    "rep_s",
    "rest_mode",
    "cuff_limit_min",
    "pressure_mmhg",
]


def call(name: str, payload: Any) -> dict[str, Any]:
    """Run a calculator on a Python payload and return the decoded response."""
    out: dict[str, Any] = json.loads(run(name, json.dumps(payload)))
    return out


def at(data: Any, dotted: str) -> Any:
    """Follow a dotted path (``result.estimates.epley``, ``errors.0.code``)."""
    for part in dotted.split("."):
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


def load_vectors() -> list[dict[str, Any]]:
    vectors: list[dict[str, Any]] = json.loads(VECTORS_PATH.read_text(encoding="utf-8"))
    return vectors
