// Builds the part of Python's standard library the calculators need, and the core, as bytecode.
//
// Usage: node stdlib.mjs <pyodide dir> <core zip> <stand-ins dir> <reference cases> <output zip>
//        <output core zip>
//
// 1. Pyodide's full standard library, with the stand-ins of runtime/ (see its README) in place
//    of the modules they replace, is written to a temporary archive.
// 2. Pyodide boots in Node from that archive, the core zip is put on sys.path and the core answers
//    the reference cases (tests/core/vectors.json: every calculator, its results and its refusals)
//    and one request it cannot read; the modules then loaded from the archive are exactly what a
//    browser start needs, less the ones frozen into Pyodide's WebAssembly (they never come from the
//    archive). They are compiled by Pyodide's own interpreter (so the bytecode matches it), with
//    optimize=2 (no docstrings or asserts) and without line-number tables (they compress badly: 40 %
//    of the archive's brotli bytes; an error then reports no line), and stored uncompressed so the
//    web server's brotli/gzip compresses them well.
//    The core's modules are compiled the same way into the core archive the browser receives
//    (its data files as they are): importing bytecode skips compiling the source in the browser,
//    about two thirds of the core's import, and is smaller than the source once compressed. The
//    core's asserts only narrow types for the type checker; its answers are checked below, and
//    the worker compares them with CPython's at every start. Each .pyc is an unchecked
//    hash-based one whose header holds the hash of its source, so a test can tell which source
//    it was compiled from.
// 3. Pyodide boots again from the finished archives, as the browser's worker does, and must give
//    the same answers as in step 2 (from the core's source) and make a memory snapshot; otherwise
//    the build fails.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";

const [pyodideDir, coreZip, standIns, vectors, output, coreOutput] = process.argv.slice(2).map((p) => resolve(p));
const { loadPyodide } = await import(`${pyodideDir}/pyodide.mjs`);
const work = mkdtempSync(join(tmpdir(), "bfr-stdlib-"));

// The reference cases, the ones the tests and the worker's probes use too, and a request for no
// calculator in no JSON, so that the modules of a refusal at the boundary are in the archive.
const CASES = JSON.stringify([
  ...JSON.parse(readFileSync(vectors, "utf8")).map((v) => [v.calculator, JSON.stringify(v.payload)]),
  ["nope", "not json"],
]);

function files(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return files(path);
    return name.endsWith(".py") ? [path] : [];
  });
}

// The core goes on sys.path as a zip, as in the browser's worker; then every calculator runs.
function answers(py, core) {
  py.FS.writeFile("/home/pyodide/core.zip", new Uint8Array(readFileSync(core)));
  return py.runPython(`
import json, sys
sys.path.insert(0, "/home/pyodide/core.zip")
import calculators.api as api
json.dumps([api.run(name, payload) for name, payload in json.loads(${JSON.stringify(CASES)})])
`);
}

// 1. The full standard library with the stand-ins in place.
const full = await loadPyodide({ indexURL: `${pyodideDir}/` });
const replaced = {};
for (const path of files(standIns)) replaced[relative(standIns, path)] = readFileSync(path, "utf8");
full.globals.set("replaced", full.toPy(replaced));
full.runPython(`
import zipfile
source = zipfile.ZipFile("/lib/python314.zip")
with zipfile.ZipFile("/tmp/full.zip", "w", zipfile.ZIP_STORED) as out:
    for name in source.namelist():
        out.writestr(name, replaced[name].encode() if name in replaced else source.read(name))
missing = set(replaced) - set(source.namelist())
assert not missing, f"stand-ins for modules Pyodide does not have: {sorted(missing)}"

# What a stand-in keeps of the real module (its tables of names and numbers) must be what the
# real module has.
import importlib
for name, text in replaced.items():
    kept = {}
    exec(compile(text, name, "exec"), kept)
    real = importlib.import_module(name[:-3].removesuffix("/__init__").replace("/", "."))
    for key, value in kept.items():
        if not key.startswith("_") and isinstance(value, (dict, int, str, tuple)):
            assert getattr(real, key) == value, f"{name}: {key} differs from Pyodide's"
`);
const fullZip = join(work, "full.zip");
writeFileSync(fullZip, full.FS.readFile("/tmp/full.zip"));

// 2. What a start from it imports, compiled.
const trial = await loadPyodide({ indexURL: `${pyodideDir}/`, stdLibURL: fullZip });
const expected = answers(trial, coreZip);
// (Listed before anything else is imported here, such as zipfile to write the archive.)
trial.runPython(`
import _imp, sys

prefix = "/lib/python314.zip/"
def from_archive(module):
    spec = getattr(module, "__spec__", None)
    if spec is None or spec.origin == "frozen" or _imp.is_frozen(module.__name__):
        return False
    return (getattr(module, "__file__", None) or "").startswith(prefix)

used = sorted({m.__file__[len(prefix):] for m in list(sys.modules.values()) if from_archive(m)})
`);
const count = trial.runPython(`
import importlib.util, marshal, types, zipfile

def without_line_numbers(code):
    consts = tuple(without_line_numbers(c) if isinstance(c, types.CodeType) else c
                   for c in code.co_consts)
    return code.replace(co_linetable=b"", co_consts=consts)

def bytecode(source, name):
    code = without_line_numbers(compile(source, name, "exec", dont_inherit=True, optimize=2))
    header = importlib.util.MAGIC_NUMBER + (1).to_bytes(4, "little")  # unchecked hash pyc
    return header + importlib.util.source_hash(source) + marshal.dumps(code)

def entry(name):
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.external_attr = 0o644 << 16
    return info

source_zip = zipfile.ZipFile("/lib/python314.zip")
with zipfile.ZipFile("/tmp/stdlib.zip", "w", zipfile.ZIP_STORED) as out:
    for name in used:
        out.writestr(entry(name[:-3] + ".pyc"), bytecode(source_zip.read(name), name))

core_zip = zipfile.ZipFile("/home/pyodide/core.zip")
with zipfile.ZipFile("/tmp/core.zip", "w", zipfile.ZIP_STORED) as out:
    for name in sorted(core_zip.namelist()):
        data = core_zip.read(name)
        if name.endswith(".py"):
            out.writestr(entry(name[:-3] + ".pyc"), bytecode(data, name))
        else:
            out.writestr(entry(name), data)
len(used)
`);
writeFileSync(output, trial.FS.readFile("/tmp/stdlib.zip"));
writeFileSync(coreOutput, trial.FS.readFile("/tmp/core.zip"));

// 3. The finished archive, started as the browser starts it, gives the same answers.
// It must also allow a memory snapshot, as the worker takes one after the first start.
const check = await loadPyodide({
  indexURL: `${pyodideDir}/`, stdLibURL: output, packages: [], _makeSnapshot: true,
});
const got = answers(check, coreOutput);
check.makeMemorySnapshot();
rmSync(work, { recursive: true, force: true });
if (got !== expected) {
  rmSync(output, { force: true });
  rmSync(coreOutput, { force: true });
  console.error(`the subset answers differently:\n${got}\n${expected}`);
  process.exit(1);
}
console.log(`${count} standard library modules`);
