"""How readers reach the team: ``extra.contact`` in mkdocs.yml, as the hook turns it into a link,
and what the built pages say while it is unset."""

from __future__ import annotations

import importlib.util
import re
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
import yaml
from mkdocs.exceptions import PluginError

from tests.conftest import LANGUAGES, ROOT, Build, built_html


def hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "site_i18n", ROOT / "overrides/hooks/site_i18n.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def link(contact: Any) -> dict[str, str]:
    return hook().contact_link(SimpleNamespace(extra={"contact": contact}))  # type: ignore[no-any-return]


def test_an_email_address_becomes_a_mailto_link() -> None:
    assert link("editors@example.org") == {
        "href": "mailto:editors@example.org",
        "text": "editors@example.org",
    }


def test_a_web_address_is_linked_as_it_is() -> None:
    assert link("https://example.org/report") == {
        "href": "https://example.org/report",
        "text": "https://example.org/report",
    }


@pytest.mark.parametrize("value", ["", None, "   "])
def test_no_contact_gives_no_link(value: Any) -> None:
    assert link(value) == {}


def test_anything_else_fails_the_build() -> None:
    with pytest.raises(PluginError):
        link("javascript:alert(1)")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_and_about_pages_show_the_contact_or_say_there_is_none(
    build: Build, lang: str
) -> None:
    contact = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["contact"]
    for source, count in (("index.md", 1), ("about.md", 2)):
        html = built_html(build, source, lang).read_text(encoding="utf-8")
        lines = re.findall(r'<p class="bfr-contact">(.*?)</p>', html, re.S)
        assert len(lines) == count, source
        for line in lines:
            if contact:
                assert f'href="{link(contact)["href"]}"' in line
            else:
                assert "contact address" in line or "kontaktadresse" in line
        assert "<!-- site:" not in html
