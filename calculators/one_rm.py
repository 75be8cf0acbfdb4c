"""One-repetition maximum (1RM) from a set of ``reps`` repetitions to failure with ``load``.

Seven published forms (REFERENCES.md section 3), each written for a load ``w`` lifted ``r`` times:

========  ==========================================  ============================================
name      1RM =                                       primary source
========  ==========================================  ============================================
epley     w (1 + r/30)                                Epley B. Poundage chart. Boyd Epley Workout,
                                                      Lincoln NE: Body Enterprises; 1985.
brzycki   w * 36 / (37 - r)                           Brzycki M. Strength testing: predicting a
                                                      one-rep max from reps-to-fatigue. J Phys Educ
                                                      Recreat Dance 1993;64(1):88-90.
lander    100 w / (101.3 - 2.67123 r)                 Lander J. Maximums based on reps. Natl
                                                      Strength Cond Assoc J 1985;6:60-61.
lombardi  w * r^0.10                                  Lombardi VP. Beginning weight training.
                                                      Dubuque IA: W.C. Brown; 1989.
mayhew    100 w / (52.2 + 41.9 e^(-0.055 r))          Mayhew JL, Ball TE, Arnold MD, Bowen JC. J
                                                      Appl Sport Sci Res 1992;6(4):200-206.
oconner   w (1 + 0.025 r)                             O'Conner B, Simmons J, O'Shea P. Weight
                                                      training today. St Paul MN: West; 1989.
wathen    100 w / (48.8 + 53.8 e^(-0.075 r))          Wathen D. Load assignment. In: Baechle TR,
                                                      ed. Essentials of Strength Training and
                                                      Conditioning. Human Kinetics; 1994:435-446.
========  ==========================================  ============================================

At ``r = 1`` every estimate is the load itself (several forms would otherwise not return ``w``).
Reynolds, Gordon and Robergs (J Strength Cond Res 2006;20(3):584-592) found that the load falls
non-linearly with repetitions and that no more than 10 repetitions should be used in linear
equations; the core accepts 1-12 repetitions and warns above 10.

Default formula: **Brzycki**. Reason: Reynolds et al. 2006 derived, for the chest press (their flat
barbell bench press, R^2 0.993), ``1RM = 1.1307 x 5RM + 0.70 kg``: a slope of about 1.13 at five
repetitions, plus a small constant. Of the seven forms the two closest at five repetitions are
Brzycki (36/32 = 1.125) and Lander (1.137); Brzycki is the more conservative of the two (always
below the chest-press equation at five repetitions), and an estimate on the low side gives a
lighter BFR training load, the safer error. Nothing read shows the direction of its error at other
repetition counts. Brzycki is also hyperbolic in ``r``, matching the non-linear fall of load with
repetitions that Reynolds et al. observed.

Examples:
    >>> round(estimate("epley", 100.0, 10), 4)
    133.3333
    >>> round(estimate("brzycki", 100.0, 10), 4)
    133.3333
    >>> estimate("wathen", 80.0, 1)
    80.0
    >>> sorted(estimate_all(100.0, 5))
    ['brzycki', 'epley', 'lander', 'lombardi', 'mayhew', 'oconner', 'wathen']
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

__all__ = [
    "DEFAULT_FORMULA",
    "FORMULAS",
    "MAX_REPS",
    "MAX_VALID_REPS",
    "OneRmEstimate",
    "estimate",
    "estimate_all",
    "one_rm",
]

#: Repetitions accepted by the calculator.
MAX_REPS = 12
#: Above this, a warning: Reynolds et al. 2006 advise no more than 10 repetitions.
MAX_VALID_REPS = 10
#: See the module docstring for the reason.
DEFAULT_FORMULA = "brzycki"


def _epley(w: float, r: int) -> float:
    return w * (1.0 + r / 30.0)


def _brzycki(w: float, r: int) -> float:
    return w * 36.0 / (37.0 - r)


def _lander(w: float, r: int) -> float:
    return 100.0 * w / (101.3 - 2.67123 * r)


def _lombardi(w: float, r: int) -> float:
    return w * math.pow(r, 0.10)


def _mayhew(w: float, r: int) -> float:
    return 100.0 * w / (52.2 + 41.9 * math.exp(-0.055 * r))


def _oconner(w: float, r: int) -> float:
    return w * (1.0 + 0.025 * r)


def _wathen(w: float, r: int) -> float:
    return 100.0 * w / (48.8 + 53.8 * math.exp(-0.075 * r))


#: Formula name -> function of (load, repetitions), in the order the page lists them.
FORMULAS: dict[str, Callable[[float, int], float]] = {
    "epley": _epley,
    "brzycki": _brzycki,
    "lander": _lander,
    "lombardi": _lombardi,
    "mayhew": _mayhew,
    "oconner": _oconner,
    "wathen": _wathen,
}


def estimate(formula: str, load: float, reps: int) -> float:
    """1RM by one formula; ``reps`` must be 1-12 and ``load`` positive.

    Examples:
        >>> round(estimate("oconner", 100.0, 10), 6)
        125.0
        >>> round(estimate("lombardi", 100.0, 10), 4)
        125.8925
    """
    if not 1 <= reps <= MAX_REPS:
        raise ValueError("reps out of range")
    if reps == 1:
        return load
    return FORMULAS[formula](load, reps)


def estimate_all(load: float, reps: int) -> dict[str, float]:
    """1RM by every formula.

    Examples:
        >>> round(estimate_all(60.0, 8)["mayhew"], 2)
        75.77
    """
    return {name: estimate(name, load, reps) for name in FORMULAS}


@dataclass(frozen=True)
class OneRmEstimate:
    """Result of :func:`one_rm`; ``unit`` is ``"kg"`` or ``"lb"``, as entered."""

    unit: str
    load: float
    reps: int
    estimates: dict[str, float]
    default_formula: str
    one_rm: float
    warnings: tuple[str, ...]


def one_rm(load: float, reps: int, unit: str) -> OneRmEstimate:
    """All estimates, the default one and warnings (``reps_above_10``).

    Examples:
        >>> r = one_rm(100.0, 11, "kg")
        >>> r.default_formula, round(r.one_rm, 4), r.warnings
        ('brzycki', 138.4615, ('reps_above_10',))
    """
    estimates = estimate_all(load, reps)
    warnings = ("reps_above_10",) if reps > MAX_VALID_REPS else ()
    return OneRmEstimate(
        unit=unit,
        load=load,
        reps=reps,
        estimates=estimates,
        default_formula=DEFAULT_FORMULA,
        one_rm=estimates[DEFAULT_FORMULA],
        warnings=warnings,
    )
