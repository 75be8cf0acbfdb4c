"""The safety and screening pages say what the tool does: same factors, kinds, sources, rule and
level names, in both languages; and no built page swallows a paragraph into a table."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from tests.conftest import LANGUAGES, ROOT, STRINGS, Build, built_html, source_pages

QUESTIONS = json.loads((ROOT / "calculators/questions.json").read_text(encoding="utf-8"))
#: The section of the safety page that lists each kind of factor (heading anchor).
SECTION = {
    "absolute": "absolute",
    "limb": "limb",
    "today": "today",
    "relative": "relative",
    "supervised": "supervised",
}
#: | No. | What it means | Why it matters | Source |
ROW = re.compile(r"^\|\s*(\d+)\s*\|([^|]*)\|([^|]*)\|([^|]*)\|\s*$", re.M)
HEADING = re.compile(r"^#{2,3} .*\{ #([a-z0-9-]+) \}\s*$", re.M)
OWN = {"en": "Our own precaution", "da": "Vores egen forsigtighedsregel"}
RULE_PARTS = (
    "absolute",
    "limb",
    "today",
    "relative",
    "once",
    "not_counted",
    "supervised",
    "team",
    "blood_pressure",
    "no_reading",
    "bmi",
    "not_sure",
    "worst",
)
LEVELS = ("go", "not_today", "caution", "stop")


def page(lang: str, name: str = "safety.md") -> str:
    return (ROOT / "docs" / lang / name).read_text(encoding="utf-8")


def sections(text: str) -> dict[str, str]:
    """Heading anchor -> the text up to the next heading."""
    marks = list(HEADING.finditer(text))
    return {
        m.group(1): text[m.end() : marks[i + 1].start() if i + 1 < len(marks) else len(text)]
        for i, m in enumerate(marks)
    }


def rows(lang: str) -> dict[int, tuple[str, str, str, str]]:
    """Question number -> (kind from its section, meaning, why it matters, source)."""
    found: dict[int, tuple[str, str, str, str]] = {}
    parts = sections(page(lang))
    for kind, anchor in SECTION.items():
        for m in ROW.finditer(parts[anchor]):
            number = int(m.group(1))
            assert number not in found, (lang, number)
            found[number] = (kind, m.group(2).strip(), m.group(3).strip(), m.group(4).strip())
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_screening_question_is_on_the_safety_page_with_its_kind_and_source(lang: str) -> None:
    table = rows(lang)
    assert sorted(table) == list(range(1, len(QUESTIONS) + 1))
    for number, question in enumerate(QUESTIONS, start=1):
        kind, meaning, why, source = table[number]
        assert kind == question["kind"], (lang, question["id"])
        assert meaning, (lang, question["id"])
        # one short plain reason beside each item: "Clot: ...", "Skin: ..."
        assert re.match(r"^[A-ZÆØÅ][a-zæøå]+( [a-zæøå]+){0,3}: \S", why), (lang, why)
        if question["source"] is None:  # the site's own precaution: no study is claimed
            assert "references.md#" not in source, (lang, question["id"])
            assert source == OWN[lang], (lang, question["id"])
        else:
            assert f"references.md#{question['source']}" in source, (lang, question["id"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_safety_page_shows_no_machine_ids_and_no_original_page(lang: str) -> None:
    text = page(lang)
    for question in QUESTIONS:
        assert f"`{question['id']}`" not in text and f"| {question['id']} " not in text
    assert "original page" not in text.lower() and "oprindelige side" not in text.lower()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_when_to_see_a_doctor_at_once_is_an_urgent_box_near_the_top(lang: str) -> None:
    parts = sections(page(lang))
    order = list(parts)
    assert order.index("see-a-doctor") < order.index("contraindications")
    box = parts["see-a-doctor"]
    assert box.lstrip().startswith("!!! bfr-care-emergency")  # a care card (site.css)
    assert "112" in box
    # the warning signs after training are in the box: lasting numbness, a cold or pale limb
    assert ("does not go away" if lang == "en" else "ikke går over") in box
    assert ("cold or pale" if lang == "en" else "koldt eller blegt") in box


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", ["safety.md", "calculators/screening.md"])
def test_the_rule_on_the_pages_is_word_for_word_the_rule_in_the_tool(lang: str, name: str) -> None:
    text = page(lang, name)
    for number, part in enumerate(RULE_PARTS, start=1):
        assert f"\n{number}. {STRINGS['screening.rule.' + part][lang]}" in text, (name, part)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_level_names_on_the_pages_are_the_tools_level_names(lang: str) -> None:
    titles = [STRINGS[f"level.{level}.title"][lang] for level in LEVELS]
    safety = sections(page(lang))["screening-rule"]
    table = re.findall(r"^\|\s*([^|]+?)\s*\|[^|]+\|\s*$", safety, re.M)
    assert table[2:] == titles  # after the header and the |---| line
    quote = ("“", "”") if lang == "en" else ("»", "«")
    for name in ("safety.md", "calculators/screening.md"):
        text = page(lang, name)
        for title in titles:
            assert f"{quote[0]}{title}{quote[1]}" in text, (name, title)
    other = {"en": ["Be careful", "Caution", "Vær varsom"], "da": ["Vær varsom", "Be careful"]}[
        lang
    ]
    for name in ("safety.md", "calculators/screening.md"):
        for word in other:
            assert word not in page(lang, name), (name, word)


class _Tables(HTMLParser):
    """Rows of every table: the number of cells and how many of them hold text."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[tuple[int, int]]] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None and self.tables:
            self.tables[-1].append((len(self.row), sum(bool(c) for c in self.row)))
            self.row = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def test_no_built_page_swallows_a_paragraph_into_a_table(build: Build) -> None:
    swallowed = []
    for source in source_pages():
        for lang in LANGUAGES:
            parser = _Tables()
            parser.feed(built_html(build, source, lang).read_text(encoding="utf-8"))
            for table in parser.tables:
                width = max((cells for cells, _ in table), default=0)
                if width >= 3 and any(filled == 1 for _, filled in table):
                    swallowed.append((lang, source))
    assert swallowed == []


def test_the_check_finds_a_swallowed_paragraph() -> None:
    import markdown

    html = markdown.markdown(
        "| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\nA note.\n", extensions=["tables"]
    )
    parser = _Tables()
    parser.feed(html)
    assert any(filled == 1 for _, filled in parser.tables[0])


def test_the_superseded_hypertension_guideline_is_cited_nowhere() -> None:
    # the 2018 ESC/ESH guideline was replaced by the 2024 ESC guideline (McEvoy et al. 2024)
    places = [*(ROOT / "docs").rglob("*.md"), *(ROOT / "calculators").rglob("*.py")]
    places += [*(ROOT / "calculators").glob("*.json"), *(ROOT / "overrides").rglob("*.html")]
    assert [p.name for p in places if "williams-2018" in p.read_text(encoding="utf-8")] == []
    for lang in LANGUAGES:
        rule = sections(page(lang))["screening-rule"]
        assert "references.md#mcevoy-2024" in rule and "references.md#hypertension-canada" in rule


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_results_table_names_every_level_and_the_limbs(lang: str) -> None:
    rule = sections(page(lang))["screening-rule"]
    limbs = {"en": "Not on that arm or leg", "da": "Ikke på den arm eller det ben"}[lang]
    assert limbs in rule
    # the next step after a pregnancy names the midwife (as the tool does)
    assert ("midwife" if lang == "en" else "jordemoder") in rule


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_screening_numbers_its_questions_one_by_one_down_the_page(
    build: Build, lang: str
) -> None:
    """Usability finding 10: the questions read 1, 2, 3 ... in the order shown, under their
    group headings, each with its own words; the Safety tables use the same numbers."""
    html = built_html(build, "calculators/screening.md", lang).read_text(encoding="utf-8")
    form = html.split('id="screening"', 1)[1].split("</form>", 1)[0]
    question = r'<li data-group="answers"[^>]*>\s*<fieldset[^>]*>\s*'
    legends = re.findall(question + r'<legend class="bfr-label">(.*?)</legend>', form, re.S)
    expected = [
        f"{n}. {STRINGS['question.' + q['id'] + '.text'][lang]}"
        for n, q in enumerate(QUESTIONS, start=1)
    ]
    assert [" ".join(legend.split()) for legend in legends] == [
        " ".join(e.replace("&", "&amp;").split()) for e in expected
    ]
