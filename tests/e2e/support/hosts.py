"""A static host for one test that can be redeployed, be down or cut a file short, and the
service worker's states a test waits for."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from playwright.sync_api import BrowserContext, Page, expect

from tests.conftest import MIME, Build


def poll(page: Page, script: str, timeout_s: float = 20) -> Any:
    """Evaluate a (promise-returning) script until it gives a truthy value, and return that.

    Playwright's wait_for_function does not reliably await a promise-returning predicate."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = page.evaluate(script)
        if value:
            return value
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {script}")


def runtime_cached(page: Page) -> None:
    """The service worker says when every runtime file is cached."""
    expect(page.locator("html")).to_have_attribute("data-offline-ready", "", timeout=30_000)


@dataclass
class Host:
    """A static host for one test: serves a folder that can be switched (a deploy), can be down
    (every connection dropped: the reader is offline), can send a file cut short with a
    consistent Content-Length (a half-finished deploy or a broken proxy). A slow host is
    tests/slow_network.py."""

    root: Path
    url: str = ""
    down: bool = False
    truncate: dict[str, int] = field(default_factory=dict)  # path: bytes sent


class HostHandler(BaseHTTPRequestHandler):
    host: Host

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        host = self.server.host  # type: ignore[attr-defined]
        if host.down:
            self.close_connection = True
            return  # no response at all
        path = unquote(urlsplit(self.path).path)
        local = host.root / path.lstrip("/")
        if local.is_dir():
            local = local / "index.html"
        status = 200
        if not local.is_file() or host.root.resolve() not in local.resolve().parents:
            status, local = 404, host.root / "404.html"
        body = local.read_bytes()
        if path in host.truncate:
            body = body[: host.truncate[path]]
        self.send_response(status)
        self.send_header("Content-Type", MIME.get(local.suffix, "application/octet-stream"))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        self.wfile.write(body)


def hosted(build: Build, tmp_path: Path) -> Iterator[Host]:
    """A private copy of the built site on a host of its own."""
    site = tmp_path / "v1"
    shutil.copytree(build.site, site, ignore=shutil.ignore_patterns("*.br", "*.gz"))
    served = Host(root=site)
    server = ThreadingHTTPServer(("127.0.0.1", 0), HostHandler)
    server.host = served  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    served.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()


def controlled(page: Page) -> None:
    """Wait until the service worker is active and controls the page."""
    poll(page, "navigator.serviceWorker.ready.then(r => !!r.active)")
    if not page.evaluate("!!navigator.serviceWorker.controller"):
        page.reload()
    poll(page, "!!navigator.serviceWorker.controller")


def go_offline(context: BrowserContext, host: Host, offline: bool = True) -> None:
    host.down = offline
    context.set_offline(offline)
