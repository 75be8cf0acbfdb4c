"""The session timer on the first-session page, in Chromium, with Playwright's fake clock (on a
phone, away and back, across a language switch and in every state for axe-core:
tests/e2e/test_timer_on_a_phone.py).

The plan comes from the core (session_plan); the page runs it against the clock. A short plan
keeps the runs quick: 2 sets of 4 and 2 repetitions at 1 s each with 3 s of rest:
set 1 0-4 s, rest 4-7 s, set 2 7-9 s; 9 s in all, all of it with the cuff on.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, Playwright, expect

from tests.conftest import LANGUAGES, ONE_LANGUAGE, page_path, text
from tests.core.core_helpers import load_vectors
from tests.e2e.conftest import wait_ready
from tests.e2e.support.forms import enter_plan, result_of
from tests.e2e.support.hosts import runtime_cached

pytestmark = pytest.mark.e2e

NO_WORKER = pytest.mark.browser_context_args(service_workers="block")


def clocked(test: Callable[..., None]) -> Callable[..., None]:
    """Playwright's fake clock belongs to the whole context, and every page opened in it later
    replays its steps: a test that uses it has a context of its own. These tests are about the
    clock, not offline use, so that context has no service worker (tests/e2e/conftest.py)."""
    marked: Callable[..., None] = pytest.mark.own_context(NO_WORKER(test))
    return marked


SHORT = {"set_load": "20", "sets": "2", "reps_scheme": "4-2", "rest_s": "3", "rep_s": "1"}
PAGE = "first-session.md"


def open_page(page: Page, site_url: str, lang: str) -> None:
    page.clock.install()
    page.goto(site_url + page_path(PAGE, lang))
    wait_ready(page)
    # From here on the fake time moves only when the test moves it.
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)


def timer(page: Page, part: str) -> str:
    return page.locator(f"[data-timer-{part}]").inner_text()


def signals(page: Page) -> int:
    return int(page.evaluate("Number(document.documentElement.dataset.timerSignals || 0)"))


def toggle(page: Page) -> None:
    page.locator("[data-timer-action=toggle]").click()


@pytest.mark.parametrize("lang", ONE_LANGUAGE)
def test_the_browser_computes_the_cores_session_plans(page: Page, site_url: str, lang: str) -> None:
    page.goto(site_url + page_path(PAGE, lang))
    wait_ready(page)
    vectors = [v for v in load_vectors() if v["calculator"] == "session_plan" and v["expect"]["ok"]]
    assert len(vectors) >= 5
    form = page.locator("#session_plan")
    failures = []
    for vector in vectors:
        form.evaluate("f => { f.reset(); f.dispatchEvent(new Event('change', {bubbles: true})); }")
        payload = dict(vector["payload"])
        source = payload.pop("load_source", "set_load")
        page.check(f"#session_plan-ui-load_source-{source}")
        for name, value in payload.items():
            if page.locator(f"#session_plan-{name}").count():
                page.fill(f"#session_plan-{name}", value)
            else:
                page.check(f"#session_plan-{name}-{value}")
        problems = result_of(page, "session_plan", vector["expect"], vector["tol"])
        if problems:
            failures.append((vector["payload"], problems))
    assert failures == []


@clocked
@pytest.mark.parametrize("lang", ONE_LANGUAGE)
def test_a_short_session_runs_from_start_to_end_with_a_pause(
    page: Page, site_url: str, lang: str
) -> None:
    open_page(page, site_url, lang)
    enter_plan(page, SHORT)
    root = page.locator("[data-timer]")
    expect(root).to_have_attribute("data-timer-state", "idle")
    toggle(page)
    expect(root).to_have_attribute("data-timer-state", "running")
    expect(page.locator("[data-timer-phase]")).to_have_text(
        text("ui.timer.set", lang, set=1, sets=2)
    )
    expect(page.locator("[data-timer-announce]")).to_have_text(
        text("ui.timer.announce_set", lang, set=1, sets=2, reps=4)
    )
    assert signals(page) == 1  # Start: set 1 begins
    page.clock.run_for(2500)  # 2.5 s into set 1: the third repetition, 1.5 s left
    expect(page.locator("[data-timer-label]")).to_have_text(text("ui.timer.rep_label", lang))
    expect(page.locator("[data-timer-number]")).to_have_text("3")
    expect(page.locator("[data-timer-of]")).to_have_text(text("ui.timer.of", lang, reps=4))
    expect(page.locator("[data-timer-detail]")).to_have_text(
        text("ui.timer.left_set", lang, time="0:02")
    )
    page.clock.run_for(2000)  # 4.5 s: rest, 2.5 s left, shown rounded up
    expect(root).to_have_attribute("data-step", "1")
    expect(page.locator("[data-timer-label]")).to_have_text(text("ui.timer.left_label", lang))
    expect(page.locator("[data-timer-number]")).to_have_text("0:03")
    expect(page.locator("[data-timer-announce]")).to_have_text(
        text("ui.timer.announce_rest", lang, seconds=3)
    )
    assert signals(page) == 2  # the set ended: the rest begins

    toggle(page)  # pause for 20 s: nothing moves
    expect(root).to_have_attribute("data-timer-state", "paused")
    expect(page.locator("[data-timer-announce]")).to_have_text(text("ui.timer.paused", lang))
    page.clock.run_for(20_000)
    expect(root).to_have_attribute("data-step", "1")
    expect(root).to_have_attribute("data-remaining", "0:03")
    expect(page.locator("[data-timer-cuff]")).to_have_text(
        text("ui.timer.cuff", lang, time="0:05", limit=10)
    )

    toggle(page)  # resume: 2.5 s of rest left
    expect(root).to_have_attribute("data-timer-state", "running")
    page.clock.run_for(3000)  # the rest ended 0.5 s ago: set 2, with a signal
    expect(page.locator("[data-timer-phase]")).to_have_text(
        text("ui.timer.set", lang, set=2, sets=2)
    )
    expect(page.locator("[data-timer-announce]")).to_have_text(
        text("ui.timer.announce_set", lang, set=2, sets=2, reps=2)
    )
    assert signals(page) == 3
    page.clock.run_for(2000)
    expect(root).to_have_attribute("data-timer-state", "done")
    expect(page.locator("[data-timer-announce]")).to_have_text(text("ui.timer.done_announce", lang))
    assert signals(page) == 4  # the end: take the cuff off
    # 4 + 3 + 2 s with the cuff on (the 20 s of pause are not counted)
    expect(page.locator("[data-timer-cuff]")).to_have_text(
        text("ui.timer.cuff", lang, time="0:09", limit=10)
    )
    page.locator("[data-timer-action=reset]").click()
    expect(root).to_have_attribute("data-timer-state", "idle")


#: Every vibration the page asks for, kept in window.vibrations (headless Chromium has none).
VIBRATIONS = """
window.vibrations = [];
navigator.vibrate = (pattern) => { window.vibrations.push(pattern); return true; };
"""


@clocked
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_change_in_intermittent_mode_gets_one_cue(
    page: Page, site_url: str, lang: str
) -> None:
    # 2 sets of 40 and 30 at 1 s, 20 s of rest with the air out, limit 1 min, 70 mmHg:
    # set 1 0-40 s, let the air out 40-50 s, pump up 50-60 s, set 2 60-90 s; the cuff time
    # reaches the 1 min limit 10 s into set 2 (70 s), and the session ends at 90 s.
    page.add_init_script(VIBRATIONS)
    open_page(page, site_url, lang)
    plan = {
        "set_load": "20",
        "sets": "2",
        "reps_scheme": "40-30",
        "rep_s": "1",
        "rest_s": "20",
        "rest_mode": "deflate",
        "cuff_limit_min": "1",
        "pressure_mmhg": "70",
    }
    enter_plan(page, plan)
    root = page.locator("[data-timer]")
    cues: list[str] = []

    def cued(kind: str, announced: str) -> None:
        expect(page.locator("[data-timer-announce]")).to_have_text(announced)
        cues.append(page.evaluate("document.documentElement.dataset.timerCue"))
        assert signals(page) == len(cues), (kind, cues)
        assert cues[-1] == kind, cues
        assert page.evaluate("window.vibrations.length") == len(cues)

    toggle(page)
    cued("set", text("ui.timer.announce_set", lang, set=1, sets=2, reps=40))
    page.clock.run_for(40_500)
    expect(root).to_have_attribute("data-step-kind", "deflate")
    cued("deflate", text("ui.timer.announce_deflate", lang, seconds=10))
    expect(page.locator("[data-timer-phase]")).to_have_text(text("ui.timer.deflate_label", lang))
    expect(page.locator("[data-timer-detail]")).to_have_text(
        text("ui.timer.next_inflate", lang, pressure=70)
    )
    page.clock.run_for(10_000)
    expect(root).to_have_attribute("data-step-kind", "inflate")
    cued("inflate", text("ui.timer.announce_inflate", lang, pressure=70, seconds=10))
    expect(page.locator("[data-timer-phase]")).to_have_text(
        text("ui.timer.inflate_label", lang, pressure=70)
    )
    page.clock.run_for(10_000)
    expect(root).to_have_attribute("data-step-kind", "set")
    cued("set", text("ui.timer.announce_set", lang, set=2, sets=2, reps=30))
    page.clock.run_for(10_000)
    expect(page.locator("[data-timer-alert]")).to_have_text(
        text("ui.timer.alert_limit", lang, minutes=1)
    )
    cued("alert", text("ui.timer.alert_limit", lang, minutes=1))
    page.clock.run_for(20_000)
    expect(root).to_have_attribute("data-timer-state", "done")
    cued("done", text("ui.timer.done_announce", lang))
    # The end is the strongest cue: the longest vibration, and the panel says it in full.
    lengths = [sum(p) if isinstance(p, list) else p for p in page.evaluate("window.vibrations")]
    assert lengths[-1] == max(lengths) and lengths.count(lengths[-1]) == 1, lengths
    expect(page.locator("[data-timer-phase]")).to_have_text(text("ui.timer.done_title", lang))
    expect(page.locator("[data-timer-number]")).to_have_text(text("ui.timer.done", lang))
    page.clock.run_for(30_000)  # nothing more
    assert signals(page) == len(cues) == 6


@clocked
@pytest.mark.parametrize("lang", ONE_LANGUAGE)
def test_skipping_ends_a_step_early(page: Page, site_url: str, lang: str) -> None:
    open_page(page, site_url, lang)
    enter_plan(page, SHORT)
    toggle(page)
    page.clock.run_for(1000)
    page.locator("[data-timer-action=skip]").click()  # set 1 ends after 1 s: rest, 3 s
    root = page.locator("[data-timer]")
    expect(root).to_have_attribute("data-step", "1")
    expect(root).to_have_attribute("data-remaining", "0:03")
    page.locator("[data-timer-action=skip]").click()
    page.locator("[data-timer-action=skip]").click()
    expect(root).to_have_attribute("data-timer-state", "done")
    expect(page.locator("[data-timer-cuff]")).to_have_text(
        text("ui.timer.cuff", lang, time="0:01", limit=10)
    )


@clocked
@pytest.mark.parametrize("lang", ONE_LANGUAGE)
def test_a_minute_in_the_background_follows_the_clock(page: Page, site_url: str, lang: str) -> None:
    # 4 sets of 30-15-15-15 at 2 s per repetition, 45 s rest (the core's reference plan):
    # set 1 0-60 s, rest 60-105 s, set 2 105-135 s, rest 135-180 s ...
    open_page(page, site_url, lang)
    enter_plan(page, {"set_load": "30", "sets": "4", "rest_s": "45", "rep_s": "2"})
    toggle(page)
    root = page.locator("[data-timer]")
    assert signals(page) == 1
    # The clock jumps 70 s with no tick in between (a phone that stopped the page without hiding
    # it); the timers that were due fire once, as they would when the page comes back. The set
    # that ended 10 s ago gets no late cue of its own: the banner says what happened, with one cue.
    page.clock.fast_forward(70_000)
    expect(root).to_have_attribute("data-step", "1")
    expect(page.locator("[data-timer-number]")).to_have_text("0:35")
    banner = page.locator("[data-timer-banner]")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text(text("ui.timer.away.title", lang))
    ago = text("ui.timer.ago_s", lang, s=10)
    expect(page.locator("[data-timer-banner-text]")).to_have_text(
        text("ui.timer.away.ended.set", lang, set=1, ago=ago)
        + " "
        + text("ui.timer.away.now.rest", lang, left="0:35")
    )
    expect(page.locator("[data-timer-action=again]")).to_be_hidden()  # a rest, not a set
    assert signals(page) == 2
    page.clock.fast_forward(60_000)  # 130 s: in set 2, 5 s left, one rest has ended
    expect(root).to_have_attribute("data-step", "2")
    expect(root).to_have_attribute("data-remaining", "0:05")
    expect(page.locator("[data-timer-cuff]")).to_have_text(
        text("ui.timer.cuff", lang, time="2:10", limit=10)
    )
    ago = text("ui.timer.ago_s", lang, s=25)
    expect(page.locator("[data-timer-banner-text]")).to_have_text(
        text("ui.timer.away.ended.rest", lang, set=1, ago=ago)
        + " "
        + text("ui.timer.away.now.set", lang, set=2, rep=13, reps=15)
    )
    expect(page.locator("[data-timer-action=again]")).to_have_text(
        text("ui.timer.again", lang, set=2)
    )
    assert signals(page) == 3


@clocked
@pytest.mark.parametrize("lang", ONE_LANGUAGE)
def test_the_cuff_time_warns_at_5_minutes_and_at_the_limit(
    page: Page, site_url: str, lang: str
) -> None:
    # 4 x 30 repetitions x 3 s + 3 x 60 s rest = 540 s with the cuff on; limit 7 min = 420 s.
    open_page(page, site_url, lang)
    enter_plan(
        page,
        {
            "set_load": "25",
            "sets": "4",
            "reps_scheme": "30-30-30-30",
            "rest_s": "60",
            "rep_s": "3",
            "cuff_limit_min": "7",
        },
    )
    expect(page.locator("#session_plan-result")).to_contain_text(
        text("warning.cuff_time_over_limit", lang, cuff_min=9, cuff_limit_min=7)
    )
    toggle(page)
    alert = page.locator("[data-timer-alert]")
    page.clock.run_for(299_000)
    expect(alert).to_be_hidden()
    page.clock.run_for(2000)
    expect(alert).to_have_text(text("ui.timer.alert_low", lang))
    page.clock.run_for(120_000)
    expect(alert).to_have_text(text("ui.timer.alert_limit", lang, minutes=7))
    expect(page.locator("[data-timer-announce]")).to_have_text(
        text("ui.timer.alert_limit", lang, minutes=7)
    )


@clocked
def test_the_running_timer_keeps_the_screen_awake_under_the_sites_headers(
    page: Page, site_url: str
) -> None:
    """The wake lock is asked for on Start and granted: the Permissions-Policy the site sends
    (applied by the test server) allows it for the site itself."""
    page.add_init_script(
        """if (navigator.wakeLock) {
          const request = navigator.wakeLock.request.bind(navigator.wakeLock);
          window.wakeLocks = [];
          navigator.wakeLock.request = (type) => request(type).then(
            (lock) => { window.wakeLocks.push("granted"); return lock; },
            (error) => { window.wakeLocks.push(error.name); throw error; });
        }"""
    )
    open_page(page, site_url, "en")
    enter_plan(page, SHORT)
    toggle(page)
    expect(page.locator("[data-timer]")).to_have_attribute("data-timer-state", "running")
    # A function, not an expression: polling an expression evaluates it with eval(), which the
    # site's policy refuses once the first look has not found it true.
    page.wait_for_function("() => window.wakeLocks && window.wakeLocks.length > 0")
    assert page.evaluate("window.wakeLocks") == ["granted"]


@clocked
@pytest.mark.parametrize("lang", ONE_LANGUAGE)
def test_the_timer_works_by_keyboard(page: Page, site_url: str, lang: str) -> None:
    open_page(page, site_url, lang)
    enter_plan(page, SHORT)
    page.locator("[data-timer-action=toggle]").focus()
    page.keyboard.press("Enter")
    root = page.locator("[data-timer]")
    expect(root).to_have_attribute("data-timer-state", "running")
    page.keyboard.press("Space")
    expect(root).to_have_attribute("data-timer-state", "paused")
    page.keyboard.press("Tab")
    expect(page.locator("[data-timer-action=skip]")).to_be_focused()
    page.keyboard.press("Enter")
    expect(root).to_have_attribute("data-step", "1")


@pytest.mark.parametrize("lang", ONE_LANGUAGE)
def test_the_load_result_hands_its_numbers_over_without_the_history(
    playwright: Playwright,
    browser_type_launch_args: dict[str, Any],
    site_url: str,
    lang: str,
    tmp_path: Path,
) -> None:
    profile = tmp_path / "profile"
    context = playwright.chromium.launch_persistent_context(
        str(profile), **browser_type_launch_args
    )
    page = context.pages[0] if context.pages else context.new_page()
    page.goto(site_url + page_path("calculators/load.md", lang))
    wait_ready(page)
    page.fill("#bfr_load-one_rm", "101")  # 30 % = 30.3 kg -> 30 kg
    page.check("#cuff_pressure-cuff_type-pneumatic_gauge")
    page.check("#cuff_pressure-limb-leg")
    page.fill("#cuff_pressure-aop_mmhg", "150")  # 40-80 % = 60-120 mmHg, a first session at 60
    assert result_of(page, "bfr_load", {"result.set_load": 30.0}, 1e-9) == []
    assert result_of(page, "cuff_pressure", {"result.handover.pressure_mmhg": 60}, 1e-9) == []
    page.locator("#bfr_load-result a", has_text=text("ui.handover.link", lang)).click()
    expect(page).to_have_url(site_url + page_path(PAGE, lang) + "#timer")
    wait_ready(page)
    # the plan is ready: its settings stay folded under the timer
    settings = page.locator("[data-timer-settings]")
    expect(settings).not_to_have_attribute("open", "")
    expect(page.locator("[data-timer-plan]")).to_contain_text("30 kg")
    expect(page.locator("#session_plan-set_load")).to_have_value("30")
    expect(page.locator("#session_plan-sets")).to_have_value("2")
    expect(page.locator("#session_plan-pressure_mmhg")).to_have_value("60")
    expect(page.locator("[data-handover-status]")).to_have_text(text("ui.handover.loaded", lang))
    assert result_of(page, "session_plan", {"result.set_load": 30.0, "result.sets": 2}, 1e-9) == []
    # read once, then forgotten
    assert page.evaluate("sessionStorage.getItem('bfr-session-handover')") is None
    settings.locator("summary").click()
    page.fill("#session_plan-rest_s", "37")
    page.fill("#session_plan-set_load", "31")
    assert result_of(page, "session_plan", {"result.set_load": 31.0}, 1e-9) == []
    assert page.url == site_url + page_path(PAGE, lang) + "#timer"  # no inputs in it
    page.goto(site_url + page_path("safety.md", lang))
    context.close()
    with sqlite3.connect(profile / "Default" / "History") as db:
        urls = [row[0] for row in db.execute("SELECT url FROM urls")]
    first = [u for u in urls if "first-session" in u]
    assert first and all(re.fullmatch(r".*/first-session/(#timer)?", u) for u in first), first


def test_the_first_session_page_works_offline_after_a_first_visit(
    page: Page, context: BrowserContext, site_url: str
) -> None:
    page.clock.install()
    page.goto(site_url + page_path("calculators/load.md", "en"))
    wait_ready(page)
    runtime_cached(page)
    context.set_offline(True)
    for lang in LANGUAGES:
        page.goto(site_url + page_path(PAGE, lang))
        wait_ready(page)
        expect(page.locator("article h1")).to_have_text(re.compile(".+"))
        page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)
        enter_plan(page, SHORT)
        toggle(page)
        page.clock.run_for(10_000)
        expect(page.locator("[data-timer]")).to_have_attribute("data-timer-state", "done")
    context.set_offline(False)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_printed_plan_is_one_a4_page_in_the_pages_language(
    page: Page, site_url: str, lang: str
) -> None:
    page.goto(site_url + page_path(PAGE, lang))
    wait_ready(page)
    enter_plan(page, {"set_load": "22,5", "sets": "2", "pressure_mmhg": "120"})
    page.emulate_media(media="print")
    plan = page.locator("[data-plan-print]")
    expect(plan).to_be_visible()
    expect(page.locator("#session_plan-set_load")).to_be_hidden()
    expect(page.locator("[data-timer]")).to_be_hidden()
    expect(plan.locator("h2")).to_have_text(text("ui.plan.title", lang))
    expect(plan).to_contain_text(text("ui.plan.note", lang))
    # weeks of 2, 2, 3 and 3 sessions (the site's suggestion), each with a box to tick
    expect(plan.locator("tbody tr")).to_have_count(10)
    expect(plan.locator("tbody .bfr-plan-print__tick")).to_have_count(10)
    load = "22,5 kg" if lang == "da" else "22.5 kg"
    expect(plan.locator("tbody tr").first).to_contain_text(load)
    expect(plan.locator("tbody tr").first).to_contain_text("120 mmHg")
    expect(plan.locator("tbody tr").last.locator("td").nth(3)).to_have_text("4")
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
