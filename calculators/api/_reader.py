"""The boundary's framework: reading a payload, collecting every error, guarding the runtime.

Limits that keep ``run``'s promise (never raise, never NaN) in every runtime, Pyodide included:

- A payload longer than ``MAX_PAYLOAD_CHARS`` is ``payload_too_large``, unread.
- A payload that nests arrays or objects deeper than ``MAX_DEPTH`` is ``invalid_json``, found
  before ``json.loads`` runs. The calculators need a depth of 3 (the screening's limbs). CPython
  turns deep nesting into a ``RecursionError``, but in Pyodide the JSON decoder's recursion
  overflows the browser's own stack first (a few thousand levels), which ends the interpreter
  instead of raising.
- Keys the core does not know are echoed in ``unknown_field`` / ``unknown_question`` errors cut
  to ``ECHO_CHARS`` characters, lone surrogates replaced by U+FFFD, at most ``MAX_ECHOED`` of
  them; the response is always valid UTF-8.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from typing import Any

from ..numbers import NumberError, parse_int, parse_number

JSON = dict[str, Any]

#: Longest payload read, in characters. The page's payloads are flat objects of a few hundred
#: characters (the screening's about 1.5 KB); a million digits pasted into a field still fit.
MAX_PAYLOAD_CHARS = 1 << 20
#: Deepest nesting of arrays and objects read.
MAX_DEPTH = 16
#: Echoed keys are cut to this many characters ...
ECHO_CHARS = 40
#: ... and at most this many unknown keys are reported.
MAX_ECHOED = 10

# A JSON string (or an unterminated one, to the end) or a run of anything but brackets and quotes.
_STRINGS_AND_TEXT = re.compile(r'"(?:[^"\\]|\\.?)*+(?:"|\Z)|[^"\[\]{}]+', re.DOTALL)
_INNERMOST_PAIR = re.compile(r"\[\]|\{\}")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def too_deep(text: str) -> bool:
    """True when ``text`` nests arrays or objects deeper than ``MAX_DEPTH``, or its brackets do
    not pair up (which ``json.loads`` rejects too). Brackets inside strings do not count.

    No recursion and no loop per character: strings and other text are removed, then each pass
    removes the innermost bracket pairs, one level of nesting per pass.

    Examples:
        >>> too_deep('{"answers": {"a": "[[[["}}'), too_deep("[" * 17 + "]" * 17)
        (False, True)
        >>> too_deep("[" * 16 + "]" * 16), too_deep('["]')
        (False, True)
    """
    brackets = _STRINGS_AND_TEXT.sub("", text)
    for _ in range(MAX_DEPTH):
        if not brackets:
            return False
        brackets = _INNERMOST_PAIR.sub("", brackets)
    return bool(brackets)


def echo(key: object) -> str:
    r"""A key as it may be echoed: at most ``ECHO_CHARS`` characters, valid UTF-8.

    Examples:
        >>> echo("\ud800x") == "\ufffdx", len(echo("k" * 1000)), echo("k" * 1000)[-1]
        (True, 40, '…')
    """
    text = str(key)
    if len(text) > ECHO_CHARS:
        text = text[: ECHO_CHARS - 1] + "…"
    return _SURROGATE.sub("\ufffd", text)


class Invalid(Exception):
    """Validation failed; the errors are in the reader. ``extra`` holds fields the response
    carries beside ``errors`` (a calculator's answer to why it refuses, say)."""

    def __init__(self, errors: list[JSON], extra: JSON | None = None) -> None:
        super().__init__(errors)
        self.extra = extra or {}


def num(value: float) -> float | int:
    """Write whole limits as ints (``{"min": 1}``) so the page shows ``1``, not ``1.0``."""
    return int(value) if float(value).is_integer() else value


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class Reader:
    """Collects every error of a payload instead of stopping at the first."""

    def __init__(self, payload: JSON, allowed: tuple[str, ...]) -> None:
        self.payload = payload
        self.errors: list[JSON] = []
        self.unknown(key for key in payload if key not in allowed)

    def unknown(self, keys: Iterable[object], code: str = "unknown_field") -> None:
        """Report keys the calculator does not know, shortened, at most ``MAX_ECHOED``."""
        for key in itertools.islice(keys, MAX_ECHOED):
            self.error(echo(key), code)

    def error(self, field: str, code: str, **params: Any) -> None:
        self.errors.append({"field": field, "code": code, **params})

    def has(self, field: str) -> bool:
        return field in self.payload and not blank(self.payload[field])

    def number(
        self,
        field: str,
        low: float,
        high: float,
        unit: str,
        *,
        integer: bool = False,
        default: float | None = None,
    ) -> float | None:
        """Parsed and range-checked number; ``None`` after recording an error. The number may
        carry ``unit`` after it, as typed ("60 kg"; ``numbers.strip_unit``)."""
        if not self.has(field):
            if default is not None:
                return default
            self.error(field, "required")
            return None
        try:
            raw = self.payload[field]
            value = float(parse_int(raw, unit)) if integer else parse_number(raw, unit)
        except NumberError as exc:
            if exc.code == "unit_mismatch":
                self.error(field, exc.code, unit=unit, **exc.params)
            else:
                self.error(field, exc.code)
            return None
        if not low <= value <= high:
            self.error(field, "out_of_range", min=num(low), max=num(high), unit=unit)
            return None
        return value

    def option(self, field: str, options: tuple[str, ...], default: str | None) -> str | None:
        if not self.has(field):
            if default is not None:
                return default
            self.error(field, "required")
            return None
        raw = self.payload[field]
        value = raw.strip().lower() if isinstance(raw, str) else None
        if value not in options:
            self.error(field, "invalid_option", options=list(options))
            return None
        return value

    def check(self) -> None:
        if self.errors:
            raise Invalid(self.errors)

    def fail(self, extra: JSON | None = None) -> None:
        """Stop with the errors recorded so far (at least one), and ``extra`` beside them."""
        raise Invalid(self.errors, extra)
