"""The JavaScript and CSS pass their linters (pinned in package.json), as the Python passes ruff.

ESLint (eslint.config.js) reads every script under overrides/ (the calculators' modules and
worker, the scripts every page loads, the service worker's template, the build's Node script) and
the Node unit tests; Stylelint (stylelint.config.js) the site's stylesheets. A finding fails the
test with the linter's own report.
"""

from __future__ import annotations

import subprocess

from tests.conftest import ROOT

BIN = ROOT / "node_modules" / ".bin"


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_eslint_finds_nothing_in_the_scripts() -> None:
    result = run(
        str(BIN / "eslint"), "--max-warnings=0", "overrides", "tests/js", "eslint.config.js"
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_stylelint_finds_nothing_in_the_stylesheets() -> None:
    result = run(str(BIN / "stylelint"), "--max-warnings=0", "overrides/assets/stylesheets/*.css")
    assert result.returncode == 0, result.stdout + result.stderr
