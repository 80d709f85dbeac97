"""System lines and placeholders, English and Indonesian, are classified."""

from __future__ import annotations

from pathlib import Path

import pytest

from cs_audit.ingest import parse_export
from cs_audit.ingest.kinds import classify, group_event
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


def test_group_events_about_a_member_whose_name_holds_colon_space() -> None:
    """ "added Toko: Maju" and "Toko: Maju left" are events; Toko: Maju's messages are hers."""
    data = (
        b"23/03/2022, 13:30 - Dmitry S added Toko: Maju\n"
        b"23/03/2022, 13:35 - Toko: Maju: Halo\n"
        b"23/03/2022, 13:36 - Toko: Maju: Harga: 150\n"
        b"23/03/2022, 13:37 - Toko: Maju left\n"
    )
    parsed = parse_export(data, file="g.txt")
    assert list(zip(parsed.authors, parsed.texts, parsed.kinds, strict=True)) == [
        (None, "Dmitry S added Toko: Maju", "system"),
        ("Toko: Maju", "Halo", "text"),
        ("Toko: Maju", "Harga: 150", "text"),
        (None, "Toko: Maju left", "system"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "23/03/2022, 13:31 - Anda membuat grup \u201cA: B\u201d",
        "[3/27/22, 21:41:35] \u200eAnn created group \u201cSale: Batik\u201d",
    ],
)
def test_group_names_in_curly_quotes(line: str) -> None:
    """A group created with a curly-quoted name holding ": " is a system line."""
    parsed = parse_export(line.encode(), file="g.txt")
    assert (parsed.authors, parsed.kinds) == ([None], ["system"])


def test_a_sender_of_locations_keeps_their_name() -> None:
    """Two "location: ..." messages do not make "Ann: location" a name."""
    data = (
        b"23/03/2022, 13:32 - Ann: location: https://maps.google.com/?q=1,2\n"
        b"23/03/2022, 13:40 - Ann: Lokasi: https://maps.google.com/?q=3,4\n"
        b"23/03/2022, 13:41 - Ann: Lokasi: https://maps.google.com/?q=5,6\n"
    )
    parsed = parse_export(data, file="x.txt")
    assert parsed.authors == ["Ann", "Ann", "Ann"]
    assert parsed.kinds == ["location", "location", "location"]


def test_bodies_told_by_their_end_or_a_long_prefix() -> None:
    """Live locations and iOS documents without a leading LRM are classified too."""
    data = (
        "23/03/2022, 13:32 - Ann: Lokasi terkini dibagikan\n"
        "23/03/2022, 13:33 - Ann: Report.pdf \u2022 3 pages \u200edocument omitted\n"
    ).encode()
    assert parse_export(data, file="x.txt").kinds == ["location", "media"]


def test_nnbsp_in_a_name_is_a_space() -> None:
    """ "~\u202fRina" and "~ Rina" are one non-contact."""
    data = "[20/11/26, 00.15.00] ~\u202fRina: hi\n[20/11/26, 00.16.00] ~ Rina: yo\n".encode()
    assert parse_export(data, file="x.txt").authors == ["~ Rina", "~ Rina"]


def test_ios_group_events_credited_to_the_group() -> None:
    """Older iOS exports write "Group: <LRM>Ann added Bob": WhatsApp's line, not speech."""
    data = (
        "[3/27/22, 21:41:35] Batik Jabar: \u200eAnn added Bob\n"
        "[3/27/22, 21:41:36] Batik Jabar: \u200eBob left\n"
        "[3/27/22, 21:41:37] Ann: Bob added more stock\n"
    ).encode()
    assert parse_export(data, file="g.txt").kinds == ["system", "system", "text"]


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ('Outfit Kita.id membuat grup "Reseller Outfit Kita.id 🔥"', True),
        ('Toko Maju created group "Reseller Batch 3"', True),
        ("Toko Maju menambahkan Emily Carter", True),
        ("\u200eToko Maju added +62 812-3456-7890", True),
        ('Rina changed the subject from "A" to "B"', True),
        ("Messages and calls are end-to-end encrypted. No one outside of this chat", False),
        ("Pesan dan panggilan terenkripsi secara end-to-end.", False),
        ("This business account has now registered as a standard account.", False),
    ],
)
def test_group_events(text: str, event: bool) -> None:
    """A group's events mark its export as a group's (its name is its subject)."""
    assert group_event(text) is event
