"""The site in Firefox and WebKit: what differs between engines, not the whole suite again.

Every page loads clean; each calculator computes its reference cases in both languages; Back and
Forward keep what the reader typed with the result that belongs to it (WebKit empties
autocomplete="off" fields when it restores a page from its back/forward cache); held presses on
the timer's buttons register (WebKit drops a click whose pressed text was replaced before
release); the service worker serves a reload with the server down.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import LANGUAGES, Build, page_path, source_pages, text
from tests.core.core_helpers import load_vectors, matches
from tests.engines.conftest import Site, reporting_site
from tests.engines.drivers import Browser, launch, seen, wait, watch

pytestmark = pytest.mark.engines

LOAD = "calculators/load.md"
SCREENING = "calculators/screening.md"
FIRST_SESSION = "first-session.md"
#: Numbers as a reader of each language types them.
DECIMAL = {"en": ".", "da": ","}
#: A press held as long as a finger or a mouse button rests on it.
HOLD_MS = 120
PRESSES = 6
#: How long a press may take to show (the timer's button acts at once; the page is idle).
PRESS_S = 2.0
SETTLE_S = 8.0
#: Python's first start in a fresh profile: WebKit took up to 17 s on a loaded 2-core machine.
READY_S = 60.0

ALL_READY = (
    "document.readyState === 'complete' && [...document.querySelectorAll('form[data-calculator]')]"
    ".every((form) => form.dataset.state === 'ready')"
)


def vector(calculator: str, **payload: str) -> dict[str, Any]:
    """The core's reference vector with exactly this payload (tests/core/vectors.json)."""
    found = [v for v in load_vectors() if v["calculator"] == calculator and v["payload"] == payload]
    assert len(found) == 1, (calculator, payload)
    return found[0]


def number(value: str, lang: str) -> str:
    return value.replace(".", DECIMAL[lang])


def open_page(browser: Browser, site: Site, source: str, lang: str) -> None:
    browser.goto(site.url + page_path(source, lang))
    wait(browser, ALL_READY, "every calculator ready", READY_S)


def fill(browser: Browser, selector: str, value: str) -> None:
    """Click into the field and type over what it holds, as a reader does; the field keeps the
    focus."""
    browser.click(selector)
    browser.call("(s) => document.querySelector(s).select()", selector)
    browser.type(value)


def choose(browser: Browser, selector: str) -> None:
    """Tick every radio the selector matches (a click each, with its input and change events)."""
    browser.call("(s) => document.querySelectorAll(s).forEach((radio) => radio.click())", selector)


def response(browser: Browser, form: str) -> dict[str, Any] | None:
    raw = browser.evaluate(f"document.getElementById({form!r}).dataset.result || ''")
    return json.loads(raw) if raw else None


def headline(browser: Browser, form: str) -> str:
    return str(
        browser.evaluate(
            f"document.querySelector('#{form}-result .bfr-headline')?.textContent.trim() || ''"
        )
    )


def settle(check: Callable[[], list[str]], timeout: float = SETTLE_S) -> list[str]:
    """Ask ``check`` until it finds nothing wrong or time runs out; what it last found."""
    deadline = time.monotonic() + timeout
    while True:
        problems = check()
        if not problems or time.monotonic() > deadline:
            return problems
        time.sleep(0.05)


def computed(browser: Browser, form: str, ref: dict[str, Any], shown: str = "") -> list[str]:
    """What is wrong with the form's result: its numbers against the reference, and its
    headline against the words expected."""
    got = response(browser, form)
    if got is None:
        return [f"{form}: no result"]
    problems = [f"{form}: {p}" for p in matches(got, ref["expect"], ref.get("tol", 1e-9))]
    if shown and headline(browser, form) != shown:
        problems.append(f"{form}: headline {headline(browser, form)!r}, expected {shown!r}")
    return problems


def values(browser: Browser, selectors: dict[str, str]) -> list[str]:
    """The fields that do not show what was typed into them."""
    got = browser.call(
        "(ids) => ids.map((id) => document.querySelector(id).value)", list(selectors)
    )
    return [
        f"{selector} shows {value!r}, typed {typed!r}"
        for (selector, typed), value in zip(selectors.items(), got, strict=True)
        if value != typed
    ]


# ------------------------------------------------------------------ every page, clean


def every_page() -> list[str]:
    paths = [page_path(source, lang) for source in source_pages() for lang in LANGUAGES]
    return [*paths, "/no-such-page/", "/da/no-such-page/"]


def test_every_page_loads_without_errors_or_csp_violations(tab: Browser, site: Site) -> None:
    """Both languages, the 404 pages too; a calculator page only once its calculators are
    ready. The fixture also fails the test on the browser's CSP reports."""
    found: dict[str, dict[str, list[str]]] = {}
    for path in every_page():
        tab.goto(site.url + path)
        wait(tab, ALL_READY, f"{path} ready", READY_S)
        problems = seen(tab)
        if problems["errors"] or problems["csp"]:
            found[path] = problems
    assert found == {}


class TestTheWatcherSeesAPlantedViolation:
    @pytest.fixture
    def allows_errors(self) -> bool:
        return True

    def test_a_planted_violation_and_error_are_reported(self, tab: Browser, site: Site) -> None:
        """The checks above can fail: an inline script and an image from elsewhere, slipped into
        a page after load, are refused and seen by the listener and in the browser's reports,
        and a console error is seen."""
        open_page(tab, site, LOAD, "da")
        assert seen(tab) == {"csp": [], "errors": []}
        tab.call(
            """() => {
              const script = document.createElement("script");
              script.textContent = "window.__planted = true;";
              document.head.append(script);
              const image = new Image();
              image.src = "http://127.0.0.2:9/planted.png";
              document.body.append(image);
              console.error("planted error");
            }"""
        )
        found = wait(tab, "window.__bfrSeen.csp.length >= 2 && window.__bfrSeen.csp", "events")
        assert any("script-src" in line for line in found), found
        assert any("img-src refused http://127.0.0.2:9/planted.png" in line for line in found)
        assert tab.evaluate("window.__planted === undefined")
        assert any("planted error" in line for line in seen(tab)["errors"])
        deadline = time.monotonic() + 10
        reports: list[dict[str, Any]] = []
        while time.monotonic() < deadline and len(reports) < 2:
            reports += site.taken()
            time.sleep(0.05)
        directives = sorted(
            str(r.get("effective-directive", r.get("violated-directive"))) for r in reports
        )
        assert any(d.startswith("img-src") for d in directives), reports
        assert any(d.startswith("script-src") for d in directives), reports


# ------------------------------------------------------------------ the calculators


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_calculator_computes_its_reference_cases(tab: Browser, site: Site, lang: str) -> None:
    problems: list[str] = []
    open_page(tab, site, LOAD, lang)
    # 100 -> 30 kg; 72,5 -> 21.75 -> 22,5 kg on the 2.5 kg step
    typed = {"en": "100", "da": "72,5"}[lang]
    fill(tab, "#bfr_load-one_rm", typed)
    load = {"expect": {"ok": True, "result.set_load": 30.0 if lang == "en" else 22.5}, "tol": 1e-9}
    shown = text("ui.load.headline", lang, set_load={"en": "30", "da": "22,5"}[lang], unit="kg")
    problems += settle(lambda: computed(tab, "bfr_load", load, shown))

    gauge = {"cuff_type": "pneumatic_gauge", "limb": "leg"}
    measured = vector("cuff_pressure", **gauge, cuff_width_cm="11,5", aop_mmhg="180,5")
    choose(tab, "#cuff_pressure-cuff_type-pneumatic_gauge, #cuff_pressure-limb-leg")
    fill(tab, "#cuff_pressure-cuff_width_cm", number("11.5", lang))
    fill(tab, "#cuff_pressure-aop_mmhg", number("180.5", lang))
    shown = text("ui.pressure.headline", lang, min=72, max=144)
    problems += settle(lambda: computed(tab, "cuff_pressure", measured, shown))

    estimated = vector(
        "cuff_pressure",
        **gauge,
        method="estimated",
        thigh_circumference_cm="55",
        sbp_mmhg="120",
        age_years="23",
        sex="male",
        cuff_width_cm="18",
    )
    choose(tab, "#cuff_pressure-ui-method-estimated, #cuff_pressure-sex-male")
    for name, value in (
        ("cuff_width_cm", "18"),
        ("thigh_circumference_cm", "55"),
        ("sbp_mmhg", "120"),
        ("age_years", "23"),
    ):
        fill(tab, f"#cuff_pressure-{name}", value)
    problems += settle(lambda: computed(tab, "cuff_pressure", estimated))

    open_page(tab, site, SCREENING, lang)
    choose(tab, "[data-group=answers] input[value=no]")
    go = {"expect": {"ok": True, "result.level": "go"}}
    problems += settle(lambda: computed(tab, "screening", go))
    choose(tab, "#screening-smoking-yes")
    fill(tab, "#screening-sbp_mmhg", "185")
    fill(tab, "#screening-dbp_mmhg", "95")
    choose(tab, "#screening-bp_place-home")  # a reading needs the place it was taken
    stop = {"expect": {"ok": True, "result.level": "stop", "result.blood_pressure.band": "stop"}}
    problems += settle(lambda: computed(tab, "screening", stop))
    level = tab.evaluate("document.querySelector('#screening-result [data-level]')?.textContent")
    if (level or "").strip() != text("level.stop.title", lang):
        problems.append(f"screening: level shown {level!r}")

    open_page(tab, site, FIRST_SESSION, lang)
    plan = vector("session_plan", set_load="30", sets="4", reps_scheme="30-15-15-15", rest_s="45")
    for name, value in plan["payload"].items():
        fill(tab, f"#session_plan-{name}", value)
    shown = text("ui.session.headline", lang, sets=4, reps="30-15-15-15", set_load="30", unit="kg")
    problems += settle(lambda: computed(tab, "session_plan", plan, shown))
    phase = tab.evaluate("document.querySelector('[data-timer-phase]').textContent")
    if phase != text("ui.timer.set", lang, set=1, sets=4):
        problems.append(f"timer: shows {phase!r} before the start")
    assert problems == []


# ------------------------------------------------------------------ F1: Back and Forward


def back_and_forward(
    browser: Browser, site: Site, source: str, lang: str, check: Callable[[bool], list[str]]
) -> list[str]:
    """What ``check`` finds wrong after Back (from the home page, reached by its link in the
    header), and after Back once more and Forward to the page; it is told whether the page came
    back from the back/forward cache."""
    here = page_path(source, lang)
    home = page_path("index.md", lang)
    problems: list[str] = []

    def go(script: str, arrived: str) -> None:
        browser.navigate(script)
        wait(browser, f"{arrived} && document.readyState === 'complete'", f"{script} done")
        watch(browser)

    def came_back(how: str) -> None:
        wait(browser, ALL_READY, "the calculators ready again", READY_S)
        shows = browser.evaluate("window.__bfrSeen.pageshows")
        restored = bool(shows and shows[-1])
        way = "from the back/forward cache" if restored else "loaded again"
        problems.extend(f"after {how} ({way}): {p}" for p in settle(lambda: check(restored)))

    browser.click(".md-header a.md-logo", navigates=True)
    wait(browser, f"location.pathname === {home!r} && document.readyState === 'complete'")
    watch(browser)
    go("history.back()", f"location.pathname === {here!r}")
    came_back("Back")
    go("history.back()", f"location.pathname !== {here!r}")  # the page before it
    go("history.forward()", f"location.pathname === {here!r}")
    came_back("Forward")
    return problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_back_and_forward_keep_what_was_typed_with_its_result(
    tab: Browser, site: Site, lang: str
) -> None:
    """F1. A result is never shown without the inputs that produced it: after Back and Forward
    each field shows what was typed, and the result shown is the one for those values."""
    problems: list[str] = []
    tab.goto(site.url + page_path("index.md", lang))  # a page to go back to

    open_page(tab, site, LOAD, lang)
    choose(tab, "#cuff_pressure-cuff_type-pneumatic_gauge, #cuff_pressure-limb-leg")
    typed = {
        "#bfr_load-one_rm": {"en": "100", "da": "72,5"}[lang],
        "#cuff_pressure-cuff_width_cm": number("11.5", lang),
        "#cuff_pressure-aop_mmhg": number("180.5", lang),
    }
    for selector, value in typed.items():
        fill(tab, selector, value)
    load = {"expect": {"ok": True, "result.set_load": 30.0 if lang == "en" else 22.5}}
    load_words = text(
        "ui.load.headline", lang, set_load={"en": "30", "da": "22,5"}[lang], unit="kg"
    )
    cuff = {"expect": {"ok": True, "result.pressure_mmhg.min": 72, "result.pressure_mmhg.max": 144}}
    cuff_words = text("ui.pressure.headline", lang, min=72, max=144)

    def load_page(restored: bool = True) -> list[str]:
        return (
            values(tab, typed)
            + computed(tab, "bfr_load", load, load_words)
            + computed(tab, "cuff_pressure", cuff, cuff_words)
        )

    assert settle(load_page) == []
    problems += [f"load {p}" for p in back_and_forward(tab, site, LOAD, lang, load_page)]

    open_page(tab, site, SCREENING, lang)
    choose(tab, "[data-group=answers] input[value=no]")
    pressure = {"#screening-sbp_mmhg": "185", "#screening-dbp_mmhg": "95"}
    for selector, value in pressure.items():
        fill(tab, selector, value)
    choose(tab, "#screening-bp_place-clinic")  # a reading needs the place it was taken
    stop = {"expect": {"ok": True, "result.level": "stop", "result.blood_pressure.band": "stop"}}
    stop_words = text("level.stop.title", lang)

    def screening(restored: bool = True) -> list[str]:
        return values(tab, pressure) + computed(tab, "screening", stop, stop_words)

    assert settle(screening) == []
    problems += [f"screening {p}" for p in back_and_forward(tab, site, SCREENING, lang, screening)]
    # The reader changes an answer after coming back: the measured pressure still counts.
    choose(tab, "#screening-smoking-yes")
    problems += [
        f"screening after an answer changed: {p}"
        for p in settle(lambda: screening() + decisive_has_blood_pressure(tab))
    ]

    open_page(tab, site, FIRST_SESSION, lang)
    session = {"#session_plan-set_load": number("32.5", lang)}
    fill(tab, "#session_plan-set_load", session["#session_plan-set_load"])
    plan = {"expect": {"ok": True, "result.set_load": 32.5}}
    plan_words = text(
        "ui.session.headline",
        lang,
        sets=2,
        reps="30-15",
        set_load=number("32.5", lang),
        unit="kg",
    )

    def first_session(restored: bool = True) -> list[str]:
        """Kept in memory while the page waits in the back/forward cache; a page loaded again
        has neither the plan (in no history entry, on purpose) nor a result."""
        timer = first_session_state(tab)
        if not restored:
            return [] if timer == ("", True, False) else [f"loaded again, shows {timer}"]
        return (
            values(tab, session)
            + computed(tab, "session_plan", plan, plan_words)
            + (["the timer has no plan"] if timer[1] else [])
        )

    assert settle(first_session) == []
    problems += [
        f"first session {p}"
        for p in back_and_forward(tab, site, FIRST_SESSION, lang, first_session)
    ]
    assert problems == []


def first_session_state(browser: Browser) -> tuple[str, bool, bool]:
    """The first-session page: the set load shown, whether the timer's button is off, and
    whether a plan is shown."""
    found = browser.evaluate(
        "[document.getElementById('session_plan-set_load').value,"
        " document.querySelector('[data-timer-action=toggle]').disabled,"
        " !document.querySelector('#session_plan-result .bfr-result__empty')]"
    )
    return (str(found[0]), bool(found[1]), bool(found[2]))


def decisive_has_blood_pressure(browser: Browser) -> list[str]:
    got = response(browser, "screening") or {}
    decisive = (got.get("result") or {}).get("decisive", [])
    return [] if "blood_pressure" in decisive else [f"screening: decisive {decisive}"]


# ------------------------------------------------------------------ F2: held presses


@pytest.mark.parametrize("lang", LANGUAGES)
def test_held_presses_on_the_timers_button_register(tab: Browser, site: Site, lang: str) -> None:
    """F2. Start pressed straight after typing, the field still focused; then Pause and Resume,
    each held for 120 ms while the timer runs. Every press must act."""
    open_page(tab, site, FIRST_SESSION, lang)
    fill(tab, "#session_plan-set_load", "30")
    wait(tab, "JSON.parse(document.getElementById('session_plan').dataset.result || '{}').ok")
    assert tab.evaluate("document.activeElement.id") == "session_plan-set_load"
    state = "[data-timer]"
    presses: list[str] = []

    def press(label: str, how: Callable[[], None]) -> None:
        before = tab.evaluate(f"document.querySelector('{state}').dataset.timerState")
        how()
        try:
            after = wait(
                tab,
                f"document.querySelector('{state}').dataset.timerState !== {before!r}"
                f" && document.querySelector('{state}').dataset.timerState",
                timeout=PRESS_S,
            )
        except AssertionError:
            after = before
        presses.append(f"{label}: {before} -> {after}" + ("" if after != before else " (ignored)"))

    toggle = "[data-timer-action=toggle]"
    press("Start after typing", lambda: tab.click(toggle))
    if tab.evaluate(f"document.querySelector('{state}').dataset.timerState") != "running":
        tab.click(toggle)  # so that the held presses below are tried all the same
        wait(tab, f"document.querySelector('{state}').dataset.timerState === 'running'")
    for round_ in range(1, PRESSES + 1):
        press(f"hold {round_}", lambda: tab.hold(toggle, HOLD_MS))
    ignored = [p for p in presses if p.endswith("(ignored)")]
    assert ignored == [], "\n".join(presses)


# ------------------------------------------------------------------ offline


def test_the_service_worker_serves_a_reload_with_the_server_down(
    engine: str, engine_display: str | None, build: Build
) -> None:
    """A first visit in a fresh profile; once the runtime is kept for offline use, the server is
    taken down (the browser's own offline switch does not stop a service worker's fetches in
    Firefox). The page reloads from the service worker and computes, and the other language's
    page, never visited, opens and computes too."""
    server = reporting_site(build)
    site = next(server)
    browser = launch(engine, engine_display)
    try:
        open_page(browser, site, LOAD, "en")
        state = browser.call("async () => (await navigator.serviceWorker.ready).active.state")
        assert state in ("activating", "activated")
        wait(browser, "document.documentElement.hasAttribute('data-offline-ready')", "runtime kept")
        server.close()  # the site is gone from the network
        browser.reload()
        wait(browser, ALL_READY, "ready offline", READY_S)
        fill(browser, "#bfr_load-one_rm", "100")
        assert (
            settle(lambda: computed(browser, "bfr_load", {"expect": {"result.set_load": 30.0}}))
            == []
        )
        open_page(browser, site, LOAD, "da")
        fill(browser, "#bfr_load-one_rm", "72,5")
        words = text("ui.load.headline", "da", set_load="22,5", unit="kg")
        found = settle(
            lambda: computed(browser, "bfr_load", {"expect": {"result.set_load": 22.5}}, words)
        )
        assert found == []
        assert seen(browser)["errors"] == []
    finally:
        browser.close()
        server.close()
