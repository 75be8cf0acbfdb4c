"""The safety page's contraindication tables agree with the screening's questions."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import LANGUAGES, ROOT

QUESTIONS = json.loads((ROOT / "calculators/questions.json").read_text(encoding="utf-8"))
KIND = {
    "en": {"Absolute": "absolute", "Relative": "relative"},
    "da": {"Absolut": "absolute", "Relativ": "relative"},
}
ROW = re.compile(r"^\|\s*`([a-z_0-9]+)`\s*\|(.*)\|\s*$", re.M)


def rows(lang: str) -> dict[str, list[str]]:
    text = (ROOT / "docs" / lang / "safety.md").read_text(encoding="utf-8")
    return {m.group(1): [c.strip() for c in m.group(2).split("|")] for m in ROW.finditer(text)}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_screening_question_is_on_the_safety_page_with_its_kind_and_source(lang: str) -> None:
    table = rows(lang)
    assert list(table) == [q["id"] for q in QUESTIONS]
    for question in QUESTIONS:
        meaning, kind, source = table[question["id"]]
        assert KIND[lang].get(kind) == question["kind"], question["id"]
        if question["source"] is None:  # the site's own precaution: no study is claimed
            assert "references.md#" not in source, question["id"]
        else:
            assert f"references.md#{question['source']}" in source, question["id"]
