"""Check-digit algorithms that python-stdnum lacks: RVNR, KVNR and ICAO 9303 documents."""

from __future__ import annotations

import datetime as dt

_RVNR_WEIGHTS = (2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1)
_ICAO_WEIGHTS = (7, 3, 1)


def _letter_number(letter: str) -> str:
    """A=01 … Z=26, as both German social-insurance numbers encode their letter."""
    return f"{ord(letter) - ord('A') + 1:02d}"


def _digit_sum(value: int) -> int:
    return value // 10 + value % 10


def is_valid_pension_number(value: str) -> bool:
    """Rentenversicherungsnummer ``BB TTMMJJ A SS P`` (compact, upper case), § 147 SGB VI."""
    if len(value) != 12 or not (value[:8].isdigit() and value[8].isalpha() and value[9:].isdigit()):
        return False
    if not ("A" <= value[8] <= "Z"):
        return False
    day, month = int(value[2:4]), int(value[4:6])
    if day > 50:  # the day is raised by 50 when the date's serials were used up
        day -= 50
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    digits = value[:8] + _letter_number(value[8]) + value[9:11]
    total = sum(_digit_sum(int(d) * w) for d, w in zip(digits, _RVNR_WEIGHTS, strict=False))
    return total % 10 == int(value[11])


def is_valid_health_insurance_number(value: str) -> bool:
    """KVNR, unchangeable part: letter, eight digits, check digit (§ 290 SGB V, Anlage 1)."""
    if len(value) != 10 or not ("A" <= value[0] <= "Z") or not value[1:].isascii():
        return False
    if not value[1:].isdigit():
        return False
    digits = _letter_number(value[0]) + value[1:9]
    total = 0
    for index, char in enumerate(digits):
        product = int(char) * (1 if index % 2 == 0 else 2)
        total += _digit_sum(product)
    return total % 10 == int(value[9])


ICAO_DOCUMENT_ALPHABET = frozenset("0123456789CFGHJKLMNPRTVWXYZ")


def icao_check_digit(value: str) -> int:
    """ICAO Doc 9303 check digit: 0-9 as is, A=10 … Z=35, '<'=0, weights 7-3-1, mod 10."""
    total = 0
    for index, char in enumerate(value):
        if char.isdigit():
            number = int(char)
        elif char == "<":
            number = 0
        else:
            number = ord(char) - ord("A") + 10
        total += number * _ICAO_WEIGHTS[index % 3]
    return total % 10


def is_plausible_date(day: int, month: int, year: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True
