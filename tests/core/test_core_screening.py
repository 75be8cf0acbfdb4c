"""The site's screening rule as a table of scenarios: each rule on both sides of its threshold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from core_helpers import call

from calculators.screening import (
    ADVICE_CODES,
    LIMBS,
    NEXT_CODES,
    QUESTION_IDS,
    QUESTIONS,
    TAGS,
    WHY_CODES,
)
from calculators.strings import LANGUAGES, STRINGS

#: Every question in the order the screening shows it, with its kind.
CONTRACT = [
    ("unstable_heart_disease", "absolute"),
    ("heart_disease", "relative"),
    ("arrhythmia", "relative"),
    ("untreated_hypertension", "relative"),
    ("fainting", "relative"),
    ("vein_artery_disease", "absolute"),
    ("varicose_veins", "relative"),
    ("previous_clot", "absolute"),
    ("clotting_disorder", "absolute"),
    ("sickle_cell", "absolute"),
    ("family_clot", "relative"),
    ("anticoagulants", "relative"),
    ("recent_surgery", "relative"),
    ("immobilisation", "relative"),
    ("long_travel", "relative"),
    ("hormonal_contraception", "relative"),
    ("hormone_therapy", "relative"),
    ("active_cancer", "absolute"),
    ("diabetes", "relative"),
    ("kidney_disease", "relative"),
    ("rheumatoid_arthritis", "relative"),
    ("rhabdomyolysis", "relative"),
    ("acute_illness", "today"),
    ("open_wound", "limb"),
    ("fistula_lymphoedema", "limb"),
    ("lymph_nodes_removed", "limb"),
    ("reduced_sensation", "limb"),
    ("pregnancy", "absolute"),
    ("bmi_over_35", "relative"),
    ("smoking", "relative"),
    ("anabolic_steroids", "relative"),
    ("under_18", "supervised"),
    ("functional_disorder", "supervised"),
    ("fibromyalgia", "supervised"),
    ("health_anxiety", "supervised"),
    ("anxiety", "supervised"),
    ("cognitive_impairment", "supervised"),
]
PSYCHOLOGICAL = [
    "functional_disorder",
    "fibromyalgia",
    "health_anxiety",
    "anxiety",
    "cognitive_impairment",
]
RELATIVE = [i for i, k in CONTRACT if k == "relative"]
ABSOLUTE = [i for i, k in CONTRACT if k == "absolute"]
SUPERVISED = [i for i, k in CONTRACT if k == "supervised"]
LIMB = [i for i, k in CONTRACT if k == "limb"]
#: Relative answers that give "talk to a professional first" but never add to the count.
NOT_COUNTED = ["anticoagulants"]
COUNTED = [i for i in RELATIVE if i not in NOT_COUNTED]
HOME = {"bp_place": "home"}
CLINIC = {"bp_place": "clinic"}
#: A reading below both thresholds: the "measure it first" step does not apply.
NORMAL_BP = {"sbp_mmhg": "118", "dbp_mmhg": "76", **HOME}


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


def test_the_groups_are_shown_in_the_order_of_the_file() -> None:
    # The form numbers questions 1-N down the page: the file must list each group in one run.
    groups = [q["group"] for q in json.loads(Path("calculators/questions.json").read_text())]
    runs = [g for i, g in enumerate(groups) if i == 0 or groups[i - 1] != g]
    assert runs == ["heart", "blood", "conditions", "limbs", "you", "feel"]


def test_every_question_has_a_kind_and_a_source_or_an_explicit_null() -> None:
    raw = json.loads(Path("calculators/questions.json").read_text(encoding="utf-8"))
    keys = reference_keys()
    for q in raw:
        assert q["kind"] in ("absolute", "relative", "supervised", "limb", "today"), q["id"]
        assert "source" in q, q["id"]  # null is the site's own precaution, never a missing key
        assert q["source"] is None or q["source"] in keys, q["id"]
    own = {q["id"] for q in raw if q["source"] is None}
    # the psychological items, hormone therapy (C5) and earlier muscle breakdown are the site's
    # own precaution; so are BMI, wounds and varicose veins, whose items in Kacin 2015 were not read
    assert set(PSYCHOLOGICAL) | {"hormone_therapy", "rhabdomyolysis"} <= own
    assert {"bmi_over_35", "open_wound", "varicose_veins"} <= own
    # dizziness on standing (postural hypotension) is in Nascimento's checklist
    assert next(q for q in raw if q["id"] == "fainting")["source"] == "nascimento-2022"
    # reduced feeling rests on Kacin 2015 ("peripheral neurologic conditions"; C2)
    assert next(q for q in raw if q["id"] == "reduced_sensation")["source"] == "kacin-2015"


def test_only_the_intended_answers_share_a_condition_or_are_not_counted() -> None:
    shared: dict[str, list[str]] = {}
    for q in QUESTIONS:
        shared.setdefault(q.condition, []).append(q.id)
    assert {c: ids for c, ids in shared.items() if len(ids) > 1} == {
        "surgery": ["recent_surgery", "immobilisation"],
        "hormones": ["hormonal_contraception", "hormone_therapy"],
    }
    assert [q.id for q in QUESTIONS if not q.counts] == NOT_COUNTED
    assert [q.id for q in QUESTIONS if q.not_sure == "find_out"] == ["family_clot"]
    assert [q.id for q in QUESTIONS if q.follow_up] == ["recent_surgery"]


def test_every_question_has_text_a_hint_and_a_short_name_in_both_languages() -> None:
    for qid in QUESTION_IDS:
        for part in ("text", "hint", "short"):
            value = STRINGS[f"question.{qid}.{part}"]
            assert all(value[lang].strip() for lang in LANGUAGES), (qid, part)


def test_every_code_the_result_can_carry_has_words() -> None:
    for code in ADVICE_CODES:
        assert f"advice.{code}" in STRINGS, code
    for code in WHY_CODES - {"relative"}:
        assert f"ui.why.{code}" in STRINGS, code
    assert "ui.why.relative" in STRINGS and "ui.why.relative_one" in STRINGS
    for code in NEXT_CODES - {"questions", "print", "bp_urgent"}:
        assert f"ui.next.{code}" in STRINGS, code
    for tag in {*TAGS.values(), "ask"}:
        assert f"ui.tag.{tag}" in STRINGS, tag
    for limb in LIMBS:
        assert f"option.limbs.{limb}" in STRINGS, limb
    for place in ("home", "clinic"):
        assert f"option.bp_place.{place}" in STRINGS and f"ui.bp_place.{place}" in STRINGS


def test_the_questions_say_what_they_mean() -> None:
    en = {qid: STRINGS[f"question.{qid}.text"]["en"] for qid in QUESTION_IDS}
    da = {qid: STRINGS[f"question.{qid}.text"]["da"] for qid in QUESTION_IDS}
    hint = {qid: STRINGS[f"question.{qid}.hint"]["en"] for qid in QUESTION_IDS}
    # varicose veins are excluded from the vein/artery question, with examples of what is meant;
    # the surgery meant is on the arteries of the limbs (E7), not a heart stent or vein treatment
    assert "other than varicose veins" in en["vein_artery_disease"]
    assert "ud over åreknuder" in da["vein_artery_disease"]
    for word in ("peripheral artery disease", "aneurysm", "arteries of your arms or legs"):
        assert word in en["vein_artery_disease"]
    assert "a stent or a bypass in the heart" in hint["vein_artery_disease"]
    # "recent" is always a period
    for qid in QUESTION_IDS:
        assert "recent" not in en[qid].lower(), qid
        assert "for nylig" not in da[qid].lower(), qid
    assert (
        "in the last 3 months" in en["recent_surgery"] and "in the last 3 months" in en["pregnancy"]
    )
    assert "not well controlled" in en["untreated_hypertension"]
    assert "ikke er velreguleret" in da["untreated_hypertension"]
    # diabetes asks about control and damage, not treatment (E4)
    assert "not well controlled" in en["diabetes"] and "damaged" in en["diabetes"]
    assert "treated" not in en["diabetes"] and "behandling" not in da["diabetes"]
    # the lymph-node question names the armpit and the groin (E3)
    assert "armpit" in en["lymph_nodes_removed"] and "groin" in en["lymph_nodes_removed"]
    assert "armhule" in da["lymph_nodes_removed"] and "lyske" in da["lymph_nodes_removed"]
    # anticoagulants in Danish are not every "blood thinner": Hjertemagnyl is left out (D2)
    assert "AK-behandling" in da["anticoagulants"]
    assert "Hjertemagnyl" in STRINGS["question.anticoagulants.hint"]["da"]
    assert "aspirin" in hint["anticoagulants"]
    # earlier muscle breakdown after exercise is asked about (E6)
    assert "rhabdomyolysis" in en["rhabdomyolysis"] and "after exercise" in en["rhabdomyolysis"]
    # active cancer says what counts (E9)
    assert "6 months" in hint["active_cancer"] and "hormone therapy" in hint["active_cancer"]


# --------------------------------------------------------------------------- scenarios

M = dict[str, Any]
#: (what, answers, other payload fields, level, decisive)
SCENARIOS: list[tuple[str, M, M, str, list[str]]] = [
    ("nothing", {}, NORMAL_BP, "go", []),
    ("one relative", {"smoking": "yes"}, {}, "caution", ["smoking"]),
    (
        "two unrelated relative: caution",
        {"smoking": "yes", "varicose_veins": "yes"},
        {},
        "caution",
        ["varicose_veins", "smoking"],
    ),
    (
        "three unrelated relative: stop",
        {"smoking": "yes", "varicose_veins": "yes", "kidney_disease": "yes"},
        {},
        "stop",
        ["varicose_veins", "kidney_disease", "smoking"],
    ),
    ("not sure is yes", {"pregnancy": "not_sure"}, {}, "stop", ["pregnancy"]),
    ("varicose veins alone", {"varicose_veins": "yes"}, {}, "caution", ["varicose_veins"]),
    (
        "unstable heart disease",
        {"unstable_heart_disease": "yes"},
        {},
        "stop",
        ["unstable_heart_disease"],
    ),
    ("stable heart disease", {"heart_disease": "yes"}, {}, "caution", ["heart_disease"]),
    ("all psychological items", dict.fromkeys(PSYCHOLOGICAL, "yes"), {}, "caution", PSYCHOLOGICAL),
    (
        "all supervised items",
        dict.fromkeys(SUPERVISED, "not_sure"),
        {},
        "caution",
        [i for i in QUESTION_IDS if i in SUPERVISED],
    ),
    (
        "two relative and every supervised item",
        {"smoking": "yes", "varicose_veins": "yes", **dict.fromkeys(SUPERVISED, "yes")},
        {},
        "caution",
        ["varicose_veins", "smoking", *[i for i in QUESTION_IDS if i in SUPERVISED]],
    ),
    # conditions add up, not questions: one episode counts once (E1)
    (
        "surgery + brace + pill, under a team: caution",
        {"recent_surgery": "yes", "immobilisation": "yes", "hormonal_contraception": "yes"},
        {"surgical_team": "yes"},
        "caution",
        ["recent_surgery", "immobilisation", "hormonal_contraception"],
    ),
    (
        "surgery + brace + pill, no team: caution with other advice",
        {"recent_surgery": "yes", "immobilisation": "yes", "hormonal_contraception": "yes"},
        {"surgical_team": "no"},
        "caution",
        ["recent_surgery", "immobilisation", "hormonal_contraception"],
    ),
    (
        "surgery + brace + pill + smoking: three conditions, stop",
        {
            "recent_surgery": "yes",
            "immobilisation": "yes",
            "hormonal_contraception": "yes",
            "smoking": "yes",
        },
        {"surgical_team": "yes"},
        "stop",
        ["recent_surgery", "immobilisation", "hormonal_contraception", "smoking"],
    ),
    (
        "bed rest and a long journey are two factors",
        {"immobilisation": "yes", "long_travel": "yes", "smoking": "yes"},
        {},
        "stop",
        ["immobilisation", "long_travel", "smoking"],
    ),
    (
        "the pill and hormone therapy count once",
        {"hormonal_contraception": "yes", "hormone_therapy": "yes", "smoking": "yes"},
        {},
        "caution",
        ["hormonal_contraception", "hormone_therapy", "smoking"],
    ),
    # a medicine does not add to the count of the condition it treats
    (
        "arrhythmia + its anticoagulant + stable heart disease: caution",
        {"arrhythmia": "yes", "anticoagulants": "yes", "heart_disease": "yes"},
        {},
        "caution",
        ["heart_disease", "arrhythmia", "anticoagulants"],
    ),
    (
        "arrhythmia + stable heart disease + smoking: stop",
        {"arrhythmia": "yes", "heart_disease": "yes", "smoking": "yes"},
        {},
        "stop",
        ["heart_disease", "arrhythmia", "smoking"],
    ),
    ("anticoagulant alone", {"anticoagulants": "yes"}, {}, "caution", ["anticoagulants"]),
    # family history: "not sure" asks the reader to find out, "yes" counts
    (
        "family not sure + smoking + varicose veins: caution",
        {"family_clot": "not_sure", "smoking": "yes", "varicose_veins": "yes"},
        {},
        "caution",
        ["varicose_veins", "family_clot", "smoking"],
    ),
    (
        "family yes + smoking + varicose veins: stop",
        {"family_clot": "yes", "smoking": "yes", "varicose_veins": "yes"},
        {},
        "stop",
        ["varicose_veins", "family_clot", "smoking"],
    ),
    ("family not sure alone", {"family_clot": "not_sure"}, {}, "caution", ["family_clot"]),
    # illness: not today alone; a stop factor still stops
    ("illness alone: not today", {"acute_illness": "yes"}, {}, "not_today", ["acute_illness"]),
    (
        "illness + a stop factor: stop",
        {"acute_illness": "yes", "previous_clot": "yes"},
        {},
        "stop",
        ["previous_clot"],
    ),
    (
        "illness + a risk factor: caution",
        {"acute_illness": "yes", "smoking": "yes"},
        {},
        "caution",
        ["smoking"],
    ),
    # rhabdomyolysis after exercise (E6)
    ("rhabdomyolysis yes", {"rhabdomyolysis": "yes"}, NORMAL_BP, "caution", ["rhabdomyolysis"]),
    ("rhabdomyolysis no", {"rhabdomyolysis": "no"}, NORMAL_BP, "go", []),
    # diabetes by control and damage (E4)
    ("diabetes yes", {"diabetes": "yes"}, {}, "caution", ["diabetes"]),
    (
        "diabetes + kidney disease + reduced feeling in both feet",
        {"diabetes": "yes", "kidney_disease": "yes", "reduced_sensation": "yes"},
        {"limbs": {"reduced_sensation": ["left_leg", "right_leg"]}},
        "caution",
        ["diabetes", "kidney_disease"],
    ),
    ("fainting", {"fainting": "yes"}, {}, "caution", ["fainting"]),
    # blood pressure by where it was measured; either number is enough (C1, E5)
    (
        "home 136/86: caution",
        {},
        {"sbp_mmhg": "136", "dbp_mmhg": "86", **HOME},
        "caution",
        ["blood_pressure"],
    ),
    ("clinic 136/86: below", {}, {"sbp_mmhg": "136", "dbp_mmhg": "86", **CLINIC}, "go", []),
    ("home 134/84: below", {}, {"sbp_mmhg": "134", "dbp_mmhg": "84", **HOME}, "go", []),
    (
        "home 135/70: caution",
        {},
        {"sbp_mmhg": "135", "dbp_mmhg": "70", **HOME},
        "caution",
        ["blood_pressure"],
    ),
    (
        "home 120/85: caution",
        {},
        {"sbp_mmhg": "120", "dbp_mmhg": "85", **HOME},
        "caution",
        ["blood_pressure"],
    ),
    ("clinic 139/89: below", {}, {"sbp_mmhg": "139", "dbp_mmhg": "89", **CLINIC}, "go", []),
    (
        "clinic 140/80: caution",
        {},
        {"sbp_mmhg": "140", "dbp_mmhg": "80", **CLINIC},
        "caution",
        ["blood_pressure"],
    ),
    (
        "clinic 130/90: caution",
        {},
        {"sbp_mmhg": "130", "dbp_mmhg": "90", **CLINIC},
        "caution",
        ["blood_pressure"],
    ),
    (
        "clinic 179/109: caution",
        {},
        {"sbp_mmhg": "179", "dbp_mmhg": "109", **CLINIC},
        "caution",
        ["blood_pressure"],
    ),
    (
        "home 179/109: caution",
        {},
        {"sbp_mmhg": "179", "dbp_mmhg": "109", **HOME},
        "caution",
        ["blood_pressure"],
    ),
    (
        "home 180/110: stop",
        {},
        {"sbp_mmhg": "180", "dbp_mmhg": "110", **HOME},
        "stop",
        ["blood_pressure"],
    ),
    (
        "clinic 180/110: stop",
        {},
        {"sbp_mmhg": "180", "dbp_mmhg": "110", **CLINIC},
        "stop",
        ["blood_pressure"],
    ),
    (
        "clinic 180/100: stop",
        {},
        {"sbp_mmhg": "180", "dbp_mmhg": "100", **CLINIC},
        "stop",
        ["blood_pressure"],
    ),
    (
        "home 150/110: stop",
        {},
        {"sbp_mmhg": "150", "dbp_mmhg": "110", **HOME},
        "stop",
        ["blood_pressure"],
    ),
    (
        "measured high bp counts as a risk factor",
        {"smoking": "yes", "varicose_veins": "yes"},
        {"sbp_mmhg": "150", "dbp_mmhg": "95", **CLINIC},
        "stop",
        ["varicose_veins", "smoking", "blood_pressure"],
    ),
    (
        "answered and measured hypertension count once",
        {"smoking": "yes", "untreated_hypertension": "yes"},
        {"sbp_mmhg": "150", "dbp_mmhg": "95", **CLINIC},
        "caution",
        ["untreated_hypertension", "smoking"],
    ),
    (
        "answered hypertension and a stop reading",
        {"untreated_hypertension": "yes"},
        {"sbp_mmhg": "181", "dbp_mmhg": "95", **HOME},
        "stop",
        ["blood_pressure"],
    ),
    # BMI: above 35.0 as shown; measured and answered count the same way
    ("bmi 35.0", {}, {"height_cm": "200", "weight_kg": "140", **NORMAL_BP}, "go", []),
    ("bmi 35.1", {}, {"height_cm": "200", "weight_kg": "140,4"}, "caution", ["bmi"]),
    ("bmi answered", {"bmi_over_35": "yes"}, {}, "caution", ["bmi_over_35"]),
    (
        "bmi answered + two relative",
        {"bmi_over_35": "yes", "smoking": "yes", "varicose_veins": "yes"},
        {},
        "stop",
        ["varicose_veins", "bmi_over_35", "smoking"],
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
        {"height_cm": "180", "weight_kg": "65", **NORMAL_BP},
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
        {"sbp_mmhg": "150", "dbp_mmhg": "95", **CLINIC},
        "stop",
        ["pregnancy"],
    ),
]
# each limb-specific item on one limb (the others may be used), and on all four (none left)
for _qid in LIMB:
    SCENARIOS.append(
        (
            f"{_qid} on one arm",
            {_qid: "yes"},
            {"limbs": {_qid: ["left_arm"]}, **NORMAL_BP},
            "go",
            [],
        )
    )
    SCENARIOS.append(
        (
            f"{_qid} on every limb",
            {_qid: "not_sure"},
            {"limbs": {_qid: list(LIMBS)}},
            "stop",
            [_qid],
        )
    )


@pytest.mark.parametrize(
    ("what", "given", "other", "level", "decisive"), SCENARIOS, ids=[s[0] for s in SCENARIOS]
)
def test_scenario(what: str, given: M, other: M, level: str, decisive: list[str]) -> None:
    out = result({"answers": answers(**given), **other})
    assert (out["level"], out["decisive"]) == (level, decisive), what


@pytest.mark.parametrize("qid", ABSOLUTE)
def test_any_absolute_alone_is_stop(qid: str) -> None:
    out = result({"answers": answers(**{qid: "yes"})})
    assert (out["level"], out["why"], out["tags"]) == ("stop", ["absolute"], {qid: "stop"})


@pytest.mark.parametrize("qid", COUNTED)
def test_any_counted_relative_alone_is_caution_and_counts_one(qid: str) -> None:
    team = {"surgical_team": "yes"} if qid == "recent_surgery" else {}
    out = result({"answers": answers(**{qid: "yes"}), **team})
    assert (out["level"], out["relative"], out["count"]) == ("caution", [qid], 1)
    assert (out["why"], out["tags"]) == (["relative"], {qid: "risk"})


@pytest.mark.parametrize("qid", SUPERVISED)
def test_any_supervised_item_alone_is_caution_with_supervision(qid: str) -> None:
    out = result({"answers": answers(**{qid: "yes"})})
    assert (out["level"], out["supervised"], out["advice"]) == ("caution", [qid], ["supervision"])
    assert out["count"] == 0


def test_the_supervised_items_never_add_up_to_stop_in_any_combination() -> None:
    for mask in range(1, 1 << len(SUPERVISED)):
        chosen = {q: "yes" for i, q in enumerate(SUPERVISED) if mask >> i & 1}
        assert result({"answers": answers(**chosen)})["level"] == "caution", chosen


# --------------------------------------------------------------------------- what it says


def test_a_stop_from_several_factors_says_so_and_names_them() -> None:
    out = result(
        {
            "answers": answers(smoking="yes", varicose_veins="not_sure"),
            "sbp_mmhg": "150",
            "dbp_mmhg": "95",
            "bp_place": "home",
        }
    )
    assert (out["level"], out["why"], out["count"], out["count_limit"]) == (
        "stop",
        ["count"],
        3,
        3,
    )
    assert out["decisive"] == ["varicose_veins", "smoking", "blood_pressure"]
    assert out["tags"] == {"varicose_veins": "risk", "smoking": "risk", "blood_pressure": "risk"}
    assert out["not_sure"] == ["varicose_veins"]  # "You answered: Not sure"
    two = result({"answers": answers(smoking="yes", varicose_veins="yes")})
    assert (two["level"], two["why"], two["count"]) == ("caution", ["relative"], 2)


def test_one_episode_is_named_as_one_group() -> None:
    out = result(
        {
            "answers": answers(recent_surgery="yes", immobilisation="yes", smoking="yes"),
            "surgical_team": "yes",
        }
    )
    assert (out["count"], out["groups"]) == (2, [["recent_surgery", "immobilisation"]])


def test_the_team_changes_the_advice_and_the_next_step_never_the_level() -> None:
    knee = answers(recent_surgery="yes", immobilisation="yes", hormonal_contraception="yes")
    team = result({"answers": knee, "surgical_team": "yes"})
    alone = result({"answers": knee, "surgical_team": "no"})
    assert (team["level"], team["advice"], team["next"][0]) == (
        "caution",
        ["surgical_team"],
        "team",
    )
    assert (alone["level"], alone["advice"], alone["next"][0]) == (
        "caution",
        ["surgery_no_team"],
        "professional",
    )
    # under "stop" the team is shown the result; "train with your team" is never beside "Stop"
    stopped = result({"answers": {**knee, "previous_clot": "yes"}, "surgical_team": "yes"})
    assert stopped["level"] == "stop"
    assert "surgical_team" not in stopped["advice"] and "surgical_team_stop" in stopped["advice"]
    assert "team_stop" in stopped["next"] and "doctor" not in stopped["next"]


def test_a_team_answer_is_needed_after_an_operation_and_ignored_without_one() -> None:
    out = call("screening", {"answers": answers(recent_surgery="not_sure")})
    assert out["errors"] == [{"field": "surgical_team", "code": "required"}]
    out = call("screening", {"answers": answers(recent_surgery="yes"), "surgical_team": "maybe"})
    assert out["errors"][0]["code"] == "invalid_option"
    assert result({"answers": answers(), "surgical_team": "yes"})["level"] == "go"


def test_illness_alone_says_not_today_and_answer_again() -> None:
    out = result({"answers": answers(acute_illness="yes")})
    assert (out["level"], out["why"], out["next"]) == ("not_today", ["illness"], ["well_again"])
    assert out["tags"] == {"acute_illness": "today"}
    assert "doctor" not in out["next"]  # a cold is not a reason to see a doctor (E2)
    # with a risk factor the professional comes first, and the reader is still told to wait
    both = result({"answers": answers(acute_illness="yes", smoking="yes")})
    assert both["level"] == "caution" and "wait_until_well" in both["advice"]
    # with a stop factor, "answer again once you are well" would suggest the stop may lift
    stop = result({"answers": answers(acute_illness="yes", previous_clot="yes")})
    assert "wait_until_well" not in stop["advice"]


@pytest.mark.parametrize("qid", LIMB)
def test_a_limb_problem_excludes_that_limb_only(qid: str) -> None:
    one = result({"answers": answers(**{qid: "yes"}), "limbs": {qid: ["right_leg"]}})
    assert one["limbs"] == {
        "excluded": [{"limb": "right_leg", "because": [qid]}],
        "allowed": ["left_arm", "right_arm", "left_leg"],
    }
    assert (one["level"], one["why"], one["tags"]) == ("go", ["limbs_only"], {qid: "limb"})
    two = result({"answers": answers(**{qid: "yes"}), "limbs": {qid: ["right_arm", "left_arm"]}})
    assert [e["limb"] for e in two["limbs"]["excluded"]] == ["left_arm", "right_arm"]
    assert two["limbs"]["allowed"] == ["left_leg", "right_leg"]
    assert two["level"] == "go"
    # the other limbs follow the rest of the rule
    other = result(
        {"answers": answers(**{qid: "yes"}, smoking="yes"), "limbs": {qid: ["left_arm"]}}
    )
    assert (other["level"], other["limbs"]["allowed"]) == (
        "caution",
        ["right_arm", "left_leg", "right_leg"],
    )


def test_two_limb_problems_on_one_limb_name_both_and_four_limbs_stop() -> None:
    out = result(
        {
            "answers": answers(open_wound="yes", reduced_sensation="yes"),
            "limbs": {"open_wound": ["left_leg"], "reduced_sensation": ["left_leg", "right_leg"]},
        }
    )
    assert out["limbs"]["excluded"] == [
        {"limb": "left_leg", "because": ["open_wound", "reduced_sensation"]},
        {"limb": "right_leg", "because": ["reduced_sensation"]},
    ]
    assert out["level"] == "go"
    every = result(
        {
            "answers": answers(lymph_nodes_removed="yes", fistula_lymphoedema="yes"),
            "limbs": {
                "lymph_nodes_removed": ["left_arm", "right_arm"],
                "fistula_lymphoedema": ["left_leg", "right_leg"],
            },
        }
    )
    assert (every["level"], every["why"], every["limbs"]["allowed"]) == (
        "stop",
        ["all_limbs"],
        [],
    )


def test_a_limb_question_answered_yes_needs_its_limbs() -> None:
    out = call("screening", {"answers": answers(open_wound="yes")})
    assert out["errors"] == [{"field": "limbs.open_wound", "code": "required_limb"}]
    out = call("screening", {"answers": answers(open_wound="yes"), "limbs": {"open_wound": []}})
    assert out["errors"] == [{"field": "limbs.open_wound", "code": "required_limb"}]
    out = call(
        "screening", {"answers": answers(open_wound="yes"), "limbs": {"open_wound": ["tail"]}}
    )
    assert out["errors"][0]["code"] == "invalid_option"
    out = call("screening", {"answers": answers(), "limbs": {"smoking": ["left_arm"]}})
    assert out["errors"] == [{"field": "smoking", "code": "unknown_question"}]
    # limbs of a question answered no are not read: the reader changed the answer
    assert result({"answers": answers(), "limbs": {"open_wound": ["left_arm"]}})["limbs"] == {
        "excluded": [],
        "allowed": list(LIMBS),
    }


def test_you_can_start_without_a_reading_says_measure_it_first() -> None:
    bare = result({"answers": answers()})
    assert (bare["level"], bare["next"]) == ("go", ["measure_bp", "first_session", "load"])
    measured = result({"answers": answers(), **NORMAL_BP})
    assert measured["next"] == ["first_session", "load"]


def test_a_reading_needs_the_place_it_was_taken() -> None:
    out = call("screening", {"answers": answers(), "sbp_mmhg": "130", "dbp_mmhg": "80"})
    assert out["errors"] == [{"field": "bp_place", "code": "required"}]
    out = call(
        "screening",
        {"answers": answers(), "sbp_mmhg": "130", "dbp_mmhg": "80", "bp_place": "gym"},
    )
    assert out["errors"][0]["field"] == "bp_place"
    # a place without a reading is not an error (the radios are on the form)
    assert result({"answers": answers(), "bp_place": "home"})["next"][0] == "measure_bp"


def test_pregnancy_sends_the_reader_to_the_midwife_or_doctor() -> None:
    out = result({"answers": answers(pregnancy="yes")})
    assert out["next"] == ["midwife", "safety", "print"]
    other = result({"answers": answers(previous_clot="yes")})
    assert other["next"] == ["doctor", "safety", "print"]


def test_a_stop_reading_leads_with_when_to_get_help() -> None:
    out = result({"answers": answers(), "sbp_mmhg": "185", "dbp_mmhg": "85", **CLINIC})
    assert out["next"] == ["bp_urgent", "doctor", "safety", "print"]
    assert out["why"] == ["blood_pressure"]


def test_each_level_ends_in_a_next_step() -> None:
    cases = {
        "go": {"answers": answers(), **NORMAL_BP},
        "not_today": {"answers": answers(acute_illness="yes")},
        "caution": {"answers": answers(smoking="yes")},
        "stop": {"answers": answers(previous_clot="yes")},
    }
    for level, payload in cases.items():
        out = result(payload)
        assert out["level"] == level and out["next"], level
        assert set(out["next"]) <= NEXT_CODES and set(out["why"]) <= WHY_CODES


def test_advice_follows_the_answers() -> None:
    assert result({"answers": answers(fainting="yes")})["advice"] == ["not_alone"]
    assert result({"answers": answers(rhabdomyolysis="yes")})["advice"] == ["start_gently"]
    assert result({"answers": answers(family_clot="not_sure")})["advice"] == ["find_out_family"]
    assert result({"answers": answers(family_clot="yes")})["advice"] == []
    assert result({"answers": answers(under_18="yes")})["advice"] == ["supervision"]


def test_the_blood_pressure_result_shows_the_reading_the_place_and_its_threshold() -> None:
    out = result({"answers": answers(), "sbp_mmhg": "150", "dbp_mmhg": "95", **CLINIC})
    assert out["blood_pressure"] == {
        "sbp_mmhg": 150,
        "dbp_mmhg": 95,
        "place": "clinic",
        "band": "caution",
        "limit_sbp_mmhg": 140,
        "limit_dbp_mmhg": 90,
    }
    home = result({"answers": answers(), "sbp_mmhg": "130", "dbp_mmhg": "80", **HOME})
    assert home["blood_pressure"]["band"] == "below"
    assert (home["blood_pressure"]["limit_sbp_mmhg"], home["blood_pressure"]["limit_dbp_mmhg"]) == (
        135,
        85,
    )
    out = result({"answers": answers(), "sbp_mmhg": "185", "dbp_mmhg": "85", **HOME})
    assert (
        out["blood_pressure"]["band"] == "stop" and out["blood_pressure"]["limit_sbp_mmhg"] == 180
    )
    assert out["measurements"] == {"blood_pressure_stop": True, "blood_pressure_caution": False}
    for band in ("stop", "caution", "below"):
        words = STRINGS[f"ui.screening.bp.{band}"]
        for lang in LANGUAGES:
            assert "{sbp_mmhg}/{dbp_mmhg} mmHg {place}" in words[lang]


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
        "why": ["none"],
        "count": 0,
        "count_limit": 3,
        "decisive": [],
        "absolute": [],
        "relative": [],
        "supervised": [],
        "tags": {},
        "not_sure": [],
        "groups": [],
        "limbs": {"excluded": [], "allowed": list(LIMBS)},
        "advice": [],
        "next": ["measure_bp", "first_session", "load"],
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
    out = call("screening", {"answers": answers(), "sbp_mmhg": sbp, "dbp_mmhg": dbp, **HOME})
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
            {"field": "smoking", "code": "required"},
            {"field": "anxiety", "code": "required"},
        ],
    }
    empty = call("screening", {})
    assert [e["field"] for e in empty["errors"]] == list(QUESTION_IDS)


def test_unknown_question_and_bad_answer() -> None:
    out = call("screening", {"answers": {**answers(smoking="maybe"), "tattoo": "no"}})
    assert {"field": "tattoo", "code": "unknown_question"} in out["errors"]
    assert any(e["field"] == "smoking" and e["code"] == "invalid_answer" for e in out["errors"])
    out = call("screening", {"answers": answers(), "limbs": ["left_arm"]})
    assert out["errors"] == [{"field": "limbs", "code": "not_an_object"}]


def test_measurement_pairs_are_required_together() -> None:
    out = call("screening", {"answers": answers(), "sbp_mmhg": "120", **HOME})
    assert out["errors"] == [{"field": "dbp_mmhg", "code": "required"}]
    out = call("screening", {"answers": answers(), "weight_kg": "80"})
    assert out["errors"] == [{"field": "height_cm", "code": "required"}]


def test_diastolic_above_systolic_is_an_error() -> None:
    out = call("screening", {"answers": answers(), "sbp_mmhg": "80", "dbp_mmhg": "120", **HOME})
    assert out["errors"] == [{"field": "dbp_mmhg", "code": "inconsistent_blood_pressure"}]
