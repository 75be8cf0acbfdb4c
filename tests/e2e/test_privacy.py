"""What the reader types stays out of every address the browser keeps: its history, the address
bar and the links it follows. Inputs cross the language switch, Back and Reload without them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import BrowserType, Page, Route, expect

from tests.conftest import LANGUAGES, ONE_LANGUAGE, ROOT, STRINGS, page_path
from tests.e2e.conftest import keep_copied_links, wait_ready
from tests.e2e.support.forms import enter, result_of
from tests.e2e.support.switch import OTHER, switch_language

pytestmark = pytest.mark.e2e


LOAD = {"load": "63,5", "reps": "7", "unit": "kg"}
CUFF = {
    "limb": "leg",
    "cuff_width_cm": "18",
    "thigh_circumference_cm": "55,5",
    "sbp_mmhg": "128",
    "age_years": "31",
    "sex": "female",
}
QUESTIONS = [q["id"] for q in json.loads((ROOT / "calculators/questions.json").read_text())]
SCREENING = {
    "answers": {
        **dict.fromkeys(QUESTIONS, "no"),
        "pregnancy": "yes",
        "active_cancer": "not_sure",
        "smoking": "yes",
        "open_wound": "yes",
    },
    # which arm or leg, and where the blood pressure was taken: answers like the others
    "limbs": {"open_wound": ["left_arm", "right_leg"]},
    "sbp_mmhg": "185",
    "dbp_mmhg": "95",
    "bp_place": "home",
    "height_cm": "172",
    "weight_kg": "81",
}
#: Field names and typed values that must never appear after the path of a stored address.
NEVER_STORED = [
    *(f"{calc}." for calc in ("bfr_load", "cuff_pressure", "screening")),
    *LOAD,
    *CUFF,
    *SCREENING["answers"],
    *(name for name in SCREENING if name != "answers"),
    "=yes",
    "=no",
    "=not_sure",
    "=home",
    "left_arm",
    "right_leg",
    "=female",
    "63,5",
    "55,5",
    "128",
    "185",
    "95",
    "172",
    "81",
]


def expect_entered(page: Page, form: str, payload: dict[str, Any]) -> None:
    """The form shows what `enter` typed into it."""
    expect(page.locator(f"form#{form}")).to_be_attached()  # after Back, once the page is there
    for name, value in payload.items():
        if name == "answers":
            for question, answer in value.items():
                expect(page.locator(f"#{form}-{question}-{answer}")).to_be_checked()
        elif name == "limbs":
            for question, limbs in value.items():
                for limb in ("left_arm", "right_arm", "left_leg", "right_leg"):
                    box = expect(page.locator(f"#{form}-limbs-{question}-{limb}"))
                    box.to_be_checked() if limb in limbs else box.not_to_be_checked()
        elif page.locator(f"#{form}-{name}").count():
            expect(page.locator(f"#{form}-{name}")).to_have_value(value)
        else:
            expect(page.locator(f"#{form}-{name}-{value}")).to_be_checked()


def fill_load_page(page: Page) -> None:
    enter(page, "bfr_load", LOAD)
    enter(page, "cuff_pressure", CUFF)
    assert result_of(page, "bfr_load", {"ok": True, "result.one_rm_source": "estimated"}, 0) == []
    assert result_of(page, "cuff_pressure", {"ok": True, "result.method": "estimated"}, 0) == []


def expect_load_page(page: Page) -> None:
    expect_entered(page, "bfr_load", LOAD)
    expect_entered(page, "cuff_pressure", CUFF)


def stored_urls(profile: Path) -> list[str]:
    database = sqlite3.connect(f"file:{profile / 'Default' / 'History'}?mode=ro", uri=True)
    try:
        return [row[0] for row in database.execute("select url from urls")]
    finally:
        database.close()


def test_no_input_or_answer_reaches_the_browsers_history(
    browser_type: BrowserType,
    browser_type_launch_args: dict[str, Any],
    site_url: str,
    tmp_path: Path,
) -> None:
    """Chromium's own History database, after both calculator pages were filled, the language
    switched twice and Back pressed. Back-forward caching is off, so Back reloads the page and
    the inputs must come from the tab's own state."""
    args = [
        arg + ",BackForwardCache" if arg.startswith("--disable-features=") else arg
        for arg in browser_type_launch_args["args"]
    ]
    profile = tmp_path / "profile"
    context = browser_type.launch_persistent_context(
        str(profile), **{**browser_type_launch_args, "args": args}
    )
    requests: list[str] = []
    errors: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        page = context.pages[0] if context.pages else context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

        page.goto(site_url + page_path("calculators/load.md", "en"))
        wait_ready(page)
        fill_load_page(page)
        switch_language(page, "da")
        expect_load_page(page)
        switch_language(page, "en")
        expect_load_page(page)
        page.go_back()
        expect(page.locator("html")).to_have_attribute("lang", "da")
        expect_load_page(page)

        page.goto(site_url + page_path("calculators/screening.md", "en"))
        wait_ready(page)
        enter(page, "screening", SCREENING)
        assert result_of(page, "screening", {"ok": True, "result.level": "stop"}, 0) == []
        switch_language(page, "da")
        expect_entered(page, "screening", SCREENING)
        switch_language(page, "en")
        expect_entered(page, "screening", SCREENING)
        page.go_back()
        expect(page.locator("html")).to_have_attribute("lang", "da")
        expect_entered(page, "screening", SCREENING)
        wait_ready(page)
    finally:
        context.close()

    assert errors == []
    assert [url for url in requests if urlsplit(url).hostname not in ("127.0.0.1", None)] == []
    urls = stored_urls(profile)
    paths = {urlsplit(url).path for url in urls}
    for lang in LANGUAGES:  # the history was written, so its silence below means something
        assert page_path("calculators/load.md", lang) in paths
        assert page_path("calculators/screening.md", lang) in paths
    leaks = [
        (url, word)
        for url in urls
        for word in NEVER_STORED
        if word in unquote(urlsplit(url).query + "#" + urlsplit(url).fragment)
    ]
    assert leaks == []


@pytest.mark.parametrize("lang", ONE_LANGUAGE)
def test_typing_leaves_the_address_as_it_was(page: Page, site_url: str, lang: str) -> None:
    address = site_url + page_path("calculators/load.md", lang)
    page.goto(address)
    wait_ready(page)
    fill_load_page(page)
    page.locator("#cuff_pressure button[type=submit]").click()
    expect(page).to_have_url(address)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_language_switch_carries_inputs_in_this_tab_only_and_clears_them(
    page: Page, site_url: str, lang: str
) -> None:
    page.goto(site_url + page_path("calculators/screening.md", lang))
    wait_ready(page)
    enter(page, "screening", SCREENING)
    assert "smoking" not in page.url  # answers go into a link only when the reader asks
    switch_language(page, OTHER[lang])
    expect_entered(page, "screening", SCREENING)
    expect(page).to_have_url(site_url + page_path("calculators/screening.md", OTHER[lang]))
    assert page.evaluate("sessionStorage.length") == 0  # cleared once restored


@pytest.mark.parametrize("lang", ONE_LANGUAGE)
def test_back_and_reload_keep_screening_answers(page: Page, site_url: str, lang: str) -> None:
    page.goto(site_url + page_path("calculators/screening.md", lang))
    wait_ready(page)
    enter(page, "screening", SCREENING)
    page.goto(site_url + page_path("safety.md", lang))
    page.go_back()
    expect_entered(page, "screening", SCREENING)
    page.reload()
    wait_ready(page)
    expect_entered(page, "screening", SCREENING)
    expect(page).to_have_url(site_url + page_path("calculators/screening.md", lang))


@pytest.mark.parametrize("lang", ONE_LANGUAGE)
def test_an_opened_link_is_restored_and_then_taken_out_of_the_address_bar(
    page: Page, site_url: str, lang: str
) -> None:
    address = site_url + page_path("calculators/screening.md", lang)
    page.goto(address + "#screening.smoking=yes&screening.sbp_mmhg=135")
    wait_ready(page)
    expect(page.locator("#screening-smoking-yes")).to_be_checked()
    expect(page.locator("#screening-sbp_mmhg")).to_have_value("135")
    expect(page).to_have_url(address)
    page.reload()  # the answers stay with the tab, not in the address
    wait_ready(page)
    expect(page.locator("#screening-smoking-yes")).to_be_checked()


@pytest.mark.parametrize("lang", ONE_LANGUAGE)
def test_copying_a_link_leaves_the_address_bar_alone_and_holds_that_calculator_only(
    page: Page, site_url: str, lang: str
) -> None:
    keep_copied_links(page)
    address = site_url + page_path("calculators/load.md", lang)
    page.goto(address)
    wait_ready(page)
    fill_load_page(page)
    page.locator("#bfr_load [data-action=copy_link]").click()
    expect(page.locator("#bfr_load [data-action-status]")).to_have_text(
        STRINGS["ui.link.copied"][lang]
    )
    link = unquote(page.evaluate("window.copied"))
    assert "bfr_load.load=63,5" in link
    assert "cuff_pressure" not in link and "sbp_mmhg" not in link
    expect(page).to_have_url(address)


@pytest.mark.parametrize("lang", ONE_LANGUAGE)
def test_a_link_goes_into_the_address_bar_only_when_it_cannot_be_copied_and_leaves_on_change(
    page: Page, site_url: str, lang: str
) -> None:
    address = site_url + page_path("calculators/screening.md", lang)
    page.goto(address)
    wait_ready(page)
    page.evaluate(
        "() => { navigator.clipboard.writeText = () => Promise.reject(new Error('refused')); }"
    )
    page.check("#screening-smoking-yes")
    page.locator("#screening [data-action=share]").click()
    expect(page.locator("#screening [data-action-status]")).to_have_text(
        STRINGS["ui.link.in_address_bar"][lang]
    )
    expect(page).to_have_url(address + "#screening.smoking=yes")
    page.check("#screening-anxiety-no")  # the link no longer matches what is on the form
    expect(page).to_have_url(address)


# A worker script that is not found is logged as an error; a download held open is not.
@pytest.mark.own_context  # a start held back by its context's routes
@pytest.mark.parametrize(("state", "traffic_allows_errors"), [("loading", False), ("failed", True)])
def test_calculate_before_python_is_ready_moves_focus_to_the_status(
    page: Page, site_url: str, state: str
) -> None:
    held: list[Route] = []  # never answered: Python stays loading until the page closes
    if state == "loading":
        page.context.route("**/assets/core/calculators-*.zip", lambda route: held.append(route))
    else:
        page.context.route("**/calculators-worker-*.js", lambda route: route.fulfill(status=404))
    page.goto(site_url + page_path("calculators/load.md", "en"))
    form = page.locator("form[data-calculator=bfr_load]")
    expect(form).to_have_attribute("data-state", "loading" if state == "loading" else "error")
    form.locator("button[type=submit]").click()
    expect(form.locator("[data-status]")).to_be_focused()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_diagram_keeps_its_layout_without_inline_styles(
    page: Page, site_url: str, lang: str
) -> None:
    """Served with a policy that allows only the site's own style sheets, as a strict CSP does."""
    violations: list[str] = []
    page.expose_function("reportViolation", lambda text: violations.append(text))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation',"
        " (e) => window.reportViolation(e.violatedDirective + ' ' + e.sample))"
    )

    def strict_styles(route: Route) -> None:
        response = route.fetch()
        policy = {"content-security-policy": "style-src 'self'"}
        route.fulfill(response=response, headers={**response.headers, **policy})

    address = site_url + page_path("how-it-works.md", lang)
    page.route(address, strict_styles)
    page.goto(address)
    diagram = page.locator("figure svg[role=img]")
    expect(diagram).to_be_visible()
    assert diagram.evaluate("svg => getComputedStyle(svg).maxWidth") == "480px"
    page.wait_for_timeout(200)  # violation reports are dispatched as tasks
    assert violations == []
