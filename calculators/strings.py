"""Every word the calculators show, in English and Danish, from ``strings.json``.

The file is a flat object ``{"key": {"en": "...", "da": "..."}}``. The page renders it into the
HTML as JSON for the browser code; the core itself returns codes only. Pass the language
explicitly; there is no global locale.

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

__all__ = ["LANGUAGES", "STRINGS", "placeholders", "text"]

LANGUAGES = ("en", "da")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _load() -> dict[str, dict[str, str]]:
    path = Path(__file__).with_name("strings.json")
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {str(k): {str(lang): str(s) for lang, s in v.items()} for k, v in raw.items()}


STRINGS: dict[str, dict[str, str]] = _load()


def text(key: str, lang: str) -> str:
    """The string ``key`` in ``lang`` (``"en"`` or ``"da"``); ``KeyError`` if missing.

    Examples:
        >>> text("unit.kg", "da")
        'kg'
    """
    return STRINGS[key][lang]


def placeholders(value: str) -> set[str]:
    """Names of ``{placeholder}`` fields in a string.

    Examples:
        >>> sorted(placeholders("From {min} to {max} {unit}"))
        ['max', 'min', 'unit']
    """
    return set(_PLACEHOLDER.findall(value))
