"""The site's screening rule as a truth table: one test per level and per threshold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from core_helpers import call

from calculators.screening import QUESTION_IDS, QUESTIONS

CONTRACT = [
    ("arrhythmia", "relative"),
    ("vein_artery_disease", "absolute"),
    ("clotting_disorder", "absolute"),
    ("untreated_diabetes", "relative"),
    ("untreated_hypertension", "absolute"),
    ("bmi_over_35", "relative"),
    ("active_cancer", "absolute"),
    ("pregnancy", "absolute"),
    ("open_wound", "absolute"),
    ("varicose_veins", "relative"),
    ("functional_disorder", "relative"),
    ("fibromyalgia", "relative"),
    ("health_anxiety", "relative"),
    ("anxiety", "relative"),
    ("cognitive_impairment", "relative"),
    ("previous_clot", "absolute"),
    ("recent_surgery", "absolute"),
    ("lymph_nodes_removed", "absolute"),
    ("heart_disease", "relative"),
    ("smoking", "relative"),
    ("hormonal_contraception", "relative"),
    ("kidney_disease", "relative"),
    ("rheumatoid_arthritis", "relative"),
    ("anabolic_steroids", "relative"),
]
REFERENCE_KEYS = {
    "sato-2005",
    "patterson-2019",
    "loenneke-2012-meta",
    "ratamess-2009",
    "reynolds-2006",
    "epley-1985",
    "brzycki-1993",
    "lander-1985",
    "lombardi-1989",
    "mayhew-1992",
    "oconner-1989",
    "wathen-1994",
    "cirilo-sousa-2019",
    "loenneke-2012-aop",
    "spitz-2024",
    "hughes-2017",
    "slysz-2016",
    "scott-2016",
    "lixandrao-2018",
    "centner-2019",
    "laurentino-2012",
    "takarada-2000",
    "kim-2014",
    "nielsen-2012",
    "schoenfeld-2010",
    "pearson-hussain-2015",
    "nakajima-2006",
    "minniti-2020",
    "patterson-brandner-2018",
    "clark-manini-2017",
    "tabata-2016",
    "kacin-2015",
    "nascimento-2022",
    "roos-lohmander-2003",
    "segal-2010",
}
RELATIVE = [i for i, k in CONTRACT if k == "relative"]
ABSOLUTE = [i for i, k in CONTRACT if k == "absolute"]


def answers(**over: str) -> dict[str, str]:
    base = dict.fromkeys(QUESTION_IDS, "no")
    base.update(over)
    return base


def level(payload: dict[str, Any]) -> str:
    out = call("screening", payload)
    assert out["ok"], out
    return str(out["result"]["level"])


def test_questions_file_matches_the_contract() -> None:
    raw = json.loads(Path("calculators/questions.json").read_text(encoding="utf-8"))
    assert [(q["id"], q["kind"]) for q in raw] == CONTRACT
    assert all(q["source"] is None or q["source"] in REFERENCE_KEYS for q in raw)
    # no source only for the site's own precautions, never silently for most items
    assert sum(q["source"] is None for q in raw) <= 3
    assert [q["seed"] for q in raw] == [True] * 15 + [False] * 9
    assert [(q.id, q.kind) for q in QUESTIONS] == CONTRACT


def test_go() -> None:
    out = call("screening", {"answers": answers()})
    assert out["result"] == {
        "level": "go",
        "decisive": [],
        "absolute": [],
        "relative": [],
        "measurements": {},
    }


@pytest.mark.parametrize("qid", ABSOLUTE)
def test_any_absolute_is_stop(qid: str) -> None:
    out = call("screening", {"answers": answers(**{qid: "yes"})})
    assert out["result"]["level"] == "stop"
    assert out["result"]["decisive"] == [qid]


@pytest.mark.parametrize("qid", RELATIVE)
def test_one_relative_is_caution(qid: str) -> None:
    out = call("screening", {"answers": answers(**{qid: "yes"})})
    assert (out["result"]["level"], out["result"]["decisive"]) == ("caution", [qid])


def test_two_relative_is_caution() -> None:
    assert level({"answers": answers(smoking="yes", fibromyalgia="yes")}) == "caution"


def test_three_relative_is_stop() -> None:
    out = call("screening", {"answers": answers(smoking="yes", fibromyalgia="yes", anxiety="yes")})
    assert out["result"]["level"] == "stop"
    assert out["result"]["decisive"] == ["fibromyalgia", "anxiety", "smoking"]


def test_not_sure_counts_as_yes() -> None:
    assert level({"answers": answers(pregnancy="not_sure")}) == "stop"
    assert level({"answers": answers(smoking="not_sure")}) == "caution"
    three = answers(smoking="not_sure", anxiety="not_sure", kidney_disease="not_sure")
    assert level({"answers": three}) == "stop"


def bp(sbp: str, dbp: str) -> str:
    return level({"answers": answers(), "sbp_mmhg": sbp, "dbp_mmhg": dbp})


@pytest.mark.parametrize(
    ("sbp", "dbp", "expected"),
    [
        ("139", "89", "go"),
        ("140", "80", "caution"),  # systolic alone
        ("130", "90", "caution"),  # diastolic alone
        ("179", "109", "caution"),
        ("180", "100", "stop"),  # systolic alone
        ("150", "110", "stop"),  # diastolic alone
    ],
)
def test_blood_pressure_bands(sbp: str, dbp: str, expected: str) -> None:
    assert bp(sbp, dbp) == expected


def test_bp_decides_and_is_flagged() -> None:
    out = call("screening", {"answers": answers(), "sbp_mmhg": "185", "dbp_mmhg": "95"})
    assert out["result"]["decisive"] == ["blood_pressure"]
    assert out["result"]["measurements"] == {
        "blood_pressure_stop": True,
        "blood_pressure_caution": False,
    }


def test_bmi_35_0_is_go() -> None:
    out = call("screening", {"answers": answers(), "height_cm": "200", "weight_kg": "140"})
    assert (out["result"]["level"], out["result"]["bmi"]) == ("go", 35.0)


def test_bmi_35_1_is_caution() -> None:
    out = call("screening", {"answers": answers(), "height_cm": "200", "weight_kg": "140,4"})
    assert (out["result"]["level"], out["result"]["bmi"]) == ("caution", 35.1)
    assert out["result"]["decisive"] == ["bmi"]
    assert out["result"]["measurements"] == {"bmi_over_35": True}


def test_stop_wins_over_caution_and_lists_only_stop_reasons() -> None:
    out = call(
        "screening",
        {
            "answers": answers(pregnancy="yes", smoking="yes"),
            "sbp_mmhg": "150",
            "dbp_mmhg": "95",
        },
    )
    assert out["result"]["level"] == "stop"
    assert out["result"]["decisive"] == ["pregnancy"]
    assert out["result"]["relative"] == ["smoking"]


def test_unanswered_questions_give_one_error_each() -> None:
    partial = answers()
    del partial["smoking"], partial["anxiety"]
    out = call("screening", {"answers": partial})
    assert out == {
        "ok": False,
        "errors": [
            {"field": "anxiety", "code": "required"},
            {"field": "smoking", "code": "required"},
        ],
    }
    empty = call("screening", {})
    assert [e["field"] for e in empty["errors"]] == list(QUESTION_IDS)


def test_unknown_question_and_bad_answer() -> None:
    out = call("screening", {"answers": {**answers(smoking="maybe"), "tattoo": "no"}})
    assert {"field": "tattoo", "code": "unknown_question"} in out["errors"]
    assert any(e["field"] == "smoking" and e["code"] == "invalid_answer" for e in out["errors"])


def test_measurement_pairs_are_required_together() -> None:
    out = call("screening", {"answers": answers(), "sbp_mmhg": "120"})
    assert out["errors"] == [{"field": "dbp_mmhg", "code": "required"}]
    out = call("screening", {"answers": answers(), "weight_kg": "80"})
    assert out["errors"] == [{"field": "height_cm", "code": "required"}]


def test_diastolic_above_systolic_is_an_error() -> None:
    out = call("screening", {"answers": answers(), "sbp_mmhg": "80", "dbp_mmhg": "120"})
    assert out["errors"] == [{"field": "dbp_mmhg", "code": "inconsistent_blood_pressure"}]
