"""Site-wide i18n hooks: review dates, the fallback notice and one search index per language.

mkdocs-static-i18n builds every language inside one ``mkdocs build``, so each event runs once
per language; everything here is keyed by the language being built.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

STRINGS = Path(__file__).resolve().parents[2] / "calculators" / "strings.json"


def language(config: MkDocsConfig) -> str:
    """The language being built (static-i18n's current language)."""
    return str(config.plugins["i18n"].current_language)


@cache
def strings(lang: str) -> dict[str, str]:
    """Every UI string in one language (read once per build: hooks are reloaded for each)."""
    table = json.loads(STRINGS.read_text(encoding="utf-8"))
    return {key: value[lang] for key, value in table.items()}


def format_date(day: dt.date, lang: str) -> str:
    """24 November 2026 / 24. november 2026."""
    month = strings(lang)[f"site.month.{day.month}"]
    return f"{day.day}. {month} {day.year}" if lang == "da" else f"{day.day} {month} {day.year}"


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, **_: Any
) -> dict[str, Any]:
    lang = language(config)
    text = strings(lang)
    reviewed, next_review = page.meta.get("reviewed"), page.meta.get("next_review")
    if not isinstance(reviewed, dt.date) or not isinstance(next_review, dt.date):
        raise PluginError(
            f"{page.file.src_uri}: front matter needs 'reviewed' and 'next_review' dates"
        )
    if next_review <= reviewed:
        raise PluginError(f"{page.file.src_uri}: 'next_review' must come after 'reviewed'")
    file_lang = getattr(page.file, "locale", lang)
    context["review"] = {
        "reviewed": format_date(reviewed, lang),
        "reviewed_iso": reviewed.isoformat(),
        "next": format_date(next_review, lang),
        "next_iso": next_review.isoformat(),
        "reviewed_label": text["site.reviewed"],
        "next_label": text["site.next_review"],
        "fallback": text["site.fallback"] if file_lang != lang else "",
    }
    return context


CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">[^<]*?"base": ")([^"]*)"')


def on_post_page(output: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    """Point a non-default language's pages at that language's own search index."""
    lang = language(config)
    if lang == default_language(config):
        return output
    return CONFIG_BASE.sub(lambda m: f'{m.group(1)}{m.group(2)}/{lang}/"', output, count=1)


def default_language(config: MkDocsConfig) -> str:
    return str(config.plugins["i18n"].default_language)


#: The 404 page rendered by each language's build; every build writes it to the same 404.html.
NOT_FOUND: dict[str, str] = {}


def on_template_context(
    context: dict[str, Any], template_name: str, config: MkDocsConfig, **_: Any
) -> dict[str, Any]:
    """Static templates (the 404 page) get the site's strings in the language being built."""
    context["site_strings"] = strings(language(config))
    return context


def on_post_template(output: str, template_name: str, config: MkDocsConfig, **_: Any) -> str:
    if template_name == "404.html":
        NOT_FOUND[language(config)] = output
    return output


@event_priority(-200)  # after static-i18n has merged every language's entries
def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    """One 404 page and one search index per language: the default at the root, others below."""
    if config.plugins["i18n"].building:
        return  # an inner, per-language build: the merged index is not written yet
    site = Path(config.site_dir)
    default = default_language(config)
    for lang, html in NOT_FOUND.items():
        target = site / ("404.html" if lang == default else f"{lang}/404.html")
        target.write_text(html, encoding="utf-8")
    index_path = site / "search" / "search_index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    others = [str(lang.locale) for lang in config.plugins["i18n"].config.languages]
    others = [lang for lang in others if lang != default]
    by_lang: dict[str, list[dict[str, Any]]] = {lang: [] for lang in [default, *others]}
    for doc in index["docs"]:
        lang = next((o for o in others if doc["location"].startswith(f"{o}/")), default)
        if lang != default:
            doc = {**doc, "location": doc["location"][len(lang) + 1 :]}
        by_lang[lang].append(doc)
    for lang, docs in by_lang.items():
        target = index_path if lang == default else site / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        payload = {**index, "config": {**index["config"], "lang": [lang]}, "docs": docs}
        target.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
