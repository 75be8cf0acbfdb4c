"""The calculators' scripts: ES modules in ``overrides/modules/``, bundled by esbuild.

Each entry below becomes one file, ``assets/javascripts/<entry>-<hash>.js``, named by the SHA-256
of its content; the module sources themselves never reach the site.

Why every calculator page loads exactly one such script (and its worker one more):

- **A page runs the scripts of its own build**, online, offline and behind any cache. The page
  names its script by content, so a stale proxy or a deploy caught half-way cannot pair it with
  another build's script; the name changes whenever a byte does, so the file is immutable for a
  year (static_host.py) and the service worker keeps it by its SHA-256 (offline.py). Modules
  loaded as they are would import each other by plain names that no page names and no hash
  covers, each of which could come from another build.
- **One request, not a waterfall.** A browser finds a module's imports only once the module has
  arrived; two dozen small modules are fetched in several rounds before the page can take over
  the worker that ``partials/calculators/start.html`` started. One file per page costs one.
- The first-session page's script carries the session timer too, so that page also loads one.
  What two bundles share is in both: no page loads code for another page.

The bundles are built by the pinned esbuild (``package.json``) and kept in ``.cache/`` under a
key of everything they depend on: esbuild's version, the entries, the options and every module
source. ``mkdocs build``, ``mkdocs serve`` (which watches ``overrides/modules/``, on_serve) and
the tests' build all get them through this hook; ``hooks/calculators.py`` names them in the
pages.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

ROOT = Path(__file__).resolve().parents[2]
#: The module sources, inside the theme folder but kept off the site (on_files).
MODULES = ROOT / "overrides" / "modules"
CACHE = ROOT / ".cache"
#: The entry modules: the page script of a calculator page, that of the first-session page (with
#: the session timer), and the worker that runs Python.
ENTRIES = ("calculators", "first-session", "calculators-worker")
#: One self-contained ES module per entry (no shared chunks), its syntax as written (no target to
#: lower it to), not minified (the server compresses it; readable without a source map), and
#: UTF-8 text as the sources are.
OPTIONS = ("--bundle", "--format=esm", "--charset=utf8", "--log-level=warning")
FOLDER = "assets/javascripts"
#: A bundle's file, or one of its compressed twins.
BUNDLE = re.compile(rf"(?P<name>(?:{'|'.join(ENTRIES)})-[0-9a-f]{{12}}\.js)(?:\.br|\.gz)?")


def installed(name: str) -> str:
    """The version of an npm package the build uses, which must be the one package.json pins."""
    package = ROOT / "node_modules" / name / "package.json"
    if not package.is_file():
        raise PluginError(f"node_modules/{name} is missing: run `npm ci` (see README)")
    version = str(json.loads(package.read_text(encoding="utf-8"))["version"])
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]
    if pinned[name] != version:
        raise PluginError(f"{name} {version} installed, {pinned[name]} pinned: run `npm ci`")
    return version


def sources() -> list[Path]:
    return sorted(p for p in MODULES.rglob("*") if p.is_file())


@cache
def bundled(stamp: tuple[tuple[str, float], ...]) -> dict[str, tuple[str, bytes]]:
    """``{entry: (file name, bytes)}``, from .cache/ when the inputs are unchanged."""
    digest = hashlib.sha256("\0".join([installed("esbuild"), *ENTRIES, *OPTIONS]).encode())
    for path in sources():
        digest.update(path.relative_to(MODULES).as_posix().encode() + b"\0" + path.read_bytes())
    folder = CACHE / f"scripts-{digest.hexdigest()[:16]}"
    if not all((folder / f"{entry}.js").is_file() for entry in ENTRIES):
        CACHE.mkdir(exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix="scripts-", dir=CACHE))
        result = subprocess.run(
            [str(ROOT / "node_modules" / ".bin" / "esbuild")]
            + [str(MODULES / f"{entry}.js") for entry in ENTRIES]
            + [f"--outdir={work}", *OPTIONS],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        # a warning (an import that names nothing, say) fails the build as an error does
        if result.returncode != 0 or result.stderr.strip():
            shutil.rmtree(work, ignore_errors=True)
            raise PluginError(f"bundling the calculators' scripts failed:\n{result.stderr[-4000:]}")
        try:
            os.replace(work, folder)  # whole or not at all, even with two builds at once
        except OSError:
            shutil.rmtree(work, ignore_errors=True)  # the other build was first: the same files
    found = {}
    for entry in ENTRIES:
        data = (folder / f"{entry}.js").read_bytes()
        found[entry] = (f"{entry}-{hashlib.sha256(data).hexdigest()[:12]}.js", data)
    return found


def bundles() -> dict[str, tuple[str, bytes]]:
    return bundled(tuple((p.as_posix(), p.stat().st_mtime) for p in sources()))


def script_path(entry: str) -> str:
    """The site path of an entry's bundle, such as ``assets/javascripts/calculators-<hash>.js``."""
    return f"{FOLDER}/{bundles()[entry][0]}"


def on_files(files: Files, **_: Any) -> Files:
    """The module sources are inputs of the bundles, not files of the site."""
    for file in [f for f in files if f.src_uri.startswith("modules/")]:
        files.remove(file)
    return files


def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    """Write the bundles; drop those of earlier builds into the same folder (idempotent: runs
    once per language)."""
    folder = Path(config.site_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    current = dict(bundles().values())
    for old in folder.iterdir():
        found = BUNDLE.fullmatch(old.name)
        if found and found["name"] not in current:
            old.unlink()  # with its compressed twins (static_host.py)
    for name, data in current.items():
        (folder / name).write_bytes(data)


def on_serve(server: Any, config: MkDocsConfig, **_: Any) -> Any:
    """`mkdocs serve` watches no theme folder by default: rebundle when a module changes."""
    server.watch(str(MODULES))
    return server
