"""The README stays a newcomer's page; the maintainer documents stay linked and unpublished.

The README is the front door: at most about 150 lines, and its test command is the one CI runs
(``.ci/run``), so what a newcomer copies is what is checked. Every relative link in the README,
CONTRIBUTING.md and ``maintainers/`` leads to a file of the repository, and a link to a heading
of a Markdown file to a heading that exists (as GitHub names its anchors). The maintainer
documents live outside ``docs_dir``, so no page of the built site comes from them. LICENSE is
the licence ``pyproject.toml`` declares.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

from tests.conftest import ROOT, Build

README = ROOT / "README.md"
MAX_README_LINES = 150
DOCUMENTS = sorted([README, ROOT / "CONTRIBUTING.md", *(ROOT / "maintainers").glob("*.md")])
FENCE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE = re.compile(r"`[^`]*`")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)  # https:, mailto:
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def prose_lines(path: Path) -> list[str]:
    """The lines of a Markdown file outside code fences."""
    lines, fenced = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            lines.append(line)
    return lines


def links(path: Path) -> list[str]:
    found = []
    for line in prose_lines(path):
        found += LINK.findall(INLINE_CODE.sub("", line))
    return found


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = INLINE_CODE.sub(lambda m: m.group(0).strip("`"), heading)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link's text only
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    found = set()
    for line in prose_lines(path):
        match = HEADING.match(line)
        if not match:
            continue
        base = slug(match.group(2))
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def fenced_blocks(path: Path) -> list[list[str]]:
    blocks, current = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if FENCE.match(line):
            if current is None:
                current = []
            else:
                blocks.append(current)
                current = None
        elif current is not None:
            current.append(line)
    return blocks


def readme_commands() -> dict[str, str]:
    """``{"serve": ..., "test": ...}``: the two commands of the README's first code block."""
    first = fenced_blocks(README)[0]
    commands = [line.split("#", 1)[0].strip() for line in first]
    return {command.split()[-1]: command for command in commands if command.startswith("make ")}


def test_the_readme_is_short_enough_for_a_newcomer() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= MAX_README_LINES, (
        f"README.md has {len(lines)} lines; move detail to maintainers/ (at most about "
        f"{MAX_README_LINES})"
    )


def test_the_readme_gives_the_two_commands_first_and_ci_runs_its_test_command() -> None:
    commands = readme_commands()
    assert commands == {"serve": "make serve", "test": "make test"}, commands
    ci = [
        line.strip()
        for line in (ROOT / ".ci/run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith(("#", "set ", "cd "))
    ]
    assert ci == [commands["test"]], f".ci/run runs {ci}, the README says {commands['test']!r}"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in commands:
        assert re.search(rf"^{target}:", makefile, re.M), f"no `{target}` target in the Makefile"


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_leads_to_a_file_and_heading_that_exist(document: Path) -> None:
    broken = []
    for target in links(document):
        if EXTERNAL.match(target):
            continue
        path_part, _, fragment = target.partition("#")
        path = (document.parent / unquote(path_part)).resolve() if path_part else document
        if not path.exists() or ROOT.resolve() not in (path, *path.parents):
            broken.append(f"{target}: no such file in the repository")
        elif fragment and path.suffix == ".md" and fragment not in anchors(path):
            broken.append(f"{target}: no heading #{fragment} in {path.relative_to(ROOT)}")
    assert not broken, f"{document.relative_to(ROOT)}:\n  " + "\n  ".join(broken)


def test_the_link_check_finds_a_missing_file_and_a_missing_heading(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "# Title\n\n## The core: `calculators/`\n\nSee [b](b.md), [c](a.md#the-core-calculators),"
        " [d](a.md#nowhere) and `[not a link](x.md)`.\n```\n[in a fence](y.md)\n```\n",
        encoding="utf-8",
    )
    assert links(tmp_path / "a.md") == ["b.md", "a.md#the-core-calculators", "a.md#nowhere"]
    assert "the-core-calculators" in anchors(tmp_path / "a.md")
    assert "nowhere" not in anchors(tmp_path / "a.md")


def test_the_maintainer_documents_are_outside_the_published_site(build: Build) -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    docs = (ROOT / config.get("docs_dir", "docs")).resolve()
    for document in DOCUMENTS:
        assert docs not in document.resolve().parents, f"{document} is under docs_dir"
    names = {document.stem.lower() for document in DOCUMENTS if document.parent != ROOT}
    published = [
        rel.as_posix()
        for rel in (path.relative_to(build.site) for path in build.site.rglob("*"))
        if "maintainers" in rel.parts or rel.name.split(".")[0].lower() in names
    ]
    assert published == [], f"maintainer documents in the built site: {published}"


def test_the_licence_file_is_the_licence_pyproject_declares() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project["license"]["text"]
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert declared == "MIT"
    assert licence.startswith("MIT License\n")
    assert "Permission is hereby granted, free of charge" in licence
    holder = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)[
        "copyright"
    ].split(".")[0]
    assert re.search(rf"^Copyright \(c\) \d{{4}} {re.escape(holder)}$", licence, re.M), holder
