"""Every string in calculators/strings.json is shown somewhere: a key that nothing reads is words a
translator keeps up for nothing, and a sign that the page lost something it meant to say.

A key counts as read when its name stands quoted in the templates, the hooks, the page scripts,
the core or the pages (``t("ui.print.title")``, ``t["site.reviewed"]``), or when it begins with a
prefix the code builds a key from: ``t(`error.${code}`)`` in a script, ``t["field." ~ name]`` in
a template, ``f"site.month.{n}"`` in a hook. A key built from variables alone, which no pattern
can see, is listed in ``BUILT_FROM_VARIABLES`` with the construct that builds it; the check
fails if that construct is gone.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import ROOT, STRINGS

#: Where the words are read: every file of these kinds under these folders.
SOURCES = {
    "overrides": (".html", ".js", ".mjs", ".py"),
    "calculators": (".py",),
    "docs": (".md",),
}
#: A key named whole, in quotes of any kind.
QUOTED = re.compile(r"""["'`]([a-z0-9_]+(?:\.[a-z0-9_]+)+)["'`]""")
#: The fixed start of a key built from parts: a JS template literal (`error.${...}`), a Jinja
#: concatenation ("field." ~ name) or a Python f-string (f"site.month.{n}").
BUILT = (
    re.compile(r"`([a-z0-9_.]+)\$\{"),
    re.compile(r"""["']([a-z0-9_.]+)["']\s*~"""),
    re.compile(r"""\bf["']([a-z0-9_.]+)\{"""),
)

#: Key families built from variables only: {prefix: (file, the construct that builds them)}.
BUILT_FROM_VARIABLES = {
    # a calculator's own words for a status ("status.loading.session_plan": the timer's)
    "status.": ("overrides/modules/form.js", "`${status}.${this.name}`"),
}


def sources() -> list[Path]:
    return sorted(
        path
        for folder, suffixes in SOURCES.items()
        for path in (ROOT / folder).rglob("*")
        if path.suffix in suffixes and path.is_file() and "node_modules" not in path.parts
    )


def references() -> tuple[set[str], set[str]]:
    """The keys named whole, and the prefixes keys are built from."""
    named, prefixes = set(), set()
    for path in sources():
        text = path.read_text(encoding="utf-8")
        named.update(QUOTED.findall(text))
        for pattern in BUILT:
            prefixes.update(p for p in pattern.findall(text) if "." in p)
    for prefix, (file, construct) in BUILT_FROM_VARIABLES.items():
        if construct in (ROOT / file).read_text(encoding="utf-8"):
            prefixes.add(prefix)
    return named, prefixes


def test_every_string_is_read_somewhere() -> None:
    named, prefixes = references()
    unread = sorted(
        key
        for key in STRINGS
        if key not in named and not any(key.startswith(prefix) for prefix in prefixes)
    )
    assert unread == []


def test_the_check_sees_a_key_read_whole_and_one_built_from_a_prefix() -> None:
    named, prefixes = references()
    assert "ui.print.title" in named  # t("ui.print.title"), print.js
    assert "site.reviewed" in named  # text["site.reviewed"], site_i18n.py
    assert {"error.", "field.", "site.month.", "status."} <= prefixes
    assert not any(key.startswith("nothing.") for key in named)
