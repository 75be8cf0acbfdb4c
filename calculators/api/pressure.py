"""The boundary of ``cuff_pressure``: the reader's cuff first, then a measured occlusion
pressure, the one the cuff measured itself, or an estimate (``pressure.py``).

The page sends the cuff the reader chose (``cuff_type``) and, for an air cuff with a gauge, the
way chosen (``method``); without them both are inferred from which fields are filled in. A
refused estimate is an error response that also carries ``refusal``: what the reader can do
instead (the ways of having the occlusion pressure measured on that limb, with their published
accuracy) and how the form switches to a measured value keeping the limb and the width.

Examples:
    >>> out = read({"cuff_type": "pneumatic_gauge", "limb": "leg", "aop_mmhg": "180,5",
    ...             "cuff_width_cm": "11,5"})
    >>> out["pressure_mmhg"], out["guidance"], out["handover"]
    ({'min': 72, 'max': 144}, 'wide_cuff', {'pressure_mmhg': 72})
    >>> read({"cuff_type": "elastic"})["pressure_mmhg"] is None
    True
"""

from __future__ import annotations

from .. import pressure
from ._reader import JSON, Reader, num

CUFF_TYPES = pressure.CUFF_TYPES
METHODS = ("measured", "estimated")
LIMBS = pressure.LIMBS
SEXES = ("male", "female")
CUFF_WIDTH_LIMITS = (2.0, 30.0)
#: Values no adult can have: "check the number", before an equation's own sample is asked.
PLAUSIBLE = {
    "thigh_circumference_cm": (20.0, 150.0),
    "sbp_mmhg": (50.0, 300.0),
    "dbp_mmhg": (30.0, 200.0),
    "age_years": (1.0, 120.0),
}
_ESTIMATE_FIELDS = ("thigh_circumference_cm", "sbp_mmhg", "age_years", "sex")
FIELDS = ("cuff_type", "method", "limb", "cuff_width_cm", "aop_mmhg", "lop_mmhg", *_ESTIMATE_FIELDS)
#: The fields each cuff (and, for the gauge, each way) reads; any other one filled in conflicts.
_OWN_FIELDS = {
    ("pneumatic_gauge", "measured"): ("aop_mmhg",),
    ("pneumatic_gauge", "estimated"): _ESTIMATE_FIELDS,
    ("pneumatic_lop", ""): ("lop_mmhg",),
    ("elastic", ""): (),
}
#: Errors that refuse an estimate rather than point at a mistake in what was typed.
REFUSAL_CODES = frozenset(
    {"estimate_leg_only", "narrow_cuff_no_estimate", "cuff_width_no_equation", "outside_population"}
)
#: Codes of a result besides errors and warnings, each with words in strings.json:
#: ``guidance.<code>``, ``ui.pressure.limb.<code>``, ``ui.pressure.position.<code>``,
#: ``ui.pressure.finding.<key>`` and ``ui.pressure.method.<code>``.
GUIDANCE_CODES = frozenset({"standard", "wide_cuff", "elastic"})
LIMB_GUIDANCE_CODES = frozenset(LIMBS)
POSITION_CODES = frozenset({"as_measured", "not_reported"})
METHOD_CODES = frozenset({"measured", "device", "estimated", "none"})
FINDING_KEYS = frozenset(
    f.key for f in (*pressure.MEASURING, pressure.POSITION_LEG, *pressure.ELASTIC_FINDINGS)
)


def _cuff_type(r: Reader) -> str | None:
    chosen = r.option("cuff_type", CUFF_TYPES, "")
    if chosen:
        return chosen
    if r.errors:  # an unknown cuff type
        return None
    if r.has("lop_mmhg"):
        return "pneumatic_lop"
    if r.has("aop_mmhg") or r.has("method") or any(r.has(f) for f in _ESTIMATE_FIELDS):
        return "pneumatic_gauge"
    r.error("cuff_type", "required")
    return None


def _method(r: Reader, cuff_type: str) -> str:
    if cuff_type != "pneumatic_gauge":
        return ""
    estimate = any(r.has(f) for f in _ESTIMATE_FIELDS)
    return r.option("method", METHODS, "") or (
        "estimated" if estimate and not r.has("aop_mmhg") else "measured"
    )


def _conflicts(r: Reader, cuff_type: str, method: str) -> None:
    """Fields of another cuff or way filled in: ask the reader to use one."""
    own = _OWN_FIELDS[(cuff_type, method)]
    others = [
        f
        for key, fields in _OWN_FIELDS.items()
        if key != (cuff_type, method)
        for f in fields
        if f not in own and r.has(f)
    ]
    if others:
        first = own[0] if own else "cuff_type"
        r.error(first, "conflicting_fields", fields=[*own, *dict.fromkeys(others)])
        r.check()


def read(payload: JSON) -> JSON:
    r = Reader(payload, FIELDS)
    cuff_type = _cuff_type(r)
    if cuff_type is None:
        r.check()
    assert cuff_type is not None
    method = _method(r, cuff_type)
    if r.errors:
        r.check()
    _conflicts(r, cuff_type, method)
    if cuff_type == "elastic":
        limb = r.option("limb", LIMBS, "") or None
        r.check()
        return _result_json(pressure.elastic(limb))
    limb = r.option("limb", LIMBS, None)
    if method == "estimated":
        return _estimate(r, limb)
    width = r.number("cuff_width_cm", *CUFF_WIDTH_LIMITS, "cm") if r.has("cuff_width_cm") else None
    field = "lop_mmhg" if cuff_type == "pneumatic_lop" else "aop_mmhg"
    aop = r.number(field, *pressure.AOP_RANGE_MMHG, "mmhg")
    r.check()
    assert aop is not None
    result = pressure.from_measured(aop, limb, width, device=cuff_type == "pneumatic_lop")
    out = _result_json(result)
    if cuff_type == "pneumatic_lop":
        out["accuracy"] = [
            _finding(f)
            for f in pressure.measuring(result.limb or "")
            if f.key in ("through_the_cuff", "automated_device")
        ]
    return out


def _estimate(r: Reader, limb: str | None) -> JSON:
    width = None
    # the width decides the equation; for a limb without any it is not needed
    if limb is None or pressure.has_equation(limb) or r.has("cuff_width_cm"):
        width = r.number("cuff_width_cm", *CUFF_WIDTH_LIMITS, "cm")
    values: dict[str, float | str] = {}
    if limb is None or pressure.has_equation(limb):
        for name in pressure.predictors_for(limb, width):
            if name == "sex":
                sex = r.option("sex", SEXES, None)
                if sex is not None:
                    values["sex"] = sex
                continue
            low, high = PLAUSIBLE[name]
            value = r.number(name, low, high, pressure.PREDICTOR_UNITS[name])
            if value is not None:
                values[name] = value
    if limb is None:
        r.check()
    assert limb is not None
    equation: pressure.Equation | None = None
    try:
        if width is not None or not pressure.has_equation(limb):
            equation = pressure.choose(limb, width, values)
    except pressure.Refused as exc:
        for reason in exc.reasons:
            r.error(reason.field, reason.code, **{k: _plain(v) for k, v in reason.params.items()})
        r.fail({"refusal": {"route": _route_json(limb, width)}})
    r.check()
    assert equation is not None and width is not None
    result = pressure.from_estimate(equation, values, width)
    out = _result_json(result)
    out["route"] = _route_json(limb, width)
    return out


def _plain(value: object) -> object:
    """Whole numbers as ints, in lists too (``{"max": 33}``, ``[18]``)."""
    if isinstance(value, float):
        return num(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _finding(f: pressure.Finding) -> JSON:
    return {"key": f.key, "reference": f.reference, **{k: num(v) for k, v in f.figures.items()}}


def _route_json(limb: str, width: float | None) -> JSON:
    """Who can measure the occlusion pressure, how, and how accurately, on this limb; and how
    the form switches to a measured value without the reader retyping the limb and the width."""
    return {
        "limb": limb,
        "cuff_width_cm": None if width is None else num(width),
        "methods": [_finding(f) for f in pressure.measuring(limb)],
        "position": _finding(pressure.POSITION_LEG) if limb == "leg" else None,
        "switch_to": {"cuff_type": "pneumatic_gauge", "method": "measured"},
        "keep": ["limb", "cuff_width_cm"],
        "focus": "aop_mmhg",
    }


def _position(p: pressure.CuffPressure) -> JSON | None:
    if p.method == "none":
        return None
    if p.method == "estimated":
        assert p.equation is not None
        code = p.equation.position or "not_reported"
    else:
        code = "as_measured"
    return {
        "code": code,
        "finding": _finding(pressure.POSITION_LEG) if p.limb == "leg" else None,
    }


def _result_json(p: pressure.CuffPressure) -> JSON:
    start = None
    if p.start_percent is not None:
        start = {"percent": p.start_percent, "pressure_mmhg": p.start_pressure_mmhg}
    aop = p.aop_mmhg
    if aop is not None and p.method == "estimated":
        aop = round(aop, 1)
    out: JSON = {
        "cuff_type": p.cuff_type,
        "method": p.method,
        "limb": p.limb,
        "cuff_width_cm": None if p.cuff_width_cm is None else num(p.cuff_width_cm),
        "aop_mmhg": aop,
        "percent": None if p.percent_min is None else {"min": p.percent_min, "max": p.percent_max},
        "pressure_mmhg": None
        if p.pressure_min_mmhg is None
        else {"min": p.pressure_min_mmhg, "max": p.pressure_max_mmhg},
        "start": start,
        # What the load result hands on to the session timer: where a first session starts.
        "handover": None if start is None else {"pressure_mmhg": p.start_pressure_mmhg},
        "guidance": p.guidance,
        "limb_guidance": p.limb,
        "position": _position(p),
        "warnings": list(p.warnings),
    }
    if p.method == "none":
        out["elastic"] = [_finding(f) for f in pressure.ELASTIC_FINDINGS]
    if p.equation is not None and p.aop_range_mmhg is not None:
        e = p.equation
        low, high = p.aop_range_mmhg
        out["estimate"] = {
            "equation": e.key,
            "reference": e.reference,
            "limb": e.limb,
            "cuff_width_cm": num(e.cuff_width_cm),
            "position": e.position,
            "aop_range_mmhg": {"min": round(low, 1), "max": round(high, 1), "level": 0.95},
            "error": {"kind": e.error, "mmhg": e.error_mmhg},
            "r2": e.r2,
            "sample": dict(e.sample),
            "limits_by": e.limits_by,
            "limits": {
                name: {"min": num(lo), "max": num(hi), "unit": pressure.PREDICTOR_UNITS[name]}
                for name, (lo, hi) in e.limits.items()
            },
        }
    return out
