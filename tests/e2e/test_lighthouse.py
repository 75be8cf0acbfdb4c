"""Lighthouse's accessibility, best-practices and SEO audits find nothing to fix on the home page,
a content page and a calculator page, served as production serves them.

These three categories do not depend on timing, so they are asserted; performance does, and is
only ever printed (`tests/lighthouse.py`, `tests/benchmark.py`). The mobile preset is enough: the
desktop preset runs the same audits of these categories (and gave the same results), while the
mobile one adds the phone's (viewport, tap targets)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Build
from tests.lighthouse import PAGES, failing, reports, score

#: One worker runs the three pages (the module's fixture audits them all at once).
pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.xdist_group("lighthouse")]

CATEGORIES = ("accessibility", "best-practices", "seo")


@pytest.fixture(scope="module")
def found(build: Build) -> dict[tuple[str, str], dict[str, Any]]:
    return reports(build.site, PAGES, ("mobile",), CATEGORIES)


@pytest.mark.parametrize("page", PAGES)
def test_lighthouse_finds_nothing_to_fix(
    found: dict[tuple[str, str], dict[str, Any]], page: str
) -> None:
    report = found[(page, "mobile")]
    assert report["finalDisplayedUrl"].endswith(page), report["finalDisplayedUrl"]
    assert report["audits"]["http-status-code"]["score"] == 1, "the page did not answer 200"
    scores = {category: score(report, category) for category in CATEGORIES}
    problems = {category: failing(report, category) for category in CATEGORIES}
    assert scores == dict.fromkeys(CATEGORIES, 100), {c: p for c, p in problems.items() if p}
