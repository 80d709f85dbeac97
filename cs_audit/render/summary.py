"""A per-file overview of parsed exports for the terminal."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from cs_audit.errors import IngestError
from cs_audit.ingest import ParsedExport
from cs_audit.models import MessageKind


def summary_table(results: Sequence[ParsedExport | IngestError]) -> Table:
    """One row per chat text: layout, date order, messages, period, authors, notes.

    File names go in as ``Text`` so that ``[brackets]`` in them are never markup.
    """
    table = Table(title="Parsed exports", title_justify="left", expand=False)
    table.add_column("file", overflow="fold", ratio=3)
    table.add_column("layout", no_wrap=True)
    table.add_column("msgs", justify="right")
    table.add_column("from", no_wrap=True)
    table.add_column("to", no_wrap=True)
    table.add_column("authors", justify="right")
    table.add_column("notes", overflow="fold", ratio=2)
    total = 0
    for result in results:
        if isinstance(result, IngestError):
            table.add_row(Text(result.where), "-", "-", "-", "-", "-",
                          Text(result.problem, style="red"))
            continue
        kinds = Counter(result.kinds)
        stamps = result.timestamps
        authors = set(result.authors) - {None}
        notes = [f"{n} {kind}" for kind, n in sorted(kinds.items()) if kind != MessageKind.TEXT]
        notes += [f"{len(result.notices)} warning(s)"] if result.notices else []
        total += len(result)
        table.add_row(
            Text(result.file),
            f"{result.layout.name} {result.date_order.value}",
            str(len(result)),
            min(stamps)[:10],
            max(stamps)[:10],
            str(len(authors)),
            Text(", ".join(notes)),
        )
    table.caption = f"{total} messages in {len(results)} file(s)"
    table.caption_justify = "left"
    return table
