"""Every number on an English page appears on its Danish twin, as often, and nothing more.

The pages promise the same facts, numbers and tables in both languages. This compares the
multiset of numbers in the visible text of each built page pair: the article (headings, prose,
tables, figures, the calculators' forms) and the review dates below it. Danish numbers are read
as Danish (decimal comma, thousands dot: ``0,055``, ``12.642``) and English numbers as English
(``0.055``, ``12,642``); ranges such as ``20–40`` or ``1849-1859`` are two numbers, a minus sign
(``−0.42``) belongs to its number, and web addresses (DOIs) are left out because they are the same
link in both languages.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from html.parser import HTMLParser

import pytest

from tests.conftest import Build, built_html, source_pages

URL = re.compile(r"https?://\S+")
# English: 12,642 and 0.055. Danish: 12.642 and 0,055; a dot not followed by exactly three digits
# is a version number, written alike in both languages (WCAG 2.2). A leading minus is U+2212 or a
# hyphen that does not follow a letter or digit (ranges like 1849-1859 are two positive numbers).
NUMBER = {
    "en": re.compile(r"(?<![\w.,])([−-])?(\d{1,3}(?:,\d{3})+(?!\d)|\d+)(\.\d+)?"),
    "da": re.compile(r"(?<![\w.,])([−-])?(\d{1,3}(?:\.\d{3})+(?!\d|\.\d)|\d+)([,.]\d+)?"),
}
SKIPPED_TAGS = {"script", "style", "template"}


class VisibleText(HTMLParser):
    """Text of the page's article, without scripts or styles (attributes are never text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article> when > 0
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        if tag in SKIPPED_TAGS:
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS and self.skip:
            self.skip -= 1
        if tag == "article" and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def numbers(text: str, lang: str) -> Counter[Decimal]:
    """The multiset of numbers in ``text`` written the way ``lang`` writes them.

    >>> [str(n) for n in sorted(numbers("ES −0,42 (KI −0,70 til 0,14); 20–40 %; 12.642.", "da"))]
    ['-0.70', '-0.42', '0.14', '20', '40', '12642']
    >>> numbers("ES −0.42; 12,642 people; 2019;25(6):494-497; WCAG 2.2", "en") == numbers(
    ...     "ES −0,42; 12.642 personer; 2019;25(6):494-497; WCAG 2.2", "da")
    True
    """
    separator = "," if lang == "en" else "."
    found: Counter[Decimal] = Counter()
    for sign, whole, fraction in NUMBER[lang].findall(URL.sub(" ", text)):
        value = Decimal(whole.replace(separator, "") + fraction.replace(",", "."))
        found[-value if sign else value] += 1
    return found


def difference(english: Counter[Decimal], danish: Counter[Decimal]) -> dict[str, list[str]]:
    return {
        "only in English": sorted(str(n) for n in (english - danish).elements()),
        "only in Danish": sorted(str(n) for n in (danish - english).elements()),
    }


@pytest.mark.parametrize("source", source_pages())
def test_english_and_danish_pages_give_the_same_numbers(build: Build, source: str) -> None:
    english = numbers(visible_text(built_html(build, source, "en").read_text("utf-8")), "en")
    danish = numbers(visible_text(built_html(build, source, "da").read_text("utf-8")), "da")
    assert sum(english.values()) > 0, "no numbers found: the article was not read"
    assert english == danish, difference(english, danish)


def test_a_changed_number_is_caught() -> None:
    english = numbers("Survey of 12,642 people: 0.055% (CI −0.14 to 0.56), 20–40%", "en")
    same = numbers("Undersøgelse af 12.642 personer: 0,055 % (KI −0,14 til 0,56), 20–40 %", "da")
    changed = numbers("Undersøgelse af 12.642 personer: 0,55 % (KI −0,14 til 0,56), 20–40 %", "da")
    unsigned = numbers("Undersøgelse af 12.642 personer: 0,055 % (KI 0,14 til 0,56), 20–40 %", "da")
    assert english == same
    assert english != changed
    assert english != unsigned
