"""Every header layout of FORMATS.md parses to the same records."""

from __future__ import annotations

from pathlib import Path

import pytest

from cs_audit.errors import IngestError
from cs_audit.ingest import parse_export
from cs_audit.models import DateOrder
from tests.conftest import FIXTURES, GOLDEN, load_jsonl, records

LAYOUTS = sorted((FIXTURES / "layouts").glob("*.txt"))
EXPECTED = load_jsonl(GOLDEN / "layouts.jsonl")


def test_every_layout_is_covered() -> None:
    """The layout fixtures hold Android, iOS, old iOS and the encoding variants."""
    names = {path.stem for path in LAYOUTS}
    assert len(names) == 26
    assert {
        "android_finnish_klo",
        "ios_legacy_no_brackets",
        "android_crlf",
        "android_bom",
        "android_cr_only",
        "android_bidi_authors",
        "ios_spanish_marker",
    } <= names


@pytest.mark.parametrize("path", LAYOUTS, ids=[p.stem for p in LAYOUTS])
def test_layout_parses_to_the_shared_records(path: Path) -> None:
    """One chat written in each layout gives the same lines, timestamps, authors, texts."""
    parsed = parse_export(path.read_bytes(), file=path.name)
    assert records(parsed) == EXPECTED
    assert parsed.notices == ()
    assert parsed.line_count == 11


@pytest.mark.parametrize(
    ("name", "layout", "order"),
    [
        ("android_indonesian", "android 24h", DateOrder.DMY),
        ("android_mdy_12h_nnbsp", "android 12h", DateOrder.MDY),
        ("android_ymd", "android 24h", DateOrder.YMD),
        ("ios_indonesian_mdy", "ios 24h", DateOrder.MDY),
        ("ios_dmy_12h_nnbsp", "ios 12h", DateOrder.DMY),
        ("ios_legacy_no_brackets", "ios-legacy 12h", DateOrder.MDY),
    ],
)
def test_layout_and_date_order_are_reported(name: str, layout: str, order: DateOrder) -> None:
    """The summary names the layout found and the date order decided for the file."""
    parsed = parse_export((FIXTURES / "layouts" / f"{name}.txt").read_bytes(), file=name)
    assert (parsed.layout.name, parsed.date_order) == (layout, order)


def test_ios_seconds_are_kept() -> None:
    """iOS headers carry seconds, and the timestamp keeps them."""
    data = "[3/27/22, 21:41:35] Dmitry S: Hello World\n[3/27/22, 21:41:55] Ann: hi\n"
    parsed = parse_export(data.encode(), file="x.txt")
    assert parsed.timestamps == ["2022-03-27T21:41:35", "2022-03-27T21:41:55"]


def test_hour_zero_with_a_marker_is_the_hour_after_midnight_or_noon() -> None:
    """Some phones write 12:24 PM as "0:24 PM" and 12:04 AM as "00:04 AM" (issue 14):
    those headers are messages, not lines of the message before."""
    data = (
        b"12/21/18, 11:58 PM - Budi: masih buka kak?\n"
        b"12/22/18, 00:04 AM - Toko Maju: Masih kak\n"
        b"12/22/18, 11:59 AM - Budi: ok\n"
        b"12/22/18, 0:24 PM - Budi: jadi order 2\n"
        b"12/22/18, 12:30 PM - Toko Maju: Siap kak\n"
    )
    parsed = parse_export(data, file="x.txt")
    assert [(r["line"], r["timestamp"], r["author"]) for r in records(parsed)] == [
        (1, "2018-12-21T23:58:00", "Budi"),
        (2, "2018-12-22T00:04:00", "Toko Maju"),
        (3, "2018-12-22T11:59:00", "Budi"),
        (4, "2018-12-22T12:24:00", "Budi"),
        (5, "2018-12-22T12:30:00", "Toko Maju"),
    ]
    assert parsed.notices == ()


def test_a_bom_right_after_the_bracket_is_a_header_still() -> None:
    """An iOS export whose first header holds a BOM inside its bracket ("[\\ufeff29.01.18,
    …]", a file re-saved by an editor that put the mark at the first date): the first
    message is read, not skipped as a line before the first header (issue 14)."""
    data = "[\ufeff29.01.18, 10:15:02] Budi: halo kak\n[29.01.18, 10:16:00] Rina: hai kak\n"
    parsed = parse_export(data.encode(), file="x.txt")
    assert [(r["line"], r["timestamp"], r["author"], r["text"]) for r in records(parsed)] == [
        (1, "2018-01-29T10:15:02", "Budi", "halo kak"),
        (2, "2018-01-29T10:16:00", "Rina", "hai kak"),
    ]
    assert parsed.notices == ()


def test_an_empty_message_and_a_name_of_bidi_marks_keep_their_authors() -> None:
    """Issue 14: "Budi:" with nothing after the colon is Budi's empty message where the
    file knows Budi (not a line WhatsApp wrote); a sender name of bidi marks only is
    its own author, not "" (which would merge it with any other such name)."""
    data = (
        "21/12/18 14.08 - Budi: halo\n"
        "21/12/18 14.09 - Budi:\n"
        "21/12/18 14.10 - Sari:\n"
        "21/12/18 14.11 - \u200e\u200f: pesan\n"
        "21/12/18 14.12 - Rina: ok\n"
    )
    parsed = parse_export(data.encode(), file="x.txt")
    assert [(r["line"], r["author"], r["text"], r["kind"]) for r in records(parsed)] == [
        (1, "Budi", "halo", "text"),
        (2, "Budi", "", "text"),
        (3, None, "Sari:", "system"),  # no Sari writes in this file: nothing says it is one
        (4, "\u200e\u200f", "pesan", "text"),
        (5, "Rina", "ok", "text"),
    ]


def test_time_before_date_as_vietnamese_ios_writes_it() -> None:
    """Issue 14: "[14:56:01, 3/18/22] Name: text" (Vietnamese iOS) is read, the time
    first, the date after it; a header-like line of that shape inside a message of
    another layout is still its text, and an impossible time is too."""
    data = (
        "[14:56:01, 3/18/22] Lan: Chào shop, còn áo size M không?\n"
        "[14:57:10, 3/18/22] Toko Maju: Halo kak\n"
        "ada yang bisa dibantu?\n"
        "[25:61:00, 3/18/22] Toko Maju: not a time\n"
        "[9:05:00, 3/19/22] Lan: ok\n"
    )
    parsed = parse_export(data.encode(), file="x.txt")
    assert [(r["line"], r["timestamp"], r["author"], r["text"]) for r in records(parsed)] == [
        (1, "2022-03-18T14:56:01", "Lan", "Chào shop, còn áo size M không?"),
        (
            2,
            "2022-03-18T14:57:10",
            "Toko Maju",
            "Halo kak\nada yang bisa dibantu?\n[25:61:00, 3/18/22] Toko Maju: not a time",
        ),
        (5, "2022-03-19T09:05:00", "Lan", "ok"),
    ]
    assert (parsed.layout.name, parsed.date_order) == ("ios 24h", DateOrder.MDY)
    assert parsed.notices == ()
    # the usual iOS layout is not taken for it, nor it for the usual one
    usual = parse_export(b"[3/18/22, 14:56:01] Lan: hi\n[3/18/22, 14:57:10] Rina: ok\n", file="y")
    assert not usual.layout.time_first
    assert parsed.layout.time_first


@pytest.mark.parametrize(
    ("header", "moment"),
    [
        ("12/21/18, 9:15 in the morning - ", "2018-12-21T09:15:00"),
        ("12/21/18, 12:05 in the afternoon - ", "2018-12-21T12:05:00"),
        ("12/21/18, 3:07 in the afternoon - ", "2018-12-21T15:07:00"),
        ("12/21/18, 7:30 in the evening - ", "2018-12-21T19:30:00"),
        ("21/12/18, 12:15 de la mañana - ", "2018-12-21T00:15:00"),
        ("21/12/18, 3:07 de la tarde - ", "2018-12-21T15:07:00"),
        ("21/12/18 9:15 da manhã - ", "2018-12-21T09:15:00"),
        ("21/12/18 3:07 da tarde - ", "2018-12-21T15:07:00"),
        ("12/21/18, 9:40 at night - ", "2018-12-21T21:40:00"),
        ("12/21/18, 12:10 at night - ", "2018-12-21T00:10:00"),
        ("12/21/18, 2:30 at night - ", "2018-12-21T02:30:00"),
        ("12/21/18, 12:00 noon - ", "2018-12-21T12:00:00"),
        ("12/21/18, 12:00 midnight - ", "2018-12-21T00:00:00"),
        ("21/12/18, 8:05 de la noche - ", "2018-12-21T20:05:00"),
        ("21/12/18, 1:05 de la madrugada - ", "2018-12-21T01:05:00"),
        ("21/12/18, 12:20 del mediodía - ", "2018-12-21T12:20:00"),
        ("21/12/18 11:55 da noite - ", "2018-12-21T23:55:00"),
        ("21/12/18 4:10 da madrugada - ", "2018-12-21T04:10:00"),
    ],
)
def test_the_part_of_the_day_spelled_out_is_a_12_hour_marker(header: str, moment: str) -> None:
    """Issue 14: some Android translations write the marker as the part of the day
    (CLDR's day periods); each such header is a message at the hour it means, the
    night's hours 12 and 1-5 after midnight, 6-11 before it."""
    data = f"{header}Budi: halo\n{header}Rina: ok\n".encode()
    parsed = parse_export(data, file="x.txt")
    assert [(r["timestamp"], r["author"]) for r in records(parsed)] == [
        (moment, "Budi"),
        (moment, "Rina"),
    ]
    assert parsed.layout.marker


def test_a_spelled_out_marker_on_an_hour_past_12_is_message_text() -> None:
    """ "15:07 da tarde" is no time: that line is text of the message before."""
    data = "21/12/18 9:15 da manhã - Ana: olá\n21/12/18 15:07 da tarde - Rina: x\n"
    parsed = parse_export(data.encode(), file="x.txt")
    assert [r["text"] for r in records(parsed)] == ["olá\n21/12/18 15:07 da tarde - Rina: x"]


def test_a_file_whose_clock_changed_from_12_to_24_hours_is_read_whole() -> None:
    """Issue 14: a phone whose clock setting changed mid-chat writes "02:08 PM" headers,
    then "15:15" ones; both are messages, in one layout of either clock."""
    data = (
        "12/21/18 02:08 PM - Budi: halo kak\n"
        "12/21/18 02:09 PM - Toko Maju: Halo kak\n"
        "12/21/18 15:15 - Budi: jadi order\n"
        "12/21/18 15:16 - Toko Maju: Siap kak\n"
        "12/22/18 09:00 - Budi: sudah transfer\n"
    )
    parsed = parse_export(data.encode(), file="x.txt")
    assert [(r["line"], r["timestamp"], r["author"]) for r in records(parsed)] == [
        (1, "2018-12-21T14:08:00", "Budi"),
        (2, "2018-12-21T14:09:00", "Toko Maju"),
        (3, "2018-12-21T15:15:00", "Budi"),
        (4, "2018-12-21T15:16:00", "Toko Maju"),
        (5, "2018-12-22T09:00:00", "Budi"),
    ]
    assert parsed.notices == ()
    # after the switch, an author who wrote nothing before it: the run ends the file
    for before, after in (
        ("12/21/18, {h}:00 - Ana: a", "12/22/18, {h12}:00 PM - Dewi: b"),
        ("22. 11. 24. {h}:00 - \uc218\ube48: a", "22. 11. 25. \uc624\ud6c4 {h12}:00 - Minsu: b"),
    ):
        data = "".join(before.format(h=h) + "\n" for h in range(10, 24)) + "".join(
            after.format(h12=h - 12) + "\n" for h in range(13, 17)
        )
        parsed = parse_export(data.encode(), file="x.txt")
        assert [r["timestamp"][11:13] for r in records(parsed)][-5:] == [
            "23", "13", "14", "15", "16"
        ]  # fmt: skip
        assert records(parsed)[-1]["author"] in {"Dewi", "Minsu"}


@pytest.mark.parametrize(
    ("odd", "moment"),
    [
        ("5/19/20. 6:49 PM - ", "2020-05-19T18:49:00"),  # "." for the comma
        ("5/19/20, 6.49 PM - ", "2020-05-19T18:49:00"),  # "." for ":" in the time
        ("5/19/20 6:49 PM - ", "2020-05-19T18:49:00"),  # no comma
        ("5/19/20, 18:49 - ", "2020-05-19T18:49:00"),  # once, the other clock
    ],
)
def test_a_header_with_a_typo_is_read_where_the_file_makes_it_certain(
    odd: str, moment: str
) -> None:
    """Issue 14: a header written slightly otherwise than the file's layout is a
    message where its author writes in the file and its time lies between its
    neighbours'."""
    data = (
        "5/19/20, 6:40 PM - Budi: halo kak\n"
        "ada stok?\n"
        f"{odd}Toko Maju: Ada kak\n"
        "5/19/20, 6:52 PM - Budi: ok\n"
        "5/19/20, 6:53 PM - Toko Maju: Siap\n"
    )
    parsed = parse_export(data.encode(), file="x.txt")
    assert [(r["line"], r["timestamp"], r["author"], r["text"]) for r in records(parsed)] == [
        (1, "2020-05-19T18:40:00", "Budi", "halo kak\nada stok?"),
        (3, moment, "Toko Maju", "Ada kak"),
        (4, "2020-05-19T18:52:00", "Budi", "ok"),
        (5, "2020-05-19T18:53:00", "Toko Maju", "Siap"),
    ]
    assert parsed.notices == ()
    assert parsed.line_count == 5


@pytest.mark.parametrize(
    "line",
    [
        "5/19/20. 6:49 PM - Rina: Ada kak",  # nobody named Rina writes in the file
        "5/19/20. 6:30 PM - Toko Maju: Ada kak",  # before the message it is in
        "5/19/20. 6:55 PM - Toko Maju: Ada kak",  # after the message below it
        "5/19/20. 6:49 PM Toko Maju: Ada kak",  # no separator
        "5/19/20. 25:49 - Toko Maju: Ada kak",  # no such time
    ],
)
def test_a_body_line_never_becomes_a_header_by_a_lenient_reading(line: str) -> None:
    """The lenient reading of a header takes nothing the file does not make certain."""
    data = (
        "5/19/20, 6:40 PM - Budi: halo kak\n"
        f"{line}\n"
        "5/19/20, 6:52 PM - Budi: ok\n"
        "5/19/20, 6:53 PM - Toko Maju: Siap\n"
    )
    parsed = parse_export(data.encode(), file="x.txt")
    assert [(r["line"], r["text"]) for r in records(parsed)] == [
        (1, f"halo kak\n{line}"),
        (3, "ok"),
        (4, "Siap"),
    ]


def test_a_run_of_headers_written_otherwise_becomes_a_run_of_messages() -> None:
    """Several such headers in a row, left by the scan in one message's text, are each
    a message of its own, on its own line, with its own kind."""
    data = (
        "21/12/18 14.08 - Budi: halo\n"
        "21/12/18 14:09 - Toko Maju: Halo kak\n"
        "ada yang bisa dibantu?\n"
        "21/12/18 14:10 - Budi: <Media tidak disertakan>\n"
        "21/12/18 14:11 - Budi: ini kak\n"
        "21/12/18 14.12 - Toko Maju: Siap\n"
        "21/12/18 14.13 - Budi: ok\n"
        "21/12/18 14.14 - Budi: makasih\n"
    )
    parsed = parse_export(data.encode(), file="x.txt")
    assert [
        (r["line"], r["timestamp"], r["author"], r["text"], r["kind"]) for r in records(parsed)
    ] == [
        (1, "2018-12-21T14:08:00", "Budi", "halo", "text"),
        (2, "2018-12-21T14:09:00", "Toko Maju", "Halo kak\nada yang bisa dibantu?", "text"),
        (4, "2018-12-21T14:10:00", "Budi", "<Media tidak disertakan>", "media"),
        (5, "2018-12-21T14:11:00", "Budi", "ini kak", "text"),
        (6, "2018-12-21T14:12:00", "Toko Maju", "Siap", "text"),
        (7, "2018-12-21T14:13:00", "Budi", "ok", "text"),
        (8, "2018-12-21T14:14:00", "Budi", "makasih", "text"),
    ]
    assert parsed.notices == ()


def _arabic(text: str, zero: int = 0x0660) -> str:
    """``text`` with its digits in Arabic-Indic (or, from 0x06F0, Eastern) digits."""
    return text.translate({ord("0") + d: zero + d for d in range(10)})


RLM, ARABIC_COMMA, SAD, MIM = "\u200f", "\u060c", "\u0635", "\u0645"


def test_arabic_ios_headers_are_read_and_their_bodies_kept_as_written() -> None:
    """Issue 14: Arabic iOS writes Arabic-Indic digits with right-to-left marks inside
    the date, the Arabic comma after it, and sad/mim for AM/PM. The headers are read;
    digits in the messages stay as written."""
    body = _arabic("12") + " \u0642\u0637\u0639\u0629"  # "12 pieces" in Arabic digits
    data = (
        f"[{_arabic(f'20{RLM}/3{RLM}/2020')}{ARABIC_COMMA} {_arabic('10:23:45')} {MIM}] "
        "Ahmad: halo\n"
        f"[{_arabic(f'20{RLM}/3{RLM}/2020')}{ARABIC_COMMA} {_arabic('10:25:00')} {MIM}] "
        f"Toko Maju: {body}\n"
        f"[21{RLM}/3{RLM}/2020{ARABIC_COMMA} 9:05:00 {SAD}] Ahmad: ok\n"  # Western digits
    )
    parsed = parse_export(data.encode(), file="x.txt")
    assert [(r["line"], r["timestamp"], r["author"], r["text"]) for r in records(parsed)] == [
        (1, "2020-03-20T22:23:45", "Ahmad", "halo"),
        (2, "2020-03-20T22:25:00", "Toko Maju", body),
        (3, "2020-03-21T09:05:00", "Ahmad", "ok"),
    ]
    assert (parsed.layout.name, parsed.date_order) == ("ios 12h", DateOrder.DMY)
    assert parsed.notices == ()


def test_android_headers_in_eastern_arabic_digits_are_read() -> None:
    """Persian and Urdu phones write Eastern Arabic-Indic digits (U+06F0-06F9); an
    Android header may put an NBSP before the marker."""
    data = "".join(
        f"{RLM}{_arabic(day, 0x06F0)}{RLM}/{_arabic('3', 0x06F0)}{RLM}/"
        f"{_arabic('2021', 0x06F0)} {_arabic(time, 0x06F0)}\u00a0{marker} - {name}: {text}\n"
        for day, time, marker, name, text in [
            ("20", "10:23", MIM, "Reza", "salam"),
            ("21", "09:05", SAD, "Toko Maju", "salam kak"),
        ]
    )
    parsed = parse_export(data.encode(), file="x.txt")
    assert [(r["line"], r["timestamp"], r["author"], r["text"]) for r in records(parsed)] == [
        (1, "2021-03-20T22:23:00", "Reza", "salam"),
        (2, "2021-03-21T09:05:00", "Toko Maju", "salam kak"),
    ]
    assert parsed.layout.name == "android 12h"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("[R4/3/18 14:56:01]", "[R4/3/19 9:05:00]"),  # Reiwa 4 is 2022
        ("[\u4ee4\u548c4/3/18 14:56:01]", "[\u4ee4\u548c4/3/19 9:05:00]"),  # the era spelled
        ("[H34/3/18 14:56:01]", "[H34/3/19 9:05:00]"),  # Heisei, counted on: 1988 + 34
    ],
)
def test_japanese_era_years_are_gregorian_ones(first: str, second: str) -> None:
    """Issue 14: an iPhone set to the Japanese calendar writes the era and its year."""
    data = f"{first} Yamada: halo\n{second} Toko Maju: halo kak\n"
    parsed = parse_export(data.encode(), file="x.txt")
    assert [(r["line"], r["timestamp"], r["author"]) for r in records(parsed)] == [
        (1, "2022-03-18T14:56:01", "Yamada"),
        (2, "2022-03-19T09:05:00", "Toko Maju"),
    ]
    assert parsed.date_order is DateOrder.YMD


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("[23/6/2565 13:45:10]", "[29/2/2563 9:05:00]"),  # 2563 is 2020, a leap year
        ("23/6/65 13:45 -", "29/2/63 09:05 -"),  # two digits: 2565 and 2563
    ],
)
def test_buddhist_years_are_gregorian_ones(first: str, second: str) -> None:
    """Issue 14: a Thai phone counts Buddhist years, 543 after the Gregorian."""
    data = f"{first} Somchai: halo\n{second} Toko Maju: halo kak\n"
    parsed = parse_export(data.encode(), file="x.txt")
    assert [r["timestamp"][:10] for r in records(parsed)] == ["2022-06-23", "2020-02-29"]
    assert parsed.notices == ()


@pytest.mark.parametrize(
    ("date", "calendar", "example"),
    [
        (_arabic("1401/1/15", 0x06F0), "the Persian (Solar Hijri)", "1401/1/15"),
        ("1443/7/3", "the Islamic (Hijri)", "1443/7/3"),  # a day of one digit
        ("1201/7/3", "a non-Gregorian", "1201/7/3"),
    ],
)
def test_a_calendar_that_cannot_be_read_is_named(date: str, calendar: str, example: str) -> None:
    """Issue 14: dates of a calendar not converted are refused with its name and what
    to do, not read as years of long ago."""
    data = f"[{date} 10:23:45] Reza: salam\n[{date} 10:24:00] Toko Maju: salam\n"
    with pytest.raises(IngestError) as caught:
        parse_export(data.encode(), file="x.txt")
    assert str(caught.value) == (
        f"x.txt: has its dates in {calendar} calendar (such as {example}), not the "
        "Gregorian one cs-audit reads; set the phone's calendar to Gregorian (on an "
        "iPhone: Settings > General > Language & Region > Calendar) and export the chat "
        "again"
    )


def test_pasted_lines_of_the_other_clock_by_a_stranger_stay_text() -> None:
    """Five pasted 12-hour lines in a 24-hour chat, by an author the file does not
    know and dated before it, are the message's text, however many they are."""
    lines = [f"13/03/2022, 10:{i:02d} - {'Ann' if i % 2 else 'Bob'}: m{i}\n" for i in range(20)]
    pasted = "".join(f"03/01/2021, 9:0{i} PM - Zoe: p{i}\n" for i in range(5))
    parsed = parse_export("".join([*lines[:10], pasted, *lines[10:]]).encode(), file="x.txt")
    assert len(parsed) == 20
    assert parsed.texts[9] == "m9\n" + pasted.rstrip("\n")


def test_a_header_written_otherwise_that_stays_text_tells_nothing() -> None:
    """A pasted line folded back into text does not decide the file's date order (it
    stays open, and is said so); an author who writes only under impossible or odd
    headers makes no odd header certain; two pasted lines of the other clock are not
    enough to make the file's clock mixed (found by review)."""
    data = (
        "3/4/22, 9:58 AM - Tom: my order from the other shop:\n"
        "25/12/2021, 14:00 - Other Shop: your parcel is on its way\n"
        "3/4/22, 9:59 AM - Shop: ok\n"
        "3/5/22, 10:01 AM - Tom: thanks\n"
    )
    parsed = parse_export(data.encode(), file="x.txt")
    assert [(r["line"], r["timestamp"]) for r in records(parsed)] == [
        (1, "2022-04-03T09:58:00"),
        (3, "2022-04-03T09:59:00"),
        (4, "2022-05-03T10:01:00"),
    ]
    assert [n.message for n in parsed.notices] == [
        "no date in it tells day-first from month-first; read as day-first"
    ]
    data = (
        "30/03/2020, 10:05 - Ann: a\n"
        "31/02/2020, 10:06 - Eve: not a day\n"
        "30/03/2020. 10:08 - Eve: odd\n"
        "30/03/2020, 10:09 - Ann: b\n"
    )
    assert [r["text"] for r in records(parse_export(data.encode(), file="x.txt"))] == [
        "a\n31/02/2020, 10:06 - Eve: not a day\n30/03/2020. 10:08 - Eve: odd",
        "b",
    ]
    lines = [f"13/03/2020, 10:{i:02d} - {'Ann' if i % 2 else 'Bob'}: m{i}\n" for i in range(40)]
    pasted = "3/1/19, 9:15 PM - Supplier X: price is 5\n3/1/19, 9:16 PM - Supplier X: ok?\n"
    parsed = parse_export("".join([*lines[:21], pasted, *lines[21:]]).encode(), file="x.txt")
    assert parsed.layout.name == "android 24h"
    assert parsed.texts[20] == f"m20\n{pasted.rstrip()}"


def test_lines_rewritten_for_reading_that_stay_text_keep_their_own_bytes() -> None:
    """Issue 14: a header-like line in Arabic digits or with an era that is message
    text (an impossible day) is kept as written, not in the rewritten form."""
    impossible = f"{_arabic('31/2/2022')}{ARABIC_COMMA} {_arabic('10:00')} {MIM} - Bob: old"
    data = "".join(
        f"{_arabic('12/3/2022')}{ARABIC_COMMA} {_arabic(f'10:0{m}')} {MIM} - {who}: {text}\n"
        for m, who, text in [(0, "Bob", "quoting:"), (1, "Ann", "ok"), (2, "Ann", "ok")]
    )
    data = data.replace("quoting:\n", f"quoting:\n{impossible}\n", 1)
    parsed = parse_export(data.encode(), file="x.txt")
    assert [(r["line"], r["timestamp"], r["text"]) for r in records(parsed)] == [
        (1, "2022-03-12T22:00:00", f"quoting:\n{impossible}"),
        (3, "2022-03-12T22:01:00", "ok"),
        (4, "2022-03-12T22:02:00", "ok"),
    ]
    era = "[R4/3/18 14:56:01] Bob: my old note says:\n[H30/2/30 10:00:00] Bob: (from 2018)\n"
    parsed = parse_export((era + "[R4/3/18 14:57:01] Ann: ok\n").encode(), file="x.txt")
    assert parsed.texts[0] == "my old note says:\n[H30/2/30 10:00:00] Bob: (from 2018)"


def test_header_like_lines_written_otherwise_left_as_text_are_reported() -> None:
    """Ten pasted lines of the file's layout written otherwise, by an author the file
    does not know, are text, and a warning says how many."""
    lines = [f"13/03/2020, 10:{i:02d} - {'Ann' if i % 2 else 'Bob'}: m{i}\n" for i in range(60)]
    pasted = [f"1/2/2019 9:{i:02d} - Supplier: p{i}\n" for i in range(10)]
    parsed = parse_export("".join([*lines[:30], *pasted, *lines[30:]]).encode(), file="x.txt")
    assert len(parsed) == 60
    assert [n.message for n in parsed.notices] == [
        "10 lines look like headers written otherwise, by no author of the file or out of "
        "time order, than the file's (android 24h); they were read as message text"
    ]


@pytest.mark.parametrize(
    ("first", "second", "moments"),
    [
        (  # French Android: "à" between date and time
            "13/12/2021 \u00e0 10:30 - ",
            "13/12/2021 \u00e0 10:47 - ",
            ("2021-12-13T10:30:00", "2021-12-13T10:47:00"),
        ),
        (  # Hungarian: year first, each part ended by a dot
            "2022. 04. 21. 9:10 - ",
            "2022. 04. 21. 21:30 - ",
            ("2022-04-21T09:10:00", "2022-04-21T21:30:00"),
        ),
        (  # Croatian: each part ended by a dot, the year last
            "25. 12. 2022. 10:30 - ",
            "25. 12. 2022. 10:47 - ",
            ("2022-12-25T10:30:00", "2022-12-25T10:47:00"),
        ),
        (  # Slovak: a dot and a space between the parts, none after
            "25. 12. 2022 10:30 - ",
            "25. 12. 2022 10:47 - ",
            ("2022-12-25T10:30:00", "2022-12-25T10:47:00"),
        ),
        (  # Serbian: a dot after the date
            "25.12.22. 10:30 - ",
            "25.12.22. 10:47 - ",
            ("2022-12-25T10:30:00", "2022-12-25T10:47:00"),
        ),
        (  # Korean Android: a two-digit year first, the marker before the time
            "22. 11. 24. \uc624\uc804 10:05 - ",
            "22. 11. 24. \uc624\ud6c4 1:25 - ",
            ("2022-11-24T10:05:00", "2022-11-24T13:25:00"),
        ),
        (  # Korean iOS
            "[2024. 6. 18. \uc624\ud6c4 9:12:30] ",
            "[2024. 6. 18. \uc624\ud6c4 12:30:02] ",
            ("2024-06-18T21:12:30", "2024-06-18T12:30:02"),
        ),
        (  # Chinese Android: the marker before the time, no space
            "2022/1/15 \u4e0a\u53489:05 - ",
            "2022/1/15 \u4e0b\u53489:20 - ",
            ("2022-01-15T09:05:00", "2022-01-15T21:20:00"),
        ),
        (  # Japanese, 12-hour
            "2022/01/15 \u5348\u524d9:05 - ",
            "2022/01/15 \u5348\u5f8c3:07 - ",
            ("2022-01-15T09:05:00", "2022-01-15T15:07:00"),
        ),
        (  # Malay: PG (pagi) and PTG (petang)
            "19/04/23, 10:05 PG - ",
            "19/04/23, 2:20 PTG - ",
            ("2023-04-19T10:05:00", "2023-04-19T14:20:00"),
        ),
    ],
)
def test_more_locales_headers(first: str, second: str, moments: tuple[str, str]) -> None:
    """Issue 14: French, Hungarian, Croatian, Slovak, Serbian, Korean, Chinese, Japanese
    and Malay headers
    (found missing by a blind corpus of invented exports in 54 locales)."""
    data = f"{first}Budi: halo\n{second}Toko Maju: halo kak\nada yang bisa dibantu?\n"
    parsed = parse_export(data.encode(), file="x.txt")
    assert [(r["line"], r["timestamp"], r["author"]) for r in records(parsed)] == [
        (1, moments[0], "Budi"),
        (2, moments[1], "Toko Maju"),
    ]
    assert parsed.texts[1] == "halo kak\nada yang bisa dibantu?"
    assert parsed.notices == ()


def test_a_few_lines_in_arabic_digits_in_a_western_file_stay_text() -> None:
    """One pasted header-like line in Arabic digits does not make the file rewritten:
    it stays its message's text, as written (found by review)."""
    pasted = f"{_arabic('21/04/2022')}, {_arabic('10:07')} - Ahmed: salam"
    data = (
        "21/04/2022, 10:05 - Ana: hi\n"
        f"21/04/2022, 10:06 - Budi: look what he sent\n{pasted}\n"
        "21/04/2022, 10:08 - Ana: ok\n"
    )
    parsed = parse_export(data.encode(), file="x.txt")
    assert parsed.texts == ["hi", f"look what he sent\n{pasted}", "ok"]


def test_a_hijri_file_with_one_gregorian_line_is_still_refused() -> None:
    """Western digits, the Hijri AH sign after the year, and one Gregorian-dated line:
    the file is still named as Hijri, not read from that line."""
    data = (
        "".join(
            f"[{day}/09/1443 \u0647\u0640{ARABIC_COMMA} 10:05:00] Ali: salam\n"
            for day in (20, 21, 22)
        )
        + "[21/04/2022, 10:05:00] Ali: x\n"
    )
    with pytest.raises(IngestError, match=r"the Islamic \(Hijri\) calendar"):
        parse_export(data.encode(), file="x.txt")
