"""Accessibility in Chromium: axe-core's WCAG 2.2 A and AA rules on every page in both languages
and both colour schemes, each calculator in its empty, result and error states, and reflow at
200 % zoom (a 640 x 450 CSS px viewport standing in for 1280 x 900 at 200 %)."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.conftest import LANGUAGES, ROOT, page_path
from tests.e2e.conftest import wait_ready
from tests.e2e.support.axe import AXE, ZOOMED, audit, overflow

pytestmark = pytest.mark.e2e

AXE_VERSION = "4.14.1"
CALCULATOR_PAGES = {
    "calculators/load.md": ("bfr_load", "cuff_pressure"),
    "calculators/screening.md": ("screening",),
    "first-session.md": ("session_plan",),
}
#: Valid inputs (result state) and one invalid input (error state) per calculator form.
VALID: dict[str, dict[str, str]] = {
    "bfr_load": {"one_rm": "100"},
    "cuff_pressure": {"aop_mmhg": "200", "cuff_width_cm": "11.5"},
    "screening": {},  # every question answered "no", no measurements
    "session_plan": {"set_load": "30"},
}
#: Choices made before those fields appear (the cuff pressure asks for the cuff first).
CHOICES = {"cuff_pressure": ("cuff_type-pneumatic_gauge", "limb-leg")}
INVALID = {
    "bfr_load": "one_rm",
    "cuff_pressure": "aop_mmhg",
    "screening": "sbp_mmhg",
    "session_plan": "set_load",
}


def test_axe_is_the_pinned_version() -> None:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    installed = json.loads((AXE.parent / "package.json").read_text(encoding="utf-8"))
    assert package["devDependencies"]["axe-core"] == AXE_VERSION == installed["version"]


# ------------------------------------------------------------------ helpers


#: Scrolls each rendered input and button of a form into view; lists those that then lie outside
#: the viewport or are covered (e.g. by the sticky header) at their centre.
REACHABLE = """form => [...form.querySelectorAll("input, button")]
    .filter((el) => el.getClientRects().length > 0)
    .filter((el) => {
        el.scrollIntoView({block: "center", inline: "nearest", behavior: "instant"});
        const r = el.getBoundingClientRect();
        const inside = r.width > 0 && r.left >= 0 && r.top >= 0
            && r.right <= innerWidth && r.bottom <= innerHeight;
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        const label = el.closest("label");
        return !(inside && hit && (el.contains(hit) || (label && label.contains(hit))));
    })
    .map((el) => (el.id ? "#" + el.id : el.textContent.trim()))"""


def form_of(page: Page, name: str) -> Locator:
    return page.locator(f"form[data-calculator={name}]")


def fill_valid(page: Page, name: str) -> None:
    form = form_of(page, name)
    if name == "screening":
        for radio in form.locator("[data-group=answers] input[type=radio][value=no]").all():
            radio.check()
    for choice in CHOICES.get(name, ()):
        form.locator(f"#{name}-{choice}").check()
    for field, value in VALID[name].items():
        form.locator(f"#{name}-{field}").fill(value)
    expect(form.locator("[data-result-body] .bfr-result__empty")).to_have_count(0)
    assert json.loads(form.get_attribute("data-result") or "{}").get("ok") is True


def show_errors(page: Page, name: str) -> None:
    form = form_of(page, name)
    form.locator(f"#{name}-{INVALID[name]}").fill("abc")
    form.locator("button[type=submit]").click()
    expect(form.locator("[data-error-summary]")).to_be_visible()
    expect(form.locator(f"#{name}-{INVALID[name]}")).to_have_attribute("aria-invalid", "true")


# ------------------------------------------------------------------ tests


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("source", list(CALCULATOR_PAGES))
def test_calculators_have_no_wcag_violations_in_result_and_error_states(
    page: Page, site_url: str, source: str, lang: str
) -> None:
    page.goto(site_url + page_path(source, lang))
    wait_ready(page)
    found = []
    for name in CALCULATOR_PAGES[source]:
        fill_valid(page, name)
        found += audit(page, f"{name} result")
        show_errors(page, name)
        found += audit(page, f"{name} error")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("source", list(CALCULATOR_PAGES))
def test_calculators_work_at_200_percent_zoom(
    page: Page, site_url: str, source: str, lang: str
) -> None:
    """At 640 x 450 CSS px every input and button can be brought on screen, uncovered, and
    works; nothing scrolls sideways, with a result or with errors."""
    page.set_viewport_size(ZOOMED)
    page.goto(site_url + page_path(source, lang))
    wait_ready(page)
    for name in CALCULATOR_PAGES[source]:
        form = form_of(page, name)
        hidden = form.evaluate(REACHABLE)
        assert hidden == [], f"{name}: controls off screen or covered at 200 % zoom: {hidden}"
        fill_valid(page, name)
        assert overflow(page) <= 0, f"{name}: the page scrolls sideways with a result"
        show_errors(page, name)
        expect(form.locator(f"#{name}-{INVALID[name]}")).to_be_visible()
        hidden = form.evaluate(REACHABLE)
        assert hidden == [], f"{name}: controls off screen or covered with errors shown: {hidden}"
        assert overflow(page) <= 0, f"{name}: the page scrolls sideways with errors shown"
