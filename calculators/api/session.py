"""The boundary of ``session_plan``: the steps of one exercise for the session timer
(``session_plan.py``).

The page sends the way the reader chose (``load_source``): a set load, or a 1RM and a percentage.
Each step names its kind (``set``, ``rest``, ``deflate``, ``inflate``) and each cuff-time alert
its kind (``low``, ``limit``), so the page says what a step or an alert is without working it
out from its place in the list.
"""

from __future__ import annotations

from .. import load as load_mod
from .. import session_plan as session_mod
from ._reader import JSON, Invalid, Reader, num
from .one_rm import LOAD_LIMITS, UNITS

FIELDS = (
    "unit",
    "load_source",
    "set_load",
    "one_rm",
    "percent",
    "sets",
    "reps_scheme",
    "rest_s",
    "rep_s",
    "rest_mode",
    "cuff_limit_min",
    "pressure_mmhg",
)
LOAD_SOURCES = ("set_load", "one_rm")
SETS_LIMITS = (1.0, float(session_mod.MAX_SCHEME_SETS))
REST_LIMITS_S = (0.0, 300.0)
REP_S_LIMITS = (1.0, 10.0)
CUFF_LIMIT_MIN = (1.0, float(load_mod.RESTRICTION_MIN[1]))
PRESSURE_LIMITS = (10.0, 300.0)


def step_json(step: session_mod.Step, pressure: float | None) -> JSON:
    """One step as the page receives it; pumping the cuff up names the pressure, if given."""
    out: JSON = {
        "kind": step.kind,
        "set": step.set_number,
        "reps": step.reps,
        "start_s": num(step.start_s),
        "duration_s": num(step.duration_s),
        "cuff_on": step.cuff_on,
        "cuff_s_at_end": num(step.cuff_s_at_end),
    }
    if step.kind == "inflate" and pressure is not None:
        out["pressure_mmhg"] = num(pressure)
    return out


def read(payload: JSON) -> JSON:
    """The steps of one exercise from the reader's load, sets, scheme, rest and cuff limit."""
    r = Reader(payload, FIELDS)
    unit = r.option("unit", UNITS, "kg") or "kg"
    low, high = LOAD_LIMITS[unit]
    source = r.option("load_source", LOAD_SOURCES, "") or (
        "one_rm" if r.has("one_rm") and not r.has("set_load") else "set_load"
    )
    other = "one_rm" if source == "set_load" else "set_load"
    set_load: float | None = None
    one_rm: float | None = None
    percent: float | None = None
    if r.has(other):
        r.error(source, "conflicting_fields", fields=["set_load", "one_rm"])
    elif source == "set_load":
        set_load = r.number("set_load", low, high, unit)
    else:
        one_rm = r.number("one_rm", low, high, unit)
        plow, phigh = load_mod.PERCENT_RANGE
        percent = r.number("percent", plow, phigh, "percent", default=load_mod.DEFAULT_PERCENT)
    first = load_mod.FIRST_SESSIONS_SETS
    sets = r.number("sets", *SETS_LIMITS, "sets", integer=True, default=first)
    scheme: tuple[int, ...] = load_mod.REPS_SCHEME
    if r.has("reps_scheme"):
        raw = payload["reps_scheme"]
        try:
            if not isinstance(raw, str):
                raise session_mod.SchemeError("invalid_reps_scheme")
            scheme = session_mod.parse_scheme(raw)
        except session_mod.SchemeError as exc:
            extra = {"max": session_mod.MAX_SCHEME_SETS} if exc.code == "too_many_sets" else {}
            r.error("reps_scheme", exc.code, **extra)
    rest = r.number("rest_s", *REST_LIMITS_S, "s", default=session_mod.DEFAULT_REST_S)
    rep_s = r.number("rep_s", *REP_S_LIMITS, "s", default=session_mod.DEFAULT_REP_S)
    mode = r.option("rest_mode", session_mod.MODES, "continuous")
    limit = r.number("cuff_limit_min", *CUFF_LIMIT_MIN, "min", default=CUFF_LIMIT_MIN[1])
    cuff_pressure: float | None = None
    if r.has("pressure_mmhg"):
        cuff_pressure = r.number("pressure_mmhg", *PRESSURE_LIMITS, "mmhg")
    r.check()
    assert sets is not None and rest is not None and rep_s is not None and limit is not None
    assert mode is not None
    warnings: list[str] = []
    set_percent = 0.0
    if one_rm is not None:
        assert percent is not None
        try:
            p = load_mod.prescribe(one_rm, percent, load_mod.DEFAULT_INCREMENT[unit], unit)
        except (load_mod.IncrementTooLarge, load_mod.LoadAboveRange):
            r.error("one_rm", "out_of_range", min=num(low), max=num(high), unit=unit)
            raise Invalid(r.errors) from None
        set_load = p.set_load
        warnings.extend(p.warnings)
        set_percent = p.set_percent
    assert set_load is not None
    n = int(sets)
    if not load_mod.SETS[0] <= n <= load_mod.SETS[1]:
        warnings.append("sets_outside_range")
    if not load_mod.REST_S[0] <= rest <= load_mod.REST_S[1]:
        warnings.append("rest_outside_range")
    reps = session_mod.reps_for_sets(scheme, n)
    sp = session_mod.plan(sets=n, reps=reps, rest_s=rest, rep_s=rep_s, mode=mode, limit_min=limit)
    warnings.extend(sp.warnings)
    out: JSON = {
        "unit": unit,
        "load_source": source,
        "set_load": set_load,
        "sets": n,
        "reps": list(reps),
        "rest_s": num(rest),
        "rep_s": num(rep_s),
        "rest_mode": mode,
        "cuff_limit_min": num(limit),
        "steps": [step_json(s, cuff_pressure) for s in sp.steps],
        "total_s": num(sp.total_s),
        "cuff_s": num(sp.cuff_s),
        "cuff_min": num(round(sp.cuff_s / 60.0, 1)),
        "limit_s": num(sp.limit_s),
        "alerts": [{"cuff_s": num(a.cuff_s), "kind": a.kind} for a in sp.alerts],
        "weeks": [
            {"week": week, "sessions": sessions, "sets": week_sets}
            for week, sessions, week_sets in session_mod.PROGRESSION
        ],
        "warnings": warnings,
    }
    if one_rm is not None:
        out["one_rm"] = one_rm
        out["percent"] = percent
        out["set_percent"] = set_percent
    if cuff_pressure is not None:
        out["pressure_mmhg"] = num(cuff_pressure)
    return out
