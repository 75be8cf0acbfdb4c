"""The one entry point: ``run(name, payload_json) -> str``.

Parsing and validation happen here, at the boundary; the calculator modules receive clean
numbers. ``run`` never raises and never returns NaN or infinity. It returns
``{"ok": true, "result": {...}}`` or ``{"ok": false, "errors": [{"field", "code", ...}]}``; every
error, warning and guidance code is listed below and has words in ``strings.json``.

Each calculator's reader (parsing, validation and the JSON it answers) lives in a module of its
own beside this one: ``one_rm``, ``load`` (also ``convert``), ``pressure``, ``screening`` and
``session``; ``_reader`` holds what they share and the limits that keep ``run``'s promise in
every runtime (payload size, nesting depth, echoed keys).

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

import json
import math
from collections.abc import Callable

from .. import screening as screening_mod
from . import load, one_rm, pressure, screening, session
from ._reader import (
    ECHO_CHARS,
    JSON,
    MAX_DEPTH,
    MAX_ECHOED,
    MAX_PAYLOAD_CHARS,
    Invalid,
    too_deep,
)

__all__ = [
    "CALCULATORS",
    "ECHO_CHARS",
    "ERROR_CODES",
    "FIELDS",
    "GUIDANCE_CODES",
    "LEVEL_CODES",
    "MAX_DEPTH",
    "MAX_ECHOED",
    "MAX_PAYLOAD_CHARS",
    "UNIT_CODES",
    "WARNING_CODES",
    "WEIGHT_FIELDS",
    "run",
]

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
        "unit_mismatch",
        "not_integer",
        "out_of_range",
        "invalid_option",
        "conflicting_fields",
        "increment_too_large",
        "rounded_load_too_heavy",
        "one_rm_estimate_too_high",
        "estimate_leg_only",
        "narrow_cuff_no_estimate",
        "cuff_width_no_equation",
        "outside_population",
        "unknown_question",
        "invalid_answer",
        "inconsistent_blood_pressure",
        "implausible_pulse_pressure",
        "implausible_bmi",
        "required_limb",
        "invalid_reps_scheme",
        "too_many_sets",
        "internal_error",
    }
)
#: Every warning code (``warning.<code>``).
WARNING_CODES = frozenset(
    {
        "reps_above_10",
        "low_one_rm",
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
#: Cuff pressure guidance codes (``guidance.<code>``); the cuff pressure's other result codes are
#: listed beside its reader (``api/pressure.py``).
GUIDANCE_CODES = pressure.GUIDANCE_CODES
#: Screening levels (``level.<code>.title`` and ``level.<code>.next``).
LEVEL_CODES = frozenset(screening_mod.LEVELS)
#: Units named in ``out_of_range`` / ``outside_population`` errors (``unit.<code>``).
UNIT_CODES = frozenset({"kg", "lb", "reps", "percent", "mmhg", "cm", "years", "s", "min", "sets"})

#: Calculator name -> function of a parsed JSON object; raises ``Invalid`` on bad input.
CALCULATORS: dict[str, Callable[[JSON], JSON]] = {
    "one_rm": one_rm.read,
    "bfr_load": load.read,
    "cuff_pressure": pressure.read,
    "screening": screening.read,
    "convert": load.convert,
    "session_plan": session.read,
}

#: The field registry: the payload fields each calculator takes, any other is ``unknown_field``.
#: The build hands it to the pages' script and the tests read it, so a field is named once.
FIELDS: dict[str, tuple[str, ...]] = {
    "one_rm": one_rm.FIELDS,
    "bfr_load": load.FIELDS,
    "cuff_pressure": pressure.FIELDS,
    "screening": screening.FIELDS,
    "convert": load.CONVERT_FIELDS,
    "session_plan": session.FIELDS,
}
#: The weights a change between kg and lb converts (``convert``), in every form that has them.
WEIGHT_FIELDS = load.WEIGHT_FIELDS


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
    if too_deep(payload_json):
        return _failure("payload", "invalid_json")
    try:
        payload = json.loads(payload_json, parse_int=_json_int)
    except (ValueError, RecursionError):
        return _failure("payload", "invalid_json")
    if not isinstance(payload, dict):
        return _failure("payload", "not_an_object")
    try:
        result = CALCULATORS[name](payload)
    except Invalid as exc:
        extra = {k: v for k, v in exc.extra.items() if k not in ("ok", "errors")}
        return {"ok": False, "errors": _errors_of(exc), **extra}
    if not _finite(result):
        return _failure("payload", "internal_error")
    return {"ok": True, "result": result}


def _errors_of(exc: Invalid) -> list[JSON]:
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
