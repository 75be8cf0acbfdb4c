"""Wide tables carry what a phone needs to show them as stacked rows: every body cell names its
column's heading (hooks/tables.py); narrow tables stay tables."""

from __future__ import annotations

import html
import importlib.util
import re
from types import ModuleType

import pytest
from mkdocs.exceptions import PluginError

from tests.conftest import LANGUAGES, ROOT, Build, built_html, source_pages

TABLE = re.compile(r"<table\b([^>]*)>(.*?)</table>", re.S)
CELL = re.compile(r"<(t[hd])\b([^>]*)>(.*?)</t[hd]>", re.S)
ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)


def hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("tables", ROOT / "overrides/hooks/tables.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def plain(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def tables(build: Build, source: str, lang: str) -> list[tuple[str, str]]:
    page = built_html(build, source, lang).read_text(encoding="utf-8")
    content = page.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
    return TABLE.findall(content)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_cell_of_a_stacked_table_names_its_columns_heading(build: Build, lang: str) -> None:
    stacked = {}
    for source in source_pages():
        for attrs, body in tables(build, source, lang):
            head, rows = body.split("</thead>", 1)
            labels = [plain(cell[2]) for cell in CELL.findall(head)]
            if "data-stack" not in attrs:
                # a narrow table: two columns, or three of a few words each
                texts = [*labels, *(plain(c[2]) for c in CELL.findall(rows))]
                assert len(labels) <= 2 or max(map(len, texts)) <= 24, (source, labels)
                continue
            stacked[source] = stacked.get(source, 0) + 1
            assert 'role="table"' in attrs
            for row in ROW.findall(rows):
                cells = CELL.findall(row)
                named = [
                    html.unescape(re.search(r'data-label="([^"]*)"', a).group(1))
                    for _, a, _ in cells
                ]  # type: ignore[union-attr]
                assert named == labels and all(labels), (source, named)
                assert all(plain(content) for _, _, content in cells), (source, row)
    # Effects: the two comparison tables; Safety: the five contraindication tables (one per kind
    # of factor) and the side effects (the review's V18 and V19); every other wide table (the
    # guides') is checked above like these
    assert {page: stacked.get(page) for page in ("effects.md", "safety.md")} == {
        "effects.md": 2,
        "safety.md": 6,
    }


def test_a_narrow_table_stays_a_table_and_a_blank_cell_in_a_wide_one_fails_the_build() -> None:
    tables_hook = hook()
    narrow = (
        "<thead><tr><th>Week</th><th>Sessions</th><th>Sets</th></tr></thead>"
        "<tbody><tr><td>1</td><td>2</td><td>2</td></tr></tbody>"
    )
    assert tables_hook.stacked(narrow, "x.md") == f"<table>{narrow}</table>"
    wide = (
        "<thead><tr><th>Outcome</th><th>Compared with heavy training</th><th>Source</th></tr>"
        "</thead><tbody><tr><td>Strength</td><td>Smaller gains than heavy training</td>"
        "<td>{}</td></tr></tbody>"
    )
    out = tables_hook.stacked(wide.format("Hughes 2017"), "x.md")
    assert '<td role="cell" data-label="Source">Hughes 2017</td>' in out
    with pytest.raises(PluginError, match="empty cell under 'Source'"):
        tables_hook.stacked(wide.format(" "), "x.md")
