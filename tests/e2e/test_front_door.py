"""The site as a new reader meets it, in Chromium, in both languages: the home page as a front door
on a phone, who writes the site, keeping one's place across the language switch, and the small
things readers noticed (button colours, the status line, the share sheet). Search is in
test_search.py; no repeated id, with every other check of every page, in test_every_page.py."""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, Page, Route, ViewportSize, expect

from tests.conftest import LANGUAGES, ONE_LANGUAGE, ROOT, STRINGS, page_path
from tests.e2e.conftest import wait_ready
from tests.e2e.support.axe import violations
from tests.e2e.support.forms import enter
from tests.e2e.support.switch import OTHER, choose_language, switch_language

pytestmark = pytest.mark.e2e
PHONE = ViewportSize(width=390, height=844)
#: The three ways in from the home page, and where each leads.
WAYS = ("calculators/screening/", "calculators/load/", "first-session/")
PRIMARY = "rgb(183, 28, 28)"  # #b71c1c, site.css
ACCENT = "rgb(40, 53, 147)"  # #283593, the indigo a tapped button used to keep


def front_matter(source: str, lang: str) -> dict[str, Any]:
    text = (ROOT / "docs" / lang / source).read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1])


def long_date(day: dt.date, lang: str) -> str:
    month = STRINGS[f"site.month.{day.month}"][lang]
    return f"{day.day}. {month} {day.year}" if lang == "da" else f"{day.day} {month} {day.year}"


#: CSS scroll anchoring off, on every page of the context (the site's policy allows a script to
#: set a style, not a <style> element).
NO_SCROLL_ANCHORING = """document.addEventListener("DOMContentLoaded", () => {
  for (const box of [document.documentElement, document.body]) box.style.overflowAnchor = "none";
});"""


def top_of(page: Page, selector: str) -> float:
    return float(page.locator(selector).evaluate("el => el.getBoundingClientRect().top"))


# ------------------------------------------------------------------ the home page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_shows_what_bfr_is_and_three_ways_in_on_a_phone(
    page: Page, site_url: str, lang: str
) -> None:
    page.set_viewport_size(PHONE)
    home = site_url + page_path("index.md", lang)
    page.goto(home)
    lead = page.locator(".md-content .bfr-lead")
    expect(lead).to_have_count(1)
    expect(lead).to_contain_text("BFR")
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", lead.inner_text().strip()) if s]
    assert len(sentences) == 1, sentences
    cards = page.locator(".md-content .grid.cards > ul > li")
    expect(cards).to_have_count(3)
    for item in (lead, *cards.all()):
        box = item.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (
            f"below the fold on a phone: {item.inner_text()!r} {box}"
        )
    hrefs = cards.locator("a").evaluate_all("links => links.map((a) => a.href)")
    base = site_url + page_path("index.md", lang)
    assert hrefs == [base + way for way in WAYS]
    for href in hrefs:
        assert page.request.get(href).status == 200, href
    # A tap anywhere on a card follows its link, not only on the words of the link.
    card = cards.nth(1)
    box = card.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] - 8, box["y"] + box["height"] - 8)
    expect(page).to_have_url(base + WAYS[1])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_and_about_pages_say_who_writes_reviews_and_how_to_reach_the_team(
    page: Page, site_url: str, lang: str
) -> None:
    page.goto(site_url + page_path("index.md", lang))
    trust = page.locator(".md-content .bfr-trust")
    expect(trust).to_contain_text(STRINGS["site.trust.roles"][lang])
    reviewed = front_matter("index.md", lang)["reviewed"]
    expect(trust.locator("time")).to_have_text(long_date(reviewed, lang))
    expect(trust.locator("time")).to_have_attribute("datetime", reviewed.isoformat())
    extra = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]
    assert "contact" in extra, "extra.contact is the publisher's setting"
    # without a contact the pages leave it out, and the section on reporting an error with it
    contact = bool(extra["contact"])
    expect(trust.locator(".bfr-contact")).to_have_count(1 if contact else 0)
    page.goto(site_url + page_path("about.md", lang))
    expect(page.locator("h2#publisher")).to_have_count(1)
    expect(page.locator("h2#report-an-error")).to_have_count(1 if contact else 0)
    expect(page.locator(".md-content .bfr-contact")).to_have_count(2 if contact else 0)
    expect(page.locator(".md-content")).to_contain_text(
        "sports-medicine" if lang == "en" else "idrætsmedicin"
    )


# ------------------------------------------------------------------ the language switch


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_switch_keeps_the_section(page: Page, site_url: str, lang: str) -> None:
    page.goto(site_url + page_path("safety.md", lang) + "#contraindications")
    choose_language(page, OTHER[lang])
    expect(page).to_have_url(site_url + page_path("safety.md", OTHER[lang]) + "#contraindications")


@pytest.mark.parametrize(
    ("lang", "source", "anchor"),
    [
        ("en", "safety.md", "adverse-events"),
        ("da", "effects.md", "benefits"),
        ("da", "safety.md", "before-first-session"),
    ],
)
def test_language_switch_keeps_the_section_read_without_a_fragment(
    page: Page, site_url: str, lang: str, source: str, anchor: str
) -> None:
    page.set_viewport_size(PHONE)
    page.goto(site_url + page_path(source, lang))
    # Read into the section by scrolling, as a reader does: no fragment in the address.
    page.locator(f"#{anchor}").evaluate("el => el.scrollIntoView()")
    page.mouse.wheel(0, 300)
    page.wait_for_function(
        "id => document.getElementById(id).getBoundingClientRect().top < 0", arg=anchor
    )
    assert "#" not in page.url
    switch_language(page, OTHER[lang])
    expect(page).to_have_url(site_url + page_path(source, OTHER[lang]))
    page.wait_for_load_state("load")
    heading_top = top_of(page, f"#{anchor}")
    assert -PHONE["height"] <= heading_top <= PHONE["height"], heading_top
    assert page.evaluate("() => scrollY") > PHONE["height"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_switch_returns_to_the_cuff_calculator_in_use(
    page: Page, site_url: str, lang: str
) -> None:
    page.set_viewport_size(PHONE)
    page.goto(site_url + page_path("calculators/load.md", lang))
    wait_ready(page)
    page.fill("#bfr_load-one_rm", "100")  # the other calculator, used earlier
    page.check("#cuff_pressure-cuff_type-pneumatic_gauge")
    page.check("#cuff_pressure-limb-leg")
    page.fill("#cuff_pressure-cuff_width_cm", "11" if lang == "en" else "11,5")
    page.fill("#cuff_pressure-aop_mmhg", "200")
    expect(page.locator("#cuff_pressure")).to_have_attribute(
        "data-result", re.compile('"ok": ?true')
    )
    switch_language(page, OTHER[lang])
    wait_ready(page)
    expect(page.locator("#cuff_pressure-aop_mmhg")).to_have_value("200")
    expect(page.locator("#bfr_load-one_rm")).to_have_value("100")
    # Both results are worked out again above and in the form; the field stays on screen.
    expect(page.locator("#bfr_load")).to_have_attribute("data-result", re.compile('"ok": ?true'))
    expect(page.locator("#cuff_pressure")).to_have_attribute(
        "data-result", re.compile('"ok": ?true')
    )
    page.wait_for_load_state("load")
    field = top_of(page, "#cuff_pressure-aop_mmhg")
    assert 0 <= field <= PHONE["height"] - 40, field
    assert "#" not in page.url and "200" not in page.url


@pytest.mark.own_context  # the fake clock
@pytest.mark.browser_context_args(service_workers="block")  # every request meets the routes
def test_the_field_stays_on_screen_when_python_answers_long_after_the_switch(
    page: Page, site_url: str
) -> None:
    """On a slow phone Python may answer the twin page a minute after the switch; the results
    then worked out above the field in use must not push it off the screen."""
    page.set_viewport_size(PHONE)
    page.clock.install()
    page.goto(site_url + page_path("calculators/load.md", "da"))
    wait_ready(page)
    page.fill("#bfr_load-one_rm", "100")
    page.check("#cuff_pressure-cuff_type-pneumatic_gauge")
    page.check("#cuff_pressure-limb-leg")
    page.fill("#cuff_pressure-cuff_width_cm", "11,5")
    page.fill("#cuff_pressure-aop_mmhg", "200")
    expect(page.locator("#cuff_pressure")).to_have_attribute(
        "data-result", re.compile('"ok": ?true')
    )
    # The twin page's worker is held while 18 s pass on the page's clock, with a report of bytes
    # arrived every 4.5 s (protocol.js), as from a slow download that keeps coming; and the page
    # scrolls as in a browser without scroll anchoring (Safari), which Chromium's would hide.
    held: list[Route] = []
    page.context.route(
        re.compile(r"/calculators-worker-[0-9a-f]+\.js$"), lambda route: held.append(route)
    )
    page.add_init_script(NO_SCROLL_ANCHORING)
    switch_language(page, "en")
    page.wait_for_load_state("load")
    expect(page.locator("#cuff_pressure-aop_mmhg")).to_have_value("200")
    expect(page.locator("#cuff_pressure-aop_mmhg")).to_be_in_viewport()
    for loaded in range(4):
        page.clock.fast_forward(4_500)
        page.evaluate(
            "(loaded) => window.bfrEarly.worker.onmessage({ data: { type: 'progress', loaded } })",
            loaded * 1000,
        )
    expect(page.locator("#bfr_load")).to_have_attribute("data-state", "loading")
    deadline = time.monotonic() + 20
    while not held:  # the worker's script is asked for once the page has run its own
        assert time.monotonic() < deadline, "the twin page never asked for Python's worker"
        page.wait_for_timeout(20)
    for route in held:
        route.continue_()
    wait_ready(page)
    for form in ("#bfr_load", "#cuff_pressure"):
        expect(page.locator(form)).to_have_attribute("data-result", re.compile('"ok": ?true'))
    field = top_of(page, "#cuff_pressure-aop_mmhg")
    assert 0 <= field <= PHONE["height"] - 40, field


@pytest.mark.parametrize("lang", LANGUAGES)
def test_section_link_on_the_load_page_survives_the_switch_with_the_inputs(
    page: Page, site_url: str, lang: str
) -> None:
    page.goto(site_url + page_path("calculators/load.md", lang) + "#cuff-pressure")
    wait_ready(page)
    enter(page, "bfr_load", {"one_rm": "72,5"})
    page.check("#cuff_pressure-cuff_type-pneumatic_gauge")
    page.check("#cuff_pressure-limb-leg")
    page.fill("#cuff_pressure-aop_mmhg", "180")
    switch_language(page, OTHER[lang])
    expect(page).to_have_url(
        site_url + page_path("calculators/load.md", OTHER[lang]) + "#cuff-pressure"
    )
    wait_ready(page)
    expect(page.locator("#cuff_pressure-aop_mmhg")).to_have_value("180")
    expect(page.locator("#bfr_load-one_rm")).to_have_value("72,5")
    # once both results are worked out again above and in the form, the field is on screen
    for form in ("#bfr_load", "#cuff_pressure"):
        expect(page.locator(form)).to_have_attribute("data-result", re.compile('"ok": ?true'))
    expect(page.locator("#cuff_pressure-aop_mmhg")).to_be_in_viewport()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_menu_marks_the_current_language(page: Page, site_url: str, lang: str) -> None:
    page.goto(site_url + page_path("faq.md", lang))
    here = page.locator(f'.md-header a.md-select__link[hreflang="{lang}"]')
    there = page.locator(f'.md-header a.md-select__link[hreflang="{OTHER[lang]}"]')
    expect(here).to_have_attribute("aria-current", "true")
    expect(there).not_to_have_attribute("aria-current", re.compile(".*"))
    page.locator(".md-header .md-select").first.hover()
    weight = here.evaluate("el => getComputedStyle(el).fontWeight")
    assert int(weight) >= 700 > int(there.evaluate("el => getComputedStyle(el).fontWeight"))


# ------------------------------------------------------------------ on a phone


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("source", ["index.md", "faq.md"])
def test_new_pages_have_no_wcag_violations_on_a_phone(
    page: Page, site_url: str, source: str, lang: str
) -> None:
    page.set_viewport_size(PHONE)
    page.goto(site_url + page_path(source, lang))
    assert violations(page) == []


# ------------------------------------------------------------------ small things


@pytest.mark.parametrize("lang", ONE_LANGUAGE)
def test_ready_is_no_heading_but_is_still_announced(page: Page, site_url: str, lang: str) -> None:
    page.goto(site_url + page_path("calculators/load.md", lang))
    wait_ready(page)
    status = page.locator("#bfr_load-status")
    expect(status).to_have_text(STRINGS["status.ready"][lang])
    expect(status).to_have_attribute("role", "status")
    box = status.bounding_box()
    assert box is not None and box["height"] <= 1 and box["width"] <= 1


def test_a_tapped_button_keeps_its_colour(browser: Browser, site_url: str) -> None:
    context = browser.new_context(
        viewport=PHONE, has_touch=True, is_mobile=True, service_workers="block"
    )
    try:
        page = context.new_page()
        page.goto(site_url + page_path("calculators/load.md", "en"))
        wait_ready(page)
        page.fill("#bfr_load-one_rm", "100")
        button = page.locator("#bfr_load button[type=submit]")
        button.tap()
        assert button.evaluate("el => document.activeElement === el")
        assert button.evaluate("el => getComputedStyle(el).backgroundColor") == PRIMARY
        link_button = page.locator("#bfr_load [data-action=copy_link]")
        link_button.tap()
        assert link_button.evaluate("el => getComputedStyle(el).backgroundColor") != ACCENT
        # Keyboard focus still shows.
        page.keyboard.press("Shift+Tab")
        ring = button.evaluate("el => getComputedStyle(el).outlineStyle")
        assert ring == "solid"
    finally:
        context.close()


SHARE_SHEET = """
window.shared = [];
Object.defineProperty(Navigator.prototype, "share", {
  configurable: true,
  value: function (data) { window.shared.push(data); return Promise.resolve(); },
});
"""
NO_SHARE_SHEET = "delete Navigator.prototype.share; delete navigator.share;"


@pytest.mark.parametrize("lang", ONE_LANGUAGE)
def test_share_sheet_gets_the_link_only_on_request(page: Page, site_url: str, lang: str) -> None:
    page.add_init_script(SHARE_SHEET)
    address = site_url + page_path("calculators/load.md", lang)
    page.goto(address)
    wait_ready(page)
    page.fill("#bfr_load-one_rm", "100")
    assert page.evaluate("() => window.shared") == []
    share = page.locator("#bfr_load [data-action=share_sheet]")
    expect(share).to_have_text(STRINGS["action.share_sheet"][lang])
    # Beside the link button.
    expect(
        page.locator("#bfr_load [data-action=copy_link] + [data-action=share_sheet]")
    ).to_have_count(1)
    share.click()
    expect(page.locator("#bfr_load [data-action-status]")).to_have_text(
        STRINGS["ui.link.shared"][lang]
    )
    shared = page.evaluate("() => window.shared")
    assert (
        len(shared) == 1
        and shared[0]["url"]
        == address + "#bfr_load.unit=kg&bfr_load.ui-one_rm_source=entered&bfr_load.one_rm=100"
    )
    assert page.url == address  # never in the address bar
    # The screening offers it too, next to its link button.
    page.goto(site_url + page_path("calculators/screening.md", lang))
    wait_ready(page)
    expect(
        page.locator("#screening [data-action=share] + [data-action=share_sheet]")
    ).to_have_count(1)


def test_no_share_button_without_a_share_sheet(page: Page, site_url: str) -> None:
    page.add_init_script(NO_SHARE_SHEET)
    page.goto(site_url + page_path("calculators/load.md", "en"))
    wait_ready(page)
    expect(page.locator("[data-action=share_sheet]")).to_have_count(0)
    expect(page.locator("#bfr_load [data-action=copy_link]")).to_be_visible()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_load_hint_points_at_the_unit_where_it_is(page: Page, site_url: str, lang: str) -> None:
    page.goto(site_url + page_path("calculators/load.md", lang))
    wait_ready(page)
    page.check("#bfr_load-ui-one_rm_source-estimated")
    hint = page.locator("#bfr_load-load-hint")
    expect(hint).to_contain_text("above" if lang == "en" else "ovenfor")
    unit_first = page.evaluate("""() => !!(document.getElementById("bfr_load-unit-kg")
        .compareDocumentPosition(document.getElementById("bfr_load-load"))
        & Node.DOCUMENT_POSITION_FOLLOWING)""")
    assert unit_first


def test_refusal_for_another_cuff_width_reads_well(page: Page, site_url: str) -> None:
    page.goto(site_url + page_path("calculators/load.md", "en"))
    wait_ready(page)
    page.check("#cuff_pressure-cuff_type-pneumatic_gauge")
    page.check("#cuff_pressure-limb-leg")
    page.check("#cuff_pressure-ui-method-estimated")
    page.fill("#cuff_pressure-cuff_width_cm", "12")
    page.locator("#cuff_pressure button[type=submit]").click()
    message = page.locator("#cuff_pressure-cuff_width_cm-error")
    expect(message).to_be_visible()
    expect(message).not_to_contain_text(re.compile(r"\ba 18\b"))
    expect(message).to_contain_text("18 cm")
