"""The site as an app on the home screen: one web app manifest per language.

Each language's build writes ``manifest.webmanifest`` at the root of that language (``/`` for
English, ``/da/`` for Danish), and every page of the language links it (main.html, with the
apple-touch-icon and the theme colour). An installed app is named and described in its language
and opens on that language's home page: the page with the three ways in (the safety screening
first) and "Read this first". It is precached by the service worker on any first visit, so the
app opens offline even for a reader who never ran a calculator; the timer and the calculators
work offline once one of their pages has been used online (offline.py).

The scope is the language's root, so the Danish app stays in its own pages; the English one,
at the site's root, holds both. No ``id`` is given: an id is resolved against the origin alone,
so both languages would share one and a browser would take them for one app. Without it each
app is known by its start page.

The icons are drawn in ``assets/images/icon.svg`` and ``icon-maskable.svg`` (the maskable one
fills the square, for launchers that cut their own shape) and committed as PNG (``make icons``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from site_i18n import default_language  # sibling hooks: MkDocs puts this folder on sys.path
from site_i18n import language as building

NAME = "manifest.webmanifest"
#: The header's red (site.css): the browser's bar and the splash match the site in both schemes.
THEME_COLOR = "#b71c1c"
BACKGROUND_COLOR = "#ffffff"
#: (file in assets/images/, size in px, purpose)
ICONS = (
    ("icon-192.png", 192, "any"),
    ("icon-512.png", 512, "any"),
    ("icon-maskable-192.png", 192, "maskable"),
    ("icon-maskable-512.png", 512, "maskable"),
)


def language(config: MkDocsConfig) -> tuple[str, str]:
    """The language being built, and its folder in the site ("" for the default language)."""
    lang = building(config)
    return lang, "" if lang == default_language(config) else f"{lang}/"


def manifest(config: MkDocsConfig) -> dict[str, Any]:
    """The manifest of the language being built; its URLs are relative to where it is written."""
    lang, folder = language(config)
    here = folder + NAME
    return {
        "name": config.site_name,
        "short_name": config.site_name,
        "description": config.site_description or "",
        "lang": lang,
        "dir": "ltr",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": [
            {
                "src": get_relative_url(f"assets/images/{file}", here),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": purpose,
            }
            for file, size, purpose in ICONS
        ],
    }


def app_context(config: MkDocsConfig) -> dict[str, str]:
    """What main.html links: site paths, for the template's ``url`` filter."""
    return {
        "manifest": language(config)[1] + NAME,
        "apple_touch_icon": "assets/images/apple-touch-icon.png",
        "theme_color": THEME_COLOR,
    }


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, **_: Any
) -> dict[str, Any]:
    context["web_app"] = app_context(config)
    return context


def on_template_context(context: dict[str, Any], config: MkDocsConfig, **_: Any) -> dict[str, Any]:
    context["web_app"] = app_context(config)  # the 404 page
    return context


def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    """Write this language's manifest (each language's build writes its own file)."""
    target = Path(config.site_dir) / language(config)[1] / NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(manifest(config), ensure_ascii=False, indent=2) + "\n"
    target.write_text(text, encoding="utf-8")
