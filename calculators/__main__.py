"""Command line: ``python -m calculators NAME 'JSON'`` prints what ``run()`` returns.

The response is written to standard output as UTF-8 (RFC 8259), whatever the terminal's
encoding. Exit statuses, so a script can tell the cases apart:

====  =========================================================================================
0     ``ok``: a result.
1     The inputs were read and some were rejected: errors that name a field (``required``,
      ``out_of_range``, ``unknown_field``, ...). The response lists them all.
2     Bad usage: not exactly two arguments (nothing on standard output).
3     The request itself could not be read: an unknown calculator, or a payload that is not
      JSON, nests too deeply, is too large or is not an object (``unknown_calculator``,
      ``invalid_json``, ``payload_too_large``, ``not_an_object``).
4     ``internal_error``: the core failed; please report the payload.
====  =========================================================================================

Examples:
    >>> main(["one_rm", '{"load": "100", "reps": "1"}'])  # doctest: +ELLIPSIS
    {"ok": true, "result": {"unit": "kg", "load": 100.0, "reps": 1, ...}}
    0
    >>> main(["one_rm", '{"load": "0", "reps": "1"}'])  # doctest: +ELLIPSIS
    {"ok": false, "errors": [{"field": "load", "code": "out_of_range", ...}]}
    1
    >>> main(["one_rm", "[" * 100])
    {"ok": false, "errors": [{"field": "payload", "code": "invalid_json"}]}
    3
"""

from __future__ import annotations

import json
import sys

from .api import run

USAGE = """usage: python -m calculators NAME 'JSON'
exit status: 0 ok, 1 rejected inputs, 2 bad usage, 3 unreadable request, 4 internal error
(python -m calculators --help explains them)"""
#: Errors that mean the request could not be read at all (exit status 3): (field, code).
UNREADABLE = frozenset(
    {
        ("calculator", "unknown_calculator"),
        ("payload", "invalid_json"),
        ("payload", "payload_too_large"),
        ("payload", "not_an_object"),
    }
)


def status(response: str) -> int:
    """The exit status for a response of ``run()`` (see the table above)."""
    out = json.loads(response)
    if out["ok"]:
        return 0
    errors = {(error["field"], error["code"]) for error in out["errors"]}
    if ("payload", "internal_error") in errors:
        return 4
    return 3 if errors & UNREADABLE else 1


def _write(text: str) -> None:
    """Write ``text`` and a newline as UTF-8, also when stdout's own encoding is narrower."""
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a text-only stream (doctest replaces stdout)
        print(text)
        return
    sys.stdout.flush()
    stream.write(text.encode("utf-8") + b"\n")
    stream.flush()


def main(argv: list[str]) -> int:
    """Print the JSON response; return the exit status (0 ok, 1 field errors, 2 bad usage,
    3 unreadable request, 4 internal error)."""
    if argv in (["-h"], ["--help"]):
        print(__doc__)
        return 0
    if len(argv) != 2:
        print(USAGE, file=sys.stderr)
        return 2
    response = run(argv[0], argv[1])
    _write(response)
    return status(response)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
