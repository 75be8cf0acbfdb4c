"""The boundary of ``cuff_pressure``: a measured occlusion pressure, or an estimate
(``pressure.py``).

The page sends the way the reader chose (``method``); without it the way is inferred from which
fields are filled in.
"""

from __future__ import annotations

from .. import pressure
from ._reader import JSON, Reader, num

METHODS = ("measured", "estimated")
LIMBS = ("arm", "leg")
CUFF_WIDTH_LIMITS = (2.0, 30.0)
#: Values no adult can have: "check the number", before the equation's own sample is asked.
THIGH_CM_PLAUSIBLE = (20.0, 150.0)
SBP_MMHG_PLAUSIBLE = (50.0, 300.0)
AGE_YEARS_PLAUSIBLE = (1.0, 120.0)
_ESTIMATE_FIELDS = ("thigh_circumference_cm", "sbp_mmhg", "age_years", "sex")


def _population_number(
    r: Reader, field: str, sane: tuple[float, float], population: tuple[float, float], unit: str
) -> float | None:
    value = r.number(field, sane[0], sane[1], unit)
    if value is not None and not population[0] <= value <= population[1]:
        r.error(
            field, "outside_population", min=num(population[0]), max=num(population[1]), unit=unit
        )
        return None
    return value


def read(payload: JSON) -> JSON:
    r = Reader(payload, ("method", "aop_mmhg", "limb", "cuff_width_cm", *_ESTIMATE_FIELDS))
    measured = r.has("aop_mmhg")
    estimate = any(r.has(f) for f in _ESTIMATE_FIELDS)
    method = r.option("method", METHODS, "") or (
        "estimated" if estimate and not measured else "measured"
    )
    if estimate if method == "measured" else measured:
        r.error("aop_mmhg", "conflicting_fields", fields=["aop_mmhg", *_ESTIMATE_FIELDS])
        r.check()
    if method == "measured":
        aop = r.number("aop_mmhg", *pressure.AOP_RANGE_MMHG, "mmhg")
        limb = r.option("limb", LIMBS, "") or None
        width = None
        if r.has("cuff_width_cm"):
            width = r.number("cuff_width_cm", *CUFF_WIDTH_LIMITS, "cm")
        r.check()
        assert aop is not None
        return _pressure_json(pressure.from_measured(aop, limb, width))

    limb = r.option("limb", LIMBS, "leg")
    if limb == "arm":
        r.error("limb", "estimate_leg_only")
    width = r.number("cuff_width_cm", *CUFF_WIDTH_LIMITS, "cm")
    if width is not None and limb == "leg":
        if width <= pressure.NARROW_CUFF_MAX_CM:
            r.error("cuff_width_cm", "narrow_cuff_no_estimate")
        elif abs(width - pressure.ESTIMATE_CUFF_WIDTH_CM) > pressure.ESTIMATE_CUFF_TOLERANCE_CM:
            r.error(
                "cuff_width_cm",
                "cuff_width_no_equation",
                width_cm=num(pressure.ESTIMATE_CUFF_WIDTH_CM),
            )
    tc = _population_number(
        r, "thigh_circumference_cm", THIGH_CM_PLAUSIBLE, pressure.ESTIMATE_THIGH_CM, "cm"
    )
    sbp = _population_number(r, "sbp_mmhg", SBP_MMHG_PLAUSIBLE, pressure.ESTIMATE_SBP_MMHG, "mmhg")
    age = _population_number(
        r, "age_years", AGE_YEARS_PLAUSIBLE, pressure.ESTIMATE_AGE_YEARS, "years"
    )
    sex = r.option("sex", ("male", "female"), None)
    r.check()
    assert tc is not None and sbp is not None and age is not None and sex is not None
    result = pressure.from_estimate(tc, sbp, age, sex)
    low, high = pressure.estimate_interval(result.aop_mmhg)
    c = pressure.CIRILO_SOUSA_2019
    out = _pressure_json(result)
    out["aop_mmhg"] = round(result.aop_mmhg, 1)
    out.update(
        {
            "equation": "cirilo_sousa_2019",
            "see_mmhg": c["see_mmhg"],
            "r2": c["r2"],
            "aop_interval_mmhg": {"min": round(low, 1), "max": round(high, 1), "level": 0.95},
            "population": {
                **pressure.CIRILO_SOUSA_2019_SAMPLE,
                "age_years": {
                    "min": num(pressure.ESTIMATE_AGE_YEARS[0]),
                    "max": num(pressure.ESTIMATE_AGE_YEARS[1]),
                },
                "thigh_circumference_cm": {
                    "min": num(pressure.ESTIMATE_THIGH_CM[0]),
                    "max": num(pressure.ESTIMATE_THIGH_CM[1]),
                },
                "sbp_mmhg": {
                    "min": num(pressure.ESTIMATE_SBP_MMHG[0]),
                    "max": num(pressure.ESTIMATE_SBP_MMHG[1]),
                },
                "cuff_width_cm": num(pressure.ESTIMATE_CUFF_WIDTH_CM),
                "limb": "leg",
            },
        }
    )
    return out


def _pressure_json(p: pressure.CuffPressure) -> JSON:
    out: JSON = {
        "method": p.method,
        "aop_mmhg": p.aop_mmhg,
        "limb": p.limb,
        "cuff_width_cm": p.cuff_width_cm,
        "percent": {"min": p.percent_min, "max": p.percent_max},
        "pressure_mmhg": {"min": p.pressure_min_mmhg, "max": p.pressure_max_mmhg},
        "guidance": p.guidance,
        "warnings": list(p.warnings),
    }
    if p.start_percent is not None:
        out["start_percent"] = p.start_percent
        out["start_pressure_mmhg"] = p.start_pressure_mmhg
    return out
