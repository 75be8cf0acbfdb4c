"""Stands in for dis: inspect imports it at start only for its code flags' names."""

# As in Python 3.14's dis; the build compares them with the real module's (stdlib.mjs).
COMPILER_FLAG_NAMES = {
    1: "OPTIMIZED",
    2: "NEWLOCALS",
    4: "VARARGS",
    8: "VARKEYWORDS",
    16: "NESTED",
    32: "GENERATOR",
    64: "NOFREE",
    128: "COROUTINE",
    256: "ITERABLE_COROUTINE",
    512: "ASYNC_GENERATOR",
    0x4000000: "HAS_DOCSTRING",
    0x8000000: "METHOD",
}


def __getattr__(name: str) -> object:
    raise AttributeError(f"dis.{name}: the disassembler is not part of this site's Python runtime")
