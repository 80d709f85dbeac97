"""Header dates and times: the date order of a file, and the text of its timestamps.

Headers repeat the same few thousand dates and clock times, so each distinct one is
parsed once and looked up afterwards.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from cs_audit.ingest.layouts import (
    MARKERS_FIRST_AM,
    MARKERS_FIRST_PM,
    SPELLED_AM,
    SPELLED_NIGHT,
    SPELLED_PM,
)
from cs_audit.models import DateOrder

_DATE = re.compile(rb"(\d{1,4})(?:\. |[./-])(\d{1,2})(?:\. |[./-])(\d{1,4})")
_TIME = re.compile(rb"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?")
_MARKER = re.compile(
    rb"([AaPp])\.?(?: |\xc2\xa0|\xe2\x80\xaf)?[Mm]"
    rb"|(" + b"|".join(map(re.escape, SPELLED_AM + MARKERS_FIRST_AM)) + rb")"  # spelled: AM
    rb"|(" + b"|".join(map(re.escape, SPELLED_PM + MARKERS_FIRST_PM)) + rb")"  # and PM
    rb"|(" + b"|".join(map(re.escape, SPELLED_NIGHT)) + rb")"  # and the night
)


@dataclass(frozen=True, slots=True)
class DateOrderDecision:
    """The order chosen for a file and why."""

    order: DateOrder
    decided_by: str | None  # an example date that decides it; None when nothing did
    overridden: bool = False  # the user's --date-order contradicted the file


def date_parts(header_start: bytes) -> tuple[str, str, str]:
    """The three digit groups of a header's date, as written."""
    found = _DATE.search(header_start)
    if found is None:  # the scanning pattern guarantees a date
        raise ValueError("header without a date")
    a, b, c = found.groups()
    return a.decode(), b.decode(), c.decode()


def decide_date_order(
    dates: Iterable[tuple[tuple[str, str, str], int]],
    requested: DateOrder,
    *,
    year_first: bool = False,
) -> DateOrderDecision:
    """Choose one date order for all of a file's headers, from (date parts, headers) pairs.

    Every header votes: a 4-digit first part for year-first, a first part above 12 for
    day-first, a second part above 12 for month-first. The majority wins; the headers
    that disagree are not real headers (a pasted chat, a log) and become text.
    """
    votes = {DateOrder.YMD: 0, DateOrder.DMY: 0, DateOrder.MDY: 0}
    examples: dict[DateOrder, list[str]] = {order: [] for order in votes}
    total = 0
    for (a, b, c), headers in dates:
        total += headers
        # a dotted date of short parts ended by a dot is year first ("22. 11. 24.", Korean)
        if len(a) == 4 or (year_first and len(c) != 4):
            order = DateOrder.YMD
        elif int(a) > 12 >= int(b):
            order = DateOrder.DMY
        elif int(b) > 12 >= int(a):
            order = DateOrder.MDY
        else:
            continue
        votes[order] += headers
        examples[order].append(f"{a}/{b}/{c}")
    if votes[DateOrder.YMD] * 2 > total:
        order = DateOrder.YMD
    elif votes[DateOrder.DMY] or votes[DateOrder.MDY]:
        order = DateOrder.DMY if votes[DateOrder.DMY] >= votes[DateOrder.MDY] else DateOrder.MDY
    elif requested in (DateOrder.DMY, DateOrder.MDY):
        return DateOrderDecision(requested, None)
    else:  # nothing tells; a year-first request cannot fit day/month dates
        return DateOrderDecision(DateOrder.DMY, None, overridden=requested is DateOrder.YMD)
    return DateOrderDecision(order, min(examples[order]), requested not in (DateOrder.AUTO, order))


BUDDHIST = "Buddhist"
# Years of WhatsApp's time (2009 on) in calendars a phone may write them in, numbers
# only: Thai phones count Buddhist years (2552 on; "65" for 2565), Persian ones the
# Solar Hijri (1388 on), Arabic ones may use the Islamic Hijri (1430 on).
_OTHER_CALENDARS = (
    (1300, 1415, "the Persian (Solar Hijri)"),
    (1416, 1499, "the Islamic (Hijri)"),
    (0, 1899, "a non-Gregorian"),
)


def _year(parts: tuple[str, str, str], order: DateOrder) -> str:
    return parts[0] if order is DateOrder.YMD else parts[2]


def calendar_of(
    dates: Iterable[tuple[tuple[str, str, str], int]], order: DateOrder
) -> tuple[str | None, str]:
    """The calendar of a file's header years, from (date parts, headers) pairs: None
    for the Gregorian, else its name; and a date that shows it ("" for the Gregorian).

    A calendar other than the Gregorian is named only where most headers' years are
    evidently of it: a four-digit year in 2500-2699 (or two digits from 52, which no
    Gregorian export has yet) is Buddhist; one before 1900 is of another calendar.
    """
    votes: Counter[str] = Counter()
    examples: dict[str, str] = {}
    total = 0
    for parts, headers in dates:
        total += headers
        year = _year(parts, order)
        number = int(year)
        name = None
        if 2500 <= number <= 2699 or (len(year) == 2 and number >= 52):
            name = BUDDHIST
        elif len(year) == 4 and number < 1900:
            name = next(n for low, high, n in _OTHER_CALENDARS if low <= number <= high)
        if name is not None:
            votes[name] += headers
            examples[name] = min(examples.get(name, "/".join(parts)), "/".join(parts))
    for name, n in votes.most_common(1):
        if n * 2 > total:
            return name, examples[name]
    return None, ""


def iso_date(
    parts: tuple[str, str, str], order: DateOrder, *, buddhist: bool = False
) -> str | None:
    """``YYYY-MM-DD`` for a header date in the given order, or None if no such day.
    ``buddhist``: its years are the Buddhist calendar's, 543 after the Gregorian."""
    if order is not DateOrder.YMD and len(parts[2]) not in (2, 4):
        return None  # a year of 1 or 3 digits: only a year-first date's day has one
    a, b, c = (int(p) for p in parts)
    if order is DateOrder.YMD:
        year, month, day = a, b, c
    elif order is DateOrder.MDY:
        month, day, year = a, b, c
    else:
        day, month, year = a, b, c
    if year < 100:  # WhatsApp exports start in 2009: two-digit years are 20xx (25xx)
        year += 2500 if buddhist else 2000
    if buddhist:
        year -= 543
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def iso_time(header_rest: bytes) -> str | None:
    """``HH:MM:SS`` for the time part of a header, or None if no such time."""
    found = _TIME.search(header_rest)
    if found is None:
        return None
    hour, minute = int(found[1]), int(found[2])
    second = int(found[3]) if found[3] else 0
    marker = _MARKER.search(header_rest, found.end()) or _MARKER.search(
        header_rest,
        0,
        found.start(),  # before the time: "오전 10:05", "上午9:05"
    )
    if marker is not None:
        # some phones write the hour after noon and midnight as 0: "0:24 PM", "00:04 AM"
        if hour > 12:
            return None
        if marker[4] is not None:  # the night: 6-11 before midnight, 12 and 1-5 after it
            pm = 6 <= hour <= 11
        else:
            pm = marker[3] is not None or (marker[1] is not None and marker[1] in b"Pp")
        hour = hour % 12 + (12 if pm else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return f"{hour:02d}:{minute:02d}:{second:02d}"
