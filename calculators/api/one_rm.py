"""The boundary of ``one_rm``: a 1RM estimated from a set lifted to failure (``one_rm.py``).

The weight limits here are shared by every calculator that reads a weight.
"""

from __future__ import annotations

from .. import one_rm as one_rm_mod
from ._reader import JSON, Reader, num

UNITS = ("kg", "lb")
#: Weights the calculators accept: from a child's dumbbell to beyond a world record.
LOAD_LIMITS = {"kg": (1.0, 500.0), "lb": (2.0, 1100.0)}


def estimate(r: Reader, load: float, reps: int, unit: str) -> one_rm_mod.OneRmEstimate:
    """The 1RM estimated from a set, held to the limit of an entered 1RM."""
    est = one_rm_mod.one_rm(load, reps, unit)
    high = LOAD_LIMITS[unit][1]
    if est.one_rm > high:
        r.error(
            "load",
            "one_rm_estimate_too_high",
            one_rm=round(est.one_rm, 1),
            max=num(high),
            unit=unit,
        )
        r.check()
    return est


#: The payload fields this reader takes (the registry in ``calculators.api.FIELDS``).
FIELDS = ("load", "reps", "unit")


def read(payload: JSON) -> JSON:
    r = Reader(payload, FIELDS)
    unit = r.option("unit", UNITS, "kg")
    low, high = LOAD_LIMITS[unit or "kg"]
    load = r.number("load", low, high, unit or "kg")
    reps = r.number("reps", 1, one_rm_mod.MAX_REPS, "reps", integer=True)
    r.check()
    assert unit is not None and load is not None and reps is not None
    est = estimate(r, load, int(reps), unit)
    return {
        "unit": est.unit,
        "load": est.load,
        "reps": est.reps,
        "estimates": dict(est.estimates),
        "default_formula": est.default_formula,
        "one_rm": est.one_rm,
        "warnings": list(est.warnings),
    }
