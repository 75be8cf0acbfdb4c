"""Each page with a calculator loads one calculator script, named by the hash of its content
(hooks/bundles.py), and so does its worker; a content page loads none; the modules the scripts
are bundled from are not in the site."""

from __future__ import annotations

import hashlib
import json
import re

import pytest

from calculators.api import WEIGHT_FIELDS
from tests.conftest import LANGUAGES, ROOT, Build, built_html, source_pages

MODULES = ROOT / "overrides/modules"
SCRIPT = re.compile(r"<script\b([^>]*)>")
SRC = re.compile(r'\bsrc="([^"]+)"')
#: A calculator script's URL as a page names it: ``../assets/javascripts/<entry>-<hash>.js``.
BUNDLE = re.compile(r"(?:\.\./)*(assets/javascripts/([a-z-]+)-([0-9a-f]{12})\.js)")
WORKER = re.compile(r'"(?:\.\./)*(assets/javascripts/calculators-worker-[0-9a-f]{12}\.js)"')


def named_by_content(build: Build, path: str) -> bool:
    data = (build.site / path).read_bytes()
    return path.removesuffix(".js").endswith("-" + hashlib.sha256(data).hexdigest()[:12])


@pytest.mark.parametrize("source", source_pages())
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_page_loads_one_calculator_script_named_by_its_content_or_none(
    build: Build, source: str, lang: str
) -> None:
    html = built_html(build, source, lang).read_text(encoding="utf-8")
    tags = [(attrs, src.group(1)) for attrs in SCRIPT.findall(html) if (src := SRC.search(attrs))]
    bundles = [(attrs, found) for attrs, url in tags if (found := BUNDLE.fullmatch(url))]
    workers = set(WORKER.findall(html))
    calculators = set(re.findall(r'<form [^>]*data-calculator="([a-z_]+)"', html))
    if not calculators:
        assert bundles == [] and workers == set()
        return
    assert len(bundles) == 1, [found.group(1) for _, found in bundles]
    attrs, found = bundles[0]
    assert 'type="module"' in attrs
    assert found.group(2) == ("first-session" if "session_plan" in calculators else "calculators")
    assert named_by_content(build, found.group(1))
    assert len(workers) == 1
    assert named_by_content(build, workers.pop())


def test_only_the_first_session_pages_script_carries_the_timer(build: Build) -> None:
    scripts = build.site / "assets/javascripts"
    calculators = next(scripts.glob("calculators-[0-9a-f]*.js")).read_text(encoding="utf-8")
    first_session = next(scripts.glob("first-session-*.js")).read_text(encoding="utf-8")
    assert "[data-timer]" in first_session and "[data-timer]" not in calculators
    assert "bfr-calculator-data" in calculators and "bfr-calculator-data" in first_session


def test_the_module_sources_are_not_in_the_site(build: Build) -> None:
    shipped = {p.name for p in build.site.rglob("*.js")}
    sources = {p.name for p in MODULES.rglob("*.js")}
    assert sources and not sources & shipped, sources & shipped
    assert not (build.site / "modules").exists()


@pytest.mark.parametrize("source", ["calculators/load.md", "first-session.md"])
def test_the_weights_a_unit_change_converts_come_from_the_cores_registry(
    build: Build, source: str
) -> None:
    """The page script converts the fields the core's registry names (api.WEIGHT_FIELDS), not a
    list of its own."""
    html = built_html(build, source, "en").read_text(encoding="utf-8")
    found = re.search(
        r'<script type="application/json" id="bfr-calculator-data">(.*?)</script>', html, re.S
    )
    assert found is not None
    assert tuple(json.loads(found.group(1))["weights"]) == WEIGHT_FIELDS
    for script in (build.site / "assets/javascripts").glob("*-*.js"):
        bundled = script.read_text(encoding="utf-8")
        assert not re.search(r'"increment",\s*"set_load"', bundled), script.name
