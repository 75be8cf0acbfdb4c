"""Parsing of numbers typed by a reader, and unit conversion.

A number may arrive as a JSON number or as the text a reader typed. Text may use a decimal comma
(Danish) or a decimal point, with surrounding spaces. Anything that could be read two ways
(``"1,234.5"``, ``"1.234,5"``, ``"1.234.567"``) is rejected, as are booleans, ``NaN``,
infinities and numbers too large for a float.

A reader may type the unit after the number, as it is written beside the field: ``"60 kg"``,
``"30 %"``, ``"72 mmHg"``. When the caller names the field's unit, a typed unit that is that unit
(in any of the spellings of ``UNIT_SPELLINGS``, in English or Danish, any case) is dropped. A weight
typed in the other of the two weight units (``"60 lb"`` where kg is chosen) is ``unit_mismatch``,
never read as the chosen unit; any other text after the number is ``not_a_number``.

Examples:
    >>> parse_number(" 72,5 ")
    72.5
    >>> parse_number("72.5")
    72.5
    >>> parse_number(80)
    80.0
    >>> parse_number("60 kg", "kg"), parse_number("22,5kg", "kg"), parse_number("30 %", "percent")
    (60.0, 22.5, 30.0)
    >>> parse_number("1,234.5")
    Traceback (most recent call last):
    ...
    calculators.numbers.NumberError: ambiguous_separator
    >>> round(lb_to_kg(kg_to_lb(100.0)), 12)
    100.0
"""

from __future__ import annotations

import math
import re

__all__ = [
    "KG_PER_LB",
    "UNIT_SPELLINGS",
    "NumberError",
    "clean",
    "kg_to_lb",
    "lb_to_kg",
    "parse_int",
    "parse_number",
]

#: The international avoirdupois pound, exactly (International Yard and Pound Agreement, 1959).
KG_PER_LB = 0.45359237

#: What a reader may type after a number, per unit code of the fields, lower case, in English
#: and Danish: the symbol shown beside the field and the words for it.
UNIT_SPELLINGS: dict[str, frozenset[str]] = {
    "kg": frozenset({"kg", "kgs", "kg.", "kilo", "kilos", "kilogram", "kilograms", "kilogrammes"}),
    "lb": frozenset({"lb", "lbs", "lb.", "lbs.", "pound", "pounds", "pund"}),
    "percent": frozenset({"%", "pct", "pct.", "percent", "per cent", "procent"}),
    "mmhg": frozenset({"mmhg", "mm hg"}),
    "cm": frozenset({"cm", "cm."}),
    "years": frozenset({"years", "yrs", "år"}),
    "s": frozenset({"s", "sec", "secs", "second", "seconds", "sek", "sek.", "sekund", "sekunder"}),
    "min": frozenset({"min", "min.", "mins", "minute", "minutes", "minut", "minutter"}),
}
#: The units a reader chooses between: a weight typed in the other one is reported, not reread.
_OTHER_WEIGHT_UNIT = {"kg": "lb", "lb": "kg"}

_MAX_TEXT = 64
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?", re.ASCII)
# A number (up to its last digit, or a dot or comma right after it) and the text after it.
_TYPED_UNIT = re.compile(r"(.*\d[.,]?)\s*([^\d\s.,+-][^\d]*)", re.DOTALL)


class NumberError(ValueError):
    """A value that is not an acceptable number; ``code`` is the error code, ``params`` what the
    message names (``unit_mismatch``: the unit typed)."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def strip_unit(text: str, unit: str | None) -> str:
    """``text`` without a typed unit that is ``unit``; unchanged when it names no unit.

    Raises :class:`NumberError` ``unit_mismatch`` for a weight typed in the other weight unit.

    Examples:
        >>> strip_unit("60 kg", "kg"), strip_unit("132 LBS", "lb"), strip_unit("72 mmHg", "mmhg")
        ('60', '132', '72')
        >>> strip_unit("60 kr", "kg"), strip_unit("1e5", "kg"), strip_unit("60 kg", None)
        ('60 kr', '1e5', '60 kg')
        >>> strip_unit("60 lb", "kg")
        Traceback (most recent call last):
        ...
        calculators.numbers.NumberError: unit_mismatch
    """
    match = _TYPED_UNIT.fullmatch(text) if unit in UNIT_SPELLINGS else None
    if match is None or unit is None:
        return text
    typed = " ".join(match.group(2).lower().split())
    if typed in UNIT_SPELLINGS[unit]:
        return match.group(1)
    other = _OTHER_WEIGHT_UNIT.get(unit)
    if other is not None and typed in UNIT_SPELLINGS[other]:
        raise NumberError("unit_mismatch", typed=other)
    return text


def parse_number(value: object, unit: str | None = None) -> float:
    """Return ``value`` as a finite float, or raise :class:`NumberError` with a code.

    Codes: ``required`` (empty text), ``not_a_number`` (wrong type, booleans, letters, ``NaN``,
    ``inf``), ``ambiguous_separator`` (both ``,`` and ``.``, or more than one of either),
    ``not_finite`` (overflows to infinity, e.g. ``"1e309"``), ``unit_mismatch`` (a weight typed
    in the other weight unit than ``unit``; see :func:`strip_unit`). ``-0`` becomes ``0.0``.

    Examples:
        >>> parse_number("-0")
        0.0
        >>> parse_number("1e309")
        Traceback (most recent call last):
        ...
        calculators.numbers.NumberError: not_finite
        >>> parse_number(True)
        Traceback (most recent call last):
        ...
        calculators.numbers.NumberError: not_a_number
    """
    number: float
    if isinstance(value, bool):
        raise NumberError("not_a_number")
    if isinstance(value, int):
        try:
            number = float(value)
        except OverflowError:
            raise NumberError("not_finite") from None
    elif isinstance(value, float):
        number = value
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            raise NumberError("required")
        if len(text) > _MAX_TEXT:
            raise NumberError("not_a_number")
        text = strip_unit(text, unit)
        commas, points = text.count(","), text.count(".")
        if (commas and points) or commas > 1 or points > 1:
            raise NumberError("ambiguous_separator")
        if _NUMBER.fullmatch(text) is None:
            raise NumberError("not_a_number")
        number = float(text.replace(",", "."))
    else:
        raise NumberError("not_a_number")
    if not math.isfinite(number):
        raise NumberError("not_finite")
    return number if number != 0 else 0.0


def parse_int(value: object, unit: str | None = None) -> int:
    """Return ``value`` as an int; whole numbers written as ``"10,0"`` are accepted.

    Examples:
        >>> parse_int("10")
        10
        >>> parse_int("10,5")
        Traceback (most recent call last):
        ...
        calculators.numbers.NumberError: not_integer
    """
    number = parse_number(value, unit)
    if not number.is_integer():
        raise NumberError("not_integer")
    return int(number)


def clean(value: float) -> float:
    """A computed number without binary noise (to 9 decimals) and without a negative zero: what
    the core returns of a sum or product, so that ``0.1 * 3`` is ``0.3`` in every answer.

    Examples:
        >>> 0.1 * 3, clean(0.1 * 3), clean(-0.0)
        (0.30000000000000004, 0.3, 0.0)
    """
    return round(value, 9) + 0.0


def kg_to_lb(kg: float) -> float:
    """Kilograms to pounds (1 lb = 0.45359237 kg exactly).

    Examples:
        >>> round(kg_to_lb(0.45359237), 12)
        1.0
    """
    return kg / KG_PER_LB


def lb_to_kg(lb: float) -> float:
    """Pounds to kilograms (1 lb = 0.45359237 kg exactly).

    Examples:
        >>> lb_to_kg(100.0)
        45.359237
    """
    return lb * KG_PER_LB
