"""What the site's Content-Security-Policy refused in a page, and every calculator of a page run
once under it."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import ConsoleMessage, Page

from tests.e2e.support.forms import FORM, VECTORS, enter, reset, result_of

#: Every violation, recorded from the start of each document (an init script).
RECORD = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} refused ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile}:${event.lineNumber} ${event.sample}`
  );
});
"""


class Violations:
    """CSP violations seen in the page (events) and in the console (pages and workers)."""

    def __init__(self) -> None:
        self.console: list[str] = []

    def on_console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(f"console: {message.text}")

    def of(self, page: Page) -> list[str]:
        events: list[str] = page.evaluate("window.__cspViolations || []")
        return events + self.console


def recorded(page: Page) -> Violations:
    """Record the violations of every document the page loads from now on."""
    record = Violations()
    page.add_init_script(RECORD)
    page.on("console", record.on_console)
    return record


def first_vector(calculator: str) -> dict[str, Any]:
    return next(v for v in VECTORS if v["calculator"] == calculator)


def run_every_calculator(page: Page) -> list[object]:
    """One reference vector through every calculator form on the page; what went wrong."""
    problems: list[object] = []
    for form in page.locator("form[data-calculator]").all():
        name = form.get_attribute("data-calculator") or ""
        calculator = next(c for c, (_, f) in FORM.items() if f == name and c == name)
        vector = first_vector(calculator)
        reset(page, name)
        enter(page, name, vector["payload"])
        found = result_of(page, name, vector["expect"], vector.get("tol", 1e-9))
        if found:
            problems.append((name, found))
    return problems
