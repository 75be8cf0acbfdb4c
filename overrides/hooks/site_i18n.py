"""Site-wide i18n hooks: review dates, the fallback notice, the site markers (who writes the
site, how to reach it), the search dialog's name and one search index per language.

mkdocs-static-i18n builds every language inside one ``mkdocs build``, so each event runs once
per language; everything here is keyed by the language being built.

A page asks for a piece of the site's own furniture with a marker: ``<!-- site: trust -->`` (who
writes and reviews the site, this page's review date and the contact) or ``<!-- site: contact
-->`` (the contact alone). The contact is ``extra.contact`` in mkdocs.yml, set by whoever
publishes the site (or, without it, the repository's issues, ``repo_url``). Without either the
pages leave the contact out rather than say there is none: the contact partial is empty, and
whatever a page holds between ``<!-- site: with_contact -->`` and ``<!-- site: end_with_contact
-->`` (an invitation to report an error, a section on how to) is left out of the page, its
headings and its table of contents. The publishing build refuses to run without a contact
(publishing.py).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from functools import cache
from html import escape as html_escape
from pathlib import Path
from types import ModuleType
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

#: The core's reader of strings.json (calculators/strings.py), the one every reader of the words
#: goes through.
STRINGS_MODULE = Path(__file__).resolve().parents[2] / "calculators" / "strings.py"


def _strings_module() -> ModuleType:
    """calculators/strings.py, loaded from its file: while MkDocs loads the hooks, their folder
    comes first on ``sys.path`` and holds a ``calculators.py`` of its own, which a plain import
    would find instead of the core's package."""
    spec = importlib.util.spec_from_file_location("calculators_strings", STRINGS_MODULE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_STRINGS = _strings_module()
#: ``fill(message, **params)``: a string's ``{placeholders}`` filled in.
fill = _STRINGS.fill


def language(config: MkDocsConfig) -> str:
    """The language being built (static-i18n's current language)."""
    return str(config.plugins["i18n"].current_language)


def default_language(config: MkDocsConfig) -> str:
    return str(config.plugins["i18n"].default_language)


def languages(config: MkDocsConfig) -> list[str]:
    """Every language of the site, the default first (static-i18n's ``languages``)."""
    default = default_language(config)
    found = [str(lang.locale) for lang in config.plugins["i18n"].config.languages]
    return [default, *(lang for lang in found if lang != default)]


def inner_build(config: MkDocsConfig) -> bool:
    """Whether this ``on_post_build`` ends one language's build inside static-i18n's loop, and
    not the whole build: work done once for the whole site (the search indexes, the service
    worker, the host rules) waits for the outer one, when every language is written."""
    return bool(config.plugins["i18n"].building)


def strings(lang: str) -> dict[str, str]:
    """Every UI string in one language, as strings.json holds it now."""
    return _strings(lang, _STRINGS.PATH.stat().st_mtime)


@cache
def _strings(lang: str, stamp: float) -> dict[str, str]:
    """strings() for one state of the file. Read again when it changes: the hooks that import
    this module keep it from the first build under ``mkdocs serve``."""
    return {key: value[lang] for key, value in _STRINGS.load().items()}


def format_date(day: dt.date, lang: str) -> str:
    """24 November 2026 / 24. november 2026 (``site.date``)."""
    words = strings(lang)
    return fill(
        words["site.date"], day=day.day, month=words[f"site.month.{day.month}"], year=day.year
    )


SITE_MARKER = re.compile(r"<!--\s*site:\s*([a-z_]+)\s*-->")
SITE_PARTS = ("trust", "contact")
WITH_CONTACT = re.compile(
    r"^<!--\s*site:\s*with_contact\s*-->\n(.*?)^<!--\s*site:\s*end_with_contact\s*-->\n?",
    re.S | re.M,
)


def contact_link(config: MkDocsConfig) -> dict[str, str]:
    """``extra.contact`` as a link: an e-mail address or a web address ({} when unset)."""
    value = str((config.extra or {}).get("contact") or "").strip()
    if not value:
        return {}
    if "@" in value and "://" not in value:
        return {
            "href": "mailto:" + value.removeprefix("mailto:"),
            "text": value.removeprefix("mailto:"),
        }
    if not value.startswith(("https://", "http://")):
        raise PluginError(
            f"extra.contact must be an e-mail address or an http(s) address: {value!r}"
        )
    return {"href": value, "text": value}


def has_contact(config: MkDocsConfig) -> bool:
    """Whether readers have a way to reach the team: ``extra.contact`` or the repository."""
    return bool(contact_link(config) or config.repo_url)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    """Keep or leave out the parts of a page that need a contact (before headings are made)."""
    keep = has_contact(config)
    markdown = WITH_CONTACT.sub(lambda m: m.group(1) if keep else "", markdown)
    if re.search(r"<!--\s*site:\s*(end_)?with_contact\s*-->", markdown):
        raise PluginError(
            f"{page.file.src_uri}: a 'site: with_contact' marker without its partner, or nested "
            "(each starts a line of its own and is closed by 'site: end_with_contact')"
        )
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    """Replace the site markers by their partials (``partials/site/<name>.html``)."""
    names = SITE_MARKER.findall(html)
    if not names:
        return html
    if unknown := sorted(set(names) - set(SITE_PARTS)):
        raise PluginError(f"{page.file.src_uri}: unknown site marker(s): {', '.join(unknown)}")
    lang = language(config)
    reviewed = page.meta.get("reviewed")
    context = {
        "t": strings(lang),
        "contact": contact_link(config),
        "repo_url": config.repo_url or "",
        "reviewed": format_date(reviewed, lang) if isinstance(reviewed, dt.date) else "",
        "reviewed_iso": reviewed.isoformat() if isinstance(reviewed, dt.date) else "",
    }
    env = config.theme.get_env()
    return SITE_MARKER.sub(
        lambda m: env.get_template(f"partials/site/{m.group(1)}.html").render(**context), html
    )


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


SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog"'


SEARCH_STATUS = re.compile(r'(<div class="md-search-result__meta">)\s*[^<]*?\s*(</div>)')


def name_search_dialog(html: str, lang: str) -> str:
    """Material's search dialog has no accessible name of its own (axe: aria-dialog-name), and
    its status line while the search loads is in US English ("Initializing search"): both come
    from the site's strings instead."""
    if SEARCH_DIALOG not in html:
        raise PluginError("Material's search dialog changed: name it in site_i18n.py again")
    name = html_escape(strings(lang)["site.search.dialog"])
    html = html.replace(SEARCH_DIALOG, f'{SEARCH_DIALOG} aria-label="{name}"', 1)
    status = html_escape(strings(lang)["site.search.loading"])
    html, found = SEARCH_STATUS.subn(lambda m: f"{m.group(1)}{status}{m.group(2)}", html, count=1)
    if not found:
        raise PluginError("Material's search status line changed: set it in site_i18n.py again")
    return html


def on_post_page(output: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    """Name Material's search dialog in the page's language, and point a non-default language's
    pages at that language's own search index."""
    lang = language(config)
    output = name_search_dialog(output, lang)
    if lang == default_language(config):
        return output
    return CONFIG_BASE.sub(lambda m: f'{m.group(1)}{m.group(2)}/{lang}/"', output, count=1)


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
        output = name_search_dialog(output, language(config))
        NOT_FOUND[language(config)] = output
    return output


@event_priority(-200)  # after static-i18n has merged every language's entries
def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    """One 404 page and one search index per language: the default at the root, others below."""
    if inner_build(config):
        return  # the merged index is not written yet
    site = Path(config.site_dir)
    default, *others = languages(config)
    for lang, html in NOT_FOUND.items():
        target = site / ("404.html" if lang == default else f"{lang}/404.html")
        target.write_text(html, encoding="utf-8")
    index_path = site / "search" / "search_index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
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
