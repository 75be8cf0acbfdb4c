"""Command line: ``python -m calculators NAME 'JSON'`` prints what ``run()`` returns.

Examples:
    >>> main(["one_rm", '{"load": "100", "reps": "1"}'])  # doctest: +ELLIPSIS
    {"ok": true, "result": {"unit": "kg", "load": 100.0, "reps": 1, ...}}
    0
"""

from __future__ import annotations

import sys

from .api import run


def main(argv: list[str]) -> int:
    """Print the JSON response; exit status 0 when ``ok``, 1 on errors, 2 on bad usage."""
    if len(argv) != 2:
        print("usage: python -m calculators NAME 'JSON'", file=sys.stderr)
        return 2
    response = run(argv[0], argv[1])
    print(response)
    return 0 if response.startswith('{"ok": true') else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
