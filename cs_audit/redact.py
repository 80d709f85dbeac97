"""Masking phone numbers and e-mail addresses in any text an audit writes.

Redaction runs over finished output (a JSON document, CSV, a cell, a table line), so
the patterns also catch a number right after an escaped newline (``\\n0812...``), in a
``wa.me/62...`` link, with no-break spaces inside, or glued to a word (``0812...ya``).
"""

from __future__ import annotations

import json
import re

_SEPARATORS = " \\-().\u00a0\u2009\u202f\u2010\u2011"
# Where a number starts: not inside a word or another number, except after a JSON
# escape such as \n, whose letter is a word character.
_START = r"(?:(?<![\w+])|(?<=\\[nrt]))"
_PHONE = re.compile(
    rf"{_START}(?:\+|0)\d[\d{_SEPARATORS}]{{6,}}\d"  # +62 812-3456-7890, 0812 3456 7890
    r"|(?<!\d)\d{9,}"  # 6281234567890, as in wa.me links: any run of 9 or more digits
)
_EMAIL = re.compile(r"([\w.+-])[\w.+-]*@([\w-]+(?:\.[\w-]+)+)")
_MASK = "\u2022"  # bullet


def _phone(match: re.Match[str]) -> str:
    text = match[0]
    digits = [i for i, c in enumerate(text) if c.isdigit()]
    keep = set(digits[:3] + digits[-2:])  # the country or operator prefix, the last two
    return "".join(c if not c.isdigit() or i in keep else _MASK for i, c in enumerate(text))


def redact(text: str) -> str:
    """``text`` with phone numbers (+62 8••-••••-••90) and e-mails (b•••@x.com) masked."""
    text = _PHONE.sub(_phone, text)
    return _EMAIL.sub(lambda m: f"{m[1]}{_MASK * 3}@{m[2]}", text)


# A JSON string literal: what --redact may touch in a JSON document (its numbers are
# the tool's own figures, never chat text).
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def redact_json(text: str) -> str:
    """JSON text with ``redact`` applied to the values of its string literals only:
    each is decoded, masked and encoded again, so no escape is cut and no number
    hides behind one (``\f0812...``)."""
    return _JSON_STRING.sub(
        lambda m: json.dumps(redact(json.loads(m[0])), ensure_ascii=False), text
    )
