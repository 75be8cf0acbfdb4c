"""The headers the static host sends: a strict Content-Security-Policy that still lets every inline
script of the build run, the usual protections, cache lifetimes for every file, and the same rules
for every kind of host (``_headers``, nginx, Caddy, and ``<meta>`` where headers are impossible)."""

from __future__ import annotations

import base64
import hashlib
import re
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import brotli
import pytest

from tests.conftest import Build, headers_for, read_rules

IMMUTABLE_FOLDERS = ("/assets/pyodide/", "/assets/core/")
FOREVER = "public, max-age=31536000, immutable"
REVALIDATE = "public, max-age=0, must-revalidate"
#: Names that carry a hash of their content: Material's ``bundle.a5f9d56c.min.js``,
#: ``main.57a0d79d.min.css`` and their source maps, and the calculators' scripts
#: (``calculators-884b91189d85.js``).
HASHED = re.compile(r"[^/]+\.[0-9a-f]{8}\.min\.(js|css)(\.map)?|[a-z-]+-[0-9a-f]{12}\.js")


class Scripts(HTMLParser):
    """Inline scripts a browser would execute, and the <meta> policies, read by a real parser."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.bodies: list[str] = []
        self.meta: dict[str, str] = {}
        self.first_script_line: int | None = None
        self.meta_line: int | None = None
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script":
            if self.first_script_line is None:
                self.first_script_line = self.getpos()[0] * 100_000 + self.getpos()[1]
            kind = (found.get("type") or "").lower()
            if "src" not in found and kind in ("", "text/javascript", "module", "speculationrules"):
                self._open = []
        if tag == "meta" and found.get("http-equiv", "").lower() == "content-security-policy":
            self.meta["csp"] = found.get("content") or ""
            self.meta_line = self.getpos()[0] * 100_000 + self.getpos()[1]
        if tag == "meta" and found.get("name") == "referrer":
            self.meta["referrer"] = found.get("content") or ""

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            self.bodies.append("".join(self._open))
            self._open = None


def parsed(path: Path) -> Scripts:
    parser = Scripts()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def html_pages(build: Build) -> list[Path]:
    return sorted(p for p in build.site.rglob("*.html") if "assets" not in p.parts)


def directives(policy: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            assert words[0] not in out, f"{words[0]} appears twice"
            out[words[0]] = words[1:]
    return out


def url_of(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    return "/" + (rel.removesuffix("index.html") if rel.endswith("index.html") else rel)


def site_urls(site: Path) -> list[str]:
    """Every URL a reader can fetch: pages by their folder, other files by name, no twins."""
    return sorted(
        url_of(site, p)
        for p in site.rglob("*")
        if p.is_file() and not p.name.endswith((".br", ".gz")) and p.name != "_headers"
    )


@pytest.fixture(scope="module")
def rules(build: Build) -> list[tuple[str, list[tuple[str, str]]]]:
    return read_rules(build.site / "_headers")


@pytest.fixture(scope="module")
def csp(rules: list[tuple[str, list[tuple[str, str]]]]) -> dict[str, list[str]]:
    return directives(headers_for(rules, "/")["Content-Security-Policy"])


def test_every_path_gets_the_security_headers(
    build: Build, rules: list[tuple[str, list[tuple[str, str]]]]
) -> None:
    wanted = {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    missing = {
        url: {name for name, value in wanted.items() if headers_for(rules, url).get(name) != value}
        for url in [*site_urls(build.site), "/no/such/page/"]
    }
    assert {url: names for url, names in missing.items() if names} == {}
    for url in site_urls(build.site):
        assert "Content-Security-Policy" in headers_for(rules, url), url
        assert "Permissions-Policy" in headers_for(rules, url), url


def test_the_policy_allows_the_site_itself_and_nothing_more(csp: dict[str, list[str]]) -> None:
    csp = dict(csp)
    scripts = csp.pop("script-src")
    assert {"'self'", "'wasm-unsafe-eval'"} <= set(scripts)
    others = [s for s in scripts if s not in ("'self'", "'wasm-unsafe-eval'")]
    assert others and all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", s) for s in others)
    assert csp == {
        "default-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }


def test_every_inline_script_is_allowed_by_its_hash_and_no_other_hash_is(
    build: Build, csp: dict[str, list[str]]
) -> None:
    needed = set()
    for page in html_pages(build):
        for body in parsed(page).bodies:
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            needed.add(f"'sha256-{digest}'")
    assert len(needed) >= 10  # Material's, the language rewrite, the worker and Python starters
    allowed = {s for s in csp["script-src"] if s.startswith("'sha256-")}
    assert allowed == needed


def test_permissions_allow_only_what_the_site_uses(
    rules: list[tuple[str, list[tuple[str, str]]]],
) -> None:
    """Copy link, the share sheet and the session timer's wake lock, for the site itself."""
    features = dict(
        item.strip().split("=", 1)
        for item in headers_for(rules, "/")["Permissions-Policy"].split(",")
    )
    for used in ("clipboard-write", "web-share", "screen-wake-lock"):
        assert features.pop(used) == "(self)", used
    assert {"camera", "microphone", "geolocation", "payment"} <= set(features)
    assert set(features.values()) == {"()"}


def test_pages_carry_the_policy_where_headers_cannot_be_set(
    build: Build, rules: list[tuple[str, list[tuple[str, str]]]]
) -> None:
    header = directives(headers_for(rules, "/")["Content-Security-Policy"])
    del header["frame-ancestors"]  # not allowed in <meta>: browsers ignore it there
    for page in html_pages(build):
        found = parsed(page)
        assert directives(found.meta.get("csp", "")) == header, page
        assert found.meta.get("referrer") == "no-referrer", page
        assert found.meta_line is not None and found.first_script_line is not None
        assert found.meta_line < found.first_script_line, f"{page}: policy after a script"


def test_every_file_has_exactly_one_cache_lifetime(
    build: Build, rules: list[tuple[str, list[tuple[str, str]]]]
) -> None:
    for url in site_urls(build.site):
        setting = [
            v
            for p, fields in rules
            for n, v in fields
            if n == "Cache-Control" and re.fullmatch(re.escape(p).replace(r"\*", ".*"), url)
        ]
        assert len(setting) == 1, f"{url}: {setting}"
        immutable = "immutable" in setting[0]
        named_by_content = url.startswith(IMMUTABLE_FOLDERS) or HASHED.fullmatch(url.split("/")[-1])
        assert immutable == bool(named_by_content), f"{url}: {setting[0]}"
        assert setting[0] == (FOREVER if immutable else REVALIDATE), url


def test_files_named_by_their_content_are_kept_for_a_year_and_others_are_revalidated(
    build: Build, rules: list[tuple[str, list[tuple[str, str]]]]
) -> None:
    """What a returning reader's browser may reuse without asking: every file a page links by a
    content-hashed name (Material's script, search worker and stylesheets), never a page, the
    service worker, or the site's own scripts and stylesheets, whose names stay the same."""
    hashed = [url for url in site_urls(build.site) if HASHED.fullmatch(url.split("/")[-1])]
    for name in ("bundle", "workers/search", "main", "palette"):
        assert any(re.search(rf"/{name}\.[0-9a-f]{{8}}\.min\.(js|css)$", u) for u in hashed), name
    for name in ("calculators", "calculators-worker", "first-session"):
        assert any(re.search(rf"/{name}-[0-9a-f]{{12}}\.js$", u) for u in hashed), name
    for url in hashed:
        assert headers_for(rules, url).get("Cache-Control") == FOREVER, url
    # what the pages link to, as a browser fetches it (query string and all)
    home = (build.site / "index.html").read_text(encoding="utf-8")
    calculator = (build.site / "calculators/load/index.html").read_text(encoding="utf-8")
    linked = set(re.findall(r'"(?:\.\./)*(assets/[^"?]+)[^"]*"', home + calculator))
    assert len([u for u in linked if HASHED.fullmatch(u.split("/")[-1])]) >= 4, linked
    for asset in sorted(linked):
        path = "/" + asset
        by_content = path.startswith(IMMUTABLE_FOLDERS) or HASHED.fullmatch(path.split("/")[-1])
        wanted = FOREVER if by_content else REVALIDATE
        assert headers_for(rules, path).get("Cache-Control") == wanted, asset
    for url in (
        "/",
        "/da/safety/",
        "/sw.js",
        "/assets/javascripts/language-switch.js",
        "/assets/javascripts/intent.js",
        "/assets/stylesheets/site.css",
        "/assets/stylesheets/calculators.css",
        "/search/search_index.json",
    ):
        file = build.site / url.lstrip("/") / ("index.html" if url.endswith("/") else "")
        assert file.is_file(), url
        assert headers_for(rules, url).get("Cache-Control") == REVALIDATE, url


def test_no_header_is_set_by_two_rules_for_one_path(
    build: Build, rules: list[tuple[str, list[tuple[str, str]]]]
) -> None:
    # Netlify keeps the last value, Cloudflare joins them with a comma: never rely on either.
    for url in [*site_urls(build.site), "/da/no/such/page/"]:
        names = [
            n.lower()
            for p, fields in rules
            if re.fullmatch(re.escape(p).replace(r"\*", ".*"), url)
            for n, _ in fields
        ]
        assert len(names) == len(set(names)), url


def test_the_webassembly_type_is_pinned(
    build: Build, rules: list[tuple[str, list[tuple[str, str]]]]
) -> None:
    wasm = [url_of(build.site, p) for p in build.site.rglob("*.wasm")]
    assert wasm
    for url in wasm:
        assert headers_for(rules, url).get("Content-Type") == "application/wasm"


def test_the_manifest_type_is_pinned_for_every_host(
    build: Build, rules: list[tuple[str, list[tuple[str, str]]]], site_url: str
) -> None:
    host = build.site.with_name(build.site.name + "-host")
    nginx = (host / "nginx.conf").read_text(encoding="utf-8")
    caddy = (host / "Caddyfile").read_text(encoding="utf-8")
    manifests = [url_of(build.site, p) for p in build.site.rglob("manifest.webmanifest")]
    assert sorted(manifests) == ["/da/manifest.webmanifest", "/manifest.webmanifest"]
    assert "application/manifest+json webmanifest;" in nginx
    for url in manifests:
        assert headers_for(rules, url).get("Content-Type") == "application/manifest+json"
        location = re.search(rf"location = {re.escape(url)} {{(.*?)\n}}", nginx, re.S)
        assert location and 'default_type "application/manifest+json";' in location.group(1)
        rule = re.findall(rf"@(rule\d+) path {re.escape(url)}\n", caddy)
        assert any(
            re.search(rf'header @{r} {{\n\tContent-Type "application/manifest\+json"', caddy)
            for r in rule
        ), url
        with urllib.request.urlopen(site_url + url) as response:  # the test server
            assert response.headers["Content-Type"] == "application/manifest+json"


def test_compressed_twins_hold_the_final_pages(build: Build) -> None:
    # The policy is written into the pages before they are compressed, never after.
    for page in html_pages(build):
        twin = page.with_name(page.name + ".br")
        if twin.exists():
            assert brotli.decompress(twin.read_bytes()) == page.read_bytes(), page


def test_nginx_and_caddy_configs_carry_the_same_values(
    build: Build, rules: list[tuple[str, list[tuple[str, str]]]]
) -> None:
    host = build.site.with_name(build.site.name + "-host")
    nginx = (host / "nginx.conf").read_text(encoding="utf-8")
    caddy = (host / "Caddyfile").read_text(encoding="utf-8")
    for pattern, fields in rules:
        for name, value in fields:
            if name != "Content-Type":
                assert f'add_header {name} "{value}" always;' in nginx, (pattern, name)
            assert f'{name} "{value}"' in caddy, (pattern, name)
        if "*" not in pattern:
            assert f"location = {pattern} {{" in nginx
            assert re.search(rf"@rule\d+ path {re.escape(pattern)}\n", caddy), pattern
        elif pattern == "/*":
            assert "location / {" in nginx and "header * {" in caddy
        else:
            assert f"location ^~ {pattern.removesuffix('*')} {{" in nginx
            assert f"header {pattern} {{" in caddy


def test_headers_file_fits_cloudflare_pages(build: Build) -> None:
    # Cloudflare Pages' limits for _headers: 100 rules, 2,000 characters a line, one splat.
    lines = (build.site / "_headers").read_text(encoding="utf-8").splitlines()
    patterns = [line for line in lines if line.startswith("/")]
    assert 0 < len(patterns) <= 100
    assert max(len(line) for line in lines) <= 2000
    assert all(p.count("*") <= 1 for p in patterns)
