"""Fixtures shared by the site and browser tests: one strict build, one local static server."""

from __future__ import annotations

import fcntl
import functools
import importlib.util
import os
import re
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from socketserver import BaseRequestHandler
from types import ModuleType

import pytest

# STRINGS: every word the calculators and the site chrome show, ``{key: {lang: text}}``, read as
# the build reads it
from calculators.strings import STRINGS, fill

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("en", "da")
#: The language of a browser test whose check does not depend on the language: Danish, the
#: harder case (longer words, decimal commas). A test of words in a layout, number formats,
#: dates or the language switch runs in both LANGUAGES; that every key has words in both is
#: checked without a browser (tests/core/test_core_strings.py).
ONE_LANGUAGE = ("da",)


def text(key: str, lang: str, **params: object) -> str:
    """The words for ``key`` in ``lang``, with its ``{placeholders}`` filled in."""
    return fill(STRINGS[key][lang], **params)


def hook(name: str) -> ModuleType:
    """One of the build's hooks (overrides/hooks/<name>.py), loaded as MkDocs loads it: with its
    folder on ``sys.path`` while it runs, for the sibling hooks it imports."""
    folder = ROOT / "overrides/hooks"
    spec = importlib.util.spec_from_file_location(f"{name}_hook", folder / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(folder))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(folder))
    return module


#: The types a host sends, as the build writes them for every host (hooks/static_host.py).
MIME: dict[str, str] = hook("static_host").MIME


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs the built site ``build``, so that ``-m "not build"`` runs the
    part that needs no build (``make test-fast``) however a new test reaches the site; and run
    the tests that need no build first, while the site is built (``pytest_sessionstart``)."""
    for item in items:
        if "build" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.build)
    items.sort(key=lambda item: item.get_closest_marker("build") is not None)  # stable


@dataclass(frozen=True)
class Build:
    site: Path
    log: str


#: The second build's time limits (overrides/hooks/calculators.py): short enough that a test
#: which only needs a start to fail, or an answer not to come, does not wait the real 10 s and
#: 8 s; long enough for a normal start on a busy two-core machine (the interpreter boots for
#: about 1 s without a progress report, several times that under load). The real limits are
#: tested once each.
SHORT_LIMITS = {"BFR_STALL_MS": "5000", "BFR_REQUEST_TIMEOUT_MS": "3000"}


def build_site(root: Path, name: str, env: dict[str, str]) -> None:
    """Build the site into ``root/name`` unless a worker or the run has already: whoever takes
    the lock first builds, the others wait and find ``name.log`` (or ``name.failed``, the log of
    a build that failed). Two builds at once would race on .cache/, whose cold fill takes about
    40 s."""
    site, done, failed = root / name, root / f"{name}.log", root / f"{name}.failed"
    with (root / "build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if done.exists() or failed.exists():
            return
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
            cwd=ROOT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
            capture_output=True,
            text=True,
            check=False,
        )
        (done if proc.returncode == 0 else failed).write_text(
            proc.stdout + proc.stderr, encoding="utf-8"
        )


def built(tmp_path_factory: pytest.TempPathFactory, name: str, env: dict[str, str]) -> Build:
    """The site built with ``mkdocs build --strict`` into a folder ``name`` that every pytest-xdist
    worker shares (``build_site``)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, above each worker's own
    build_site(root, name, env)
    if (failed := root / f"{name}.failed").exists():
        pytest.fail(f"mkdocs build --strict failed:\n{failed.read_text(encoding='utf-8')}")
    return Build(site=root / name, log=(root / f"{name}.log").read_text(encoding="utf-8"))


def pytest_sessionstart(session: pytest.Session) -> None:
    """On pytest-xdist's controller (``make test``), start the real build at once, in the
    background, where the workers will look for it: they run the tests that need no build first
    (``pytest_collection_modifyitems``), on the cores the build (mostly one process) leaves
    free. Only for the whole suite (no paths given), and not for ``-m "not build ..."``
    (``make test-fast``): any other run builds when a test first needs it."""
    config = session.config
    if os.environ.get("PYTEST_XDIST_WORKER") or not getattr(config.option, "numprocesses", None):
        return
    if config.args_source is not pytest.Config.ArgsSource.TESTPATHS:
        return
    if "not build" in (config.option.markexpr or ""):
        return
    root = config._tmp_path_factory.getbasetemp()  # type: ignore[attr-defined]  # the workers' parent
    threading.Thread(target=build_site, args=(root, "site", {}), daemon=True).start()


@pytest.fixture(scope="session")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The site built once with ``mkdocs build --strict`` into a temporary folder."""
    return built(tmp_path_factory, "site", {})


@pytest.fixture(scope="session")
def short_build(tmp_path_factory: pytest.TempPathFactory, build: Build) -> Build:
    """The site built again with SHORT_LIMITS, after the real build (it reuses its .cache/)."""
    return built(tmp_path_factory, "site-short", SHORT_LIMITS)


def read_rules(path: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """The rules of a ``_headers`` file: (path pattern, [(header, value), ...]) in file order."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        elif rules:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def rule_matches(pattern: str, path: str) -> bool:
    """Netlify's path matching: ``*`` matches anything, ``:name`` one path segment."""
    regex = "".join(
        ".*" if part == "*" else "[^/]+" if part.startswith(":") else re.escape(part)
        for part in re.split(r"(\*|:[A-Za-z]\w*)", pattern)
    )
    return re.fullmatch(regex, path) is not None


def headers_for(rules: list[tuple[str, list[tuple[str, str]]]], path: str) -> dict[str, str]:
    """Every header of every rule matching ``path``, in file order; a header set by two matching
    rules is joined with a comma, as Cloudflare Pages does (the site's rules never do that)."""
    out: dict[str, str] = {}
    names: dict[str, str] = {}
    for pattern, fields in rules:
        if rule_matches(pattern, path):
            for name, value in fields:
                key = names.setdefault(name.lower(), name)
                out[key] = f"{out[key]}, {value}" if key in out else value
    return out


class StaticHandler(SimpleHTTPRequestHandler):
    """Serves the built site as a production static host does (Netlify, Cloudflare Pages, or
    nginx with the generated config): every header of every ``_headers`` rule matching the path,
    the precompressed .br/.gz twins when the browser accepts them, the MIME types Pyodide needs,
    and the nearest 404.html with status 404 for a missing path."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **MIME}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    #: False serves the files as a host without header rules would (GitHub Pages).
    apply_rules = True
    #: True answers a request that names the file's current ETag (or, without one, its
    #: Last-Modified) with 304 Not Modified, as a production host does; off by default, so that a
    #: test that rewrites a file within the same second still gets the new bytes.
    revalidate = False

    def rules(self) -> list[tuple[str, list[tuple[str, str]]]]:
        path = Path(self.directory) / "_headers"
        return read_rules(path) if path.is_file() and self.apply_rules else []

    def not_found_page(self, url_path: str) -> Path | None:
        """The closest 404.html above the missing path (``/da/x`` gets ``/da/404.html``)."""
        folder = Path(self.directory) / url_path.lstrip("/")
        root = Path(self.directory)
        while True:
            folder = folder.parent
            if (folder / "404.html").is_file():
                return folder / "404.html"
            if folder == root or root not in folder.parents:
                return None

    def send_head(self):  # type: ignore[no-untyped-def]
        url_path = urllib.parse.unquote(self.path.split("?", 1)[0].split("#", 1)[0])
        local = Path(self.translate_path(url_path))
        if local.is_dir() and not url_path.endswith("/"):
            return super().send_head()  # the redirect to the trailing slash
        if local.is_dir():
            local = local / "index.html"
        status = 200
        if not local.is_file() or local.name == "_headers":
            page = self.not_found_page(url_path)
            if page is None:
                self.send_error(404)
                return None
            local, status = page, 404
        accepted = self.headers.get("Accept-Encoding", "")
        body, encoding = local, None
        for name, suffix in (("br", ".br"), ("gzip", ".gz")):
            twin = local.with_name(local.name + suffix)
            if name in accepted and twin.is_file():
                body, encoding = twin, name
                break
        stat = body.stat()
        etag = f'"{stat.st_size:x}-{stat.st_mtime_ns:x}"'
        modified = self.date_time_string(int(local.stat().st_mtime))
        held = (
            self.headers.get("If-None-Match") == etag
            if "If-None-Match" in self.headers
            else self.headers.get("If-Modified-Since") == modified  # nginx's "exact" rule
        )
        if self.revalidate and status == 200 and held:
            self.send_response(304)
            self.send_header("ETag", etag)
            for name, value in headers_for(self.rules(), url_path).items():
                self.send_header(name, value)
            self.end_headers()
            return None
        handle = body.open("rb")
        fields = {
            "Content-Type": self.guess_type(str(local)),
            "Content-Length": str(body.stat().st_size),
            "Vary": "Accept-Encoding",
            "Last-Modified": modified,
        }
        if encoding:
            fields["Content-Encoding"] = encoding
        if self.revalidate:
            fields["ETag"] = etag
        for name, value in headers_for(self.rules(), url_path).items():
            fields = {k: v for k, v in fields.items() if k.lower() != name.lower()}
            fields[name] = value
        self.send_response(status)
        for name, value in fields.items():
            self.send_header(name, value)
        self.end_headers()
        return handle


class QuietServer(ThreadingHTTPServer):
    """A reader who leaves before a download ends is no error worth a traceback."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def serve(directory: Path, header_rules: bool = True) -> Iterator[str]:
    """Serve ``directory`` on a free port of 127.0.0.1; without ``header_rules``, ignore its
    ``_headers`` as a host that cannot set headers does."""
    handler_class = type("Handler", (StaticHandler,), {"apply_rules": header_rules})
    yield from run_server(functools.partial(handler_class, directory=str(directory)))


def run_server(handler: Callable[..., BaseRequestHandler]) -> Iterator[str]:
    """Run ``handler`` on a free port of 127.0.0.1, one thread per request, until the generator
    is closed; yields the base URL (no trailing slash)."""
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(build: Build) -> Iterator[str]:
    """Base URL of the built site on 127.0.0.1 (no trailing slash)."""
    yield from serve(build.site)


@pytest.fixture(scope="session")
def short_site_url(short_build: Build) -> Iterator[str]:
    """Base URL of the site built with SHORT_LIMITS (no trailing slash)."""
    yield from serve(short_build.site)


def source_pages() -> list[str]:
    """Every English source page, relative to docs/en (e.g. ``calculators/load.md``)."""
    return sorted(
        p.relative_to(ROOT / "docs/en").as_posix() for p in (ROOT / "docs/en").rglob("*.md")
    )


def page_path(source: str, lang: str) -> str:
    """The site path a source page is served at: ``safety.md`` in Danish is ``/da/safety/``."""
    stem = source.removesuffix(".md")
    stem = "" if stem == "index" else stem.removesuffix("/index") + "/"
    return f"/{stem}" if lang == "en" else f"/{lang}/{stem}"


def built_html(build: Build, source: str, lang: str) -> Path:
    return build.site / page_path(source, lang).lstrip("/") / "index.html"
