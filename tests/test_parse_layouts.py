"""Every header layout of FORMATS.md parses to the same records."""

from __future__ import annotations

from pathlib import Path

import pytest

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
