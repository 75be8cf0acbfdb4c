"""Parsing of numbers typed by a reader, and unit conversion.

A number may arrive as a JSON number or as the text a reader typed. Text may use a decimal comma
(Danish) or a decimal point, with surrounding spaces. Anything that could be read two ways
(``"1,234.5"``, ``"1.234,5"``, ``"1.234.567"``) is rejected, as are booleans, ``NaN``,
infinities and numbers too large for a float.

Examples:
    >>> parse_number(" 72,5 ")
    72.5
    >>> parse_number("72.5")
    72.5
    >>> parse_number(80)
    80.0
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
    "NumberError",
    "kg_to_lb",
    "lb_to_kg",
    "parse_int",
    "parse_number",
]

#: The international avoirdupois pound, exactly (International Yard and Pound Agreement, 1959).
KG_PER_LB = 0.45359237

_MAX_TEXT = 64
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?", re.ASCII)


class NumberError(ValueError):
    """A value that is not an acceptable number; ``code`` is the error code."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def parse_number(value: object) -> float:
    """Return ``value`` as a finite float, or raise :class:`NumberError` with a code.

    Codes: ``required`` (empty text), ``not_a_number`` (wrong type, booleans, letters, ``NaN``,
    ``inf``), ``ambiguous_separator`` (both ``,`` and ``.``, or more than one of either),
    ``not_finite`` (overflows to infinity, e.g. ``"1e309"``). ``-0`` becomes ``0.0``.

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


def parse_int(value: object) -> int:
    """Return ``value`` as an int; whole numbers written as ``"10,0"`` are accepted.

    Examples:
        >>> parse_int("10")
        10
        >>> parse_int("10,5")
        Traceback (most recent call last):
        ...
        calculators.numbers.NumberError: not_integer
    """
    number = parse_number(value)
    if not number.is_integer():
        raise NumberError("not_integer")
    return int(number)


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
