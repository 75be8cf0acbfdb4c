"""Safety screening before blood flow restriction (BFR) training: the site's own rule.

No published numeric scoring rule for BFR screening was found (frameworks: Kacin A et al. Annales
Kinesiologiae 2015;6(1):3-26; Nascimento DdC et al. Front Physiol 2022;13:808622,
doi:10.3389/fphys.2022.808622). The rule below is the site's own, counting included; it educates,
it does not diagnose. Every question has a kind (``questions.json``):

* ``absolute``: any one -> ``stop``.
* ``limb`` (a problem of one arm or leg: an open wound or stitches, a dialysis fistula or graft or
  lymphoedema, lymph nodes removed from the armpit or groin, reduced feeling): the reader says
  which limbs, and those limbs are excluded ("not on that arm or leg"); the other limbs follow the
  rest of the rule. Every limb excluded -> ``stop``.
* ``today`` (ill today or a fever): ``not_today``, "train again once you have been well for a day
  or two, and answer again". Anything that gives ``caution`` or ``stop`` as well wins.
* ``relative``: risk factors. They add up by condition, not by question: one or two conditions
  -> ``caution``, three or more together -> ``stop``. Questions that share a ``condition`` count
  once: an operation or a broken bone with the cast, brace or bed rest after it (one episode);
  hormonal contraception with hormone therapy; high blood pressure answered with a measured one.
  Two relative answers give ``caution`` but never add to the count: a medicine against blood clots
  (``counts: false``; the condition it treats is asked about in its own question), and "not sure"
  about blood clots in the family (``not_sure: find_out``: find out, then answer again).
* ``supervised`` (psychological items, age under 18): ``caution`` with the advice to train only
  under supervision; they never add up to ``stop``.

After an operation or a broken bone (``follow_up: surgical_team``) the reader says whether a
surgical or rehabilitation team follows the recovery. It changes the advice and the next step,
never the level: with a team, "train only with their approval and under their supervision" (with
"show them this result first" under ``stop``); without one, "ask a doctor or physiotherapist
first". So an operation under a team's care, with the cast or brace after it, is one factor and
gives ``caution`` with the team's advice, never ``stop`` beside "train with your team".

``not_sure`` counts as ``yes``, except for the family question above.

Measurements count like answers:

* blood pressure, with the place it was measured (``home`` or ``clinic``, which includes a
  pharmacy): systolic >= 180 **or** diastolic >= 110 mmHg -> ``stop`` in both places (Nascimento et
  al. 2022 list >= 180/110 mmHg among the red flags). At or above 135/85 at home, or 140/90 in a
  clinic, it is the high-blood-pressure factor, the same as answering ``untreated_hypertension``
  yes, and is counted once with that answer (140/90 in the office: McEvoy JW et al. 2024 ESC
  Guidelines for the management of elevated blood pressure and hypertension. Eur Heart J
  2024;45(38):3912-4018, doi:10.1093/eurheartj/ehae178; 135/85 at home: Hypertension Canada's
  guidance on home measurement, which calls home readings above it high, as clinic readings
  above 140/90; the site counts the threshold itself too, as for 140/90). Without a reading,
  ``go`` comes with the next step "measure your blood pressure first";
* BMI from height and weight, rounded to one decimal as shown to the reader: above 35.0 (the
  site's own cut-off) is the ``bmi_over_35`` factor. A measured BMI replaces the answer to that
  question; when the two disagree the result says so (``warnings``).

The level is the most severe of the parts (``go`` < ``not_today`` < ``caution`` < ``stop``).
``why`` says in codes why the level is what it is (``count`` with ``count`` and ``count_limit``:
"3 risk factors together"), ``decisive`` lists what set it (question ids, and ``blood_pressure``
or ``bmi`` when a measurement did), ``tags`` gives each flagged item its plain tag, ``limbs``
which limbs are excluded and why, ``advice`` the advice codes and ``next`` the next steps.

Examples:
    >>> answers = {q.id: "no" for q in QUESTIONS}
    >>> screen(answers, sbp_mmhg=120.0, dbp_mmhg=80.0, bp_place="home").level
    'go'
    >>> screen({**answers, "smoking": "not_sure"}).decisive
    ('smoking',)
    >>> screen(answers, sbp_mmhg=180.0, dbp_mmhg=80.0, bp_place="home").level
    'stop'
    >>> screen({**answers, "acute_illness": "yes"}).level
    'not_today'
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ANSWERS",
    "LEVELS",
    "LIMBS",
    "PLACES",
    "QUESTIONS",
    "QUESTION_IDS",
    "Question",
    "ScreeningResult",
    "bmi",
    "screen",
]

ANSWERS = ("yes", "no", "not_sure")
#: From the mildest to the most serious.
LEVELS = ("go", "not_today", "caution", "stop")
LIMBS = ("left_arm", "right_arm", "left_leg", "right_leg")
#: Where a blood pressure was measured: at home, or at a clinic or a pharmacy.
PLACES = ("home", "clinic")
TEAM_ANSWERS = ("yes", "no")
BP_STOP = (180.0, 110.0)
#: High blood pressure at home (Hypertension Canada) and in a clinic (McEvoy et al. 2024, ESC).
BP_CAUTION = {"home": (135.0, 85.0), "clinic": (140.0, 90.0)}
BMI_CAUTION_ABOVE = 35.0
RELATIVE_STOP_COUNT = 3
#: Readings no living adult can have: the reader gets "check the numbers", not a result.
BMI_PLAUSIBLE = (12.0, 100.0)
PULSE_PRESSURE_MIN_MMHG = 10.0
#: The question a measured value stands in for.
BMI_QUESTION = "bmi_over_35"
BP_QUESTION = "untreated_hypertension"
PREGNANCY_QUESTION = "pregnancy"
#: Plain tags the result shows instead of "absolute" and "relative".
TAGS = {
    "absolute": "stop",
    "relative": "risk",
    "supervised": "supervised",
    "limb": "limb",
    "today": "today",
}
#: The tag of a relative answer that does not add to the count.
TAG_NOT_COUNTED = "ask"


@dataclass(frozen=True)
class Question:
    """One screening question; its words live in ``strings.json`` (``question.<id>.text``)."""

    id: str
    kind: str
    #: A reference key, or None where no study supports the item: the site's own precaution.
    source: str | None
    #: An advice code (``advice.<code>`` in strings.json) shown when the answer is yes or not sure.
    advice: str | None
    #: Questions with the same condition count once toward the count of risk factors.
    condition: str
    #: False: a relative answer that gives "talk to a professional first" but is never counted.
    counts: bool
    #: What "not sure" means: "yes", or "find_out" (find out and answer again; never counted).
    not_sure: str
    #: A follow-up question asked when the answer is yes or not sure (``surgical_team``).
    follow_up: str | None


def _load_questions() -> tuple[Question, ...]:
    # Through the module's loader, so that the core also runs from a zip on sys.path (the browser).
    path = os.path.join(os.path.dirname(__file__), "questions.json")
    loader: Any = __spec__.loader  # a folder's or a zip's: both read the files beside a module
    raw = json.loads(loader.get_data(path).decode("utf-8"))
    return tuple(
        Question(
            id=str(q["id"]),
            kind=str(q["kind"]),
            source=None if q["source"] is None else str(q["source"]),
            advice=None if q.get("advice") is None else str(q["advice"]),
            condition=str(q.get("condition", q["id"])),
            counts=bool(q.get("counts", True)),
            not_sure=str(q.get("not_sure", "yes")),
            follow_up=None if q.get("follow_up") is None else str(q["follow_up"]),
        )
        for q in raw
    )


QUESTIONS: tuple[Question, ...] = _load_questions()
QUESTION_IDS: tuple[str, ...] = tuple(q.id for q in QUESTIONS)
BY_ID: dict[str, Question] = {q.id: q for q in QUESTIONS}
LIMB_QUESTIONS: tuple[str, ...] = tuple(q.id for q in QUESTIONS if q.kind == "limb")
TEAM_QUESTION = next(q.id for q in QUESTIONS if q.follow_up == "surgical_team")
#: Every advice code the result can carry (``advice.<code>``).
ADVICE_CODES: frozenset[str] = frozenset(
    {q.advice for q in QUESTIONS if q.advice}
    | {"surgical_team_stop", "surgery_no_team", "find_out_family", "wait_until_well"}
)
#: Every next-step code (``ui.next.<code>``).
NEXT_CODES = frozenset(
    {
        "measure_bp",
        "first_session",
        "load",
        "well_again",
        "team",
        "professional",
        "questions",
        "print",
        "bp_urgent",
        "doctor",
        "midwife",
        "team_stop",
        "safety",
    }
)
#: Every code of ``why`` (``ui.why.<code>``).
WHY_CODES = frozenset(
    {
        "none",
        "limbs_only",
        "illness",
        "supervised",
        "not_counted",
        "relative",
        "count",
        "absolute",
        "blood_pressure",
        "all_limbs",
    }
)


def bmi(height_cm: float, weight_kg: float) -> float:
    """Body mass index, kg/m^2, rounded to one decimal (halves up).

    Examples:
        >>> bmi(180.0, 81.0)
        25.0
        >>> bmi(170.0, 101.5)
        35.1
    """
    metres = height_cm / 100.0
    value = weight_kg / (metres * metres)
    # Round half up on the decimal value, not on the binary float.
    return float(int(value * 10.0 + 0.5 + 1e-9)) / 10.0


def blood_pressure_band(sbp_mmhg: float, dbp_mmhg: float, place: str) -> str:
    """``stop``, ``caution`` or ``below``: either number alone is enough to reach a band.

    Examples:
        >>> blood_pressure_band(185.0, 85.0, "home"), blood_pressure_band(136.0, 86.0, "home")
        ('stop', 'caution')
        >>> blood_pressure_band(136.0, 86.0, "clinic"), blood_pressure_band(134.0, 84.0, "home")
        ('below', 'below')
    """
    if sbp_mmhg >= BP_STOP[0] or dbp_mmhg >= BP_STOP[1]:
        return "stop"
    low = BP_CAUTION[place]
    if sbp_mmhg >= low[0] or dbp_mmhg >= low[1]:
        return "caution"
    return "below"


def bp_limit(band: str, place: str) -> tuple[float, float]:
    """The threshold a reading is shown against: the one it crossed, or the one below it."""
    return BP_STOP if band == "stop" else BP_CAUTION[place]


@dataclass(frozen=True)
class ScreeningResult:
    """Level and what decided it; ``measurements`` holds flags for each measured threshold."""

    level: str
    why: tuple[str, ...]
    decisive: tuple[str, ...]
    #: Number of risk-factor conditions counted, and the count that gives "stop".
    count: int
    absolute: tuple[str, ...]
    relative: tuple[str, ...]
    supervised: tuple[str, ...]
    #: Flagged item -> its plain tag: stop, risk, ask, supervised, limb or today.
    tags: dict[str, str]
    not_sure: tuple[str, ...]
    #: Counted items that share a condition and count once, when more than one was flagged.
    groups: tuple[tuple[str, ...], ...]
    #: Limb -> the limb questions that exclude it, in LIMBS order; and the limbs left.
    excluded_limbs: tuple[tuple[str, tuple[str, ...]], ...]
    allowed_limbs: tuple[str, ...]
    advice: tuple[str, ...]
    next: tuple[str, ...]
    bmi: float | None
    blood_pressure_band: str | None
    measurements: dict[str, bool]
    warnings: tuple[str, ...]
    count_limit: int = field(default=RELATIVE_STOP_COUNT)


def screen(
    answers: dict[str, str],
    sbp_mmhg: float | None = None,
    dbp_mmhg: float | None = None,
    height_cm: float | None = None,
    weight_kg: float | None = None,
    *,
    bp_place: str | None = None,
    limbs: dict[str, tuple[str, ...]] | None = None,
    surgical_team: str | None = None,
) -> ScreeningResult:
    """Apply the site's rule to complete, valid answers (the API validates them): a limb question
    answered yes or not sure has its limbs, a reading has its place, an operation its team answer.

    Examples:
        >>> answers = {q.id: "no" for q in QUESTIONS}
        >>> three = {**answers, "smoking": "yes", "varicose_veins": "yes", "kidney_disease": "yes"}
        >>> r = screen(three)
        >>> r.level, r.why, r.decisive, r.count
        ('stop', ('count',), ('varicose_veins', 'kidney_disease', 'smoking'), 3)
        >>> knee = {**answers, "recent_surgery": "yes", "immobilisation": "yes",
        ...         "hormonal_contraception": "yes"}
        >>> r = screen(knee, surgical_team="yes")
        >>> r.level, r.count, r.groups, r.advice
        ('caution', 2, (('recent_surgery', 'immobilisation'),), ('surgical_team',))
        >>> r = screen({**answers, "open_wound": "yes"}, limbs={"open_wound": ("left_arm",)})
        >>> r.level, r.excluded_limbs, r.why
        ('go', (('left_arm', ('open_wound',)),), ('limbs_only',))
        >>> calm = {**answers, "anxiety": "yes", "fibromyalgia": "yes", "health_anxiety": "yes"}
        >>> screen(calm).level, screen(calm).advice
        ('caution', ('supervision',))
        >>> screen(answers, height_cm=170.0, weight_kg=101.5).decisive
        ('bmi',)
    """
    limbs = limbs or {}
    flagged = [q for q in QUESTIONS if answers[q.id] in ("yes", "not_sure")]
    measurements: dict[str, bool] = {}
    warnings: list[str] = []
    tags: dict[str, str] = {}
    # The counted risk factors: (item id, condition), in question order, measurements last.
    counted: list[tuple[str, str]] = []

    over_bmi = False
    bmi_value: float | None = None
    if height_cm is not None and weight_kg is not None:
        bmi_value = bmi(height_cm, weight_kg)
        over_bmi = bmi_value > BMI_CAUTION_ABOVE
        measurements["bmi_over_35"] = over_bmi
        # The measurement replaces the answer; a contradiction is reported, never silent.
        if answers[BMI_QUESTION] == "yes" and not over_bmi:
            warnings.append("bmi_measured_not_over_35")
        elif answers[BMI_QUESTION] == "no" and over_bmi:
            warnings.append("bmi_measured_over_35")
        flagged = [q for q in flagged if q.id != BMI_QUESTION]

    band: str | None = None
    if sbp_mmhg is not None and dbp_mmhg is not None and bp_place is not None:
        band = blood_pressure_band(sbp_mmhg, dbp_mmhg, bp_place)
        measurements["blood_pressure_stop"] = band == "stop"
        measurements["blood_pressure_caution"] = band == "caution"

    absolute = [q.id for q in flagged if q.kind == "absolute"]
    supervised = [q.id for q in flagged if q.kind == "supervised"]
    ill = [q.id for q in flagged if q.kind == "today"]
    not_counted: list[str] = []
    for q in flagged:
        if q.kind != "relative":
            continue
        if not q.counts or (answers[q.id] == "not_sure" and q.not_sure == "find_out"):
            not_counted.append(q.id)
        else:
            counted.append((q.id, q.condition))
    if band in ("caution", "stop") and BP_QUESTION not in [i for i, _ in counted]:
        counted.append(("blood_pressure", BY_ID[BP_QUESTION].condition))
    if over_bmi:
        counted.append(("bmi", BY_ID[BMI_QUESTION].condition))
    conditions = list(dict.fromkeys(c for _, c in counted))
    count = len(conditions)
    groups = tuple(
        ids
        for ids in (tuple(i for i, c in counted if c == cond) for cond in conditions)
        if len(ids) > 1
    )

    excluded: dict[str, list[str]] = {}
    for q in flagged:
        if q.kind == "limb":
            for limb in limbs.get(q.id, ()):
                excluded.setdefault(limb, []).append(q.id)
    excluded_limbs = tuple((limb, tuple(excluded[limb])) for limb in LIMBS if limb in excluded)
    allowed_limbs = tuple(limb for limb in LIMBS if limb not in excluded)
    limb_items = [q.id for q in flagged if q.kind == "limb"]

    for q in flagged:
        tag = TAGS[q.kind]
        if q.id in not_counted:
            tag = TAG_NOT_COUNTED
        tags[q.id] = tag
    if band in ("caution", "stop"):
        tags["blood_pressure"] = "stop" if band == "stop" else "risk"
    if over_bmi:
        tags["bmi"] = "risk"

    bp_stop = band == "stop"
    all_limbs = not allowed_limbs
    relative_ids = [i for i, _ in counted]
    why: list[str] = []
    decisive: list[str] = []
    if absolute or bp_stop or count >= RELATIVE_STOP_COUNT or all_limbs:
        level = "stop"
        if absolute:
            why.append("absolute")
            decisive.extend(absolute)
        if bp_stop:
            why.append("blood_pressure")
            if "blood_pressure" not in decisive:
                decisive.append("blood_pressure")
        if count >= RELATIVE_STOP_COUNT:
            why.append("count")
            decisive.extend(i for i in relative_ids if i not in decisive)
        if all_limbs:
            why.append("all_limbs")
            decisive.extend(limb_items)
    elif counted or not_counted or supervised:
        level = "caution"
        if counted:
            why.append("relative")
        if not_counted:
            why.append("not_counted")
        if supervised:
            why.append("supervised")
        order = {qid: n for n, qid in enumerate(QUESTION_IDS)}
        asked = sorted([i for i in relative_ids if i in order] + not_counted, key=order.__getitem__)
        measured = [i for i in relative_ids if i not in order]
        decisive.extend(asked + measured + supervised)
    elif ill:
        level = "not_today"
        why.append("illness")
        decisive.extend(ill)
    else:
        level = "go"
        why.append("limbs_only" if excluded_limbs else "none")

    team = surgical_team if TEAM_QUESTION in answers and answers[TEAM_QUESTION] != "no" else None
    advice: list[str] = []
    for q in flagged:
        code = q.advice
        if q.follow_up == "surgical_team":
            code = (
                "surgery_no_team"
                if team != "yes"
                else ("surgical_team_stop" if level == "stop" else "surgical_team")
            )
        if q.id in not_counted and q.not_sure == "find_out":
            code = "find_out_family"
        if code and code not in advice:
            advice.append(code)
    if ill and level != "stop":
        advice.append("wait_until_well")

    steps: list[str] = []
    if level == "go":
        if band is None:
            steps.append("measure_bp")
        steps.extend(["first_session", "load"])
    elif level == "not_today":
        steps.append("well_again")
    elif level == "caution":
        steps.extend(["team" if team == "yes" else "professional", "questions", "print"])
    else:
        if bp_stop:
            steps.append("bp_urgent")
        if PREGNANCY_QUESTION in absolute:
            steps.append("midwife")
        elif team == "yes":
            steps.append("team_stop")
        else:
            steps.append("doctor")
        steps.extend(["safety", "print"])

    return ScreeningResult(
        level=level,
        why=tuple(why),
        decisive=tuple(decisive),
        count=count,
        absolute=tuple(absolute),
        relative=tuple(relative_ids),
        supervised=tuple(supervised),
        tags=tags,
        not_sure=tuple(q.id for q in flagged if answers[q.id] == "not_sure"),
        groups=groups,
        excluded_limbs=excluded_limbs,
        allowed_limbs=allowed_limbs,
        advice=tuple(advice),
        next=tuple(steps),
        bmi=bmi_value,
        blood_pressure_band=band,
        measurements=measurements,
        warnings=tuple(warnings),
    )
