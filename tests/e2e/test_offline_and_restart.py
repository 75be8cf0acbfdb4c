"""Return visits start from a snapshot, a bad snapshot or cache falls back, everything works
offline, and a new build replaces the old one without mixing the two."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import struct
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.conftest import LANGUAGES, STRINGS, Build, hook, page_path, serve
from tests.e2e.conftest import connection, wait_ready
from tests.e2e.support.forms import VECTORS, enter, failures_of, result_of
from tests.e2e.support.hosts import (
    Host,
    controlled,
    go_offline,
    hosted,
    poll,
    runtime_cached,
)

#: Each test is about a start, the caches or the service worker: an empty context each.
pytestmark = [pytest.mark.e2e, pytest.mark.own_context]

SNAPSHOTS = "bfr-python-snapshots"
RUNTIME = "bfr-python-runtime"
CHECKS = [v for v in VECTORS if v["calculator"] in ("bfr_load", "cuff_pressure")][:6]
#: The cuff-pressure estimate whose equation's intercept (65.290) a tampered snapshot changes.
ESTIMATE = next(
    v for v in VECTORS if v["calculator"] == "cuff_pressure" and "sbp_mmhg" in v["payload"]
)
assert ESTIMATE["expect"]["result.aop_mmhg"] == 166.2
WASM = "**/pyodide.asm.wasm"


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
        + "#bfr_load.one_rm=271%2C828&cuff_pressure.cuff_type=pneumatic_gauge"
        + "&cuff_pressure.limb=leg&cuff_pressure.aop_mmhg=161%2C803"
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


#: The pages the service worker has cached, as paths.
CACHED_PAGES = """caches.keys().then(async (names) => {
  const found = [];
  for (const name of names.filter((n) => n.startsWith("bfr-pages-"))) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) found.push(new URL(request.url).pathname);
  }
  return found;
})"""


@pytest.mark.parametrize("source", ["about.md", "calculators/load.md"])
@pytest.mark.parametrize("save_data", [False, True])
def test_a_reader_who_saves_data_gets_no_offline_copy_of_the_site(
    page: Page, site_url: str, source: str, save_data: bool
) -> None:
    connection(page, save_data, "wifi")
    page.goto(site_url + page_path(source, "en"))
    if source.startswith("calculators/"):
        wait_ready(page)  # the service worker is registered once Python has started
    page.wait_for_load_state("load")
    other_language = json.dumps(urlsplit(site_url + page_path("safety.md", "da")).path)
    if not save_data:
        poll(page, f"({CACHED_PAGES}).then((paths) => paths.includes({other_language}))")
        return
    time.sleep(2)  # longer than a registration and its first downloads take when not saving
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0
    assert page.evaluate(CACHED_PAGES) == []


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


# ---------------------------------------------------------------------- a host that misbehaves


@pytest.fixture
def host(build: Build, tmp_path: Path) -> Iterator[Host]:
    yield from hosted(build, tmp_path)


@pytest.fixture
def short_host(short_build: Build, tmp_path: Path) -> Iterator[Host]:
    """The site built with short limits (tests/conftest.py SHORT_LIMITS), on a host of its own:
    a bad runtime file leaves the start hanging until the watchdog gives up."""
    yield from hosted(short_build, tmp_path)


def short_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


META_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')


def write_page_policies(site: Path) -> None:
    """Give every page the policy of its own inline scripts again, as the build does
    (hooks/static_host.py): a deploy changes the names the pages' start scripts hold."""
    static_host = hook("static_host")
    pages = static_host.pages(site)
    for html in pages:
        html.write_text(META_POLICY.sub("", html.read_text(encoding="utf-8")), encoding="utf-8")
    csp = static_host.policy(static_host.script_hashes(site))
    for html in pages:
        text = html.read_text(encoding="utf-8").replace(
            '<meta name="referrer" content="no-referrer">', ""
        )
        html.write_text(static_host.add_meta(text, csp), encoding="utf-8")


def write_service_worker(site: Path) -> None:
    """Write sw.js for a site as the build does (hooks/offline.py)."""
    hook("offline").write_service_worker(site, list(LANGUAGES))


def deploy(host: Host, tag: str) -> str:
    """Deploy a new build made from the one served: new pages, new calculator scripts, a new
    core archive (a new name), and the service worker that goes with them. Each part says
    which build it is from: the page's <html data-page>, the page script's <html data-script>,
    and the worker's timings.build. Returns the new service worker's VERSION."""
    site = host.root.with_name(tag)
    shutil.copytree(host.root, site)
    scripts = site / "assets/javascripts"
    renamed = {}
    page_marker = f'\ndocument.documentElement.dataset.script = "{tag}";\n'
    worker_marker = f'var timings = {{ build: "{tag}", '
    for name, change in (
        ("calculators", lambda s: s + page_marker),
        (
            "calculators-worker",
            lambda s: re.sub(r'var timings = \{ (build: "\w+", )?', worker_marker, s),
        ),
    ):
        (path,) = [
            p for p in scripts.iterdir() if re.fullmatch(rf"{name}-[0-9a-f]{{12}}\.js", p.name)
        ]
        old = path.read_bytes()
        new = change(old.decode()).encode()
        assert new != old
        path.unlink()
        (scripts / f"{name}-{short_hash(new)}.js").write_bytes(new)
        renamed[path.name] = f"{name}-{short_hash(new)}.js"
    core = next((site / "assets/core").glob("calculators-*.zip"))
    buffer = io.BytesIO(core.read_bytes())
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr(f"calculators/deployed-{tag}.txt", tag)
    data = buffer.getvalue()
    new_core = f"calculators-{short_hash(data)}.zip"
    core.unlink()
    (core.parent / new_core).write_bytes(data)
    renamed[core.name] = new_core
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for old_name, new_name in renamed.items():
            text = text.replace(old_name, new_name)
        html.write_text(text.replace("<html ", f'<html data-page="{tag}" ', 1), encoding="utf-8")
    write_page_policies(site)
    write_service_worker(site)
    host.root = site
    version = re.search(r'const VERSION = "(\w+)"', (site / "sw.js").read_text(encoding="utf-8"))
    assert version
    return version.group(1)


def updated_to(page: Page, version: str) -> None:
    """Wait until the service worker of a new build has taken over (its caches are ready)."""
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    poll(
        page,
        f"""navigator.serviceWorker.getRegistration().then(async (r) => {{
          const names = (await caches.keys()).filter(n => n.startsWith('bfr-pages-'));
          return r.active && r.active.state === 'activated' && !r.installing && !r.waiting
            && names.length === 1 && names[0] === 'bfr-pages-{version}';
        }})""",
        timeout_s=60,
    )


def runtime_urls(page: Page) -> list[str]:
    return page.evaluate(
        f"caches.open('{RUNTIME}').then(c => c.keys()).then(k => k.map(r => r.url))"
    )


# ---------------------------------------------------------------------- S1: bad runtime files


# a failed download is the point: the browser reports it
@pytest.mark.xdist_group("waits")  # the short watchdog
@pytest.mark.parametrize("traffic_allows_errors", [True])
def test_a_truncated_runtime_file_is_not_cached_and_a_reload_recovers(
    page: Page, short_host: Host, traffic_allows_errors: bool
) -> None:
    host = short_host
    page.goto(host.url + page_path("about.md", "en"))
    controlled(page)
    wasm = next(host.root.glob("assets/pyodide/*/pyodide.asm.wasm"))
    host.truncate["/" + wasm.relative_to(host.root).as_posix()] = 4_000_000
    page.goto(host.url + page_path("calculators/load.md", "en"))
    form = page.locator("form[data-calculator=bfr_load]")
    expect(form).to_have_attribute("data-state", "error", timeout=30_000)
    expect(form.locator("[data-status]")).to_have_text(STRINGS["status.failed"]["en"])
    assert not [u for u in runtime_urls(page) if u.endswith(".wasm")], "the cut file was cached"
    host.truncate.clear()  # the host is fixed
    page.reload()
    wait_ready(page)
    computes_the_vectors(page)


@pytest.mark.xdist_group("waits")  # the short watchdog
@pytest.mark.parametrize("traffic_allows_errors", [True])
def test_a_corrupted_cached_runtime_file_is_dropped_and_a_reload_recovers(
    page: Page, short_host: Host, traffic_allows_errors: bool
) -> None:
    host = short_host
    page.goto(host.url + page_path("calculators/load.md", "en"))
    wait_ready(page)
    runtime_cached(page)
    page.evaluate(f"""caches.open('{RUNTIME}').then(async (c) => {{
        const request = (await c.keys()).find(r => r.url.endsWith('.wasm'));
        const cached = await c.match(request);
        const bytes = new Uint8Array(await cached.arrayBuffer());
        for (let i = 1000; i < 1064; i += 1) bytes[i] ^= 0xff;
        await c.put(request, new Response(bytes, {{headers: cached.headers}}));
      }})""")
    page.reload()
    form = page.locator("form[data-calculator=bfr_load]")
    expect(form).to_have_attribute("data-state", "error", timeout=30_000)
    # the reader is told to reload, and a reload does help
    expect(form.locator("[data-status]")).to_have_text(STRINGS["status.failed"]["en"])
    page.reload()
    wait_ready(page)
    computes_the_vectors(page)


# ---------------------------------------------------------------------- S2: tampered snapshots

INTERCEPT = struct.pack("<d", 65.290).hex()
TAMPERED = struct.pack("<d", 165.290).hex()


def tamper_with_snapshot(page: Page, key: str, keep_digest: bool) -> int:
    """Change the intercept of the cuff-pressure estimate in the stored snapshot from 65.290 to
    165.290 (8 bytes); with keep_digest the stored digest is recomputed to match, as anything
    able to write the cache could. Returns how many copies of the number were changed."""
    return int(
        page.evaluate(
            f"""caches.open('{SNAPSHOTS}').then(async (c) => {{
        const hex = (h) => Uint8Array.from(h.match(/../g), (b) => parseInt(b, 16));
        const [from, to] = [hex('{INTERCEPT}'), hex('{TAMPERED}')];
        const real = await c.match('{key}');
        const bytes = new Uint8Array(await real.arrayBuffer());
        let changed = 0;
        for (let i = 0; i + 8 <= bytes.length; i += 8) {{
          if (from.every((b, j) => bytes[i + j] === b)) {{ bytes.set(to, i); changed += 1; }}
        }}
        const headers = new Headers(real.headers);
        if ({str(keep_digest).lower()}) {{
          const text = new TextEncoder().encode(
            headers.get('x-snapshot-bytes') + '\\n' + headers.get('x-snapshot-runs') + '\\n');
          const whole = new Uint8Array(text.length + bytes.length);
          whole.set(text); whole.set(bytes, text.length);
          const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', whole));
          headers.set('x-snapshot-sha256',
            Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''));
        }}
        await c.put('{key}', new Response(bytes, {{headers}}));
        return changed;
      }})"""
        )
    )


@pytest.mark.parametrize("keep_digest", [False, True], ids=["digest-stale", "digest-forged"])
def test_a_tampered_snapshot_gives_a_normal_start_never_a_wrong_pressure(
    page: Page, site_url: str, keep_digest: bool
) -> None:
    page.goto(site_url + page_path("calculators/load.md", "en"))
    wait_ready(page)
    key = wait_for_snapshot(page)
    assert tamper_with_snapshot(page, key, keep_digest) >= 1
    page.reload()
    # a stale digest is caught before the restore; a forged one by the reference cases
    assert wait_ready(page) == "fresh"
    assert failures_of(page, [ESTIMATE]) == []
    computes_the_vectors(page)


# ---------------------------------------------------------------------- S3, S4: deploys


def test_two_deploys_with_the_network_off_in_between_keep_offline_use_and_one_build(
    page: Page, context: BrowserContext, host: Host
) -> None:
    page.goto(host.url + page_path("calculators/load.md", "en"))
    wait_ready(page)
    runtime_cached(page)
    for tag in ("v2", "v3"):
        version = deploy(host, tag)
        # the reader comes back online to a content page only, then goes offline
        page.goto(host.url + page_path("about.md", "da"))
        updated_to(page, version)
        go_offline(page.context, host)
        for lang in LANGUAGES:
            page.goto(host.url + page_path("calculators/load.md", lang))
            wait_ready(page)
            built = page.evaluate(
                """[document.documentElement.dataset.page, document.documentElement.dataset.script,
                performance.getEntriesByName('bfr-python-ready')[0].detail.worker.build]"""
            )
            assert built == [tag, tag, tag], "the page and its scripts are of different builds"
            computes_the_vectors(page)
        go_offline(page.context, host, False)


# ---------------------------------------------------------------------- S5: query strings


def test_query_string_visits_do_not_grow_the_pages_cache(page: Page, host: Host) -> None:
    page.goto(host.url + page_path("about.md", "en"))
    controlled(page)
    count = """caches.keys().then(async (names) => {
        const name = names.find(n => n.startsWith('bfr-pages-'));
        return (await (await caches.open(name)).keys()).length;
      })"""
    before = page.evaluate(count)
    for n in range(5):
        page.goto(host.url + page_path("about.md", "en") + f"?utm_source={n}")
        expect(page.locator("article h1")).to_be_visible()
    assert page.evaluate(count) == before
    # and a query-string visit still works offline
    go_offline(page.context, host)
    page.goto(host.url + page_path("about.md", "en") + "?utm_source=offline")
    expect(page.locator("article h1")).to_be_visible()
    go_offline(page.context, host, False)
