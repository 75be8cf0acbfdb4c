"""The boundary of ``screening``: every question answered, and the optional measurements
(``screening.py`` holds the rule and its sources).
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


def read(payload: JSON) -> JSON:
    r = Reader(payload, ("answers", *MEASUREMENTS))
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
    values: dict[str, float | None] = {}
    for first, second in (("sbp_mmhg", "dbp_mmhg"), ("height_cm", "weight_kg")):
        if r.has(first) or r.has(second):
            for name in (first, second):
                low, high, unit = MEASUREMENTS[name]
                values[name] = r.number(name, low, high, unit)
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
    res = screening.screen(answers, sbp_mmhg=sbp, dbp_mmhg=dbp, height_cm=height, weight_kg=weight)
    out: JSON = {
        "level": res.level,
        "decisive": list(res.decisive),
        "absolute": list(res.absolute),
        "relative": list(res.relative),
        "supervised": list(res.supervised),
        "advice": list(res.advice),
        "measurements": dict(res.measurements),
        "warnings": list(res.warnings),
    }
    if res.bmi is not None:
        out["bmi"] = res.bmi
        out["bmi_limit"] = num(screening.BMI_CAUTION_ABOVE)
    if res.blood_pressure_band is not None and sbp is not None and dbp is not None:
        limit = screening.BP_STOP if res.blood_pressure_band == "stop" else screening.BP_CAUTION
        out["blood_pressure"] = {
            "sbp_mmhg": num(sbp),
            "dbp_mmhg": num(dbp),
            "band": res.blood_pressure_band,
            "limit_sbp_mmhg": num(limit[0]),
            "limit_dbp_mmhg": num(limit[1]),
        }
    return out
