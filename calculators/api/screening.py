"""The boundary of ``screening``: every question answered, the follow-ups the answers call for
(which arm or leg, whether a team follows an operation, where a blood pressure was measured) and
the optional measurements (``screening.py`` holds the rule and its sources).
"""

from __future__ import annotations

from .. import screening
from ._reader import JSON, Reader, blank, num

#: Measurements the reader may add: (lowest, highest accepted, unit). Outside: "check the number".
MEASUREMENTS: dict[str, tuple[float, float, str]] = {
    "sbp_mmhg": (60.0, 300.0, "mmhg"),
    "dbp_mmhg": (30.0, 200.0, "mmhg"),
    "height_cm": (100.0, 250.0, "cm"),
    "weight_kg": (20.0, 400.0, "kg"),
}
#: The error field of a limb question's "which arm or leg?" (the form's field of the same name).
LIMBS_FIELD = "limbs.{}"


def _answers(r: Reader, payload: JSON) -> dict[str, str]:
    raw = payload.get("answers", {})
    answers: dict[str, str] = {}
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        r.error("answers", "not_an_object")
        r.check()
    r.unknown((key for key in raw if key not in screening.QUESTION_IDS), "unknown_question")
    for qid in screening.QUESTION_IDS:
        value = raw.get(qid)
        if blank(value):
            r.error(qid, "required")
            continue
        text = value.strip().lower() if isinstance(value, str) else None
        if text not in screening.ANSWERS:
            r.error(qid, "invalid_answer", options=list(screening.ANSWERS))
            continue
        answers[qid] = text
    return answers


def _limbs(r: Reader, payload: JSON, answers: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """The limbs of each limb question answered yes or not sure; others' limbs are not read."""
    raw = payload.get("limbs", {})
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        r.error("limbs", "not_an_object")
        r.check()
    r.unknown((key for key in raw if key not in screening.LIMB_QUESTIONS), "unknown_question")
    chosen: dict[str, tuple[str, ...]] = {}
    for qid in screening.LIMB_QUESTIONS:
        if answers.get(qid, "no") == "no":
            continue
        value = raw.get(qid)
        if isinstance(value, str):
            value = [value] if value.strip() else []
        if value is None:
            value = []
        if not isinstance(value, list):
            r.error(LIMBS_FIELD.format(qid), "invalid_option", options=list(screening.LIMBS))
            continue
        limbs = [v.strip().lower() if isinstance(v, str) else None for v in value]
        if any(limb not in screening.LIMBS for limb in limbs):
            r.error(LIMBS_FIELD.format(qid), "invalid_option", options=list(screening.LIMBS))
            continue
        if not limbs:
            r.error(LIMBS_FIELD.format(qid), "required_limb")
            continue
        chosen[qid] = tuple(limb for limb in screening.LIMBS if limb in limbs)
    return chosen


#: The payload fields this reader takes (the registry in ``calculators.api.FIELDS``).
FIELDS = ("answers", "limbs", "surgical_team", "bp_place", *MEASUREMENTS)


def read(payload: JSON) -> JSON:
    r = Reader(payload, FIELDS)
    answers = _answers(r, payload)
    limbs = _limbs(r, payload, answers)
    team: str | None = None
    if answers.get(screening.TEAM_QUESTION, "no") != "no":
        team = r.option("surgical_team", screening.TEAM_ANSWERS, None)
    values: dict[str, float | None] = {}
    for first, second in (("sbp_mmhg", "dbp_mmhg"), ("height_cm", "weight_kg")):
        if r.has(first) or r.has(second):
            for name in (first, second):
                low, high, unit = MEASUREMENTS[name]
                values[name] = r.number(name, low, high, unit)
    place: str | None = None
    if r.has("sbp_mmhg") or r.has("dbp_mmhg"):
        place = r.option("bp_place", screening.PLACES, None)
    sbp, dbp = values.get("sbp_mmhg"), values.get("dbp_mmhg")
    if sbp is not None and dbp is not None:
        if sbp <= dbp:
            r.error("dbp_mmhg", "inconsistent_blood_pressure")
        elif sbp - dbp < screening.PULSE_PRESSURE_MIN_MMHG:
            gap = num(screening.PULSE_PRESSURE_MIN_MMHG)
            r.error("dbp_mmhg", "implausible_pulse_pressure", min=gap)
    height, weight = values.get("height_cm"), values.get("weight_kg")
    if height is not None and weight is not None:
        low, high = screening.BMI_PLAUSIBLE
        value = screening.bmi(height, weight)
        if not low <= value <= high:
            r.error("weight_kg", "implausible_bmi", bmi=value, min=num(low), max=num(high))
    r.check()
    res = screening.screen(
        answers,
        sbp_mmhg=sbp,
        dbp_mmhg=dbp,
        height_cm=height,
        weight_kg=weight,
        bp_place=place,
        limbs=limbs,
        surgical_team=team,
    )
    out: JSON = {
        "level": res.level,
        "why": list(res.why),
        "count": res.count,
        "count_limit": res.count_limit,
        "decisive": list(res.decisive),
        "absolute": list(res.absolute),
        "relative": list(res.relative),
        "supervised": list(res.supervised),
        "tags": dict(res.tags),
        "not_sure": list(res.not_sure),
        "groups": [list(group) for group in res.groups],
        "limbs": {
            "excluded": [
                {"limb": limb, "because": list(because)} for limb, because in res.excluded_limbs
            ],
            "allowed": list(res.allowed_limbs),
        },
        "advice": list(res.advice),
        "next": list(res.next),
        "measurements": dict(res.measurements),
        "warnings": list(res.warnings),
    }
    if res.bmi is not None:
        out["bmi"] = res.bmi
        out["bmi_limit"] = num(screening.BMI_CAUTION_ABOVE)
    if res.blood_pressure_band is not None and sbp is not None and dbp is not None and place:
        limit = screening.bp_limit(res.blood_pressure_band, place)
        out["blood_pressure"] = {
            "sbp_mmhg": num(sbp),
            "dbp_mmhg": num(dbp),
            "place": place,
            "band": res.blood_pressure_band,
            "limit_sbp_mmhg": num(limit[0]),
            "limit_dbp_mmhg": num(limit[1]),
        }
    return out
