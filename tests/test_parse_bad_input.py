"""Files that are not exports get one clear error; nothing is lost or invented."""

from __future__ import annotations

import pytest

from cs_audit.errors import CsAuditError, ExitCode, IngestError
from cs_audit.ingest import parse_export, read_exports
from tests.conftest import FIXTURES

BAD = FIXTURES / "bad"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.txt", "empty.txt: is empty; export the chat again from WhatsApp"),
        ("blank.txt", "blank.txt: is empty; export the chat again from WhatsApp"),
        (
            "photo.txt",
            "photo.txt: is a binary file, not a chat export; pass the .txt or .zip "
            "that WhatsApp's Export chat wrote",
        ),
        (
            "prose.txt",
            "prose.txt: has no WhatsApp message header (such as '23/03/2022, 13:31 "
            "- Name: '); check that it is a chat exported with WhatsApp's Export chat",
        ),
        (
            "latin1.txt",
            "latin1.txt:2: holds a byte that is not UTF-8 (0xe9); re-export the chat "
            "from WhatsApp, or convert the file to UTF-8",
        ),
    ],
)
def test_not_an_export(name: str, message: str) -> None:
    """Each kind of foreign text file is refused with what is wrong, where, what to do."""
    with pytest.raises(IngestError) as caught:
        parse_export((BAD / name).read_bytes(), file=name)
    assert str(caught.value) == message
    assert caught.value.exit_code is ExitCode.INPUT


def test_error_messages_never_quote_the_chat() -> None:
    """The undecodable line's words ("Caf\\xe9 latte") are not repeated on stderr."""
    with pytest.raises(IngestError) as caught:
        parse_export((BAD / "latin1.txt").read_bytes(), file="latin1.txt")
    assert "latte" not in str(caught.value)


def test_other_files_are_still_read() -> None:
    """A folder with bad files yields an error for each and records for the rest."""
    results = list(read_exports([BAD]))
    errors = sorted(r.where for r in results if isinstance(r, CsAuditError))
    parsed = sorted(r.file for r in results if not isinstance(r, CsAuditError))
    prefix = BAD.as_posix() + "/"
    assert [e.removeprefix(prefix) for e in errors] == [
        "blank.txt",
        "broken.zip",
        "empty.txt",
        "latin1.txt:2",
        "not_really.zip",
        "photo.txt",
        "prose.txt",
    ]
    assert [p.removeprefix(prefix) for p in parsed] == [
        "ambiguous.txt",
        "cut_out.txt",
        "utf16.txt",
    ]


def test_lines_before_the_first_header_are_reported() -> None:
    """A cut-out export: the leading lines are skipped, counted and said."""
    parsed = parse_export((BAD / "cut_out.txt").read_bytes(), file="cut_out.txt")
    assert [str(n) for n in parsed.notices] == [
        "cut_out.txt:1: 2 line(s) before the first message header belong to no message and "
        "were skipped; check that the file is a whole export, not a cut-out"
    ]
    assert (parsed.skipped[0].first_line, parsed.skipped[0].last_line) == (1, 2)
    assert list(parsed.lines) == [3, 4]


def test_utf16_text_is_read() -> None:
    """An export re-saved by an editor as UTF-16 is still read."""
    parsed = parse_export((BAD / "utf16.txt").read_bytes(), file="utf16.txt")
    assert parsed.texts == ["Halo kak", "Siap 😊"]


def test_impossible_dates_are_text() -> None:
    """A header-like line with no such day (31/02) belongs to the message above."""
    data = (
        b"16/11/26 09.12 - Budi: Jadwal lama:\n"
        b"31/02/26 09.13 - Rina: ini kutipan\n"
        b"16/11/26 09.14 - Rina: Baik kak\n"
    )
    parsed = parse_export(data, file="x.txt")
    assert parsed.texts == ["Jadwal lama:\n31/02/26 09.13 - Rina: ini kutipan", "Baik kak"]
    assert list(parsed.lines) == [1, 3]
    assert parsed.line_count == 3


def test_impossible_time_is_text() -> None:
    """A header-like line at 25:61 is message text too."""
    data = b"16/11/26 09.12 - Budi: a\n16/11/26 25.61 - Budi: b\n"
    parsed = parse_export(data, file="x.txt")
    assert parsed.texts == ["a\n16/11/26 25.61 - Budi: b"]
