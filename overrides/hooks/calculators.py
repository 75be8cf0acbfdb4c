"""Calculators on the site: forms rendered from the core's data, the runtime copied in.

A page asks for a calculator with a marker such as ``<!-- calculator: bfr_load -->``; the marker is
replaced by ``partials/calculators/<name>.html`` rendered with the core's strings and screening
questions, so a form cannot ask what the core does not know. Unknown markers fail the build.

After the build, the pinned Pyodide runtime (npm package ``pyodide``) is copied to
``assets/pyodide/<version>/`` and the core is compiled from ``calculators/`` into
``assets/core/calculators-<hash>.zip``. Content pages load none of it, and none of the
calculators' stylesheets or scripts: a page with a calculator carries their links itself, to one
page script and one worker script, each bundled and named by its content (hooks/bundles.py).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

from bundles import installed, script_path  # sibling hooks: MkDocs puts this folder on sys.path
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from offline import CACHES
from routes import PAGES
from site_i18n import fill, language, strings

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "calculators"
PYODIDE = ROOT / "node_modules" / "pyodide"
#: The files a browser needs from the npm package (platform notes); the standard library comes
#: from stdlib_archive() instead of the package's full python_stdlib.zip, and the lock file is
#: written without its package list (the core loads no package).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
STDLIB_SCRIPT = Path(__file__).with_name("stdlib.mjs")
#: Modules that replace parts of Pyodide's own Python the calculators never use (runtime/README.md).
STAND_INS = Path(__file__).with_name("runtime")
CACHE = ROOT / ".cache"
MARKER = re.compile(r"<!--\s*calculator:\s*([A-Za-z0-9_-]+)\s*-->")
CALCULATORS = ("bfr_load", "cuff_pressure", "screening", "session_plan")


def time_limit(variable: str, milliseconds: int) -> int:
    """A time limit of the pages, in ms. The tests build the site a second time with short
    limits from these environment variables, for the tests that only need a start to fail or an
    answer not to come (tests/conftest.py); a site to publish is built without them."""
    return int(os.environ.get(variable, milliseconds))


#: A start that has made no progress for this long (no byte of the runtime arrived, no step of
#: the start done) is stuck, and the reader is told: within 15 s of a stalled download. While
#: bytes keep arriving, however slowly, the page waits and shows how far the download has come.
STALL_MS = time_limit("BFR_STALL_MS", 10_000)
#: How long the page waits for one answer from Python before it says there was none.
REQUEST_TIMEOUT_MS = time_limit("BFR_REQUEST_TIMEOUT_MS", 8_000)
#: The page script of a page with the session timer; any other calculator page loads "calculators".
TIMER_SCRIPT = "first-session"
#: Stylesheets only a page with a calculator links (main.html puts them after the site's own):
#: the forms' for every calculator, and the session timer's for the page that carries it.
STYLESHEETS = {"*": "calculators.css", "session_plan": "session.css"}
#: Reference cases (tests/core/vectors.json) that a starting worker runs and compares with the
#: results the core gave at build time: a restored snapshot that computes anything else is
#: dropped. Every vector marked ``"ok": true``, which includes a cuff-pressure estimate. All of
#: them, refusals too, are what stdlib.mjs runs to find the modules a start imports.
VECTORS = ROOT / "tests" / "core" / "vectors.json"


#: Parts of the core the browser never uses: the words (the page has them) and the command line.
NOT_IN_BROWSER = ("strings.json", "strings.py", "__main__.py")


def core_files() -> list[Path]:
    """The files of the core that the browser receives: its Python modules and data, in its
    folder and its sub-packages (``api/``)."""
    return sorted(
        p
        for p in CORE.rglob("*")
        if p.is_file()
        and p.suffix in (".py", ".json")
        and "__pycache__" not in p.parts
        and not (p.parent == CORE and p.name in NOT_IN_BROWSER)
    )


def core_stamp() -> tuple[tuple[str, float], ...]:
    """What the core's derived artefacts are cached by: each file's path and time."""
    return tuple((p.relative_to(CORE).as_posix(), p.stat().st_mtime) for p in core_files())


@cache
def core_sources(stamp: tuple[tuple[str, float], ...]) -> bytes:
    """A deterministic zip of the core's source files, from which its bytecode is built."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for path in core_files():
            name = path.relative_to(CORE).as_posix()
            info = zipfile.ZipInfo(f"calculators/{name}", date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def named(prefix: str, data: bytes) -> tuple[str, bytes]:
    """A file's content-hashed name (immutable for a year: static_host.py) and its bytes."""
    return f"{prefix}-{hashlib.sha256(data).hexdigest()[:12]}.zip", data


def compiled() -> tuple[bytes, bytes]:
    """The standard library modules the core needs and the core, as bytecode for the pinned
    Pyodide, both stored (not deflated: the web server's brotli compresses them better).

    Built by stdlib.mjs (Pyodide in Node), which finds the modules a start needs by running the
    reference cases (``VECTORS``), and kept in .cache/ under a key of everything they depend on:
    the Pyodide version, the core's sources, the script, the stand-ins and the cases. Each
    calculator page asks several times (its archives' names, the bytes its start downloads):
    read and hashed once while none of those files changes.
    """
    inputs = [STDLIB_SCRIPT, VECTORS, *sorted(STAND_INS.rglob("*.py"))]
    return compiled_from(core_stamp(), tuple((str(p), p.stat().st_mtime) for p in inputs))


@cache
def compiled_from(
    stamp: tuple[tuple[str, float], ...], inputs: tuple[tuple[str, float], ...]
) -> tuple[bytes, bytes]:
    """compiled() for one state of its inputs (``core_stamp()`` and the others' times)."""
    sources = core_sources(stamp)
    stand_ins = b"".join(
        p.relative_to(STAND_INS).as_posix().encode() + p.read_bytes()
        for p in sorted(STAND_INS.rglob("*.py"))
    )
    key = hashlib.sha256(
        pyodide_version().encode()
        + sources
        + STDLIB_SCRIPT.read_bytes()
        + stand_ins
        + VECTORS.read_bytes()
    ).hexdigest()[:16]
    stdlib, core = CACHE / f"stdlib-{key}.zip", CACHE / f"core-{key}.zip"
    if not (stdlib.is_file() and core.is_file()):
        CACHE.mkdir(exist_ok=True)
        source_file = CACHE / f"core-sources-{key}.zip"
        source_file.write_bytes(sources)
        result = subprocess.run(
            ["node", str(STDLIB_SCRIPT), str(PYODIDE), str(source_file), str(STAND_INS)]
            + [str(VECTORS), str(stdlib), str(core)],
            capture_output=True,
            text=True,
            check=False,
        )
        source_file.unlink()
        if result.returncode != 0:
            raise PluginError(
                f"building the standard library subset failed:\n{result.stderr[-2000:]}"
            )
    return stdlib.read_bytes(), core.read_bytes()


def archive() -> tuple[str, bytes]:
    """The core as the browser receives it: its modules as ``.pyc`` and its data files."""
    return named("calculators", compiled()[1])


def stdlib_archive() -> tuple[str, bytes]:
    """The standard library modules Pyodide's start and the core import."""
    return named("python-stdlib", compiled()[0])


def runtime_bytes() -> int:
    """The bytes (decoded) of the files the worker fetches, against which it reports progress.

    Pyodide's two JavaScript modules are imported, not fetched, so they are not counted.
    """
    wasm = (PYODIDE / "pyodide.asm.wasm").stat().st_size
    return wasm + len(archive()[1]) + len(stdlib_archive()[1]) + len(lock_file())


def lock_file() -> bytes:
    """Pyodide's lock file without its package list (the core loads no package)."""
    lock = json.loads((PYODIDE / "pyodide-lock.json").read_text(encoding="utf-8"))
    return json.dumps({"info": lock["info"], "packages": {}}).encode()


def pyodide_version() -> str:
    return installed("pyodide")


def script_url(entry: str, page_url: str) -> str:
    """The URL of a calculator script, named by its content (hooks/bundles.py)."""
    return get_relative_url(script_path(entry), page_url)


def reference_results(stamp: tuple[tuple[str, float], ...]) -> list[list[str]]:
    """``[[name, payload_json, result_json], ...]``: the probes, answered by this build's core."""
    probes: list[list[str]] = core_says(stamp)["probes"]
    return probes


def weight_fields(stamp: tuple[tuple[str, float], ...]) -> list[str]:
    """The weights a change between kg and lb converts, from the core's field registry."""
    weights: list[str] = core_says(stamp)["weights"]
    return weights


@cache
def core_says(stamp: tuple[tuple[str, float], ...]) -> dict[str, Any]:
    """What this build's core says, asked once: its answers to the reference cases (``probes``)
    and, from its field registry, the weights a unit change converts (``weights``).

    The core answers in a child CPython rather than imported into the build: under ``mkdocs
    serve`` an imported core would stay in ``sys.modules`` from the first build and answer every
    later build with the sources it had then, and the probes must be the answers of the sources
    this build ships. A fresh interpreter also starts as the browser's worker does, with nothing
    the build process has imported or patched.
    """
    vectors = json.loads(VECTORS.read_text(encoding="utf-8"))
    cases = [
        [v["calculator"], json.dumps(v["payload"], ensure_ascii=False)]
        for v in vectors
        if v["expect"].get("ok") is True
    ]
    if not any(name == "cuff_pressure" and "sbp_mmhg" in payload for name, payload in cases):
        raise PluginError(f"{VECTORS}: no cuff-pressure estimate marked ok to check starts with")
    script = (
        "import json, sys\nfrom calculators.api import WEIGHT_FIELDS, run\n"
        "answers = [run(n, p) for n, p in json.load(sys.stdin)]\n"
        "print(json.dumps({'answers': answers, 'weights': WEIGHT_FIELDS}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps(cases),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise PluginError(f"running the core's reference cases failed:\n{result.stderr[-2000:]}")
    said = json.loads(result.stdout)
    answers = said["answers"]
    for (name, payload), answer in zip(cases, answers, strict=True):
        if not json.loads(answer)["ok"]:
            raise PluginError(f"the core rejects its own reference case {name} {payload}")
    probes = [
        [name, payload, answer] for (name, payload), answer in zip(cases, answers, strict=True)
    ]
    return {"probes": probes, "weights": said["weights"]}


@cache
def questions() -> list[dict[str, Any]]:
    return list(json.loads((CORE / "questions.json").read_text(encoding="utf-8")))


REFERENCE = re.compile(r"((?:^(?!\{ #).+\n)+)\{ #([a-z0-9-]+) \}$", re.M)


#: A person's initials after the surname ("JW", "DdC"); an organisation has none.
INITIALS = re.compile(r"[A-Z][A-Za-z]{0,3}")


def surname(author: str) -> str:
    """``"McEvoy JW"`` -> ``"McEvoy"``; an organisation (``"Hypertension Canada"``) stays whole."""
    parts = author.strip().rsplit(" ", 1)
    return parts[0] if len(parts) == 2 and INITIALS.fullmatch(parts[1]) else author.strip()


@cache
def short_citations(lang: str) -> dict[str, str]:
    """``{key: "Patterson et al. 2019"}`` from the references page of one language, the authors
    as the language writes them (``site.citation.*``: "et al.", "m.fl.")."""
    text = (ROOT / "docs" / lang / "references.md").read_text(encoding="utf-8")
    words = strings(lang)
    found = {}
    for match in REFERENCE.finditer(text):
        authors = match.group(1).split(". ", 1)[0].split(";")[-1]
        names = [surname(a) for a in authors.split(",") if "et al" not in a]
        year = re.search(r"\b(1[89]|20)\d\d\b", match.group(2))
        many = "et al" in authors or len(names) > 2
        if many:
            who = fill(words["site.citation.many"], first=names[0])
        elif len(names) == 2:
            who = fill(words["site.citation.two"], first=names[0], second=names[1])
        else:
            who = names[0] if names else ""
        found[match.group(2)] = f"{who} {year.group(0) if year else ''}".strip()
    return found


def reference_label(key: str, lang: str) -> str:
    """The short citation of a reference key, or a failed build if the page lacks it."""
    try:
        return short_citations(lang)[key]
    except KeyError:
        raise PluginError(f"no reference {key!r} on docs/{lang}/references.md") from None


def own_words(text: dict[str, str], key: str, names: list[str]) -> str:
    """The words of ``key`` for the page's first calculator, if it has its own (the timer's page
    says "the timer", not "the calculator"), else the common ones."""
    return text.get(f"{key}.{names[0]}", text[key])


def script_json(value: object) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def on_files(files: Files, **_: Any) -> Files:
    """The theme folder also holds these hooks and their build script: keep them off the site."""
    for file in [f for f in files if f.src_uri.startswith("hooks/")]:
        files.remove(file)
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files, **_: Any) -> str:
    names = MARKER.findall(html)
    if not names:
        return html
    unknown = sorted(set(names) - set(CALCULATORS))
    if unknown:
        raise PluginError(f"{page.file.src_uri}: unknown calculator marker(s) {unknown}")
    lang = language(config)
    text = strings(lang)
    env = config.theme.get_env()
    # static-i18n gives the pages of other languages URLs under their prefix ("da/..."):
    # links to the site's own pages keep that prefix, so a Danish page links to Danish pages.
    prefix = f"{lang}/" if page.url.startswith(f"{lang}/") else ""

    def page_link(path: str) -> str:
        return get_relative_url(prefix + path, page.url)

    context = {
        "t": text,
        "lang": lang,
        "questions": questions(),
        "cite": lambda key: reference_label(key, lang),
        "references": page_link("references/"),
        "safety": page_link("safety/"),
        "pages": {name: page_link(path) for name, path in PAGES.items()},  # routes.py
        "asset": lambda path: get_relative_url(path, page.url),
    }

    def render(match: re.Match[str]) -> str:
        template = env.get_template(f"partials/calculators/{match.group(1)}.html")
        return template.render(**context)

    def url(path: str) -> str:
        return get_relative_url(path, page.url)

    core, stdlib, version = archive()[0], stdlib_archive()[0], pyodide_version()
    # the caches a start fills, which a failed start drops (the pages' own are the service worker's)
    worker_caches = {name: CACHES[name] for name in ("runtime", "snapshots")}
    start = env.get_template("partials/calculators/start.html").render(
        worker=script_url("calculators-worker", page.url),
        pyodide=url(f"assets/pyodide/{version}/"),
        core=url(f"assets/core/{core}"),
        stdlib=url(f"assets/core/{stdlib}"),
        key=f"{version}-{core}-{stdlib}",
        probes=reference_results(core_stamp()),
        caches=worker_caches,
        stall_ms=STALL_MS,
        failed=own_words(text, "status.failed", names),
        offline=own_words(text, "status.offline", names),
    )

    data = {
        "lang": lang,
        "strings": text,
        "questions": questions(),
        "stall_ms": STALL_MS,
        "runtime_bytes": runtime_bytes(),
        "request_timeout_ms": REQUEST_TIMEOUT_MS,
        "weights": weight_fields(core_stamp()),
        "caches": worker_caches,
        "references": context["references"],
        "first_session": page_link(PAGES["first_session"]),
        "reference_labels": {
            q["source"]: reference_label(q["source"], lang) for q in questions() if q["source"]
        },
    }
    # One script per page, the timer's page included (hooks/bundles.py says why).
    script = script_url(TIMER_SCRIPT if "session_plan" in names else "calculators", page.url)
    page.meta["calculator_start"] = start  # placed at the top of <head> by main.html
    page.meta["calculator_styles"] = [  # linked in <head> by main.html
        url(f"assets/stylesheets/{sheet}")
        for name, sheet in STYLESHEETS.items()
        if name == "*" or name in names
    ]
    return (
        MARKER.sub(render, html)
        + f'\n<script type="application/json" id="bfr-calculator-data">{script_json(data)}</script>'
        + f'\n<script type="module" src="{script}"></script>\n'
    )


def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    """Copy the runtime and the core archive (idempotent: runs once per language)."""
    site = Path(config.site_dir)
    target = site / "assets" / "pyodide" / pyodide_version()
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        source, copy = PYODIDE / name, target / name
        if not copy.exists() or copy.stat().st_size != source.stat().st_size:
            shutil.copyfile(source, copy)
    (target / "pyodide-lock.json").write_bytes(lock_file())
    core = site / "assets" / "core"
    core.mkdir(parents=True, exist_ok=True)
    artefacts = dict([archive(), stdlib_archive()])
    for old in core.glob("*.zip"):
        if old.name not in artefacts:
            old.unlink()
    for name, data in artefacts.items():
        (core / name).write_bytes(data)


def on_serve(server: Any, config: MkDocsConfig, **_: Any) -> Any:
    server.watch(str(CORE))
    return server
