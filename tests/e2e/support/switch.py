"""The header's language menu, used as a reader uses it."""

from __future__ import annotations

from playwright.sync_api import Page, expect

OTHER = {"en": "da", "da": "en"}


def switch_language(page: Page, to: str) -> None:
    """Hover the header's language menu, choose ``to``, and wait for the twin page."""
    page.locator(".md-header .md-select").first.hover()
    page.locator(f'.md-header a.md-select__link[hreflang="{to}"]').click()
    expect(page.locator("html")).to_have_attribute("lang", to)
