"""The generated nginx config, run by Debian's real nginx: the headers of ``_headers`` on every
file, the precompressed twins, the language 404 pages, and the site working through it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import LANGUAGES, MIME, Build, headers_for, page_path, read_rules
from tests.core.core_helpers import load_vectors
from tests.e2e.conftest import wait_ready
from tests.e2e.support.forms import FORM, enter, result_of

pytestmark = pytest.mark.e2e

NGINX = "/usr/sbin/nginx"  # Debian's nginx package (installed by `make test` when missing)
#: What browsers insist on, whatever the site's table says: WebAssembly streamed and compiled only
#: as application/wasm, module scripts run only as JavaScript, and the pages as HTML.
BROWSERS_NEED = {
    ".wasm": "application/wasm",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".html": "text/html",
    ".json": "application/json",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_config(site: Path, include: Path, scratch: Path, port: int) -> str:
    """A whole nginx.conf around the generated include: foreground, everything in ``scratch``."""
    temp = "\n".join(
        f"    {name}_temp_path {scratch / name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # As root, workers would otherwise run as "nobody", who cannot read a private temp folder.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return f"""{user}daemon off;
worker_processes 1;
pid {scratch / "nginx.pid"};
error_log stderr warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
{temp}
    server {{
        listen 127.0.0.1:{port};
        root {site};
        include {include};
    }}
}}
"""


@pytest.fixture(scope="module")
def nginx_url(build: Build, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(NGINX).exists():
        found = shutil.which("nginx")
        pytest.fail(f"Debian's nginx is missing ({NGINX}); `apt-get install nginx` ({found})")
    include = build.site.with_name(build.site.name + "-host") / "nginx.conf"
    scratch = tmp_path_factory.mktemp("nginx")
    port = free_port()
    conf = scratch / "nginx.conf"
    conf.write_text(server_config(build.site, include, scratch, port), encoding="utf-8")
    command = [NGINX, "-p", str(scratch), "-e", "stderr", "-c", str(conf)]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr
    log = (scratch / "stderr.log").open("w")
    server = subprocess.Popen(command, stderr=log)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert server.poll() is None, (scratch / "stderr.log").read_text()
                assert time.monotonic() < deadline, "nginx did not start listening"
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def fetch(url: str, encoding: str = "identity") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), error.read()


def site_urls(site: Path) -> list[str]:
    urls = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and not rel.endswith((".br", ".gz", ".map")) and rel != "_headers":
            urls.append(
                "/" + (rel.removesuffix("index.html") if rel.endswith("index.html") else rel)
            )
    return urls


def test_nginx_sends_every_header_of_the_rules_for_every_file(build: Build, nginx_url: str) -> None:
    rules = read_rules(build.site / "_headers")
    wrong = []
    for url in site_urls(build.site):
        status, got, _ = fetch(nginx_url + url)
        wanted = headers_for(rules, url)
        suffix = Path(url + ("index.html" if url.endswith("/") else "")).suffix
        # the type the generated config names for the file (the site's one table)
        named = MIME.get(suffix, got.get("Content-Type", "")).split(";")[0]
        wanted.setdefault("Content-Type", named)
        for name, value in wanted.items():
            sent = got.get(name, "")
            if name == "Content-Type" and sent.split(";")[0] == value:
                continue
            if sent != value:
                wrong.append((url, name, sent))
        if status != 200:
            wrong.append((url, "status", str(status)))
    assert len(site_urls(build.site)) > 50
    assert wrong == []


def test_nginx_sends_the_types_browsers_insist_on(build: Build, nginx_url: str) -> None:
    sent = {}
    for url in site_urls(build.site):
        suffix = Path(url + ("index.html" if url.endswith("/") else "")).suffix
        if suffix in BROWSERS_NEED and suffix not in sent:
            sent[suffix] = fetch(nginx_url + url)[1].get("Content-Type", "").split(";")[0]
    assert sent == BROWSERS_NEED


def test_nginx_serves_the_precompressed_twins(build: Build, nginx_url: str) -> None:
    wasm = next(build.site.rglob("*.wasm"))
    url = "/" + wasm.relative_to(build.site).as_posix()
    status, got, body = fetch(nginx_url + url, "gzip")
    assert (status, got.get("Content-Encoding"), got.get("Content-Type")) == (
        200,
        "gzip",
        "application/wasm",
    )
    assert body == wasm.with_name(wasm.name + ".gz").read_bytes()
    assert "Accept-Encoding" in got.get("Vary", "")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_nginx_answers_a_missing_page_in_its_language(
    build: Build, nginx_url: str, lang: str
) -> None:
    status, got, body = fetch(nginx_url + page_path("no-such-page.md", lang))
    expected = (build.site / ("" if lang == "en" else lang) / "404.html").read_bytes()
    assert (status, body) == (404, expected)
    assert got.get("X-Frame-Options") == "DENY"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_reader_uses_the_site_through_nginx(page: Page, nginx_url: str, lang: str) -> None:
    response = page.goto(nginx_url + page_path("safety.md", lang))
    assert response is not None and response.status == 200
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("article h1")).to_be_visible()

    page.goto(nginx_url + page_path("calculators/load.md", lang))
    wait_ready(page)
    for calculator in ("bfr_load", "cuff_pressure"):
        vector = next(v for v in load_vectors() if v["calculator"] == calculator)
        form = FORM[calculator][1]
        enter(page, form, vector["payload"])
        assert result_of(page, form, vector["expect"], vector.get("tol", 1e-9)) == []
