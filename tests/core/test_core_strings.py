"""Every word in both languages; every code the core can emit has a message."""

from __future__ import annotations

import json
import re
from pathlib import Path

from calculators import api
from calculators.one_rm import FORMULAS
from calculators.screening import QUESTION_IDS
from calculators.strings import LANGUAGES, STRINGS, placeholders

RAW = json.loads(Path("calculators/strings.json").read_text(encoding="utf-8"))


def test_every_key_has_non_empty_english_and_danish() -> None:
    for key, value in RAW.items():
        assert set(value) == set(LANGUAGES), key
        assert all(isinstance(value[lang], str) and value[lang].strip() for lang in LANGUAGES), key


def test_placeholders_are_identical_in_both_languages() -> None:
    for key, value in STRINGS.items():
        assert placeholders(value["en"]) == placeholders(value["da"]), key


def test_every_question_has_text() -> None:
    for qid in QUESTION_IDS:
        assert f"question.{qid}.text" in STRINGS, qid


def test_every_emitted_code_has_a_message() -> None:
    for code in api.ERROR_CODES:
        assert f"error.{code}" in STRINGS, code
    for code in api.WARNING_CODES:
        assert f"warning.{code}" in STRINGS, code
    for code in api.GUIDANCE_CODES:
        assert f"guidance.{code}" in STRINGS, code
    for level in api.LEVEL_CODES:
        assert f"level.{level}.title" in STRINGS and f"level.{level}.next" in STRINGS
    for unit in api.UNIT_CODES:
        assert f"unit.{unit}" in STRINGS, unit


def test_codes_are_lower_snake_case() -> None:
    for code in api.ERROR_CODES | api.WARNING_CODES | api.GUIDANCE_CODES:
        assert code.replace("_", "").isalnum() and code == code.lower(), code


def test_formulas_and_fields_have_words() -> None:
    for name in FORMULAS:
        assert f"formula.{name}" in STRINGS
    assert "formula.cirilo_sousa_2019" in STRINGS
    # Every field of the core's registry that a reader fills in has a label and a hint; a way
    # chosen with radios has a legend instead (``ui.<field>.legend``), and ``convert`` is the
    # page's own call, with no form.
    for name, fields in api.FIELDS.items():
        for field in fields if name != "convert" else ():
            if f"ui.{field}.legend" in STRINGS:
                continue
            assert f"field.{field}.label" in STRINGS and f"field.{field}.hint" in STRINGS, field


def test_danish_calls_the_rest_hvil_and_keeps_pause_for_the_button() -> None:
    """'Pause' on the timer is the button that stops the clock; the rest between sets is 'hvil',
    so that a reader does not take the button for the rest (the December usability review)."""
    danish = {key: value["da"] for key, value in RAW.items()}
    pause = sorted(key for key, words in danish.items() if "pause" in words.lower())
    assert pause == ["ui.timer.pause", "ui.timer.paused"]
    # every string whose English names the rest between sets ("the rest of the page" and the
    # screening's "bed rest", sengeleje, do not)
    rest = [k for k, v in RAW.items() if re.search(r"(?<!bed )\brests?\b(?! of)", v["en"], re.I)]
    assert len(rest) > 8
    assert [key for key in rest if "hvil" not in danish[key].lower()] == []
    page = Path("docs/da/first-session.md").read_text(encoding="utf-8")
    assert "pause" not in page.lower()
