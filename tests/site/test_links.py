"""Every internal link and anchor in the built site resolves, in both languages."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.conftest import LANGUAGES, ROOT, Build, built_html, page_path, source_pages

BASE = "http://site.invalid"


class Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.language_links: list[str] = []  # links that name their language (the switch)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if values.get("name") and tag == "a":
            self.ids.add(values["name"] or "")
        for attr in ("href", "src"):
            if values.get(attr) and tag in ("a", "link", "script", "img", "source", "iframe"):
                self.links.append(values[attr] or "")
                if values.get("hreflang"):
                    self.language_links.append(values[attr] or "")


def parse(path: Path) -> Collect:
    collector = Collect()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def target_file(site: Path, url: str) -> Path:
    path = unquote(urlsplit(url).path).lstrip("/")
    candidate = site / path
    return candidate / "index.html" if path == "" or path.endswith("/") else candidate


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("source", source_pages())
def test_internal_links_and_anchors_resolve(build: Build, source: str, lang: str) -> None:
    here = BASE + page_path(source, lang)
    broken = []
    for link in parse(built_html(build, source, lang)).links:
        url = urljoin(here, link)
        if not url.startswith(BASE + "/"):
            continue  # another origin: checked for form, never fetched
        target = target_file(build.site, url)
        if not target.is_file():
            broken.append(f"{link} -> missing {target.relative_to(build.site)}")
            continue
        fragment = unquote(urlsplit(url).fragment)
        if fragment and "=" not in fragment and target.suffix == ".html":
            if fragment not in parse(target).ids:
                broken.append(f"{link} -> no #{fragment}")
    assert broken == []


@pytest.mark.parametrize("source", source_pages())
def test_danish_pages_link_to_danish_pages(build: Build, source: str) -> None:
    """Only the language switch (a link with hreflang) leaves the reader's language; shared
    files (assets, the runtime) live at the root."""
    here = BASE + page_path(source, "da")
    collected = parse(built_html(build, source, "da"))
    english = []
    for link in set(collected.links) - set(collected.language_links):
        url = urljoin(here, link)
        path = urlsplit(url).path
        if not url.startswith(BASE + "/") or path.startswith(("/assets/", "/da/")):
            continue
        if target_file(build.site, url).suffix == ".html":
            english.append(link)
    assert english == []


def test_each_language_has_its_own_search_index(build: Build) -> None:
    for lang in LANGUAGES:
        index_path = build.site / ("" if lang == "en" else lang) / "search" / "search_index.json"
        index = json.loads(index_path.read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [lang]
        locations = {doc["location"].split("#")[0] for doc in index["docs"]}
        expected = {page_path(s, "en").lstrip("/") for s in source_pages()}
        assert locations == expected, lang  # relative to the language's own root


#: The site's own address (canonical links): internal, whatever the scheme of a local build.
SITE_URL = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(), re.M)
DOI = re.compile(r"^https://doi\.org/10\.\d{4,9}/[^\s\"<>]+$")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("source", source_pages())
def test_external_links_are_well_formed_without_fetching_them(
    build: Build, source: str, lang: str
) -> None:
    bad = []
    for link in parse(built_html(build, source, lang)).links:
        parts = urlsplit(link)
        if not parts.scheme or urljoin(BASE + "/", link).startswith(BASE + "/"):
            continue
        if SITE_URL and link.startswith(SITE_URL.group(1)):
            continue
        if parts.scheme != "https" or not parts.netloc or " " in link:
            bad.append(f"not a well-formed https link: {link}")
        elif "doi" in parts.netloc and not DOI.match(link):
            bad.append(f"a DOI must be written https://doi.org/10.<prefix>/<suffix>: {link}")
    assert bad == []


def test_the_references_link_dois_through_doi_org(build: Build) -> None:
    html = built_html(build, "references.md", "en").read_text(encoding="utf-8")
    dois = [
        link for link in parse(built_html(build, "references.md", "en")).links if "doi.org" in link
    ]
    assert len(dois) >= 20
    assert all(DOI.match(link) for link in dois)
    assert "dx.doi.org" not in html and "http://doi.org" not in html
