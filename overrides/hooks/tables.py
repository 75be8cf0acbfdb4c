"""Wide tables read on a phone as stacked rows, each cell under its column's heading.

A table of the page's Markdown with three or more columns, some of them holding more than a few
words, would be wider than a phone's screen, and Material lets it scroll sideways with nothing
to show that a column is hidden. This hook marks such a table ``data-stack`` and gives every
cell of its body the text of its column's heading as ``data-label``; on a narrow screen site.css
then shows each row as a block with each cell under its label. A narrow table (three short
columns, or two) stays a table.

The tables that the calculators' script draws use the same two attributes and the same styles.
Explicit ARIA roles keep a stacked table a table for screen readers, which drop the table
semantics of elements no longer displayed as a table.
"""

from __future__ import annotations

import html
import re
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

TABLE = re.compile(r"<table>(.*?)</table>", re.S)
HEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
BODY = re.compile(r"<tbody>(.*?)</tbody>", re.S)
CELL = re.compile(r"<(t[hd])([^>]*)>(.*?)</t[hd]>", re.S)
ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
TAG = re.compile(r"<[^>]+>")
#: A cell longer than this (in characters of text) makes a table of three or more columns wide.
SHORT = 24


def text_of(cell: str) -> str:
    return " ".join(html.unescape(TAG.sub("", cell)).split())


def wide(labels: list[str], rows: list[list[str]]) -> bool:
    cells = [*labels, *(text_of(cell) for row in rows for cell in row)]
    return len(labels) >= 3 and max(map(len, cells)) > SHORT


def stacked(table: str, where: str) -> str:
    """The table with its stacking attributes, or as it was when it is narrow."""
    head, body = HEAD.search(table), BODY.search(table)
    if not head or not body:
        return f"<table>{table}</table>"
    labels = [text_of(match.group(3)) for match in CELL.finditer(head.group(1))]
    rows = [
        [match.group(3) for match in CELL.finditer(row.group(1))]
        for row in ROW.finditer(body.group(1))
    ]
    if not wide(labels, rows):
        return f"<table>{table}</table>"
    if "" in labels:
        raise PluginError(f"{where}: a wide table has a column without a heading")

    def label_row(row: re.Match[str]) -> str:
        cells = list(CELL.finditer(row.group(1)))
        if len(cells) != len(labels):
            raise PluginError(f"{where}: a table row has {len(cells)} cells, not {len(labels)}")
        out = []
        for match, label in zip(cells, labels, strict=True):
            tag, attrs, content = match.groups()
            if not text_of(content):
                raise PluginError(f"{where}: an empty cell under {label!r} in a wide table")
            out.append(
                f'<{tag}{attrs} role="cell" data-label="{html.escape(label)}">{content}</{tag}>'
            )
        return '<tr role="row">' + "".join(out) + "</tr>"

    new_head = ROW.sub(
        lambda row: (
            '<tr role="row">'
            + CELL.sub(lambda c: f'<{c[1]}{c[2]} role="columnheader">{c[3]}</{c[1]}>', row.group(1))
            + "</tr>"
        ),
        head.group(1),
    )
    new_body = ROW.sub(label_row, body.group(1))
    return (
        '<table data-stack role="table">'
        + f'<thead role="rowgroup">{new_head}</thead>'
        + f'<tbody role="rowgroup">{new_body}</tbody>'
        + "</table>"
    )


def on_page_content(html_: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    return TABLE.sub(lambda m: stacked(m.group(1), page.file.src_uri), html_)
