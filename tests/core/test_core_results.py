"""The load result a reader uses on a gym floor: the per-set plan, the percentage table, loads
rounded to the reader's step, the kg/lb conversion of typed weights, and the refusal of a 1RM no
adult has. Reference values are worked out by hand in the comments."""

from __future__ import annotations

import json
from typing import Any

from calculators.api import run


def call(name: str, payload: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(run(name, json.dumps(payload)))
    return out


def test_the_set_plan_has_two_sets_for_first_sessions_and_four_later() -> None:
    # 1RM 100 kg at 30 % = 30 kg, on 2.5 kg steps 30 / 2.5 = 12 steps exactly: 30 kg every set.
    r = call("bfr_load", {"one_rm": "100"})["result"]
    plan = [(s["set"], s["reps"], s["load"], s["first_sessions"]) for s in r["set_plan"]]
    assert plan == [(1, 30, 30, True), (2, 15, 30, True), (3, 15, 30, False), (4, 15, 30, False)]
    # 30-60 s rest after every set but the last, after which the cuff comes off.
    assert [s["rest_s"] for s in r["set_plan"]] == [{"min": 30, "max": 60}] * 3 + [None]
    assert r["in_range"] is True


def test_the_percentage_table_is_rounded_to_the_step_and_never_above_forty_percent() -> None:
    # 1RM 99 kg, 2.5 kg steps: 19.8 -> 20 (8 steps, 7.92 rounds up); 24.75 -> 25 (9.9 steps);
    # 29.7 -> 30 (11.88); 34.65 -> 35 (13.86); 39.6 -> 40 kg would be 40.4 %, above the band,
    # so the lighter 37.5 kg (37.9 %) is given.
    table = call("bfr_load", {"one_rm": "99"})["result"]["percent_table"]
    assert [row["percent"] for row in table] == [20, 25, 30, 35, 40]
    assert [row["load"] for row in table] == [20, 25, 30, 35, 37.5]
    assert abs(table[-1]["set_percent"] - 100 * 37.5 / 99) < 1e-6


def test_a_row_the_step_cannot_reach_has_no_load() -> None:
    # 1RM 25 kg, 10 kg steps, 40 %: 10 kg is exactly 40 %, the headline. In the table, 20 % =
    # 5 kg is half a step, a tie, which goes down to 0: no load. 25 % = 6.25 kg (0.625 steps),
    # 30 % = 7.5 kg and 35 % = 8.75 kg all round to 10 kg (40 %).
    table = call("bfr_load", {"one_rm": "25", "percent": "40", "increment": "10"})["result"][
        "percent_table"
    ]
    assert [row["load"] for row in table] == [None, 10, 10, 10, 10]
    assert table[0]["set_percent"] is None


def test_conventional_loads_are_rounded_to_the_step() -> None:
    # 80 kg x 8 reps: Brzycki 80 x 36 / 29 = 99.31 kg; 70 % = 69.52 -> 70 kg (27.8 steps of
    # 2.5 -> 28); 80 % = 79.45 -> 80 kg (31.78 -> 32 steps).
    r = call("bfr_load", {"load": "80", "reps": "8"})["result"]
    assert (r["conventional"]["set_load_min"], r["conventional"]["set_load_max"]) == (70, 80)


def test_a_load_below_twenty_percent_after_rounding_is_not_in_range() -> None:
    # 100 kg x 22 % = 22 kg on 15 kg steps: 15 kg (15 %) is nearer than 30 kg.
    r = call("bfr_load", {"one_rm": "100", "percent": "22", "increment": "15"})["result"]
    assert (r["set_load"], r["in_range"]) == (15, False)


def test_the_result_hands_a_first_sessions_load_and_sets_to_the_timer() -> None:
    # 80 lb x 8 reps: 1RM 99.31 lb; 30 % = 29.79 lb, on 5 lb steps 30 lb; a first session has 2
    # sets (Patterson et al. 2019's low end), whatever the plan of later sessions.
    r = call("bfr_load", {"load": "80", "reps": "8", "unit": "lb"})["result"]
    assert r["handover"] == {"unit": "lb", "set_load": 30, "sets": 2}
    # a load outside 20-40 % is no plan to train with: nothing to hand on
    outside = call("bfr_load", {"one_rm": "100", "percent": "22", "increment": "15"})["result"]
    assert outside["handover"] is None


def test_a_very_low_one_rm_gets_a_result_with_a_check_not_a_refusal() -> None:
    # A frail or rehabilitating reader's 1RM on a single-joint exercise can be under 5 kg.
    # 4.9 kg at 30 % = 1.47 kg on 0.5 kg steps: 1.5 kg, with "check the number and the unit".
    r = call("bfr_load", {"one_rm": "4,9", "increment": "0,5"})["result"]
    assert (r["set_load"], r["warnings"]) == (1.5, ["low_one_rm"])
    # 5 kg is not very low: no check.
    assert call("bfr_load", {"one_rm": "5", "increment": "0,5"})["result"]["warnings"] == []
    # 10 lb is 4.54 kg: checked; 11 lb (4.99 kg) is the lowest without the check.
    lb = {"unit": "lb", "increment": "0.5"}
    assert call("bfr_load", {"one_rm": "10", **lb})["result"]["warnings"] == ["low_one_rm"]
    assert call("bfr_load", {"one_rm": "11", **lb})["result"]["warnings"] == []
    # 2 kg x 5 reps: Brzycki 2 x 36 / 32 = 2.25 kg; 30 % = 0.675 kg on 0.25 kg steps: 0.75 kg.
    r = call("bfr_load", {"load": "2", "reps": "5", "increment": "0,25"})["result"]
    assert (round(r["one_rm"], 2), r["set_load"], r["warnings"]) == (2.25, 0.75, ["low_one_rm"])
    # below the field's range (1 kg) it is still a range error at the field
    out = call("bfr_load", {"one_rm": "0,5"})
    assert out["errors"][0]["code"] == "out_of_range"


def test_typed_weights_are_converted_between_kg_and_lb() -> None:
    # 80 kg / 0.45359237 = 176.37 lb -> 176.4; the 2.5 kg step = 5.51 lb, snapped to the 5 lb
    # plates gyms have (tests/core/test_core_units.py).
    out = call(
        "convert", {"from": "kg", "to": "lb", "values": {"one_rm": "80", "increment": "2,5"}}
    )
    assert out["result"] == {
        "unit": "lb",
        "values": {"one_rm": 176.4, "increment": 5.0},
        "kept": [],
    }
    # 176.4 lb x 0.45359237 = 80.01 kg -> 80.0; unreadable values are left for the reader.
    out = call("convert", {"from": "lb", "to": "kg", "values": {"load": "176.4", "reps": "8"}})
    assert out["ok"] is False  # reps is no weight
    out = call("convert", {"from": "lb", "to": "kg", "values": {"load": "176.4", "one_rm": "abc"}})
    assert out["result"] == {"unit": "kg", "values": {"load": 80.0}, "kept": ["one_rm"]}
    assert call("convert", {"from": "kg", "to": "stone", "values": {}})["ok"] is False
