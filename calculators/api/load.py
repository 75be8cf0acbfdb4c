"""The boundaries of ``bfr_load`` (the training load, ``load.py``) and ``convert`` (kg <-> lb).

The page sends the way the reader chose (``one_rm_source``), so missing values are reported in
the fields the reader sees. Without it the way is inferred from which fields are filled in. A 1RM
estimated from a set has the same upper limit as an entered one (``one_rm_estimate_too_high``),
and rounding to a settable load never goes above 40 % of 1RM (``rounded_load_too_heavy``, see
``load.py``).
"""

from __future__ import annotations

from .. import load as load_mod
from .. import one_rm as one_rm_mod
from ..numbers import NumberError, parse_number
from ._reader import JSON, Invalid, Reader, blank, num
from .one_rm import LOAD_LIMITS, UNITS, estimate

#: Below this a 1RM is very low: a typing slip or the wrong unit, or the real 1RM of a frail or
#: rehabilitating reader on a single-joint exercise. The result is given with a check of the number
#: and the unit (``low_one_rm``), never refused: the site's own limit, about the weight of a full
#: 5-litre water can; 11 lb is 4.99 kg.
LOW_ONE_RM = {"kg": 5.0, "lb": 11.0}
INCREMENT_LIMITS = {"kg": (0.1, 25.0), "lb": (0.25, 50.0)}
ONE_RM_SOURCES = ("entered", "estimated")
#: The weights of the load form and of the session plan's, converted when the reader switches
#: between kg and lb; the step (``increment``) snaps to one gyms load in (``convert_increment``).
WEIGHT_FIELDS = ("one_rm", "load", "increment", "set_load")
#: The payload fields each reader here takes (the registry in ``calculators.api.FIELDS``).
FIELDS = ("one_rm_source", "one_rm", "load", "reps", "unit", "percent", "increment")
CONVERT_FIELDS = ("from", "to", "values")


def read(payload: JSON) -> JSON:
    r = Reader(payload, FIELDS)
    unit = r.option("unit", UNITS, "kg") or "kg"
    low, high = LOAD_LIMITS[unit]
    entered = r.has("one_rm")
    estimated = r.has("load") or r.has("reps")
    source = r.option("one_rm_source", ONE_RM_SOURCES, "") or (
        "estimated" if estimated and not entered else "entered"
    )
    one_rm: float | None = None
    load: float | None = None
    reps: float | None = None
    if estimated if source == "entered" else entered:
        r.error("one_rm", "conflicting_fields", fields=["one_rm", "load", "reps"])
    elif source == "entered":
        one_rm = r.number("one_rm", low, high, unit)
    else:
        load = r.number("load", low, high, unit)
        reps = r.number("reps", 1, one_rm_mod.MAX_REPS, "reps", integer=True)
    plow, phigh = load_mod.PERCENT_RANGE
    percent = r.number("percent", plow, phigh, "percent", default=load_mod.DEFAULT_PERCENT)
    ilow, ihigh = INCREMENT_LIMITS[unit]
    increment = r.number("increment", ilow, ihigh, unit, default=load_mod.DEFAULT_INCREMENT[unit])
    r.check()
    assert percent is not None and increment is not None
    warnings: list[str] = []
    extra: JSON = {}
    if one_rm is None:
        assert load is not None and reps is not None
        est = estimate(r, load, int(reps), unit)
        one_rm = est.one_rm
        warnings.extend(est.warnings)
        extra = {
            "default_formula": est.default_formula,
            "load": est.load,
            "reps": est.reps,
            "estimates": dict(est.estimates),
        }
    try:
        p = load_mod.prescribe(one_rm, percent, increment, unit)
    except load_mod.IncrementTooLarge:
        r.error(
            "increment",
            "increment_too_large",
            target=round(one_rm * percent / 100.0, 2),
            unit=unit,
        )
        raise Invalid(r.errors) from None
    except load_mod.LoadAboveRange as exc:
        r.error(
            "increment",
            "rounded_load_too_heavy",
            target=round(one_rm * percent / 100.0, 2),
            set_load=exc.set_load,
            set_percent=round(exc.set_percent, 1),
            max_percent=num(load_mod.PERCENT_RANGE[1]),
            unit=unit,
        )
        raise Invalid(r.errors) from None
    warnings.extend(p.warnings)
    if one_rm < LOW_ONE_RM[unit]:
        warnings.append("low_one_rm")
    conventional = [
        load_mod.round_to_increment(p.conventional_load_min, increment),
        load_mod.round_to_increment(p.conventional_load_max, increment),
    ]
    return {
        "unit": unit,
        "one_rm": one_rm,
        "one_rm_source": source,
        **extra,
        "percent": p.percent,
        "target_load": p.target_load,
        "set_load": p.set_load,
        "set_percent": p.set_percent,
        "increment": p.increment,
        "in_range": not p.warnings,
        "set_plan": load_mod.set_plan(p.set_load),
        "percent_table": load_mod.percent_table(one_rm, increment, unit),
        "sets": {
            "first_sessions": load_mod.FIRST_SESSIONS_SETS,
            "min": load_mod.SETS[0],
            "max": load_mod.SETS[1],
        },
        "reps_scheme": list(load_mod.REPS_SCHEME),
        "rest_s": {"min": load_mod.REST_S[0], "max": load_mod.REST_S[1]},
        "restriction_min": {
            "min": load_mod.RESTRICTION_MIN[0],
            "max": load_mod.RESTRICTION_MIN[1],
        },
        "sessions_per_week": {
            "min": load_mod.SESSIONS_PER_WEEK[0],
            "max": load_mod.SESSIONS_PER_WEEK[1],
        },
        "conventional": {
            "percent_min": p.conventional_percent_min,
            "percent_max": p.conventional_percent_max,
            "load_min": p.conventional_load_min,
            "load_max": p.conventional_load_max,
            "set_load_min": conventional[0],
            "set_load_max": conventional[1],
        },
        # What the result's link hands on to the session timer: the load and the sets of a first
        # session; nothing for a load outside 20-40 %, which has no link.
        "handover": None
        if p.warnings
        else {"unit": unit, "set_load": p.set_load, "sets": load_mod.FIRST_SESSIONS_SETS},
        "warnings": warnings,
    }


def convert(payload: JSON) -> JSON:
    """The weights the reader typed, in the other unit (``load.convert_weight``; the step
    ``load.convert_increment``). A value may carry the unit it is typed in ("80 kg"). A value that
    does not parse, or is out of range, is left out of ``values`` and listed in ``kept``: the
    page leaves it as typed and the load calculator then reports it.

    Examples:
        >>> convert({"from": "kg", "to": "lb", "values": {"one_rm": "80", "load": "x"}})
        {'unit': 'lb', 'values': {'one_rm': 176.4}, 'kept': ['load']}
        >>> convert({"from": "kg", "to": "lb", "values": {"one_rm": "80 kg", "increment": "2,5"}})
        {'unit': 'lb', 'values': {'one_rm': 176.4, 'increment': 5.0}, 'kept': []}
    """
    r = Reader(payload, CONVERT_FIELDS)
    source = r.option("from", UNITS, None)
    target = r.option("to", UNITS, None)
    raw = payload.get("values", {})
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        r.error("values", "not_an_object")
    else:
        r.unknown(key for key in raw if key not in WEIGHT_FIELDS)
    r.check()
    assert source is not None and target is not None and isinstance(raw, dict)
    values: JSON = {}
    kept: list[str] = []
    for name in WEIGHT_FIELDS:
        if blank(raw.get(name)):
            continue
        try:
            value = parse_number(raw[name], source)
        except NumberError:
            kept.append(name)
            continue
        low, high = (INCREMENT_LIMITS if name == "increment" else LOAD_LIMITS)[source]
        if not low <= value <= high:
            kept.append(name)
            continue
        if name == "increment":
            values[name] = load_mod.convert_increment(value, source, target)
        else:
            values[name] = load_mod.convert_weight(value, source, target)
    return {"unit": target, "values": values, "kept": kept}
