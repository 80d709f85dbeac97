"""The periods a supervisor names: the dates they write, a month, last week or month.

Dates are read with python-dateutil, day first, with Indonesian month names beside
the English ones ("16 Agt 2026", "16 November 2026", "16/11/2026"). A date must name
its year: "16/11" alone could be any year's.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import cast

from dateutil import parser

from cs_audit.errors import ConfigError

# English and Indonesian month names ("Agt", "Agustus"); dateutil reads any number of
# names a month, its type stubs only two or three
_MONTHS: list[tuple[str, ...]] = [
    ("Jan", "January", "Januari"),
    ("Feb", "February", "Februari", "Peb", "Pebruari"),
    ("Mar", "March", "Maret"),
    ("Apr", "April"),
    ("May", "Mei"),
    ("Jun", "June", "Juni"),
    ("Jul", "July", "Juli"),
    ("Aug", "August", "Agt", "Agu", "Agus", "Agustus"),
    ("Sep", "Sept", "September"),
    ("Oct", "October", "Okt", "Oktober"),
    ("Nov", "November", "Nop", "Nopember"),
    ("Dec", "December", "Des", "Desember"),
]


class _Names(parser.parserinfo):
    """English and Indonesian month names, day first."""

    MONTHS = cast("list[tuple[str, str] | tuple[str, str, str]]", _MONTHS)

    def __init__(self) -> None:
        super().__init__(dayfirst=True)


_NAMES = _Names()
_HINT = "write it as 2026-11-16, 16/11/2026 or 16 Nov 2026"


def parse_day(text: str, option: str) -> date:
    """The day ``text`` names, as supervisors write it; ``ConfigError`` naming the
    option where it names none, or no year."""
    written = text.strip()
    try:
        return date.fromisoformat(written)  # 2026-11-16: no order to guess
    except ValueError:
        pass
    try:
        # two defaults that differ in every field: a field the text leaves out shows
        first = parser.parse(written, _NAMES, default=datetime(2001, 1, 1))
        second = parser.parse(written, _NAMES, default=datetime(2002, 2, 2))
    except (ValueError, OverflowError):
        raise ConfigError(f"{option} {text}", "is not a date", _HINT) from None
    if first.date() != second.date():
        raise ConfigError(f"{option} {text}", "names no whole date (day, month and year)", _HINT)
    return first.date()


def month(text: str) -> tuple[datetime, datetime]:
    """The month "2026-11" names, from its first day to the next month's."""
    try:
        start = datetime.strptime(text.strip(), "%Y-%m")
    except ValueError:
        raise ConfigError(f"--month {text}", "is not a month", "write it as 2026-11") from None
    return start, _next_month(start)


def _next_month(start: datetime) -> datetime:
    return start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)


def last_week(today: date) -> str:
    """The ISO week before ``today``'s, as 2026-W47."""
    year, week, _ = (today - timedelta(days=7)).isocalendar()
    return f"{year}-W{week:02d}"


def last_month(today: date) -> str:
    """The month before ``today``'s, as 2026-11."""
    before = today.replace(day=1) - timedelta(days=1)
    return f"{before.year}-{before.month:02d}"
