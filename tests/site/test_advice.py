"""The training advice says the same thing wherever a reader meets it: the first-session page, the
questions and answers, and the words the calculators show (calculators/strings.json), in both
languages.

- **Cuff feel.** The cuff is set by its gauge, never by a feeling, and it must never feel like a
  blood pressure measurement (a reading stops the blood flow completely). No text compares the
  right tightness with a blood pressure cuff during a reading (Bell et al. 2018 and 2020: felt
  tightness does not track the pressure).
- **More training, not more pressure.** When training feels too easy, the advice is a set or a
  little weight, never a higher pressure (Counts et al. 2016), and no text tells the reader to
  raise the pressure.
- **Red spots and bruises.** Both pages give one message: tell the person who guides you, and do
  not raise the pressure.
- **Walking and cycling.** The first-session page and the FAQ give the same pressure, pace and
  time with the cuff on.
- **One Danish name for the method.** Danish pages and strings say "okklusionstræning", with BFR
  only as its abbreviation, never "BFR-træning".
"""

from __future__ import annotations

import html
import re

import pytest

from tests.conftest import LANGUAGES, STRINGS, Build, built_html, source_pages

#: The places where training advice is given, by page and the anchor of their section.
FIRST_SESSION = "first-session.md"
FAQ = "faq.md"

#: A comparison of the cuff's feel with a blood pressure reading, as the pages once made it.
FEELS_LIKE_A_READING = {
    "en": re.compile(r"like a blood[- ]pressure cuff (being|during|when)", re.I),
    "da": re.compile(r"som en blodtryksmanchet (under|ved) en måling", re.I),
}
#: The right statement: set by the gauge, and never like a reading.
BY_THE_GAUGE = {"en": re.compile(r"\bgauge\b", re.I), "da": re.compile(r"trykmåler", re.I)}
NEVER_A_READING = {
    "en": re.compile(r"never feel like a blood pressure measurement", re.I),
    "da": re.compile(r"aldrig føles som en blodtryksmåling", re.I),
}
#: Advice to raise the pressure: "raise the pressure only if ... too easy", "hæv kun trykket".
RAISE_PRESSURE = {
    "en": re.compile(
        r"(raise|increase|turn up|pump up) the (cuff )?pressure (only )?(if|when|until)"
        r"|too easy[^.]{0,80}\b(raise|increase)\b[^.]{0,20}pressure",
        re.I,
    ),
    "da": re.compile(
        r"(hæv|øg)(e)? (kun )?trykket|skru (kun )?op for trykket, (hvis|når)"
        r"|for let[^.]{0,80}\b(hæv|øg|skru op)",
        re.I,
    ),
}
#: The progression the sources support: a set or a little weight, not more pressure.
SET_OR_WEIGHT = {
    "en": re.compile(r"add a set or a little weight[^.]{0,60}not more pressure", re.I),
    "da": re.compile(r"læg et sæt eller lidt vægt til[^.]{0,60}ikke mere tryk", re.I),
}
DO_NOT_RAISE = {
    "en": re.compile(r"do not raise the pressure\.", re.I),
    "da": re.compile(r"skru ikke op for trykket\.", re.I),
}
#: Walking with a cuff: pressure, pace and time, as the first-session page gives them.
WALKING = {
    "en": [r"40% of your (AOP|occlusion pressure)", r"4 km/h", r"10 minutes"],
    "da": [r"40 % af dit (AOP|okklusionstryk)", r"4 km/t", r"10 minutter"],
}
HEADING = re.compile(r'<h([1-6])[^>]*\bid="([^"]+)"[^>]*>')


def article_text(build: Build, source: str, lang: str) -> str:
    page = built_html(build, source, lang).read_text(encoding="utf-8")
    return page[page.index("<article") : page.index("</article>")]


def plain(fragment: str) -> str:
    """Visible words of an HTML fragment (no scripts or styles), with whitespace collapsed."""
    fragment = re.sub(r"<(script|style)\b.*?</\1>", " ", fragment, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def section(build: Build, source: str, lang: str, anchor: str) -> str:
    """The words under the heading ``anchor``, up to the next heading of the same or a higher
    level."""
    article = article_text(build, source, lang)
    marks = list(HEADING.finditer(article))
    for i, mark in enumerate(marks):
        if mark.group(2) == anchor:
            level = int(mark.group(1))
            end = next(
                (m.start() for m in marks[i + 1 :] if int(m.group(1)) <= level), len(article)
            )
            return plain(article[mark.end() : end])
    raise AssertionError(f"{source} ({lang}) has no heading #{anchor}")


def strings(lang: str) -> dict[str, str]:
    return {key: entry[lang] for key, entry in STRINGS.items()}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_or_string_likens_the_cuff_to_a_blood_pressure_reading(
    build: Build, lang: str
) -> None:
    for source in source_pages():
        text = plain(article_text(build, source, lang))
        assert not FEELS_LIKE_A_READING[lang].search(text), (source, lang)
    for key, text in strings(lang).items():
        assert not FEELS_LIKE_A_READING[lang].search(text), key


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("source", "anchor"), [(FIRST_SESSION, "before-you-start"), (FAQ, "how-tight")]
)
def test_the_cuff_is_set_by_its_gauge_and_never_like_a_reading(
    build: Build, lang: str, source: str, anchor: str
) -> None:
    text = section(build, source, lang, anchor)
    assert BY_THE_GAUGE[lang].search(text), (source, anchor)
    assert NEVER_A_READING[lang].search(text), (source, anchor)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_nothing_tells_the_reader_to_raise_the_pressure(build: Build, lang: str) -> None:
    for source in source_pages():
        text = plain(article_text(build, source, lang))
        found = RAISE_PRESSURE[lang].search(text)
        assert not found, (source, found and found.group())
    for key, text in strings(lang).items():
        found = RAISE_PRESSURE[lang].search(text)
        assert not found, (key, found and found.group())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_more_training_means_a_set_or_a_little_weight_everywhere(build: Build, lang: str) -> None:
    places = {
        "first-session #first-weeks": section(build, FIRST_SESSION, lang, "first-weeks"),
        "faq #how-often": section(build, FAQ, lang, "how-often"),
        "strings guidance.standard": STRINGS["guidance.standard"][lang],
    }
    for where, text in places.items():
        assert SET_OR_WEIGHT[lang].search(text), where


@pytest.mark.parametrize("lang", LANGUAGES)
def test_red_spots_get_one_message_on_both_pages(build: Build, lang: str) -> None:
    for source, anchor in ((FIRST_SESSION, "normal"), (FAQ, "bruising")):
        assert DO_NOT_RAISE[lang].search(section(build, source, lang, anchor)), (source, anchor)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_walking_gets_the_same_pressure_pace_and_time_on_both_pages(
    build: Build, lang: str
) -> None:
    for source, anchor in ((FIRST_SESSION, "walking"), (FAQ, "walking-cycling")):
        text = section(build, source, lang, anchor)
        for pattern in WALKING[lang]:
            assert re.search(pattern, text), (source, anchor, pattern)


def test_danish_pages_and_strings_name_the_method_okklusionstraening(build: Build) -> None:
    for source in source_pages():
        text = plain(article_text(build, source, "da"))
        assert "BFR-træning" not in text, source
    for key, text in strings("da").items():
        assert "BFR-træning" not in text, key
