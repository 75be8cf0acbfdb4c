"""The schema.org data (JSON-LD) of the built pages say what the reader sees, in both languages.

The questions and answers page carries an ``FAQPage`` whose questions and answers are, one for
one, the visible second-level headings and the text under them; the guides carry a
``MedicalWebPage`` with the page's heading, description, language and review date. The twins say
the same: as many questions, under the same anchors, with the same review date. The visible text
is read here from the built article with regular expressions, independently of the hook's parser.
"""

from __future__ import annotations

import base64
import hashlib
import html as html_module
import json
import re
from typing import Any

import pytest

from tests.conftest import LANGUAGES, ROOT, Build, built_html, page_path, source_pages

DOCS = ROOT / "docs"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
ANY_SCRIPT_TYPE = re.compile(r'<script\b[^>]*\btype="([^"]*)"', re.I)
H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
H2 = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.S)
PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
COMMENT = re.compile(r"<!--.*?-->", re.S)
BLOCK_TAG = re.compile(
    r"</?(?:p|li|ul|ol|td|th|tr|table|thead|tbody|div|br|h[1-6]|dt|dd|dl)\b[^>]*>"
)
TAG = re.compile(r"<[^>]+>")
REVIEWED = re.compile(r'<footer class="bfr-review">\s*<p>\s*<span>[^<]*<time datetime="([^"]+)">')
DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')


def front_matter(source: str, lang: str) -> dict[str, str]:
    text = (DOCS / lang / source).read_text(encoding="utf-8")
    block = text.split("---", 2)[1]
    return dict(
        (key.strip(), value.strip().strip('"'))
        for key, _, value in (line.partition(":") for line in block.strip().splitlines())
    )


SCHEMA_PAGES = {s: front_matter(s, "en").get("schema") for s in source_pages()}
GUIDES = sorted(s for s in source_pages() if s.startswith("guides/"))


def blocks(page: str) -> list[dict[str, Any]]:
    return [json.loads(body) for body in JSON_LD.findall(page)]


def visible(fragment: str) -> str:
    """Text a reader sees in an HTML fragment: no comments, no permalinks, no tags."""
    fragment = PERMALINK.sub("", COMMENT.sub("", fragment))
    fragment = TAG.sub("", BLOCK_TAG.sub(" ", fragment))
    return " ".join(html_module.unescape(fragment).split())


def article(page: str) -> str:
    """The page's own content: the article, without the review dates below it."""
    start = page.index("<article")
    return page[start : page.index('<footer class="bfr-review">', start)]


def visible_questions(page: str) -> list[tuple[str, str, str]]:
    """(anchor, heading, text under it) for every second-level heading of the article."""
    content = article(page)
    headings = list(H2.finditer(content))
    found = []
    for i, heading in enumerate(headings):
        end = headings[i + 1].start() if i + 1 < len(headings) else len(content)
        found.append(
            (heading.group(1), visible(heading.group(2)), visible(content[heading.end() : end]))
        )
    return found


def faq_mismatches(data: dict[str, Any], page: str) -> list[str]:
    """Where the FAQPage data and the visible questions and answers differ."""
    problems = []
    shown = visible_questions(page)
    questions = data.get("mainEntity", [])
    if len(questions) != len(shown):
        problems.append(f"{len(questions)} questions in the data, {len(shown)} on the page")
    for question, (anchor, heading, answer) in zip(questions, shown, strict=False):
        if question.get("@type") != "Question" or question.get("name") != heading:
            problems.append(f"#{anchor}: question {question.get('name')!r} is not {heading!r}")
        if not str(question.get("url", "")).endswith(f"#{anchor}"):
            problems.append(f"#{anchor}: question url {question.get('url')!r}")
        given = question.get("acceptedAnswer", {})
        if given.get("@type") != "Answer" or given.get("text") != answer:
            problems.append(f"#{anchor}: answer {given.get('text')!r} is not {answer!r}")
    return problems


def read(build: Build, source: str, lang: str) -> str:
    return built_html(build, source, lang).read_text(encoding="utf-8")


def the_block(build: Build, source: str, lang: str) -> dict[str, Any]:
    found = blocks(read(build, source, lang))
    assert len(found) == 1, f"{page_path(source, lang)}: {len(found)} JSON-LD blocks"
    return found[0]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("source", source_pages())
def test_only_pages_that_ask_for_it_carry_structured_data(
    build: Build, source: str, lang: str
) -> None:
    page = read(build, source, lang)
    expected = SCHEMA_PAGES[source]
    assert front_matter(source, lang).get("schema") == expected, "twins ask for different types"
    assert [b["@type"] for b in blocks(page)] == ([expected] if expected else [])


def test_the_faq_and_every_guide_ask_for_structured_data() -> None:
    assert SCHEMA_PAGES["faq.md"] == "FAQPage"
    assert GUIDES, "no guide pages found"
    assert {SCHEMA_PAGES[g] for g in GUIDES} == {"MedicalWebPage"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_faq_data_are_the_visible_questions_and_answers(build: Build, lang: str) -> None:
    page = read(build, "faq.md", lang)
    data = the_block(build, "faq.md", lang)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "FAQPage"
    assert data["inLanguage"] == lang
    assert data["name"] == visible(H1.search(article(page)).group(1))
    assert data["lastReviewed"] == REVIEWED.search(page).group(1)
    assert len(data["mainEntity"]) >= 17
    assert faq_mismatches(data, page) == []


def test_a_changed_answer_or_a_missing_question_is_caught(build: Build) -> None:
    page = read(build, "faq.md", "en")
    data = the_block(build, "faq.md", "en")
    changed = json.loads(json.dumps(data))
    changed["mainEntity"][3]["acceptedAnswer"]["text"] += " Always."
    assert len(faq_mismatches(changed, page)) == 1
    shorter = {**data, "mainEntity": data["mainEntity"][:-1]}
    assert faq_mismatches(shorter, page)
    renamed = json.loads(json.dumps(data))
    renamed["mainEntity"][0]["name"] = "Does it hurt?"
    assert faq_mismatches(renamed, page)


def test_faq_twins_give_the_same_questions_and_dates(build: Build) -> None:
    english, danish = (the_block(build, "faq.md", lang) for lang in LANGUAGES)
    assert [q["url"].rsplit("#", 1)[1] for q in english["mainEntity"]] == [
        q["url"].rsplit("#", 1)[1] for q in danish["mainEntity"]
    ]
    assert english["lastReviewed"] == danish["lastReviewed"]
    assert english["url"].endswith(page_path("faq.md", "en"))
    assert danish["url"].endswith(page_path("faq.md", "da"))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("source", GUIDES)
def test_guide_data_are_the_page_heading_description_language_and_review_date(
    build: Build, source: str, lang: str
) -> None:
    page = read(build, source, lang)
    data = the_block(build, source, lang)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["name"] == visible(H1.search(article(page)).group(1))
    assert data["description"] == html_module.unescape(DESCRIPTION.search(page).group(1))
    assert data["inLanguage"] == lang
    assert data["lastReviewed"] == REVIEWED.search(page).group(1)
    assert data["url"].endswith(page_path(source, lang))
    assert data["isPartOf"]["@type"] == "WebSite"


@pytest.mark.parametrize("source", GUIDES)
def test_guide_twins_give_the_same_type_and_dates(build: Build, source: str) -> None:
    english, danish = (the_block(build, source, lang) for lang in LANGUAGES)
    assert english["@type"] == danish["@type"]
    assert english["lastReviewed"] == danish["lastReviewed"]


def test_structured_data_are_a_data_block_the_policy_does_not_govern(build: Build) -> None:
    """The JSON-LD block is inert data: its type is not one a browser runs, so the policy needs
    no hash for it, and none of the policy's hashes is for it."""
    page = read(build, "faq.md", "en")
    body = JSON_LD.search(page).group(1)
    runnable = {"", "text/javascript", "application/javascript", "module"}
    assert "application/ld+json" not in runnable
    assert "application/ld+json" in ANY_SCRIPT_TYPE.findall(page)
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy and "'unsafe-inline'" not in policy.group(1)
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    assert f"'sha256-{digest}'" not in policy.group(1)
    assert "</" not in body, "the data could end the block early"
