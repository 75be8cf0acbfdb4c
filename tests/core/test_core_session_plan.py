"""The session plan: reference plans worked out by hand, bad inputs, and properties."""

from __future__ import annotations

from typing import Any

import pytest
from core_helpers import call
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.session_plan import PROGRESSION

FAST = settings(max_examples=150, deadline=None)


def steps_of(result: dict[str, Any]) -> list[tuple[str, int, int, float, float, bool, float]]:
    return [
        (
            s["kind"],
            s["set"],
            s["reps"],
            s["start_s"],
            s["duration_s"],
            s["cuff_on"],
            s["cuff_s_at_end"],
        )
        for s in result["steps"]
    ]


def test_reference_plan_30_kg_4_sets_45_s_rest() -> None:
    # 30 kg, 4 sets of 30-15-15-15, 45 s rest, 2 s per repetition, cuff on:
    #   set 1: 30 reps x 2 s = 60 s   0 -> 60     cuff 60
    #   rest:  45 s                  60 -> 105    cuff 105
    #   set 2: 15 x 2 = 30 s        105 -> 135    cuff 135
    #   rest:  45 s                 135 -> 180    cuff 180
    #   set 3: 30 s                 180 -> 210    cuff 210
    #   rest:  45 s                 210 -> 255    cuff 255
    #   set 4: 30 s                 255 -> 285    cuff 285
    # total 150 s of sets + 135 s of rest = 285 s; the cuff is on all of it (4.75 min < 10).
    out = call(
        "session_plan",
        {"set_load": "30", "sets": "4", "reps_scheme": "30-15-15-15", "rest_s": "45", "rep_s": "2"},
    )
    assert out["ok"], out
    r = out["result"]
    assert steps_of(r) == [
        ("set", 1, 30, 0, 60, True, 60),
        ("rest", 1, 0, 60, 45, True, 105),
        ("set", 2, 15, 105, 30, True, 135),
        ("rest", 2, 0, 135, 45, True, 180),
        ("set", 3, 15, 180, 30, True, 210),
        ("rest", 3, 0, 210, 45, True, 255),
        ("set", 4, 15, 255, 30, True, 285),
    ]
    assert (r["total_s"], r["cuff_s"], r["limit_s"], r["warnings"]) == (285, 285, 600, [])
    assert r["alerts"] == [{"cuff_s": 300, "kind": "low"}, {"cuff_s": 600, "kind": "limit"}]


def test_deflating_between_sets_lets_the_air_out_then_pumps_the_cuff_up_again() -> None:
    # Same plan with the air let out in the rests. Each 45 s rest is 35 s with the cuff let down,
    # then 10 s to pump it up again for the next set (counted as cuff time):
    #   set 1   0 -> 60     cuff 60
    #   deflate 60 -> 95    cuff 60
    #   inflate 95 -> 105   cuff 70
    #   set 2  105 -> 135   cuff 100    ... and twice more: cuff 150 + 3 x 10 = 180 s
    out = call(
        "session_plan",
        {
            "set_load": "30",
            "sets": "4",
            "rest_mode": "deflate",
            "pressure_mmhg": "120",
            "rep_s": "2",
        },
    )
    r = out["result"]
    assert [s["kind"] for s in r["steps"]] == ["set", "deflate", "inflate"] * 3 + ["set"]
    assert steps_of(r)[:4] == [
        ("set", 1, 30, 0, 60, True, 60),
        ("deflate", 1, 0, 60, 35, False, 60),
        ("inflate", 1, 0, 95, 10, True, 70),
        ("set", 2, 15, 105, 30, True, 100),
    ]
    assert (r["total_s"], r["cuff_s"]) == (285, 180)
    # pumping up names the pressure to pump to
    assert {s["pressure_mmhg"] for s in r["steps"] if s["kind"] == "inflate"} == {120}
    assert all("pressure_mmhg" not in s for s in r["steps"] if s["kind"] != "inflate")


def test_without_a_pressure_the_inflate_step_names_none() -> None:
    r = call("session_plan", {"set_load": "30", "rest_mode": "deflate"})["result"]
    inflate = [s for s in r["steps"] if s["kind"] == "inflate"]
    assert len(inflate) == 1 and "pressure_mmhg" not in inflate[0]


def test_a_short_deflated_rest_gives_half_of_it_to_pumping_up() -> None:
    # 3 s of rest: 1.5 s with the air out, 1.5 s to pump up (never more than half of the rest).
    payload = {"set_load": "20", "reps_scheme": "4-2", "rest_s": "3", "rep_s": "1"}
    r = call("session_plan", {**payload, "rest_mode": "deflate"})["result"]
    assert [(s["kind"], s["duration_s"]) for s in r["steps"]] == [
        ("set", 4),
        ("deflate", 1.5),
        ("inflate", 1.5),
        ("set", 2),
    ]


@pytest.mark.parametrize("mode", ["continuous", "deflate"])
def test_no_rest_is_no_step(mode: str) -> None:
    # 0 s of rest: set 2 follows set 1 at once, with nothing in between to signal.
    payload = {"set_load": "20", "sets": "2", "rest_s": "0", "rest_mode": mode}
    r = call("session_plan", payload)["result"]
    assert [s["kind"] for s in r["steps"]] == ["set", "set"]


def test_defaults_are_the_first_session() -> None:
    # Empty optional fields: 2 sets (first sessions), 30-15, 45 s rest, 10 min, and 4 s per
    # repetition, the trial tempo of Jørgensen et al. 2020 (2 s up, 2 s down).
    # 30 x 4 + 45 + 15 x 4 = 120 + 45 + 60 = 225 s.
    r = call("session_plan", {"set_load": "20"})["result"]
    assert (r["sets"], r["reps"], r["rest_s"], r["rep_s"], r["cuff_limit_min"]) == (
        2,
        [30, 15],
        45,
        4,
        10,
    )
    assert r["total_s"] == 225 and r["rest_mode"] == "continuous"
    assert r["weeks"] == [{"week": w, "sessions": n, "sets": s} for w, n, s in PROGRESSION]


def test_warning_exactly_at_the_limit_is_not_over() -> None:
    # 2 sets of 30-30 at 5 s per rep = 150 + 150 s, 0 s rest: 300 s = exactly a 5 min limit.
    base = {"set_load": "20", "sets": "2", "reps_scheme": "30-30", "rep_s": "5", "rest_s": "0"}
    at_limit = call("session_plan", {**base, "cuff_limit_min": "5"})["result"]
    assert at_limit["cuff_s"] == 300 and "cuff_time_over_limit" not in at_limit["warnings"]
    # One second of rest more: 301 s, over.
    over = call("session_plan", {**base, "rest_s": "1", "cuff_limit_min": "5"})["result"]
    assert over["cuff_s"] == 301 and "cuff_time_over_limit" in over["warnings"]
    # a 5 min limit is the low end as well: one alert, the limit
    assert over["alerts"] == [{"cuff_s": 300, "kind": "limit"}]


@pytest.mark.parametrize(
    ("payload", "field", "code"),
    [
        ({}, "set_load", "required"),
        ({"set_load": "abc"}, "set_load", "not_a_number"),
        ({"set_load": "600"}, "set_load", "out_of_range"),
        ({"set_load": "30", "one_rm": "100"}, "set_load", "conflicting_fields"),
        ({"load_source": "one_rm"}, "one_rm", "required"),
        ({"load_source": "one_rm", "one_rm": "100", "percent": "50"}, "percent", "out_of_range"),
        ({"load_source": "one_rm", "one_rm": "1"}, "one_rm", "out_of_range"),
        ({"set_load": "30", "sets": "2.5"}, "sets", "not_integer"),
        ({"set_load": "30", "sets": "11"}, "sets", "out_of_range"),
        ({"set_load": "30", "reps_scheme": "30-15-0"}, "reps_scheme", "invalid_reps_scheme"),
        ({"set_load": "30", "reps_scheme": "30-51"}, "reps_scheme", "invalid_reps_scheme"),
        ({"set_load": "30", "reps_scheme": "1.5"}, "reps_scheme", "invalid_reps_scheme"),
        ({"set_load": "30", "reps_scheme": ["30"]}, "reps_scheme", "invalid_reps_scheme"),
        ({"set_load": "30", "reps_scheme": "-".join(["15"] * 11)}, "reps_scheme", "too_many_sets"),
        ({"set_load": "30", "rest_s": "-1"}, "rest_s", "out_of_range"),
        ({"set_load": "30", "rest_s": "301"}, "rest_s", "out_of_range"),
        ({"set_load": "30", "rep_s": "0,5"}, "rep_s", "out_of_range"),
        ({"set_load": "30", "rest_mode": "sometimes"}, "rest_mode", "invalid_option"),
        ({"set_load": "30", "cuff_limit_min": "11"}, "cuff_limit_min", "out_of_range"),
        ({"set_load": "30", "pressure_mmhg": "5"}, "pressure_mmhg", "out_of_range"),
        ({"set_load": "30", "speed": "1"}, "speed", "unknown_field"),
    ],
)
def test_bad_inputs_are_error_codes_at_their_field(
    payload: dict[str, Any], field: str, code: str
) -> None:
    out = call("session_plan", payload)
    assert not out["ok"]
    assert {"field": field, "code": code} in [
        {"field": e["field"], "code": e["code"]} for e in out["errors"]
    ], out


def test_out_of_range_names_the_limits() -> None:
    out = call("session_plan", {"set_load": "30", "cuff_limit_min": "12"})
    assert out["errors"] == [
        {"field": "cuff_limit_min", "code": "out_of_range", "min": 1, "max": 10, "unit": "min"}
    ]


plans = st.fixed_dictionaries(
    {
        "set_load": st.just("20"),
        "sets": st.integers(1, 10).map(str),
        "reps_scheme": st.lists(st.integers(1, 50), min_size=1, max_size=10).map(
            lambda reps: "-".join(map(str, reps))
        ),
        "rest_s": st.integers(0, 300).map(str),
        "rep_s": st.sampled_from(["1", "1,5", "2", "2.5", "3", "4", "10"]),
        "rest_mode": st.sampled_from(["continuous", "deflate"]),
        "cuff_limit_min": st.sampled_from(["1", "2,5", "5", "7", "9.5", "10"]),
    }
)


@FAST
@given(payload=plans)
def test_total_time_is_the_sum_of_the_steps_and_steps_follow_each_other(
    payload: dict[str, str],
) -> None:
    r = call("session_plan", payload)["result"]
    steps = r["steps"]
    assert abs(r["total_s"] - sum(s["duration_s"] for s in steps)) < 1e-6
    clock = 0.0
    for step in steps:
        assert abs(step["start_s"] - clock) < 1e-6
        clock += step["duration_s"]
    assert [s["set"] for s in steps if s["kind"] == "set"] == list(range(1, r["sets"] + 1))
    assert steps[0]["kind"] == steps[-1]["kind"] == "set"


@FAST
@given(payload=plans)
def test_rest_is_never_negative_and_the_cuff_time_is_the_time_on(payload: dict[str, str]) -> None:
    r = call("session_plan", payload)["result"]
    assert all(s["duration_s"] > 0 for s in r["steps"])
    on = sum(s["duration_s"] for s in r["steps"] if s["cuff_on"])
    assert abs(r["cuff_s"] - on) < 1e-6
    assert abs(r["steps"][-1]["cuff_s_at_end"] - r["cuff_s"]) < 1e-6
    assert 0 <= r["cuff_s"] <= r["total_s"]


@FAST
@given(payload=plans)
def test_cuff_time_warning_exactly_when_over_the_limit(payload: dict[str, str]) -> None:
    r = call("session_plan", payload)["result"]
    limit_s = float(payload["cuff_limit_min"].replace(",", ".")) * 60
    assert abs(r["limit_s"] - limit_s) < 1e-6
    assert ("cuff_time_over_limit" in r["warnings"]) == (r["cuff_s"] > limit_s + 1e-6)
    alerts = r["alerts"]
    assert alerts[-1] == {"cuff_s": r["limit_s"], "kind": "limit"}
    # the 5 min alert exactly when 5 min is below the limit, and first
    assert [a["kind"] for a in alerts] == (["low", "limit"] if limit_s > 300 else ["limit"])
    assert [a["cuff_s"] for a in alerts] == sorted(a["cuff_s"] for a in alerts)


@FAST
@given(payload=plans)
def test_every_step_between_two_sets_follows_the_chosen_way_of_resting(
    payload: dict[str, str],
) -> None:
    r = call("session_plan", payload)["result"]
    kinds = [s["kind"] for s in r["steps"]]
    between = {"continuous": ["rest"], "deflate": ["deflate", "inflate"]}[payload["rest_mode"]]
    rested = r["rest_s"] > 0
    # set, then for each further set: its rest steps (none for a rest of 0 s), then the set
    assert kinds == ["set"] + (between * rested + ["set"]) * (r["sets"] - 1)
    for step in r["steps"]:
        assert step["cuff_on"] == (step["kind"] != "deflate")
        if step["kind"] == "inflate":
            assert step["duration_s"] == min(10, r["rest_s"] / 2)
    assert all(s["duration_s"] > 0 for s in r["steps"])
