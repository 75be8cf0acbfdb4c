"""The command line, and ruff and mypy --strict on the core."""

from __future__ import annotations

import json
import os
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
    # Rejected inputs: 1. An unreadable request: 3, so a script can tell them apart.
    proc = _run(sys.executable, "-m", "calculators", "one_rm", '{"load": "0", "reps": "5"}')
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["errors"][0]["code"] == "out_of_range"
    for name, payload, code in [
        ("one_rm", "{", "invalid_json"),
        ("one_rm", "[" * 9000, "invalid_json"),
        ("screening", "[]", "not_an_object"),
        ("nope", "{}", "unknown_calculator"),
    ]:
        proc = _run(sys.executable, "-m", "calculators", name, payload)
        assert proc.returncode == 3, (name, payload[:20])
        assert json.loads(proc.stdout)["errors"][0]["code"] == code
    # "answers" that are not an object are the reader's input, not an unreadable request.
    proc = _run(sys.executable, "-m", "calculators", "screening", '{"answers": []}')
    assert proc.returncode == 1
    usage = _run(sys.executable, "-m", "calculators")
    assert usage.returncode == 2 and usage.stdout == "" and "exit status" in usage.stderr


def test_cli_help_documents_the_exit_statuses() -> None:
    proc = _run(sys.executable, "-m", "calculators", "--help")
    assert proc.returncode == 0
    for status in ("0 ", "1 ", "2 ", "3 ", "4 "):
        assert f"\n{status}" in proc.stdout


def test_cli_prints_utf8_for_a_lone_surrogate_key() -> None:
    # The review's crash: an escaped lone surrogate as a key, echoed back.
    for env in ({}, {"PYTHONIOENCODING": "ascii"}):
        proc = subprocess.run(
            [sys.executable, "-m", "calculators", "one_rm", '{"\\ud800": 1, "é": 2}'],
            cwd=ROOT,
            capture_output=True,
            check=False,
            env={**os.environ, **env},
        )
        assert proc.returncode == 1, proc.stderr
        out = json.loads(proc.stdout.decode("utf-8"))  # strict: fails on invalid UTF-8
        assert [e["field"] for e in out["errors"][:2]] == ["\ufffd", "é"]


def test_ruff_clean() -> None:
    proc = _run(sys.executable, "-m", "ruff", "check", "calculators", "tests/core")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_strict_clean() -> None:
    proc = _run(sys.executable, "-m", "mypy", "--strict", "calculators")
    assert proc.returncode == 0, proc.stdout + proc.stderr
