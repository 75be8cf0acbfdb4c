"""The build to publish (``make build``, also the GitHub Pages workflow's) refuses to run until the
publisher has filled in the contact and the address the site is published at, and says which."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import uuid
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

from tests.conftest import ROOT

HOOKS = ROOT / "overrides/hooks"


def hook() -> ModuleType:
    sys.path.insert(0, str(HOOKS))  # as MkDocs does for hooks: publishing imports site_i18n
    try:
        spec = importlib.util.spec_from_file_location("publishing", HOOKS / "publishing.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(HOOKS))


def problems(site_url: str, contact: str) -> list[str]:
    return hook().problems(SimpleNamespace(site_url=site_url, extra={"contact": contact}))  # type: ignore[no-any-return]


def test_make_build_without_a_contact_or_a_real_address_refuses_and_says_what_to_fill_in(
    tmp_path: Path,
) -> None:
    # A config of the project's own, with the two settings as a fresh checkout has them; it
    # must sit beside mkdocs.yml, whose paths are relative to it.
    config = ROOT / f"mkdocs.publish-check-{uuid.uuid4().hex[:8]}.yml"
    site = tmp_path / "site"
    config.write_text(
        "INHERIT: mkdocs.yml\n"
        f"site_dir: {site}\n"
        "site_url: http://127.0.0.1:8000/\n"
        "extra:\n"
        '  contact: ""\n',
        encoding="utf-8",
    )
    try:
        proc = subprocess.run(
            ["make", "-s", "build", f"MKDOCS_CONFIG={config.name}"],
            cwd=ROOT,
            env={k: v for k, v in os.environ.items() if k != "BFR_PUBLISH"},
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    finally:
        config.unlink()
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0, log
    assert "Not publishing: fill in these settings in mkdocs.yml" in log
    assert "extra.contact: the e-mail address or web address where readers report" in log
    assert "site_url: the address the site is published at" in log
    assert "'http://127.0.0.1:8000/'" in log
    assert not site.exists(), "nothing is built"


def test_the_github_pages_workflow_publishes_what_make_build_made() -> None:
    workflow = (ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    build = workflow.index("run: make build")
    assert build < workflow.index("actions/upload-pages-artifact")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "BFR_PUBLISH=1 $(PY) -m mkdocs build" in makefile
    # the test and serve targets build without the settings
    assert makefile.count("BFR_PUBLISH") == 1


@pytest.mark.parametrize(
    ("site_url", "contact"),
    [
        ("https://bfr.sundhed-info.dk/", "redaktion@sundhed-info.dk"),
        ("https://someone.github.io/bfr-guide/", "https://github.com/someone/bfr-guide/issues"),
    ],
)
def test_a_real_address_and_contact_may_be_published(site_url: str, contact: str) -> None:
    assert problems(site_url, contact) == []


@pytest.mark.parametrize(
    "site_url",
    [
        "http://127.0.0.1:8000/",
        "http://localhost:8000/",
        "http://[::1]/",
        "http://0.0.0.0/",
        "http://192.168.1.20/",
        "https://example.org/",
        "https://bfr.example.com/",
        "https://bfr.test/",
        "",
        "bfr.dk",
    ],
)
def test_a_local_or_placeholder_site_url_is_refused(site_url: str) -> None:
    (problem,) = problems(site_url, "redaktion@sundhed-info.dk")
    assert problem.startswith("site_url:")


@pytest.mark.parametrize("contact", ["", "  ", "editors@example.org", "https://localhost/report"])
def test_a_missing_or_placeholder_contact_is_refused(contact: str) -> None:
    (problem,) = problems("https://bfr.sundhed-info.dk/", contact)
    assert problem.startswith("extra.contact:")
