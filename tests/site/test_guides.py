"""The guide pages in the built site: reachable from the navigation and the home page in both
languages, citing entries of the references page, and, in Danish, written with the site's terms.

That each guide exists in both languages with the same headings, anchors and numbers is checked
for every page by test_build.py and test_parity.py; links and anchors by test_links.py.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from tests.conftest import LANGUAGES, ROOT, Build, built_html, page_path, source_pages

GUIDES = sorted(s for s in source_pages() if s.startswith("guides/"))
#: The guides the site promises: cuffs, measuring, walking and cycling, passive BFR, knees, older
#: adults, what to expect, side effects in numbers, blood pressure.
EXPECTED = {
    "guides/choosing-a-cuff.md",
    "guides/measuring-pressure.md",
    "guides/walking-cycling.md",
    "guides/passive-bfr.md",
    "guides/knee.md",
    "guides/older-adults.md",
    "guides/what-to-expect.md",
    "guides/side-effects.md",
    "guides/blood-pressure.md",
}
BASE = "http://site.invalid"


class Links(HTMLParser):
    """Links in the page's navigation and in its article, and the ids of its paragraphs."""

    def __init__(self) -> None:
        super().__init__()
        self.nav: list[str] = []
        self.article: list[str] = []
        self.paragraph_ids: set[str] = set()
        self.in_article = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "article":
            self.in_article += 1
        if tag == "p" and values.get("id"):
            self.paragraph_ids.add(values["id"])
        if tag == "a" and values.get("href"):
            if "md-nav__link" in values.get("class", "").split():
                self.nav.append(values["href"])
            elif self.in_article and "headerlink" not in values.get("class", ""):
                self.article.append(values["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.in_article:
            self.in_article -= 1


def links(build: Build, source: str, lang: str) -> Links:
    parser = Links()
    parser.feed(built_html(build, source, lang).read_text(encoding="utf-8"))
    return parser


def targets(hrefs: list[str], source: str, lang: str) -> set[str]:
    """The site paths (with fragment) that ``hrefs`` on ``source`` point to."""
    here = BASE + page_path(source, lang)
    found = set()
    for href in hrefs:
        url = urlsplit(urljoin(here, href))
        if f"{url.scheme}://{url.netloc}" == BASE:
            found.add(url.path + (f"#{url.fragment}" if url.fragment else ""))
    return found


def test_the_promised_guides_exist() -> None:
    assert set(GUIDES) == EXPECTED


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("source", ["index.md", *GUIDES])
def test_every_guide_is_in_the_navigation(build: Build, source: str, lang: str) -> None:
    reached = {t.split("#")[0] for t in targets(links(build, source, lang).nav, source, lang)}
    missing = [g for g in GUIDES if page_path(g, lang) not in reached]
    assert missing == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_links_to_every_guide(build: Build, lang: str) -> None:
    reached = {
        t.split("#")[0] for t in targets(links(build, "index.md", lang).article, "index.md", lang)
    }
    assert [g for g in GUIDES if page_path(g, lang) not in reached] == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("source", source_pages())
def test_links_to_the_references_page_land_on_an_entry(
    build: Build, source: str, lang: str
) -> None:
    """A citation points at one entry (a paragraph of the references page), not at a heading."""
    references = page_path("references.md", lang)
    entries = links(build, "references.md", lang).paragraph_ids
    cited = [
        t.split("#", 1)[1]
        for t in targets(links(build, source, lang).article, source, lang)
        if t.startswith(references + "#")
    ]
    assert [key for key in cited if key not in entries] == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("source", GUIDES)
def test_every_guide_cites_its_sources(build: Build, source: str, lang: str) -> None:
    references = page_path("references.md", lang)
    cited = {t for t in targets(links(build, source, lang).article, source, lang) if "#" in t}
    assert len({t for t in cited if t.startswith(references + "#")}) >= 3


@pytest.mark.parametrize("source", GUIDES)
def test_danish_guides_use_the_site_terms_and_quotes(build: Build, source: str) -> None:
    page = built_html(build, source, "da").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", page[page.index("<article") : page.index("</article>")])
    assert "okklusionstræning" in text.lower()
    assert not re.search(r"\bokklusion\b", text, re.I), "the method is okklusionstræning"
    assert "BFR-træning" not in text
    assert not re.search(r'["“”„]', text), "Danish quotes are »…«"


def test_guide_sources_name_their_review_dates_and_type() -> None:
    for source in GUIDES:
        for lang in LANGUAGES:
            head = (ROOT / "docs" / lang / source).read_text(encoding="utf-8").split("---")[1]
            assert re.search(r"^reviewed: \d{4}-\d\d-\d\d$", head, re.M), (source, lang)
            assert re.search(r"^next_review: \d{4}-\d\d-\d\d$", head, re.M), (source, lang)
            assert re.search(r"^schema: MedicalWebPage$", head, re.M), (source, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_reference_entry_is_listed_once(lang: str) -> None:
    """Two entries under one key would make a citation land on whichever comes first."""
    text = (ROOT / "docs" / lang / "references.md").read_text(encoding="utf-8")
    keys = re.findall(r"^\{ #([a-z0-9-]+) \}$", text, re.M)
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []
