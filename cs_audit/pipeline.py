"""audit(paths, config) -> AuditResult: the whole pipeline, usable from Python.

files -> messages -> roles -> conversations -> timings -> verdicts -> scorecards

Two passes over the files: the first (``cs_audit.survey``) parses each and learns what
it tells of the others; the second (``cs_audit.judging``) builds and judges each file's
conversations; the judged wait in a temporary file (``cs_audit.spool``).
"""

from __future__ import annotations

import os
import re
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from cs_audit.config import AuditConfig
from cs_audit.conversations import repeated_business_texts
from cs_audit.errors import ConfigError, CsAuditError, ExitCode, InternalError
from cs_audit.ingest import find_sources
from cs_audit.ingest.layouts import Layout
from cs_audit.judging import Judge, judge_file
from cs_audit.models import DateOrder
from cs_audit.parallel import fork_map, forks
from cs_audit.prices import CatalogItem
from cs_audit.results import ConversationResult, FileReport
from cs_audit.roles import AccountHints, AuthorCount, assign_roles
from cs_audit.scorecards import AgentScorecard, ScorecardBuilder, scorecards
from cs_audit.spool import ExportSpool, Results, Spool
from cs_audit.survey import (
    TEMPLATE_CHATS,
    Kept,
    Survey,
    Surveying,
    business_keys,
    item,
    orders_from_siblings,
    survey,
)

__all__ = [
    "AuditResult",
    "ConversationResult",
    "FileReport",
    "Results",
    "audit",
    "iso_week",
    "start_dates",
    "within_period",
]


@dataclass(frozen=True, slots=True)
class AuditResult:
    files: tuple[FileReport, ...]
    conversations: Sequence[ConversationResult]
    agents: tuple[AgentScorecard, ...]

    @property
    def failed(self) -> bool:
        """Whether any input could not be audited."""
        return any(f.status == "error" for f in self.files)

    @property
    def exit_code(self) -> ExitCode:
        """The status a run ends with: 70 if a bug cost an input (so CI notices), 3 if
        an input could not be read or audited, else 0."""
        codes = [f.error.exit_code for f in self.files if f.error is not None]
        return max(codes, default=ExitCode.OK)


def audit(
    paths: Iterable[str | os.PathLike[str]],
    config: AuditConfig | None = None,
    *,
    catalog: tuple[CatalogItem, ...] = (),
    date_order: DateOrder = DateOrder.AUTO,
    workers: int = 1,
    on_file: Callable[[str], None] | None = None,
    render: Sequence[Callable[[ConversationResult], str]] = (),
    keep: bool = True,
) -> AuditResult:
    """Audit every export under ``paths``; ``on_file`` hears of each file as it is read.

    ``render`` holds functions that turn a result into text (without U+001E); the
    workers render each conversation with each as they judge it, and
    ``Results.lines(function)`` gives its texts. With ``keep`` false, that is all
    that is kept of each conversation (beside its start, and the scorecards): reading
    a conversation itself raises ``LookupError``; a run that prints only what
    ``render`` made is spared pickling every conversation.

    Two passes over the files, each in ``workers`` processes: the first parses each
    file and learns who writes where and which long texts recur (as 64-bit keys, not
    texts); the second judges each file from its parsed export, which waited in a
    temporary file (a long chat's is parsed again). No worker holds more than one
    file's messages, and the judged conversations wait in a temporary file too.
    """
    config = config or AuditConfig()
    found = [s if isinstance(s, CsAuditError) else item(s) for s in find_sources(paths)]
    sources = [s for s in found if not isinstance(s, CsAuditError)]
    inner = 1 if forks(workers, sources) else workers  # a lone big export: split it
    # a lone export is kept as parsed, in this process (a year-long chat is not worth
    # pickling); a folder's exports wait pickled in a temporary file
    kept: Kept = {} if len(sources) == 1 else None
    parsed = ExportSpool() if kept is None else None
    surveying = Surveying(date_order, inner, config, len(sources) >= TEMPLATE_CHATS, kept)
    surveyed = iter(fork_map(survey, sources, shared=surveying, workers=workers))
    files: list[FileReport] = []
    count = AuthorCount()
    hints = AccountHints(config.country_code)
    business: list[array[int]] = []  # per chat, its business side's long texts' keys
    unsettled: dict[int, Survey] = {}  # by index in files: sides still to decide
    groups: set[str] = set()  # files whose system lines show group events
    layouts: list[Layout | None] = []  # per file: its layout where its dates are open
    told: dict[Layout, list[DateOrder]] = {}  # per layout, the orders files' dates tell
    found_item: Survey | CsAuditError
    for source in found:
        if isinstance(source, CsAuditError):  # a path missing, a zip unreadable
            found_item, name = source, re.sub(r":\d+$", "", source.where)  # "a.zip:12"
        else:  # read by a worker; its report is named by the source (kept once)
            found_item, name = next(surveyed), source[0]
        if on_file is not None:
            on_file(name)
        if isinstance(found_item, CsAuditError):
            files.append(FileReport(name, "error", 0, error=found_item))
            layouts.append(None)
            if parsed is not None:
                parsed.add(None)
            continue
        if parsed is not None:
            parsed.add(found_item.parsed or None)  # none: a long chat, parsed again
        if found_item.layout is not None and found_item.date_order is not None:
            told.setdefault(found_item.layout, []).append(found_item.date_order)
        layouts.append(found_item.layout if found_item.date_order is None else None)
        count.add(found_item.authors)
        hints.add(name, found_item.authors)
        if found_item.group:
            groups.add(found_item.report.file)
        if found_item.business is not None:
            business.append(found_item.business)
        else:
            unsettled[len(files)] = replace(found_item, parsed=b"")
        files.append(replace(found_item.report, file=name))
    del found_item
    next(surveyed, None)  # let the workers' pool close before the next one starts
    frequent = count.frequent()
    del count
    accounts, named_customers = hints.settle()
    del hints
    for index, unsettled_survey in unsettled.items():
        try:
            roles = assign_roles(
                unsettled_survey.report.file,
                unsettled_survey.authors,
                config,
                frequent=frequent,
                account=AccountHints.of(accounts, unsettled_survey.report.file),
                named_elsewhere=named_customers,
                group=unsettled_survey.group,
            )
            business.append(business_keys(unsettled_survey, roles))
        except Exception as caught:  # a bug costs its file, not the folder
            error = (
                caught
                if isinstance(caught, CsAuditError)
                else InternalError.of(files[index].file, caught)
            )
            report = files[index]
            files[index] = FileReport(report.file, "error", report.messages, report.notices, error)
    unsettled.clear()
    orders = orders_from_siblings(files, layouts, told) if date_order is DateOrder.AUTO else {}
    repeated = repeated_business_texts(business, minimum_chats=TEMPLATE_CHATS)
    business.clear()
    # by position in files: a file's name may be given twice, or look like "name:12"
    judged = array(
        "q",
        (
            i
            for i, (s, report) in enumerate(zip(found, files, strict=True))
            if not isinstance(s, CsAuditError) and report.status != "error"
        ),
    )
    if parsed is not None:
        parsed.flush()  # the workers about to fork read what it holds
    judge = Judge(
        config,
        catalog,
        frequent,
        repeated,
        date_order=date_order,
        workers=inner,
        render=render,
        accounts=accounts,
        customers=named_customers,
        orders=orders,
        kept=kept if kept is not None else {},
        groups=frozenset(groups),
        parsed=parsed,
        items=found,
        keep=keep,
    )
    spool = Spool(render)
    builder = ScorecardBuilder()
    outcomes = fork_map(judge_file, judged, shared=judge, workers=workers)
    for index, outcome in zip(judged, outcomes, strict=True):
        if isinstance(outcome, CsAuditError):  # a bug, or the file changed between passes
            report = files[index]
            files[index] = FileReport(
                report.file, "error", report.messages, report.notices, outcome
            )
            continue
        blob, starts, tallies, lines = outcome
        spool.add(blob, starts, lines)
        for figures in tallies:
            builder.add(figures)
    return AuditResult(tuple(files), Results(spool), builder.build())


def start_dates(conversations: Sequence[ConversationResult]) -> tuple[date, date] | None:
    """The days the first and the last conversation start on (None: there is none); for
    spooled results read from their start times, not from the results themselves."""
    if isinstance(conversations, Results):
        starts = conversations.start_seconds()
        if not starts:
            return None
        return date.fromordinal(min(starts) // 86_400), date.fromordinal(max(starts) // 86_400)
    days = [r.conversation.start.date() for r in conversations]
    return (min(days), max(days)) if days else None


def within_period(result: AuditResult, start: datetime, end: datetime) -> AuditResult:
    """The audit of the conversations that start in [start, end), with their scorecards."""
    if isinstance(result.conversations, Results):
        kept: Sequence[ConversationResult] = result.conversations.starting(start, end)
    else:
        kept = tuple(r for r in result.conversations if start <= r.conversation.start < end)
    return AuditResult(result.files, kept, scorecards(kept))


def iso_week(text: str) -> tuple[datetime, datetime]:
    """Monday 00:00 to the next Monday of an ISO week such as 2026-W47."""
    found = re.fullmatch(r"(\d{4})-?W(\d{1,2})", text.strip(), re.IGNORECASE)
    try:
        if found is None:
            raise ValueError(text)
        monday = date.fromisocalendar(int(found[1]), int(found[2]), 1)
    except ValueError:
        raise ConfigError(f"--week {text}", "is not an ISO week", "write it as 2026-W47") from None
    start = datetime.combine(monday, time.min)
    end = start + timedelta(days=7) if monday < date.max - timedelta(days=7) else datetime.max
    return start, end
