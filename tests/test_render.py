"""JSON Lines and CSV renderers: exact text, safe for any chat content."""

from __future__ import annotations

import json

from cs_audit.ingest import parse_export
from cs_audit.render.csv import csv_header, neutralise, render_csv
from cs_audit.render.jsonl import FIELDS, render_jsonl

CHAT = (
    '19/11/26 08.05 - Budi "B" \\ {x}: tab\there, quote " and \\ backslash\n'
    "baris dua\u2028sama\u2029baris\x07bell\n"
    "19/11/26 08.06 - Pesan dan panggilan terenkripsi secara end-to-end.\n"
).encode()


def test_jsonl_exact() -> None:
    """Strings are JSON-escaped, U+2028/2029 too, braces in names stay literal."""
    parsed = parse_export(CHAT, file="{dir}/chat.txt")
    assert render_jsonl(parsed) == (
        '{"file":"{dir}/chat.txt","line":1,"timestamp":"2026-11-19T08:05:00",'
        '"author":"Budi \\"B\\" \\\\ {x}","text":"tab\\there, quote \\" and \\\\ backslash\\n'
        'baris dua\\u2028sama\\u2029baris\\u0007bell","kind":"text"}\n'
        '{"file":"{dir}/chat.txt","line":3,"timestamp":"2026-11-19T08:06:00","author":null,'
        '"text":"Pesan dan panggilan terenkripsi secara end-to-end.","kind":"system"}\n'
    )


def test_jsonl_lines_are_json_with_fixed_keys() -> None:
    """Each line parses as JSON with exactly the six fields, in order."""
    parsed = parse_export(CHAT, file="chat.txt")
    for line in render_jsonl(parsed).splitlines():
        assert tuple(json.loads(line)) == FIELDS


def test_csv_exact() -> None:
    """CSV quotes what needs quoting and keeps inner newlines."""
    parsed = parse_export(CHAT, file="chat.txt")
    assert csv_header() + render_csv(parsed) == (
        "file,line,timestamp,author,text,kind\n"
        'chat.txt,1,2026-11-19T08:05:00,"Budi ""B"" \\ {x}","tab\there, quote "" and \\ '
        'backslash\nbaris dua\u2028sama\u2029baris\x07bell",text\n'
        "chat.txt,3,2026-11-19T08:06:00,,Pesan dan panggilan terenkripsi secara "
        "end-to-end.,system\n"
    )


def test_neutralise() -> None:
    """Cells that a spreadsheet would read as a formula get a leading apostrophe."""
    assert [neutralise(c) for c in ("=1+1", "+62 812", "-Rina", "@SUM(A1)", "\tx", "Halo")] == [
        "'=1+1",
        "'+62 812",
        "'-Rina",
        "'@SUM(A1)",
        "'\tx",
        "Halo",
    ]
