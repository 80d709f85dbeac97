"""The date order is decided once per file, from all its header dates."""

from __future__ import annotations

import pytest

from cs_audit.ingest import parse_export
from cs_audit.ingest.dates import decide_date_order, iso_time
from cs_audit.models import DateOrder
from tests.conftest import FIXTURES

AMBIGUOUS = (FIXTURES / "bad" / "ambiguous.txt").read_bytes()


def test_ambiguous_file_is_read_day_first_with_a_warning() -> None:
    """No component above 12: day first, and a warning that names the file and the fix."""
    parsed = parse_export(AMBIGUOUS, file="ambiguous.txt")
    assert parsed.date_order is DateOrder.DMY
    assert parsed.days == ["2026-02-01", "2026-02-01", "2026-02-03"]
    assert [str(n) for n in parsed.notices] == [
        "ambiguous.txt: no date in it tells day-first from month-first; read as day-first; "
        "if its dates are month-first, run again with --date-order mdy"
    ]


def test_date_order_option_settles_ambiguous_files() -> None:
    """--date-order mdy is used where the file cannot tell, without a warning."""
    parsed = parse_export(AMBIGUOUS, file="ambiguous.txt", date_order=DateOrder.MDY)
    assert parsed.days == ["2026-01-02", "2026-01-02", "2026-03-02"]
    assert parsed.notices == ()


def test_date_order_option_never_overrides_the_evidence() -> None:
    """A file whose dates say day-first stays day-first, and the user is told."""
    data = b"19/11/26 09.12 - Budi: Halo\n"
    parsed = parse_export(data, file="x.txt", date_order=DateOrder.MDY)
    assert parsed.days == ["2026-11-19"]
    assert [str(n) for n in parsed.notices] == [
        "x.txt: dates such as 19/11/26 are dmy, so --date-order mdy was not applied to this "
        "file; leave --date-order out for files whose dates tell their order"
    ]


def test_one_late_date_decides_the_whole_file() -> None:
    """Early ambiguous dates are read in the order that a later date proves."""
    data = b"1/2/26, 09:00 - Ann: a\n1/13/26, 09:00 - Ann: b\n"
    parsed = parse_export(data, file="x.txt")
    assert parsed.days == ["2026-01-02", "2026-01-13"]


def test_majority_wins_when_evidence_conflicts() -> None:
    """Evidence both ways: the majority of headers decides, the rest are not real dates."""
    decision = decide_date_order(
        [(("13", "1", "26"), 1), (("14", "1", "26"), 1), (("1", "13", "26"), 1)], DateOrder.AUTO
    )
    assert (decision.order, decision.decided_by) == (DateOrder.DMY, "13/1/26")


def test_every_header_votes_not_every_distinct_date() -> None:
    """Three headers on 1/13 outvote two pasted day-first dates, which become text."""
    data = (
        b"1/13/22, 10:00 - Ann: a\n1/13/22, 10:01 - Ann: b\n1/13/22, 10:02 - Ann: c\n"
        b"13/1/22, 09:00 - Cy: x\n14/1/22, 09:00 - Cy: y\n"
    )
    parsed = parse_export(data, file="x.txt")
    assert parsed.date_order is DateOrder.MDY
    assert parsed.texts == ["a", "b", "c\n13/1/22, 09:00 - Cy: x\n14/1/22, 09:00 - Cy: y"]


def test_one_stray_line_does_not_undo_year_first() -> None:
    """A year-first file stays year-first when a body line has another date form."""
    data = b"2019-05-02, 11:23 - Bob: x\n02-05-2019, 11:23 - Bob: q\n2019-05-04, 11:25 - Bob: ok\n"
    parsed = parse_export(data, file="x.txt")
    assert parsed.date_order is DateOrder.YMD
    assert parsed.days == ["2019-05-02", "2019-05-04"]
    assert parsed.texts == ["x\n02-05-2019, 11:23 - Bob: q", "ok"]


@pytest.mark.parametrize(
    ("data", "requested", "message"),
    [
        (
            b"01/02/26 09.12 - Budi: Halo\n",
            DateOrder.YMD,
            "x.txt: its dates are not year-first; read as dmy, so --date-order ymd was not "
            "applied to this file; leave --date-order out for files whose dates tell their order",
        ),
        (
            b"2026-02-01, 09:12 - Budi: Halo\n",
            DateOrder.MDY,
            "x.txt: dates such as 2026/02/01 are ymd, so --date-order mdy was not applied to "
            "this file; leave --date-order out for files whose dates tell their order",
        ),
    ],
)
def test_date_order_option_that_cannot_apply_is_said(
    data: bytes, requested: DateOrder, message: str
) -> None:
    """A --date-order the file's dates cannot have is not applied, and the user is told."""
    parsed = parse_export(data, file="x.txt", date_order=requested)
    assert [str(n) for n in parsed.notices] == [message]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b" 12:00\xe2\x80\xafAM - ", "00:00:00"),
        (b" 12:30 PM - ", "12:30:00"),
        (b" 1:55:00 p. m.] ", "13:55:00"),
        (b" 8:28 p.\xc2\xa0m. - ", "20:28:00"),
        (b" 11:23 a.m. - ", "11:23:00"),
        (b" 23.59.59] ", "23:59:59"),
        (b" 13:00 PM - ", None),
        (b" 24:00 - ", None),
        # hour 0 with a marker, as some phones write the hour after midnight and noon
        (b" 0:15 am - ", "00:15:00"),
        (b" 00:04 AM - ", "00:04:00"),
        (b" 0:24 PM - ", "12:24:00"),
        (b" 12:24 PM - ", "12:24:00"),
        (b" 12:04 AM - ", "00:04:00"),
    ],
)
def test_times(text: bytes, expected: str | None) -> None:
    """Every 12-hour marker spelling, hour 0 too; impossible times are refused."""
    assert iso_time(text) == expected


@pytest.mark.parametrize(
    ("data", "warned"),
    [
        # the Indonesian Android layout: no comma, "." in the time
        (b"01/02/26 09.12 - Budi: Halo kak\n03/02/26 10.00 - Budi: Jadi order\n", False),
        # an Android file in Indonesian (its system strings) with a ":" clock
        (
            b"01/02/26, 09:12 - Budi: <Media tidak disertakan>\n01/02/26, 09:13 - Budi: Halo\n",
            False,
        ),
        # an Indonesian iPhone may have a US region and write month first: not decided
        (b"[01/02/26 09.12.00] Budi: Halo kak\n[03/02/26 10.00.00] Budi: Jadi order\n", True),
        (b"01/02/26, 09:12 - Budi: Hello\n03/02/26, 10:00 - Budi: Order please\n", True),
    ],
)
def test_an_indonesian_android_export_is_day_first_without_a_warning(
    data: bytes, warned: bool
) -> None:
    """Where no date tells, an Indonesian Android layout or language decides day-first
    (the issue's 14 of 48 files warned on every run); nothing else does."""
    parsed = parse_export(data, file="x.txt")
    assert parsed.date_order is DateOrder.DMY
    assert parsed.days[0] == "2026-02-01"
    assert bool(parsed.notices) is warned
