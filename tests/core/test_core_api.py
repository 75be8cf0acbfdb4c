"""The boundary: parsing of reader-typed numbers and every error path of run()."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from core_helpers import call

from calculators.api import (
    ECHO_CHARS,
    FIELDS,
    MAX_DEPTH,
    MAX_ECHOED,
    MAX_PAYLOAD_CHARS,
    WEIGHT_FIELDS,
    run,
)
from calculators.numbers import NumberError, parse_int, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("72,5", 72.5),
        ("72.5", 72.5),
        (" 72,5 ", 72.5),
        ("\t100\n", 100.0),
        ("-0", 0.0),
        (",5", 0.5),
        ("5,", 5.0),
        (80, 80.0),
        (72.5, 72.5),
        ("1e2", 100.0),
    ],
)
def test_accepted_numbers(text: object, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1,234.5", "ambiguous_separator"),
        ("1.234,5", "ambiguous_separator"),
        ("1.234.567", "ambiguous_separator"),
        ("1,2,3", "ambiguous_separator"),
        ("", "required"),
        ("   ", "required"),
        ("NaN", "not_a_number"),
        ("nan", "not_a_number"),
        ("inf", "not_a_number"),
        ("-Infinity", "not_a_number"),
        ("1e309", "not_finite"),
        (float("nan"), "not_finite"),
        (float("inf"), "not_finite"),
        (10**400, "not_finite"),
        (True, "not_a_number"),
        (False, "not_a_number"),
        (None, "not_a_number"),
        ([1], "not_a_number"),
        ({"a": 1}, "not_a_number"),
        ("12 kg", "not_a_number"),
        ("1 234", "not_a_number"),
        ("٣", "not_a_number"),
        ("0x10", "not_a_number"),
    ],
)
def test_rejected_numbers(text: object, code: str) -> None:
    with pytest.raises(NumberError) as info:
        parse_number(text)
    assert info.value.code == code


def test_parse_int() -> None:
    assert parse_int("10,0") == 10
    with pytest.raises(NumberError):
        parse_int("7.5")


def test_unknown_calculator() -> None:
    assert call("nope", {}) == {
        "ok": False,
        "errors": [{"field": "calculator", "code": "unknown_calculator"}],
    }


@pytest.mark.parametrize("payload", ["", "{", "not json", "{'a': 1}", "[" * 100000])
def test_invalid_json(payload: str) -> None:
    assert json.loads(run("one_rm", payload))["errors"] == [
        {"field": "payload", "code": "invalid_json"}
    ]


#: Nesting that overflows Pyodide's stack (the review's C1 corpus), and just over the limit.
NESTED = {
    "arrays_100000": "[" * 100_000,
    "arrays_closed_100000": "[" * 100_000 + "]" * 100_000,
    "objects_50000": '{"a":' * 50_000 + "1" + "}" * 50_000,
    "answers_5000": '{"answers": ' + "[" * 5000 + "]" * 5000 + "}",
    "arrays_2000": "[" * 2000 + "]" * 2000,
    "just_over": '{"load": ' + "[" * (MAX_DEPTH) + "]" * (MAX_DEPTH) + "}",
    "unbalanced": '{"load": [}',
}


@pytest.mark.parametrize("name", list(NESTED))
@pytest.mark.parametrize("calculator", ["one_rm", "bfr_load", "cuff_pressure", "screening"])
def test_deep_nesting_is_invalid_json_before_parsing(calculator: str, name: str) -> None:
    assert json.loads(run(calculator, NESTED[name]))["errors"] == [
        {"field": "payload", "code": "invalid_json"}
    ]


def test_nesting_up_to_the_limit_and_brackets_in_strings_are_read() -> None:
    deep = '{"load": ' + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + ', "reps": "5"}'
    assert call_text("one_rm", deep)["errors"] == [{"field": "load", "code": "not_a_number"}]
    quoted = json.dumps({"load": "[[[[" * 1000, "reps": '"]}\\'})
    assert call_text("one_rm", quoted)["errors"] == [
        {"field": "load", "code": "not_a_number"},
        {"field": "reps", "code": "not_a_number"},
    ]
    answers = {"answers": {"pregnancy": "[{"}}
    assert call("screening", answers)["errors"][0]["field"] != "payload"


def test_unterminated_strings_are_scanned_in_linear_time() -> None:
    # Each escaped quote could start a string; a naive scan would be quadratic (hours here).
    for text in ('"\\"' * 300_000, '["' + "\\" * 500_000, '"' * 900_000):
        started = time.perf_counter()
        assert json.loads(run("one_rm", text))["ok"] is False
        assert time.perf_counter() - started < 5


def test_payload_size_limit() -> None:
    digits = "1" * 1_000_000  # a million digits pasted into a field is still read
    assert call("one_rm", {"load": digits, "reps": "5"})["errors"] == [
        {"field": "load", "code": "not_a_number"}
    ]
    text = json.dumps({"load": "1" * MAX_PAYLOAD_CHARS, "reps": "5"})
    assert call_text("one_rm", text)["errors"] == [
        {"field": "payload", "code": "payload_too_large"}
    ]


def test_echoed_keys_are_short_valid_utf8_and_few() -> None:
    text = run("one_rm", '{"\\ud800": 1, "' + "k" * 1_000_000 + '": 2, "load": "1", "reps": "1"}')
    text.encode("utf-8")  # no lone surrogate
    fields = [e["field"] for e in json.loads(text)["errors"]]
    assert fields == ["\ufffd", "k" * (ECHO_CHARS - 1) + "…"]
    many = {f"x{i}": 1 for i in range(50_000)}
    out = call("bfr_load", many)
    assert len(out["errors"]) == MAX_ECHOED + 1  # and one_rm: required
    answers = {f"q{i}\ud800": "yes" for i in range(50)}
    text = run("screening", json.dumps({"answers": answers}))
    text.encode("utf-8")
    codes = [e["code"] for e in json.loads(text)["errors"]]
    assert codes.count("unknown_question") == MAX_ECHOED


def test_response_is_utf8_even_for_a_surrogate_in_a_known_place() -> None:
    # A reader's value is never echoed, only keys; both must leave run() encodable.
    for payload in ('{"unit": "\\udc80"}', '{"answers": {"\\udfff": "yes"}}'):
        for name in ("bfr_load", "screening"):
            run(name, payload).encode("utf-8")


def call_text(name: str, text: str) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(run(name, text))
    return out


def test_non_string_payload_is_invalid_json() -> None:
    assert json.loads(run("one_rm", None))["errors"][0]["code"] == "invalid_json"  # type: ignore[arg-type]


@pytest.mark.parametrize("payload", ["[]", "1", '"x"', "null"])
def test_payload_must_be_an_object(payload: str) -> None:
    assert json.loads(run("bfr_load", payload))["errors"] == [
        {"field": "payload", "code": "not_an_object"}
    ]


def test_extra_fields_are_errors() -> None:
    out = call("one_rm", {"load": "100", "reps": "5", "colour": "red"})
    assert out == {"ok": False, "errors": [{"field": "colour", "code": "unknown_field"}]}


def test_all_errors_are_reported_at_once() -> None:
    out = call("one_rm", {"load": "abc", "reps": "5,5", "unit": "stone"})
    assert out["errors"] == [
        {"field": "unit", "code": "invalid_option", "options": ["kg", "lb"]},
        {"field": "load", "code": "not_a_number"},
        {"field": "reps", "code": "not_integer"},
    ]


def test_out_of_range_names_limits_and_unit() -> None:
    assert call("one_rm", {"load": "0", "reps": "5"})["errors"] == [
        {"field": "load", "code": "out_of_range", "min": 1, "max": 500, "unit": "kg"}
    ]
    assert call("bfr_load", {"one_rm": "100", "percent": "50"})["errors"] == [
        {"field": "percent", "code": "out_of_range", "min": 20, "max": 40, "unit": "percent"}
    ]


def test_missing_fields_are_required() -> None:
    assert call("one_rm", {})["errors"] == [
        {"field": "load", "code": "required"},
        {"field": "reps", "code": "required"},
    ]
    assert call("bfr_load", {})["errors"] == [{"field": "one_rm", "code": "required"}]
    assert call("bfr_load", {"load": "80"})["errors"] == [{"field": "reps", "code": "required"}]
    assert call("cuff_pressure", {})["errors"] == [{"field": "cuff_type", "code": "required"}]


def test_blank_optional_fields_take_defaults() -> None:
    out = call("bfr_load", {"one_rm": "100", "percent": "", "increment": " ", "unit": ""})
    assert out["ok"] and out["result"]["percent"] == 30 and out["result"]["increment"] == 2.5


def test_bfr_conflicting_inputs() -> None:
    out = call("bfr_load", {"one_rm": "100", "load": "80", "reps": "5"})
    assert out["errors"][0]["code"] == "conflicting_fields"


def test_bfr_estimated_one_rm_warns_above_ten_reps() -> None:
    out = call("bfr_load", {"load": "50", "reps": "12"})
    assert out["result"]["warnings"] == ["reps_above_10"]


def test_bfr_rounding_never_goes_above_forty_percent() -> None:
    # 1RM 10 kg at 40 % = 4 kg; with 5 kg steps the settable loads are 0 and 5 kg (50 %).
    assert call("bfr_load", {"one_rm": "10", "percent": "40", "increment": "5"})["errors"] == [
        {
            "field": "increment",
            "code": "rounded_load_too_heavy",
            "target": 4,
            "set_load": 5,
            "set_percent": 50,
            "max_percent": 40,
            "unit": "kg",
        }
    ]
    # 6 kg x 4 reps -> 1RM 6 x 36 / 33 = 6.55 kg (Brzycki); 40 % = 2.62 kg; 5 kg would be 76 %.
    out = call("bfr_load", {"load": "6", "reps": "4", "percent": "40", "increment": "5"})
    assert [e["code"] for e in out["errors"]] == ["rounded_load_too_heavy"]
    # 1.5 kg x 4 reps: 1RM 1.5 x 36 / 33 = 1.64 kg; 40 % = 0.65 kg, more than half of 1.25 kg,
    # so the nearest weight is 1.25 kg (76 %): too heavy, not a refusal of the small 1RM.
    out = call("bfr_load", {"load": "1.5", "reps": "4", "percent": "40", "increment": "1.25"})
    assert [(e["field"], e["code"]) for e in out["errors"]] == [
        ("increment", "rounded_load_too_heavy")
    ]
    # 1RM 100 kg at 40 % with 25 kg steps: the nearest, 50 kg (50 %), is too heavy; 25 kg is set.
    r = call("bfr_load", {"one_rm": "100", "percent": "40", "increment": "25"})["result"]
    assert (r["set_load"], r["set_percent"], r["warnings"]) == (25, 25, [])


def test_bfr_rounding_below_twenty_percent_warns() -> None:
    # 100 kg x 22 % = 22 kg; 15 kg steps: 15 kg (15 %) is nearer than 30 kg.
    r = call("bfr_load", {"one_rm": "100", "percent": "22", "increment": "15"})["result"]
    assert (r["set_load"], r["warnings"]) == (15, ["set_load_outside_range"])


@pytest.mark.parametrize(
    ("unit", "load", "one_rm"),
    [("kg", "500", 720.0), ("lb", "1000", 1440.0), ("kg", "400", 576.0)],
)
def test_estimated_one_rm_has_the_limit_of_an_entered_one(
    unit: str, load: str, one_rm: float
) -> None:
    high = {"kg": 500, "lb": 1100}[unit]
    error = {
        "field": "load",
        "code": "one_rm_estimate_too_high",
        "one_rm": one_rm,  # Brzycki at 12 reps: load x 36 / 25
        "max": high,
        "unit": unit,
    }
    payload = {"load": load, "reps": "12", "unit": unit}
    assert call("bfr_load", payload)["errors"] == [error]
    assert call("one_rm", payload)["errors"] == [error]
    # Entered, the same 1RM is out of range.
    assert call("bfr_load", {"one_rm": str(one_rm), "unit": unit})["errors"][0]["code"] == (
        "out_of_range"
    )
    # Just under the limit, an estimate is accepted: 347 x 36 / 25 = 499.68 kg.
    assert call("bfr_load", {"load": "347", "reps": "12"})["result"]["one_rm"] < 500


def test_empty_form_in_the_chosen_way_names_its_visible_fields() -> None:
    assert call("bfr_load", {"one_rm_source": "estimated"})["errors"] == [
        {"field": "load", "code": "required"},
        {"field": "reps", "code": "required"},
    ]
    assert call("bfr_load", {"one_rm_source": "entered"})["errors"] == [
        {"field": "one_rm", "code": "required"}
    ]
    assert call("cuff_pressure", {"method": "estimated", "limb": "leg"})["errors"] == [
        {"field": "cuff_width_cm", "code": "required"},
        {"field": "thigh_circumference_cm", "code": "required"},
        {"field": "sbp_mmhg", "code": "required"},
        {"field": "age_years", "code": "required"},
        {"field": "sex", "code": "required"},
    ]
    assert call("cuff_pressure", {"method": "measured", "limb": "arm"})["errors"] == [
        {"field": "aop_mmhg", "code": "required"}
    ]


def test_the_chosen_way_is_checked_and_reported() -> None:
    out = call("bfr_load", {"one_rm_source": "estimated", "load": "80", "reps": "8"})
    assert out["result"]["one_rm_source"] == "estimated"
    out = call("bfr_load", {"one_rm_source": "entered", "load": "80", "reps": "8"})
    assert out["errors"][0]["code"] == "conflicting_fields"
    out = call("cuff_pressure", {"method": "estimated", "aop_mmhg": "150"})
    assert out["errors"][0]["code"] == "conflicting_fields"
    out = call("bfr_load", {"one_rm_source": "guessed", "one_rm": "100"})
    assert out["errors"] == [
        {"field": "one_rm_source", "code": "invalid_option", "options": ["entered", "estimated"]}
    ]
    out = call("cuff_pressure", {"method": " Measured ", "aop_mmhg": "150", "limb": "leg"})
    assert out["result"]["method"] == "measured"


def test_negative_zero_never_leaks() -> None:
    text = run("one_rm", json.dumps({"load": "-0", "reps": "1"}))
    assert "-0" not in text and json.loads(text)["errors"][0]["code"] == "out_of_range"


def test_huge_json_integers_are_not_finite() -> None:
    text = '{"load": 1' + "0" * 5000 + ', "reps": 5}'
    assert json.loads(run("one_rm", text))["errors"] == [{"field": "load", "code": "not_finite"}]


def test_answers_must_be_an_object() -> None:
    assert call("screening", {"answers": ["yes"]})["errors"] == [
        {"field": "answers", "code": "not_an_object"}
    ]


# ---------------------------------------------------------------- the field registry


@pytest.mark.parametrize("name", sorted(FIELDS))
def test_each_calculator_takes_the_fields_of_the_registry_and_no_other(name: str) -> None:
    """``calculators.api.FIELDS`` is what each reader takes: every field it names is read (never
    ``unknown_field``), and a field it does not name is refused."""
    for field in FIELDS[name]:
        codes = [(e["field"], e["code"]) for e in call(name, {field: None}).get("errors", [])]
        assert (field, "unknown_field") not in codes, (name, field)
    unknown = next(
        f
        for f in sorted({f for fs in FIELDS.values() for f in fs} | {"x"})
        if f not in FIELDS[name]
    )
    codes = [(e["field"], e["code"]) for e in call(name, {unknown: None})["errors"]]
    assert (unknown, "unknown_field") in codes, (name, unknown)


def test_the_weights_a_unit_change_converts_are_fields_of_the_forms_with_a_unit() -> None:
    with_unit = {name for name, fields in FIELDS.items() if "unit" in fields}
    for weight in WEIGHT_FIELDS:
        assert any(weight in FIELDS[name] for name in with_unit), weight
    assert set(
        call("convert", {"from": "kg", "to": "lb", "values": dict.fromkeys(WEIGHT_FIELDS, "10")})[
            "result"
        ]["values"]
    ) == set(WEIGHT_FIELDS)
