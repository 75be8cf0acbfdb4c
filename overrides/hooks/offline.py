"""Writes the service worker (sw.js) that keeps the site usable offline after a visit.

The worker's code is hooks/service-worker.js; this hook fills in what only the build knows:
the pages and assets to cache on install, every file of the Python runtime with its SHA-256 and
size (the worker caches a runtime file only if it matches), the names of its caches, and a
version that changes whenever any of those files changes.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from site_i18n import inner_build, languages  # sibling hooks: MkDocs puts this folder on sys.path

TEMPLATE = Path(__file__).with_name("service-worker.js")
#: The Cache API names, written here once: the service worker keeps the pages of one build in
#: ``pages`` + its version and the runtime in ``runtime``; the calculators' worker keeps its
#: memory snapshot in ``snapshots``. hooks/calculators.py hands them to the page and the worker.
CACHES = {
    "pages": "bfr-pages-",
    "runtime": "bfr-python-runtime",
    "snapshots": "bfr-python-snapshots",
}
#: Loaded by the calculators only: cached when a calculator page asks (or when a new build
#: replaces one whose runtime was cached), never by content pages.
RUNTIME_GLOBS = ("assets/pyodide/*/*", "assets/core/*.zip")
#: With them, the calculators' scripts (hooks/bundles.py), named by their content so that a page
#: always runs the scripts of its own build, online or offline.
SCRIPTS = re.compile(r"assets/javascripts/[a-z-]+-[0-9a-f]{12}\.js")
PRECACHE_GLOBS = (
    "**/index.html",
    "**/404.html",
    "assets/stylesheets/**/*.css",
    "assets/javascripts/*.js",
    "assets/javascripts/workers/*.js",
    "assets/images/*",
    "**/manifest.webmanifest",  # the app's manifest per language, and its icons above
    "**/search/search_index.json",
)
SKIP = (".br", ".gz", ".map")


def listed(site: Path, patterns: tuple[str, ...], exclude: set[str] = frozenset()) -> list[str]:
    found = set()
    for pattern in patterns:
        for path in site.glob(pattern):
            rel = path.relative_to(site).as_posix()
            if path.is_file() and not rel.endswith(SKIP) and rel not in exclude:
                found.add(rel.removesuffix("index.html") if rel.endswith("index.html") else rel)
    return sorted(found)


def runtime_files(site: Path) -> dict[str, tuple[str, int]]:
    """``{url: (sha256, size)}`` of every runtime file, URLs relative to the site's root."""
    scripts = [rel for rel in listed(site, ("assets/javascripts/*.js",)) if SCRIPTS.fullmatch(rel)]
    files = {rel: (site / rel).read_bytes() for rel in listed(site, RUNTIME_GLOBS) + scripts}
    return {
        url: (hashlib.sha256(data).hexdigest(), len(data)) for url, data in sorted(files.items())
    }


def write_service_worker(site: Path, languages: list[str]) -> None:
    runtime = runtime_files(site)
    # Material's search worker starts on every page and loads a stemmer for each language
    search = tuple(
        f"assets/javascripts/lunr/min/lunr.{name}.min.js"
        for name in ["stemmer.support", "multi", *languages]
    )
    precache = listed(site, PRECACHE_GLOBS + search, exclude=set(runtime))
    digest = hashlib.sha256(TEMPLATE.read_bytes())
    for rel in precache:
        digest.update(rel.encode())
        target = site / rel / "index.html" if rel == "" or rel.endswith("/") else site / rel
        digest.update(target.read_bytes())
    digest.update(json.dumps(runtime).encode())
    code = (
        TEMPLATE.read_text(encoding="utf-8")
        .replace("__VERSION__", digest.hexdigest()[:16])
        .replace("__CACHES__", json.dumps(CACHES))
        .replace("__PRECACHE__", json.dumps(precache))
        .replace("__RUNTIME__", json.dumps(runtime, indent=2))
    )
    (site / "sw.js").write_text(code, encoding="utf-8")


@event_priority(-250)  # after every language and the runtime are written, before compression
def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    if inner_build(config):
        return
    write_service_worker(Path(config.site_dir), languages(config))
