"""A per-file overview of parsed exports for the terminal."""

from __future__ import annotations

import os.path
from collections.abc import Sequence

from rich import box
from rich.table import Table
from rich.text import Text

from cs_audit.errors import CsAuditError
from cs_audit.ingest import ParsedExport
from cs_audit.models import MessageKind


def _period(parsed: ParsedExport) -> str:
    first, last = min(parsed.days), max(parsed.days)
    if first == last:
        return first
    if first[:7] == last[:7]:
        return f"{first}…{last[8:]}"
    return f"{first}…{last[5:] if first[:4] == last[:4] else last}"


def summary_table(results: Sequence[ParsedExport | CsAuditError]) -> Table:
    """One row per chat text: layout, date order, messages, period, authors, media.

    Names are shown relative to the folder the files share. They go in as ``Text`` so
    that ``[brackets]`` in them are never read as markup.
    """
    names = [r.where if isinstance(r, CsAuditError) else r.file for r in results]
    common = os.path.commonpath(names) if len(names) > 1 else os.path.dirname(names[0])
    cut = len(common) + 1 if common else 0

    table = Table(
        title="Parsed exports",
        title_justify="left",
        caption_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("file", overflow="fold", min_width=16, ratio=1)
    table.add_column("layout", no_wrap=True)
    table.add_column("msgs", justify="right", no_wrap=True)
    table.add_column("period", no_wrap=True)
    table.add_column("authors", justify="right", no_wrap=True)
    table.add_column("media", justify="right", no_wrap=True)
    total = 0
    for name, result in zip(names, results, strict=True):
        if isinstance(result, CsAuditError):
            table.add_row(Text(name[cut:]), Text("not read", style="red"), "-", "-", "-", "-")
            continue
        total += len(result)
        media = sum(result.kinds.count(k) for k in (MessageKind.MEDIA, MessageKind.ATTACHMENT))
        table.add_row(
            Text(name[cut:]),
            f"{result.layout.name} {result.date_order.value}",
            str(len(result)),
            _period(result),
            str(len(set(result.authors) - {None})),
            str(media),
        )
    table.caption = f"{total} messages in {len(results)} file(s)" + (
        f" under {common}/" if common else ""
    )
    return table
