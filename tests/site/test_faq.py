"""The questions-and-answers page in the built site: the questions readers ask, in both
languages, each answered with a link to a reference the references page holds, and the page in
the navigation of both languages."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.conftest import LANGUAGES, Build, built_html

#: The questions, by their shared anchors: does it hurt, bruising or red spotting, how tight,
#: how often, walking or cycling, elastic bands; then the questions whose longer answers are on
#: the guide pages: is it safe, every day, which cuff, arms and legs, after an operation, how long
#: the cuff stays on, high blood pressure, how long until results, passive BFR, measuring one's
#: own occlusion pressure, cost.
QUESTIONS = [
    "does-it-hurt",
    "bruising",
    "how-tight",
    "how-often",
    "walking-cycling",
    "elastic-bands",
    "is-it-safe",
    "every-day",
    "which-cuff",
    "arms-and-legs",
    "after-an-operation",
    "how-long-cuff-on",
    "high-blood-pressure",
    "how-long-results",
    "passive-bfr",
    "measure-own-pressure",
    "cost",
]
WORDS = {
    "en": [
        "hurt",
        "bruising",
        "red spot",
        "tight",
        "how often",
        "walking",
        "cycling",
        "elastic",
        "safe",
        "every day",
        "cuff",
        "arms and legs",
        "operation",
        "high blood pressure",
        "results",
        "passive",
        "measure",
        "cost",
    ],
    "da": [
        "ondt",
        "blå mærker",
        "røde prikker",
        "stramt",
        "hvor tit",
        "går",
        "cykler",
        "elastikker",
        "sikker",
        "hver dag",
        "manchet",
        "arme og ben",
        "operation",
        "forhøjet blodtryk",
        "resultater",
        "passiv",
        "måle",
        "koster",
    ],
}


class Sections(HTMLParser):
    """The h2 sections of the page's article: id, heading text and the links in the section."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[dict[str, object]] = []
        self.in_h2 = False
        self.in_article = False
        self.nav_links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "article":
            self.in_article = True
        elif tag == "h2" and self.in_article:
            self.in_h2 = True
            self.sections.append({"id": found.get("id"), "title": "", "links": []})
        elif tag == "a" and found.get("href"):
            href = str(found["href"])
            if self.in_article and self.sections and not self.in_h2:
                self.sections[-1]["links"].append(href)  # type: ignore[union-attr]
            if "md-nav__link" in (found.get("class") or ""):
                self.nav_links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2":
            self.in_h2 = False
        elif tag == "article":
            self.in_article = False

    def handle_data(self, data: str) -> None:
        if self.in_h2 and self.sections:
            self.sections[-1]["title"] = str(self.sections[-1]["title"]) + data


def parse(build: Build, source: str, lang: str) -> Sections:
    parser = Sections()
    parser.feed(built_html(build, source, lang).read_text(encoding="utf-8"))
    return parser


def reference_ids(build: Build, lang: str) -> set[str]:
    html = built_html(build, "references.md", lang).read_text(encoding="utf-8")
    return set(re.findall(r'\bid="([^"]+)"', html))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_faq_answers_the_six_questions_with_sources(build: Build, lang: str) -> None:
    page = parse(build, "faq.md", lang)
    assert [s["id"] for s in page.sections] == QUESTIONS
    titles = " ".join(str(s["title"]).lower() for s in page.sections)
    for word in WORDS[lang]:
        assert word in titles, f"no question about {word!r}: {titles}"
    known = reference_ids(build, lang)
    for section in page.sections:
        cited = [
            href.split("#", 1)[1]
            for href in section["links"]  # type: ignore[attr-defined]
            if re.match(r"(\.\./)+references/#", href)
        ]
        assert cited, f"{section['id']}: no link to a reference"
        assert set(cited) <= known, f"{section['id']}: unknown references {set(cited) - known}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_faq_is_in_the_navigation(build: Build, lang: str) -> None:
    nav = parse(build, "index.md", lang).nav_links
    assert "faq/" in nav


def test_danish_faq_uses_the_danish_terms_and_quotes(build: Build) -> None:
    source = built_html(build, "faq.md", "da").read_text(encoding="utf-8")
    article = source[source.index("<article") : source.index("</article>")]
    assert "okklusionstræning" in article and "BFR-træning" not in article
    text = re.sub(r"<[^>]+>", "", article)
    assert not re.search(r'["“”„]', text), "Danish quotes are »…«"
