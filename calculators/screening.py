"""Safety screening before blood flow restriction (BFR) training: the site's own rule.

No published numeric scoring rule for BFR screening was found (frameworks: Kacin A et al. Annales
Kinesiologiae 2015;6(1):3-26; Nascimento DdC et al. Front Physiol 2022;13:808622,
doi:10.3389/fphys.2022.808622). The rule below is the site's own; it educates, it does not
diagnose:

* any absolute factor answered ``yes`` -> ``stop``; ``not_sure`` counts as ``yes``;
* relative factors accumulate: one or two -> ``caution``, three or more -> ``stop``;
* measured blood pressure at or above 180/110 mmHg (systolic >= 180 **or** diastolic >= 110)
  -> ``stop`` (Nascimento et al. 2022 list >= 180/110 mmHg among cardiovascular red flags);
  at or above 140/90 mmHg -> ``caution``;
* BMI from height and weight, rounded to one decimal as shown to the reader, above 35.0 ->
  ``caution``. A measured BMI does not add to the count of relative factors; the question
  ``bmi_over_35`` does.

The level is the most severe of the parts. ``decisive`` lists what set the level: question ids,
and ``blood_pressure`` or ``bmi`` when a measurement did.

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
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "ANSWERS",
    "QUESTIONS",
    "QUESTION_IDS",
    "Question",
    "ScreeningResult",
    "bmi",
    "screen",
]

ANSWERS = ("yes", "no", "not_sure")
LEVELS = ("go", "caution", "stop")
BP_STOP = (180.0, 110.0)
BP_CAUTION = (140.0, 90.0)
BMI_CAUTION_ABOVE = 35.0
RELATIVE_STOP_COUNT = 3


@dataclass(frozen=True)
class Question:
    """One screening question; its words live in ``strings.json`` (``question.<id>.text``)."""

    id: str
    kind: str
    #: A reference key, or None where no study supports the item: the site's own precaution.
    source: str | None
    seed: bool


def _load_questions() -> tuple[Question, ...]:
    path = Path(__file__).with_name("questions.json")
    raw = json.loads(path.read_text(encoding="utf-8"))
    return tuple(
        Question(
            id=str(q["id"]),
            kind=str(q["kind"]),
            source=None if q["source"] is None else str(q["source"]),
            seed=bool(q["seed"]),
        )
        for q in raw
    )


QUESTIONS: tuple[Question, ...] = _load_questions()
QUESTION_IDS: tuple[str, ...] = tuple(q.id for q in QUESTIONS)


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


@dataclass(frozen=True)
class ScreeningResult:
    """Level and what decided it; ``measurements`` holds flags for each measured threshold."""

    level: str
    decisive: tuple[str, ...]
    absolute: tuple[str, ...]
    relative: tuple[str, ...]
    bmi: float | None
    measurements: dict[str, bool]


def _worse(a: str, b: str) -> str:
    return a if LEVELS.index(a) >= LEVELS.index(b) else b


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
        >>> three = {**answers, "smoking": "yes", "anxiety": "yes", "fibromyalgia": "yes"}
        >>> r = screen(three)
        >>> r.level, r.decisive
        ('stop', ('fibromyalgia', 'anxiety', 'smoking'))
        >>> screen(answers, height_cm=170.0, weight_kg=101.5).decisive
        ('bmi',)
    """
    flagged = [q for q in QUESTIONS if answers[q.id] in ("yes", "not_sure")]
    absolute = tuple(q.id for q in flagged if q.kind == "absolute")
    relative = tuple(q.id for q in flagged if q.kind == "relative")

    measurements: dict[str, bool] = {}
    bp_level = "go"
    if sbp_mmhg is not None and dbp_mmhg is not None:
        bp_stop = sbp_mmhg >= BP_STOP[0] or dbp_mmhg >= BP_STOP[1]
        bp_caution = not bp_stop and (sbp_mmhg >= BP_CAUTION[0] or dbp_mmhg >= BP_CAUTION[1])
        measurements["blood_pressure_stop"] = bp_stop
        measurements["blood_pressure_caution"] = bp_caution
        bp_level = "stop" if bp_stop else "caution" if bp_caution else "go"
    bmi_value: float | None = None
    bmi_level = "go"
    if height_cm is not None and weight_kg is not None:
        bmi_value = bmi(height_cm, weight_kg)
        over = bmi_value > BMI_CAUTION_ABOVE
        measurements["bmi_over_35"] = over
        bmi_level = "caution" if over else "go"

    if absolute:
        absolute_level = "stop"
    else:
        absolute_level = "go"
    if len(relative) >= RELATIVE_STOP_COUNT:
        relative_level = "stop"
    elif relative:
        relative_level = "caution"
    else:
        relative_level = "go"

    level = "go"
    for part in (absolute_level, relative_level, bp_level, bmi_level):
        level = _worse(level, part)

    decisive: list[str] = []
    if level != "go":
        if absolute_level == level:
            decisive.extend(absolute)
        if relative_level == level:
            decisive.extend(relative)
        if bp_level == level:
            decisive.append("blood_pressure")
        if bmi_level == level:
            decisive.append("bmi")
    return ScreeningResult(
        level=level,
        decisive=tuple(decisive),
        absolute=absolute,
        relative=relative,
        bmi=bmi_value,
        measurements=measurements,
    )
