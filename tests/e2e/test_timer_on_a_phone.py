"""The session timer on a 390 x 844 phone, in Chromium, in both languages: its first screen on
arrival, what it says after a minute with the page hidden and frozen, a language switch in the
middle of a session, and axe-core in every state of the timer in light and dark, with the buttons
as a finger leaves them (tapped).

The page cannot be hidden or frozen for real in this Chromium: CDP's
Page.setWebLifecycleState("frozen") leaves a visible headless page running, and there is no
visible page to hide. The tests give the page what a locked phone gives it: the visibility turns
to "hidden" with a visibilitychange and a "freeze" event, the wall clock moves on a minute while no
timer runs (Playwright's fake clock, set_system_time), and it comes back with "resume" and a
visibilitychange to "visible".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from tests.conftest import LANGUAGES, page_path, text
from tests.e2e.conftest import wait_ready
from tests.e2e.support.axe import violations
from tests.e2e.support.forms import enter_plan, result_of
from tests.e2e.support.switch import OTHER

#: A phone's context for every test (browser_context_args below): not a tab of the warm one. Its
#: checks are about the timer, not offline use, so it has no service worker, as the warm one.
pytestmark = [pytest.mark.e2e, pytest.mark.own_context]

PHONE = ViewportSize(width=390, height=844)
PHONE_ARGS: dict[str, Any] = {
    "viewport": PHONE,
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "service_workers": "block",
}
PAGE = "first-session.md"

#: The page's visibility as the tests set it, in place of the browser's, before any script runs.
VISIBILITY = """
window.__away = false;
for (const [name, value] of [["visibilityState", () => (window.__away ? "hidden" : "visible")],
                             ["hidden", () => window.__away]]) {
  Object.defineProperty(Document.prototype, name, { configurable: true, get: value });
}
"""


def go_away(page: Page, freeze: bool = True) -> None:
    """The phone is locked: the page is hidden and (``freeze``) frozen."""
    page.evaluate(
        """freeze => { window.__away = true;
            document.dispatchEvent(new Event("visibilitychange"));
            if (freeze) document.dispatchEvent(new Event("freeze")); }""",
        freeze,
    )


def come_back(page: Page, freeze: bool = True) -> None:
    """The phone is unlocked: the page (``freeze``: after a "resume") is visible again."""
    page.evaluate(
        """freeze => { window.__away = false;
            if (freeze) document.dispatchEvent(new Event("resume"));
            document.dispatchEvent(new Event("visibilitychange")); }""",
        freeze,
    )


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, **PHONE_ARGS}


def number(value: str, lang: str) -> str:
    return value.replace(".", ",") if lang == "da" else value


def enter(page: Page, payload: dict[str, str]) -> None:
    """Open the timer's settings, as a finger does, and type the plan."""
    settings = page.locator("[data-timer-settings]")
    if settings.get_attribute("open") is None:
        settings.locator("summary").tap()
    enter_plan(page, payload)


def signals(page: Page) -> int:
    return int(page.evaluate("Number(document.documentElement.dataset.timerSignals || 0)"))


def on_first_screen(page: Page, selector: str) -> list[str]:
    """Whether an element is wholly on the screen, below the site's header; [] when it is."""
    box = page.locator(selector).bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert header is not None
    if box is None:
        return [f"{selector} is not shown"]
    if box["y"] < header["y"] + header["height"] - 1 or box["y"] + box["height"] > PHONE["height"]:
        return [f"{selector} is at {box['y']:.0f}-{box['y'] + box['height']:.0f} px"]
    return []


def first_screen(page: Page, lang: str) -> list[str]:
    """The timer's first screen: the plan in one line, the step, and Start, all on screen."""
    found = []
    for part in ("[data-timer-plan]", "[data-timer-phase]", "[data-timer-action=toggle]"):
        found += on_first_screen(page, part)
    # One line of the plan's parts; at body size a narrow phone wraps it between parts (the
    # Danish one is some 430 px wide for 320), never inside one, and at most once.
    plan = page.locator("[data-timer-plan]")
    lines, broken = plan.evaluate(
        """el => [Math.round(el.getBoundingClientRect().height
                   / parseFloat(getComputedStyle(el).lineHeight)),
                 [...el.querySelectorAll(".bfr-timer__plan-part")]
                   .filter((part) => part.getClientRects().length > 1)
                   .map((part) => part.textContent)]"""
    )
    if lines > 2 or broken:
        found.append(f"the plan takes {lines} lines, broken in {broken}: {plan.inner_text()!r}")
    summary = page.locator("[data-timer-settings] > summary")
    if summary.inner_text().strip() != text("ui.timer.change", lang):
        found.append(f"the settings are folded under {summary.inner_text()!r}")
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_timer_and_start_fill_the_first_screen_on_arrival(
    page: Page, site_url: str, lang: str
) -> None:
    # From the load result: the plan is ready, the settings are folded, Start is on screen.
    page.goto(site_url + page_path("calculators/load.md", lang))
    wait_ready(page)
    page.fill("#bfr_load-one_rm", number("75", lang))  # 30 % = 22.5 kg
    page.check("#cuff_pressure-cuff_type-pneumatic_gauge")
    page.check("#cuff_pressure-limb-leg")
    page.fill("#cuff_pressure-aop_mmhg", "180")  # 40 % = 72 mmHg, where a first session starts
    assert result_of(page, "cuff_pressure", {"result.handover.pressure_mmhg": 72}, 1e-9) == []
    assert result_of(page, "bfr_load", {"result.set_load": 22.5}, 1e-9) == []
    page.locator("#bfr_load-result a", has_text=text("ui.handover.link", lang)).tap()
    expect(page).to_have_url(site_url + page_path(PAGE, lang) + "#timer")
    wait_ready(page)
    expect(page.locator("[data-timer-settings]")).not_to_have_attribute("open", "")
    plan = page.locator("[data-timer-plan]")
    expect(plan).to_contain_text(number("22.5", lang) + " kg")
    expect(plan).to_contain_text(text("ui.timer.plan.pressure", lang, pressure=72))
    toggle = page.locator("[data-timer-action=toggle]")
    expect(toggle).to_be_enabled()
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => done()))")
    assert first_screen(page, lang) == []
    toggle.tap()
    expect(page.locator("[data-timer]")).to_have_attribute("data-timer-state", "running")
    assert on_first_screen(page, "[data-timer-number]") == []

    # From the top of the first-session page, by its introduction's link to the timer.
    page.goto(site_url + page_path(PAGE, lang))
    wait_ready(page)
    page.locator("article p a[href='#timer']").first.tap()
    expect(page).to_have_url(site_url + page_path(PAGE, lang) + "#timer")
    expect(plan).to_have_text(text("ui.timer.plan.none", lang))
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => done()))")
    assert first_screen(page, lang) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_back_after_a_minute_hidden_and_frozen_says_what_happened(
    page: Page, site_url: str, lang: str
) -> None:
    # 2 sets of 15 at 2 s, 60 s rest with the cuff on: set 1 0-30 s, rest 30-90 s, set 2 90-120 s.
    page.add_init_script(VISIBILITY)
    page.clock.install()
    page.goto(site_url + page_path(PAGE, lang) + "#timer")
    wait_ready(page)
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)
    enter(
        page, {"set_load": "30", "sets": "2", "reps_scheme": "15-15", "rep_s": "2", "rest_s": "60"}
    )
    root = page.locator("[data-timer]")
    page.locator("[data-timer-action=toggle]").tap()
    page.clock.run_for(46_000)  # the rest, 44 s left
    expect(root).to_have_attribute("data-step", "1")
    expect(root).to_have_attribute("data-remaining", "0:44")
    before = signals(page)

    # Locked for a minute: hidden, frozen, no timer runs; the wall clock goes on.
    go_away(page)
    page.clock.set_system_time((page.evaluate("Date.now()") + 60_000) / 1000)
    assert signals(page) == before  # nothing happened while it was away
    come_back(page)

    # 106 s: the rest ended 16 s ago, set 2 is at its 9th repetition, the cuff time went on.
    expect(root).to_have_attribute("data-step", "2")
    expect(page.locator("[data-timer-number]")).to_have_text("9")
    banner = page.locator("[data-timer-banner]")
    expect(banner).to_be_visible()
    expect(page.locator("[data-timer-banner-title]")).to_have_text(
        text("ui.timer.away.title", lang)
    )
    ago = text("ui.timer.ago_s", lang, s=16)
    said = (
        text("ui.timer.away.ended.rest", lang, ago=ago)
        + " "
        + text("ui.timer.away.now.set", lang, set=2, rep=9, reps=15)
    )
    expect(page.locator("[data-timer-banner-text]")).to_have_text(said)
    expect(page.locator("[data-timer-announce]")).to_have_text(said)
    expect(page.locator("[data-timer-cuff]")).to_have_text(
        text("ui.timer.cuff", lang, time="1:46", limit=10)
    )
    assert signals(page) == before + 1  # the missed change, once, now that the reader is back
    assert page.evaluate("document.documentElement.dataset.timerCue") == "set"
    assert on_first_screen(page, "[data-timer-banner]") == []

    # "Start set 2 again": the set begins now; the 16 s already spent stay cuff time.
    again = page.locator("[data-timer-action=again]")
    expect(again).to_have_text(text("ui.timer.again", lang, set=2))
    again.tap()
    expect(banner).to_be_hidden()
    expect(page.locator("[data-timer-number]")).to_have_text("1")
    expect(root).to_have_attribute("data-remaining", "0:30")
    expect(page.locator("[data-timer-cuff]")).to_have_text(
        text("ui.timer.cuff", lang, time="1:46", limit=10)
    )
    assert signals(page) == before + 2


def switch_language(page: Page, lang: str) -> None:
    """Through the header's language button, as a reader with a phone does."""
    page.locator(".md-header .bfr-language-button").tap()
    page.locator(f'.md-header a.md-select__link[hreflang="{OTHER[lang]}"]').tap()
    expect(page.locator("html")).to_have_attribute("lang", OTHER[lang])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_language_switch_keeps_the_plan_and_the_running_session(
    page: Page, site_url: str, lang: str
) -> None:
    page.goto(site_url + page_path(PAGE, lang) + "#timer")
    wait_ready(page)
    fields = {"set_load": number("22.5", lang), "sets": "3", "rest_s": "60", "pressure_mmhg": "72"}
    enter(page, fields)
    page.check("#session_plan-rest_mode-deflate")
    assert result_of(page, "session_plan", {"result.rest_mode": "deflate"}, 0) == []
    root = page.locator("[data-timer]")
    page.locator("[data-timer-action=toggle]").tap()
    expect(root).to_have_attribute("data-timer-state", "running")
    expect(page.locator("[data-timer-number]")).to_have_text("2", timeout=10_000)

    switch_language(page, lang)
    other = OTHER[lang]
    wait_ready(page)
    for name, value in fields.items():  # as typed, like the other calculators' fields
        expect(page.locator(f"#session_plan-{name}")).to_have_value(value)
    expect(page.locator("#session_plan-rest_mode-deflate")).to_be_checked()
    # The same session, further on by the clock: set 1 of 3, in the other language's words.
    expect(root).to_have_attribute("data-timer-state", "running")
    expect(root).to_have_attribute("data-step", "0")
    expect(page.locator("[data-timer-phase]")).to_have_text(
        text("ui.timer.set", other, set=1, sets=3)
    )
    rep = int(page.locator("[data-timer-number]").inner_text())
    assert rep >= 2
    expect(page.locator("[data-timer-banner-title]")).to_have_text(
        text("ui.timer.carried.title", other)
    )
    expect(page.locator("[data-timer-plan]")).to_contain_text(
        text("ui.timer.plan.rest_deflate", other, rest_s=60)
    )
    assert on_first_screen(page, "[data-timer-action=toggle]") == []
    page.locator("[data-timer-action=continue]").tap()
    expect(page.locator("[data-timer-banner]")).to_be_hidden()
    page.locator("[data-timer-action=toggle]").tap()
    expect(root).to_have_attribute("data-timer-state", "paused")
    # Nothing of it is left behind in the tab, in the address or in the history's state.
    assert page.evaluate("sessionStorage.getItem('bfr-timer-language-switch')") is None
    assert page.url == site_url + page_path(PAGE, other) + "#timer"


@pytest.fixture(params=("light", "dark"))
def phone(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    context = browser.new_context(**PHONE_ARGS, color_scheme=request.param)
    errors: list[str] = []
    tab = context.new_page()
    tab.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield tab
    finally:
        context.close()
    assert errors == []


def audit(page: Page, where: str) -> list[str]:
    """axe-core in the scheme the phone asks for; it needs timers, so the fake time flows while
    it runs (every state below lasts long enough for that) and is held again after."""
    page.clock.resume()
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    found = [f"{where} [{scheme}] {line}" for line in violations(page)]
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_wcag_violations_in_any_timer_state_light_and_dark(
    phone: Page, site_url: str, lang: str
) -> None:
    # 2 sets of 30 and 15 at 2 s, 60 s rest with the air out, limit 1 min, 70 mmHg:
    # set 1 0-60 s, deflate 60-110 s, pump up 110-120 s, set 2 120-150 s; the cuff time passes
    # the 1 min limit as set 1 ends, so the alert shows from there on.
    page = phone
    page.add_init_script(VISIBILITY)
    page.clock.install()
    page.goto(site_url + page_path(PAGE, lang) + "#timer")
    wait_ready(page)
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)
    root = page.locator("[data-timer]")
    found = audit(page, "no plan")
    plan = {
        "set_load": "20",
        "sets": "2",
        "reps_scheme": "30-15",
        "rep_s": "2",
        "rest_s": "60",
        "rest_mode": "deflate",
        "cuff_limit_min": "1",
        "pressure_mmhg": "70",
    }
    enter(page, plan)
    found += audit(page, "idle")
    page.locator("[data-timer-action=toggle]").tap()  # Start, left pressed
    expect(root).to_have_attribute("data-step-kind", "set")
    found += audit(page, "set, Start tapped")
    page.clock.run_for(65_000)
    expect(root).to_have_attribute("data-step-kind", "deflate")
    expect(page.locator("[data-timer-alert]")).to_be_visible()
    found += audit(page, "rest with the air out, alert")
    page.locator("[data-timer-action=toggle]").tap()
    expect(root).to_have_attribute("data-timer-state", "paused")
    found += audit(page, "paused, Pause tapped")
    page.locator("[data-timer-action=toggle]").tap()
    expect(root).to_have_attribute("data-timer-state", "running")
    found += audit(page, "running, Resume tapped")
    page.locator("[data-timer-action=skip]").tap()  # End the rest
    expect(root).to_have_attribute("data-step-kind", "inflate")
    found += audit(page, "pump up, Next step tapped")
    # Away for 20 s: back in set 2, with the banner.
    go_away(page, freeze=False)
    page.clock.set_system_time((page.evaluate("Date.now()") + 20_000) / 1000)
    come_back(page, freeze=False)
    expect(page.locator("[data-timer-banner]")).to_be_visible()
    expect(root).to_have_attribute("data-step-kind", "set")
    found += audit(page, "back, banner")
    page.locator("[data-timer-action=continue]").tap()
    expect(page.locator("[data-timer-banner]")).to_be_hidden()
    found += audit(page, "set 2, Continue tapped")
    page.clock.run_for(40_000)
    expect(root).to_have_attribute("data-timer-state", "done")
    found += audit(page, "done")
    page.locator("[data-timer-action=reset]").tap()
    expect(root).to_have_attribute("data-timer-state", "idle")
    found += audit(page, "idle again, Reset tapped")
    page.fill("#session_plan-sets", "x")
    page.locator("#session_plan button[type=submit]").tap()
    expect(page.locator("#session_plan [data-error-summary]")).to_be_visible()
    found += audit(page, "error")
    assert not found, "\n".join(found)
