"""The pure JavaScript (words and number formats, the timer's logic, the worker protocol, the
snapshot encoding) passes its unit tests under Node's own test runner (tests/js/*.test.mjs)."""

from __future__ import annotations

import subprocess

from tests.conftest import ROOT

TESTS = sorted((ROOT / "tests" / "js").glob("*.test.mjs"))


def test_the_node_unit_tests_pass() -> None:
    assert TESTS, "no tests in tests/js"
    result = subprocess.run(
        ["node", "--test", "--test-reporter=spec", *(str(p) for p in TESTS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
