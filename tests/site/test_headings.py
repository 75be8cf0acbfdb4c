"""Headings never skip a level, so screen-reader users can move through a page by its outline."""

from __future__ import annotations

import re

import pytest

from tests.conftest import LANGUAGES, Build, built_html, source_pages

HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.S | re.I)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("source", source_pages())
def test_headings_in_the_article_never_skip_a_level(build: Build, source: str, lang: str) -> None:
    html = built_html(build, source, lang).read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    skipped = []
    level = 0
    for match in HEADING.finditer(article):
        current = int(match.group(1))
        if current > level + 1:
            words = re.sub(r"<[^>]+>", "", match.group(2)).strip()
            skipped.append(f"h{level} -> h{current} {words!r}")
        level = current
    assert skipped == []
