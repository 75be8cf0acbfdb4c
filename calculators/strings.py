"""Every word the calculators show, in English and Danish, from ``strings.json``.

The file is a flat object ``{"key": {"en": "...", "da": "..."}}``. The page renders it into the
HTML as JSON for the browser code; the core itself returns codes only. The build's hooks and the
tests read the file through this module too. Pass the language explicitly; there is no global
locale.

Examples:
    >>> text("level.stop.title", "en")
    'Stop'
    >>> "en" in LANGUAGES and "da" in LANGUAGES
    True
"""

from __future__ import annotations

import json
import re
from pathlib import Path

__all__ = ["LANGUAGES", "STRINGS", "fill", "load", "placeholders", "text"]

LANGUAGES = ("en", "da")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


#: The file, beside this module.
PATH = Path(__file__).with_name("strings.json")


def load() -> dict[str, dict[str, str]]:
    """The whole table as the file holds it now, ``{key: {lang: text}}``: the build's hooks read
    it through here for each build, where ``STRINGS`` would keep the first build's words."""
    raw = json.loads(PATH.read_text(encoding="utf-8"))
    return {str(k): {str(lang): str(s) for lang, s in v.items()} for k, v in raw.items()}


STRINGS: dict[str, dict[str, str]] = load()


def text(key: str, lang: str) -> str:
    """The string ``key`` in ``lang`` (``"en"`` or ``"da"``); ``KeyError`` if missing.

    Examples:
        >>> text("unit.kg", "da")
        'kg'
    """
    return STRINGS[key][lang]


def fill(message: str, **params: object) -> str:
    """``message`` with each ``{name}`` replaced by ``params[name]``.

    Examples:
        >>> fill("From {min} to {max} {unit}", min=1, max=12, unit="kg")
        'From 1 to 12 kg'
        >>> fill(text("site.date", "da"), day=24, month="november", year=2026)
        '24. november 2026'
    """
    return _PLACEHOLDER.sub(lambda m: str(params.get(m.group(1), m.group(0))), message)


def placeholders(value: str) -> set[str]:
    """Names of ``{placeholder}`` fields in a string.

    Examples:
        >>> sorted(placeholders("From {min} to {max} {unit}"))
        ['max', 'min', 'unit']
    """
    return set(_PLACEHOLDER.findall(value))
