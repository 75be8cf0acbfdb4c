"""Benchmark of the calculators in Debian's Chromium, against a plain Pyodide baseline.

A script, not a test: it prints figures, it asserts nothing.
Run: .venv/bin/python tests/benchmark.py [--profile phone|fast|both] [--runs 5]

It builds the site, adds a baseline page that loads the same pinned Pyodide the ordinary way
(main thread, full standard library) and imports the same core, serves both as the production
host would (precompressed files, the site's cache rules) on 127.0.0.1, and prints the median of
five runs of:

- navigation to the first result, cold (a new browser profile each run) and warm (the same
  persistent profile on a return visit: incognito contexts would download everything again);
- bytes before the first result: as transferred here, and as a production server would send
  them over HTTPS (the brotli twin of each file);
- main-thread tasks over 50 ms until the first result;
- once ready, the time from an input to its result on the page (one frame is 16 ms);
- the bytes a content page transfers;
- where a start spends its time: when the worker's script runs, when Pyodide's loader is in,
  when Python has booted and when the core is imported, from navigation (the worker reports
  these with its "ready" message; the page script records them as a performance mark).

Each figure is also given as a ratio to the baseline, so the comparison holds on a noisy machine.

Two profiles, printed side by side in one run:

- fast: localhost as it is, no throttling;
- phone: Lighthouse's mobile profile. The CPU is slowed 4x through the DevTools protocol
  (Emulation.setCPUThrottlingRate on each page, and on every target the page auto-attaches, the
  calculators' dedicated worker among them), and the network by the test server itself
  (tests/slow_network.py: 1.6 Mbit/s shared by all connections, 150 ms before each response's first
  byte, the brotli twins as a production host sends them): DevTools network throttling does not
  reliably cover workers.

Besides the figures above, each profile gives:

- the byte floor: the time from navigation until the WebAssembly file and its loader
  (pyodide.asm.wasm and pyodide.asm.mjs, as the server sends them) have arrived on that link,
  fetched by a page that does nothing else; no page that runs Pyodide can show a result sooner;
- each navigation's ratio to the byte floor;
- from a click on the home page's link to the load calculator to the first result on that page,
  on a first and on a return visit: the home page is opened and loaded, the pointer rests on the
  link for 200 ms (enough for speculation rules of moderate eagerness to act) and then clicks.

Then the same calculator in the three engines readers use, side by side: Chromium (Playwright),
Firefox ESR (WebDriver BiDi) and WebKitGTK's MiniBrowser (WebKitWebDriver, under Xvfb), each
measured the same way, with the drivers of the cross-engine tests (tests/engines/drivers.py): a
fresh browser per run, a first visit and two return visits, on the fast link. The 1 RM "100" is
typed as soon as the load event returns (WebKit's driver can put nothing into a page before
then), and the figure is performance.now() when the form first holds an ok result, from
navigation. Run alone: --profile engines.

Then, for the build-time memory snapshot left open earlier: the interpreter's start on a first
visit under CPU 4x (the worker's "loader" to "booted", measured on the fast link so that no
download is counted in it: what a snapshot restored instead of a boot could save at most) against
the time its extra 2.1 MB of brotli take on the phone's link. Last, the Lighthouse table of
tests/lighthouse.py when that module exists.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, CDPSession, Page, Playwright, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import CHROMIUM, NOWHERE, playwright_disabled_features  # noqa: E402
from tests.engines import drivers  # noqa: E402
from tests.slow_network import (  # noqa: E402
    PHONE_LATENCY_S,
    PHONE_RATE_BYTES_PER_S,
    serve_throttled,
)

RUNS = 5
CALCULATOR = "/calculators/load/#bfr_load.one_rm=100"
CONTENT = "/safety/"
BASELINE = "/baseline/"
FLOOR = "/floor/"
HOME = "/"
#: The home page's link to the load calculator, in the page's content (not the navigation).
HOME_LINK = ".md-content a[href$='calculators/load/']"
#: Lighthouse's mobile profile slows the CPU four times.
PHONE_CPU = 4
#: The build-time snapshot's extra download (brotli), measured when it was tried (issue 6).
SNAPSHOT_BYTES = 2_100_000
TIMEOUT_MS = 240_000
#: Installed in every page: when the first result appears, and every long main-thread task.
INSTRUMENT = """
window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
}).observe({type: "longtask", buffered: true});
new MutationObserver((records) => {
  const result = records.some((r) => r.attributeName === "data-result");
  if (window.__firstResult === undefined && result) {
    window.__firstResult = performance.now();
    window.__longTasksAtResult = window.__longTasks.slice();
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-result"]});
addEventListener("click", () => {
  try {
    sessionStorage.setItem("__clickAt", String(performance.timeOrigin + performance.now()));
  } catch {}
}, true);
"""
BASELINE_PAGE = """<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Baseline: plain Pyodide</title>
<p id="out">Loading Pyodide…</p>
<script type="module" src="start.mjs"></script>
"""
#: The baseline's script, in a file of its own: the site's policy refuses inline scripts.
BASELINE_SCRIPT = """\
import { loadPyodide } from "../assets/pyodide/VERSION/pyodide.mjs";
performance.mark("baseline-loader");
const py = await loadPyodide();
performance.mark("baseline-booted");
const core = await (await fetch("../assets/core/CORE")).arrayBuffer();
py.unpackArchive(core, "zip", { extractDir: "/home/pyodide/core" });
py.runPython("import sys; sys.path.insert(0, '/home/pyodide/core')");
const api = py.pyimport("calculators.api");
performance.mark("baseline-imported");
document.getElementById("out").dataset.result = api.run("bfr_load", '{"one_rm": "100"}');
"""


FLOOR_PAGE = """<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Byte floor: the WebAssembly file and its loader</title>
<p id="out">Downloading…</p>
<script type="module" src="start.mjs"></script>
"""
#: Both files fetched at once, as the browser would; done when the last byte of both is in.
FLOOR_SCRIPT = """\
const files = ["pyodide.asm.wasm", "pyodide.asm.mjs"];
const sizes = await Promise.all(files.map(async (name) => {
  const response = await fetch(`../assets/pyodide/VERSION/${name}`);
  return (await response.arrayBuffer()).byteLength;
}));
document.getElementById("out").dataset.result = JSON.stringify(sizes);
"""
#: From the click on the previous page (kept in sessionStorage) to the first result shown on this
#: one; a prerendered page shows its result when it is activated, not before.
CLICK_TO_RESULT = """(() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const activated = nav && nav.activationStart ? nav.activationStart : 0;
  const result = window.__firstResult === undefined ? activated : window.__firstResult;
  const clicked = Number(sessionStorage.getItem("__clickAt"));
  return {ms: performance.timeOrigin + Math.max(result, activated) - clicked,
          prerendered: activated > 0};
})()"""
RESULT_SHOWN = (
    "window.__firstResult !== undefined"
    " || (document.querySelector('[data-result]') !== null"
    " && performance.getEntriesByType('navigation')[0].activationStart > 0)"
)


PHASES = ("script", "loader", "booted", "imported")
#: The worker's phases, in milliseconds from navigation; for the baseline page, which runs
#: Pyodide on the main thread, the same phases from its own marks (no "script").
WORKER_PHASES = """(() => {
  const mark = performance.getEntriesByName("bfr-python-ready")[0];
  if (!mark) {
    return Object.fromEntries(performance.getEntriesByType("mark")
      .filter((m) => m.name.startsWith("baseline-"))
      .map((m) => [m.name.slice("baseline-".length), m.startTime]));
  }
  const worker = mark.detail.worker;
  const shift = worker.origin - performance.timeOrigin;
  return Object.fromEntries(Object.entries(worker)
    .filter(([name]) => name !== "origin").map(([name, ms]) => [name, ms + shift]));
})()"""


@dataclass
class Visit:
    first_result_ms: float = 0.0
    transferred: int = 0
    production: int = 0
    long_tasks: list[float] = field(default_factory=list)
    phases: dict[str, float] = field(default_factory=dict)


def build(target: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(target)],
        cwd=ROOT,
        check=True,
        env=env,
    )
    version = next((target / "assets" / "pyodide").iterdir()).name
    shutil.copyfile(
        ROOT / "node_modules/pyodide/python_stdlib.zip",
        target / "assets/pyodide" / version / "python_stdlib.zip",
    )
    core = next((target / "assets/core").glob("calculators-*.zip")).name
    page = target / "baseline" / "index.html"
    page.parent.mkdir()
    page.write_text(BASELINE_PAGE, encoding="utf-8")
    page.with_name("start.mjs").write_text(
        BASELINE_SCRIPT.replace("VERSION", version).replace("CORE", core), encoding="utf-8"
    )
    floor = target / FLOOR.strip("/") / "index.html"
    floor.parent.mkdir()
    floor.write_text(FLOOR_PAGE, encoding="utf-8")
    floor.with_name("start.mjs").write_text(
        FLOOR_SCRIPT.replace("VERSION", version), encoding="utf-8"
    )


def launch(playwright: Playwright, profile: Path) -> BrowserContext:
    args = [
        f"--gaia-url={NOWHERE}",
        f"--component-updater=url-source={NOWHERE}",
        "--disable-features="
        + ",".join([*playwright_disabled_features(), "AutofillServerCommunication"]),
    ]
    context = playwright.chromium.launch_persistent_context(
        str(profile), executable_path=str(CHROMIUM), headless=True, args=args
    )
    context.add_init_script(INSTRUMENT)
    return context


#: Which kinds of targets the CPU throttle reached through auto-attach, and which refused it.
ATTACHED: dict[str, int] = {}
REFUSED: dict[str, str] = {}


def throttle_cpu(context: BrowserContext, page: Page, rate: float) -> CDPSession | None:
    """Slow the page's CPU ``rate`` times, and every target it starts (its dedicated worker, a
    prerendered page) as it attaches; the session must live as long as the page."""
    if rate <= 1:
        return None
    session = context.new_cdp_session(page)
    session.send("Emulation.setCPUThrottlingRate", {"rate": rate})
    kinds: dict[str, str] = {}
    ids = iter(range(1, 1_000_000))

    def to_target(target: str, method: str, params: dict[str, object]) -> None:
        message = json.dumps({"id": next(ids), "method": method, "params": params})
        session.send("Target.sendMessageToTarget", {"sessionId": target, "message": message})

    def attached(event: dict[str, dict[str, str] | str]) -> None:
        target = str(event["sessionId"])
        info = event["targetInfo"]
        assert isinstance(info, dict)
        kinds[target] = info["type"]
        ATTACHED[info["type"]] = ATTACHED.get(info["type"], 0) + 1
        to_target(target, "Emulation.setCPUThrottlingRate", {"rate": rate})
        to_target(target, "Runtime.runIfWaitingForDebugger", {})

    def answered(event: dict[str, str]) -> None:
        reply = json.loads(event["message"])
        if "error" in reply:
            kind = kinds.get(event["sessionId"], "?")
            REFUSED[kind] = str(reply["error"].get("message"))

    session.on("Target.attachedToTarget", attached)
    session.on("Target.receivedMessageFromTarget", answered)
    session.send(
        "Target.setAutoAttach",
        {"autoAttach": True, "waitForDebuggerOnStart": True, "flatten": False},
    )
    return session


def production_size(site: Path, url: str) -> int:
    """What a production server sends for this URL: the brotli twin if there is one."""
    path = site / urlsplit(url).path.lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    twin = path.with_name(path.name + ".br")
    return twin.stat().st_size if twin.is_file() else path.stat().st_size if path.is_file() else 0


def visit(
    context: BrowserContext,
    site: Path,
    url: str,
    until: Callable[[Page], object],
    cpu: float = 1,
) -> Visit:
    record = Visit()
    urls: list[str] = []

    def finished(request) -> None:  # type: ignore[no-untyped-def]
        sizes = request.sizes()
        record.transferred += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        urls.append(request.url)

    context.on("requestfinished", finished)
    page = context.new_page()
    session = throttle_cpu(context, page, cpu)
    page.goto(url, timeout=TIMEOUT_MS)
    until(page)
    if page.evaluate("window.__firstResult !== undefined"):
        record.first_result_ms = float(page.evaluate("window.__firstResult"))
        record.long_tasks = list(page.evaluate("window.__longTasksAtResult"))
        record.phases = dict(page.evaluate(WORKER_PHASES))
    else:
        record.long_tasks = list(page.evaluate("window.__longTasks"))
    if session is not None:
        session.detach()
    page.close()
    context.remove_listener("requestfinished", finished)
    record.production = sum(production_size(site, u) for u in urls)
    return record


def wait_until(page: Page, expression: str) -> None:
    """Poll ``expression`` until it is true: page.wait_for_function evaluates its predicate in a
    way the site's policy (no 'unsafe-eval') refuses. The figures are taken in the page, so the
    polling interval does not enter them."""
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{expression} still false after {TIMEOUT_MS} ms")
        page.wait_for_timeout(50)


def first_result(page: Page) -> None:
    wait_until(page, "window.__firstResult !== undefined")


def input_latency_ms(context: BrowserContext, url: str, cpu: float = 1) -> list[float]:
    """Once ready, time from typing a value to its result on the page."""
    page = context.new_page()
    session = throttle_cpu(context, page, cpu)
    page.goto(url, timeout=TIMEOUT_MS)
    first_result(page)
    times = []
    for value in ("101", "102,5", "103", "104,5", "105", "106", "107,5"):
        times.append(
            float(
                page.evaluate(
                    """(value) => new Promise((done) => {
          const form = document.querySelector("form[data-calculator=bfr_load]");
          const input = form.querySelector("[name=one_rm]");
          const start = performance.now();
          new MutationObserver((records, observer) => {
            observer.disconnect();
            done(performance.now() - start);
          }).observe(form, {attributes: true, attributeFilter: ["data-result"]});
          input.value = value;
          input.dispatchEvent(new Event("input", {bubbles: true}));
        })""",
                    value,
                )
            )
        )
    if session is not None:
        session.detach()
    page.close()
    return times[2:]  # the first inputs also warm up the JIT


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def measure(
    playwright: Playwright,
    tmp: Path,
    site: Path,
    base: str,
    path: str,
    cpu: float = 1,
    runs: int = RUNS,
    warm_runs: bool = True,
) -> dict[str, float]:
    label = f"{path.strip('/').replace('/', '-') or 'home'}-{cpu:g}-{next(FOLDERS)}"
    cold = []
    for run in range(runs):
        context = launch(playwright, tmp / f"cold-{label}-{run}")
        cold.append(visit(context, site, base + path, first_result, cpu))
        context.close()
    warm: list[Visit] = []
    latency: list[float] = []
    if warm_runs:
        context = launch(playwright, tmp / f"warm-{label}")
        visit(context, site, base + path, first_result, cpu)
        context.pages[0].wait_for_timeout(3000)  # let the snapshot and caches settle
        warm = [visit(context, site, base + path, first_result, cpu) for _ in range(runs)]
        latency = input_latency_ms(context, base + path, cpu) if path == CALCULATOR else []
        context.close()
    return {
        "cold_s": median([v.first_result_ms for v in cold]) / 1000,
        "warm_s": median([v.first_result_ms for v in warm]) / 1000,
        "transferred_mb": median([v.transferred for v in cold]) / 1e6,
        "production_mb": median([v.production for v in cold]) / 1e6,
        "warm_transferred_mb": median([v.transferred for v in warm]) / 1e6,
        "long_tasks": median([len([t for t in v.long_tasks if t > 50]) for v in cold]),
        "longest_task_ms": median([max(v.long_tasks, default=0) for v in cold]),
        "input_ms": median(latency),
        **{
            f"{when}_{name}_ms": median([v.phases[name] for v in visits if name in v.phases])
            for when, visits in (("cold", cold), ("warm", warm))
            for name in PHASES
        },
        "cold_start_ms": median(
            [
                v.phases["booted"] - v.phases["loader"]
                for v in cold
                if "booted" in v.phases and "loader" in v.phases
            ]
        ),
    }


FOLDERS = iter(range(1_000_000))


def click_to_result(page: Page, base: str) -> tuple[float, bool]:
    """Open the home page, rest the pointer on the calculator link for 200 ms, click it; the
    seconds from the click to the first result on the calculator's page, and whether that page
    had been prerendered."""
    page.goto(base + HOME, timeout=TIMEOUT_MS)
    page.wait_for_load_state("load")
    link = page.locator(HOME_LINK).first
    link.hover()
    page.wait_for_timeout(200)
    link.click()
    page.wait_for_url("**/calculators/load/**", timeout=TIMEOUT_MS)
    wait_until(page, RESULT_SHOWN)
    found = page.evaluate(CLICK_TO_RESULT)
    return float(found["ms"]) / 1000, bool(found["prerendered"])


def clicked(
    context: BrowserContext, base: str, cpu: float, settle_ms: int = 0
) -> tuple[float, bool]:
    """One click to result on a new page of ``context``, its CPU slowed ``cpu`` times; the page
    is left open ``settle_ms`` longer (for the snapshot and caches to be stored) and closed."""
    page = context.new_page()
    session = throttle_cpu(context, page, cpu)
    took = click_to_result(page, base)
    page.wait_for_timeout(settle_ms)
    if session is not None:
        session.detach()
    page.close()
    return took


def measure_click(
    playwright: Playwright, tmp: Path, base: str, cpu: float, runs: int
) -> dict[str, float]:
    """From a click on the home page's calculator link to the first result, first visit (a new
    profile each run) and return visit (one profile that has seen both pages before)."""
    label = f"click-{cpu:g}-{next(FOLDERS)}"
    cold: list[tuple[float, bool]] = []
    for run in range(runs):
        context = launch(playwright, tmp / f"{label}-cold-{run}")
        cold.append(clicked(context, base, cpu))
        context.close()
    context = launch(playwright, tmp / f"{label}-warm")
    clicked(context, base, cpu, settle_ms=3000)
    warm = [clicked(context, base, cpu) for _ in range(runs)]
    context.close()
    return {
        "click_cold_s": median([s for s, _ in cold]),
        "click_warm_s": median([s for s, _ in warm]),
        "click_cold_prerendered": sum(p for _, p in cold),
        "click_warm_prerendered": sum(p for _, p in warm),
    }


@dataclass
class Profile:
    name: str
    title: str
    cpu: float
    ours: dict[str, float] = field(default_factory=dict)
    plain: dict[str, float] = field(default_factory=dict)
    floor: dict[str, float] = field(default_factory=dict)
    content: list[Visit] = field(default_factory=list)


@contextlib.contextmanager
def served(site: Path, profile: str) -> Iterator[str]:
    """The site as a production host serves it (header rules, brotli twins, 304 for what the
    browser holds), on the phone's link or at full speed."""
    if profile == "phone":
        with serve_throttled(site) as base:
            yield base
    else:
        with serve_throttled(site, rate_bytes_per_s=0, latency_s=0) as base:
            yield base


def run_profile(playwright: Playwright, tmp: Path, site: Path, profile: Profile, runs: int) -> None:
    with served(site, profile.name) as base:
        profile.floor = measure(
            playwright, tmp, site, base, FLOOR, profile.cpu, runs, warm_runs=False
        )
        profile.ours = measure(playwright, tmp, site, base, CALCULATOR, profile.cpu, runs)
        profile.ours.update(measure_click(playwright, tmp, base, profile.cpu, runs))
        profile.plain = measure(playwright, tmp, site, base, BASELINE, profile.cpu, runs)
        for run in range(runs):
            context = launch(playwright, tmp / f"content-{profile.name}-{run}")
            profile.content.append(
                visit(
                    context,
                    site,
                    base + CONTENT,
                    lambda p: p.wait_for_load_state("networkidle"),
                    profile.cpu,
                )
            )
            context.close()


def report(profile: Profile, runs: int) -> None:
    ours, plain = profile.ours, profile.plain
    floor = profile.floor["cold_s"]
    goals = {
        ("fast", "cold_s"): "≤ 1.0 s",
        ("fast", "warm_s"): "≤ 0.5 s",
        ("phone", "cold_floor"): "≤ 1.10x",
        ("fast", "click_warm_s"): "≤ 0.3 s",
        ("phone", "click_warm_s"): "≤ 0.3 s",
    }

    def goal(key: str) -> str:
        return goals.get((profile.name, key), "")

    def row(label: str, key: str, unit: str, fmt: str = ".2f") -> None:
        ratio = f"{ours[key] / plain[key]:.2f}x" if plain.get(key) else "-"
        print(
            f"| {label} | {ours[key]:{fmt}} {unit} | {plain[key]:{fmt}} {unit} | {ratio}"
            f" | {goal(key)} |"
        )

    def to_floor(label: str, key: str) -> None:
        if not floor:
            return
        mine, theirs = ours[key] / floor, plain[key] / floor
        print(f"| {label} | {mine:.2f}x | {theirs:.2f}x | - | {goal(key[:-2] + '_floor')} |")

    def only_ours(label: str, value: str, key: str = "") -> None:
        print(f"| {label} | {value} | - | - | {goal(key)} |")

    print(f"\n{profile.title}\n")
    print(f"| median of {runs} | this site | plain Pyodide | ratio | goal |")
    print("|---|---|---|---|---|")
    row("navigation to first result, first visit", "cold_s", "s")
    row("navigation to first result, return visit", "warm_s", "s")
    only_ours(
        "byte floor: pyodide.asm.wasm and pyodide.asm.mjs arrived, from navigation",
        f"{floor:.2f} s ({profile.floor['production_mb']:.2f} MB)",
    )
    to_floor("first visit ÷ byte floor", "cold_s")
    to_floor("return visit ÷ byte floor", "warm_s")
    row("bytes before first result, transferred here", "transferred_mb", "MB")
    row("bytes before first result, production (brotli)", "production_mb", "MB")
    row("bytes before first result, return visit, transferred", "warm_transferred_mb", "MB")
    row("main-thread tasks over 50 ms before first result", "long_tasks", "", ".0f")
    row("longest main-thread task before first result", "longest_task_ms", "ms", ".0f")
    only_ours("input to result once ready", f"{ours['input_ms']:.1f} ms")
    for when, label in (("cold", "first visit"), ("warm", "return visit")):
        key = f"click_{when}_s"
        prerendered = int(ours[f"click_{when}_prerendered"])
        only_ours(
            f"click on the home page's calculator link to first result, {label}",
            f"{ours[key]:.2f} s"
            + (f" ({prerendered} of the runs prerendered)" if prerendered else ""),
            key,
        )
    for when, label in (("cold", "first visit"), ("warm", "return visit")):
        steps = ", ".join(f"{name} {ours[f'{when}_{name}_ms']:.0f}" for name in PHASES)
        only_ours(f"worker phases, {label} (ms from navigation)", steps)
    longest = median([max(v.long_tasks, default=0) for v in profile.content])
    only_ours("longest main-thread task on a content page (no calculator)", f"{longest:.0f} ms")
    transferred = median([v.transferred for v in profile.content]) / 1e6
    production = median([v.production for v in profile.content]) / 1e6
    only_ours(
        "bytes a content page transfers",
        f"{transferred:.2f} MB (production {production:.2f} MB)",
    )


def snapshot_trade_off(starts: dict[str, float], stdlib_bytes: int) -> None:
    """What a build-time snapshot could save on a phone's first visit against what it costs.

    A snapshot restored instead of a boot saves at most the interpreter's start ("loader" to
    "booted" on a first visit). Chromium refuses CPU throttling for a dedicated worker, where the
    site boots Python, so that start is measured unthrottled and scaled; the throttle's real
    effect on Pyodide's start is measured on the baseline page, which boots on the main thread.
    A restored heap holds the modules already imported, so the standard library's archive need
    not come too: the net cost is the snapshot less that archive."""
    worker = starts["ours_1x"] / 1000
    main_1x, main_4x = starts["plain_1x"] / 1000, starts["plain_4x"] / 1000
    factor = main_4x / main_1x if main_1x else 0.0
    net = SNAPSHOT_BYTES - stdlib_bytes
    download = net / PHONE_RATE_BYTES_PER_S
    print(
        "\nBuild-time snapshot on a phone's first visit (interpreter start: loader to booted,"
        " fast link, first visit):"
    )
    print(f"- this site's worker, CPU not throttled (Chromium refuses it there): {worker:.2f} s")
    print(
        f"- plain Pyodide on the main thread: {main_1x:.2f} s; under CPU {PHONE_CPU}x:"
        f" {main_4x:.2f} s ({factor:.1f} times longer)"
    )
    print(
        f"- this site's start under CPU {PHONE_CPU}x, scaled: {worker * PHONE_CPU:.2f} s"
        f" ({PHONE_CPU}x), {worker * factor:.2f} s (by the measured {factor:.1f}x)"
    )
    rate = f"{PHONE_RATE_BYTES_PER_S * 8 / 1e6:.1f} Mbit/s"
    gross = SNAPSHOT_BYTES / PHONE_RATE_BYTES_PER_S
    print(
        f"- its {SNAPSHOT_BYTES / 1e6:.1f} MB at {rate}: {gross:.2f} s; less the standard"
        f" library's archive it replaces ({stdlib_bytes / 1e6:.2f} MB),"
        f" {net / 1e6:.2f} MB: {download:.2f} s"
    )
    saved = worker * max(PHONE_CPU, factor)
    print(
        f"At best (the larger scaled start, the restore's own time not counted) a snapshot saves"
        f" {saved - download:+.2f} s on this link's first visit; it pays only if that is well"
        f" above zero."
    )
    for label, seconds in (("a phone (CPU 4x)", saved), ("this machine (CPU 1x)", worker)):
        print(
            f"- on {label} it pays from {net * 8 / seconds / 1e6:.1f} Mbit/s"
            f" ({net / 1e6:.2f} MB in the {seconds:.2f} s it saves)"
        )
    if ATTACHED:
        kinds = ", ".join(f"{kind} ({count})" for kind, count in sorted(ATTACHED.items()))
        print(f"CPU throttle also sent to the targets the pages started: {kinds}.")
    for kind, error in sorted(REFUSED.items()):
        print(f"CPU throttle refused by a {kind} target: {error}")


# ------------------------------------------------------------------ the three engines

ENGINE_PAGE = "/calculators/load/"
ENGINE_RETURNS = 2
#: Put in once the load event has returned: the 1 RM typed, and the moment the form first holds
#: an ok result (ms from navigation). The same in every engine.
TYPE_AND_TIME = """(() => {
  const form = document.querySelector("form[data-calculator=bfr_load]");
  const ok = () => { try { return JSON.parse(form.dataset.result || "{}").ok === true; }
                     catch { return false; } };
  window.__firstResult = undefined;
  const look = () => {
    if (window.__firstResult === undefined && ok()) window.__firstResult = performance.now();
  };
  new MutationObserver(look).observe(form, { attributes: true, attributeFilter: ["data-result"] });
  const input = form.querySelector("[name=one_rm]");
  input.value = "100";
  input.dispatchEvent(new Event("input", { bubbles: true }));
  look();
  return true;
})()"""
#: When it came, and how Python started: the page's own "ready" mark and the runtime it used.
ENGINE_FIGURES = """window.__firstResult !== undefined && [
  window.__firstResult,
  (performance.getEntriesByName("bfr-python-ready")[0] || { startTime: 0 }).startTime,
  document.querySelector("form[data-calculator=bfr_load]").dataset.runtime || "",
]"""
ENGINES = ("chromium", "firefox", "webkit")


@dataclass
class EngineVisits:
    first: list[tuple[float, float, str]] = field(default_factory=list)
    returns: list[tuple[float, float, str]] = field(default_factory=list)
    version: str = ""


def chromium_version() -> str:
    found = subprocess.run(
        [str(CHROMIUM), "--version"], capture_output=True, text=True, check=False
    )
    words = found.stdout.split()
    return words[1] if len(words) > 1 else "?"


def chromium_visits(playwright: Playwright, profile: Path, url: str) -> EngineVisits:
    """A first visit and the return visits in one fresh Chromium profile."""
    context = launch(playwright, profile)
    visits = EngineVisits(version=f"Chromium {chromium_version()}")
    for visit_number in range(1 + ENGINE_RETURNS):
        page = context.new_page()
        page.goto(url, timeout=TIMEOUT_MS)
        page.evaluate(TYPE_AND_TIME)
        wait_until(page, "window.__firstResult !== undefined")
        figures = page.evaluate(ENGINE_FIGURES)
        (visits.returns if visit_number else visits.first).append(tuple(figures))
        if visit_number == 0:
            page.wait_for_timeout(3000)  # let the snapshot and caches settle
        page.close()
    context.close()
    return visits


def driven_visits(engine: str, display: str | None, url: str) -> EngineVisits:
    """The same in a fresh Firefox or WebKit, through the cross-engine tests' drivers."""
    browser = drivers.launch(engine, display)
    name = {"firefox": "Firefox ESR", "webkit": "WebKitGTK MiniBrowser"}[engine]
    visits = EngineVisits(version=f"{name} {browser.version.split('/')[-1].split()[-1]}")
    try:
        for visit_number in range(1 + ENGINE_RETURNS):
            browser.goto(url)
            browser.evaluate(TYPE_AND_TIME)
            figures = drivers.wait(browser, ENGINE_FIGURES, "a result", TIMEOUT_MS / 1000)
            (visits.returns if visit_number else visits.first).append(tuple(figures))
            if visit_number == 0:
                time.sleep(3)  # let the snapshot and caches settle
    finally:
        browser.close()
    return visits


def measure_engines(
    playwright: Playwright, tmp: Path, site: Path, runs: int
) -> dict[str, EngineVisits]:
    found = {name: EngineVisits() for name in ENGINES}
    screen = drivers.Xvfb()
    try:
        with served(site, "fast") as base:
            url = base + ENGINE_PAGE
            for run in range(runs):  # the engines take turns, so that a busy moment hits all
                for name in ENGINES:
                    if name == "chromium":
                        got = chromium_visits(playwright, tmp / f"engines-{run}", url)
                    else:
                        got = driven_visits(name, screen.display, url)
                    found[name].first += got.first
                    found[name].returns += got.returns
                    found[name].version = got.version
    finally:
        screen.close()
    return found


def report_engines(found: dict[str, EngineVisits], runs: int) -> None:
    print(
        f"\nThe load calculator in three engines (fast link; {runs} fresh browsers each, a first"
        f" visit and {ENGINE_RETURNS} return visits; navigation to the first result, median):\n"
    )
    print("| engine | first visit | return visit | ready, first / return | from snapshot |")
    print("|---|---|---|---|---|")
    for name in ENGINES:
        visits = found[name]
        first = median([v[0] for v in visits.first]) / 1000
        back = median([v[0] for v in visits.returns]) / 1000
        ready = (median([v[1] for v in visits.first]), median([v[1] for v in visits.returns]))
        snapshot = sum(v[2] == "snapshot" for v in visits.returns)
        print(
            f"| {visits.version} | {first:.2f} s | {back:.2f} s"
            f" | {ready[0]:.0f} / {ready[1]:.0f} ms | {snapshot} of {len(visits.returns)} |"
        )
    print(
        "\nEach engine in turn on the same shared machine: compare the ratios, not the absolute"
        " figures. WebKit is WebKitGTK's MiniBrowser, not Safari on an iPhone."
    )


def lighthouse(site: Path) -> None:
    try:
        from tests.lighthouse import lighthouse_table
    except ImportError as error:
        print(f"\nLighthouse was not run: tests/lighthouse.py could not be imported ({error}).")
        return
    print()
    print(lighthouse_table(site))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--profile",
        choices=("phone", "fast", "both", "engines"),
        default="both",
        help="engines: only the three engines side by side (fast and both print it too)",
    )
    parser.add_argument("--runs", type=int, default=RUNS, help="runs per figure (median)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse table")
    options = parser.parse_args()
    profiles = []
    if options.profile in ("fast", "both"):
        profiles.append(Profile("fast", "Fast link (localhost, no throttling):", 1))
    if options.profile in ("phone", "both"):
        profiles.append(
            Profile(
                "phone",
                f"Phone (CPU {PHONE_CPU}x; {PHONE_RATE_BYTES_PER_S * 8 / 1e6:.1f} Mbit/s shared,"
                f" {PHONE_LATENCY_S * 1000:.0f} ms before each response, brotli):",
                PHONE_CPU,
            )
        )
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        site = tmp / "site"
        build(site)
        starts: dict[str, float] = {}
        engines: dict[str, EngineVisits] = {}
        with sync_playwright() as playwright:
            for profile in profiles:
                run_profile(playwright, tmp, site, profile, options.runs)
            if options.profile in ("fast", "both", "engines"):
                engines = measure_engines(playwright, tmp, site, min(options.runs, 3))
            if options.profile in ("phone", "both"):
                with served(site, "fast") as base:

                    def start_ms(path: str, cpu: float) -> float:
                        return measure(playwright, tmp, site, base, path, cpu, options.runs, False)[
                            "cold_start_ms"
                        ]

                    fast = profiles[0] if profiles[0].name == "fast" else None
                    starts = {
                        "ours_1x": fast.ours["cold_start_ms"] if fast else start_ms(CALCULATOR, 1),
                        "plain_1x": fast.plain["cold_start_ms"] if fast else start_ms(BASELINE, 1),
                        "plain_4x": start_ms(BASELINE, PHONE_CPU),
                    }
        for profile in profiles:
            report(profile, options.runs)
        if engines:
            report_engines(engines, min(options.runs, 3))
        if starts:
            stdlib = next((site / "assets/core").glob("python-stdlib-*.zip"))
            snapshot_trade_off(starts, production_size(site, "/" + str(stdlib.relative_to(site))))
        if not options.no_lighthouse and options.profile != "engines":
            lighthouse(site)


if __name__ == "__main__":
    main()
