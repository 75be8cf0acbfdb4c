"""The build hooks and the tests follow the same ruff rules as the core."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

PATHS = ["overrides/hooks", "tests"]


def test_ruff_finds_nothing_in_hooks_and_tests() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", *PATHS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_hooks_and_tests_are_formatted() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", *PATHS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
