"""The calculators in Chromium: the core's own reference vectors, messages, keyboard, links."""

from __future__ import annotations

import _imp
import io
import json
import re
import zipfile

import pytest
from playwright.sync_api import Page, Response, expect

from tests.conftest import LANGUAGES, ONE_LANGUAGE, ROOT, page_path, text
from tests.e2e.conftest import Traffic, keep_copied_links
from tests.e2e.support.forms import (
    FORM,
    VECTORS,
    enter,
    failures_of,
    open_calculator,
    result_of,
    tab_to,
)
from tests.e2e.support.switch import OTHER, switch_language

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("lang", ONE_LANGUAGE)
@pytest.mark.parametrize("calculator", ["load", "screening"])
def test_the_browser_computes_the_cores_reference_vectors(
    page: Page, site_url: str, calculator: str, lang: str
) -> None:
    open_calculator(page, site_url, calculator, lang)
    vectors = [v for v in VECTORS if FORM[v["calculator"]][0] == calculator]
    assert len(vectors) >= 10
    assert failures_of(page, vectors) == []


def load_typed_with_decimal_commas(page: Page, site_url: str, lang: str) -> str:
    """The load calculator given a 1RM of 72,5 kg and a 1,25 kg step, as a Danish reader types
    them; the set load as the page's language writes it."""
    open_calculator(page, site_url, "load", lang)
    page.fill("#bfr_load-one_rm", "72,5")
    page.fill("#bfr_load-increment", "1,25")
    # 72.5 x 30 % = 21.75 kg; 21.75 / 1.25 = 17.4 steps -> 17 x 1.25 = 21.25 kg
    assert (
        result_of(page, "bfr_load", {"result.target_load": 21.75, "result.set_load": 21.25}, 1e-9)
        == []
    )
    return "21,25" if lang == "da" else "21.25"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_decimal_comma_is_accepted_and_numbers_are_shown_in_the_pages_language(
    page: Page, site_url: str, lang: str
) -> None:
    shown = load_typed_with_decimal_commas(page, site_url, lang)
    headline = page.locator("#bfr_load .bfr-headline")
    expect(headline).to_have_text(text("ui.load.headline", lang, set_load=shown, unit="kg"))
    expect(page.locator("#bfr_load-result")).to_contain_text("72,5" if lang == "da" else "72.5")


@pytest.mark.parametrize("lang", ONE_LANGUAGE)
def test_an_empty_field_gives_a_message_next_to_it_and_in_the_error_summary(
    page: Page, site_url: str, lang: str
) -> None:
    open_calculator(page, site_url, "load", lang)
    form = page.locator("#bfr_load")
    form.get_by_role("button", name=text("action.calculate", lang)).click()
    message = text("error.required", lang)
    expect(page.locator("#bfr_load-one_rm-error")).to_contain_text(message)
    summary = page.locator("#bfr_load-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(text("ui.error_summary.title", lang))
    link = summary.get_by_role("link", name=re.compile(re.escape(message)))
    link.click()
    expect(page.locator("#bfr_load-one_rm")).to_be_focused()
    expect(page.locator("#bfr_load-one_rm")).to_have_attribute("aria-invalid", "true")


@pytest.mark.parametrize("lang", ONE_LANGUAGE)
def test_out_of_range_and_garbled_values_get_clear_messages(
    page: Page, site_url: str, lang: str
) -> None:
    open_calculator(page, site_url, "load", lang)
    page.fill("#bfr_load-one_rm", "5000")
    expected = text("error.out_of_range", lang, min=1, max=500, unit=text("unit.kg", lang))
    expect(page.locator("#bfr_load-one_rm-error")).to_contain_text(expected)
    page.fill("#bfr_load-one_rm", "1,234.5")
    expect(page.locator("#bfr_load-one_rm-error")).to_contain_text(
        text("error.ambiguous_separator", lang)
    )
    page.fill("#bfr_load-one_rm", "abc")
    expect(page.locator("#bfr_load-one_rm-error")).to_contain_text(text("error.not_a_number", lang))
    body = page.locator("#bfr_load-result").inner_text()
    assert "NaN" not in body and "undefined" not in body and "Traceback" not in body
    # While an error is shown, the result asks for the correction, not for the fields again.
    expect(page.locator("#bfr_load .bfr-result__empty")).to_have_text(
        text("ui.result.empty.errors", lang)
    )


@pytest.mark.parametrize("lang", ONE_LANGUAGE)
def test_a_cuff_estimate_outside_its_equation_is_refused_with_a_reason(
    page: Page, site_url: str, lang: str
) -> None:
    open_calculator(page, site_url, "load", lang)
    enter(
        page,
        "cuff_pressure",
        {
            "limb": "leg",
            "thigh_circumference_cm": "55",
            "sbp_mmhg": "120",
            "age_years": "25",
            "sex": "male",
            "cuff_width_cm": "5",
        },
    )
    expect(page.locator("#cuff_pressure-cuff_width_cm-error")).to_contain_text(
        text("error.narrow_cuff_no_estimate", lang)
    )
    assert (
        result_of(
            page, "cuff_pressure", {"ok": False, "errors.0.code": "narrow_cuff_no_estimate"}, 0
        )
        == []
    )


@pytest.mark.parametrize("lang", ONE_LANGUAGE)
def test_the_load_calculator_works_with_the_keyboard_alone(
    page: Page, site_url: str, lang: str
) -> None:
    open_calculator(page, site_url, "load", lang)
    tab_to(page, "#bfr_load-unit-kg")
    page.keyboard.press("ArrowDown")  # pounds
    tab_to(page, "#bfr_load-ui-one_rm_source-entered")
    page.keyboard.press("ArrowDown")  # estimate from a set
    tab_to(page, "#bfr_load-load")
    page.keyboard.type("100")
    page.keyboard.press("Tab")
    page.keyboard.type("10")
    page.keyboard.press("Enter")
    # 100 lb x 10 reps: Brzycki 100 x 36 / 27 = 133.33 lb; 30 % = 40 lb on 5 lb steps -> 40 lb
    assert (
        result_of(
            page,
            "bfr_load",
            {"result.unit": "lb", "result.one_rm": 133.3333, "result.set_load": 40.0},
            1e-3,
        )
        == []
    )
    expect(page.locator("#bfr_load [data-announce]")).to_have_text(
        text("ui.load.headline", lang, set_load="40", unit="lb")
    )


@pytest.mark.parametrize("lang", ONE_LANGUAGE)
def test_the_screening_works_with_the_keyboard_alone(page: Page, site_url: str, lang: str) -> None:
    open_calculator(page, site_url, "screening", lang)
    questions = page.locator("#screening [data-group=answers] fieldset").all()
    for question in questions:
        first = question.locator("input").first.get_attribute("id")
        tab_to(page, f"#{first}")
        page.keyboard.press("ArrowRight")  # yes -> no
    tab_to(page, "#screening button[type=submit]")
    page.keyboard.press("Enter")
    assert result_of(page, "screening", {"result.level": "go"}, 0) == []
    expect(page.locator("#screening [data-announce]")).to_have_text(text("level.go.title", lang))


@pytest.mark.parametrize("lang", ONE_LANGUAGE)
def test_the_screening_explains_its_level_and_when_to_see_a_doctor(
    page: Page, site_url: str, lang: str
) -> None:
    open_calculator(page, site_url, "screening", lang)
    answers = {q["id"]: "no" for q in json.loads((ROOT / "calculators/questions.json").read_text())}
    answers["pregnancy"] = "not_sure"
    enter(page, "screening", {"answers": answers})
    assert (
        result_of(page, "screening", {"result.level": "stop", "result.decisive": ["pregnancy"]}, 0)
        == []
    )
    result = page.locator("#screening-result")
    expect(result).to_contain_text(text("level.stop.title", lang))
    expect(result).to_contain_text(text("level.stop.next", lang))
    expect(result).to_contain_text(text("question.pregnancy.short", lang), ignore_case=True)
    expect(result).to_contain_text(text("ui.answered_not_sure", lang))
    expect(result.locator("a[href*='#nascimento-2022']").first).to_be_visible()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_switching_language_keeps_the_inputs(page: Page, site_url: str, lang: str) -> None:
    open_calculator(page, site_url, "load", lang)
    page.fill("#bfr_load-one_rm", "72,5")
    page.fill("#bfr_load-percent", "25")
    page.check("#cuff_pressure-cuff_type-pneumatic_lop")
    page.check("#cuff_pressure-limb-arm")
    page.fill("#cuff_pressure-lop_mmhg", "150")
    switch_language(page, OTHER[lang])
    expect(page.locator("#bfr_load-one_rm")).to_have_value("72,5")
    expect(page.locator("#bfr_load-percent")).to_have_value("25")
    expect(page.locator("#cuff_pressure-cuff_type-pneumatic_lop")).to_be_checked()
    expect(page.locator("#cuff_pressure-limb-arm")).to_be_checked()
    expect(page.locator("#cuff_pressure-lop_mmhg")).to_have_value("150")
    assert (
        result_of(page, "cuff_pressure", {"result.method": "device", "result.limb": "arm"}, 0) == []
    )
    assert result_of(page, "bfr_load", {"result.one_rm": 72.5, "result.percent": 25}, 1e-9) == []
    # carried in the tab, not in the address the browser keeps in its history
    expect(page).to_have_url(site_url + page_path("calculators/load.md", OTHER[lang]))


@pytest.mark.parametrize("lang", ONE_LANGUAGE)
def test_a_copied_link_reproduces_the_load_result(page: Page, site_url: str, lang: str) -> None:
    keep_copied_links(page)
    open_calculator(page, site_url, "load", lang)
    enter(page, "bfr_load", {"load": "60,5", "reps": "8", "unit": "kg", "increment": "1"})
    assert result_of(page, "bfr_load", {"ok": True, "result.one_rm_source": "estimated"}, 0) == []
    page.locator("#bfr_load [data-action=copy_link]").click()
    expect(page.locator("#bfr_load [data-action-status]")).to_have_text(
        text("ui.link.copied", lang)
    )
    link = page.evaluate("window.copied")
    first = json.loads(page.locator("#bfr_load").get_attribute("data-result") or "{}")
    other = page.context.new_page()
    other.goto(link)
    expect(other.locator("#bfr_load")).to_have_attribute("data-state", "ready", timeout=20_000)
    assert result_of(other, "bfr_load", {"result": first["result"]}, 0) == []
    # read, then taken out of the address bar
    expect(other).to_have_url(site_url + page_path("calculators/load.md", lang))
    other.close()


@pytest.mark.parametrize("lang", ONE_LANGUAGE)
def test_screening_answers_go_into_a_link_only_when_asked(
    page: Page, site_url: str, lang: str
) -> None:
    keep_copied_links(page)
    open_calculator(page, site_url, "screening", lang)
    page.check("#screening-smoking-yes")
    assert "smoking" not in page.url
    page.locator("#screening [data-action=share]").click()
    expect(page.locator("#screening [data-action-status]")).to_have_text(
        text("ui.link.copied", lang)
    )
    link = page.evaluate("window.copied")
    assert re.search(r"#.*screening\.smoking=yes", link)
    assert "smoking" not in page.url  # the link is in the clipboard, not in the address bar
    other = page.context.new_page()
    other.goto(link)
    expect(other.locator("#screening-smoking-yes")).to_be_checked()
    other.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_printing_the_load_calculator_prints_the_readers_numbers_and_result(
    page: Page, site_url: str, lang: str
) -> None:
    # the screening's print rules (only its summary) are for the screening page alone
    shown = load_typed_with_decimal_commas(page, site_url, lang)
    page.emulate_media(media="print")
    expect(page.locator(".md-content h1")).to_be_visible()
    expect(page.locator("#bfr_load-one_rm")).to_be_visible()
    expect(page.locator("#bfr_load-one_rm")).to_have_value("72,5")
    headline = page.locator("#bfr_load .bfr-headline")
    expect(headline).to_be_visible()
    expect(headline).to_have_text(text("ui.load.headline", lang, set_load=shown, unit="kg"))
    expect(page.locator(".md-header")).to_be_hidden()


def test_the_browser_runs_exactly_the_python_files_of_calculators(
    page: Page, site_url: str
) -> None:
    with page.expect_response(re.compile(r"/assets/core/calculators-[0-9a-f]+\.zip$")) as info:
        open_calculator(page, site_url, "load", "en")
    response: Response = info.value
    with zipfile.ZipFile(io.BytesIO(response.body())) as archive:
        shipped = {
            name.removeprefix("calculators/"): archive.read(name) for name in archive.namelist()
        }
    # All of the core but its words (the page carries them) and its command line: the modules as
    # bytecode (test_core_pyodide checks it is their compiled source), the data as it is.
    never_in_browser = {"strings.json", "strings.py", "__main__.py"}
    core = ROOT / "calculators"
    source = {
        p.relative_to(core).as_posix(): p.read_bytes()
        for p in core.rglob("*")
        if p.suffix in (".py", ".json")
        and "__pycache__" not in p.parts
        and p.relative_to(core).as_posix() not in never_in_browser
    }
    expected = {"api/__init__.py", "api/screening.py", "screening.py", "questions.json"}
    assert expected <= source.keys()
    shipped_as = {name + "c" if name.endswith(".py") else name: name for name in source}
    assert shipped.keys() == shipped_as.keys()
    for name, original in shipped_as.items():
        data = shipped[name]
        if name.endswith(".pyc"):
            # An unchecked hash-based pyc: its header holds the hash of the source it came from,
            # keyed by the magic number as importlib keys it.
            assert data[4:8] == (1).to_bytes(4, "little"), name
            key = int.from_bytes(data[:4], "little")
            assert data[8:16] == _imp.source_hash(key, source[original]), name
        else:
            assert data == source[original], name


PYTHON_FILES = re.compile(r"/assets/pyodide/|/assets/core/|/calculators(-worker)?-[0-9a-f]{12}\.js")


@pytest.mark.parametrize(
    ("source", "loads_python"),
    [
        ("index.md", False),
        ("safety.md", False),
        ("references.md", False),
        ("calculators/load.md", True),
    ],
)
def test_content_pages_load_no_python(
    page: Page, traffic: Traffic, site_url: str, source: str, loads_python: bool
) -> None:
    page.goto(site_url + page_path(source, "da"))
    page.wait_for_load_state("networkidle")
    python = [u for u in traffic.requests if PYTHON_FILES.search(u)]
    assert bool(python) is loads_python, python


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_screening_shows_the_reading_its_threshold_the_advice_and_a_bmi_disagreement(
    page: Page, site_url: str, lang: str
) -> None:
    open_calculator(page, site_url, "screening", lang)
    answers = {q["id"]: "no" for q in json.loads((ROOT / "calculators/questions.json").read_text())}
    answers.update(recent_surgery="yes", bmi_over_35="yes")
    payload = {
        "answers": answers,
        "surgical_team": "yes",
        "sbp_mmhg": "150",
        "dbp_mmhg": "95",
        "bp_place": "clinic",
    }
    enter(page, "screening", {**payload, "height_cm": "180", "weight_kg": "65"})
    assert result_of(page, "screening", {"result.level": "caution"}, 0) == []
    result = page.locator("#screening-result")
    expect(result).to_contain_text(text("level.caution.title", lang))
    expect(result).to_contain_text("150/95 mmHg")
    expect(result).to_contain_text(f"{'at or above' if lang == 'en' else 'på eller over'} 140/90")
    expect(result).to_contain_text(text("advice.surgical_team", lang))
    expect(result).to_contain_text(
        text("warning.bmi_measured_not_over_35", lang, bmi="20,1" if lang == "da" else "20.1")
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_impossible_screening_numbers_ask_to_check_them_next_to_the_field(
    page: Page, site_url: str, lang: str
) -> None:
    open_calculator(page, site_url, "screening", lang)
    page.fill("#screening-sbp_mmhg", "61")
    page.fill("#screening-dbp_mmhg", "60")
    page.fill("#screening-height_cm", "250")
    page.fill("#screening-weight_kg", "20")
    page.locator("#screening button[type=submit]").click()
    bmi = "3,2" if lang == "da" else "3.2"
    expect(page.locator("#screening-dbp_mmhg-error")).to_contain_text(
        text("error.implausible_pulse_pressure", lang, min=10)
    )
    expect(page.locator("#screening-weight_kg-error")).to_contain_text(
        text("error.implausible_bmi", lang, bmi=bmi, min=12, max=100)
    )
    expect(page.locator("#screening-summary")).to_contain_text(
        text("error.implausible_bmi", lang, bmi=bmi, min=12, max=100)
    )
