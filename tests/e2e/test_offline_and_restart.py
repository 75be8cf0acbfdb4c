"""Return visits start from a snapshot, a bad snapshot falls back, and everything works offline."""

from __future__ import annotations

import json
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.conftest import LANGUAGES, Build, page_path, serve
from tests.e2e.conftest import wait_ready
from tests.e2e.test_calculators import VECTORS, enter, failures_of, result_of

pytestmark = pytest.mark.e2e

SNAPSHOTS = "bfr-python-snapshots"
CHECKS = [v for v in VECTORS if v["calculator"] in ("bfr_load", "cuff_pressure")][:6]


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


def snapshot_urls(page: Page) -> list[str]:
    return page.evaluate(
        f"caches.open('{SNAPSHOTS}').then(c => c.keys()).then(k => k.map(r => r.url))"
    )


def wait_for_snapshot(page: Page) -> str:
    """The URL of the one snapshot kept, once it is stored."""
    return str(
        poll(
            page,
            f"""caches.open('{SNAPSHOTS}').then(c => c.keys())
        .then(k => k.length === 1 ? k[0].url : null)""",
        )
    )


def computes_the_vectors(page: Page) -> None:
    assert failures_of(page, CHECKS) == []


def test_a_return_visit_restores_python_from_its_snapshot(page: Page, site_url: str) -> None:
    page.goto(site_url + page_path("calculators/load.md", "en"))
    assert wait_ready(page) == "fresh"
    wait_for_snapshot(page)
    page.reload()
    assert wait_ready(page) == "snapshot"
    computes_the_vectors(page)


def test_a_broken_snapshot_falls_back_to_a_normal_start(page: Page, site_url: str) -> None:
    page.goto(site_url + page_path("calculators/load.md", "da"))
    wait_ready(page)
    key = wait_for_snapshot(page)
    # same length and layout as the real one, so it is read in full and fails only on restore
    page.evaluate(f"""caches.open('{SNAPSHOTS}').then(async (c) => {{
        const real = await c.match('{key}');
        const junk = new Uint8Array((await real.arrayBuffer()).byteLength).fill(7);
        await c.put('{key}', new Response(junk, {{headers: real.headers}}));
      }})""")
    page.reload()
    assert wait_ready(page) == "fresh"
    computes_the_vectors(page)
    poll(
        page,
        f"""caches.open('{SNAPSHOTS}').then(c => c.match('{key}'))
        .then(r => r && r.arrayBuffer()).then(b => b && b.byteLength > 1000000)""",
    )


def test_the_snapshot_holds_nothing_the_reader_typed(page: Page, site_url: str) -> None:
    # the inputs arrive with the page (as from a shared link) before Python is ready
    page.goto(
        site_url
        + page_path("calculators/load.md", "en")
        + "#bfr_load.one_rm=271%2C828&cuff_pressure.aop_mmhg=161%2C803"
    )
    wait_ready(page)
    assert result_of(page, "bfr_load", {"result.one_rm": 271.828}, 1e-9) == []
    key = wait_for_snapshot(page)
    found = page.evaluate(f"""caches.open('{SNAPSHOTS}').then(c => c.match('{key}'))
        .then(r => r.arrayBuffer()).then(b => {{
          const text = new TextDecoder('latin1').decode(new Uint8Array(b));
          return ['271,828', '271.828', '161,803', '161.803'].filter(s => text.includes(s));
        }})""")
    assert found == []


def test_python_starts_on_the_built_standard_library_subset(page: Page, site_url: str) -> None:
    urls: list[str] = []
    page.context.on("request", lambda request: urls.append(request.url))
    page.goto(site_url + page_path("calculators/screening.md", "en"))
    wait_ready(page)
    assert any(re.search(r"/assets/core/python-stdlib-[0-9a-f]+\.zip$", u) for u in urls)
    assert not any(u.endswith("/python_stdlib.zip") for u in urls)


def runtime_cached(page: Page) -> None:
    """The service worker says when every runtime file is cached."""
    expect(page.locator("html")).to_have_attribute("data-offline-ready", "", timeout=30_000)


def test_everything_works_offline_after_one_visit(
    page: Page, context: BrowserContext, site_url: str
) -> None:
    page.goto(site_url + page_path("calculators/load.md", "en"))
    wait_ready(page)
    runtime_cached(page)
    context.set_offline(True)
    for lang in LANGUAGES:
        page.goto(site_url + page_path("safety.md", lang))
        expect(page.locator("article h1")).to_be_visible()
        page.goto(site_url + page_path("calculators/load.md", lang))
        wait_ready(page)
        computes_the_vectors(page)
        page.goto(site_url + page_path("calculators/screening.md", lang))
        wait_ready(page)
        data = json.loads(page.locator("#bfr-calculator-data").text_content() or "{}")
        answers = {question["id"]: "no" for question in data["questions"]}
        enter(page, "screening", {"answers": answers})
        assert result_of(page, "screening", {"result.level": "go"}, 0) == []
    context.set_offline(False)


@pytest.fixture
def own_site(build: Build, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A private copy of the built site, served on its own port, that a test may redeploy."""
    site = tmp_path / "site"
    shutil.copytree(build.site, site)
    for url in serve(site):
        yield url, site


def test_a_new_version_replaces_the_old_caches(page: Page, own_site: tuple[str, Path]) -> None:
    url, site = own_site
    page.goto(url + page_path("index.md", "da"))
    poll(page, "navigator.serviceWorker.ready.then(r => !!r.active)")
    old = poll(page, "caches.keys().then(k => k.filter(n => n.startsWith('bfr-pages-')))")
    assert len(old) == 1
    # deploy a new build: only the service worker's version changes
    worker = site / "sw.js"
    worker.write_text(
        re.sub(
            r'const VERSION = "[0-9a-f]+"',
            'const VERSION = "next"',
            worker.read_text(encoding="utf-8"),
        ),
        encoding="utf-8",
    )
    for twin in (site / "sw.js.br", site / "sw.js.gz"):
        twin.unlink(missing_ok=True)
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    poll(
        page,
        """caches.keys().then(k =>
        k.includes('bfr-pages-next') && k.filter(n => n.startsWith('bfr-pages-')).length === 1)""",
    )
    page.reload()
    expect(page.locator("article h1")).to_be_visible()
