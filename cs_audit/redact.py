"""Masking phone numbers and e-mail addresses in any text an audit writes."""

from __future__ import annotations

import re

_PHONE = re.compile(r"(?<![\w+])(?:\+|0)\d[\d \-().\u2011]{6,}\d(?!\w)")
_EMAIL = re.compile(r"\b([\w.+-])[\w.+-]*@([\w-]+(?:\.[\w-]+)+)\b")
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
