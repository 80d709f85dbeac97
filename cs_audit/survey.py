"""The audit's first pass over a folder: what each file tells of the others.

Each file is parsed once, in a worker: who writes in it, its business side's long
texts as 64-bit keys (a text sent alike in many chats is a template, an away message),
its layout and whether its dates decide their order, and whether it is a group. The
parsed export of a chat of up to SPOOLED_MESSAGES messages goes back pickled, to wait
in a temporary file for the second pass (``cs_audit.judging``), which parses only the
longer ones again. What waits on its way back is at most a few batches of short
chats' exports.
"""

from __future__ import annotations

import os
import pickle
from array import array
from dataclasses import dataclass, replace
from pathlib import Path

from cs_audit.config import AuditConfig
from cs_audit.conversations import long_text_keys, unlisted_signers
from cs_audit.errors import CsAuditError, InternalError
from cs_audit.ingest import ParsedExport, Source, parse_export
from cs_audit.ingest.kinds import group_event
from cs_audit.ingest.layouts import Layout
from cs_audit.ingest.parser import in_the_run, order_of_siblings, told_order
from cs_audit.models import DateOrder
from cs_audit.results import FileReport
from cs_audit.roles import Roles, settled_roles

# A chat text as a plain tuple, lighter to keep by the thousand than a Source: its
# name, its file (None: the name) and its zip member.
Item = tuple[str, str | None, str | None]


def item(source: Source) -> Item:
    path = os.fspath(source.path)
    return source.name, None if path == source.name else path, source.member


def parse_item(item: Item, date_order: DateOrder, workers: int) -> ParsedExport:
    name, path, member = item
    source = Source(name, Path(name if path is None else path), member)
    return parse_export(source.read(), file=name, date_order=date_order, workers=workers)


@dataclass(frozen=True, slots=True)
class Survey:
    """What the first pass learns of a file: its authors and its business side's long
    texts, as keys; where the sides wait on the folder, each author's keys."""

    report: FileReport
    authors: tuple[str, ...]
    business: array[int] | None  # None: sides not settled, see keys
    keys: tuple[array[int], ...] = ()  # per author, long_text_keys() of what they wrote
    layout: Layout | None = None  # its headers' layout, and its date order when its
    date_order: DateOrder | None = None  # dates or locale decide it (None: nothing does)
    group: bool = False  # its system lines show group events (see roles.assign_roles)
    parsed: bytes = b""  # the parsed export, pickled, where the second pass may have it


# a business text sent alike in this many chats is a template (an away message)
TEMPLATE_CHATS = 3
# an export of more messages is parsed again by the second pass, not sent back: the
# first pass's results wait in batches on their way to the parent, and a batch of
# long chats would hold them all (a week's chats are 50 messages, give or take)
SPOOLED_MESSAGES = 2000
# by file name, an export parsed in the first pass and the date order it was read with
Kept = dict[str, tuple[DateOrder, ParsedExport]] | None


@dataclass(frozen=True, slots=True)
class Surveying:
    """What every file's survey shares."""

    date_order: DateOrder
    workers: int  # to parse one file with
    config: AuditConfig
    templates: bool  # enough chats for a text to recur in TEMPLATE_CHATS of them
    kept: Kept  # a lone export, kept as parsed (in this process); else None:
    # each parsed export comes back pickled in Survey.parsed


def survey(shared: Surveying, item: Item) -> Survey | CsAuditError:
    """One file's survey (in a worker); a file that cannot be read, or a bug, costs
    that file alone."""
    try:
        return _surveyed(shared, item)
    except CsAuditError as error:
        return error
    except Exception as error:  # a bug costs its file, not the folder
        return InternalError.of(item[0], error)


def _surveyed(shared: Surveying, item: Item) -> Survey:
    config = shared.config
    parsed = parse_item(item, shared.date_order, shared.workers)
    blob = b""
    if shared.kept is not None:
        shared.kept[item[0]] = (shared.date_order, parsed)
    elif len(parsed) <= SPOOLED_MESSAGES:
        blob = pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL)
    written: dict[str, list[str]] = {}
    for author, text in zip(parsed.authors, parsed.texts, strict=True):
        if author:
            written.setdefault(author, []).append(text)
    status = "warning" if parsed.notices else "ok"
    authors = tuple(written)
    group = any(
        kind == "system" and group_event(text)
        for kind, text in zip(parsed.kinds, parsed.texts, strict=True)
    )
    roles = settled_roles(parsed.file, authors, config, group=group)
    unlisted = (
        unlisted_signers((t for a in roles.business for t in written.get(a, ())), config)
        if roles is not None
        else ()
    )
    report = FileReport(parsed.file, status, len(parsed), parsed.notices, unlisted=unlisted)
    if not shared.templates:  # too few chats for a text to recur in enough of them
        written = {author: [] for author in written}
    told = told_order(parsed)
    if roles is None:
        keys = tuple(long_text_keys(texts) for texts in written.values())
        return Survey(report, authors, None, keys, parsed.layout, told, group, blob)
    ours = (text for author in roles.business for text in written.get(author, ()))
    return Survey(report, authors, long_text_keys(ours), (), parsed.layout, told, group, blob)


def orders_from_siblings(
    files: list[FileReport], layouts: list[Layout | None], told: dict[Layout, list[DateOrder]]
) -> dict[str, DateOrder]:
    """The date order of each file whose own dates leave it open, where the run's other
    files of the same layout tell one (one `8/7/25, 10:40 AM` file among six
    month-first siblings is month-first). Its warning names what decided the order,
    or that nothing did (parser.in_the_run)."""
    orders = {}
    for index, layout in enumerate(layouts):
        if layout is None:
            continue
        order = order_of_siblings(told.get(layout, ()))
        report = files[index]
        files[index] = replace(report, notices=in_the_run(report.notices, layout, order))
        if order is not None:
            orders[report.file] = order
    return orders


def business_keys(survey: Survey, roles: Roles) -> array[int]:
    """The sorted distinct keys of the business side's long texts in one file."""
    mine = [k for a, k in zip(survey.authors, survey.keys, strict=True) if a in roles.business]
    if len(mine) == 1:
        return mine[0]
    return array("Q", sorted(set().union(*mine)))
