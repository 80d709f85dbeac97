"""Parsed messages as CSV for spreadsheets; chat text can never become a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from itertools import islice

from cs_audit.ingest import ParsedExport

FIELDS = ("file", "line", "timestamp", "author", "text", "kind")
_BLOCK = 8192
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A cell a spreadsheet shows as text: a leading ``'`` where it would start a formula.

    Phone numbers (``+62 812...``) are neutralised too: Excel reads them as formulas.
    """
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def csv_header() -> str:
    """The header row."""
    return ",".join(FIELDS) + "\n"


def iter_csv(parsed: ParsedExport) -> Iterator[str]:
    """The file's messages as CSV rows (no header), in blocks of text."""
    file = neutralise(parsed.file)
    rows = parsed.rows()
    while block := list(islice(rows, _BLOCK)):
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerows(
            (file, line, ts, "" if author is None else neutralise(author), neutralise(text), kind)
            for line, ts, author, text, kind in block
        )
        yield out.getvalue()
