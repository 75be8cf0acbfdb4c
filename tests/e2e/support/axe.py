"""axe-core's WCAG 2.2 A and AA rules on a page as it is now, in both of Material's colour
schemes, and whether the page reflows."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, ViewportSize, expect

from tests.conftest import ROOT

#: axe-core from npm, pinned in package.json; injected from the local file (no network).
AXE = ROOT / "node_modules/axe-core/axe.min.js"
#: Every WCAG 2.0, 2.1 and 2.2 rule at levels A and AA. No rule is disabled.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: Material's light and dark palettes (the header toggle switches between them).
SCHEMES = ("default", "slate")
#: 1280 x 900 at 200 % zoom.
ZOOMED = ViewportSize(width=640, height=450)


#: Counts the frames in a row without a CSS transition running (polled once a frame).
QUIET_FRAMES = """() => {
    const running = document.getAnimations().some((a) => a instanceof CSSTransition);
    window.__quietFrames = running ? 0 : (window.__quietFrames || 0) + 1;
    return window.__quietFrames >= 3;
}"""
#: How long a page may take to settle, or axe to answer, before the test fails saying so. A
#: promise the page never settles would otherwise hold the test, and the run, for good.
SETTLE_MS = 20_000
AXE_MS = 60_000


def settle(page: Page) -> None:
    """Wait until colour transitions (e.g. after a palette switch) have finished.

    A transition can also start a frame after the last step, once the browser has sent the
    scroll event of a focus (Material then fades in its "Back to top" button): the page is
    looked at once a frame, until three frames in a row have no transition running.
    """
    page.evaluate("() => { window.__quietFrames = 0; }")
    page.wait_for_function(QUIET_FRAMES, polling="raf", timeout=SETTLE_MS)


def violations(page: Page) -> list[str]:
    """axe-core's WCAG A/AA violations on the page as it is now, one readable line per node."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated, not added as a <script>: the site's policy refuses inline scripts.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    settle(page)
    # Its answer is kept on the page and waited for with a time limit (AXE_MS above).
    page.evaluate(
        """tags => { window.__axe = null; axe.run(document, {
               runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]}).then(
               (result) => { window.__axe = {result}; },
               (error) => { window.__axe = {error: String(error)}; }); }""",
        WCAG_TAGS,
    )
    answer: dict[str, Any] = page.wait_for_function(
        "() => window.__axe", polling=100, timeout=AXE_MS
    ).json_value()
    assert "error" not in answer, f"axe-core failed: {answer['error']}"
    result: dict[str, Any] = answer["result"]
    lines = []
    for rule in result["violations"]:
        for node in rule["nodes"]:
            lines.append(
                f"{rule['id']} ({rule['impact']}): {' '.join(map(str, node['target']))}"
                f" :: {node['failureSummary']}".replace("\n", " ")
            )
    return lines


def use_scheme(page: Page, scheme: str) -> None:
    """Switch Material's palette with the header toggle, as a reader does."""
    body = page.locator("body")
    if body.get_attribute("data-md-color-scheme") != scheme:
        page.locator("form[data-md-component=palette] label:not([hidden])").click()
    expect(body).to_have_attribute("data-md-color-scheme", scheme)


def audit(page: Page, where: str) -> list[str]:
    """Violations in both colour schemes, labelled; leaves the page in the light scheme."""
    found = []
    for scheme in SCHEMES:
        use_scheme(page, scheme)
        found += [f"{where} [{scheme}] {line}" for line in violations(page)]
    use_scheme(page, SCHEMES[0])
    return found


def overflow(page: Page) -> int:
    """How far the page body scrolls sideways, in CSS px (0 when it reflows)."""
    return int(
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    )
