"""The site's screening rule as a table of scenarios: each rule on both sides of its threshold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from core_helpers import call

from calculators.screening import QUESTION_IDS, QUESTIONS
from calculators.strings import LANGUAGES, STRINGS

CONTRACT = [
    ("arrhythmia", "relative"),
    ("vein_artery_disease", "absolute"),
    ("clotting_disorder", "absolute"),
    ("untreated_diabetes", "relative"),
    ("untreated_hypertension", "relative"),
    ("bmi_over_35", "relative"),
    ("active_cancer", "absolute"),
    ("pregnancy", "absolute"),
    ("open_wound", "absolute"),
    ("varicose_veins", "relative"),
    ("functional_disorder", "supervised"),
    ("fibromyalgia", "supervised"),
    ("health_anxiety", "supervised"),
    ("anxiety", "supervised"),
    ("cognitive_impairment", "supervised"),
    ("previous_clot", "absolute"),
    ("recent_surgery", "relative"),
    ("lymph_nodes_removed", "absolute"),
    ("unstable_heart_disease", "absolute"),
    ("heart_disease", "relative"),
    ("smoking", "relative"),
    ("hormonal_contraception", "relative"),
    ("kidney_disease", "relative"),
    ("rheumatoid_arthritis", "relative"),
    ("anabolic_steroids", "relative"),
    ("acute_illness", "absolute"),
    ("anticoagulants", "relative"),
    ("sickle_cell", "absolute"),
    ("fistula_lymphoedema", "absolute"),
    ("reduced_sensation", "relative"),
    ("under_18", "supervised"),
    ("immobilisation", "relative"),
    ("family_clot", "relative"),
]
PSYCHOLOGICAL = [
    "functional_disorder",
    "fibromyalgia",
    "health_anxiety",
    "anxiety",
    "cognitive_impairment",
]
NEW = [
    "acute_illness",
    "anticoagulants",
    "sickle_cell",
    "fistula_lymphoedema",
    "reduced_sensation",
    "under_18",
    "immobilisation",
    "family_clot",
]
RELATIVE = [i for i, k in CONTRACT if k == "relative"]
ABSOLUTE = [i for i, k in CONTRACT if k == "absolute"]
SUPERVISED = [i for i, k in CONTRACT if k == "supervised"]


def answers(**over: str) -> dict[str, str]:
    base = dict.fromkeys(QUESTION_IDS, "no")
    base.update(over)
    return base


def result(payload: dict[str, Any]) -> dict[str, Any]:
    out = call("screening", payload)
    assert out["ok"], out
    return dict(out["result"])


def reference_keys() -> set[str]:
    text = Path("docs/en/references.md").read_text(encoding="utf-8")
    return {
        line[3:-2] for line in text.splitlines() if line.startswith("{ #") and line.endswith(" }")
    }


# --------------------------------------------------------------------------- the questions


def test_questions_file_matches_the_contract() -> None:
    raw = json.loads(Path("calculators/questions.json").read_text(encoding="utf-8"))
    assert [(q["id"], q["kind"]) for q in raw] == CONTRACT
    assert [(q.id, q.kind) for q in QUESTIONS] == CONTRACT
    assert [q["seed"] for q in raw] == [True] * 15 + [False] * (len(CONTRACT) - 15)


def test_every_question_has_a_kind_and_a_source_or_an_explicit_null() -> None:
    raw = json.loads(Path("calculators/questions.json").read_text(encoding="utf-8"))
    keys = reference_keys()
    for q in raw:
        assert q["kind"] in ("absolute", "relative", "supervised"), q["id"]
        assert "source" in q, q["id"]  # null is the site's own precaution, never a missing key
        assert q["source"] is None or q["source"] in keys, q["id"]
    # the psychological items are the site's own precaution (no study of them with BFR)
    assert all(q["source"] is None for q in raw if q["id"] in PSYCHOLOGICAL)


def test_every_question_has_text_and_a_hint_in_both_languages() -> None:
    for qid in QUESTION_IDS:
        for part in ("text", "hint"):
            value = STRINGS[f"question.{qid}.{part}"]
            assert all(value[lang].strip() for lang in LANGUAGES), (qid, part)


def test_every_advice_and_kind_has_words() -> None:
    for q in QUESTIONS:
        assert q.advice is None or f"advice.{q.advice}" in STRINGS, q.id
        assert f"ui.kind.{q.kind}" in STRINGS


def test_the_questions_say_what_they_mean() -> None:
    en = {qid: STRINGS[f"question.{qid}.text"]["en"] for qid in QUESTION_IDS}
    da = {qid: STRINGS[f"question.{qid}.text"]["da"] for qid in QUESTION_IDS}
    # varicose veins are excluded from the vein/artery question, with examples of what is meant
    assert "other than varicose veins" in en["vein_artery_disease"]
    assert "ud over åreknuder" in da["vein_artery_disease"]
    for word in ("peripheral artery disease", "aneurysm", "surgery on your blood vessels"):
        assert word in en["vein_artery_disease"]
    # "recent" is always a period
    for qid in QUESTION_IDS:
        assert "recent" not in en[qid].lower(), qid
        assert "for nylig" not in da[qid].lower(), qid
    assert (
        "in the last 3 months" in en["recent_surgery"] and "in the last 3 months" in en["pregnancy"]
    )
    assert "not well controlled" in en["untreated_hypertension"]
    assert "ikke er velreguleret" in da["untreated_hypertension"]


# --------------------------------------------------------------------------- scenarios

M = dict[str, str]
SCENARIOS: list[tuple[str, M, M, str, list[str]]] = [
    # (what, answers, measurements, level, decisive)
    ("nothing", {}, {}, "go", []),
    ("one relative", {"smoking": "yes"}, {}, "caution", ["smoking"]),
    (
        "two relative",
        {"smoking": "yes", "varicose_veins": "yes"},
        {},
        "caution",
        ["varicose_veins", "smoking"],
    ),
    (
        "three relative",
        {"smoking": "yes", "varicose_veins": "yes", "kidney_disease": "yes"},
        {},
        "stop",
        ["varicose_veins", "smoking", "kidney_disease"],
    ),
    ("not sure is yes", {"pregnancy": "not_sure"}, {}, "stop", ["pregnancy"]),
    ("varicose veins alone", {"varicose_veins": "yes"}, {}, "caution", ["varicose_veins"]),
    ("recent surgery alone", {"recent_surgery": "yes"}, {}, "caution", ["recent_surgery"]),
    (
        "unstable heart disease",
        {"unstable_heart_disease": "yes"},
        {},
        "stop",
        ["unstable_heart_disease"],
    ),
    ("stable heart disease", {"heart_disease": "yes"}, {}, "caution", ["heart_disease"]),
    (
        "hypertension answered",
        {"untreated_hypertension": "yes"},
        {},
        "caution",
        ["untreated_hypertension"],
    ),
    ("all psychological items", dict.fromkeys(PSYCHOLOGICAL, "yes"), {}, "caution", PSYCHOLOGICAL),
    ("all supervised items", dict.fromkeys(SUPERVISED, "not_sure"), {}, "caution", SUPERVISED),
    (
        "two relative and every supervised item",
        {"smoking": "yes", "varicose_veins": "yes", **dict.fromkeys(SUPERVISED, "yes")},
        {},
        "caution",
        ["varicose_veins", "smoking", *SUPERVISED],
    ),
    # blood pressure: either number is enough; just under and at each threshold
    ("bp 139/89", {}, {"sbp_mmhg": "139", "dbp_mmhg": "89"}, "go", []),
    ("bp 140/80", {}, {"sbp_mmhg": "140", "dbp_mmhg": "80"}, "caution", ["blood_pressure"]),
    ("bp 130/90", {}, {"sbp_mmhg": "130", "dbp_mmhg": "90"}, "caution", ["blood_pressure"]),
    ("bp 175/105", {}, {"sbp_mmhg": "175", "dbp_mmhg": "105"}, "caution", ["blood_pressure"]),
    ("bp 179/109", {}, {"sbp_mmhg": "179", "dbp_mmhg": "109"}, "caution", ["blood_pressure"]),
    ("bp 180/100", {}, {"sbp_mmhg": "180", "dbp_mmhg": "100"}, "stop", ["blood_pressure"]),
    ("bp 150/110", {}, {"sbp_mmhg": "150", "dbp_mmhg": "110"}, "stop", ["blood_pressure"]),
    ("bp 185/85", {}, {"sbp_mmhg": "185", "dbp_mmhg": "85"}, "stop", ["blood_pressure"]),
    (
        "measured high bp counts as a relative factor",
        {"smoking": "yes", "varicose_veins": "yes"},
        {"sbp_mmhg": "150", "dbp_mmhg": "95"},
        "stop",
        ["varicose_veins", "smoking", "blood_pressure"],
    ),
    (
        "answered and measured hypertension count once",
        {"smoking": "yes", "untreated_hypertension": "yes"},
        {"sbp_mmhg": "150", "dbp_mmhg": "95"},
        "caution",
        ["untreated_hypertension", "smoking"],
    ),
    (
        "answered hypertension and a stop reading",
        {"untreated_hypertension": "yes"},
        {"sbp_mmhg": "181", "dbp_mmhg": "95"},
        "stop",
        ["blood_pressure"],
    ),
    # BMI: above 35.0 as shown; measured and answered count the same way
    ("bmi 35.0", {}, {"height_cm": "200", "weight_kg": "140"}, "go", []),
    ("bmi 35.1", {}, {"height_cm": "200", "weight_kg": "140,4"}, "caution", ["bmi"]),
    ("bmi answered", {"bmi_over_35": "yes"}, {}, "caution", ["bmi_over_35"]),
    (
        "bmi answered + two relative",
        {"bmi_over_35": "yes", "smoking": "yes", "varicose_veins": "yes"},
        {},
        "stop",
        ["bmi_over_35", "varicose_veins", "smoking"],
    ),
    (
        "bmi measured + two relative",
        {"smoking": "yes", "varicose_veins": "yes"},
        {"height_cm": "170", "weight_kg": "105"},
        "stop",
        ["varicose_veins", "smoking", "bmi"],
    ),
    (
        "bmi answered yes, measured lower: measurement decides",
        {"bmi_over_35": "yes"},
        {"height_cm": "180", "weight_kg": "65"},
        "go",
        [],
    ),
    (
        "bmi answered no, measured higher",
        {},
        {"height_cm": "170", "weight_kg": "105"},
        "caution",
        ["bmi"],
    ),
    (
        "stop wins and lists only stop reasons",
        {"pregnancy": "yes", "smoking": "yes", "anxiety": "yes"},
        {"sbp_mmhg": "150", "dbp_mmhg": "95"},
        "stop",
        ["pregnancy"],
    ),
]
SCENARIOS += [
    (
        f"new question {qid}",
        {qid: "yes"},
        {},
        dict(CONTRACT)[qid]
        .replace("absolute", "stop")
        .replace("relative", "caution")
        .replace("supervised", "caution"),
        [qid],
    )
    for qid in NEW
]


@pytest.mark.parametrize(
    ("what", "given", "measured", "level", "decisive"), SCENARIOS, ids=[s[0] for s in SCENARIOS]
)
def test_scenario(what: str, given: M, measured: M, level: str, decisive: list[str]) -> None:
    out = result({"answers": answers(**given), **measured})
    assert (out["level"], out["decisive"]) == (level, decisive), what


@pytest.mark.parametrize("qid", ABSOLUTE)
def test_any_absolute_alone_is_stop(qid: str) -> None:
    assert result({"answers": answers(**{qid: "yes"})})["level"] == "stop"


@pytest.mark.parametrize("qid", RELATIVE)
def test_any_relative_alone_is_caution(qid: str) -> None:
    out = result({"answers": answers(**{qid: "yes"})})
    assert (out["level"], out["relative"]) == ("caution", [qid])


@pytest.mark.parametrize("qid", SUPERVISED)
def test_any_supervised_item_alone_is_caution_with_supervision(qid: str) -> None:
    out = result({"answers": answers(**{qid: "yes"})})
    assert (out["level"], out["supervised"], out["advice"]) == ("caution", [qid], ["supervision"])


def test_the_supervised_items_never_add_up_to_stop_in_any_combination() -> None:
    for mask in range(1, 1 << len(SUPERVISED)):
        chosen = {q: "yes" for i, q in enumerate(SUPERVISED) if mask >> i & 1}
        assert result({"answers": answers(**chosen)})["level"] == "caution", chosen


def test_advice_names_the_surgical_team_and_the_other_limb() -> None:
    assert result({"answers": answers(recent_surgery="yes")})["advice"] == ["surgical_team"]
    assert result({"answers": answers(fistula_lymphoedema="yes")})["advice"] == ["other_limb"]
    assert result({"answers": answers(acute_illness="yes")})["advice"] == ["wait_until_well"]


def test_the_blood_pressure_result_shows_the_reading_and_the_threshold_it_crossed() -> None:
    out = result({"answers": answers(), "sbp_mmhg": "150", "dbp_mmhg": "95"})
    assert out["blood_pressure"] == {
        "sbp_mmhg": 150,
        "dbp_mmhg": 95,
        "band": "caution",
        "limit_sbp_mmhg": 140,
        "limit_dbp_mmhg": 90,
    }
    out = result({"answers": answers(), "sbp_mmhg": "185", "dbp_mmhg": "85"})
    assert (
        out["blood_pressure"]["band"] == "stop" and out["blood_pressure"]["limit_sbp_mmhg"] == 180
    )
    assert out["measurements"] == {"blood_pressure_stop": True, "blood_pressure_caution": False}
    out = result({"answers": answers(), "sbp_mmhg": "120", "dbp_mmhg": "80"})
    assert out["blood_pressure"]["band"] == "below"
    for band in ("stop", "caution", "below"):
        words = STRINGS[f"ui.screening.bp.{band}"]
        assert (
            "{sbp_mmhg}/{dbp_mmhg} mmHg" in words["en"]
            and "{sbp_mmhg}/{dbp_mmhg} mmHg" in words["da"]
        )


def test_a_bmi_answer_that_contradicts_the_measurement_is_reported() -> None:
    out = result({"answers": answers(bmi_over_35="yes"), "height_cm": "180", "weight_kg": "65"})
    assert (out["bmi"], out["warnings"]) == (20.1, ["bmi_measured_not_over_35"])
    out = result({"answers": answers(), "height_cm": "170", "weight_kg": "105"})
    assert (out["bmi"], out["warnings"]) == (36.3, ["bmi_measured_over_35"])
    out = result(
        {"answers": answers(bmi_over_35="not_sure"), "height_cm": "180", "weight_kg": "65"}
    )
    assert out["warnings"] == []  # the measurement settles a "not sure" without a contradiction


def test_go_result_shape() -> None:
    assert result({"answers": answers()}) == {
        "level": "go",
        "decisive": [],
        "absolute": [],
        "relative": [],
        "supervised": [],
        "advice": [],
        "measurements": {},
        "warnings": [],
    }


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("height", "weight", "ok"),
    [
        ("250", "20", False),
        ("200", "47.7", False),  # 11.9
        ("200", "48", True),  # 12.0
        ("100", "100", True),  # 100.0
        ("100", "100.1", False),  # 100.1
    ],
)
def test_an_impossible_bmi_asks_to_check_the_numbers(height: str, weight: str, ok: bool) -> None:
    out = call("screening", {"answers": answers(), "height_cm": height, "weight_kg": weight})
    if ok:
        assert out["ok"], out
    else:
        assert [(e["field"], e["code"], e["min"], e["max"]) for e in out["errors"]] == [
            ("weight_kg", "implausible_bmi", 12, 100)
        ]


@pytest.mark.parametrize(
    ("sbp", "dbp", "ok"), [("61", "60", False), ("69", "60", False), ("70", "60", True)]
)
def test_a_pulse_pressure_under_10_asks_to_check_the_numbers(sbp: str, dbp: str, ok: bool) -> None:
    out = call("screening", {"answers": answers(), "sbp_mmhg": sbp, "dbp_mmhg": dbp})
    if ok:
        assert out["ok"], out
    else:
        assert out["errors"] == [
            {"field": "dbp_mmhg", "code": "implausible_pulse_pressure", "min": 10}
        ]


def test_the_check_the_numbers_errors_have_words_in_both_languages() -> None:
    for code in ("implausible_bmi", "implausible_pulse_pressure", "inconsistent_blood_pressure"):
        words = STRINGS[f"error.{code}"]
        assert "Check the" in words["en"] and "Tjek" in words["da"], code


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
