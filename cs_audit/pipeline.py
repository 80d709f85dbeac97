"""audit(paths, config) -> AuditResult: the whole pipeline, usable from Python.

files -> messages -> roles -> conversations -> timings -> verdicts -> scorecards
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import re
import tempfile
import weakref
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import IO, overload

from cs_audit.config import AuditConfig
from cs_audit.conversations import (
    build_conversations,
    long_text_keys,
    repeated_business_texts,
    unlisted_signers,
)
from cs_audit.criteria import Context, conversation_language, judge_all, raise_flags, score
from cs_audit.errors import ConfigError, CsAuditError, ExitCode, InternalError
from cs_audit.files import temporary_space
from cs_audit.ingest import ParsedExport, Source, find_sources, parse_export
from cs_audit.ingest.kinds import group_event
from cs_audit.ingest.layouts import Layout
from cs_audit.ingest.parser import AMBIGUOUS_DATES
from cs_audit.metrics import ConversationMetrics, conversation_metrics
from cs_audit.models import (
    Conversation,
    ConversationOutline,
    CriterionResult,
    DateOrder,
    Flag,
    Message,
    Notice,
    compact_pickle,
)
from cs_audit.parallel import fork_map, forks
from cs_audit.prices import CatalogItem
from cs_audit.roles import AccountHints, AuthorCount, Roles, assign_roles, settled_roles
from cs_audit.scorecards import AgentScorecard, ScorecardBuilder, Tally, scorecards, tally


@compact_pickle
@dataclass(frozen=True, slots=True)
class FileReport:
    """What became of one input."""

    file: str
    status: str  # "ok", "warning" (read, with notices) or "error" (not audited)
    messages: int
    notices: tuple[Notice, ...] = ()
    error: CsAuditError | None = None
    unlisted: tuple[str, ...] = ()  # names its replies sign with that the roster leaves out


@compact_pickle
@dataclass(frozen=True, slots=True)
class ConversationResult:
    """One conversation, judged."""

    conversation: ConversationOutline
    metrics: ConversationMetrics
    criteria: Mapping[str, CriterionResult]
    flags: tuple[Flag, ...]
    score: float | None
    language: str | None  # the customer's: "id", "en", or None when too little was said


def _second(moment: datetime) -> int:
    """A moment as whole seconds since year 1: comparable without datetime objects."""
    return moment.toordinal() * 86_400 + moment.hour * 3600 + moment.minute * 60 + moment.second


_RS = "\x1e"  # between the texts of a file's conversations


class _Spool:
    """Judged conversations, pickled per file into an anonymous temporary file (gone
    when closed, never named on disk): a month of chats is not held in memory. Beside
    each file's results, their texts as each function of ``render`` made them."""

    def __init__(self, render: Sequence[Callable[[ConversationResult], str]] = ()) -> None:
        self.render = tuple(render)
        with temporary_space():
            self._file = tempfile.TemporaryFile()  # noqa: SIM115  (closed by the finalizer)
        weakref.finalize(self, _close, self._file)
        self._ends = array("q", [0])  # segment k is bytes [_ends[k], _ends[k + 1])
        self.blob = array("q")  # per conversation: which file's results hold it
        self.position = array("q")  # and where in them
        self.start = array("q")  # its start, as _second()
        self._loaded: tuple[int, list[ConversationResult]] = (-1, [])
        self._lines: tuple[int, int, list[str]] = (-1, -1, [])

    def add(self, blob: bytes, starts: Sequence[int], lines: Sequence[bytes] = ()) -> None:
        """One file's pickled results, their starts, and each rendering of them (its
        conversations' texts joined by RS, U+001E)."""
        assert len(lines) == len(self.render), "a text per rendering function"
        b = (len(self._ends) - 1) // (1 + len(self.render))
        with temporary_space():
            self._file.seek(self._ends[-1])
            for segment in (blob, *lines):
                self._file.write(segment)
                self._ends.append(self._ends[-1] + len(segment))
        for i, moment in enumerate(starts):
            self.blob.append(b)
            self.position.append(i)
            self.start.append(moment)

    def _segment(self, k: int) -> bytes:
        with temporary_space():
            self._file.seek(self._ends[k])
            return self._file.read(self._ends[k + 1] - self._ends[k])

    def get(self, index: int) -> ConversationResult:
        b = self.blob[index]
        if self._loaded[0] != b:
            data = self._segment(b * (1 + len(self.render)))
            self._loaded = (b, pickle.loads(data))  # written by this process
        return self._loaded[1][self.position[index]]

    def line(self, index: int, rendering: int) -> str:
        b = self.blob[index]
        if self._lines[:2] != (b, rendering):
            data = self._segment(b * (1 + len(self.render)) + 1 + rendering)
            self._lines = (b, rendering, data.decode().split(_RS))
        return self._lines[2][self.position[index]]


def _close(file: IO[bytes]) -> None:
    with contextlib.suppress(OSError):  # a full disk fails the flush: nothing to keep
        file.close()


class Results(Sequence[ConversationResult]):
    """The judged conversations, in file and conversation order, read back from a
    spool as they are iterated."""

    def __init__(self, spool: _Spool, picks: array[int] | None = None) -> None:
        self._spool = spool
        self._picks = picks  # None: all of them

    def __len__(self) -> int:
        return len(self._spool.blob) if self._picks is None else len(self._picks)

    @overload
    def __getitem__(self, index: int) -> ConversationResult: ...
    @overload
    def __getitem__(self, index: slice) -> list[ConversationResult]: ...
    def __getitem__(self, index: int | slice) -> ConversationResult | list[ConversationResult]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        where = range(len(self))[index]  # IndexError past the end, negatives counted back
        return self._spool.get(where if self._picks is None else self._picks[where])

    def __iter__(self) -> Iterator[ConversationResult]:
        get = self._spool.get
        return (get(i) for i in self._indices())

    def _indices(self) -> Sequence[int]:
        return range(len(self._spool.blob)) if self._picks is None else self._picks

    def lines(self, render: Callable[[ConversationResult], str]) -> Iterator[str] | None:
        """Each conversation's text as ``render``, one of ``audit(render=...)``, made
        it in a worker; None if the audit was not given it."""
        if render not in self._spool.render:
            return None
        rendering, line = self._spool.render.index(render), self._spool.line
        return (line(i, rendering) for i in self._indices())

    def start_seconds(self) -> list[int]:
        """Each one's start, as whole seconds since year 1."""
        starts = self._spool.start
        return [starts[i] for i in self._indices()]

    def starting(self, start: datetime, end: datetime) -> Results:
        """Those that start in [start, end)."""
        # whole seconds: a bound with a fraction (datetime.max) keeps its second in
        low = _second(start) + bool(start.microsecond)
        high = _second(end) + bool(end.microsecond)
        starts = self._spool.start
        picks = array("q", (i for i in self._indices() if low <= starts[i] < high))
        return Results(self._spool, picks)


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
) -> AuditResult:
    """Audit every export under ``paths``; ``on_file`` hears of each file as it is read.

    ``render`` holds functions that turn a result into text (without U+001E); the
    workers render each conversation with each as they judge it, and
    ``Results.lines(function)`` gives its texts.

    Two passes over the files, each in ``workers`` processes: the first learns who
    writes where and which long texts recur (as 64-bit keys, not texts); the second
    parses each file again and judges it. No pass holds more than one file's messages,
    and the judged conversations wait in a temporary file.
    """
    config = config or AuditConfig()
    found = [s if isinstance(s, CsAuditError) else _item(s) for s in find_sources(paths)]
    sources = [s for s in found if not isinstance(s, CsAuditError)]
    inner = 1 if forks(workers, sources) else workers  # a lone big export: split it
    # a lone export is parsed once: the first pass keeps it for the second (many files
    # are parsed twice, so that no pass holds more than one file's messages)
    kept: _Kept = {} if len(sources) == 1 else None
    surveying = (date_order, inner, config, len(sources) >= _TEMPLATE_CHATS, kept)
    surveyed = iter(fork_map(_survey, sources, shared=surveying, workers=workers))
    files: list[FileReport] = []
    count = AuthorCount()
    hints = AccountHints(config.country_code)
    business: list[array[int]] = []  # per chat, its business side's long texts' keys
    unsettled: dict[int, _Survey] = {}  # by index in files: sides still to decide
    groups: set[str] = set()  # files whose system lines show group events
    layouts: list[Layout | None] = []  # per file: its layout where its dates are open
    told: dict[Layout, list[DateOrder]] = {}  # per layout, the orders files' dates tell
    item: _Survey | CsAuditError
    for source in found:
        if isinstance(source, CsAuditError):  # a path missing, a zip unreadable
            item, name = source, re.sub(r":\d+$", "", source.where)  # "a.zip:12" -> "a.zip"
        else:  # read by a worker; its report is named by the source (kept once)
            item, name = next(surveyed), source[0]
        if on_file is not None:
            on_file(name)
        if isinstance(item, CsAuditError):
            files.append(FileReport(name, "error", 0, error=item))
            layouts.append(None)
            continue
        if item.layout is not None and item.date_order is not None:
            told.setdefault(item.layout, []).append(item.date_order)
        layouts.append(item.layout if item.date_order is None else None)
        count.add(item.authors)
        hints.add(name, item.authors)
        if item.group:
            groups.add(item.report.file)
        if item.business is not None:
            business.append(item.business)
        else:
            unsettled[len(files)] = item
        files.append(replace(item.report, file=name))
    next(surveyed, None)  # let the workers' pool close before the next one starts
    frequent = count.frequent()
    del count
    accounts, named_customers = hints.settle()
    del hints
    for index, survey in unsettled.items():
        try:
            roles = assign_roles(
                survey.report.file,
                survey.authors,
                config,
                frequent=frequent,
                account=AccountHints.of(accounts, survey.report.file),
                named_elsewhere=named_customers,
                group=survey.group,
            )
            business.append(_business_keys(survey, roles))
        except Exception as caught:  # a bug costs its file, not the folder
            error = (
                caught
                if isinstance(caught, CsAuditError)
                else InternalError.of(files[index].file, caught)
            )
            report = files[index]
            files[index] = FileReport(report.file, "error", report.messages, report.notices, error)
    unsettled.clear()
    orders = _orders_from_siblings(files, layouts, told) if date_order is DateOrder.AUTO else {}
    repeated = repeated_business_texts(business, minimum_chats=_TEMPLATE_CHATS)
    business.clear()
    # by position in files: a file's name may be given twice, or look like "name:12"
    judged = [
        (i, s)
        for i, (s, report) in enumerate(zip(found, files, strict=True))
        if not isinstance(s, CsAuditError) and report.status != "error"
    ]
    items = [s for _, s in judged]
    judge = _Judge(
        config,
        catalog,
        frequent,
        repeated,
        date_order,
        inner,
        render,
        accounts,
        named_customers,
        orders,
        kept if kept is not None else {},
        frozenset(groups),
    )
    spool = _Spool(render)
    builder = ScorecardBuilder()
    outcomes = fork_map(_judge_file, items, shared=judge, workers=workers)
    for (index, _), outcome in zip(judged, outcomes, strict=True):
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


# A chat text as a plain tuple, lighter to keep by the thousand than a Source: its
# name, its file (None: the name) and its zip member.
_Item = tuple[str, str | None, str | None]


def _item(source: Source) -> _Item:
    path = os.fspath(source.path)
    return source.name, None if path == source.name else path, source.member


def _parse(item: _Item, date_order: DateOrder, workers: int) -> ParsedExport:
    name, path, member = item
    source = Source(name, Path(name if path is None else path), member)
    return parse_export(source.read(), file=name, date_order=date_order, workers=workers)


@dataclass(frozen=True, slots=True)
class _Survey:
    """What the first pass learns of a file: its authors and its business side's long
    texts, as keys; where the sides wait on the folder, each author's keys."""

    report: FileReport
    authors: tuple[str, ...]
    business: array[int] | None  # None: sides not settled, see keys
    keys: tuple[array[int], ...] = ()  # per author, long_text_keys() of what they wrote
    layout: Layout | None = None  # its headers' layout, and its date order when its
    date_order: DateOrder | None = None  # dates or locale decide it (None: nothing does)
    group: bool = False  # its system lines show group events (see roles.assign_roles)


# a business text sent alike in this many chats is a template (an away message)
_TEMPLATE_CHATS = 3
# by file name, an export parsed in the first pass and the date order it was read with
_Kept = dict[str, tuple[DateOrder, ParsedExport]] | None
# the bool: templates can be found
_Surveying = tuple[DateOrder, int, AuditConfig, bool, _Kept]


def _survey(shared: _Surveying, item: _Item) -> _Survey | CsAuditError:
    try:
        return _surveyed(shared, item)
    except CsAuditError as error:
        return error
    except Exception as error:  # a bug costs its file, not the folder
        return InternalError.of(item[0], error)


def _surveyed(shared: _Surveying, item: _Item) -> _Survey:
    date_order, workers, config, templates, kept = shared
    parsed = _parse(item, date_order, workers)
    if kept is not None:
        kept[item[0]] = (date_order, parsed)
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
    if not templates:  # too few chats for a text to recur in enough of them
        written = {author: [] for author in written}
    told = None if any(n.message == AMBIGUOUS_DATES for n in parsed.notices) else parsed.date_order
    if roles is None:
        keys = tuple(long_text_keys(texts) for texts in written.values())
        return _Survey(report, authors, None, keys, parsed.layout, told, group)
    ours = (text for author in roles.business for text in written.get(author, ()))
    return _Survey(report, authors, long_text_keys(ours), (), parsed.layout, told, group)


def _orders_from_siblings(
    files: list[FileReport], layouts: list[Layout | None], told: dict[Layout, list[DateOrder]]
) -> dict[str, DateOrder]:
    """The date order of each file whose own dates leave it open, where the folder's
    other files of the same layout tell one (one `8/7/25, 10:40 AM` file among six
    month-first siblings is month-first). Their warning is dropped: only files that
    nothing decides are warned about."""
    orders = {}
    for index, layout in enumerate(layouts):
        votes = told.get(layout) if layout is not None else None
        if not votes:
            continue
        order = max(sorted(set(votes), key=lambda o: o.value), key=votes.count)
        report = files[index]
        notices = tuple(n for n in report.notices if n.message != AMBIGUOUS_DATES)
        status = report.status if report.status == "error" else "warning" if notices else "ok"
        files[index] = replace(report, status=status, notices=notices)
        orders[report.file] = order
    return orders


def _business_keys(survey: _Survey, roles: Roles) -> array[int]:
    """The sorted distinct keys of the business side's long texts in one file."""
    mine = [k for a, k in zip(survey.authors, survey.keys, strict=True) if a in roles.business]
    if len(mine) == 1:
        return mine[0]
    return array("Q", sorted(set().union(*mine)))


@dataclass(frozen=True, slots=True)
class _Judge:
    """What judging a conversation needs beyond the conversation itself."""

    config: AuditConfig
    catalog: tuple[CatalogItem, ...]
    frequent: frozenset[str]  # authors frequent across the folder: the business side
    repeated: frozenset[int]  # keys of business texts sent alike across chats: automated
    date_order: DateOrder = DateOrder.AUTO
    workers: int = 1  # to parse one file with
    render: Sequence[Callable[[ConversationResult], str]] = ()  # texts per result
    accounts: Mapping[str, str] = field(default_factory=dict)  # per folder, its account
    customers: frozenset[str] = frozenset()  # identities file names name as customers
    orders: Mapping[str, DateOrder] = field(default_factory=dict)  # files siblings decide
    kept: dict[str, tuple[DateOrder, ParsedExport]] = field(default_factory=dict)  # _Kept
    groups: frozenset[str] = frozenset()  # files whose system lines show group events

    def conversations(self, file: str, messages: Sequence[Message]) -> tuple[Conversation, ...]:
        authors = {m.author for m in messages if m.author}
        roles = assign_roles(
            file,
            authors,
            self.config,
            frequent=self.frequent,
            account=AccountHints.of(self.accounts, file),
            named_elsewhere=self.customers,
            group=file in self.groups,
        )
        return build_conversations(file, messages, roles, self.config, repeated=self.repeated)

    def __call__(self, conversation: Conversation) -> ConversationResult:
        metrics = conversation_metrics(conversation, self.config)
        ctx = Context(conversation, metrics, self.config, self.catalog)
        criteria = judge_all(ctx)
        languages = conversation_language(ctx)
        return ConversationResult(
            conversation.outline(),
            metrics,
            criteria,
            raise_flags(ctx, languages),
            score(criteria, self.config.rubric),
            languages[0] or languages[1],
        )


def _judge_file(
    judge: _Judge, item: _Item
) -> tuple[bytes, list[int], list[Tally], list[bytes]] | CsAuditError:
    """One export parsed and judged (in a worker): its results pickled for the spool,
    their starts, their figures for the scorecards, and their rendered lines."""
    try:
        return _judged(judge, item)
    except CsAuditError as error:
        return error
    except Exception as error:  # a bug costs its file, not the folder
        return InternalError.of(item[0], error)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Judging a chat makes millions of small objects and no cycles: the cyclic
    collector, run again and again over all of them, cost a year-long chat a fifth of
    its audit. It is paused for one file and resumed as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _judged(judge: _Judge, item: _Item) -> tuple[bytes, list[int], list[Tally], list[bytes]]:
    with _no_cycle_collection():
        order = judge.orders.get(item[0], judge.date_order)
        held = judge.kept.pop(item[0], None)  # read once: its columns go with `del`
        parsed = held[1] if held is not None and held[0] is order else None
        del held
        if parsed is None:
            parsed = _parse(item, order, judge.workers)
        file, messages = parsed.file, parsed.messages()
        del parsed  # its columns: a year-long chat's second copy
        conversations = judge.conversations(file, messages)
        del messages
        results = [judge(c) for c in conversations]
        del conversations
    blob = pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)
    lines = [_RS.join(map(render, results)).encode() for render in judge.render]
    starts = [_second(r.conversation.start) for r in results]
    return blob, starts, [tally(r) for r in results], lines


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
