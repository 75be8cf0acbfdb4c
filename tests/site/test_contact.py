"""How readers reach the team: ``extra.contact`` in mkdocs.yml, as the hook turns it into a link,
and that the built pages leave the contact out, without a word about it, while it is unset."""

from __future__ import annotations

import importlib.util
import re
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
import yaml
from mkdocs.exceptions import PluginError

from tests.conftest import LANGUAGES, ROOT, Build, built_html, source_pages


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


#: What a page must not say: that it has no contact (the December review's finding 9).
NO_CONTACT = ("contact address", "kontaktadresse", "no contact", "ingen kontakt")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_pages_show_the_contact_or_leave_it_out_without_saying_so(
    build: Build, lang: str
) -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    contact, repo = config["extra"]["contact"], config.get("repo_url")
    for source in source_pages():
        html = built_html(build, source, lang).read_text(encoding="utf-8")
        lines = re.findall(r'<p class="bfr-contact">(.*?)</p>', html, re.S)
        text = re.sub(r"<[^>]+>", " ", html).lower()
        assert [phrase for phrase in NO_CONTACT if phrase in text] == [], source
        assert "<!-- site:" not in html, source
        if contact or repo:
            expected = {"index.md": 1, "about.md": 2}.get(source, 0)
            assert len(lines) == expected, source
            for line in lines:
                assert f'href="{link(contact)["href"] if contact else repo}"' in line
        else:
            assert lines == [], source
            assert 'id="report-an-error"' not in html and "#report-an-error" not in html, source
            assert 'id="corrections"' not in html, source


def markdown_of(source: str, lang: str, **config: Any) -> str:
    page = SimpleNamespace(file=SimpleNamespace(src_uri=f"{lang}/{source}"))
    settings = SimpleNamespace(extra={"contact": ""}, repo_url=None)
    for name, value in config.items():
        setattr(settings, name, value)
    text = (ROOT / "docs" / lang / source).read_text(encoding="utf-8")
    return hook().on_page_markdown(text, page, settings)  # type: ignore[no-any-return]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_with_a_contact_the_pages_invite_readers_to_report_an_error(lang: str) -> None:
    about = markdown_of("about.md", lang, extra={"contact": "editors@bfr.dk"})
    assert "{ #report-an-error }" in about and "(#report-an-error)" in about
    references = markdown_of("references.md", lang, repo_url="https://github.com/o/r")
    assert "{ #corrections }" in references
    assert "with_contact" not in about + references
    without = markdown_of("about.md", lang)
    assert "report-an-error" not in without and "with_contact" not in without
    # everything outside the marked parts stays
    assert "{ #publisher }" in without and "{ #review-policy }" in without


def test_a_marker_without_its_partner_fails_the_build() -> None:
    page = SimpleNamespace(file=SimpleNamespace(src_uri="en/x.md"))
    settings = SimpleNamespace(extra={"contact": ""}, repo_url=None)
    with pytest.raises(PluginError, match="without its partner"):
        hook().on_page_markdown("a\n<!-- site: with_contact -->\nb\n", page, settings)
