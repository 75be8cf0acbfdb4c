"""What a production static host needs beside the files: precompressed copies and cache rules.

Every compressible file gets ``.br`` and ``.gz`` twins (served by hosts that support
precompressed files, e.g. nginx ``brotli_static``/``gzip_static``), and ``_headers`` (the
format of Netlify and Cloudflare Pages) says what may be cached for good: Pyodide lives under a
versioned folder and the core archives are named by their content hash, so both are immutable;
pages and the service worker are revalidated on every visit.
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
from pathlib import Path
from typing import Any

import brotli
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".xml", ".svg", ".txt", ".map"}
#: Archives stored uncompressed on purpose (the stdlib bytecode, the core) compress well too.
STORED_ARCHIVES = ("python-stdlib-", "calculators-")
IMMUTABLE = ("/assets/pyodide/*", "/assets/core/*")
REVALIDATE = "public, max-age=0, must-revalidate"
CACHE = Path(__file__).resolve().parents[2] / ".cache" / "compressed"


def compressible(path: Path) -> bool:
    if path.suffix in COMPRESSIBLE:
        return path.stat().st_size > 1024
    return path.suffix == ".zip" and path.name.startswith(STORED_ARCHIVES)


def precompress(path: Path) -> None:
    """Write the .br and .gz twins, reusing earlier results by content (brotli 11 is slow)."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    for suffix, pack in (
        (".br", lambda d: brotli.compress(d, quality=11)),
        (".gz", lambda d: gzip.compress(d, compresslevel=9, mtime=0)),
    ):
        cached = CACHE / f"{digest}{suffix}"
        if not cached.is_file():
            CACHE.mkdir(parents=True, exist_ok=True)
            cached.write_bytes(pack(data))
        if cached.stat().st_size < 0.9 * len(data):
            shutil.copyfile(cached, path.with_name(path.name + suffix))


def headers(site: Path) -> str:
    rules = [
        f"{pattern}\n  Cache-Control: public, max-age=31536000, immutable" for pattern in IMMUTABLE
    ]
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel.startswith("assets/"):
            continue
        path = "/" + rel.removesuffix("index.html")
        rules.append(f"{path}\n  Cache-Control: {REVALIDATE}")
    rules.append(f"/sw.js\n  Cache-Control: {REVALIDATE}")
    return "\n".join(rules) + "\n"


@event_priority(-300)  # last of all, once every language and the runtime are written
def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    if config.plugins["i18n"].building:
        return
    site = Path(config.site_dir)
    for path in site.rglob("*"):
        if path.is_file() and compressible(path):
            precompress(path)
    (site / "_headers").write_text(headers(site), encoding="utf-8")
