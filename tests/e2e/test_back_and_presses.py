"""Back and Forward, and held presses on the timer's button, in Chromium: the same checks the
cross-engine suite makes in Firefox and WebKit (tests/engines), where the two defects were found.

- After Back and Forward every calculator shows what the reader typed and the result that belongs
  to it, and a result is never shown without its inputs: a page restored from the back/forward
  cache keeps every form (the session plan too, in memory only); a page loaded again gets the load
  and screening inputs from the tab's history entry, and the session plan, never kept there, is
  empty with no result.
- A press on the timer's button registers when it starts as a field is left, and when it is held
  while the timer runs: nothing the reader is pressing is rewritten under the pointer.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import LANGUAGES, page_path, text
from tests.core.core_helpers import at
from tests.e2e.conftest import wait_ready

pytestmark = pytest.mark.e2e

DECIMAL = {"en": ".", "da": ","}
HOLD_MS = 120
PRESSES = 6
#: Told on every pageshow whether the page came from the back/forward cache.
LISTEN = (
    "(() => { if (window.__restored) return; window.__restored = [];"
    " addEventListener('pageshow', (e) => window.__restored.push(e.persisted)); })()"
)


def expect_result(page: Page, form: str, expected: dict[str, Any]) -> None:
    """The form's result has these parts (dotted paths), within 10 s: the page works a result
    out again on every input."""
    deadline = time.monotonic() + 10
    while True:
        raw = page.locator(f"form#{form}").get_attribute("data-result")
        got = {}
        for path in expected:
            try:
                got[path] = at(json.loads(raw), path) if raw else None
            except (KeyError, IndexError, TypeError):
                got[path] = None
        if got == expected:
            return
        assert time.monotonic() < deadline, f"{form}: {got} != {expected}"
        page.wait_for_timeout(50)


def number(value: str, lang: str) -> str:
    return value.replace(".", DECIMAL[lang])


def type_into(page: Page, selector: str, value: str) -> None:
    """Click into the field and type, key by key; the field keeps the focus."""
    page.locator(selector).click()
    page.keyboard.type(value)


def go(page: Page, way: str) -> None:
    """The browser's Back or Forward, from the page's own history, after the evaluation has
    returned: a page restored from the back/forward cache at once could otherwise end the
    evaluation's context before its answer came back."""
    page.evaluate(f"setTimeout(() => history.{way}(), 0)")


def back_and_forward(
    page: Page, site_url: str, source: str, lang: str, check: Callable[[bool], None]
) -> list[bool]:
    """Leave by the header's home link; Back; Back once more and Forward. ``check`` is told each
    time whether the page came back from the back/forward cache; which it did, each time."""
    here = site_url + page_path(source, lang)
    ways = []

    def came_back() -> None:
        expect(page).to_have_url(here)
        wait_ready(page)
        restored = page.evaluate("(window.__restored || []).slice(-1)[0] === true")
        ways.append(bool(restored))
        check(bool(restored))
        page.evaluate(LISTEN)  # a page loaded again has lost it

    page.evaluate(LISTEN)
    page.locator(".md-header a.md-logo").click()
    expect(page).to_have_url(site_url + page_path("index.md", lang))
    go(page, "back")
    came_back()
    go(page, "back")
    expect(page).not_to_have_url(here)
    go(page, "forward")
    came_back()
    return ways


@pytest.mark.parametrize("lang", LANGUAGES)
def test_back_and_forward_keep_what_was_typed_with_its_result(
    page: Page, site_url: str, lang: str
) -> None:
    page.goto(site_url + page_path("index.md", lang))  # a page to go back to
    page.goto(site_url + page_path("calculators/load.md", lang))
    wait_ready(page)
    one_rm = {"en": "100", "da": "72,5"}[lang]
    set_load = {"en": 30.0, "da": 22.5}[lang]
    type_into(page, "#bfr_load-one_rm", one_rm)
    page.check("#cuff_pressure-cuff_type-pneumatic_gauge")
    page.check("#cuff_pressure-limb-leg")
    type_into(page, "#cuff_pressure-aop_mmhg", number("180.5", lang))
    headline = text("ui.load.headline", lang, set_load=number(f"{set_load:g}", lang), unit="kg")

    def load(restored: bool) -> None:
        expect(page.locator("#bfr_load-one_rm")).to_have_value(one_rm)
        expect(page.locator("#cuff_pressure-cuff_type-pneumatic_gauge")).to_be_checked()
        expect(page.locator("#cuff_pressure-limb-leg")).to_be_checked()
        expect(page.locator("#cuff_pressure-aop_mmhg")).to_have_value(number("180.5", lang))
        expect_result(page, "bfr_load", {"result.set_load": set_load})
        expect(page.locator("#bfr_load-result .bfr-headline")).to_have_text(headline)
        expect_result(page, "cuff_pressure", {"result.pressure_mmhg.min": 72})

    load(False)
    back_and_forward(page, site_url, "calculators/load.md", lang, load)

    page.goto(site_url + page_path("calculators/screening.md", lang))
    wait_ready(page)
    for radio in page.locator("[data-group=answers] input[value=no]").all():
        radio.check()
    type_into(page, "#screening-sbp_mmhg", "185")
    type_into(page, "#screening-dbp_mmhg", "95")
    page.check("#screening-bp_place-home")  # a reading needs the place it was taken

    def screening(restored: bool) -> None:
        expect(page.locator("#screening-sbp_mmhg")).to_have_value("185")
        expect(page.locator("#screening-dbp_mmhg")).to_have_value("95")
        expect(page.locator("#screening-bp_place-home")).to_be_checked()
        expect_result(page, "screening", {"result.level": "stop"})
        expect(page.locator("#screening-result [data-level]")).to_have_text(
            text("level.stop.title", lang)
        )

    screening(False)
    back_and_forward(page, site_url, "calculators/screening.md", lang, screening)
    page.check("#screening-smoking-yes")  # an answer changed after coming back
    expect_result(page, "screening", {"result.level": "stop", "result.blood_pressure.band": "stop"})
    expect(page.locator("#screening-result [data-level]")).to_have_text(
        text("level.stop.title", lang)
    )

    page.goto(site_url + page_path("first-session.md", lang))
    wait_ready(page)
    type_into(page, "#session_plan-set_load", number("32.5", lang))

    def first_session(restored: bool) -> None:
        field = page.locator("#session_plan-set_load")
        toggle = page.locator("[data-timer-action=toggle]")
        if restored:  # kept in memory while the page waited in the cache
            expect(field).to_have_value(number("32.5", lang))
            expect_result(page, "session_plan", {"result.set_load": 32.5})
            expect(toggle).to_be_enabled()
        else:  # loaded again: the plan is in no history entry, so neither is its result
            expect(field).to_have_value("")
            expect(page.locator("#session_plan .bfr-result__empty")).to_be_visible()
            expect(toggle).to_be_disabled()

    first_session(True)
    back_and_forward(page, site_url, "first-session.md", lang, first_session)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_held_presses_on_the_timers_button_register(page: Page, site_url: str, lang: str) -> None:
    page.goto(site_url + page_path("first-session.md", lang))
    wait_ready(page)
    type_into(page, "#session_plan-set_load", "30")
    expect_result(page, "session_plan", {"ok": True})
    expect(page.locator("#session_plan-set_load")).to_be_focused()
    root = page.locator("[data-timer]")
    toggle = page.locator("[data-timer-action=toggle]")
    toggle.click()  # straight from the field: its "change" fires as the press begins
    expect(root).to_have_attribute("data-timer-state", "running")
    box = toggle.bounding_box()
    assert box is not None
    for press in range(PRESSES):
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.down()
        page.wait_for_timeout(HOLD_MS)  # the press itself, not a wait for the page
        page.mouse.up()
        expected = "paused" if press % 2 == 0 else "running"
        expect(root, f"press {press + 1}").to_have_attribute(
            "data-timer-state", expected, timeout=2_000
        )
        label = text("ui.timer.resume" if expected == "paused" else "ui.timer.pause", lang)
        expect(toggle).to_have_text(re.compile(re.escape(label)))
