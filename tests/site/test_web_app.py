"""The site as an app on the home screen: one web app manifest per language, linked by every page
of that language, with icons that exist at the sizes the manifest claims, and cached for offline
use by the service worker."""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.conftest import LANGUAGES, Build, page_path

ORIGIN = "https://example.org"
#: Each language's root in the site: its home page, the app's start page and scope.
ROOT_OF = {"en": "/", "da": "/da/"}


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", path
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def local(build: Build, url: str) -> Path:
    assert url.startswith(ORIGIN + "/"), url
    path = build.site / url.removeprefix(ORIGIN + "/")
    return path / "index.html" if url.endswith("/") else path


def pages_of(build: Build, lang: str) -> list[Path]:
    """Every built page of a language (its 404 page too)."""
    found = []
    for path in build.site.rglob("*.html"):
        rel = path.relative_to(build.site)
        if rel.parts[0] == "assets":
            continue
        in_danish = rel.parts[0] == "da"
        if in_danish == (lang == "da"):
            found.append(path)
    return sorted(found)


def url_of_page(build: Build, path: Path) -> str:
    rel = path.relative_to(build.site).as_posix()
    return ORIGIN + "/" + (rel.removesuffix("index.html") if rel.endswith("index.html") else rel)


def linked(html: str, rel: str) -> list[str]:
    return re.findall(rf'<link rel="{rel}" href="([^"]+)"', html)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_a_manifest_that_starts_on_its_home_page(build: Build, lang: str) -> None:
    url = ORIGIN + ROOT_OF[lang] + "manifest.webmanifest"
    manifest = json.loads(local(build, url).read_text(encoding="utf-8"))
    assert manifest["lang"] == lang
    assert manifest["display"] == "standalone"
    assert urljoin(url, manifest["start_url"]) == ORIGIN + ROOT_OF[lang]
    assert urljoin(url, manifest["scope"]) == ORIGIN + ROOT_OF[lang]
    assert manifest["name"] == manifest["short_name"] == ("BFR guide", "BFR-guiden")[lang == "da"]
    assert len(manifest["short_name"]) <= 12  # what a launcher shows under the icon
    assert manifest["description"]
    for colour in ("theme_color", "background_color"):
        assert re.fullmatch(r"#[0-9a-f]{6}", manifest[colour]), colour
    home = (build.site / ROOT_OF[lang].lstrip("/") / "index.html").read_text(encoding="utf-8")
    light = '<meta name="theme-color" media="(prefers-color-scheme: light)" content="{}">'
    assert light.format(manifest["theme_color"]) in home


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_manifests_icons_exist_at_their_sizes_and_one_is_maskable(
    build: Build, lang: str
) -> None:
    url = ORIGIN + ROOT_OF[lang] + "manifest.webmanifest"
    manifest = json.loads(local(build, url).read_text(encoding="utf-8"))
    purposes = set()
    sizes = set()
    for icon in manifest["icons"]:
        path = local(build, urljoin(url, icon["src"]))
        width, height = png_size(path)
        assert icon["sizes"] == f"{width}x{height}" and width == height, icon
        assert icon["type"] == "image/png"
        purposes.add((icon["purpose"], width))
        sizes.add(width)
    assert {192, 512} <= sizes
    assert ("any", 192) in purposes and ("any", 512) in purposes
    assert ("maskable", 512) in purposes


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_links_its_languages_manifest_and_the_home_screen_icon(
    build: Build, lang: str
) -> None:
    manifest = ORIGIN + ROOT_OF[lang] + "manifest.webmanifest"
    pages = pages_of(build, lang)
    assert len(pages) > 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        here = url_of_page(build, path)
        if path.name == "404.html":
            here = ORIGIN + "/"  # served for any missing path: its links are root-relative
        assert [urljoin(here, href) for href in linked(html, "manifest")] == [manifest], path
        (icon,) = linked(html, "apple-touch-icon")
        assert png_size(local(build, urljoin(here, icon))) == (180, 180), path
        metas = re.findall(r'<meta name="theme-color" media="([^"]+)"', html)
        assert metas == ["(prefers-color-scheme: light)", "(prefers-color-scheme: dark)"], path


def test_the_danish_pages_name_the_site_bfr_guiden(build: Build) -> None:
    for source in ("index.md", "safety.md", "calculators/screening.md"):
        path = build.site / page_path(source, "da").lstrip("/") / "index.html"
        html = path.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", html, re.S)
        assert title and "BFR-guiden" in title.group(1), source
        header = re.search(
            r'<div class="md-header__topic">\s*<span class="md-ellipsis">\s*(.*?)\s*<', html
        )
        assert header and header.group(1) == "BFR-guiden", source
        assert "BFR guide" not in html.replace('lang="en"', ""), source


def test_the_service_worker_caches_the_manifests_and_icons(build: Build) -> None:
    worker = (build.site / "sw.js").read_text(encoding="utf-8")
    precache = json.loads(re.search(r"const PRECACHE = (\[.*?\]);", worker, re.S).group(1))  # type: ignore[union-attr]
    for lang in LANGUAGES:
        url = ORIGIN + ROOT_OF[lang] + "manifest.webmanifest"
        assert url.removeprefix(ORIGIN + "/") in precache
        manifest = json.loads(local(build, url).read_text(encoding="utf-8"))
        for icon in manifest["icons"]:
            assert urljoin(url, icon["src"]).removeprefix(ORIGIN + "/") in precache
    assert "assets/images/apple-touch-icon.png" in precache
    assert ROOT_OF["en"].lstrip("/") in precache and ROOT_OF["da"].lstrip("/") in precache
