"""The site builds strictly, and both language trees stay twins."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import LANGUAGES, ROOT, Build, built_html, page_path, source_pages, text

DOCS = ROOT / "docs"
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
ANCHOR = re.compile(r"\{\s*#([A-Za-z0-9_-]+)\s*\}\s*$")


def test_strict_build_has_no_warnings(build: Build) -> None:
    warnings = [line for line in build.log.splitlines() if "WARNING" in line or "ERROR" in line]
    assert warnings == []


def tree(lang: str) -> set[str]:
    return {p.relative_to(DOCS / lang).as_posix() for p in (DOCS / lang).rglob("*.md")}


def test_every_english_page_has_its_danish_twin() -> None:
    assert tree("en") == tree("da")
    assert {
        "index.md",
        "how-it-works.md",
        "effects.md",
        "safety.md",
        "references.md",
        "about.md",
        "calculators/load.md",
        "calculators/screening.md",
    } <= tree("en")


def test_no_top_level_folder_is_mistaken_for_a_language() -> None:
    # static-i18n silently drops a two-letter top-level folder under docs/ (platform notes).
    odd = [
        p.name
        for p in DOCS.iterdir()
        if p.is_dir() and len(p.name) == 2 and p.name not in LANGUAGES
    ]
    assert odd == []


def headings(path: Path) -> list[tuple[int, str | None]]:
    """(level, explicit anchor) of every Markdown heading outside code fences."""
    found: list[tuple[int, str | None]] = []
    fenced = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        match = HEADING.match(line)
        if match and not fenced:
            anchor = ANCHOR.search(match.group(2))
            found.append((len(match.group(1)), anchor.group(1) if anchor else None))
    return found


@pytest.mark.parametrize("source", source_pages())
def test_headings_carry_the_same_explicit_anchors_in_both_languages(source: str) -> None:
    english, danish = headings(DOCS / "en" / source), headings(DOCS / "da" / source)
    assert [a for _, a in english if a is None] == [], "an English heading lacks { #anchor }"
    assert [a for _, a in danish if a is None] == [], "a Danish heading lacks { #anchor }"
    assert english == danish


@pytest.mark.parametrize("source", source_pages())
@pytest.mark.parametrize("lang", LANGUAGES)
def test_built_page_has_language_and_hreflang_alternates(
    build: Build, source: str, lang: str
) -> None:
    html = built_html(build, source, lang).read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html
    for other in LANGUAGES:
        assert re.search(rf'<link rel="alternate" href="[^"]*" hreflang="{other}">', html), other


@pytest.mark.parametrize("source", source_pages())
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_shows_review_dates_in_its_language(
    build: Build, source: str, lang: str
) -> None:
    html = built_html(build, source, lang).read_text(encoding="utf-8")
    for label in (text("site.reviewed", lang), text("site.next_review", lang)):
        assert re.search(rf"{re.escape(label)}: <time datetime=\"\d{{4}}-\d\d-\d\d\">", html)


def test_sitemap_lists_every_page_with_both_alternates(build: Build) -> None:
    sitemap = (build.site / "sitemap.xml").read_text(encoding="utf-8")
    for source in source_pages():
        for lang in LANGUAGES:
            assert re.search(
                rf'hreflang="{lang}" href="[^"]*{re.escape(page_path(source, lang))}"', sitemap
            ), (source, lang)


def test_danish_pages_use_danish_material_chrome(build: Build) -> None:
    html = built_html(build, "safety.md", "da").read_text(encoding="utf-8")
    assert "Sikkerhed" in html and "Forside" in html  # translated navigation
    assert '"search.result.none": "Ingen resultater fundet"' in html  # Material's Danish strings


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_not_found_page(build: Build, lang: str) -> None:
    html = (build.site / ("" if lang == "en" else lang) / "404.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html
    assert {"en": "Page not found", "da": "Siden findes ikke"}[lang] in html


#: What only a page with a calculator may load (the start of its path, a regular expression): the
#: calculators' stylesheets and scripts (named by their content; the first-session page's script
#: holds the session timer), the session timer's, the Python runtime and the core.
CALCULATOR_ASSETS = {
    "calculators.css": r"assets/stylesheets/calculators\.css",
    "calculators.js": r"assets/javascripts/(calculators|first-session)-[0-9a-f]{12}\.js",
    "worker": r"assets/javascripts/calculators-worker-[0-9a-f]{12}\.js",
    "pyodide": "assets/pyodide/",
    "core": "assets/core/",
}
SESSION_ASSETS = {
    "session.css": r"assets/stylesheets/session\.css",
    "session-timer.js": r"assets/javascripts/first-session-[0-9a-f]{12}\.js",
}
ASSET = re.compile(r"""["'](?:\.\./)*(assets/[^"'?#\s]+)""")


def calculators_on(source: str, lang: str) -> set[str]:
    text = (DOCS / lang / source).read_text(encoding="utf-8")
    return set(re.findall(r"<!--\s*calculator:\s*([a-z_]+)\s*-->", text))


def loaded(html: str, wanted: dict[str, str]) -> set[str]:
    """Which of ``wanted`` the page links to (stylesheets, scripts, the starter's URLs)."""
    urls = ASSET.findall(html)
    return {name for name, start in wanted.items() if any(re.match(start, u) for u in urls)}


@pytest.mark.parametrize("source", source_pages())
@pytest.mark.parametrize("lang", LANGUAGES)
def test_only_pages_with_a_calculator_load_the_calculators(
    build: Build, source: str, lang: str
) -> None:
    html = built_html(build, source, lang).read_text(encoding="utf-8")
    calculators = calculators_on(source, lang)
    assert loaded(html, CALCULATOR_ASSETS) == (set(CALCULATOR_ASSETS) if calculators else set())
    timer = "session_plan" in calculators
    assert loaded(html, SESSION_ASSETS) == (set(SESSION_ASSETS) if timer else set())
    if calculators:  # after Material's and the site's own, so they can build on them
        sheets = re.findall(r'<link rel="stylesheet" href="(?:\.\./)*([^"]+)"', html)
        assert sheets[-1 - timer :] == [
            "assets/stylesheets/calculators.css",
            *(["assets/stylesheets/session.css"] if timer else []),
        ]
        assert sheets[-2 - timer] == "assets/stylesheets/site.css"


def test_the_home_safety_and_not_found_pages_load_nothing_of_the_calculators(
    build: Build,
) -> None:
    """The check above covers both kinds of page: three carry calculators, the others none."""
    with_calculators = {s for s in source_pages() if calculators_on(s, "en")}
    assert with_calculators == {
        "calculators/load.md",
        "calculators/screening.md",
        "first-session.md",
    }
    for page in ("index.html", "safety/index.html", "404.html", "da/404.html"):
        html = (build.site / page).read_text(encoding="utf-8")
        assert loaded(html, {**CALCULATOR_ASSETS, **SESSION_ASSETS}) == set(), page
        assert "pyodide" not in html.lower(), page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_phone_offers_the_number_pad_except_where_a_field_takes_dashes(
    build: Build, lang: str
) -> None:
    """Every typed field takes a number (a decimal comma or point included) but the repetition
    scheme, which has dashes (30-15-15-15) that a number pad may not offer."""
    modes = {}
    for source in ("calculators/load.md", "calculators/screening.md", "first-session.md"):
        html = built_html(build, source, lang).read_text(encoding="utf-8")
        for tag in re.findall(r'<input class="bfr-text"[^>]*>', html):
            modes[re.search(r'\bid="([^"]+)"', tag).group(1)] = re.search(
                r'\binputmode="([^"]*)"', tag
            ).group(1)
    assert modes.pop("session_plan-reps_scheme") == "text"
    assert len(modes) > 5 and set(modes.values()) == {"decimal"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_timers_page_says_the_timer_is_loading_not_a_calculator(
    build: Build, lang: str
) -> None:
    """A reader who came for the timer reads that the timer is loading (finding 22 of the
    December usability review); the load page still says the calculator is."""
    words = {"en": "Loading the timer…", "da": "Indlæser uret …"}
    calculator = {"en": "Loading the calculator…", "da": "Indlæser beregneren …"}
    status = re.compile(r'<p class="bfr-status" id="(\w+)-status"[^>]*>([^<]*)</p>')
    timer = built_html(build, "first-session.md", lang).read_text(encoding="utf-8")
    assert status.findall(timer) == [("session_plan", words[lang])]
    load = built_html(build, "calculators/load.md", lang).read_text(encoding="utf-8")
    assert status.findall(load) == [
        ("bfr_load", calculator[lang]),
        ("cuff_pressure", calculator[lang]),
    ]
