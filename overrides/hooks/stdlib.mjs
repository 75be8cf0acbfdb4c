// Builds the part of Python's standard library the calculators need, as bytecode.
//
// Usage: node stdlib.mjs <pyodide dir> <core zip> <output zip>
//
// Pyodide is booted in Node with its full standard library, the core is imported and every
// calculator run once; the modules then loaded from /lib/python314.zip are exactly what a
// browser start needs. They are compiled by Pyodide's own interpreter (so the bytecode matches
// it), with optimize=2 (no docstrings or asserts in the standard library; the core itself ships
// as source), and stored uncompressed so the web server's brotli/gzip compresses them well.
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

const [pyodideDir, coreZip, output] = process.argv.slice(2).map((p) => resolve(p));
const { loadPyodide } = await import(`${pyodideDir}/pyodide.mjs`);
const py = await loadPyodide({ indexURL: `${pyodideDir}/` });
py.unpackArchive(new Uint8Array(readFileSync(coreZip)), "zip", { extractDir: "/home/pyodide/core" });
const count = py.runPython(`
import importlib.util, marshal, sys, zipfile
sys.path.insert(0, "/home/pyodide/core")
import calculators.api as api

for name, payload in [
    ("one_rm", '{"load": "100", "reps": "11", "unit": "lb"}'),
    ("bfr_load", '{"load": "80,5", "reps": "8", "increment": "1.25"}'),
    ("bfr_load", '{"one_rm": "4", "percent": "20"}'),
    ("cuff_pressure", '{"aop_mmhg": "200", "limb": "arm", "cuff_width_cm": "11,5"}'),
    ("cuff_pressure", '{"thigh_circumference_cm": "55", "sbp_mmhg": "120", "age_years": "25", "sex": "male", "cuff_width_cm": "18"}'),
    ("screening", '{"answers": {"pregnancy": "yes"}, "sbp_mmhg": "1,234.5", "height_cm": "170"}'),
    ("nope", "not json"),
]:
    api.run(name, payload)

prefix = "/lib/python314.zip/"
used = sorted({m.__file__[len(prefix):] for m in list(sys.modules.values())
               if (getattr(m, "__file__", None) or "").startswith(prefix)})
source_zip = zipfile.ZipFile("/lib/python314.zip")
with zipfile.ZipFile("/tmp/stdlib.zip", "w", zipfile.ZIP_STORED) as out:
    for name in used:
        source = source_zip.read(name)
        code = compile(source, name, "exec", dont_inherit=True, optimize=2)
        header = importlib.util.MAGIC_NUMBER + (1).to_bytes(4, "little")  # unchecked hash pyc
        data = header + importlib.util.source_hash(source) + marshal.dumps(code)
        out.writestr(zipfile.ZipInfo(name[:-3] + ".pyc", date_time=(1980, 1, 1, 0, 0, 0)), data)
len(used)
`);
writeFileSync(output, py.FS.readFile("/tmp/stdlib.zip"));
console.log(`${count} standard library modules`);
