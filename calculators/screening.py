"""Safety screening before blood flow restriction (BFR) training: the site's own rule.

No published numeric scoring rule for BFR screening was found (frameworks: Kacin A et al. Annales
Kinesiologiae 2015;6(1):3-26; Nascimento DdC et al. Front Physiol 2022;13:808622,
doi:10.3389/fphys.2022.808622). The rule below is the site's own; it educates, it does not
diagnose. ``not_sure`` counts as ``yes``. Each question is of one of three kinds:

* ``absolute``: any one -> ``stop``;
* ``relative``: one or two -> ``caution``, three or more -> ``stop``;
* ``supervised`` (psychological items, age under 18): ``caution`` with the advice to train only
  under supervision; they never add up to ``stop``.

Measurements count like answers:

* blood pressure (systolic >= 180 **or** diastolic >= 110 mmHg) -> ``stop`` (Nascimento et al.
  2022 list >= 180/110 mmHg among the red flags; grade 3 in the 2018 ESC/ESH guideline, Williams B
  et al. Eur Heart J 2018;39:3021-3104). At or above 140/90 mmHg (the guideline's definition of
  hypertension) it is the high-blood-pressure factor, the same as answering
  ``untreated_hypertension`` yes, and is counted once;
* BMI from height and weight, rounded to one decimal as shown to the reader: above 35.0 (the
  site's own cut-off) is the ``bmi_over_35`` factor. A measured BMI replaces the answer to that
  question; when the two disagree the result says so (``warnings``).

The level is the most severe of the parts. ``decisive`` lists what set the level: question ids,
and ``blood_pressure`` or ``bmi`` when a measurement did. ``advice`` lists the advice codes of the
questions answered yes or not sure.

Examples:
    >>> answers = {q.id: "no" for q in QUESTIONS}
    >>> screen(answers).level
    'go'
    >>> screen({**answers, "smoking": "not_sure"}).decisive
    ('smoking',)
    >>> screen(answers, sbp_mmhg=180.0, dbp_mmhg=80.0).level
    'stop'
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

__all__ = [
    "ANSWERS",
    "KINDS",
    "QUESTIONS",
    "QUESTION_IDS",
    "Question",
    "ScreeningResult",
    "bmi",
    "screen",
]

ANSWERS = ("yes", "no", "not_sure")
LEVELS = ("go", "caution", "stop")
KINDS = ("absolute", "relative", "supervised")
BP_STOP = (180.0, 110.0)
BP_CAUTION = (140.0, 90.0)
BMI_CAUTION_ABOVE = 35.0
RELATIVE_STOP_COUNT = 3
#: Readings no living adult can have: the reader gets "check the numbers", not a result.
BMI_PLAUSIBLE = (12.0, 100.0)
PULSE_PRESSURE_MIN_MMHG = 10.0
#: The question a measured value stands in for.
BMI_QUESTION = "bmi_over_35"
BP_QUESTION = "untreated_hypertension"


@dataclass(frozen=True)
class Question:
    """One screening question; its words live in ``strings.json`` (``question.<id>.text``)."""

    id: str
    kind: str
    #: A reference key, or None where no study supports the item: the site's own precaution.
    source: str | None
    seed: bool
    #: An advice code (``advice.<code>`` in strings.json) shown when the answer is yes or not sure.
    advice: str | None


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
            seed=bool(q["seed"]),
            advice=None if q.get("advice") is None else str(q["advice"]),
        )
        for q in raw
    )


QUESTIONS: tuple[Question, ...] = _load_questions()
QUESTION_IDS: tuple[str, ...] = tuple(q.id for q in QUESTIONS)
ADVICE_CODES: frozenset[str] = frozenset(q.advice for q in QUESTIONS if q.advice)


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


def blood_pressure_band(sbp_mmhg: float, dbp_mmhg: float) -> str:
    """``stop``, ``caution`` or ``below``: either number alone is enough to reach a band.

    Examples:
        >>> blood_pressure_band(185.0, 85.0), blood_pressure_band(150.0, 95.0)
        ('stop', 'caution')
        >>> blood_pressure_band(139.0, 89.0)
        'below'
    """
    if sbp_mmhg >= BP_STOP[0] or dbp_mmhg >= BP_STOP[1]:
        return "stop"
    if sbp_mmhg >= BP_CAUTION[0] or dbp_mmhg >= BP_CAUTION[1]:
        return "caution"
    return "below"


@dataclass(frozen=True)
class ScreeningResult:
    """Level and what decided it; ``measurements`` holds flags for each measured threshold."""

    level: str
    decisive: tuple[str, ...]
    absolute: tuple[str, ...]
    relative: tuple[str, ...]
    supervised: tuple[str, ...]
    advice: tuple[str, ...]
    bmi: float | None
    blood_pressure_band: str | None
    measurements: dict[str, bool]
    warnings: tuple[str, ...]


def screen(
    answers: dict[str, str],
    sbp_mmhg: float | None = None,
    dbp_mmhg: float | None = None,
    height_cm: float | None = None,
    weight_kg: float | None = None,
) -> ScreeningResult:
    """Apply the site's rule to complete, valid answers (the API validates them).

    Examples:
        >>> answers = {q.id: "no" for q in QUESTIONS}
        >>> three = {**answers, "smoking": "yes", "varicose_veins": "yes", "kidney_disease": "yes"}
        >>> r = screen(three)
        >>> r.level, r.decisive
        ('stop', ('varicose_veins', 'smoking', 'kidney_disease'))
        >>> calm = {**answers, "anxiety": "yes", "fibromyalgia": "yes", "health_anxiety": "yes"}
        >>> screen(calm).level, screen(calm).advice
        ('caution', ('supervision',))
        >>> screen(answers, height_cm=170.0, weight_kg=101.5).decisive
        ('bmi',)
    """
    flagged = [q for q in QUESTIONS if answers[q.id] in ("yes", "not_sure")]
    measurements: dict[str, bool] = {}
    warnings: list[str] = []
    measured: list[str] = []

    bmi_value: float | None = None
    if height_cm is not None and weight_kg is not None:
        bmi_value = bmi(height_cm, weight_kg)
        over = bmi_value > BMI_CAUTION_ABOVE
        measurements["bmi_over_35"] = over
        # The measurement replaces the answer; a contradiction is reported, never silent.
        if answers[BMI_QUESTION] == "yes" and not over:
            warnings.append("bmi_measured_not_over_35")
        elif answers[BMI_QUESTION] == "no" and over:
            warnings.append("bmi_measured_over_35")
        flagged = [q for q in flagged if q.id != BMI_QUESTION]
        if over:
            measured.append("bmi")

    band: str | None = None
    if sbp_mmhg is not None and dbp_mmhg is not None:
        band = blood_pressure_band(sbp_mmhg, dbp_mmhg)
        measurements["blood_pressure_stop"] = band == "stop"
        measurements["blood_pressure_caution"] = band == "caution"
        answered_high = any(q.id == BP_QUESTION for q in flagged)
        if band != "below" and not answered_high:
            measured.insert(0, "blood_pressure")

    absolute = tuple(q.id for q in flagged if q.kind == "absolute")
    relative = tuple(q.id for q in flagged if q.kind == "relative") + tuple(measured)
    supervised = tuple(q.id for q in flagged if q.kind == "supervised")
    advice = tuple(dict.fromkeys(q.advice for q in flagged if q.advice))

    bp_stop = band == "stop"
    decisive: list[str] = []
    if absolute or bp_stop or len(relative) >= RELATIVE_STOP_COUNT:
        level = "stop"
        decisive.extend(absolute)
        if len(relative) >= RELATIVE_STOP_COUNT:
            decisive.extend(relative)
        if bp_stop and "blood_pressure" not in decisive:
            decisive.append("blood_pressure")
    elif relative or supervised:
        level = "caution"
        decisive.extend(relative)
        decisive.extend(supervised)
    else:
        level = "go"
    return ScreeningResult(
        level=level,
        decisive=tuple(decisive),
        absolute=absolute,
        relative=relative,
        supervised=supervised,
        advice=advice,
        bmi=bmi_value,
        blood_pressure_band=band,
        measurements=measurements,
        warnings=tuple(warnings),
    )
