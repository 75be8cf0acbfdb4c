"""The one entry point: ``run(name, payload_json) -> str``.

Parsing and validation happen here, at the boundary; the calculator modules receive clean
numbers. ``run`` never raises and never returns NaN or infinity. It returns
``{"ok": true, "result": {...}}`` or ``{"ok": false, "errors": [{"field", "code", ...}]}``; every
error, warning and guidance code is listed below and has words in ``strings.json``.

Limits that keep that promise in every runtime, Pyodide included:

- A payload longer than ``MAX_PAYLOAD_CHARS`` is ``payload_too_large``, unread.
- A payload that nests arrays or objects deeper than ``MAX_DEPTH`` is ``invalid_json``, found
  before ``json.loads`` runs. The calculators need a depth of 2 (the screening answers). CPython
  turns deep nesting into a ``RecursionError``, but in Pyodide the JSON decoder's recursion
  overflows the browser's own stack first (a few thousand levels), which ends the interpreter
  instead of raising.
- Keys the core does not know are echoed in ``unknown_field`` / ``unknown_question`` errors cut
  to ``ECHO_CHARS`` characters, lone surrogates replaced by U+FFFD, at most ``MAX_ECHOED`` of
  them; the response is always valid UTF-8.
- A 1RM estimated from a set has the same upper limit as an entered one
  (``one_rm_estimate_too_high``), and rounding to a settable load never goes above 40 % of 1RM
  (``rounded_load_too_heavy``, see ``load.py``).

The page sends the way the reader chose (``one_rm_source`` for ``bfr_load``, ``method`` for
``cuff_pressure``, ``load_source`` for ``session_plan``), so missing values are reported in the
fields the reader sees. Without it the way is inferred from which fields are filled in.

Examples:
    >>> import json
    >>> out = json.loads(run("one_rm", '{"load": "100", "reps": "10", "unit": "kg"}'))
    >>> out["ok"], round(out["result"]["estimates"]["epley"], 4)
    (True, 133.3333)
    >>> json.loads(run("one_rm", '{"load": "1,234.5", "reps": 5}'))["errors"]
    [{'field': 'load', 'code': 'ambiguous_separator'}]
    >>> json.loads(run("nope", "{}"))["errors"]
    [{'field': 'calculator', 'code': 'unknown_calculator'}]
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Callable, Iterable
from typing import Any

from . import load as load_mod
from . import one_rm as one_rm_mod
from . import pressure, screening
from . import session_plan as session_mod
from .numbers import NumberError, parse_int, parse_number

__all__ = [
    "CALCULATORS",
    "ERROR_CODES",
    "GUIDANCE_CODES",
    "LEVEL_CODES",
    "UNIT_CODES",
    "WARNING_CODES",
    "run",
]

JSON = dict[str, Any]

#: Every error code the core can emit (each has ``error.<code>`` in strings.json).
ERROR_CODES = frozenset(
    {
        "unknown_calculator",
        "invalid_json",
        "payload_too_large",
        "not_an_object",
        "unknown_field",
        "required",
        "not_a_number",
        "not_finite",
        "ambiguous_separator",
        "not_integer",
        "out_of_range",
        "invalid_option",
        "conflicting_fields",
        "increment_too_large",
        "rounded_load_too_heavy",
        "one_rm_estimate_too_high",
        "implausible_one_rm",
        "estimate_leg_only",
        "narrow_cuff_no_estimate",
        "cuff_width_no_equation",
        "outside_population",
        "unknown_question",
        "invalid_answer",
        "inconsistent_blood_pressure",
        "implausible_pulse_pressure",
        "implausible_bmi",
        "invalid_reps_scheme",
        "too_many_sets",
        "internal_error",
    }
)
#: Every warning code (``warning.<code>``).
WARNING_CODES = frozenset(
    {
        "reps_above_10",
        "set_load_outside_range",
        "estimate_uncertain",
        "estimate_small_young_sample",
        "bmi_measured_not_over_35",
        "bmi_measured_over_35",
        "sets_outside_range",
        "rest_outside_range",
        "cuff_time_over_limit",
    }
)
#: Cuff pressure guidance codes (``guidance.<code>``).
GUIDANCE_CODES = frozenset({"standard", "wide_cuff"})
#: Screening levels (``level.<code>.title`` and ``level.<code>.next``).
LEVEL_CODES = frozenset(screening.LEVELS)
#: Units named in ``out_of_range`` / ``outside_population`` errors (``unit.<code>``).
UNIT_CODES = frozenset({"kg", "lb", "reps", "percent", "mmhg", "cm", "years", "s", "min", "sets"})

UNITS = ("kg", "lb")
LOAD_LIMITS = {"kg": (1.0, 500.0), "lb": (2.0, 1100.0)}
#: A 1RM below this is not an adult's (a typing slip, or the wrong unit): the site's own limit,
#: about the weight of a full 5-litre water can; 11 lb is 4.99 kg.
IMPLAUSIBLE_ONE_RM = {"kg": 5.0, "lb": 11.0}
INCREMENT_LIMITS = {"kg": (0.1, 25.0), "lb": (0.25, 50.0)}
CUFF_WIDTH_LIMITS = (2.0, 30.0)
ONE_RM_SOURCES = ("entered", "estimated")
METHODS = ("measured", "estimated")

#: Longest payload read, in characters. The page's payloads are flat objects of a few hundred
#: characters (the screening's about 1.5 KB); a million digits pasted into a field still fit.
MAX_PAYLOAD_CHARS = 1 << 20
#: Deepest nesting of arrays and objects read.
MAX_DEPTH = 16
#: Echoed keys are cut to this many characters ...
ECHO_CHARS = 40
#: ... and at most this many unknown keys are reported.
MAX_ECHOED = 10

# A JSON string (or an unterminated one, to the end) or a run of anything but brackets and quotes.
_STRINGS_AND_TEXT = re.compile(r'"(?:[^"\\]|\\.?)*+(?:"|\Z)|[^"\[\]{}]+', re.DOTALL)
_INNERMOST_PAIR = re.compile(r"\[\]|\{\}")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _too_deep(text: str) -> bool:
    """True when ``text`` nests arrays or objects deeper than ``MAX_DEPTH``, or its brackets do
    not pair up (which ``json.loads`` rejects too). Brackets inside strings do not count.

    No recursion and no loop per character: strings and other text are removed, then each pass
    removes the innermost bracket pairs, one level of nesting per pass.

    Examples:
        >>> _too_deep('{"answers": {"a": "[[[["}}'), _too_deep("[" * 17 + "]" * 17)
        (False, True)
        >>> _too_deep("[" * 16 + "]" * 16), _too_deep('["]')
        (False, True)
    """
    brackets = _STRINGS_AND_TEXT.sub("", text)
    for _ in range(MAX_DEPTH):
        if not brackets:
            return False
        brackets = _INNERMOST_PAIR.sub("", brackets)
    return bool(brackets)


def _echo(key: object) -> str:
    r"""A key as it may be echoed: at most ``ECHO_CHARS`` characters, valid UTF-8.

    Examples:
        >>> _echo("\ud800x") == "\ufffdx", len(_echo("k" * 1000)), _echo("k" * 1000)[-1]
        (True, 40, '…')
    """
    text = str(key)
    if len(text) > ECHO_CHARS:
        text = text[: ECHO_CHARS - 1] + "…"
    return _SURROGATE.sub("\ufffd", text)


class _Invalid(Exception):
    """Validation failed; the errors are in the reader."""


def _num(value: float) -> float | int:
    """Write whole limits as ints (``{"min": 1}``) so the page shows ``1``, not ``1.0``."""
    return int(value) if float(value).is_integer() else value


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _Reader:
    """Collects every error of a payload instead of stopping at the first."""

    def __init__(self, payload: JSON, allowed: tuple[str, ...]) -> None:
        self.payload = payload
        self.errors: list[JSON] = []
        self.unknown(key for key in payload if key not in allowed)

    def unknown(self, keys: Iterable[object], code: str = "unknown_field") -> None:
        """Report keys the calculator does not know, shortened, at most ``MAX_ECHOED``."""
        for key in itertools.islice(keys, MAX_ECHOED):
            self.error(_echo(key), code)

    def error(self, field: str, code: str, **params: Any) -> None:
        self.errors.append({"field": field, "code": code, **params})

    def has(self, field: str) -> bool:
        return field in self.payload and not _blank(self.payload[field])

    def number(
        self,
        field: str,
        low: float,
        high: float,
        unit: str,
        *,
        integer: bool = False,
        default: float | None = None,
    ) -> float | None:
        """Parsed and range-checked number; ``None`` after recording an error."""
        if not self.has(field):
            if default is not None:
                return default
            self.error(field, "required")
            return None
        try:
            raw = self.payload[field]
            value = float(parse_int(raw)) if integer else parse_number(raw)
        except NumberError as exc:
            self.error(field, exc.code)
            return None
        if not low <= value <= high:
            self.error(field, "out_of_range", min=_num(low), max=_num(high), unit=unit)
            return None
        return value

    def option(self, field: str, options: tuple[str, ...], default: str | None) -> str | None:
        if not self.has(field):
            if default is not None:
                return default
            self.error(field, "required")
            return None
        raw = self.payload[field]
        value = raw.strip().lower() if isinstance(raw, str) else None
        if value not in options:
            self.error(field, "invalid_option", options=list(options))
            return None
        return value

    def check(self) -> None:
        if self.errors:
            raise _Invalid(self.errors)


def _one_rm(payload: JSON) -> JSON:
    r = _Reader(payload, ("load", "reps", "unit"))
    unit = r.option("unit", UNITS, "kg")
    low, high = LOAD_LIMITS[unit or "kg"]
    load = r.number("load", low, high, unit or "kg")
    reps = r.number("reps", 1, one_rm_mod.MAX_REPS, "reps", integer=True)
    r.check()
    assert unit is not None and load is not None and reps is not None
    est = _estimate(r, load, int(reps), unit)
    return {
        "unit": est.unit,
        "load": est.load,
        "reps": est.reps,
        "estimates": dict(est.estimates),
        "default_formula": est.default_formula,
        "one_rm": est.one_rm,
        "warnings": list(est.warnings),
    }


def _estimate(r: _Reader, load: float, reps: int, unit: str) -> one_rm_mod.OneRmEstimate:
    """The 1RM estimated from a set, held to the limit of an entered 1RM."""
    est = one_rm_mod.one_rm(load, reps, unit)
    high = LOAD_LIMITS[unit][1]
    if est.one_rm > high:
        r.error(
            "load",
            "one_rm_estimate_too_high",
            one_rm=round(est.one_rm, 1),
            max=_num(high),
            unit=unit,
        )
        r.check()
    return est


def _bfr_load(payload: JSON) -> JSON:
    r = _Reader(
        payload, ("one_rm_source", "one_rm", "load", "reps", "unit", "percent", "increment")
    )
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
        if one_rm is not None and one_rm < IMPLAUSIBLE_ONE_RM[unit]:
            r.error("one_rm", "implausible_one_rm", min=_num(IMPLAUSIBLE_ONE_RM[unit]), unit=unit)
            one_rm = None
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
        est = _estimate(r, load, int(reps), unit)
        if est.one_rm < IMPLAUSIBLE_ONE_RM[unit]:
            r.error(
                "load",
                "implausible_one_rm",
                min=_num(IMPLAUSIBLE_ONE_RM[unit]),
                unit=unit,
                one_rm=round(est.one_rm, 1),
            )
            r.check()
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
        raise _Invalid(r.errors) from None
    except load_mod.LoadAboveRange as exc:
        r.error(
            "increment",
            "rounded_load_too_heavy",
            target=round(one_rm * percent / 100.0, 2),
            set_load=exc.set_load,
            set_percent=round(exc.set_percent, 1),
            max_percent=_num(load_mod.PERCENT_RANGE[1]),
            unit=unit,
        )
        raise _Invalid(r.errors) from None
    warnings.extend(p.warnings)
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
        "warnings": warnings,
    }


#: The weights of the load form, converted when the reader switches between kg and lb.
WEIGHT_FIELDS = ("one_rm", "load", "increment")


def _convert(payload: JSON) -> JSON:
    """The weights the reader typed, in the other unit (``load.convert_weight``). A value that
    does not parse, or is out of range, is left out of ``values`` and listed in ``kept``: the
    page leaves it as typed and the load calculator then reports it.

    Examples:
        >>> _convert({"from": "kg", "to": "lb", "values": {"one_rm": "80", "load": "x"}})
        {'unit': 'lb', 'values': {'one_rm': 176.4}, 'kept': ['load']}
    """
    r = _Reader(payload, ("from", "to", "values"))
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
        if _blank(raw.get(name)):
            continue
        try:
            value = parse_number(raw[name])
        except NumberError:
            kept.append(name)
            continue
        low, high = LOAD_LIMITS[source]
        if not low <= value <= high:
            kept.append(name)
            continue
        values[name] = load_mod.convert_weight(value, source, target)
    return {"unit": target, "values": values, "kept": kept}


_ESTIMATE_FIELDS = ("thigh_circumference_cm", "sbp_mmhg", "age_years", "sex")


def _population_number(
    r: _Reader, field: str, sane: tuple[float, float], population: tuple[float, float], unit: str
) -> float | None:
    value = r.number(field, sane[0], sane[1], unit)
    if value is not None and not population[0] <= value <= population[1]:
        r.error(
            field, "outside_population", min=_num(population[0]), max=_num(population[1]), unit=unit
        )
        return None
    return value


def _cuff_pressure(payload: JSON) -> JSON:
    r = _Reader(payload, ("method", "aop_mmhg", "limb", "cuff_width_cm", *_ESTIMATE_FIELDS))
    measured = r.has("aop_mmhg")
    estimate = any(r.has(f) for f in _ESTIMATE_FIELDS)
    method = r.option("method", METHODS, "") or (
        "estimated" if estimate and not measured else "measured"
    )
    if estimate if method == "measured" else measured:
        r.error("aop_mmhg", "conflicting_fields", fields=["aop_mmhg", *_ESTIMATE_FIELDS])
        r.check()
    if method == "measured":
        aop = r.number("aop_mmhg", *pressure.AOP_RANGE_MMHG, "mmhg")
        limb = r.option("limb", ("arm", "leg"), "") or None
        width = None
        if r.has("cuff_width_cm"):
            width = r.number("cuff_width_cm", *CUFF_WIDTH_LIMITS, "cm")
        r.check()
        assert aop is not None
        return _pressure_json(pressure.from_measured(aop, limb, width))

    limb = r.option("limb", ("arm", "leg"), "leg")
    if limb == "arm":
        r.error("limb", "estimate_leg_only")
    width = r.number("cuff_width_cm", *CUFF_WIDTH_LIMITS, "cm")
    if width is not None and limb == "leg":
        if width <= pressure.NARROW_CUFF_MAX_CM:
            r.error("cuff_width_cm", "narrow_cuff_no_estimate")
        elif abs(width - pressure.ESTIMATE_CUFF_WIDTH_CM) > pressure.ESTIMATE_CUFF_TOLERANCE_CM:
            r.error(
                "cuff_width_cm",
                "cuff_width_no_equation",
                width_cm=_num(pressure.ESTIMATE_CUFF_WIDTH_CM),
            )
    tc = _population_number(
        r, "thigh_circumference_cm", (20.0, 150.0), pressure.ESTIMATE_THIGH_CM, "cm"
    )
    sbp = _population_number(r, "sbp_mmhg", (50.0, 300.0), pressure.ESTIMATE_SBP_MMHG, "mmhg")
    age = _population_number(r, "age_years", (1.0, 120.0), pressure.ESTIMATE_AGE_YEARS, "years")
    sex = r.option("sex", ("male", "female"), None)
    r.check()
    assert tc is not None and sbp is not None and age is not None and sex is not None
    result = pressure.from_estimate(tc, sbp, age, sex)
    low, high = pressure.estimate_interval(result.aop_mmhg)
    c = pressure.CIRILO_SOUSA_2019
    out = _pressure_json(result)
    out["aop_mmhg"] = round(result.aop_mmhg, 1)
    out.update(
        {
            "equation": "cirilo_sousa_2019",
            "see_mmhg": c["see_mmhg"],
            "r2": c["r2"],
            "aop_interval_mmhg": {"min": round(low, 1), "max": round(high, 1), "level": 0.95},
            "population": {
                "n": 51,
                "n_male": 32,
                "n_female": 19,
                "age_mean": 23.23,
                "age_sd": 5.24,
                "age_years": {
                    "min": _num(pressure.ESTIMATE_AGE_YEARS[0]),
                    "max": _num(pressure.ESTIMATE_AGE_YEARS[1]),
                },
                "thigh_circumference_cm": {
                    "min": _num(pressure.ESTIMATE_THIGH_CM[0]),
                    "max": _num(pressure.ESTIMATE_THIGH_CM[1]),
                },
                "sbp_mmhg": {
                    "min": _num(pressure.ESTIMATE_SBP_MMHG[0]),
                    "max": _num(pressure.ESTIMATE_SBP_MMHG[1]),
                },
                "cuff_width_cm": _num(pressure.ESTIMATE_CUFF_WIDTH_CM),
                "limb": "leg",
            },
        }
    )
    return out


def _pressure_json(p: pressure.CuffPressure) -> JSON:
    out: JSON = {
        "method": p.method,
        "aop_mmhg": p.aop_mmhg,
        "limb": p.limb,
        "cuff_width_cm": p.cuff_width_cm,
        "percent": {"min": p.percent_min, "max": p.percent_max},
        "pressure_mmhg": {"min": p.pressure_min_mmhg, "max": p.pressure_max_mmhg},
        "guidance": p.guidance,
        "warnings": list(p.warnings),
    }
    if p.start_percent is not None:
        out["start_percent"] = p.start_percent
        out["start_pressure_mmhg"] = p.start_pressure_mmhg
    return out


_MEASUREMENTS: dict[str, tuple[float, float, str]] = {
    "sbp_mmhg": (60.0, 300.0, "mmhg"),
    "dbp_mmhg": (30.0, 200.0, "mmhg"),
    "height_cm": (100.0, 250.0, "cm"),
    "weight_kg": (20.0, 400.0, "kg"),
}


def _screening(payload: JSON) -> JSON:
    r = _Reader(payload, ("answers", *_MEASUREMENTS))
    raw = payload.get("answers", {})
    answers: dict[str, str] = {}
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        r.error("answers", "not_an_object")
        r.check()
    r.unknown((key for key in raw if key not in screening.QUESTION_IDS), "unknown_question")
    for qid in screening.QUESTION_IDS:
        value = raw.get(qid)
        if _blank(value):
            r.error(qid, "required")
            continue
        text = value.strip().lower() if isinstance(value, str) else None
        if text not in screening.ANSWERS:
            r.error(qid, "invalid_answer", options=list(screening.ANSWERS))
            continue
        answers[qid] = text
    values: dict[str, float | None] = {}
    for first, second in (("sbp_mmhg", "dbp_mmhg"), ("height_cm", "weight_kg")):
        if r.has(first) or r.has(second):
            for name in (first, second):
                low, high, unit = _MEASUREMENTS[name]
                values[name] = r.number(name, low, high, unit)
    sbp, dbp = values.get("sbp_mmhg"), values.get("dbp_mmhg")
    if sbp is not None and dbp is not None:
        if sbp <= dbp:
            r.error("dbp_mmhg", "inconsistent_blood_pressure")
        elif sbp - dbp < screening.PULSE_PRESSURE_MIN_MMHG:
            gap = _num(screening.PULSE_PRESSURE_MIN_MMHG)
            r.error("dbp_mmhg", "implausible_pulse_pressure", min=gap)
    height, weight = values.get("height_cm"), values.get("weight_kg")
    if height is not None and weight is not None:
        low, high = screening.BMI_PLAUSIBLE
        value = screening.bmi(height, weight)
        if not low <= value <= high:
            r.error("weight_kg", "implausible_bmi", bmi=value, min=_num(low), max=_num(high))
    r.check()
    res = screening.screen(answers, sbp_mmhg=sbp, dbp_mmhg=dbp, height_cm=height, weight_kg=weight)
    out: JSON = {
        "level": res.level,
        "decisive": list(res.decisive),
        "absolute": list(res.absolute),
        "relative": list(res.relative),
        "supervised": list(res.supervised),
        "advice": list(res.advice),
        "measurements": dict(res.measurements),
        "warnings": list(res.warnings),
    }
    if res.bmi is not None:
        out["bmi"] = res.bmi
        out["bmi_limit"] = _num(screening.BMI_CAUTION_ABOVE)
    if res.blood_pressure_band is not None and sbp is not None and dbp is not None:
        limit = screening.BP_STOP if res.blood_pressure_band == "stop" else screening.BP_CAUTION
        out["blood_pressure"] = {
            "sbp_mmhg": _num(sbp),
            "dbp_mmhg": _num(dbp),
            "band": res.blood_pressure_band,
            "limit_sbp_mmhg": _num(limit[0]),
            "limit_dbp_mmhg": _num(limit[1]),
        }
    return out


_SESSION_FIELDS = (
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
CUFF_LIMIT_MIN = (1.0, session_mod.CUFF_MIN[1])
PRESSURE_LIMITS = (10.0, 300.0)


def _session_plan(payload: JSON) -> JSON:
    """The steps of one exercise from the reader's load, sets, scheme, rest and cuff limit."""
    r = _Reader(payload, _SESSION_FIELDS)
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
            r.error("one_rm", "out_of_range", min=_num(low), max=_num(high), unit=unit)
            raise _Invalid(r.errors) from None
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
        "rest_s": _num(rest),
        "rep_s": _num(rep_s),
        "rest_mode": mode,
        "cuff_limit_min": _num(limit),
        "steps": [
            {
                "kind": s.kind,
                "set": s.set_number,
                "reps": s.reps,
                "start_s": _num(s.start_s),
                "duration_s": _num(s.duration_s),
                "cuff_on": s.cuff_on,
                "cuff_s_at_end": _num(s.cuff_s_at_end),
            }
            for s in sp.steps
        ],
        "total_s": _num(sp.total_s),
        "cuff_s": _num(sp.cuff_s),
        "cuff_min": _num(round(sp.cuff_s / 60.0, 1)),
        "limit_s": _num(sp.limit_s),
        "alerts_s": [_num(a) for a in sp.alerts_s],
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
        out["pressure_mmhg"] = _num(cuff_pressure)
    return out


#: Calculator name -> function of a parsed JSON object; raises ``_Invalid`` on bad input.
CALCULATORS: dict[str, Callable[[JSON], JSON]] = {
    "one_rm": _one_rm,
    "bfr_load": _bfr_load,
    "cuff_pressure": _cuff_pressure,
    "screening": _screening,
    "convert": _convert,
    "session_plan": _session_plan,
}


def _finite(value: object) -> bool:
    """True when no float anywhere in ``value`` is NaN or infinite."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, list | tuple):
        return all(_finite(v) for v in value)
    return True


def _failure(field: str, code: str) -> JSON:
    return {"ok": False, "errors": [{"field": field, "code": code}]}


def _json_int(text: str) -> int | float:
    """JSON integers; very long ones become infinity (reported as ``not_finite``) instead of
    hitting Python's limit on integer string conversion."""
    return int(text) if len(text) <= 400 else math.inf


def _respond(name: object, payload_json: object) -> JSON:
    if not isinstance(name, str) or name not in CALCULATORS:
        return _failure("calculator", "unknown_calculator")
    if not isinstance(payload_json, str):
        return _failure("payload", "invalid_json")
    if len(payload_json) > MAX_PAYLOAD_CHARS:
        return _failure("payload", "payload_too_large")
    if _too_deep(payload_json):
        return _failure("payload", "invalid_json")
    try:
        payload = json.loads(payload_json, parse_int=_json_int)
    except (ValueError, RecursionError):
        return _failure("payload", "invalid_json")
    if not isinstance(payload, dict):
        return _failure("payload", "not_an_object")
    try:
        result = CALCULATORS[name](payload)
    except _Invalid as exc:
        return {"ok": False, "errors": _errors_of(exc)}
    if not _finite(result):
        return _failure("payload", "internal_error")
    return {"ok": True, "result": result}


def _errors_of(exc: _Invalid) -> list[JSON]:
    errors = exc.args[0] if exc.args else None
    return list(errors) if isinstance(errors, list) else []


def run(name: str, payload_json: str) -> str:
    """Run calculator ``name`` on a JSON payload and return the JSON response (never raises).

    Examples:
        >>> run("screening", "[1, 2]")
        '{"ok": false, "errors": [{"field": "payload", "code": "not_an_object"}]}'
        >>> run("one_rm", "not json")
        '{"ok": false, "errors": [{"field": "payload", "code": "invalid_json"}]}'
    """
    try:
        response = _respond(name, payload_json)
        text = json.dumps(response, allow_nan=False, ensure_ascii=False)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate that _echo missed: escape it
            text = json.dumps(response, allow_nan=False)
        return text
    except Exception:  # noqa: BLE001 - the contract: run() never raises
        return json.dumps(_failure("payload", "internal_error"))
