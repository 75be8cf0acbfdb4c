"""The cuff pressure in Chromium, in both languages: each kind of cuff shows its own form and
result with the keyboard alone, and a refused estimate leads to a measured value without the
reader typing the limb or the width again."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import LANGUAGES, text
from tests.e2e.support.forms import enter, open_calculator, result_of, tab_to

pytestmark = pytest.mark.e2e

FORM = "#cuff_pressure"


def typed(value: str, lang: str) -> str:
    return value.replace(".", ",") if lang == "da" else value


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_cuff_shows_its_own_form_and_result_with_the_keyboard(
    page: Page, site_url: str, lang: str
) -> None:
    open_calculator(page, site_url, "load", lang)
    gauge = f"{FORM}-cuff_type-pneumatic_gauge"
    # Before a cuff is chosen the form asks for nothing else.
    for hidden in ("limb-leg", "cuff_width_cm", "aop_mmhg", "lop_mmhg", "age_years"):
        expect(page.locator(f"{FORM}-{hidden}")).to_be_hidden()
    expect(page.locator(f"{FORM} .bfr-result__empty")).to_have_text(
        text("ui.result.empty.cuff_pressure", lang)
    )

    # An air cuff with a gauge: limb, width and a measured value.
    tab_to(page, gauge)
    page.keyboard.press("Space")
    expect(page.locator(gauge)).to_be_checked()
    tab_to(page, f"{FORM}-limb-leg")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type(typed("11.5", lang))  # the width
    tab_to(page, f"{FORM}-aop_mmhg")
    page.keyboard.type(typed("180.5", lang))
    headline = page.locator(f"{FORM} .bfr-headline")
    expect(headline).to_have_text(text("ui.pressure.headline", lang, min=72, max=144))
    expect(page.locator(f"{FORM} [data-limb-guidance=leg]")).to_have_text(
        text("ui.pressure.limb.leg", lang)
    )
    expect(page.locator(f"{FORM}-result")).to_contain_text(text("guidance.wide_cuff", lang))

    # A cuff that measures it itself: the arrow key moves the choice; limb and width stay.
    tab_to(page, gauge, back=True)
    page.keyboard.press("ArrowDown")
    expect(page.locator(f"{FORM}-cuff_type-pneumatic_lop")).to_be_checked()
    expect(page.locator(f"{FORM}-aop_mmhg")).to_be_hidden()
    expect(page.locator(f"{FORM}-limb-leg")).to_be_checked()
    expect(page.locator(f"{FORM}-cuff_width_cm")).to_have_value(typed("11.5", lang))
    tab_to(page, f"{FORM}-lop_mmhg")
    page.keyboard.type("160")
    expect(headline).to_have_text(text("ui.pressure.headline", lang, min=64, max=128))
    expect(page.locator(f"{FORM} [data-accuracy]")).to_contain_text(
        text("ui.pressure.device.note", lang)
    )
    expect(page.locator(f"{FORM} [data-accuracy] [data-finding=through_the_cuff]")).to_contain_text(
        text(
            "ui.pressure.finding.through_the_cuff", lang, mean_difference_mmhg=0, sd_mmhg=15, n=118
        )
    )

    # An elastic band: nothing to type, no pressure, and why.
    tab_to(page, f"{FORM}-cuff_type-pneumatic_lop", back=True)
    page.keyboard.press("ArrowDown")
    expect(page.locator(f"{FORM}-cuff_type-elastic")).to_be_checked()
    for hidden in ("limb-leg", "cuff_width_cm", "lop_mmhg"):
        expect(page.locator(f"{FORM}-{hidden}")).to_be_hidden()
    expect(headline).to_have_text(text("ui.pressure.headline.elastic", lang))
    elastic = page.locator(f"{FORM} [data-elastic]")
    expect(elastic).to_contain_text(text("ui.pressure.elastic.instead", lang))
    expect(elastic.locator("[data-finding=band_stiffness]")).to_contain_text(
        text(
            "ui.pressure.finding.band_stiffness",
            lang,
            stiff_percent=typed("30.9", lang),
            medium_percent=typed("43.9", lang),
            soft_percent=typed("54.5", lang),
            n=36,
        )
    )
    assert result_of(page, "cuff_pressure", {"result.handover": None}, 0) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_refused_estimate_leads_to_a_measured_value_keeping_the_limb_and_width(
    page: Page, site_url: str, lang: str
) -> None:
    open_calculator(page, site_url, "load", lang)
    enter(
        page,
        "cuff_pressure",
        {
            "cuff_type": "pneumatic_gauge",
            "limb": "leg",
            "method": "estimated",
            "cuff_width_cm": "11",
            "thigh_circumference_cm": "55",
            "sbp_mmhg": "120",
            "age_years": "45",
            "sex": "female",
        },
    )
    refusal = page.locator(f"{FORM} [data-refusal=leg]")
    expect(refusal).to_be_visible()
    expect(page.locator(f"{FORM}-result")).to_contain_text(
        text("error.cuff_width_no_equation", lang, widths_cm=18)
    )
    # how accurately each way measures it on the leg, as the page's language writes numbers
    expect(refusal.locator("[data-finding=handheld_doppler]")).to_contain_text(
        text(
            "ui.pressure.finding.handheld_doppler",
            lang,
            bias_mmhg=typed("-2.93", lang),
            loa_mmhg=typed("5.58", lang),
            n=30,
        )
    )
    expect(refusal.locator("[data-finding=pulse_oximeter_wide_thigh_cuff]")).to_contain_text(
        text(
            "ui.pressure.finding.pulse_oximeter_wide_thigh_cuff",
            lang,
            cuff_width_cm=20,
            bias_mmhg=typed("6.3", lang),
            loa_low_mmhg=typed("-16.2", lang),
            loa_high_mmhg=typed("28.8", lang),
            n=50,
        )
    )
    expect(refusal.locator("[data-denmark]")).to_contain_text(
        text("ui.pressure.route.denmark", lang)
    )

    # With the keyboard, to the route's button, and on to the measured value.
    button = refusal.get_by_role("button", name=text("ui.pressure.route.measured", lang))
    tab_to(page, f"{FORM} [data-action=use_measured]")
    page.keyboard.press("Enter")
    expect(page.locator(f"{FORM}-aop_mmhg")).to_be_focused()
    expect(button).to_have_count(0)
    expect(page.locator(f"{FORM}-ui-method-measured")).to_be_checked()
    expect(page.locator(f"{FORM}-cuff_type-pneumatic_gauge")).to_be_checked()
    expect(page.locator(f"{FORM}-limb-leg")).to_be_checked()
    expect(page.locator(f"{FORM}-cuff_width_cm")).to_have_value("11")
    expect(page.locator(f"{FORM}-age_years")).to_be_hidden()
    page.keyboard.type("190")
    expected = {
        "result.method": "measured",
        "result.limb": "leg",
        "result.cuff_width_cm": 11,
        "result.pressure_mmhg.min": 76,
        "result.pressure_mmhg.max": 152,
        "result.handover.pressure_mmhg": 76,
    }
    assert result_of(page, "cuff_pressure", expected, 0) == []
    expect(page.locator(f"{FORM} .bfr-headline")).to_have_text(
        text("ui.pressure.headline", lang, min=76, max=152)
    )
    expect(page.locator(f"{FORM} [data-position=as_measured]")).to_contain_text(
        text("ui.pressure.position.as_measured", lang)
    )
