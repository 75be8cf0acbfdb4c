"""Units as readers type them: a number with its unit after it ("60 kg"), and a weight in the
other unit."""

from __future__ import annotations

import pytest
from core_helpers import call
from hypothesis import given, settings
from hypothesis import strategies as st

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
