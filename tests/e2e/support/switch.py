"""The header's language menu, used as a reader uses it."""

from __future__ import annotations

from playwright.sync_api import Page, expect

OTHER = {"en": "da", "da": "en"}

#: True once the header's language menu has finished opening (its CSS transitions are over).
MENU_OPEN = """() => {
  const inner = document.querySelector('.md-header .md-select__inner');
  return inner !== null && inner.getAnimations({ subtree: true }).length === 0;
}"""


def choose_language(page: Page, to: str) -> None:
    """Open the header's language menu with a hover and choose ``to`` with the mouse where the
    link is on screen, once the menu has finished opening.

    Playwright's own click and tap first scroll their target "into view". A link in the sticky
    header that is still being unfolded counts as clipped, and scrolling the page for it moves
    everything under the header (by 300-600 px on a busy machine) just before the language switch
    records where the reader is. A reader's mouse never scrolls the page, so neither does this."""
    page.locator(".md-header .md-select").first.hover()
    link = page.locator(f'.md-header a.md-select__link[hreflang="{to}"]')
    expect(link).to_be_in_viewport(ratio=1)
    page.wait_for_function(MENU_OPEN)
    box = link.bounding_box()
    assert box is not None, "the language menu's link has no box on screen"
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def switch_language(page: Page, to: str) -> None:
    """Choose ``to`` in the header's language menu and wait for the twin page."""
    choose_language(page, to)
    expect(page.locator("html")).to_have_attribute("lang", to)
