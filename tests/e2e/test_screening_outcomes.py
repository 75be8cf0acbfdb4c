"""The screening's outcomes in Chromium, both languages: each of "You can start", "Not today",
"Talk to a professional first", "Stop" and "Not on that arm or leg" looks different (shape,
colour, words; only "Stop" red, the panel neutral) and passes axe in both schemes; the follow-ups
(which arm or leg, whether a team follows an operation, where the blood pressure was taken) work
with the keyboard and report a missing answer next to the field and in the error summary; a
"Stop" from several factors says so; the print says what decided the result and which limbs."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import LANGUAGES, ROOT, text
from tests.e2e.support.axe import SCHEMES, use_scheme, violations
from tests.e2e.support.forms import enter, open_calculator, reset, result_of

pytestmark = pytest.mark.e2e

QUESTIONS = json.loads((ROOT / "calculators/questions.json").read_text(encoding="utf-8"))
NUMBER = {q["id"]: n for n, q in enumerate(QUESTIONS, start=1)}
NORMAL_BP = {"sbp_mmhg": "118", "dbp_mmhg": "76", "bp_place": "home"}


def answers(**changes: str) -> dict[str, str]:
    base = {q["id"]: "no" for q in QUESTIONS}
    base.update(changes)
    return base


#: One payload per outcome; "limb" is a "You can start" with one arm left out.
OUTCOMES: dict[str, dict[str, Any]] = {
    "go": {"answers": answers(), **NORMAL_BP},
    "not_today": {"answers": answers(acute_illness="yes"), **NORMAL_BP},
    "caution": {"answers": answers(smoking="yes"), **NORMAL_BP},
    "stop": {"answers": answers(previous_clot="yes"), **NORMAL_BP},
    "limb": {"answers": answers(open_wound="yes"), "limbs": {"open_wound": ["left_arm"]}},
}
#: What each outcome's next step says first.
FIRST_STEP = {
    "go": "ui.next.first_session",
    "not_today": "ui.next.well_again",
    "caution": "ui.next.professional",
    "stop": "ui.next.doctor",
    "limb": "ui.next.measure_bp",
}


def show(page: Page, payload: dict[str, Any], level: str) -> None:
    reset(page, "screening")
    enter(page, "screening", payload)
    assert result_of(page, "screening", {"result.level": level}, 0) == []


def looks(page: Page, selector: str) -> tuple[str, str, str]:
    headline = page.locator(selector)
    icon = headline.locator("svg[data-icon]")
    expect(icon).to_have_attribute("aria-hidden", "true")
    shape = icon.locator("path").get_attribute("d") or ""
    colour, background = headline.evaluate(
        "el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]"
    )
    return shape, colour, background


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_outcome_looks_different_ends_in_a_next_step_and_passes_axe(
    page: Page, site_url: str, lang: str
) -> None:
    open_calculator(page, site_url, "screening", lang)
    result = page.locator("#screening-result")
    found: list[str] = []
    # Each outcome is shown once and looked at in both schemes, axe included.
    seen: dict[str, dict[str, tuple[str, str, str]]] = {scheme: {} for scheme in SCHEMES}
    for outcome, payload in OUTCOMES.items():
        level = "go" if outcome == "limb" else outcome
        use_scheme(page, SCHEMES[0])
        show(page, payload, level)
        expect(result.locator(".bfr-headline")).to_have_text(text(f"level.{level}.title", lang))
        expect(result.locator(".bfr-next-steps")).to_contain_text(text(FIRST_STEP[outcome], lang))
        if outcome == "limb":
            expect(result.locator("[data-level=limb]")).to_have_text(text("ui.limbs.title", lang))
        else:
            expect(result.locator("[data-level=limb]")).to_have_count(0)
        for scheme in SCHEMES:
            use_scheme(page, scheme)
            shown = "[data-level=limb]" if outcome == "limb" else ".bfr-headline"
            seen[scheme][outcome] = looks(page, f"#screening-result {shown}")
            # the panel around the result is neutral: the level alone carries the colour
            border = result.evaluate("el => getComputedStyle(el).borderLeftColor")
            assert border != seen[scheme][outcome][1], (scheme, outcome)
            found += [f"screening {outcome} [{scheme}] {line}" for line in violations(page)]
    for scheme, looked in seen.items():
        for part in range(3):  # shape, colour and background each differ between all five
            assert len({value[part] for value in looked.values()}) == len(OUTCOMES), (
                scheme,
                looked,
            )
    use_scheme(page, SCHEMES[0])
    # only "Stop" is red: the stop colour is the form's error colour, and no other's
    error = page.locator("#screening").evaluate(
        "f => getComputedStyle(f).getPropertyValue('--bfr-error-color').trim()"
    )
    assert error.lower() == "#b3261e"
    assert seen["default"]["stop"][1] == "rgb(179, 38, 30)"
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_which_arm_or_leg_is_asked_with_the_keyboard_and_reported_when_missing(
    page: Page, site_url: str, lang: str
) -> None:
    open_calculator(page, site_url, "screening", lang)
    enter(page, "screening", {"answers": answers(), **NORMAL_BP})
    follow_up = page.locator("[data-follow-up=lymph_nodes_removed]")
    expect(follow_up).to_be_hidden()
    page.locator("#screening-lymph_nodes_removed-no").focus()
    page.keyboard.press("ArrowLeft")  # no -> yes
    expect(page.locator("#screening-lymph_nodes_removed-yes")).to_be_checked()
    expect(follow_up).to_be_visible()
    # the lymph-node follow-up says which limb an armpit and a groin mean
    expect(follow_up.locator("legend")).to_have_text(
        text("question.lymph_nodes_removed.limbs", lang)
    )
    # no limb chosen: the error is next to the field and in the summary, named by its question
    page.locator("#screening button[type=submit]").click()
    message = text("error.required_limb", lang)
    expect(page.locator("#screening-limbs-lymph_nodes_removed-error")).to_contain_text(message)
    summary = page.locator("#screening-summary")
    expect(summary).to_be_focused()
    line = f"{NUMBER['lymph_nodes_removed']}. {text('question.lymph_nodes_removed.limbs', lang)}"
    expect(summary.locator("li")).to_have_text(f"{line}: {message}")
    # the summary's link leads to the first box; Space ticks it, Tab and Space the next
    summary.get_by_role("link").click()
    expect(page.locator("#screening-limbs-lymph_nodes_removed-left_arm")).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    expect(page.locator("#screening-limbs-lymph_nodes_removed-right_arm")).to_be_focused()
    page.keyboard.press("Space")
    assert (
        result_of(
            page,
            "screening",
            {"result.level": "go", "result.limbs.allowed": ["left_leg", "right_leg"]},
            0,
        )
        == []
    )
    expect(page.locator("#screening-limbs-lymph_nodes_removed-error")).to_be_hidden()
    expect(summary).to_be_hidden()
    panel = page.locator("#screening-result .bfr-limbs-result")
    for limb in ("left_arm", "right_arm"):
        expect(panel).to_contain_text(text(f"option.limbs.{limb}", lang))
    expect(panel).to_contain_text(
        text("question.lymph_nodes_removed.short", lang), ignore_case=True
    )
    legs = [text(f"option.limbs.{limb}", lang).lower() for limb in ("left_leg", "right_leg")]
    expect(panel).to_contain_text(re.compile(f"{legs[0]}.*{legs[1]}"))
    # a screen reader hears the level and the arms to keep the cuff off
    arms = [text(f"option.limbs.{limb}", lang).lower() for limb in ("left_arm", "right_arm")]
    expect(page.locator("#screening [data-announce]")).to_have_text(
        re.compile(
            rf"^{re.escape(text('level.go.title', lang))}\. "
            rf"{re.escape(text('ui.limbs.title', lang))}: {arms[0]}.*{arms[1]}\.$"
        )
    )
    # answered "no" again, the follow-up goes and so do its limbs
    page.check("#screening-lymph_nodes_removed-no")
    expect(follow_up).to_be_hidden()
    assert result_of(page, "screening", {"result.limbs.excluded": []}, 0) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_where_the_blood_pressure_was_taken_is_asked_and_sets_the_threshold(
    page: Page, site_url: str, lang: str
) -> None:
    open_calculator(page, site_url, "screening", lang)
    enter(page, "screening", {"answers": answers(), "sbp_mmhg": "136", "dbp_mmhg": "86"})
    page.locator("#screening button[type=submit]").click()
    expect(page.locator("#screening-bp_place-error")).to_contain_text(
        text("error.required_choice", lang)
    )
    expect(page.locator("#screening-summary")).to_contain_text(text("field.bp_place.label", lang))
    # keyboard: the first radio, then the arrow moves to the clinic
    page.locator("#screening-bp_place-home").focus()
    page.keyboard.press("Space")
    assert result_of(page, "screening", {"result.level": "caution"}, 0) == []
    result = page.locator("#screening-result")
    home = text("ui.bp_place.home", lang)
    expect(result).to_contain_text(f"136/86 mmHg {home}")
    expect(result).to_contain_text("135/85")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#screening-bp_place-clinic")).to_be_checked()
    assert result_of(page, "screening", {"result.level": "go"}, 0) == []
    expect(result).to_contain_text("140/90")
    expect(page.locator("#screening-bp_place-error")).to_be_hidden()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_after_an_operation_the_team_question_sets_the_advice_never_a_stop(
    page: Page, site_url: str, lang: str
) -> None:
    open_calculator(page, site_url, "screening", lang)
    knee = answers(recent_surgery="yes", immobilisation="yes", hormonal_contraception="yes")
    enter(page, "screening", {"answers": knee, **NORMAL_BP})
    team = page.locator("[data-follow-up=recent_surgery]")
    expect(team).to_be_visible()
    page.locator("#screening button[type=submit]").click()
    expect(page.locator("#screening-surgical_team-error")).to_contain_text(
        text("error.required_choice", lang)
    )
    page.locator("#screening-surgical_team-yes").focus()
    page.keyboard.press("Space")
    assert result_of(page, "screening", {"result.level": "caution", "result.count": 2}, 0) == []
    result = page.locator("#screening-result")
    expect(result).to_contain_text(text("advice.surgical_team", lang))
    expect(result).to_contain_text(text("ui.next.team", lang))
    expect(result).to_contain_text(text("ui.counted_once", lang))
    expect(result.locator(".bfr-headline")).to_have_text(text("level.caution.title", lang))
    page.keyboard.press("ArrowRight")  # no team
    assert result_of(page, "screening", {"result.advice": ["surgery_no_team"]}, 0) == []
    expect(result).to_contain_text(text("advice.surgery_no_team", lang))
    expect(result).to_contain_text(text("ui.next.professional", lang))
    # a reason not to start besides: "Stop", and the team is shown the result, never told to
    # supervise the training
    page.check("#screening-surgical_team-yes")
    page.check("#screening-previous_clot-yes")
    assert result_of(page, "screening", {"result.level": "stop"}, 0) == []
    expect(result).to_contain_text(text("advice.surgical_team_stop", lang))
    expect(result.locator(".bfr-next-steps")).to_contain_text(text("ui.next.team_stop", lang))
    expect(result).not_to_contain_text(text("advice.surgical_team", lang))
    expect(result).not_to_contain_text(text("ui.next.team", lang))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_stop_from_several_factors_says_so_on_screen_and_on_the_print(
    page: Page, site_url: str, lang: str
) -> None:
    open_calculator(page, site_url, "screening", lang)
    payload = {
        "answers": answers(smoking="yes", varicose_veins="not_sure", open_wound="yes"),
        "limbs": {"open_wound": ["right_leg"]},
        "sbp_mmhg": "150",
        "dbp_mmhg": "95",
        "bp_place": "home",
    }
    enter(page, "screening", payload)
    assert result_of(page, "screening", {"result.level": "stop", "result.why": ["count"]}, 0) == []
    result = page.locator("#screening-result")
    why = text("ui.why.count", lang, count=3)
    expect(result.locator(".bfr-why")).to_have_text(why)
    reasons = result.locator(".bfr-reasons li")
    expect(reasons).to_have_count(3)
    risk = text("ui.tag.risk", lang)
    for n in range(3):
        expect(reasons.nth(n)).to_contain_text(risk)
    expect(result).to_contain_text(text("ui.answered_not_sure", lang))
    # plain tags, not "relative"/"absolute"; the reading shown once
    expect(result).not_to_contain_text(re.compile(r"\b(relative|absolute|relativ|absolut)\b"))
    assert result.inner_text().count("150/95") == 1
    # the print says what decided it, which limb to keep the cuff off, in 10-11 pt, on one page
    page.emulate_media(media="print")
    summary = page.locator("#screening [data-print-summary]")
    expect(summary).to_be_visible()
    expect(summary.locator(".bfr-why")).to_have_text(why)
    expect(summary.locator(".bfr-reasons")).to_be_visible()
    expect(summary.locator(".bfr-limbs-result")).to_contain_text(
        text("option.limbs.right_leg", lang)
    )
    row = summary.locator(
        "tbody tr", has_text=re.compile(rf"^{NUMBER['open_wound']}\. ", re.MULTILINE)
    )
    expect(row).to_contain_text(text("option.limbs.right_leg", lang))
    size = summary.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert 10 * 96 / 72 - 0.01 <= size <= 11 * 96 / 72 + 0.01, size
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_next_steps_name_who_to_see(page: Page, site_url: str, lang: str) -> None:
    open_calculator(page, site_url, "screening", lang)
    result = page.locator("#screening-result")
    # no reading: measure it first, before the first-session link
    show(page, {"answers": answers()}, "go")
    steps = result.locator(".bfr-next-steps")
    expect(steps).to_contain_text(text("ui.next.measure_bp", lang))
    # a pregnancy: the midwife or doctor (V30)
    show(page, {"answers": answers(pregnancy="yes")}, "stop")
    expect(steps).to_contain_text(text("ui.next.midwife", lang))
    expect(steps).not_to_contain_text(text("ui.next.doctor", lang))
    # a cold: not today, never a doctor
    show(page, {"answers": answers(acute_illness="yes"), **NORMAL_BP}, "not_today")
    expect(steps).to_contain_text(text("ui.next.well_again", lang))
    expect(steps).not_to_contain_text(text("ui.next.doctor", lang))
