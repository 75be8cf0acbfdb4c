"""Typing into the calculator forms as a reader would, and reading what the core answered."""

from __future__ import annotations

import json
import time
from typing import Any

from playwright.sync_api import Page

from tests.conftest import page_path
from tests.core.core_helpers import load_vectors, matches
from tests.e2e.conftest import wait_ready

VECTORS = load_vectors()
#: Which page and form runs each calculator of the core. The load page's form estimates the
#: 1 RM with the same core function as `one_rm`, and returns the same fields.
FORM = {
    "one_rm": ("load", "bfr_load"),
    "bfr_load": ("load", "bfr_load"),
    "cuff_pressure": ("load", "cuff_pressure"),
    "screening": ("screening", "screening"),
    "session_plan": ("first-session", "session_plan"),  # tests/e2e/test_session_timer.py
    "convert": (None, None),  # asked by the load form when the unit changes: test_results.py
}


def open_calculator(page: Page, site_url: str, name: str, lang: str) -> None:
    page.goto(site_url + page_path(f"calculators/{name}.md", lang))
    wait_ready(page)


def result_of(page: Page, form: str, expect_: dict[str, Any], tol: float) -> list[str]:
    """Poll data-result until it matches (the page recomputes on every input) or time runs out."""
    deadline = time.monotonic() + 10
    problems = ["no data-result"]
    while time.monotonic() < deadline:
        raw = page.locator(f"form[data-calculator={form}]").get_attribute("data-result")
        if raw:
            problems = matches(json.loads(raw), expect_, tol)
            if not problems:
                return []
        page.wait_for_timeout(50)
    return problems


def enter_plan(page: Page, payload: dict[str, str]) -> None:
    """Type a session plan, and wait for the core's plan of all of it: the plan of the first
    fields is already a valid one, and a timer started before the last answer would run that.
    The core gives every field typed back by its name."""
    said: dict[str, Any] = {"ok": True}
    for name, value in payload.items():
        if page.locator(f"#session_plan-{name}").count():
            page.fill(f"#session_plan-{name}", value)
        else:
            page.check(f"#session_plan-{name}-{value}")
        if name == "reps_scheme":
            said["result.reps"] = [int(reps) for reps in value.split("-")]
        elif name == "rest_mode":
            said["result.rest_mode"] = value
        else:
            said[f"result.{name}"] = float(value.replace(",", "."))
    assert result_of(page, "session_plan", said, 1e-9) == []


def failures_of(page: Page, vectors: list[dict[str, Any]]) -> list[object]:
    """Type each vector's payload into its form; the vectors whose result differs. The screening
    is changed from one vector to the next, as a reader goes back over answers (its vectors
    differ in a few of 33); the other forms are reset and typed into afresh."""
    failures: list[object] = []
    for vector in vectors:
        form = FORM[vector["calculator"]][1]
        if form == "screening":
            retype(page, form, vector["payload"])
        else:
            reset(page, form)
            enter(page, form, vector["payload"])
        problems = result_of(page, form, vector["expect"], vector.get("tol", 1e-9))
        if problems:
            failures.append((vector["payload"], problems))
    return failures


def reset(page: Page, form: str) -> None:
    page.locator(f"form[data-calculator={form}]").evaluate(
        "form => { form.reset(); form.dispatchEvent(new Event('change', {bubbles: true})); }"
    )


def enter(page: Page, form: str, payload: dict[str, Any]) -> None:
    """Type a payload into a form as a reader would: choose the way, then fill and tick."""
    prefix = f"#{form}-"
    if form == "bfr_load":
        page.check(
            prefix + "ui-one_rm_source-" + ("entered" if "one_rm" in payload else "estimated")
        )
        # The unit first, as the form asks: switching it later converts the weights typed.
        if "unit" in payload:
            page.check(f"{prefix}unit-{payload['unit']}")
            payload = {k: v for k, v in payload.items() if k != "unit"}
    if form == "cuff_pressure":
        # The cuff first (its fields appear), then the way for a cuff with a gauge.
        payload = dict(payload)
        cuff = payload.pop("cuff_type", None) or (
            "pneumatic_lop" if "lop_mmhg" in payload else "pneumatic_gauge"
        )
        page.check(f"{prefix}cuff_type-{cuff}")
        method = payload.pop("method", None)
        if cuff == "pneumatic_gauge":
            method = method or ("measured" if "aop_mmhg" in payload else "estimated")
            page.check(f"{prefix}ui-method-{method}")
    for name, value in payload.items():
        if name == "answers":
            for question, answer in value.items():
                page.check(f"{prefix}{question}-{answer}")
        elif name == "limbs":  # the screening's "which arm or leg?", shown once answered
            for question, limbs in value.items():
                for limb in limbs:
                    page.check(f"{prefix}limbs-{question}-{limb}")
        elif page.locator(f"{prefix}{name}").count():
            page.fill(prefix + name, str(value))
        else:
            page.check(f"{prefix}{name}-{value}")


def tab_to(page: Page, selector: str, limit: int = 80, *, back: bool = False) -> None:
    """Move the focus with Tab (or Shift+Tab) until it is on ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if page.evaluate(
            "s => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
    raise AssertionError(f"{selector} is not reachable with the Tab key")


#: The text fields of a form, as [id, value].
TEXT_FIELDS = """form => [...form.querySelectorAll(
    "input:not([type=radio]):not([type=checkbox]):not([type=hidden])")]
    .map((input) => [input.id, input.value])"""
#: What is ticked in a form: the names of its checked radios, the ids of its checked boxes.
TICKED = """form => ({
    radios: [...form.querySelectorAll("input[type=radio]:checked")].map((radio) => radio.name),
    boxes: [...form.querySelectorAll("input[type=checkbox]:checked")].map((box) => box.id),
})"""


def retype(page: Page, form: str, payload: dict[str, Any]) -> None:
    """Bring a form of answers, choices and text fields to ``payload`` as a reader changing it
    would: in the payload's order (as enter() types it, so that what a choice reveals is there),
    tick each answer, choice and box not ticked yet, and retype (or empty) each text field whose
    text differs. A form with a choice or a box the payload leaves out is reset first: a radio
    cannot be unticked, and a box of a question answered otherwise is hidden."""
    prefix = f"#{form}-"
    # The result shown is the previous payload's until the core answers this one: drop it, so
    # that result_of() cannot take it for this payload's when the two happen to agree.
    page.locator(f"form#{form}").evaluate("form => form.removeAttribute('data-result')")
    texts = dict(page.locator(f"form#{form}").evaluate(TEXT_FIELDS))
    choices = {**payload.get("answers", {})}
    choices.update(
        (k, v)
        for k, v in payload.items()
        if k not in ("answers", "limbs") and f"{form}-{k}" not in texts
    )
    boxes = {
        f"{form}-limbs-{question}-{limb}"
        for question, limbs in payload.get("limbs", {}).items()
        for limb in limbs
    }
    ticked = page.locator(f"form#{form}").evaluate(TICKED)
    if any(name not in choices for name in ticked["radios"]) or not set(ticked["boxes"]) <= boxes:
        reset(page, form)
        texts = dict(page.locator(f"form#{form}").evaluate(TEXT_FIELDS))
    for field_id, value in texts.items():  # fields the payload leaves empty
        if value and field_id.removeprefix(f"{form}-") not in payload:
            page.fill(f"#{field_id}", "")
    for name, value in payload.items():
        if name == "answers":
            ticks = [f"{prefix}{question}-{answer}" for question, answer in value.items()]
        elif name == "limbs":
            ticks = [f"{prefix}limbs-{q}-{limb}" for q, limbs in value.items() for limb in limbs]
        elif f"{form}-{name}" in texts:
            if texts[f"{form}-{name}"] != str(value):
                page.fill(f"{prefix}{name}", str(value))
            continue
        else:
            ticks = [f"{prefix}{name}-{value}"]
        for selector in ticks:
            box = page.locator(selector)
            if not box.is_checked():
                box.check()
