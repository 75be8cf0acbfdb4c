"""Fixtures shared by the site and browser tests: one strict build, one local static server."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("en", "da")


@dataclass(frozen=True)
class Build:
    site: Path
    log: str


@pytest.fixture(scope="session")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The site built once with ``mkdocs build --strict`` into a temporary folder."""
    site = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    log = proc.stdout + proc.stderr
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{log}")
    return Build(site=site, log=log)


class StaticHandler(SimpleHTTPRequestHandler):
    """Serves the built site as the production host is configured to: the MIME types Pyodide
    needs, the precompressed .br/.gz twins when the browser accepts them, and the cache rules
    of the site's _headers file."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".zip": "application/zip",
    }

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def cache_control(self, url_path: str) -> str | None:
        rules = Path(self.directory) / "_headers"
        if not rules.is_file():
            return None
        pattern = None
        for line in rules.read_text(encoding="utf-8").splitlines():
            if not line.startswith(" "):
                pattern = line.strip()
            elif pattern and line.strip().startswith("Cache-Control:"):
                exact = url_path == pattern
                if exact or (pattern.endswith("*") and url_path.startswith(pattern[:-1])):
                    return line.split(":", 1)[1].strip()
        return None

    def send_head(self):  # type: ignore[no-untyped-def]
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        local = Path(self.translate_path(url_path))
        if local.is_dir() and url_path.endswith("/"):
            local = local / "index.html"
        if not local.is_file():
            return super().send_head()
        accepted = self.headers.get("Accept-Encoding", "")
        body, encoding = local, None
        for name, suffix in (("br", ".br"), ("gzip", ".gz")):
            twin = local.with_name(local.name + suffix)
            if name in accepted and twin.is_file():
                body, encoding = twin, name
                break
        handle = body.open("rb")
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(local)))
        self.send_header("Content-Length", str(body.stat().st_size))
        self.send_header("Vary", "Accept-Encoding")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        control = self.cache_control(url_path)
        if control:
            self.send_header("Cache-Control", control)
        self.send_header("Last-Modified", self.date_time_string(int(local.stat().st_mtime)))
        self.end_headers()
        return handle


def serve(directory: Path) -> Iterator[str]:
    handler = functools.partial(StaticHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(build: Build) -> Iterator[str]:
    """Base URL of the built site on 127.0.0.1 (no trailing slash)."""
    yield from serve(build.site)


def source_pages() -> list[str]:
    """Every English source page, relative to docs/en (e.g. ``calculators/load.md``)."""
    return sorted(
        p.relative_to(ROOT / "docs/en").as_posix() for p in (ROOT / "docs/en").rglob("*.md")
    )


def page_path(source: str, lang: str) -> str:
    """The site path a source page is served at: ``safety.md`` in Danish is ``/da/safety/``."""
    stem = source.removesuffix(".md")
    stem = "" if stem == "index" else stem.removesuffix("/index") + "/"
    return f"/{stem}" if lang == "en" else f"/{lang}/{stem}"


def built_html(build: Build, source: str, lang: str) -> Path:
    return build.site / page_path(source, lang).lstrip("/") / "index.html"
