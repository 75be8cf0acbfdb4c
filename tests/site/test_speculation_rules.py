"""The speculation rules that start a calculator early are on exactly the pages whose content links
to a calculator page, and nowhere else."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from tests.conftest import Build

ARTICLE = re.compile(r"<article\b[^>]*>(.*?)</article>", re.S)
HREF = re.compile(r"""<a\b[^>]*?\bhref="([^"]*)\"""")
TEMPLATE = re.compile(
    r'<template id="bfr-intent"><script type="speculationrules">(.*?)</script></template>', re.S
)
CALCULATORS = ("calculators/load/", "calculators/screening/")


def pages(build: Build) -> list[Path]:
    return sorted(
        p for p in build.site.rglob("index.html") if p.relative_to(build.site).parts[0] != "assets"
    )


def url_of(build: Build, page: Path) -> str:
    """The page's site path: "" for the home page, "da/safety/" for the Danish safety page."""
    return page.relative_to(build.site).as_posix().removesuffix("index.html")


def links_to_a_calculator(html: str, url: str) -> bool:
    """Whether the page's article links to a calculator page other than itself."""
    here = "http://site/" + url
    for article in ARTICLE.findall(html):
        for href in HREF.findall(article):
            target = urlsplit(urljoin(here, href.replace("&amp;", "&")))
            path = target.path.removeprefix("/")
            if target.netloc == "site" and path != url and path.endswith(CALCULATORS):
                return True
    return False


def test_the_rules_are_on_the_pages_that_link_to_a_calculator_and_only_there(
    build: Build,
) -> None:
    linking, with_rules = set(), set()
    for page in pages(build):
        html = page.read_text(encoding="utf-8")
        url = url_of(build, page)
        if links_to_a_calculator(html, url):
            linking.add(url)
        has_template = TEMPLATE.search(html) is not None
        has_script = re.search(r'<script src="[^"]*assets/javascripts/intent\.js" defer>', html)
        assert has_template == bool(has_script), url
        if has_template:
            with_rules.add(url)
    # the home page and the safety page of both languages link to the screening
    assert {"", "da/", "safety/", "da/safety/"} <= linking
    # and the references do not: a page without the rules exists
    assert "references/" not in linking and "da/references/" not in linking
    assert with_rules == linking


def test_the_rules_prerender_calculator_links_in_the_content_on_intent_only(build: Build) -> None:
    bodies = {TEMPLATE.findall((build.site / "index.html").read_text(encoding="utf-8"))[0]}
    for page in pages(build):
        bodies.update(TEMPLATE.findall(page.read_text(encoding="utf-8")))
    assert len(bodies) == 1, "one text everywhere, allowed by one hash"
    rules = json.loads(bodies.pop())
    assert list(rules) == ["prerender"]
    (rule,) = rules["prerender"]
    assert rule["eagerness"] == "moderate"
    conditions = rule["where"]["and"]
    assert {"selector_matches": ".md-content a"} in conditions
