"""The command line, and ruff and mypy --strict on the core."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


def test_cli_prints_run_json() -> None:
    proc = _run(sys.executable, "-m", "calculators", "one_rm", '{"load": "100", "reps": "10"}')
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["ok"] and abs(out["result"]["estimates"]["epley"] - 133.3333) < 1e-3


def test_cli_errors_and_usage() -> None:
    proc = _run(sys.executable, "-m", "calculators", "one_rm", "{")
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["errors"][0]["code"] == "invalid_json"
    assert _run(sys.executable, "-m", "calculators").returncode == 2


def test_ruff_clean() -> None:
    proc = _run(sys.executable, "-m", "ruff", "check", "calculators", "tests/core")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_strict_clean() -> None:
    proc = _run(sys.executable, "-m", "mypy", "--strict", "calculators")
    assert proc.returncode == 0, proc.stdout + proc.stderr
