"""The boundary: parsing of reader-typed numbers and every error path of run()."""

from __future__ import annotations

import json

import pytest
from core_helpers import call

from calculators.api import run
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
    assert call("cuff_pressure", {})["errors"] == [{"field": "aop_mmhg", "code": "required"}]


def test_blank_optional_fields_take_defaults() -> None:
    out = call("bfr_load", {"one_rm": "100", "percent": "", "increment": " ", "unit": ""})
    assert out["ok"] and out["result"]["percent"] == 30 and out["result"]["increment"] == 2.5


def test_bfr_conflicting_inputs() -> None:
    out = call("bfr_load", {"one_rm": "100", "load": "80", "reps": "5"})
    assert out["errors"][0]["code"] == "conflicting_fields"


def test_bfr_estimated_one_rm_warns_above_ten_reps() -> None:
    out = call("bfr_load", {"load": "50", "reps": "12"})
    assert out["result"]["warnings"] == ["reps_above_10"]


def test_bfr_rounding_outside_range_warns() -> None:
    out = call("bfr_load", {"one_rm": "10", "percent": "40", "increment": "5"})
    assert out["result"]["set_load"] == 5
    assert out["result"]["warnings"] == ["set_load_outside_range"]


def test_cuff_estimate_rejections() -> None:
    base = {
        "thigh_circumference_cm": "55",
        "sbp_mmhg": "120",
        "age_years": "23",
        "sex": "male",
        "cuff_width_cm": "18",
    }
    assert call("cuff_pressure", {**base, "limb": "arm"})["errors"] == [
        {"field": "limb", "code": "estimate_leg_only"}
    ]
    assert call("cuff_pressure", {**base, "cuff_width_cm": "5"})["errors"][0]["code"] == (
        "narrow_cuff_no_estimate"
    )
    assert call("cuff_pressure", {**base, "cuff_width_cm": "13,5"})["errors"] == [
        {"field": "cuff_width_cm", "code": "cuff_width_no_equation", "width_cm": 18}
    ]
    assert call("cuff_pressure", {**base, "sbp_mmhg": "160"})["errors"] == [
        {"field": "sbp_mmhg", "code": "outside_population", "min": 90, "max": 139, "unit": "mmhg"}
    ]
    assert call("cuff_pressure", {**base, "aop_mmhg": "200"})["errors"][0]["code"] == (
        "conflicting_fields"
    )
    missing = dict(base)
    del missing["cuff_width_cm"]
    assert call("cuff_pressure", missing)["errors"] == [
        {"field": "cuff_width_cm", "code": "required"}
    ]


def test_estimate_reports_uncertainty_and_population() -> None:
    out = call(
        "cuff_pressure",
        {
            "thigh_circumference_cm": "55",
            "sbp_mmhg": "120",
            "age_years": "23",
            "sex": "male",
            "cuff_width_cm": "18",
        },
    )
    r = out["result"]
    assert r["warnings"] == ["estimate_uncertain", "estimate_small_young_sample"]
    assert r["population"]["n"] == 51 and r["population"]["age_mean"] == 23.23
    assert r["population"]["age_sd"] == 5.24
    assert r["aop_interval_mmhg"]["min"] < r["aop_mmhg"] < r["aop_interval_mmhg"]["max"]


def test_measured_pressure_accepts_arm_and_any_width() -> None:
    out = call("cuff_pressure", {"aop_mmhg": "140", "limb": "arm", "cuff_width_cm": "5"})
    assert out["result"]["pressure_mmhg"] == {"min": 56, "max": 112}
    assert out["result"]["limb"] == "arm"


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
