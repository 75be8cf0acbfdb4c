"""Cuff pressure for blood flow restriction (BFR) training from arterial occlusion pressure (AOP).

The reader's cuff decides what can be worked out (``CUFF_TYPES``):

- ``pneumatic_gauge``: an air cuff with a pressure gauge. The AOP is measured with that cuff on
  that limb (``method = "measured"``), or estimated with a published equation built on that cuff
  width and limb (``method = "estimated"``, see ``EQUATIONS``).
- ``pneumatic_lop``: an air cuff that measures the occlusion pressure itself and shows it,
  usually as "LOP" (limb occlusion pressure): ``method = "device"``.
- ``elastic``: an elastic band or strap. It has no gauge, so no percentage of the AOP can be set
  with it (``ELASTIC_FINDINGS`` say why); no pressure is returned.

Training range: 40-80 % of the AOP measured with the same cuff on the same limb (Patterson SD et
al. Front Physiol 2019;10:533, doi:10.3389/fphys.2019.00533). No source read gives a different
percentage for the arm and the leg, so the same range is used for both; what differs is the AOP
itself and how well each way of measuring it does on each limb (``MEASURING``). Wide cuffs occlude
arterial flow at a lower pressure than narrow ones (Loenneke JP et al. Eur J Appl Physiol
2012;112:2903-2912: 144 (17) mmHg with a 13.5 cm cuff vs 235 (42) mmHg with a 5 cm cuff), and
Patterson et al. advise the lower end of the range for wide cuffs: a cuff 10 cm wide or more gets
the guidance ``wide_cuff``. The 10 cm boundary is the site's own. Every cuff starts at 40 %
(``START_PERCENT``, the site's own choice for a first session: the bottom of the range); that
pressure is what the result hands on to the session timer (``handover``).

An estimate is made only with an equation whose coefficients were read in its paper, only for the
limb and cuff width it was built on, and only for readers inside the limits of its sample. For a
reader outside every sample the estimate is refused (``Refused``), with the reasons and the
ways to have the AOP measured. Adding an equation is one more ``Equation`` in ``EQUATIONS``.
Equations named in the literature but not implemented, because their coefficients could not be
read in a primary source: Wedig et al. 2024 (Eur J Appl Physiol 124:1281-1295, 18 cm thigh cuff,
seated, RMSE 7.18 mmHg) and Wedig et al. 2025 (Front Physiol, doi:10.3389/fphys.2025.1658744,
11, 13 and 18 cm cuffs, seated); no equation for the arm with coefficients was found. For 5 cm
cuffs on the leg no estimate is possible (Spitz RW et al. Physiol Meas 2024: 95 % limits of
agreement -133.6 to 147.8 mmHg).

Examples:
    >>> round(CIRILO_SOUSA_2019.predict({"thigh_circumference_cm": 55.0, "sbp_mmhg": 120.0,
    ...     "age_years": 23.0, "sex": "male"}), 3)
    166.235
    >>> r = from_measured(200.0, "leg", 11.5)
    >>> r.pressure_min_mmhg, r.pressure_max_mmhg, r.guidance, r.start_pressure_mmhg
    (80, 160, 'wide_cuff', 80)
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = [
    "AOP_RANGE_MMHG",
    "CIRILO_SOUSA_2019",
    "CUFF_TYPES",
    "ELASTIC_FINDINGS",
    "EQUATIONS",
    "LIMBS",
    "MEASURING",
    "NARROW_CUFF_MAX_CM",
    "PERCENT_RANGE",
    "POSITION_LEG",
    "PREDICTOR_UNITS",
    "START_PERCENT",
    "WIDE_CUFF_MIN_CM",
    "CuffPressure",
    "Equation",
    "Finding",
    "Reason",
    "Refused",
    "choose",
    "elastic",
    "from_estimate",
    "has_equation",
    "measuring",
    "from_measured",
    "predictors_for",
    "whole_mmhg",
]

CUFF_TYPES = ("pneumatic_gauge", "pneumatic_lop", "elastic")
LIMBS = ("arm", "leg")
PERCENT_RANGE = (40, 80)
#: Where a first session starts, in % of the AOP: the bottom of the range, for every cuff.
START_PERCENT = 40
WIDE_CUFF_MIN_CM = 10.0
#: Accepted measured AOP (5 cm cuffs on the leg can exceed 600 mmHg, Spitz et al. 2024).
AOP_RANGE_MMHG = (50.0, 700.0)
#: Cuffs up to this width on the leg: no estimate (Spitz et al. 2024 studied 5 cm cuffs).
NARROW_CUFF_MAX_CM = 7.0
#: The unit each predictor is given in (named in ``outside_population`` errors).
PREDICTOR_UNITS = {
    "thigh_circumference_cm": "cm",
    "sbp_mmhg": "mmhg",
    "dbp_mmhg": "mmhg",
    "age_years": "years",
}
_Z95 = 1.96


def whole_mmhg(value: float) -> int:
    """Round to a whole mmHg, halves up (the gauges of BFR devices show whole mmHg).

    Examples:
        >>> whole_mmhg(79.5), whole_mmhg(79.49)
        (80, 79)
    """
    return math.floor(value + 0.5)


# ------------------------------------------------------------------------------ the equations


@dataclass(frozen=True)
class Equation:
    """A published AOP equation with the sample it was built on and its own error.

    ``coefficients`` maps each predictor (a payload field) to its coefficient; ``sex`` is coded
    by ``sex_code``. ``limits`` are the predictor values the estimate is given for, inclusive;
    ``limits_by`` says whose they are: ``"paper"`` (the sample's ranges as printed) or
    ``"site"`` (the site's own, when the paper's ranges were not read). ``error`` is how the paper
    reports its error: ``"see"`` (standard error of the estimate) or
    ``"rmse"`` (both turned into a 95 % range as +/- 1.96 x error) or ``"loa95"`` (95 % limits of
    agreement, used as they are). ``position`` is the body position the AOP was measured in, or
    ``None`` when the paper does not report it.
    """

    key: str
    reference: str
    read_in: str
    limb: str
    cuff_width_cm: float
    width_tolerance_cm: float
    position: str | None
    intercept: float
    coefficients: Mapping[str, float]
    sex_code: Mapping[str, int]
    error: str
    error_mmhg: float
    r2: float
    limits: Mapping[str, tuple[float, float]]
    limits_by: str
    sample: Mapping[str, float]
    warnings: tuple[str, ...]

    @property
    def predictors(self) -> tuple[str, ...]:
        return tuple(self.coefficients)

    def fits_width(self, width_cm: float) -> bool:
        return abs(width_cm - self.cuff_width_cm) <= self.width_tolerance_cm

    def outside(self, values: Mapping[str, float | str]) -> list[str]:
        """The predictors given in ``values`` that lie outside the sample's limits."""
        return [
            name
            for name, (low, high) in self.limits.items()
            if name in values and not low <= float(values[name]) <= high
        ]

    def predict(self, values: Mapping[str, float | str]) -> float:
        """The estimated AOP (mmHg); ``values`` holds every predictor."""
        total = self.intercept
        for name, coefficient in self.coefficients.items():
            value = self.sex_code[str(values[name])] if name == "sex" else float(values[name])
            total += coefficient * value
        return total

    @property
    def half_range_95_mmhg(self) -> float:
        """Half the width of the 95 % range shown around an estimate."""
        return self.error_mmhg if self.error == "loa95" else _Z95 * self.error_mmhg


#: Cirilo-Sousa MS et al. Predictive equation for blood flow restriction training. Rev Bras Med
#: Esporte 2019;25(6):494-497 (SciELO S1517-86922019000600494). Equation, r, R^2, SEE and the
#: sample (51 adults, 23.23 +/- 5.24 years, 32 men and 19 women; AOP of the lower limbs by Doppler
#: with a cuff "with a circumference of 18 cm", read as its width) as printed in the abstract of
#: the publisher's full-text page on SciELO ("Results": "AOP (mmHg) = 65.290 + 1.110 (TC in cm) +
#: 0.178 (SBP in mmHg) + 1.153 (age in years) - 7.984 (sex, 1 - male and 2 - female)", "r =
#: 0.630, r2 = 0.397 and SEE = 15,289"). The body position during the measurement is not
#: reported. The limits are the site's own, as the paper's ranges were not read: age 18 years
#: (adults) to 33 years (the mean plus two SD, 23.23 + 2 x 5.24 = 33.7, rounded down), thigh
#: circumference 40-80 cm, systolic pressure 90-139 mmHg (below the hypertensive threshold). The
#: 95 % range is AOP +/- 1.96 SEE, which leaves out the uncertainty of the coefficients.
CIRILO_SOUSA_2019 = Equation(
    key="cirilo_sousa_2019",
    reference="cirilo-sousa-2019",
    read_in="abstract of the SciELO full-text page, Results",
    limb="leg",
    cuff_width_cm=18.0,
    width_tolerance_cm=0.5,
    position=None,
    intercept=65.290,
    coefficients={
        "thigh_circumference_cm": 1.110,
        "sbp_mmhg": 0.178,
        "age_years": 1.153,
        "sex": -7.984,
    },
    sex_code={"male": 1, "female": 2},
    error="see",
    error_mmhg=15.289,
    r2=0.397,
    limits={
        "age_years": (18.0, 33.0),
        "thigh_circumference_cm": (40.0, 80.0),
        "sbp_mmhg": (90.0, 139.0),
    },
    limits_by="site",
    sample={"n": 51, "n_male": 32, "n_female": 19, "age_mean": 23.23, "age_sd": 5.24},
    warnings=("estimate_uncertain", "estimate_small_young_sample"),
)

#: Every equation the core may use.
EQUATIONS: tuple[Equation, ...] = (CIRILO_SOUSA_2019,)


@dataclass(frozen=True)
class Reason:
    """Why no estimate is given: the field it concerns, a code, and the code's numbers."""

    field: str
    code: str
    params: Mapping[str, object] = dataclasses.field(default_factory=dict)


class Refused(Exception):
    """No equation fits this cuff and this reader; ``reasons`` says why."""

    def __init__(self, reasons: list[Reason]) -> None:
        super().__init__(reasons)
        self.reasons = reasons


def _candidates(limb: str | None, width_cm: float | None) -> list[Equation]:
    return [
        e
        for e in EQUATIONS
        if limb in (None, e.limb) and (width_cm is None or e.fits_width(width_cm))
    ]


def predictors_for(limb: str | None, width_cm: float | None) -> tuple[str, ...]:
    """The fields an estimate needs for this limb and width (all of the limb's equations when the
    width is not known, every equation's when the limb is not), in the order they name them.

    Examples:
        >>> predictors_for("leg", 18.0)
        ('thigh_circumference_cm', 'sbp_mmhg', 'age_years', 'sex')
        >>> predictors_for("leg", 12.0), predictors_for("arm", None)
        ((), ())
    """
    if limb == "leg" and width_cm is not None and width_cm <= NARROW_CUFF_MAX_CM:
        return ()
    names: dict[str, None] = {}
    for e in _candidates(limb, width_cm):
        names.update(dict.fromkeys(e.predictors))
    return tuple(names)


def has_equation(limb: str) -> bool:
    """Whether any equation was built on ``limb``.

    Examples:
        >>> has_equation("leg"), has_equation("arm")
        (True, False)
    """
    return any(e.limb == limb for e in EQUATIONS)


def choose(limb: str, width_cm: float | None, values: Mapping[str, float | str]) -> Equation:
    """The equation built on this limb and cuff width whose sample holds the reader, the one with
    the narrowest 95 % range if several do; ``Refused`` when none does.

    ``values`` may lack predictors (the reader left them empty): the limits are checked for the
    ones given. Without a width only the limb can be checked (the caller asks for the width).

    Examples:
        >>> choose("leg", 18.0, {"age_years": 30.0}).key
        'cirilo_sousa_2019'
        >>> try:
        ...     choose("leg", 18.0, {"age_years": 45.0})
        ... except Refused as exc:
        ...     [(r.field, r.code, r.params["max"]) for r in exc.reasons]
        [('age_years', 'outside_population', 33.0)]
    """
    if not has_equation(limb):
        raise Refused([Reason("limb", "estimate_leg_only")])
    if width_cm is None:
        raise ValueError("choose() needs the cuff width once the limb has an equation")
    if limb == "leg" and width_cm <= NARROW_CUFF_MAX_CM:
        raise Refused([Reason("cuff_width_cm", "narrow_cuff_no_estimate")])
    candidates = _candidates(limb, width_cm)
    if not candidates:
        widths = sorted({e.cuff_width_cm for e in EQUATIONS if e.limb == limb})
        raise Refused([Reason("cuff_width_cm", "cuff_width_no_equation", {"widths_cm": widths})])
    fitting = [e for e in candidates if not e.outside(values)]
    if fitting:
        return min(fitting, key=lambda e: e.half_range_95_mmhg)
    nearest = min(candidates, key=lambda e: len(e.outside(values)))
    raise Refused(
        [
            Reason(
                name,
                "outside_population",
                {
                    "min": nearest.limits[name][0],
                    "max": nearest.limits[name][1],
                    "unit": PREDICTOR_UNITS[name],
                },
            )
            for name in nearest.outside(values)
        ]
    )


# ------------------------------------------------------------------- measuring the AOP instead


@dataclass(frozen=True)
class Finding:
    """A published figure the result shows: what was found (``key``), on which limb (``None``:
    both), where (``reference``), and its numbers (``figures``, in the units their names say)."""

    key: str
    reference: str
    limb: str | None
    figures: Mapping[str, float]


def _per_limb(
    key: str, reference: str, arm: Mapping[str, float], leg: Mapping[str, float]
) -> tuple[Finding, Finding]:
    return Finding(key, reference, "arm", arm), Finding(key, reference, "leg", leg)


#: How well each way of measuring the AOP agreed with Doppler ultrasound (the reference method),
#: per limb, as printed in the abstracts read:
#: - handheld Doppler: Vehrs PR et al. Front Physiol 2023;14:1239582 (both arms of 30 people,
#:   both legs of 30 others): bias -0.65 mmHg, LoA +/- 5.56 mmHg (brachial);
#:   bias -2.93 mmHg, LoA +/- 5.58 mmHg (femoral);
#: - pulse oximeter: Zeng Z et al. Int J Sports Physiol Perform 2019;14(10):1408 (94 people, a
#:   12 cm cuff, lying): no difference on the arm, "not a valid instrument" on the leg; Brekke AF
#:   et al. Int J Sports Phys Ther 2020;15(5):783-791 (50 people, a 20 cm thigh cuff): 6.3 mmHg
#:   higher, 95 % LoA -16.2 to 28.8 mmHg;
#: - a tourniquet that measures the occlusion pressure through its own cuff: Masri BA et al. J Med
#:   Biol Eng 2016;36(5):644-650 (143 patients): mean difference 1 (SD 8) mmHg in 134 arm and
#:   0 (SD 15) mmHg in 118 leg measurements (SDs of the differences, not limits of agreement);
#: - an automated BFR device: Abbas MJ et al. Arthrosc Sports Med Rehabil 2022;4(3):e1127-e1132
#:   (48 arms, 48 legs): means 174.0 (Doppler) vs 184.0 mmHg (device) on the arm, 195.0 vs
#:   205.0 mmHg on the leg; no limits of agreement reported.


MEASURING: tuple[Finding, ...] = (
    *_per_limb(
        "handheld_doppler",
        "vehrs-2023",
        {"bias_mmhg": -0.65, "loa_mmhg": 5.56, "n": 30},
        {"bias_mmhg": -2.93, "loa_mmhg": 5.58, "n": 30},
    ),
    Finding("pulse_oximeter_arm", "zeng-2019", "arm", {"cuff_width_cm": 12, "n": 94}),
    Finding(
        "pulse_oximeter_wide_thigh_cuff",
        "brekke-2020",
        "leg",
        {
            "cuff_width_cm": 20,
            "bias_mmhg": 6.3,
            "loa_low_mmhg": -16.2,
            "loa_high_mmhg": 28.8,
            "n": 50,
        },
    ),
    Finding("pulse_oximeter_leg_not_valid", "zeng-2019", "leg", {"cuff_width_cm": 12, "n": 94}),
    *_per_limb(
        "through_the_cuff",
        "masri-2016",
        {"mean_difference_mmhg": 1, "sd_mmhg": 8, "n": 134},
        {"mean_difference_mmhg": 0, "sd_mmhg": 15, "n": 118},
    ),
    *_per_limb(
        "automated_device",
        "abbas-2022",
        {"doppler_mmhg": 174.0, "device_mmhg": 184.0, "n": 48},
        {"doppler_mmhg": 195.0, "device_mmhg": 205.0, "n": 48},
    ),
)

#: Leg AOP by body position, means of 50 healthy people (Hughes L et al. PeerJ 2018;6:e4697,
#: abstract): lying 187.0, sitting 204.0, standing 241.5 mmHg. Measured on the leg only.
POSITION_LEG = Finding(
    "position_leg",
    "hughes-2018",
    "leg",
    {"lying_mmhg": 187.0, "sitting_mmhg": 204.0, "standing_mmhg": 241.5, "n": 50},
)

#: Why a percentage of the AOP cannot be set with an elastic band, as printed in the abstracts
#: read: how tight a cuff feels does not give the same pressure from day to day (Bell ZW et al.
#: J Sport Rehabil 2020;29(4):516-518: coefficient of variation about 12 %, about +/- 25 % of the
#: mean pressure on the upper arm and +/- 20 % on the thigh, 24 people; on the upper arm the
#: pressure rated "7 out of 10" lay above the AOP); the stretch that occludes depends on the band
#: (Bielitzki R et al. BMC Sports Sci Med Rehabil 2023, doi:10.1186/s13102-023-00745-w, 36 people,
#: arm, lying: overlap of 30.9, 43.9 and 54.5 % of the limb's circumference for stiff, medium and
#: soft bands of the same width); a review of elastic-band training suggests stretching the band
#: 10-30 % of the limb's circumference, depending on the band (Aniceto RR, da Silva Leandro L.
#: Sports Med Open 2022;8:87, key points on the publisher's page).
ELASTIC_FINDINGS: tuple[Finding, ...] = (
    Finding(
        "perceived_tightness",
        "bell-2020",
        None,
        {"cv_percent": 12, "arm_percent": 25, "leg_percent": 20, "n": 24},
    ),
    Finding(
        "band_stiffness",
        "bielitzki-2023",
        "arm",
        {"stiff_percent": 30.9, "medium_percent": 43.9, "soft_percent": 54.5, "n": 36},
    ),
    Finding("stretch_suggestion", "aniceto-2022", None, {"low_percent": 10, "high_percent": 30}),
)


def measuring(limb: str) -> tuple[Finding, ...]:
    """The figures on measuring the AOP that hold for ``limb``, in the order shown.

    Examples:
        >>> [f.key for f in measuring("leg")][:2]
        ['handheld_doppler', 'pulse_oximeter_wide_thigh_cuff']
    """
    return tuple(f for f in MEASURING if f.limb in (None, limb))


# ------------------------------------------------------------------------------- the result


@dataclass(frozen=True)
class CuffPressure:
    """The training pressure range and where a first session starts; for an estimate also the
    equation and its 95 % range. For an elastic band every pressure is ``None``."""

    cuff_type: str
    method: str
    limb: str | None
    guidance: str
    cuff_width_cm: float | None = None
    aop_mmhg: float | None = None
    percent_min: int | None = None
    percent_max: int | None = None
    pressure_min_mmhg: int | None = None
    pressure_max_mmhg: int | None = None
    start_percent: int | None = None
    start_pressure_mmhg: int | None = None
    equation: Equation | None = None
    aop_range_mmhg: tuple[float, float] | None = None
    warnings: tuple[str, ...] = ()


def _range(
    cuff_type: str,
    method: str,
    aop: float,
    limb: str | None,
    width: float | None,
    equation: Equation | None = None,
) -> CuffPressure:
    low, high = PERCENT_RANGE
    wide = width is not None and width >= WIDE_CUFF_MIN_CM
    spread = None
    if equation is not None:
        half = equation.half_range_95_mmhg
        spread = (aop - half, aop + half)
    return CuffPressure(
        cuff_type=cuff_type,
        method=method,
        limb=limb,
        cuff_width_cm=width,
        aop_mmhg=aop,
        percent_min=low,
        percent_max=high,
        pressure_min_mmhg=whole_mmhg(aop * low / 100.0),
        pressure_max_mmhg=whole_mmhg(aop * high / 100.0),
        guidance="wide_cuff" if wide else "standard",
        start_percent=START_PERCENT,
        start_pressure_mmhg=whole_mmhg(aop * START_PERCENT / 100.0),
        equation=equation,
        aop_range_mmhg=spread,
        warnings=() if equation is None else equation.warnings,
    )


def from_measured(
    aop_mmhg: float,
    limb: str | None,
    cuff_width_cm: float | None,
    *,
    device: bool = False,
) -> CuffPressure:
    """Training range from an AOP measured with the reader's cuff: by someone else
    (``pneumatic_gauge``) or by the cuff itself (``device``: ``pneumatic_lop``).

    Examples:
        >>> r = from_measured(150.0, "arm", None)
        >>> r.pressure_min_mmhg, r.pressure_max_mmhg, r.guidance, r.start_pressure_mmhg
        (60, 120, 'standard', 60)
        >>> from_measured(150.0, "leg", 11.0, device=True).method
        'device'
    """
    if device:
        return _range("pneumatic_lop", "device", aop_mmhg, limb, cuff_width_cm)
    return _range("pneumatic_gauge", "measured", aop_mmhg, limb, cuff_width_cm)


def from_estimate(
    equation: Equation, values: Mapping[str, float | str], cuff_width_cm: float
) -> CuffPressure:
    """Training range from an equation's estimate (chosen by ``choose``), with its 95 % range.

    Examples:
        >>> v = {"thigh_circumference_cm": 55.0, "sbp_mmhg": 120.0, "age_years": 23.0}
        >>> v["sex"] = "male"
        >>> r = from_estimate(CIRILO_SOUSA_2019, v, 18.0)
        >>> r.pressure_min_mmhg, r.pressure_max_mmhg, [round(x, 2) for x in r.aop_range_mmhg]
        (66, 133, [136.27, 196.2])
    """
    aop = equation.predict(values)
    return _range("pneumatic_gauge", "estimated", aop, equation.limb, cuff_width_cm, equation)


def elastic(limb: str | None) -> CuffPressure:
    """An elastic band: no pressure can be set as a percentage of the AOP (``ELASTIC_FINDINGS``).

    Examples:
        >>> r = elastic("arm")
        >>> r.guidance, r.pressure_min_mmhg, r.start_pressure_mmhg
        ('elastic', None, None)
    """
    return CuffPressure(cuff_type="elastic", method="none", limb=limb, guidance="elastic")
