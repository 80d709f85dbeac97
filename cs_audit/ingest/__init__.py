"""Files and zips -> message records."""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Iterator

from cs_audit.errors import CsAuditError, IngestError, InternalError
from cs_audit.ingest.parser import ParsedExport, Row, parse_export
from cs_audit.ingest.sources import Source, find_sources
from cs_audit.models import DateOrder, Message

__all__ = [
    "ExportWarning",
    "ParsedExport",
    "Row",
    "Source",
    "find_sources",
    "parse_export",
    "read_export",
    "read_exports",
    "read_source",
]


class ExportWarning(UserWarning):
    """A file was read, with something its user should know (see ``ParsedExport.notices``)."""


def read_exports(
    paths: Iterable[str | os.PathLike[str]],
    *,
    date_order: DateOrder = DateOrder.AUTO,
    workers: int = 1,
) -> Iterator[ParsedExport | CsAuditError]:
    """Parse every export under ``paths``, one result per chat text, bad ones included
    (``IngestError``; ``InternalError`` where a bug in cs-audit cost that one file).

    ``workers`` > 1 parses large exports on that many cores, with the same result.
    """
    for source in find_sources(paths):
        yield (
            source if isinstance(source, CsAuditError) else read_source(source, date_order, workers)
        )


def read_source(
    source: Source, date_order: DateOrder = DateOrder.AUTO, workers: int = 1
) -> ParsedExport | CsAuditError:
    """One chat text parsed (``IngestError`` if it cannot be; ``InternalError`` where a
    bug in cs-audit cost it)."""
    try:
        return parse_export(source.read(), file=source.name, date_order=date_order, workers=workers)
    except IngestError as error:
        return error
    except Exception as error:  # a bug costs its file, not the others
        return InternalError.of(source.name, error)


def read_export(
    path: str | os.PathLike[str], *, date_order: DateOrder = DateOrder.AUTO
) -> tuple[Message, ...]:
    """The messages of the export at ``path`` (a ``.txt``, a ``.zip`` or a folder of them).

    Raises ``IngestError`` for the first file that is not an export; what was noticed
    about files that were read is issued as ``ExportWarning``.
    """
    messages: list[Message] = []
    for result in read_exports([path], date_order=date_order):
        if isinstance(result, CsAuditError):
            raise result
        for notice in result.notices:
            warnings.warn(str(notice), ExportWarning, stacklevel=2)
        messages.extend(result.messages())
    return tuple(messages)
