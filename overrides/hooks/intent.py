"""Start a calculator when the reader shows intent, on the pages that link to one.

A page whose content links to a calculator page (``routes.PRERENDERED``: ``calculators/load/``,
``calculators/screening/``, in any language) gets the speculation rules below, inert in a
``<template>``, and ``assets/javascripts/intent.js``, which puts them into the page unless the
reader saves data or is on a mobile network. The rules prerender a calculator page with moderate
eagerness: when the pointer rests on one of those links (about 200 ms) or presses it. The
prerendered page starts Python at once, so the calculator is ready, or nearly, when the reader
arrives.

Only links in the page's content count, and the rules match only links inside it: the sidebar and
the footer link to the calculators from every page, and a pointer passing over the menu on its
way to another item is no intent to calculate.

The rules are the same text on every page, so the Content-Security-Policy allows them by one hash
(hooks/static_host.py hashes speculation rules as it hashes inline scripts).
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from routes import PRERENDERED  # sibling hooks: MkDocs puts this folder on sys.path

#: A prerendered calculator page's path in the site, in any language ("calculators/load/",
#: "da/...").
CALCULATOR_PAGE = re.compile(rf"(?:[a-z]{{2}}/)?(?:{'|'.join(map(re.escape, PRERENDERED))})")
HREF = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*["']([^"']*)["']""", re.I)
#: Links in the page's content (Material's article) to a calculator page, in any language and
#: under any site path. A URL pattern given as a pathname keeps the page's own origin.
RULES = json.dumps(
    {
        "prerender": [
            {
                "where": {
                    "and": [
                        {"selector_matches": ".md-content a"},
                        {
                            "or": [
                                {"href_matches": {"pathname": f"/:prefix*/{path}"}}
                                for path in PRERENDERED
                            ]
                        },
                    ]
                },
                "eagerness": "moderate",
            }
        ]
    },
    separators=(",", ":"),
)


def calculator_links(html: str, page_url: str) -> list[str]:
    """The calculator pages (site paths) that the content of the page at ``page_url`` links to,
    other than the page itself."""
    found = []
    here = "http://site/" + page_url
    for href in HREF.findall(html):
        target = urlsplit(urljoin(here, href))
        if target.netloc != "site":
            continue
        path = target.path.removeprefix("/")
        if CALCULATOR_PAGE.fullmatch(path) and path != page_url:
            found.append(path)
    return sorted(set(found))


def on_page_content(html: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    if calculator_links(html, page.url):
        script = get_relative_url("assets/javascripts/intent.js", page.url)
        # placed at the end of <body> by main.html
        page.meta["intent"] = (
            f'<template id="bfr-intent"><script type="speculationrules">{RULES}</script></template>'
            f'\n<script src="{script}" defer></script>'
        )
    else:
        page.meta.pop("intent", None)
    return html
