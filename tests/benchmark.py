"""Benchmark of the calculators in Debian's Chromium, against a plain Pyodide baseline.

A script, not a test: it prints figures, it asserts nothing. Run: python3 tests/benchmark.py

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
  these with its "ready" message; calculators.js records them as a performance mark).

Each figure is also given as a ratio to the baseline, so the comparison holds on a noisy machine.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Page, Playwright, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import serve  # noqa: E402
from tests.e2e.conftest import CHROMIUM, NOWHERE, playwright_disabled_features  # noqa: E402

RUNS = 5
CALCULATOR = "/calculators/load/#bfr_load.one_rm=100"
CONTENT = "/safety/"
BASELINE = "/baseline/"
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
"""
BASELINE_PAGE = """<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Baseline: plain Pyodide</title>
<p id="out">Loading Pyodide…</p>
<script type="module" src="start.mjs"></script>
"""
#: The baseline's script, in a file of its own: the site's policy refuses inline scripts.
BASELINE_SCRIPT = """\
import { loadPyodide } from "../assets/pyodide/VERSION/pyodide.mjs";
const py = await loadPyodide();
const core = await (await fetch("../assets/core/CORE")).arrayBuffer();
py.unpackArchive(core, "zip", { extractDir: "/home/pyodide/core" });
py.runPython("import sys; sys.path.insert(0, '/home/pyodide/core')");
const api = py.pyimport("calculators.api");
document.getElementById("out").dataset.result = api.run("bfr_load", '{"one_rm": "100"}');
"""


PHASES = ("script", "loader", "booted", "imported")
#: The worker's phases, in milliseconds from navigation (empty for the baseline page).
WORKER_PHASES = """(() => {
  const mark = performance.getEntriesByName("bfr-python-ready")[0];
  if (!mark) return {};
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


def production_size(site: Path, url: str) -> int:
    """What a production server sends for this URL: the brotli twin if there is one."""
    path = site / urlsplit(url).path.lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    twin = path.with_name(path.name + ".br")
    return twin.stat().st_size if twin.is_file() else path.stat().st_size if path.is_file() else 0


def visit(context: BrowserContext, site: Path, url: str, until: Callable[[Page], object]) -> Visit:
    record = Visit()
    urls: list[str] = []

    def finished(request) -> None:  # type: ignore[no-untyped-def]
        sizes = request.sizes()
        record.transferred += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        urls.append(request.url)

    context.on("requestfinished", finished)
    page = context.new_page()
    page.goto(url)
    until(page)
    if page.evaluate("window.__firstResult !== undefined"):
        record.first_result_ms = float(page.evaluate("window.__firstResult"))
        record.long_tasks = list(page.evaluate("window.__longTasksAtResult"))
        record.phases = dict(page.evaluate(WORKER_PHASES))
    else:
        record.long_tasks = list(page.evaluate("window.__longTasks"))
    page.close()
    context.remove_listener("requestfinished", finished)
    record.production = sum(production_size(site, u) for u in urls)
    return record


def first_result(page: Page) -> None:
    page.wait_for_function("window.__firstResult !== undefined", timeout=90_000)


def input_latency_ms(context: BrowserContext, url: str) -> list[float]:
    """Once ready, time from typing a value to its result on the page."""
    page = context.new_page()
    page.goto(url)
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
    page.close()
    return times[2:]  # the first inputs also warm up the JIT


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def measure(
    playwright: Playwright, tmp: Path, site: Path, base: str, path: str
) -> dict[str, float]:
    cold = []
    for run in range(RUNS):
        context = launch(playwright, tmp / f"cold-{path.strip('/').replace('/', '-')}-{run}")
        cold.append(visit(context, site, base + path, first_result))
        context.close()
    context = launch(playwright, tmp / f"warm-{path.strip('/').replace('/', '-')}")
    visit(context, site, base + path, first_result)
    context.pages[0].wait_for_timeout(3000)  # let the snapshot and caches settle
    warm = [visit(context, site, base + path, first_result) for _ in range(RUNS)]
    latency = input_latency_ms(context, base + path) if path == CALCULATOR else []
    context.close()
    return {
        "cold_s": median([v.first_result_ms for v in cold]) / 1000,
        "warm_s": median([v.first_result_ms for v in warm]) / 1000,
        "transferred_mb": median([v.transferred for v in cold]) / 1e6,
        "production_mb": median([v.production for v in cold]) / 1e6,
        "long_tasks": median([len([t for t in v.long_tasks if t > 50]) for v in cold]),
        "longest_task_ms": median([max(v.long_tasks, default=0) for v in cold]),
        "input_ms": median(latency),
        **{
            f"{when}_{name}_ms": median([v.phases[name] for v in visits if name in v.phases])
            for when, visits in (("cold", cold), ("warm", warm))
            for name in PHASES
        },
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        site = tmp / "site"
        build(site)
        server = serve(site)
        base = next(server)
        with sync_playwright() as playwright:
            ours = measure(playwright, tmp, site, base, CALCULATOR)
            plain = measure(playwright, tmp, site, base, BASELINE)
            content = []
            for run in range(RUNS):
                context = launch(playwright, tmp / f"content-{run}")
                content.append(
                    visit(
                        context,
                        site,
                        base + CONTENT,
                        lambda p: p.wait_for_load_state("networkidle"),
                    )
                )
                context.close()
        server.close()

    def row(label: str, key: str, unit: str, fmt: str = ".2f") -> None:
        ratio = f"{ours[key] / plain[key]:.2f}x" if plain[key] else "-"
        print(f"| {label} | {ours[key]:{fmt}} {unit} | {plain[key]:{fmt}} {unit} | {ratio} |")

    print("| median of five | this site | plain Pyodide | ratio |")
    print("|---|---|---|---|")
    row("navigation to first result, first visit", "cold_s", "s")
    row("navigation to first result, return visit", "warm_s", "s")
    row("bytes before first result, transferred here", "transferred_mb", "MB")
    row("bytes before first result, production (brotli)", "production_mb", "MB")
    row("main-thread tasks over 50 ms before first result", "long_tasks", "", ".0f")
    row("longest main-thread task before first result", "longest_task_ms", "ms", ".0f")
    print(f"| input to result once ready | {ours['input_ms']:.1f} ms | - | - |")
    for when, label in (("cold", "first visit"), ("warm", "return visit")):
        steps = ", ".join(f"{name} {ours[f'{when}_{name}_ms']:.0f}" for name in PHASES)
        print(f"| worker phases, {label} (ms from navigation) | {steps} | - | - |")
    longest = median([max(v.long_tasks, default=0) for v in content])
    print(
        f"| longest main-thread task on a content page (no calculator) | {longest:.0f} ms | - | - |"
    )
    transferred = median([v.transferred for v in content]) / 1e6
    production = median([v.production for v in content]) / 1e6
    print(
        f"| bytes a content page transfers | {transferred:.2f} MB"
        f" (production {production:.2f} MB) | - | - |"
    )


if __name__ == "__main__":
    main()
