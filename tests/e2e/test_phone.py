"""The site on a 390 px phone, in both languages: every page once, with what a reader with a phone
in the hand would notice checked on that one load (tables that fit, stacked rows that name their
cells, figure labels of 12 px or more, no empty line under a heading, urgent advice at body size,
the language button in words, the site's name); the site installs as an app; a tapped button in
the dark keeps its contrast, and the load page's two results have names of their own."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import yaml
from playwright.sync_api import Browser, BrowserType, FloatRect, ViewportSize, expect

from tests.conftest import LANGUAGES, ROOT, STRINGS, page_path, source_pages
from tests.e2e.conftest import wait_ready
from tests.e2e.support.axe import settle, violations
from tests.e2e.support.switch import OTHER

pytestmark = pytest.mark.e2e

PHONE = ViewportSize(width=390, height=844)
SITE_NAME = {"en": "BFR guide", "da": "BFR-guiden"}
#: Each language's name in itself, as the language menu gives it (mkdocs.yml).
NAMES = {
    str(language["locale"]): str(language["name"])
    for plugin in yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["plugins"]
    if isinstance(plugin, dict) and "i18n" in plugin
    for language in plugin["i18n"]["languages"]
}
#: The pages with urgent advice in a care card (site.css), by source page.
CARE_CARDS = {"index.md": 1, "safety.md": 1, "calculators/load.md": 1}
SMALLEST_LABEL_PX = 12

#: Everything a phone shows wrong, as readable lines; [] when all is well.
CHECKS = """({ careCards }) => {
  const found = [];
  const article = document.querySelector(".md-content .md-typeset");
  const body = parseFloat(getComputedStyle(article).fontSize);
  const box = article.getBoundingClientRect();
  const name = (el) => (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 60);

  // Tables: none wider than its box, nor sticking out of the article; stacked rows name every cell.
  for (const table of article.querySelectorAll("table")) {
    if (table.getClientRects().length === 0) continue;  // not shown on a screen (print only)
    for (let el = table; el && el !== article; el = el.parentElement) {
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible") {
        const by = el.scrollWidth - el.clientWidth;
        found.push(`table wider than its box by ${by} px: ${name(table)}`);
        break;
      }
    }
    if (table.getBoundingClientRect().right > box.right + 1) {
      found.push(`table sticks out: ${name(table)}`);
    }
    if (!table.hasAttribute("data-stack")) continue;
    const row = table.querySelector("tbody tr");
    if (getComputedStyle(row).display !== "block") found.push(`table not stacked: ${name(table)}`);
    for (const cell of table.querySelectorAll("tbody :is(td, th)")) {
      const label = getComputedStyle(cell, "::before").content;
      if (!cell.dataset.label || !cell.dataset.label.trim() || label === "none" || label === '""') {
        found.push(`stacked cell without a label: ${name(cell)}`);
      }
      if (!name(cell)) found.push(`blank stacked cell under ${cell.dataset.label}`);
    }
  }
  if (document.documentElement.scrollWidth > document.documentElement.clientWidth) {
    found.push("the page scrolls sideways");
  }

  // Figure labels: at least 12 CSS px as drawn.
  for (const text of article.querySelectorAll("svg text")) {
    if (text.getClientRects().length === 0) continue;
    const px = parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a;
    if (px < 11.95) found.push(`figure label of ${px.toFixed(1)} px: ${name(text)}`);
  }

  // Headings: the hidden ¶ never alone on a line below the heading's words.
  for (const link of article.querySelectorAll(":is(h1, h2, h3, h4, h5, h6) > .headerlink")) {
    const words = document.createRange();
    words.setStart(link.parentElement, 0);
    words.setEndBefore(link);
    const lines = [...words.getClientRects()].filter((r) => r.width > 0);
    if (lines.length && link.getBoundingClientRect().top >= lines[lines.length - 1].bottom - 1) {
      found.push(`an empty line under the heading: ${name(link.parentElement)}`);
    }
  }

  // Care cards: every word at body size or larger.
  const cards = [...article.querySelectorAll(
    ".admonition:is(.bfr-care-emergency, .bfr-care-urgent, .bfr-care-non-urgent)")];
  if (cards.length !== careCards) found.push(`${cards.length} care cards, not ${careCards}`);
  for (const card of cards) {
    for (const el of card.querySelectorAll("p, li, strong, a")) {
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < body - 0.01) found.push(`care card text of ${size} px < ${body} px: ${name(el)}`);
    }
  }
  return found;
}"""

#: The screening's own urgent card, drawn by the page script from its template: put into the
#: result as the script does, measured against the body text, and taken out again.
URGENT_CARD = """() => {
  const form = document.getElementById("screening");
  const article = document.querySelector(".md-content .md-typeset");
  const body = parseFloat(getComputedStyle(article).fontSize);
  const template = form.querySelector('template[data-next="bp_urgent"]');
  const card = template.content.firstElementChild.cloneNode(true);
  card.querySelector("[data-urgent-text]").textContent = "…";
  form.querySelector("[data-result-body]").prepend(card);
  const sizes = [...card.querySelectorAll("p, li")].map(
    (el) => parseFloat(getComputedStyle(el).fontSize));
  const heading = getComputedStyle(card.firstElementChild);
  const result = { body, sizes, headingColour: heading.color };
  card.remove();
  return result;
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_on_a_phone(browser: Browser, site_url: str, lang: str) -> None:
    # The layout of each page, not offline use: no service worker caches the site meanwhile.
    context = browser.new_context(
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        service_workers="block",
    )
    problems: dict[str, list[str]] = {}
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        for source in source_pages():
            page.goto(site_url + page_path(source, lang))
            found = page.evaluate(CHECKS, {"careCards": CARE_CARDS.get(source, 0)})
            title = page.title()
            if not title.endswith(f" - {SITE_NAME[lang]}") and title != SITE_NAME[lang]:
                found.append(f"title {title!r} does not name the site {SITE_NAME[lang]!r}")
            # The language button says in words which language it offers, and its name says it too.
            words = page.locator(".md-header .bfr-language-button .bfr-language-button__name")
            other = NAMES[OTHER[lang]]
            if words.inner_text() != other or not words.is_visible():
                found.append(f"the language button shows {words.inner_text()!r}, not {other!r}")
            expect(
                page.locator(".md-header").get_by_role("button", name=re.compile(f"{other}$"))
            ).to_be_visible()
            if source == "calculators/screening.md":
                urgent = page.evaluate(URGENT_CARD)
                if min(urgent["sizes"]) < urgent["body"] - 0.01:
                    found.append(f"the screening's urgent card: {urgent}")
                if urgent["headingColour"] != "rgb(255, 255, 255)":
                    found.append(f"the screening's urgent card heading: {urgent}")
            if found:
                problems[source] = found
        assert errors == []
    finally:
        context.close()
    assert problems == {}


def test_the_site_installs_as_an_app_in_each_language(
    browser_type: BrowserType,
    browser_type_launch_args: dict[str, Any],
    site_url: str,
    tmp_path: Path,
) -> None:
    # Chromium's own installability check, the one Lighthouse's PWA audits used (Lighthouse 12
    # has none). A private (incognito) context is never installable: a profile of its own.
    context = browser_type.launch_persistent_context(
        tmp_path / "profile", **browser_type_launch_args, viewport=PHONE
    )
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    start: dict[str, str] = {}
    try:
        page = context.new_page()
        for lang, source in (("en", "index.md"), ("da", "safety.md")):
            page.goto(site_url + page_path(source, lang))
            page.wait_for_load_state("load")
            cdp = context.new_cdp_session(page)
            manifest = cdp.send("Page.getAppManifest")
            root = site_url + page_path("index.md", lang)
            assert manifest["url"] == root + "manifest.webmanifest"
            assert manifest["errors"] == []
            data = json.loads(manifest["data"])
            assert data["lang"] == lang and data["name"] == SITE_NAME[lang]
            start[lang] = urljoin(manifest["url"], data["start_url"])
            errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
            assert errors == [], (lang, errors)
            cdp.detach()
        # Installed and opened offline, after that one visit: each app's start page.
        page.wait_for_function("navigator.serviceWorker.ready.then((r) => !!r.active)")
        context.set_offline(True)
        for lang, url in start.items():
            page.goto(url)
            expect(page.locator("html")).to_have_attribute("lang", lang)
            expect(page.locator("article h1")).to_be_visible()
        context.set_offline(False)
    finally:
        context.close()
    assert [url for url in requests if not url.startswith(site_url)] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_load_page_in_the_dark_on_a_phone(browser: Browser, site_url: str, lang: str) -> None:
    """A tapped Calculate keeps white on red in the dark scheme (finding 5), the two results are
    told apart by name (18), and the back-to-top pill keeps off the error summary (17)."""
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, color_scheme="dark", service_workers="block"
    )
    try:
        page = context.new_page()
        page.goto(site_url + page_path("calculators/load.md", lang))
        wait_ready(page)
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        for calc in ("bfr_load", "cuff_pressure"):
            region = page.get_by_role("region", name=STRINGS[f"ui.result.title.{calc}"][lang])
            expect(region).to_have_attribute("id", f"{calc}-result")
        page.fill("#bfr_load-one_rm", "abc")
        button = page.locator("#bfr_load button[type=submit]")
        button.tap()
        summary = page.locator("#bfr_load .bfr-error-summary")
        expect(summary).to_be_focused()
        settle(page)
        colours = button.evaluate(
            "el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]"
        )
        assert colours == ["rgb(255, 255, 255)", "rgb(183, 28, 28)"]
        assert [v for v in violations(page) if "color-contrast" in v] == []
        # Scrolling back up shows Material's pill: at the foot of the screen, where it stays off
        # the summary that focus brings back to the top.
        page.mouse.wheel(0, 1500)
        page.mouse.wheel(0, -400)
        top = page.locator(".md-top")
        expect(top).to_be_visible()
        settle(page)
        pill = top.bounding_box()
        assert pill is not None and pill["y"] + pill["height"] > PHONE["height"] - 80, pill
        button.tap()  # again: the summary takes focus, and the page scrolls up to it
        expect(summary).to_be_focused()
        settle(page)
        held = summary.bounding_box()
        assert held is not None and 0 <= held["y"] < PHONE["height"] / 2, held
        if top.is_visible():
            assert not overlap(held, top.bounding_box()), (held, top.bounding_box())
    finally:
        context.close()


def overlap(a: FloatRect, b: FloatRect | None) -> bool:
    return b is not None and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]
