"""A calculator page starts on the reader's intent: a pointer resting on a calculator link (or
pressing it) prerenders the page, which starts Python; never when the reader saves data or is on
a mobile network, and only on pages whose content links to a calculator."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from tests.conftest import LANGUAGES, page_path
from tests.e2e import real_tab
from tests.e2e.conftest import connection

pytestmark = pytest.mark.e2e

INSERTED = "document.querySelectorAll('head > script[type=speculationrules]').length"


def loaded(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("load")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_page_that_links_to_a_calculator_puts_the_rules_in(
    page: Page, site_url: str, lang: str
) -> None:
    connection(page, False, "wifi")
    loaded(page, site_url + page_path("index.md", lang))
    assert page.evaluate(INSERTED) == 1


def test_a_page_without_calculator_links_has_no_rules(page: Page, site_url: str) -> None:
    loaded(page, site_url + page_path("references.md", "en"))
    assert page.evaluate(INSERTED) == 0
    assert page.evaluate("document.getElementById('bfr-intent')") is None


@pytest.mark.parametrize(("save_data", "kind"), [(True, "wifi"), (False, "cellular")])
def test_no_rules_when_the_reader_saves_data_or_is_on_a_mobile_network(
    page: Page, site_url: str, save_data: bool, kind: str
) -> None:
    connection(page, save_data, kind)
    loaded(page, site_url + "/")
    assert page.evaluate("document.getElementById('bfr-intent') !== null")  # the page has them
    assert page.evaluate(INSERTED) == 0


def test_the_rules_are_withdrawn_when_the_connection_becomes_mobile(
    page: Page, site_url: str
) -> None:
    connection(page, False, "wifi")
    loaded(page, site_url + "/")
    assert page.evaluate(INSERTED) == 1
    page.evaluate(
        "navigator.connection.type = 'cellular';"
        "navigator.connection.dispatchEvent(new Event('change'))"
    )
    assert page.evaluate(INSERTED) == 0


# ---------------------------------------------------------------- in a tab as a reader has it

LINK = ".md-content a[href='calculators/load/']"
#: Every Content-Security-Policy violation, recorded from the start of each document.
RECORD = """window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.effectiveDirective} ${event.blockedURI || "inline"}`);
});"""
RESULT = """new Promise((parsed) => {
  if (document.readyState === "loading") addEventListener("DOMContentLoaded", parsed);
  else parsed();
}).then(() => new Promise((resolve) => {
  const form = document.querySelector("form[data-calculator=bfr_load]");
  const input = document.getElementById("bfr_load-one_rm");
  input.value = "100";
  input.dispatchEvent(new Event("input", { bubbles: true }));
  const done = () => form.dataset.result && JSON.parse(form.dataset.result).ok;
  if (done()) return resolve(form.dataset.result);
  new MutationObserver(() => { if (done()) resolve(form.dataset.result); })
    .observe(form, { attributes: true, attributeFilter: ["data-result"] });
}))"""


@pytest.fixture
def browser_tab() -> Iterator[real_tab.Browser]:
    with real_tab.launch() as browser:
        yield browser


def home(browser: real_tab.Browser, site_url: str, lang: str) -> str:
    session = browser.open_tab(site_url + page_path("index.md", lang), RECORD)
    browser.wait_for(session, INSERTED)
    return session


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_hover_then_a_click_shows_a_prerendered_calculator_that_works(
    browser_tab: real_tab.Browser, site_url: str, lang: str
) -> None:
    session = home(browser_tab, site_url, lang)
    x, y = browser_tab.centre(session, LINK)
    browser_tab.hover(session, x, y)
    time.sleep(1)  # the reader's pointer rests on the link
    browser_tab.click(session, x, y)
    shown = browser_tab.shown_page(page_path("calculators/load.md", lang))
    activation = "performance.getEntriesByType('navigation')[0].activationStart"
    assert browser_tab.evaluate(shown, activation) > 0, "the page was not prerendered"
    assert json.loads(browser_tab.evaluate(shown, RESULT))["result"]["one_rm"] == 100
    # Back and Forward keep what the reader typed, as after an ordinary visit
    browser_tab.evaluate(shown, "setTimeout(() => history.back()), true")
    back = browser_tab.shown_page(page_path("index.md", lang))
    assert browser_tab.evaluate(back, "window.__cspViolations") == []
    browser_tab.evaluate(back, "setTimeout(() => history.forward()), true")
    again = browser_tab.shown_page(page_path("calculators/load.md", lang))
    browser_tab.wait_for(again, "document.getElementById('bfr_load-one_rm').value === '100'")
    # and so does the language switch
    other = "da" if lang == "en" else "en"
    switch = f".md-header a.md-select__link[hreflang='{other}']"
    browser_tab.evaluate(
        again, f"setTimeout(() => document.querySelector({json.dumps(switch)}).click()), true"
    )
    twin = browser_tab.shown_page(page_path("calculators/load.md", other))
    browser_tab.wait_for(twin, "document.getElementById('bfr_load-one_rm').value === '100'")


def test_a_prerendered_page_never_shown_leaves_the_tab_as_it_was(
    browser_tab: real_tab.Browser, site_url: str
) -> None:
    session = home(browser_tab, site_url, "en")
    # what the language switch would hand to the calculator page: the prerendered page reads
    # and removes it in a copy of the tab's storage, not in the tab's own
    carried = {"path": "/calculators/load/", "state": "bfr_load.one_rm=77"}
    browser_tab.evaluate(
        session, f"sessionStorage.setItem('bfr-language-switch', {json.dumps(json.dumps(carried))})"
    )
    tab_state = "[history.length, JSON.stringify(sessionStorage)]"
    before = browser_tab.evaluate(session, tab_state)
    x, y = browser_tab.centre(session, LINK)
    browser_tab.hover(session, x, y)
    time.sleep(3)  # long enough for the calculator page to start Python; no click follows
    prerendered = [
        s
        for s in browser_tab.page_sessions()
        if s != session and browser_tab.evaluate(s, "document.prerendering", timeout=5)
    ]
    assert prerendered, "no page was prerendered"
    assert browser_tab.evaluate(
        prerendered[0], "document.querySelector('form[data-calculator=bfr_load]').dataset.state"
    ) in ("loading", "ready")
    assert browser_tab.evaluate(session, tab_state) == before
    assert browser_tab.evaluate(session, "location.pathname") == "/"
    assert browser_tab.evaluate(session, "window.__cspViolations") == []
