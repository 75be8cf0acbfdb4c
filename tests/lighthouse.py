"""Lighthouse on the built site, served as the production host serves it.

A script, not a test: it prints figures, it asserts nothing. It builds nothing either: build
first (`make build`), then run `.venv/bin/python tests/lighthouse.py [site_dir]` (default
`site/`). It serves the folder on 127.0.0.1 with the test server's handler (the `_headers`
rules, the `.br`/`.gz` twins) over HTTP/1.1 with connections kept open, runs the pinned
Lighthouse (`node_modules/.bin/lighthouse`) in Debian's Chromium with the mobile preset
(Lighthouse's default: a mid-range phone, slow 4G, CPU slowed four times, simulated) and the
desktop preset on the home page, a content page (Safety) and a calculator page (Load and cuff
pressure), and prints one row per page and preset: performance, accessibility, best practices
and SEO, each out of 100. Below the table it names every audit that keeps a category under 100.
`--runs 3` runs each page and preset three times and keeps the run with the median performance
score: on a busy machine one run's performance varies a lot.

`tests/e2e/test_lighthouse.py` asserts the three categories that do not depend on timing;
performance is only ever printed, here and by `tests/benchmark.py`.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import StaticHandler, run_server  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = Path("/usr/lib/chromium/chromium")  # the ELF binary of Debian's `chromium` package
NOWHERE = "http://127.0.0.1:9/"  # a closed local port for Chromium's own Google endpoints
PAGES = ("/", "/safety/", "/calculators/load/")
PRESETS = ("mobile", "desktop")
ATTEMPTS = 3
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
#: Lighthouse's own chrome-launcher already disables autofill's server calls; these two keep
#: Chromium's sign-in and component updater on the machine as well.
CHROME_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    f"--gaia-url={NOWHERE}",
    f"--component-updater=url-source={NOWHERE}",
)


class KeepAliveHandler(StaticHandler):
    """The test server's handler (header rules, twins, 404 pages) over HTTP/1.1: connections are
    kept open between requests, as every production host keeps them. Over Python's default
    HTTP/1.0 each file would open a connection of its own, and Lighthouse's simulated phone
    network would charge every stylesheet a new connection's round trips."""

    protocol_version = "HTTP/1.1"


@contextlib.contextmanager
def served(site_dir: Path) -> Iterator[str]:
    """The site on a free port of 127.0.0.1, as production serves it (no trailing slash)."""
    yield from run_server(functools.partial(KeepAliveHandler, directory=str(site_dir)))


def audit(url: str, preset: str, categories: Sequence[str] = CATEGORIES) -> dict[str, Any]:
    """Lighthouse's JSON report of one page with one preset (``mobile`` or ``desktop``).

    On a busy machine Chromium sometimes loses the start of the trace (``NO_NAVSTART``) and
    Lighthouse reports a runtime error instead of scores: such a run is made again, twice at most.
    """
    for attempt in range(ATTEMPTS):
        try:
            return audit_once(url, preset, categories)
        except LighthouseRuntimeError:
            if attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


class LighthouseRuntimeError(RuntimeError):
    """Lighthouse ran but could not audit the page (its ``runtimeError``)."""


def audit_once(url: str, preset: str, categories: Sequence[str]) -> dict[str, Any]:
    if not LIGHTHOUSE.is_file():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `make install` (npm ci)")
    if not CHROMIUM.is_file():
        raise SystemExit(f"Debian's Chromium is missing ({CHROMIUM}): apt-get install chromium")
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--no-enable-error-reporting",
        f"--only-categories={','.join(categories)}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    elif preset != "mobile":
        raise ValueError(f"unknown preset {preset!r}")
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as home:
        # Lighthouse keeps nothing between runs: a private home and temporary folder each time
        env = {**os.environ, "CHROME_PATH": str(CHROMIUM), "HOME": home, "TMPDIR": home}
        proc = subprocess.run(
            command, cwd=home, env=env, capture_output=True, text=True, check=False
        )
    if "Runtime error encountered" in proc.stderr:
        raise LighthouseRuntimeError(f"lighthouse on {url} ({preset}): {proc.stderr[-1000:]}")
    if proc.returncode != 0 or not proc.stdout.strip():
        raise RuntimeError(f"lighthouse failed on {url} ({preset}):\n{proc.stderr[-3000:]}")
    report: dict[str, Any] = json.loads(proc.stdout)
    if report.get("runtimeError"):
        raise LighthouseRuntimeError(f"lighthouse on {url} ({preset}): {report['runtimeError']}")
    return report


def score(report: dict[str, Any], category: str) -> int | None:
    """A category's score out of 100, or None when Lighthouse could not compute it."""
    value = report["categories"][category]["score"]
    return None if value is None else round(value * 100)


def failing(report: dict[str, Any], category: str) -> list[str]:
    """The audits that cost a category points: ``id (score): title``, plus the failing nodes'
    selectors for audits about elements."""
    audits = report["audits"]
    found = []
    for ref in report["categories"][category]["auditRefs"]:
        result = audits[ref["id"]]
        if ref["weight"] == 0 or result["score"] is None or result["score"] >= 1:
            continue
        items = (result.get("details") or {}).get("items") or []
        nodes = [
            str(item["node"].get("selector", ""))
            for item in items
            if isinstance(item, dict) and isinstance(item.get("node"), dict)
        ]
        where = f" [{', '.join(nodes[:5])}]" if nodes else ""
        found.append(f"{ref['id']} ({result['score']}): {result['title']}{where}")
    return found


def reports(
    site_dir: Path,
    pages: Sequence[str] = PAGES,
    presets: Sequence[str] = PRESETS,
    categories: Sequence[str] = CATEGORIES,
    runs: int = 1,
) -> dict[tuple[str, str], dict[str, Any]]:
    """``{(page, preset): report}`` for every page and preset. With ``runs`` above one, each is
    run that many times and the run with the median performance score is kept (as Lighthouse's
    own advice for noisy machines goes); its other scores come from the same run."""
    found = {}
    with served(Path(site_dir)) as base:
        for page in pages:
            for preset in presets:
                tries = [audit(base + page, preset, categories) for _ in range(runs)]
                if "performance" in categories:
                    tries.sort(key=lambda report: score(report, "performance") or 0)
                found[(page, preset)] = tries[len(tries) // 2]
    return found


def table(found: dict[tuple[str, str], dict[str, Any]]) -> str:
    """One row per page and preset, one column per category; then the audits that failed."""
    header = ("page", "preset", *CATEGORIES)
    rows = [
        (page, preset, *(str(score(report, c)) for c in CATEGORIES))
        for (page, preset), report in found.items()
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) + " |"
        for row in [header, *rows]
    ]
    lines.insert(1, "|" + "|".join("-" * (width + 2) for width in widths) + "|")
    notes = [
        f"{page} {preset} {category}: {item}"
        for (page, preset), report in found.items()
        for category in CATEGORIES
        for item in failing(report, category)
    ]
    version = next(iter(found.values()))["lighthouseVersion"] if found else "?"
    chrome = next(iter(found.values()))["environment"]["hostUserAgent"] if found else "?"
    text = "\n".join(lines)
    text += f"\n\nLighthouse {version}, {chrome}"
    if notes:
        text += "\n\nAudits under 100:\n" + "\n".join(f"- {note}" for note in notes)
    return text


def lighthouse_table(site_dir: Path, runs: int = 1) -> str:
    """Lighthouse's four scores for the home, Safety and load calculator pages, mobile and
    desktop, on the built site in ``site_dir`` (served as production serves it); with ``runs``,
    the median of that many runs of each."""
    text = table(reports(Path(site_dir), runs=runs))
    return text if runs == 1 else f"{text}\n\nMedian of {runs} runs by performance score."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", nargs="?", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=1, help="runs per page and preset (median)")
    args = parser.parse_args()
    site_dir: Path = args.site_dir
    if not (site_dir / "index.html").is_file() or not (site_dir / "_headers").is_file():
        raise SystemExit(f"no built site in {site_dir}: run `make build` first")
    print(lighthouse_table(site_dir, max(1, args.runs)))


if __name__ == "__main__":
    main()
