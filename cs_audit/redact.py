"""Masking phone numbers and e-mail addresses in any text an audit writes.

Redaction runs over finished output (a JSON document, CSV, a cell, a table line), so
the patterns also catch a number right after an escaped newline (``\\n0812...``), in a
``wa.me/62...`` link, with no-break spaces inside, or glued to a word (``0812...ya``).
Each run of digits that may be a phone number is asked of the maintained
``phonenumbers`` library (Google's libphonenumber data), for the config's country:
only a valid number is masked, so order, invoice, tracking and ticket numbers stay
readable (``JNE 0123456789012``, ``INV/2026/11/0042``), as the evidence needs them.
"""

from __future__ import annotations

import functools
import json
import re

import phonenumbers

_SEPARATORS = " \\-().\u00a0\u2009\u202f\u2010\u2011"
# Where a number starts: not inside a word or another number, except after a JSON
# escape such as \n, whose letter is a word character.
_START = r"(?:(?<![\w+])|(?<=\\[nrt]))"
# an amount of money is no phone number: "Rp 1.250.000", "IDR 12,500,000" are passed
# over before the library is asked (each asking costs some 10 µs)
_NOT_MONEY = r"(?<![Rr]p )(?<![Rr]p\. )(?<!IDR )(?<![Rr]p\.)"
_PHONE = re.compile(
    # +62 812-3456-7890, 0812 3456 7890, and numbers of countries whose national numbers
    # open with another digit (Singapore's 9123 4567): phonenumbers decides which they are
    rf"{_START}{_NOT_MONEY}\+?\d[\d{_SEPARATORS}]{{6,}}\d"
    r"|(?<!\d)\d{9,}"  # 6281234567890, as in wa.me links: any run of 9 or more digits
)
_EMAIL = re.compile(r"([\w.+-])[\w.+-]*@([\w-]+(?:\.[\w-]+)+)")
_MASK = "\u2022"  # bullet


@functools.lru_cache(maxsize=4096)
def is_phone_number(text: str, region: str = "ID") -> bool:
    """Whether ``text`` is a valid phone number: as written, for ``region`` (an ISO
    country such as "ID"), or, for bare digits, with the "+" a wa.me link leaves out."""
    tries = [text]
    if text.isdigit() and not text.startswith("0"):
        tries.append(f"+{text}")
    for written in tries:
        try:
            number = phonenumbers.parse(written, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return True
    return False


def _phone(match: re.Match[str], region: str) -> str:
    text = match[0]
    if not is_phone_number(text, region):
        return text  # a tracking, order or ticket number: the evidence needs it
    digits = [i for i, c in enumerate(text) if c.isdigit()]
    keep = set(digits[:3] + digits[-2:])  # the country or operator prefix, the last two
    return "".join(c if not c.isdigit() or i in keep else _MASK for i, c in enumerate(text))


def region_of(country_code: str) -> str:
    """The ISO region of a calling code ("62": "ID"); "ID" for one no region has."""
    region = phonenumbers.region_code_for_country_code(int(country_code))
    return "ID" if region == phonenumbers.UNKNOWN_REGION else region


def redact(text: str, region: str = "ID") -> str:
    """``text`` with phone numbers (+62 8••-••••-••90) and e-mails (b•••@x.com) masked;
    ``region``: the country numbers written without "+" are read in."""
    text = _PHONE.sub(lambda m: _phone(m, region), text)
    return _EMAIL.sub(lambda m: f"{m[1]}{_MASK * 3}@{m[2]}", text)


# A JSON string literal: what --redact may touch in a JSON document (its numbers are
# the tool's own figures, never chat text).
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def redact_json(text: str, region: str = "ID") -> str:
    """JSON text with ``redact`` applied to the values of its string literals only:
    each is decoded, masked and encoded again, so no escape is cut and no number
    hides behind one (``\f0812...``)."""
    return _JSON_STRING.sub(
        lambda m: json.dumps(redact(json.loads(m[0]), region), ensure_ascii=False), text
    )
