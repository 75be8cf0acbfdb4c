"""An empty form in the "estimate" ways points the reader at the fields they can see.

The load form's "I don't know my 1 RM" and the cuff form's "estimate" way hide the field of the
other way. Pressing Calculate with nothing filled in must name the visible fields in the error
summary, link to them, and mark them, never the hidden one.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import LANGUAGES, STRINGS, page_path, text
from tests.e2e.conftest import wait_ready

pytestmark = pytest.mark.e2e


#: form, the radios that choose the way, the fields the reader then sees empty (in the order the
#: core reports them), the field of the other way (hidden).
CASES = {
    "one_rm_unknown": (
        "bfr_load",
        ["#bfr_load-ui-one_rm_source-estimated"],
        [("load", "bfr_load-load"), ("reps", "bfr_load-reps")],
        "bfr_load-one_rm",
    ),
    "pressure_estimate": (
        "cuff_pressure",
        ["#cuff_pressure-cuff_type-pneumatic_gauge", "#cuff_pressure-ui-method-estimated"],
        [
            ("limb", "cuff_pressure-limb-leg"),
            ("cuff_width_cm", "cuff_pressure-cuff_width_cm"),
            ("thigh_circumference_cm", "cuff_pressure-thigh_circumference_cm"),
            ("sbp_mmhg", "cuff_pressure-sbp_mmhg"),
            ("age_years", "cuff_pressure-age_years"),
            ("sex", "cuff_pressure-sex-male"),
        ],
        "cuff_pressure-aop_mmhg",
    ),
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("case", list(CASES))
def test_empty_estimate_form_marks_and_links_the_visible_fields(
    page: Page, site_url: str, case: str, lang: str
) -> None:
    form_id, way, fields, hidden = CASES[case]
    page.goto(site_url + page_path("calculators/load.md", lang))
    wait_ready(page)
    form = page.locator(f"#{form_id}")
    for radio in way:
        page.check(radio)
    expect(page.locator(f"#{hidden}")).to_be_hidden()
    form.get_by_role("button", name=STRINGS["action.calculate"][lang]).click()

    summary = page.locator(f"#{form_id}-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()

    def required(name: str) -> str:
        # A choice (the limb and sex radios) is chosen, not filled in.
        choice = name in ("limb", "sex")
        return STRINGS["error.required_choice" if choice else "error.required"][lang]

    links = summary.get_by_role("link")
    expect(links).to_have_text(
        [f"{STRINGS[f'field.{name}.label'][lang]}: {required(name)}" for name, _ in fields]
    )
    for index, (name, input_id) in enumerate(fields):
        link = links.nth(index)
        expect(link).to_have_attribute("href", f"#{input_id}")
        target = page.locator(f"#{input_id}")
        expect(target).to_be_visible()
        expect(target).to_have_attribute("aria-invalid", "true")
        expect(page.locator(f"#{form_id} [data-field={name}] .bfr-error-message")).to_have_text(
            f"{STRINGS['ui.error.prefix'][lang]} {required(name)}"
        )
    expect(page.locator(f"#{hidden}")).not_to_have_attribute("aria-invalid", "true")

    # The summary's first link takes the reader to the first empty field.
    links.first.click()
    expect(page.locator(f"#{fields[0][1]}")).to_be_focused()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_estimated_one_rm_limits_are_errors_at_the_fields_shown(
    page: Page, site_url: str, lang: str
) -> None:
    page.goto(site_url + page_path("calculators/load.md", lang))
    wait_ready(page)
    page.check("#bfr_load-ui-one_rm_source-estimated")
    number = (lambda s: s.replace(".", ",")) if lang == "da" else (lambda s: s)
    # 1.5 kg x 4: 1RM 1.64 kg (Brzycki), very low (a slip, or a frail reader's real one): on
    # 0.25 kg steps it gets its result with a check of the number and the unit, not an error.
    page.fill("#bfr_load-load", number("1.5"))
    page.fill("#bfr_load-reps", "4")
    page.fill("#bfr_load-increment", number("0.25"))
    expect(page.locator("#bfr_load-result")).to_contain_text(text("warning.low_one_rm", lang))
    expect(page.locator("#bfr_load-load-error")).to_be_hidden()
    # 6 kg x 4: 1RM 6 x 36 / 33 = 6.55 kg, 40 % = 2.62 kg; with 5 kg steps the only loads are 0
    # and 5 kg (76.4 %): an error at the step, not a headline of 5 kg.
    page.fill("#bfr_load-load", "6")
    page.fill("#bfr_load-percent", "40")
    page.fill("#bfr_load-increment", "5")
    expect(page.locator("#bfr_load-increment-error")).to_have_text(
        STRINGS["ui.error.prefix"][lang]
        + " "
        + text(
            "error.rounded_load_too_heavy",
            lang,
            target=number("2.62"),
            set_load="5",
            set_percent=number("76.4"),
            max_percent="40",
            unit="kg",
        )
    )
    expect(page.locator("#bfr_load-increment")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#bfr_load .bfr-headline")).to_have_count(0)
    # 500 kg x 12: an estimated 1RM of 720 kg is over the 500 kg an entered one may be.
    page.fill("#bfr_load-load", "500")
    page.fill("#bfr_load-reps", "12")
    page.fill("#bfr_load-increment", "")
    expect(page.locator("#bfr_load-load-error")).to_have_text(
        STRINGS["ui.error.prefix"][lang]
        + " "
        + text("error.one_rm_estimate_too_high", lang, one_rm="720", max="500", unit="kg")
    )
    expect(page.locator("#bfr_load .bfr-headline")).to_have_count(0)
