"""Units as readers type and switch them: a number with its unit after it ("60 kg"), a weight in
the other unit, and the smallest weight step converted to one that gyms load."""

from __future__ import annotations

import pytest
from core_helpers import call
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.load import COMMON_INCREMENTS, convert_increment, convert_weight
from calculators.numbers import UNIT_SPELLINGS, NumberError, parse_number

FAST = settings(max_examples=200, deadline=None)


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("60 kg", "kg", 60.0),
        ("60kg", "kg", 60.0),
        (" 22,5 KG ", "kg", 22.5),
        ("60 kilo", "kg", 60.0),
        ("132 lbs", "lb", 132.0),
        ("132 pund", "lb", 132.0),
        ("30 %", "percent", 30.0),
        ("30%", "percent", 30.0),
        ("72 mmHg", "mmhg", 72.0),
        ("72 mm Hg", "mmhg", 72.0),
        ("11,5 cm", "cm", 11.5),
        ("45 sek.", "s", 45.0),
        ("45 s", "s", 45.0),
        ("7 min", "min", 7.0),
        ("30 år", "years", 30.0),
    ],
)
def test_a_typed_unit_that_is_the_fields_is_dropped(text: str, unit: str, value: float) -> None:
    assert parse_number(text, unit) == value


@pytest.mark.parametrize(
    ("text", "unit", "code"),
    [
        ("60 kg", None, "not_a_number"),  # no unit named: as before
        ("60 kg", "percent", "not_a_number"),
        ("60 kr", "kg", "not_a_number"),
        ("kg 60", "kg", "not_a_number"),
        ("60 kg kg", "kg", "not_a_number"),
        ("kg", "kg", "not_a_number"),
        ("1,234.5 kg", "kg", "ambiguous_separator"),
        ("60 lb", "kg", "unit_mismatch"),
        ("60 kg", "lb", "unit_mismatch"),
    ],
)
def test_other_text_after_a_number_is_still_rejected(text: str, unit: str, code: str) -> None:
    with pytest.raises(NumberError) as info:
        parse_number(text, unit)
    assert info.value.code == code


def test_the_calculators_read_a_weight_with_its_unit() -> None:
    # Finding 14: "60 kg" in the load calculator was "Enter a number".
    a = call("bfr_load", {"one_rm": "60 kg"})["result"]
    b = call("bfr_load", {"one_rm": "60"})["result"]
    assert a == b
    r = call("session_plan", {"set_load": "22,5 kg", "rest_s": "45 s", "pressure_mmhg": "72 mmHg"})
    assert r["ok"] and (r["result"]["set_load"], r["result"]["pressure_mmhg"]) == (22.5, 72)


def test_a_weight_in_the_other_unit_names_both_units() -> None:
    out = call("bfr_load", {"unit": "kg", "one_rm": "132 lb"})
    assert out["errors"] == [
        {"field": "one_rm", "code": "unit_mismatch", "unit": "kg", "typed": "lb"}
    ]
    out = call("session_plan", {"unit": "lb", "set_load": "20 kg"})
    assert out["errors"] == [
        {"field": "set_load", "code": "unit_mismatch", "unit": "lb", "typed": "kg"}
    ]


numbers = st.decimals(min_value=1, max_value=500, places=2).map(str)


@FAST
@given(number=numbers, unit=st.sampled_from(sorted(UNIT_SPELLINGS)), data=st.data())
def test_any_spelling_of_the_fields_unit_reads_as_the_bare_number(
    number: str, unit: str, data: st.DataObject
) -> None:
    spelling = data.draw(st.sampled_from(sorted(UNIT_SPELLINGS[unit])))
    space = data.draw(st.sampled_from(["", " ", "  "]))
    typed = data.draw(st.sampled_from([spelling, spelling.upper(), spelling.title()]))
    assert parse_number(f"{number}{space}{typed}", unit) == parse_number(number)


# ------------------------------------------------------------------ kg <-> lb


@pytest.mark.parametrize(
    ("step", "source", "target", "snapped"),
    [
        (2.5, "kg", "lb", 5.0),  # 5.51 lb: the review's 5.5 lb
        (1.25, "kg", "lb", 2.5),  # 2.76 lb
        (1.0, "kg", "lb", 2.5),  # 2.20 lb
        (0.5, "kg", "lb", 1.0),  # 1.10 lb
        (5.0, "kg", "lb", 10.0),  # 11.0 lb
        (5.0, "lb", "kg", 2.5),  # 2.27 kg
        (2.5, "lb", "kg", 1.25),  # 1.13 kg
        (1.0, "lb", "kg", 0.5),  # 0.45 kg
        (10.0, "lb", "kg", 5.0),  # 4.54 kg
    ],
)
def test_the_smallest_step_snaps_to_a_common_step(
    step: float, source: str, target: str, snapped: float
) -> None:
    assert convert_increment(step, source, target) == snapped
    out = call("convert", {"from": source, "to": target, "values": {"increment": str(step)}})
    assert out["result"] == {"unit": target, "values": {"increment": snapped}, "kept": []}


def test_a_step_far_from_any_common_one_is_converted_as_it_is() -> None:
    # 3 kg is 6.61 lb, a third above 5 lb and a third below 10 lb: no common step is near.
    assert convert_increment(3.0, "kg", "lb") == 6.6
    # 25 kg (the largest step) is 55.1 lb
    assert convert_increment(25.0, "kg", "lb") == 55.1


def test_the_weights_themselves_are_converted_not_snapped() -> None:
    out = call(
        "convert",
        {
            "from": "kg",
            "to": "lb",
            "values": {"one_rm": "80 kg", "set_load": "22,5", "increment": "2.5"},
        },
    )
    assert out["result"]["values"] == {"one_rm": 176.4, "set_load": 49.6, "increment": 5.0}


def test_a_weight_typed_in_the_unit_switched_to_is_left_as_typed() -> None:
    # "176 lb" typed before choosing lb is already in lb: not converted, and then read as 176 lb.
    out = call("convert", {"from": "kg", "to": "lb", "values": {"one_rm": "176 lb"}})
    assert out["result"] == {"unit": "lb", "values": {}, "kept": ["one_rm"]}
    assert call("bfr_load", {"unit": "lb", "one_rm": "176 lb"})["result"]["one_rm"] == 176


steps = st.sampled_from(["kg", "lb"]).flatmap(
    lambda unit: st.tuples(st.just(unit), st.sampled_from(COMMON_INCREMENTS[unit]))
)


@FAST
@given(pair=steps)
def test_a_common_step_becomes_a_common_step_in_the_other_unit(pair: tuple[str, float]) -> None:
    source, step = pair
    target = "lb" if source == "kg" else "kg"
    assert convert_increment(step, source, target) in COMMON_INCREMENTS[target]


@FAST
@given(
    step=st.floats(min_value=0.1, max_value=25.0, allow_nan=False),
    source=st.sampled_from(["kg", "lb"]),
)
def test_a_converted_step_is_within_a_quarter_of_its_exact_value(step: float, source: str) -> None:
    target = "lb" if source == "kg" else "kg"
    exact = step / 0.45359237 if source == "kg" else step * 0.45359237
    out = convert_increment(step, source, target)
    assert out in COMMON_INCREMENTS[target] or out == convert_weight(step, source, target)
    assert exact / 1.25 - 0.05 <= out <= exact * 1.25 + 0.05
