"""schema.org structured data (JSON-LD) for the pages that ask for it, read from the page itself.

A page names its type in its front matter:

- ``schema: FAQPage``: the questions and answers page. Every second-level heading is a question;
  the text under it, up to the next one, is its answer.
- ``schema: MedicalWebPage``: a guide. Its name is the page's first heading, its description the
  page's ``description``.

Both get the page's address, its language and its review date (``reviewed``, the date shown
below the article). The data are read from the rendered article, so they always say what a reader
sees; an unknown type, or a question page without questions, fails the build. The markup lives in
``partials/site/structured-data.html``: this hook only puts the data into ``page.meta``.

A ``<script type="application/ld+json">`` block is data, not a script: browsers do not run it and
the Content-Security-Policy does not govern it, so it needs no hash (hooks/static_host.py hashes
only what a browser runs). Hooks run once per language (static-i18n); everything here belongs to
the page being built, and nothing is cached.
"""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from site_i18n import language  # sibling hooks: MkDocs puts this folder on sys.path

TYPES = ("FAQPage", "MedicalWebPage")
#: Elements whose text a reader does not see as text (Material's "¶" permalinks are links of
#: class ``headerlink``; they are skipped by class below).
HIDDEN = {"script", "style", "template"}
#: Elements that end a run of text: their text is kept apart from the next element's.
BLOCKS = {"p", "li", "td", "th", "tr", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd"}
VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "col", "area", "embed"}


class Outline(HTMLParser):
    """The page's first heading and its second-level sections: (id, heading, text under it)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.sections: list[dict[str, Any]] = []
        self.stack: list[tuple[str, bool]] = []  # open elements: (tag, hidden from the reader)
        self.heading = ""  # "h1" or "h2" while inside one

    @property
    def hidden(self) -> bool:
        return any(skip for _, skip in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in VOID:
            if tag in BLOCKS:
                self.text(" ")
            return
        classes = (values.get("class") or "").split()
        skip = tag in HIDDEN or (tag == "a" and "headerlink" in classes)
        self.stack.append((tag, skip))
        if self.hidden:
            return
        if tag == "h1" and not self.title:
            self.heading = "h1"
        elif tag == "h2":
            self.heading = "h2"
            self.sections.append({"id": values.get("id") or "", "heading": [], "text": []})
        elif tag in BLOCKS:
            self.text(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or tag not in (open_tag for open_tag, _ in self.stack):
            return
        while self.stack and self.stack.pop()[0] != tag:
            pass
        if self.hidden:
            return
        if tag == self.heading:
            self.heading = ""
        elif tag in BLOCKS:
            self.text(" ")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.text(data)

    def text(self, data: str) -> None:
        if self.heading == "h1":
            self.title.append(data)
        elif self.sections and self.heading == "h2":
            self.sections[-1]["heading"].append(data)
        elif self.sections:
            self.sections[-1]["text"].append(data)


def plain(parts: list[str]) -> str:
    """Text as a reader sees it: whitespace runs as one space."""
    return " ".join("".join(parts).split())


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    parser.close()
    return parser


def structured_data(html: str, page: Page, config: MkDocsConfig) -> dict[str, Any]:
    """The schema.org object for ``page``, from its rendered content ``html``."""
    kind = page.meta.get("schema")
    if kind not in TYPES:
        raise PluginError(f"{page.file.src_uri}: schema must be one of {', '.join(TYPES)}")
    reviewed = page.meta.get("reviewed")
    if not isinstance(reviewed, dt.date):
        raise PluginError(f"{page.file.src_uri}: structured data need a 'reviewed' date")
    found = outline(html)
    url = page.canonical_url or page.abs_url or ""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": kind,
        "name": plain(found.title),
        "url": url,
        "inLanguage": language(config),
        "lastReviewed": reviewed.isoformat(),
        "isPartOf": {"@type": "WebSite", "name": config.site_name, "url": config.site_url or ""},
    }
    if kind == "MedicalWebPage":
        data["description"] = str(page.meta.get("description") or "")
        return data
    questions = [
        {
            "@type": "Question",
            "name": plain(section["heading"]),
            "url": f"{url}#{section['id']}",
            "acceptedAnswer": {"@type": "Answer", "text": plain(section["text"])},
        }
        for section in found.sections
    ]
    if not questions or not all(q["name"] and q["acceptedAnswer"]["text"] for q in questions):
        raise PluginError(f"{page.file.src_uri}: a question page needs questions with answers")
    data["mainEntity"] = questions
    return data


def on_page_content(html: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    """Read the structured data of a page that asks for them (the page itself is unchanged)."""
    if "schema" in page.meta:
        page.meta["structured_data"] = structured_data(html, page, config)
    return html
