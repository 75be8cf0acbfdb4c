"""Cuff pressure for blood flow restriction (BFR) training from arterial occlusion pressure (AOP).

Training range: 40-80 % of the AOP measured with the same cuff on the same limb (Patterson SD et
al. Front Physiol 2019;10:533, doi:10.3389/fphys.2019.00533). Wide cuffs occlude arterial flow at
a lower pressure than narrow ones (Loenneke JP et al. Eur J Appl Physiol 2012;112:2903-2912: 144
(17) mmHg with a 13.5 cm cuff vs 235 (42) mmHg with a 5 cm cuff), and Patterson et al. advise the
lower end of the range for wide cuffs: for a cuff 10 cm wide or more the guidance code is
``wide_cuff`` and a starting point of 40 % is returned. The 10 cm boundary is the site's own: it
puts the common 11-18 cm cuffs in the wide group and 5 cm elastic cuffs in the narrow one.

Estimate of AOP when none was measured: only the equation of Cirilo-Sousa MS et al. (Predictive
equation for blood flow restriction training. Rev Bras Med Esporte 2019;25(6):494-497), whose
coefficients were read in the paper: 18 cm cuff on the thigh, 51 adults aged 23.23 +/- 5.24
years (32 men, 19 women), AOP by Doppler::

    AOP = 65.290 + 1.110 TC_cm + 0.178 SBP_mmHg + 1.153 age_years - 7.984 sex (1 male, 2 female)
    r = 0.630, R^2 = 0.397, SEE = 15.289 mmHg

The equation is applied only to an 18 cm cuff on the leg and within the sample: age 18-33 years
(adults, up to the mean plus two standard deviations, 23.23 + 2 x 5.24 = 33.7). The paper's
abstract does not report the range of thigh circumference or blood pressure, so the core accepts
40-80 cm and a systolic pressure of 90-139 mmHg (below the hypertensive threshold), limits chosen
by the site. The 95 % interval returned is AOP +/- 1.96 x SEE, an approximation that ignores
the uncertainty of the coefficients. For 5 cm cuffs on the leg no estimate is possible (Spitz RW
et al. Physiol Meas 2024: 95 % limits of agreement -134 to +148 mmHg).

Examples:
    >>> round(cirilo_sousa_2019(55.0, 120.0, 23.0, "male"), 3)
    166.235
    >>> r = from_measured(200.0, "leg", 11.5)
    >>> r.pressure_min_mmhg, r.pressure_max_mmhg, r.guidance, r.start_pressure_mmhg
    (80, 160, 'wide_cuff', 80)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

__all__ = [
    "AOP_RANGE_MMHG",
    "CIRILO_SOUSA_2019",
    "CIRILO_SOUSA_2019_SAMPLE",
    "ESTIMATE_AGE_YEARS",
    "ESTIMATE_CUFF_WIDTH_CM",
    "ESTIMATE_SBP_MMHG",
    "ESTIMATE_THIGH_CM",
    "NARROW_CUFF_MAX_CM",
    "PERCENT_RANGE",
    "WIDE_CUFF_MIN_CM",
    "CuffPressure",
    "cirilo_sousa_2019",
    "from_estimate",
    "from_measured",
    "whole_mmhg",
]

PERCENT_RANGE = (40, 80)
WIDE_CUFF_MIN_CM = 10.0
WIDE_CUFF_START_PERCENT = 40
#: Accepted measured AOP (5 cm cuffs on the leg can exceed 600 mmHg, Spitz et al. 2024).
AOP_RANGE_MMHG = (50.0, 700.0)
#: Cuffs up to this width on the leg: no estimate (Spitz et al. 2024 studied 5 cm cuffs).
NARROW_CUFF_MAX_CM = 7.0
ESTIMATE_CUFF_WIDTH_CM = 18.0
ESTIMATE_CUFF_TOLERANCE_CM = 0.5
ESTIMATE_AGE_YEARS = (18.0, 33.0)
ESTIMATE_THIGH_CM = (40.0, 80.0)
ESTIMATE_SBP_MMHG = (90.0, 139.0)

CIRILO_SOUSA_2019: dict[str, float] = {
    "intercept": 65.290,
    "thigh_circumference_cm": 1.110,
    "sbp_mmhg": 0.178,
    "age_years": 1.153,
    "sex": -7.984,
    "r": 0.630,
    "r2": 0.397,
    "see_mmhg": 15.289,
}
#: Who the equation was built on (the paper's sample, read in the paper).
CIRILO_SOUSA_2019_SAMPLE: dict[str, float] = {
    "n": 51,
    "n_male": 32,
    "n_female": 19,
    "age_mean": 23.23,
    "age_sd": 5.24,
}
_SEX_CODE = {"male": 1, "female": 2}
_Z95 = 1.96


def whole_mmhg(value: float) -> int:
    """Round to a whole mmHg, halves up (the gauges of BFR devices show whole mmHg).

    Examples:
        >>> whole_mmhg(79.5), whole_mmhg(79.49)
        (80, 79)
    """
    return math.floor(value + 0.5)


def cirilo_sousa_2019(
    thigh_circumference_cm: float, sbp_mmhg: float, age_years: float, sex: str
) -> float:
    """Estimated thigh AOP (mmHg) for an 18 cm cuff, Cirilo-Sousa et al. 2019.

    Examples:
        >>> round(cirilo_sousa_2019(60.0, 110.0, 30.0, "female"), 3)
        170.092
    """
    c = CIRILO_SOUSA_2019
    return (
        c["intercept"]
        + c["thigh_circumference_cm"] * thigh_circumference_cm
        + c["sbp_mmhg"] * sbp_mmhg
        + c["age_years"] * age_years
        + c["sex"] * _SEX_CODE[sex]
    )


@dataclass(frozen=True)
class CuffPressure:
    """Training pressure range; estimate fields are ``None`` for a measured AOP."""

    method: str
    aop_mmhg: float
    limb: str | None
    cuff_width_cm: float | None
    percent_min: int
    percent_max: int
    pressure_min_mmhg: int
    pressure_max_mmhg: int
    guidance: str
    start_percent: int | None
    start_pressure_mmhg: int | None
    warnings: tuple[str, ...] = field(default=())


def _range(
    method: str,
    aop: float,
    limb: str | None,
    width: float | None,
    warnings: tuple[str, ...],
) -> CuffPressure:
    low, high = PERCENT_RANGE
    wide = width is not None and width >= WIDE_CUFF_MIN_CM
    start = WIDE_CUFF_START_PERCENT if wide else None
    return CuffPressure(
        method=method,
        aop_mmhg=aop,
        limb=limb,
        cuff_width_cm=width,
        percent_min=low,
        percent_max=high,
        pressure_min_mmhg=whole_mmhg(aop * low / 100.0),
        pressure_max_mmhg=whole_mmhg(aop * high / 100.0),
        guidance="wide_cuff" if wide else "standard",
        start_percent=start,
        start_pressure_mmhg=None if start is None else whole_mmhg(aop * start / 100.0),
        warnings=warnings,
    )


def from_measured(aop_mmhg: float, limb: str | None, cuff_width_cm: float | None) -> CuffPressure:
    """Training range from a measured AOP.

    Examples:
        >>> r = from_measured(150.0, None, None)
        >>> r.pressure_min_mmhg, r.pressure_max_mmhg, r.guidance
        (60, 120, 'standard')
    """
    return _range("measured", aop_mmhg, limb, cuff_width_cm, ())


def from_estimate(
    thigh_circumference_cm: float, sbp_mmhg: float, age_years: float, sex: str
) -> CuffPressure:
    """Training range from the Cirilo-Sousa 2019 estimate (18 cm cuff on the thigh).

    The caller has checked cuff width, limb and population limits.

    Examples:
        >>> r = from_estimate(55.0, 120.0, 23.0, "male")
        >>> r.pressure_min_mmhg, r.pressure_max_mmhg, r.warnings
        (66, 133, ('estimate_uncertain', 'estimate_small_young_sample'))
    """
    aop = cirilo_sousa_2019(thigh_circumference_cm, sbp_mmhg, age_years, sex)
    return _range(
        "estimated",
        aop,
        "leg",
        ESTIMATE_CUFF_WIDTH_CM,
        ("estimate_uncertain", "estimate_small_young_sample"),
    )


def estimate_interval(aop_mmhg: float) -> tuple[float, float]:
    """Approximate 95 % interval, AOP +/- 1.96 SEE.

    Examples:
        >>> [round(x, 2) for x in estimate_interval(166.235)]
        [136.27, 196.2]
    """
    half = _Z95 * CIRILO_SOUSA_2019["see_mmhg"]
    return aop_mmhg - half, aop_mmhg + half
