"""What a production static host needs beside the files: precompressed copies, cache rules,
security headers, and the same rules for every kind of host.

The rules live here once, as a list of (path pattern, headers), and are written out at build time
in three forms:

- ``_headers`` in the site (the format of Netlify and Cloudflare Pages, used as it is);
- ``nginx.conf`` and ``Caddyfile`` in a folder beside the site (``site-host/`` for ``site/``),
  to include in an nginx ``server`` block or a Caddy site block;
- in every page, the parts a ``<meta>`` element may carry (the Content-Security-Policy without
  ``frame-ancestors``, and the referrer policy), for hosts that cannot set headers (GitHub Pages).

No two rules that can match the same path set the same header: Netlify lets the last one win,
Cloudflare joins them with a comma, and a joined ``Cache-Control`` would be nonsense.

The Content-Security-Policy allows scripts from the site itself and, by their SHA-256 hash, the
inline scripts of the built pages (Material's, and the calculator pages' starter, whose URLs change
with each build) and their speculation rules (hooks/intent.py); Pyodide needs
``'wasm-unsafe-eval'`` and nothing more.

Every compressible file gets ``.br`` and ``.gz`` twins (nginx ``gzip_static`` and
``brotli_static``, Caddy ``precompressed``).

Cache lifetimes: a file whose URL changes whenever its content does is kept for a year
(immutable): the versioned Pyodide folder, the core archives (named by their content hash), and
every file whose name carries a content hash, such as Material's
``assets/javascripts/bundle.<hash>.min.js`` and ``assets/stylesheets/main.<hash>.min.css``, with
their source maps (one rule per hash, ``/assets/javascripts/bundle.<hash>.*``), and the
calculators' scripts (``assets/javascripts/calculators-<hash>.js``, hooks/bundles.py). Everything
else (pages, ``sw.js``, the site's other scripts and its stylesheets, whose names stay the same)
is revalidated on every visit: by its folder where the folder holds nothing immutable and no
page, by its own path where it sits beside them.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
import shutil
from pathlib import Path
from typing import Any

import brotli
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from site_i18n import inner_build, languages  # sibling hooks: MkDocs puts this folder on sys.path

COMPRESSIBLE = {
    *(".html", ".css", ".js", ".mjs", ".json", ".webmanifest", ".wasm", ".xml", ".svg", ".txt"),
    ".map",
}
#: Archives stored uncompressed on purpose (the stdlib bytecode, the core) compress well too.
STORED_ARCHIVES = ("python-stdlib-", "calculators-")
TWINS = (".br", ".gz")
IMMUTABLE = ("/assets/pyodide/*", "/assets/core/*")
#: A name that carries a hash of its content: ``bundle.a5f9d56c.min.js``, ``main.57a0d79d.min.css``
#: (Material), ``calculators-6299ac9c42ae.zip`` (the core), ``calculators-884b91189d85.js`` (the
#: calculators' scripts); the hash and what precedes it are the ``stem`` of the rule, so a source
#: map shares its file's rule.
HASHED_NAME = re.compile(r"(?P<stem>[\w.-]*?[.-][0-9a-f]{8,})\.[\w.]+")
#: Types pinned by a rule of their own, as not every host knows them: Pyodide's WebAssembly, and
#: the web app manifests (application/manifest+json).
PINNED_TYPES = (".wasm", ".webmanifest")
FOREVER = "public, max-age=31536000, immutable"
REVALIDATE = "public, max-age=0, must-revalidate"
CACHE = Path(__file__).resolve().parents[2] / ".cache" / "compressed"

#: The types every host must send; a wrong one for ``.wasm`` makes Pyodide hang for ever.
MIME = {
    ".webmanifest": "application/manifest+json",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".wasm": "application/wasm",
    ".zip": "application/zip",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
    ".map": "application/json",
    ".woff2": "font/woff2",
}

#: Browser features: none, except what the site itself uses: copying a link to the clipboard
#: (copy-link buttons), the phone's share sheet (share buttons) and keeping the screen awake
#: while the session timer runs.
PERMISSIONS = (
    "accelerometer=(), camera=(), clipboard-read=(), clipboard-write=(self), "
    "display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "midi=(), payment=(), screen-wake-lock=(self), usb=(), web-share=(self)"
)


def policy(script_hashes: list[str]) -> str:
    """The Content-Security-Policy: the site's own origin only, inline scripts by hash."""
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *(f"'{h}'" for h in script_hashes)])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self'",
            "img-src 'self' data:",
            "worker-src 'self'",
            "manifest-src 'self'",  # the app manifests (web_app.py): said, not left to default-src
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def security_headers(csp: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": PERMISSIONS,
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def meta_policy(csp: str) -> str:
    """The policy as a <meta> element may carry it: browsers ignore frame-ancestors there."""
    return "; ".join(d for d in csp.split("; ") if not d.startswith("frame-ancestors"))


# ---------------------------------------------------------------------------- inline scripts

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module", "speculationrules"}


def inline_scripts(html: str) -> list[str]:
    """The bodies of the inline scripts a browser runs, and of speculation rules (which the policy
    governs as scripts); data blocks such as JSON are not."""
    found = []
    for attrs, body in SCRIPT.findall(html):
        if re.search(r"\bsrc\s*=", attrs, re.I):
            continue
        kind = re.search(r"""\btype\s*=\s*["']?([^"'\s>]*)""", attrs, re.I)
        if (kind.group(1).lower() if kind else "") in SCRIPT_TYPES:
            found.append(body)
    return found


def sha256(body: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "assets")


def script_hashes(site: Path) -> list[str]:
    return sorted(
        {
            sha256(body)
            for page in pages(site)
            for body in inline_scripts(page.read_text(encoding="utf-8"))
        }
    )


def add_meta(html: str, csp: str) -> str:
    """Put the meta policy first in <head> (after the charset), before any script it governs."""
    tags = (
        f'<meta http-equiv="Content-Security-Policy" content="{meta_policy(csp)}">'
        '<meta name="referrer" content="no-referrer">'
    )
    charset = re.search(r"<meta charset=[^>]*>", html, re.I)
    if charset:
        return html[: charset.end()] + tags + html[charset.end() :]
    head = re.search(r"<head[^>]*>", html, re.I)
    if not head:
        raise ValueError("page without <head>")
    return html[: head.end()] + tags + html[head.end() :]


# ---------------------------------------------------------------------------- the rules

Rules = list[tuple[str, dict[str, str]]]


def site_files(site: Path) -> list[Path]:
    """Every file a reader can fetch (no twins, no ``_headers``)."""
    return sorted(
        path
        for path in site.rglob("*")
        if path.is_file()
        and not path.relative_to(site).as_posix().startswith("_")
        and not path.name.endswith(TWINS)
    )


def site_url(site: Path, path: Path) -> str:
    return "/" + path.relative_to(site).as_posix()


def immutable_patterns(site: Path) -> list[str]:
    """The immutable folders, then one pattern per content hash of a file outside them:
    ``/assets/javascripts/bundle.a5f9d56c.*`` covers the script and its source map."""
    found = set()
    for path in site_files(site):
        url = site_url(site, path)
        if any(matches(pattern, url) for pattern in IMMUTABLE):
            continue
        name = HASHED_NAME.fullmatch(path.name)
        if name:
            found.add(url.removesuffix(path.name) + name.group("stem") + ".*")
    return [*IMMUTABLE, *sorted(found)]


def cache_patterns(site: Path, immutable: list[str]) -> list[str]:
    """Patterns that together cover every file outside the ``immutable`` patterns exactly once:
    a page, or a file beside pages or beside immutable files, by its own path; any other file by
    its topmost folder that holds no page and nothing immutable."""
    prefixes = [p.removesuffix("*") for p in immutable]

    def shared(folder: Path) -> bool:
        return (folder / "index.html").is_file() or any(
            prefix.startswith(site_url(site, folder) + "/") for prefix in prefixes
        )

    patterns = set()
    for path in site_files(site):
        url = site_url(site, path)
        if any(matches(pattern, url) for pattern in immutable):
            continue
        folder = path.parent
        if folder == site or shared(folder):
            patterns.add(url.removesuffix("index.html"))
            continue
        while folder.parent != site and not shared(folder.parent):
            folder = folder.parent
        patterns.add(site_url(site, folder) + "/*")
    return sorted(patterns)


def rules(site: Path, csp: str) -> Rules:
    """Every rule in order: security for all, then cache lifetimes, then pinned types."""
    found: Rules = [("/*", security_headers(csp))]
    immutable = immutable_patterns(site)
    found += [(pattern, {"Cache-Control": FOREVER}) for pattern in immutable]
    found += [
        (pattern, {"Cache-Control": REVALIDATE}) for pattern in cache_patterns(site, immutable)
    ]
    for suffix in PINNED_TYPES:
        for path in sorted(site.rglob("*" + suffix)):
            url = "/" + path.relative_to(site).as_posix()
            found.append((url, {"Content-Type": MIME[suffix]}))
    return found


def headers_file(rules_: Rules) -> str:
    lines = ["# Headers for Netlify and Cloudflare Pages; generated by hooks/static_host.py"]
    for pattern, fields in rules_:
        lines.append(pattern)
        lines += [f"  {name}: {value}" for name, value in fields.items()]
    return "\n".join(lines) + "\n"


def matches(pattern: str, path: str) -> bool:
    """Whether a rule's pattern matches a URL path (``*`` matches anything, as on Netlify)."""
    return re.fullmatch(re.escape(pattern).replace(r"\*", ".*"), path) is not None


def merged(rules_: Rules, path: str) -> dict[str, str]:
    """All headers of all rules matching ``path`` (no two of them share a header)."""
    out: dict[str, str] = {}
    for pattern, fields in rules_:
        if matches(pattern, path):
            out.update(fields)
    return out


# ---------------------------------------------------------------------------- nginx and Caddy

NGINX_HEAD = """\
# nginx: include this inside a server block that sets `root` to the built site, e.g.
#   server { listen 80; server_name example.org; root /srv/bfr/site;
#            include /srv/bfr/site-host/nginx.conf; }
# Generated by hooks/static_host.py from the same rules as site/_headers: change them there.
# With Debian's libnginx-mod-http-brotli-static installed, add `brotli_static on;` as well.
"""


def nginx_location(path_pattern: str) -> str:
    """A folder (``/search/*``) or a name's start (``/assets/main.57a0d79d.*``) is a prefix
    location that no regular expression can take over; any other pattern is one exact path."""
    if path_pattern.endswith("*"):
        return "^~ " + path_pattern.removesuffix("*")
    return "= " + path_pattern


def nginx_conf(rules_: Rules, languages: list[str]) -> str:
    """A server-block include: one location per rule pattern, each carrying every header that
    applies to it (nginx does not inherit add_header into a location that has its own)."""
    quote = lambda value: '"' + value.replace('"', r"\"") + '"'  # noqa: E731

    def block(location: str, fields: dict[str, str], extra: list[str]) -> list[str]:
        body = list(extra)
        for name, value in fields.items():
            if name == "Content-Type":  # nginx sends its own: pin it through the type map
                body += ["types { }", f"default_type {quote(value)};"]
            else:
                body.append(f"add_header {name} {quote(value)} always;")
        return [f"location {location} {{", *(f"    {line}" for line in body), "}"]

    out = [NGINX_HEAD, "types {"]
    out += [
        f"    {mime.split(';')[0]} {ext[1:]};"
        for ext, mime in sorted(MIME.items())
        if not (ext == ".map")
    ]
    out += [
        "}",
        "default_type application/octet-stream;",
        "charset utf-8;",
        "charset_types text/css text/javascript application/json application/xml;",
        "gzip_static on;",
        "gzip_vary on;",
        "absolute_redirect off;",
        "index index.html;",
        "error_page 404 /404.html;",
        "",
    ]
    patterns = [p for p, _ in rules_ if p != "/*"]
    for pattern in dict.fromkeys(patterns):
        # A page is served by its own location (an index redirect would leave it)
        extra = [
            "try_files $uri $uri/ =404;"
            if pattern.endswith("*")
            else "try_files ${uri}index.html $uri =404;"
        ]
        out += block(nginx_location(pattern), merged(rules_, pattern.rstrip("*")), extra)
    for lang in languages:  # a missing page answers in its own language
        prefix = f"/{lang}/"
        extra = ["try_files $uri $uri/ =404;", f"error_page 404 /{lang}/404.html;"]
        if prefix + "*" not in patterns:
            out += block(f"^~ {prefix}", merged(rules_, prefix + "-"), extra)
    out += block("/", merged(rules_, "/-"), ["try_files $uri $uri/ =404;"])
    return "\n".join(out) + "\n"


CADDY_HEAD = """\
# Caddy: import this inside a site block that sets the root to the built site, e.g.
#   example.org {
#       root * /srv/bfr/site
#       import /srv/bfr/site-host/Caddyfile
#   }
# Generated by hooks/static_host.py from the same rules as site/_headers: change them there.
"""


def caddyfile(rules_: Rules, languages: list[str]) -> str:
    quote = lambda value: '"' + value.replace('"', r"\"") + '"'  # noqa: E731
    out = [CADDY_HEAD, "file_server {", "\tprecompressed br gzip", "}"]
    for index, (pattern, fields) in enumerate(rules_):
        matcher = "*" if pattern == "/*" else pattern
        if matcher != "*" and "*" not in pattern:
            out.append(f"@rule{index} path {pattern}")
            matcher = f"@rule{index}"
        out.append(f"header {matcher} {{")
        out += [f"\t{name} {quote(value)}" for name, value in fields.items()]
        out.append("}")
    out.append("handle_errors {")
    for lang in languages:
        out += [f"\t@{lang} path /{lang}/*", f"\trewrite @{lang} /{lang}/404.html"]
    out += ["\trewrite * /404.html", "\tfile_server", "}"]
    return "\n".join(out) + "\n"


def host_folder(site: Path) -> Path:
    return site.with_name(site.name + "-host")


# ---------------------------------------------------------------------------- compression


def compressible(path: Path) -> bool:
    if path.suffix in COMPRESSIBLE:
        return path.stat().st_size > 1024
    return path.suffix == ".zip" and path.name.startswith(STORED_ARCHIVES)


def precompress(path: Path) -> None:
    """Write the .br and .gz twins, reusing earlier results by content (brotli 11 is slow)."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    for suffix, pack in (
        (".br", lambda d: brotli.compress(d, quality=11)),
        (".gz", lambda d: gzip.compress(d, compresslevel=9, mtime=0)),
    ):
        twin = path.with_name(path.name + suffix)
        cached = CACHE / f"{digest}{suffix}"
        if not cached.is_file():
            CACHE.mkdir(parents=True, exist_ok=True)
            cached.write_bytes(pack(data))
        if cached.stat().st_size < 0.9 * len(data):
            shutil.copyfile(cached, twin)
        elif twin.exists():
            twin.unlink()


# ---------------------------------------------------------------------------- events

_command = {"name": "build"}


def on_startup(command: str, **_: Any) -> None:
    _command["name"] = command


@event_priority(-300)  # last of all, once every language and the runtime are written
def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    if inner_build(config):
        return
    site = Path(config.site_dir)
    csp = policy(script_hashes(site))
    # `mkdocs serve` injects its own reload script into every page: no meta policy there.
    if _command["name"] != "serve":
        for page in pages(site):
            page.write_text(add_meta(page.read_text(encoding="utf-8"), csp), encoding="utf-8")
    for path in site.rglob("*"):
        if path.is_file() and compressible(path):
            precompress(path)
    rules_ = rules(site, csp)
    (site / "_headers").write_text(headers_file(rules_), encoding="utf-8")
    if _command["name"] != "serve":
        others = languages(config)[1:]  # the default language's 404 is the site's own
        host = host_folder(site)
        host.mkdir(exist_ok=True)
        (host / "nginx.conf").write_text(nginx_conf(rules_, others), encoding="utf-8")
        (host / "Caddyfile").write_text(caddyfile(rules_, others), encoding="utf-8")
