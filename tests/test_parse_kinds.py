"""System lines and placeholders, English and Indonesian, are classified."""

from __future__ import annotations

from pathlib import Path

import pytest

from cs_audit.ingest import parse_export
from cs_audit.ingest.kinds import classify
from tests.conftest import FIXTURES, GOLDEN, load_jsonl, records

KINDS = sorted((FIXTURES / "kinds").glob("*.txt"))


@pytest.mark.parametrize("path", KINDS, ids=[p.stem for p in KINDS])
def test_kinds_match_golden(path: Path) -> None:
    """Each message of the kinds fixtures has the expected author, text and kind."""
    parsed = parse_export(path.read_bytes(), file=path.name)
    assert records(parsed) == load_jsonl(GOLDEN / "kinds" / f"{path.stem}.jsonl")


def test_system_lines_are_nobodys_speech() -> None:
    """Android system lines have no author; iOS ones keep the contact but are system."""
    android = parse_export((FIXTURES / "kinds" / "android_id.txt").read_bytes(), file="a")
    assert android.authors[:2] == [None, None]
    assert android.kinds[:2] == ["system", "system"]
    ios = parse_export((FIXTURES / "kinds" / "ios_id.txt").read_bytes(), file="i")
    assert ios.authors[:2] == ["Sari Dewi", "Sari Dewi"]
    assert ios.kinds[:2] == ["system", "system"]


def test_group_event_with_colon_in_subject_keeps_its_text() -> None:
    """A subject such as "Reseller: Batik Jabar" does not make "Dmitry S created..." a name."""
    parsed = parse_export((FIXTURES / "kinds" / "group_en.txt").read_bytes(), file="g")
    assert parsed.texts[2] == (
        'Dmitry S changed the subject from "Reseller: Batik Jabar" to "Reseller Jabar"'
    )
    assert parsed.authors[2] is None


def test_author_names_with_colon_space_are_resolved() -> None:
    """ "Toko: Maju" writes twice, always followed by ": ", so that is the whole name."""
    parsed = parse_export((FIXTURES / "kinds" / "group_en.txt").read_bytes(), file="g")
    assert parsed.authors[5:7] == ["Toko: Maju", "Toko: Maju"]
    assert parsed.texts[6] == "Harga: mulai Rp 150rb"
    # Dmitry S writes "Re: ..." once but "Siap" too: his name stays short.
    assert parsed.authors[7:9] == ["Dmitry S", "Dmitry S"]


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("<Media omitted>", "media"),
        ("\u200eimage omitted", "media"),
        ("Missed group video call", "call"),
        ("\u200eSomeone\u2019s security code changed.", "system"),
        ("POLL:\nQ?\nOPTION: a (1 vote)", "poll"),
        ("POLL: which one?", "text"),
        ("nullable fields", "text"),
        ("Pesan sementara diaktifkan.", "system"),
        ("You blocked this contact.", "system"),
        ("Thanks", "text"),
        ("", "text"),
    ],
)
def test_classify(body: str, kind: str) -> None:
    """Placeholders are told from speech that merely starts or ends the same way."""
    assert classify(body.encode()) == kind
