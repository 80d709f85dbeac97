"""Parsed messages as CSV for spreadsheets; chat text can never become a formula."""

from __future__ import annotations

import csv
import io

from cs_audit.ingest import ParsedExport

FIELDS = ("file", "line", "timestamp", "author", "text", "kind")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A cell a spreadsheet shows as text: a leading ``'`` where it would start a formula.

    Phone numbers (``+62 812...``) are neutralised too: Excel reads them as formulas.
    """
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def csv_header() -> str:
    """The header row."""
    return ",".join(FIELDS) + "\n"


def render_csv(parsed: ParsedExport, start: int = 0, stop: int | None = None) -> str:
    """Messages ``start:stop`` of the file as CSV rows (no header)."""
    file = neutralise(parsed.file)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(
        (
            file,
            line,
            f"{day}T{time}",
            "" if author is None else neutralise(author),
            neutralise(text),
            kind,
        )
        for line, day, time, author, text, kind in zip(
            parsed.lines[start:stop],
            parsed.days[start:stop],
            parsed.clock[start:stop],
            parsed.authors[start:stop],
            parsed.texts[start:stop],
            parsed.kinds[start:stop],
            strict=True,
        )
    )
    return out.getvalue()
