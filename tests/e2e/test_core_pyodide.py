"""The core keeps its promise in the runtime the site ships, not only on CPython.

Deeply nested JSON made Pyodide's JSON decoder overflow the browser's stack: the interpreter
died instead of answering ``invalid_json``. The corpus below goes through the built site's own
Pyodide, standard-library subset and core zip in Node, loaded as the worker loads them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, Build

pytestmark = pytest.mark.pyodide

SCRIPT = Path(__file__).with_name("core_pyodide.mjs")
CALCULATORS = ("one_rm", "bfr_load", "cuff_pressure", "screening", "session_plan")
#: Nesting that killed the interpreter (the review measured about 5,300 arrays or 3,500 objects
#: in Node, 4,000 arrays in Chromium's worker), and nesting it used to parse.
NESTED = [
    "[" * 100_000,
    "[" * 100_000 + "]" * 100_000,
    '{"a":' * 50_000 + "1" + "}" * 50_000,
    "[" * 6000 + "]" * 6000,
    "[" * 4000 + "]" * 4000,
    '{"a":' * 3500 + "1" + "}" * 3500,
    "[" * 2000 + "]" * 2000,
    '{"answers": ' + "[" * 5000 + "]" * 5000 + "}",
    '{"answers": {"pregnancy": ' + '{"a":' * 4000 + '"yes"' + "}" * 4000 + "}}",
]


def one(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    assert len(found) == 1, (folder, pattern, found)
    return found[0]


def run_in_pyodide(build: Build, cases: list[tuple[str, str]], tmp: Path) -> list[dict[str, Any]]:
    node = shutil.which("node")
    assert node, "Node.js is needed (README: make install)"
    pyodide = one(build.site / "assets/pyodide", "*/pyodide.mjs").parent
    core = build.site / "assets/core"
    corpus = tmp / "cases.json"
    corpus.write_text(json.dumps(cases), encoding="utf-8")
    proc = subprocess.run(
        [
            node,
            str(SCRIPT),
            str(pyodide),
            str(one(core, "python-stdlib-*.zip")),
            str(one(core, "calculators-*.zip")),
            str(corpus),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    out: list[dict[str, Any]] = json.loads(proc.stdout)
    assert out[-1]["python"].startswith("3.14"), out[-1]  # Pyodide's Python, not the host's
    return out[:-1]


def test_deep_nesting_is_invalid_json_in_the_shipped_pyodide(build: Build, tmp_path: Path) -> None:
    cases = [(name, payload) for name in CALCULATORS for payload in NESTED]
    results = run_in_pyodide(build, cases, tmp_path)
    assert len(results) == len(cases)
    problems = []
    for (name, payload), result in zip(cases, results, strict=True):
        label = f"{name} {payload[:12]}... ({len(payload)} chars)"
        if "json" not in result:
            problems.append(f"{label}: no answer: {result.get('thrown')}")
            continue
        errors = json.loads(result["json"]).get("errors")
        if errors != [{"field": "payload", "code": "invalid_json"}]:
            problems.append(f"{label}: {errors}")
        if result["probe"] is not True:
            problems.append(f"{label}: the interpreter stopped answering: {result['probe']}")
    assert problems == []


def test_responses_are_utf8_and_echoed_keys_short_in_the_shipped_pyodide(
    build: Build, tmp_path: Path
) -> None:
    cases = [
        ("one_rm", '{"\\ud800": 1, "' + "k" * 100_000 + '": 2}'),
        ("screening", '{"answers": {"\\udfff": "yes"}}'),
        ("bfr_load", '{"one_rm_source": "estimated"}'),
    ]
    results = run_in_pyodide(build, cases, tmp_path)
    first = json.loads(results[0]["json"])["errors"]
    assert [e["field"] for e in first[:2]] == ["\ufffd", "k" * 39 + "…"]
    for result in results:
        result["json"].encode("utf-8")
    assert json.loads(results[2]["json"])["errors"] == [
        {"field": "load", "code": "required"},
        {"field": "reps", "code": "required"},
    ]


#: Compares, in the shipped Pyodide, each module of the core zip with its source in calculators/
#: compiled as the build compiles it (optimize=2, line-number tables left out). Prints
#: {module: true | what differs}.
SAME_BYTECODE = """
import json, marshal, types, zipfile

def without_line_numbers(code):
    consts = tuple(without_line_numbers(c) if isinstance(c, types.CodeType) else c
                   for c in code.co_consts)
    return code.replace(co_linetable=b"", co_consts=consts)

found = {}
archive = zipfile.ZipFile("/core.zip")
for name in archive.namelist():
    if name.endswith(".pyc"):
        shipped = marshal.loads(archive.read(name)[16:])
        try:
            with open("/source/" + name.split("/", 1)[1][:-1], "rb") as file:
                source = file.read()
        except OSError as error:
            found[name] = f"no source: {error}"
            continue
        code = compile(source, name[:-1], "exec", dont_inherit=True, optimize=2)
        fresh = without_line_numbers(code)
        found[name] = shipped == fresh or "differs from its compiled source"
json.dumps(found)
"""


def test_the_core_s_bytecode_is_its_source_compiled_by_the_shipped_pyodide(build: Build) -> None:
    node = shutil.which("node")
    assert node, "Node.js is needed (README: make install)"
    # The npm package the site's copy comes from: the same interpreter, with a full standard
    # library for the comparison (zipfile is not in the site's subset).
    pyodide = ROOT / "node_modules/pyodide"
    shipped = one(build.site / "assets/pyodide", "*/pyodide.asm.wasm")
    assert shipped.read_bytes() == (pyodide / "pyodide.asm.wasm").read_bytes()
    core = one(build.site / "assets/core", "calculators-*.zip")
    script = f"""
import {{ readFileSync }} from "node:fs";
const {{ loadPyodide }} = await import({json.dumps(str(pyodide / "pyodide.mjs"))});
const py = await loadPyodide({{ indexURL: {json.dumps(str(pyodide) + "/")} }});
py.FS.writeFile("/core.zip", new Uint8Array(readFileSync({json.dumps(str(core))})));
const source = {json.dumps(str(ROOT / "calculators"))};
py.FS.mkdirTree("/source");
py.FS.mount(py.FS.filesystems.NODEFS, {{ root: source }}, "/source");
process.stdout.write(py.runPython({json.dumps(SAME_BYTECODE)}));
"""
    proc = subprocess.run(
        [node, "--input-type=module", "-e", script],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    found = json.loads(proc.stdout)
    assert "calculators/api/__init__.pyc" in found and "calculators/screening.pyc" in found
    assert "calculators/api/screening.pyc" in found
    assert {name: True for name in found} == found
