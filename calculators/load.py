"""Training load for low-load blood flow restriction (BFR) resistance exercise.

Prescription (Patterson SD et al. Blood flow restriction exercise: considerations of methodology,
application, and safety. Front Physiol 2019;10:533, doi:10.3389/fphys.2019.00533): 20-40 % of
1RM; 2-4 sets of 30-15-15-15 repetitions; 30-60 s rest between sets; 5-10 min of restriction per
exercise; 2-3 sessions a week (Loenneke JP et al. Eur J Appl Physiol 2012;112:1849-1859 found the
largest effects at 2-3 days a week). Beginners start at the low end, 2 sets (the site's Safety page
gives the same advice: "use a light load and few sets"); deflating the cuff between sets
(intermittent BFR) is the gentler option.

Comparison with conventional heavy training: the ACSM position stand (Ratamess NA et al. Med Sci
Sports Exerc 2009;41:687-708) gives 8-12 RM for novices. With the default 1RM formula (Brzycki)
12 RM is 100 x (37 - 12) / 36 = 69.4 % and 8 RM is 80.6 % of 1RM, shown rounded as 70-80 %.

Rounding to a load the reader can set: nearest multiple of ``increment``. An exact tie (the target
half-way between two loads) goes **down**, to the lighter load: in BFR training the lighter error
is the safer one, and the whole 20-40 % band is effective. When the nearest multiple would be 0
although the target is positive, no load is returned; the caller reports ``increment_too_large``.
Rounding never makes the load heavier than 40 % of 1RM (the top of the band): when the nearest
multiple is above it, the next lighter multiple is taken, and when that is 0 no load is returned
(:class:`LoadAboveRange`; the caller reports ``rounded_load_too_heavy``). A coarse step turns a
BFR load into a lighter one, never into a heavy one.

Examples:
    >>> round_to_increment(31.25, 2.5)
    30.0
    >>> round_to_increment(31.3, 2.5)
    32.5
    >>> p = prescribe(100.0, 30.0, 2.5, "kg")
    >>> p.target_load, p.set_load, p.conventional_load_min, p.conventional_load_max
    (30.0, 30.0, 70.0, 80.0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .numbers import clean, kg_to_lb, lb_to_kg

__all__ = [
    "CONVENTIONAL_PERCENT",
    "PERCENT_RANGE",
    "FIRST_SESSIONS_SETS",
    "REPS_SCHEME",
    "REST_S",
    "RESTRICTION_MIN",
    "SESSIONS_PER_WEEK",
    "SETS",
    "BfrPrescription",
    "IncrementTooLarge",
    "LoadAboveRange",
    "TABLE_PERCENTS",
    "COMMON_INCREMENTS",
    "convert_increment",
    "convert_weight",
    "percent_table",
    "prescribe",
    "round_to_increment",
    "set_plan",
]

#: Percent of 1RM accepted and recommended (Patterson et al. 2019).
PERCENT_RANGE = (20.0, 40.0)
DEFAULT_PERCENT = 30.0
#: Default smallest step a reader can load, per unit.
DEFAULT_INCREMENT = {"kg": 2.5, "lb": 5.0}
#: The steps gyms load in, per unit (the smallest plates and dumbbell steps, as the load form's
#: hint lists them), which a converted step snaps to; this site's own list.
COMMON_INCREMENTS = {"kg": (0.5, 1.0, 1.25, 2.5, 5.0), "lb": (1.0, 2.5, 5.0, 10.0)}
#: A converted step snaps to the nearest common step when it is within this factor of it.
SNAP_FACTOR = 1.25
REPS_SCHEME = (30, 15, 15, 15)
#: Sets per exercise (Patterson et al. 2019), and the number for the first sessions (the low end).
SETS = (2, 4)
FIRST_SESSIONS_SETS = 2
REST_S = (30, 60)
#: Minutes of restriction per exercise (Patterson et al. 2019): the result says it, and the session
#: plan's first cuff-time alert and its longest limit are its two ends.
RESTRICTION_MIN = (5, 10)
SESSIONS_PER_WEEK = (2, 3)
#: The rows of the percentage table shown with a result (% of 1RM), across the BFR band.
TABLE_PERCENTS = (20.0, 25.0, 30.0, 35.0, 40.0)
#: Conventional heavy training, % of 1RM (8-12 RM, ACSM 2009, converted with Brzycki; rounded).
CONVENTIONAL_PERCENT = (70.0, 80.0)

# Relative slack when deciding that a quotient is an exact tie or a whole number; floats such as
# 0.1 are not exact in binary.
_EPS = 1e-9


class IncrementTooLarge(ValueError):
    """The nearest settable load would be 0 although the target is positive."""


class LoadAboveRange(ValueError):
    """The only settable loads near the target are 0 and one above 40 % of 1RM."""

    def __init__(self, set_load: float, set_percent: float) -> None:
        super().__init__(f"{set_load} ({set_percent} %)")
        self.set_load = set_load
        self.set_percent = set_percent


def round_to_increment(target: float, increment: float) -> float:
    """Nearest multiple of ``increment`` to ``target``; ties go down (see module docstring).

    Raises :class:`IncrementTooLarge` when that multiple is 0 and ``target`` is positive.

    Examples:
        >>> round_to_increment(12.0, 5.0)
        10.0
        >>> round_to_increment(12.5, 5.0)
        10.0
        >>> round_to_increment(12.6, 5.0)
        15.0
        >>> round_to_increment(0.3, 0.1)
        0.3
        >>> round_to_increment(1.0, 2.5)
        Traceback (most recent call last):
        ...
        calculators.load.IncrementTooLarge: 1.0
    """
    if increment <= 0 or target < 0:
        raise ValueError("increment must be positive and target non-negative")
    quotient = target / increment
    steps = math.floor(quotient + _EPS)
    if quotient - steps > 0.5 + _EPS:
        steps += 1
    if steps == 0 and target > 0:
        raise IncrementTooLarge(str(target))
    return clean(steps * increment)


@dataclass(frozen=True)
class BfrPrescription:
    """Loads in the reader's unit; percents of 1RM."""

    unit: str
    one_rm: float
    percent: float
    target_load: float
    set_load: float
    set_percent: float
    increment: float
    conventional_percent_min: float
    conventional_percent_max: float
    conventional_load_min: float
    conventional_load_max: float
    warnings: tuple[str, ...]


def prescribe(one_rm: float, percent: float, increment: float, unit: str) -> BfrPrescription:
    """Target and settable load for one BFR exercise.

    Warning ``set_load_outside_range`` when rounding moves the settable load below 20 % of 1RM.
    It never moves it above 40 %: the next lighter multiple is taken instead, and when that is 0,
    :class:`LoadAboveRange` is raised.

    Examples:
        >>> p = prescribe(100.0, 40.0, 25.0, "kg")
        >>> p.target_load, p.set_load, p.set_percent, p.warnings
        (40.0, 25.0, 25.0, ())
        >>> p = prescribe(100.0, 22.0, 15.0, "kg")
        >>> p.set_load, p.warnings
        (15.0, ('set_load_outside_range',))
        >>> prescribe(10.0, 40.0, 5.0, "kg")
        Traceback (most recent call last):
        ...
        calculators.load.LoadAboveRange: 5.0 (50.0 %)
    """
    low, high = PERCENT_RANGE
    target = one_rm * percent / 100.0
    set_load = round_to_increment(target, increment)
    if set_load > one_rm * high / 100.0 * (1 + _EPS):
        # Rounded up past the band: the lighter multiple below the target instead.
        lighter = clean(math.floor(target / increment + _EPS) * increment)
        if lighter <= 0:
            raise LoadAboveRange(set_load, clean(100.0 * set_load / one_rm))
        set_load = lighter
    set_percent = 100.0 * set_load / one_rm
    warnings: tuple[str, ...] = ()
    if set_percent < low - _EPS or set_percent > high + _EPS:
        warnings = ("set_load_outside_range",)
    cmin, cmax = CONVENTIONAL_PERCENT
    return BfrPrescription(
        unit=unit,
        one_rm=one_rm,
        percent=percent,
        target_load=clean(target),
        set_load=set_load,
        set_percent=clean(set_percent),
        increment=increment,
        conventional_percent_min=cmin,
        conventional_percent_max=cmax,
        conventional_load_min=clean(one_rm * cmin / 100.0),
        conventional_load_max=clean(one_rm * cmax / 100.0),
        warnings=warnings,
    )


def set_plan(set_load: float) -> list[dict[str, object]]:
    """One row per set at ``set_load``: repetitions from ``REPS_SCHEME``, the rest that follows
    (none after the last set), and whether the set belongs to the first sessions (sets 1 to
    ``FIRST_SESSIONS_SETS``; later sessions do 2-4 sets, ``SETS``).

    Examples:
        >>> plan = set_plan(30.0)
        >>> [(row["set"], row["reps"], row["load"], row["first_sessions"]) for row in plan]
        [(1, 30, 30.0, True), (2, 15, 30.0, True), (3, 15, 30.0, False), (4, 15, 30.0, False)]
        >>> plan[0]["rest_s"], plan[-1]["rest_s"]
        ({'min': 30, 'max': 60}, None)
    """
    last = SETS[1]
    return [
        {
            "set": number,
            "reps": REPS_SCHEME[number - 1],
            "load": set_load,
            "rest_s": None if number == last else {"min": REST_S[0], "max": REST_S[1]},
            "first_sessions": number <= FIRST_SESSIONS_SETS,
        }
        for number in range(1, last + 1)
    ]


def percent_table(one_rm: float, increment: float, unit: str) -> list[dict[str, object]]:
    """The load for each of ``TABLE_PERCENTS``, rounded as the headline load is (:func:`prescribe`),
    with the percentage of 1RM it really is. A row whose rounded load would be 0 or above 40 %
    has ``load`` ``None`` (the step is too coarse for it).

    Examples:
        >>> [(row["percent"], row["load"]) for row in percent_table(100.0, 2.5, "kg")]
        [(20.0, 20.0), (25.0, 25.0), (30.0, 30.0), (35.0, 35.0), (40.0, 40.0)]
        >>> [(row["load"], row["set_percent"]) for row in percent_table(62.0, 5.0, "kg")][:2]
        [(10.0, 16.129032258), (15.0, 24.193548387)]
        >>> percent_table(10.0, 5.0, "kg")[0]["load"] is None
        True
    """
    rows: list[dict[str, object]] = []
    for percent in TABLE_PERCENTS:
        try:
            p = prescribe(one_rm, percent, increment, unit)
        except (IncrementTooLarge, LoadAboveRange):
            rows.append({"percent": percent, "load": None, "set_percent": None})
            continue
        rows.append({"percent": percent, "load": p.set_load, "set_percent": p.set_percent})
    return rows


def convert_weight(value: float, from_unit: str, to_unit: str) -> float:
    """A weight in another unit, to one decimal (``numbers.KG_PER_LB``: 1 lb = 0.45359237 kg).

    Examples:
        >>> convert_weight(80.0, "kg", "lb"), convert_weight(176.4, "lb", "kg")
        (176.4, 80.0)
        >>> convert_weight(2.5, "kg", "lb"), convert_weight(5.0, "lb", "kg")
        (5.5, 2.3)
    """
    if from_unit == to_unit:
        return value
    kg = value if from_unit == "kg" else lb_to_kg(value)
    out = kg if to_unit == "kg" else kg_to_lb(kg)
    return clean(round(out, 1))


def convert_increment(value: float, from_unit: str, to_unit: str) -> float:
    """The smallest weight step in another unit: the nearest step gyms load in that unit
    (``COMMON_INCREMENTS``), when one is within ``SNAP_FACTOR`` of the converted value, since no
    gym has 5.5 lb plates; otherwise the converted value (:func:`convert_weight`).

    Examples:
        >>> convert_increment(2.5, "kg", "lb"), convert_increment(1.25, "kg", "lb")
        (5.0, 2.5)
        >>> convert_increment(5.0, "lb", "kg"), convert_increment(2.5, "lb", "kg")
        (2.5, 1.25)
        >>> convert_increment(3.0, "kg", "lb")
        6.6
    """
    converted = convert_weight(value, from_unit, to_unit)
    if from_unit == to_unit:
        return converted
    exact = lb_to_kg(value) if from_unit == "lb" else kg_to_lb(value)
    nearest = min(COMMON_INCREMENTS[to_unit], key=lambda step: abs(math.log(step / exact)))
    return nearest if abs(math.log(nearest / exact)) <= math.log(SNAP_FACTOR) else converted
