"""The steps of one blood flow restriction (BFR) exercise, in order, with their durations.

Protocol (Patterson SD et al. Front Physiol 2019;10:533, doi:10.3389/fphys.2019.00533, the same
source as ``load.py``): 2-4 sets of 30-15-15-15 repetitions (2 sets in the first sessions),
30-60 s of rest between sets, 5-10 min of restriction per exercise; deflating the cuff between
sets is the gentler option.

A session is a list of steps: a **set** (the cuff is on), then between two sets either a
**rest** with the cuff still on (continuous restriction) or, when the air is let out between sets
(intermittent restriction), a **deflate** step (a rest with the cuff let down) followed by an
**inflate** step, in which the reader pumps the cuff up again for the next set. The inflate step
is the last ``INFLATE_S`` seconds of the rest (at most half of it), so the time between two sets
stays the rest the reader chose; 10 s to pump a cuff up is this site's own assumption. A rest of
0 s is no step at all: the next set follows at once. The time a set takes is its repetitions
times the seconds per repetition. The default, 4 s per repetition (2 s lifting, 2 s lowering), is
the tempo of a trial protocol (Jørgensen SL et al. BMJ Open 2020;10(10):e034376, Table 3:
concentric 2 s, eccentric 2 s, 4 s per repetition, at 30 % of 1RM in sets of 30-15-15-to
failure); the reader can change it.

The cuff time is the time the cuff is on: every set, every rest when it stays on, and the time
spent pumping it up (counted as on, the careful side of the limit). It is checked against the
reader's limit (at most the 10 min of the guidance): ``cuff_time_over_limit`` exactly when the
cuff time is longer than the limit.

The timer warns as the cuff time passes each of the plan's alerts, each with its kind: ``low``
at 5 min, the guidance's short end, when that is below the limit, and ``limit`` at the limit.

The four-week progression in ``PROGRESSION`` is this site's own suggestion, built from the
guidance's ranges: start with 2 sets and 2 sessions a week, add a set, then a session, never more
than 4 sets and 3 sessions a week; the load stays the same.

Examples:
    >>> p = plan(sets=2, reps=(30, 15), rest_s=45, rep_s=2.0, mode="continuous", limit_min=10)
    >>> [(s.kind, s.duration_s) for s in p.steps]
    [('set', 60.0), ('rest', 45.0), ('set', 30.0)]
    >>> p.total_s, p.cuff_s, p.warnings
    (135.0, 135.0, ())
    >>> [(a.cuff_s, a.kind) for a in p.alerts]
    [(300.0, 'low'), (600.0, 'limit')]
    >>> p = plan(sets=2, reps=(30, 15), rest_s=45, rep_s=2.0, mode="deflate", limit_min=1.75)
    >>> [(s.kind, s.duration_s, s.cuff_on) for s in p.steps]
    [('set', 60.0, True), ('deflate', 35.0, False), ('inflate', 10.0, True), ('set', 30.0, True)]
    >>> p.cuff_s, p.warnings, [(a.cuff_s, a.kind) for a in p.alerts]
    (100.0, (), [(105.0, 'limit')])
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .load import RESTRICTION_MIN
from .numbers import clean

__all__ = [
    "DEFAULT_REP_S",
    "DEFAULT_REST_S",
    "INFLATE_S",
    "MODES",
    "PROGRESSION",
    "Alert",
    "SessionPlan",
    "Step",
    "parse_scheme",
    "plan",
    "reps_for_sets",
]

#: Continuous restriction (the cuff stays on while resting) or deflating between sets.
MODES = ("continuous", "deflate")
#: Rest between sets when the reader gives none: the middle of the guidance's 30-60 s.
DEFAULT_REST_S = 45.0
#: Seconds per repetition: 2 s up and 2 s down, the tempo of a trial protocol (Jørgensen 2020).
DEFAULT_REP_S = 4.0
#: Seconds to pump the cuff up again before a set after a deflated rest: this site's own
#: assumption, taken from the end of the rest (at most half of it).
INFLATE_S = 10.0
#: The kinds of cuff-time alert: the guidance's short end (5 min), and the reader's limit.
ALERT_KINDS = ("low", "limit")
#: Most repetitions in one set, and most sets a scheme may list.
MAX_REPS_PER_SET = 50
MAX_SCHEME_SETS = 10
#: (week, sessions in that week, sets per exercise): this site's own suggestion.
PROGRESSION = ((1, 2, 2), (2, 2, 3), (3, 3, 3), (4, 3, 4))

_SEPARATORS = re.compile(r"[\s,;/+\-\u2010-\u2015x×]+")


class SchemeError(ValueError):
    """A repetition scheme that cannot be read; ``code`` says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def parse_scheme(text: str) -> tuple[int, ...]:
    """Repetitions per set from text such as ``30-15-15-15`` or ``30, 15, 15``.

    Raises :class:`SchemeError` with ``invalid_reps_scheme`` (not whole numbers between 1 and
    ``MAX_REPS_PER_SET``, separated by dashes, commas or spaces) or ``too_many_sets``.

    Examples:
        >>> parse_scheme("30-15-15-15"), parse_scheme(" 30 – 15 "), parse_scheme("20")
        ((30, 15, 15, 15), (30, 15), (20,))
        >>> parse_scheme("30-0")
        Traceback (most recent call last):
        ...
        calculators.session_plan.SchemeError: invalid_reps_scheme
    """
    parts = [p for p in _SEPARATORS.split(text.strip()) if p]
    if not parts or not all(p.isascii() and p.isdigit() and len(p) <= 3 for p in parts):
        raise SchemeError("invalid_reps_scheme")
    reps = tuple(int(p) for p in parts)
    if not all(1 <= r <= MAX_REPS_PER_SET for r in reps):
        raise SchemeError("invalid_reps_scheme")
    if len(reps) > MAX_SCHEME_SETS:
        raise SchemeError("too_many_sets")
    return reps


def reps_for_sets(scheme: tuple[int, ...], sets: int) -> tuple[int, ...]:
    """The first ``sets`` entries of a scheme; a shorter scheme repeats its last entry.

    Examples:
        >>> reps_for_sets((30, 15, 15, 15), 2), reps_for_sets((30, 15), 4)
        ((30, 15), (30, 15, 15, 15))
    """
    return tuple(scheme[min(i, len(scheme) - 1)] for i in range(sets))


@dataclass(frozen=True)
class Step:
    """One step: ``kind`` is ``set``, ``rest`` (cuff on), ``deflate`` (cuff off) or ``inflate``
    (the cuff pumped up again). ``set_number`` is the set's own number, or for a step between two
    sets the number of the set before it."""

    kind: str
    set_number: int
    reps: int
    start_s: float
    duration_s: float
    cuff_on: bool
    cuff_s_at_end: float


@dataclass(frozen=True)
class Alert:
    """A cuff time, in seconds, at which the page warns, and its kind (``ALERT_KINDS``)."""

    cuff_s: float
    kind: str


@dataclass(frozen=True)
class SessionPlan:
    steps: tuple[Step, ...]
    total_s: float
    cuff_s: float
    limit_s: float
    #: In the order of their cuff times: ``low`` (5 min) when it is below the limit, ``limit``.
    alerts: tuple[Alert, ...]
    warnings: tuple[str, ...]


def plan(
    *, sets: int, reps: tuple[int, ...], rest_s: float, rep_s: float, mode: str, limit_min: float
) -> SessionPlan:
    """The ordered steps of one exercise and its cuff time.

    ``reps`` lists the repetitions of each set (see :func:`reps_for_sets`).

    Examples:
        >>> p = plan(sets=1, reps=(30,), rest_s=45, rep_s=2, mode="continuous", limit_min=0.5)
        >>> p.cuff_s, p.limit_s, p.warnings
        (60.0, 30.0, ('cuff_time_over_limit',))
    """
    if sets < 1 or len(reps) != sets or rest_s < 0 or rep_s <= 0 or mode not in MODES:
        raise ValueError("invalid plan")
    steps: list[Step] = []
    clock = 0.0
    cuff = 0.0

    def add(kind: str, number: int, count: int, duration: float, on: bool) -> None:
        nonlocal clock, cuff
        if on:
            cuff += duration
        steps.append(Step(kind, number, count, clean(clock), duration, on, clean(cuff)))
        clock += duration

    for number, count in enumerate(reps, start=1):
        if number > 1 and rest_s > 0:
            if mode == "continuous":
                add("rest", number - 1, 0, float(rest_s), True)
            else:
                inflate = clean(min(INFLATE_S, rest_s / 2.0))
                add("deflate", number - 1, 0, clean(rest_s - inflate), False)
                add("inflate", number - 1, 0, inflate, True)
        add("set", number, count, clean(count * rep_s), True)
    limit_s = clean(limit_min * 60.0)
    low = RESTRICTION_MIN[0] * 60.0
    alerts: tuple[Alert, ...] = (Alert(low, "low"),) if low < limit_s else ()
    alerts += (Alert(limit_s, "limit"),)
    warnings = ("cuff_time_over_limit",) if cuff > limit_s + 1e-9 else ()
    return SessionPlan(
        steps=tuple(steps),
        total_s=clean(clock),
        cuff_s=clean(cuff),
        limit_s=limit_s,
        alerts=alerts,
        warnings=warnings,
    )
