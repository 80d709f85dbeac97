"""One export's bytes -> message columns, every line accounted for.

Speed: a million messages cannot afford a Python statement each, nor a million
needless objects (fresh memory is the dearest thing a parse touches). So the file is
parsed in blocks (blocks.py), on several cores for large files, merged in order; the
date order, decided by the votes of all headers, is applied at the end, and authors
are resolved once per distinct name. ``ParsedExport`` keeps columns; ``messages()``
makes frozen ``Message`` records.
"""

from __future__ import annotations

import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import compress, repeat
from operator import eq, is_

from cs_audit.errors import IngestError
from cs_audit.ingest.blocks import BadBytes, Columns, Job, spans, split_block
from cs_audit.ingest.dates import (
    BUDDHIST,
    calendar_of,
    date_parts,
    decide_date_order,
    iso_date,
    iso_time,
)
from cs_audit.ingest.kinds import MEMBER_EVENT, classify, is_system_event, strip_bidi
from cs_audit.ingest.layouts import Layout, LayoutSurvey, survey_layouts
from cs_audit.ingest.transcribe import FOREIGN, Rewritten, restore_text, western_headers
from cs_audit.models import DateOrder, Message, MessageKind, Notice, SkippedLines
from cs_audit.parallel import fork_map

# (line, timestamp "YYYY-MM-DDTHH:MM:SS", author or None, text, kind value)
Row = tuple[int, str, str | None, str, str]

BLOCK_BYTES = 1 << 20
_SUFFIX_MARKERS = (b"(file ", b"document omitted", b"dokumen tidak disertakan")
_FOREIGN_WINDOW = 1 << 16  # where to look for headers in Arabic digits or with an era
_PARALLEL_BYTES = 8 << 20  # below this, starting workers costs more than it saves
_KINDS = {kind.value: kind for kind in MessageKind}
_TEXT = MessageKind.TEXT.value
_SYSTEM = MessageKind.SYSTEM.value
_NOT_EXPORT_HINT = "check that it is a chat exported with WhatsApp's Export chat"
_NOT_UTF8_HINT = "re-export the chat from WhatsApp, or convert the file to UTF-8"


@dataclass(frozen=True, slots=True)
class ParsedExport:
    """The messages of one export file, as columns, and what was noticed reading it."""

    file: str
    layout: Layout
    date_order: DateOrder
    lines: Sequence[int]  # 1-based line of each message's header
    days: list[str]  # YYYY-MM-DD, export-local
    clock: list[str]  # HH:MM:SS
    authors: list[str | None]
    texts: list[str]
    kinds: list[str]  # MessageKind values
    notices: tuple[Notice, ...]
    skipped: tuple[SkippedLines, ...]
    line_count: int

    def __len__(self) -> int:
        return len(self.texts)

    @property
    def timestamps(self) -> list[str]:
        """``YYYY-MM-DDTHH:MM:SS`` of each message."""
        return [f"{day}T{time}" for day, time in zip(self.days, self.clock, strict=True)]

    def rows(self) -> Iterator[Row]:
        """One tuple per message: line, timestamp, author, text, kind."""
        return zip(self.lines, self.timestamps, self.authors, self.texts, self.kinds, strict=True)

    def messages(self) -> tuple[Message, ...]:
        """The messages as immutable ``Message`` records. Messages sent in the same
        minute (or second) share one datetime, read once."""
        file, fromiso, kinds = self.file, datetime.fromisoformat, _KINDS
        messages: list[Message] = []
        append = messages.append
        last, moment = ("", ""), datetime.min
        columns = (self.lines, self.days, self.clock, self.authors, self.texts, self.kinds)
        for line, day, clock, author, text, kind in zip(*columns, strict=True):
            if (day, clock) != last:
                moment, last = fromiso(f"{day}T{clock}"), (day, clock)
            append(Message(file, line, moment, author, text, kinds[kind]))
        return tuple(messages)


def _clean(data: bytes, file: str) -> bytes:
    """UTF-8 bytes with ``\\n`` line ends and no BOM, or an error for non-text."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:  # not written by WhatsApp, but by editors that "save as Unicode"
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeError:
            raise IngestError(file, "is damaged UTF-16 text", _NOT_UTF8_HINT) from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:8192]:
        raise IngestError(
            file,
            "is a binary file, not a chat export",
            "pass the .txt or .zip that WhatsApp's Export chat wrote",
        )
    if not data or data.isspace():
        raise IngestError(file, "is empty", "export the chat again from WhatsApp")
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    if data.endswith(b"\n"):
        data = data[:-1]  # the last line's end, not an empty line
    return data


def _rewritten(data: bytes, survey: LayoutSurvey) -> tuple[Rewritten, LayoutSurvey] | None:
    """The export with headers in Arabic digits, or with an era for a year, rewritten
    (transcribe.py), where that finds at least twice the headers found as written (in
    the file's first window first, unless none were found at all); None where not."""
    if survey.dominant is not None:
        if not _foreign_headers(data):
            return None
        window = data[: data.rfind(b"\n", 0, _FOREIGN_WINDOW) + 1 or _FOREIGN_WINDOW]
        trial = western_headers(window)
        if trial is None or survey_layouts(trial.data).total < 2 * survey_layouts(window).total:
            return None  # a few such lines in a file of Western headers are its text
    rewritten = western_headers(data)
    if rewritten is None:
        return None
    found = survey_layouts(rewritten.data)
    return (rewritten, found) if found.total >= max(1, 2 * survey.total) else None


def _foreign_headers(data: bytes) -> bool:
    """Whether the first line starts with an era's year, or a line near the file's
    start begins with Arabic-Indic, Bengali or Devanagari digits (a first look for
    their lead bytes, so that other files pay almost nothing)."""
    if FOREIGN.match(data, 0, 40):
        return True
    window = _FOREIGN_WINDOW
    if all(data.find(lead, 0, window) < 0 for lead in (b"\xd8", b"\xd9", b"\xdb", b"\xe0")):
        return False
    return FOREIGN.search(data, 0, window) is not None


class _AuthorNames(dict[bytes | None, str | None]):
    """Raw author bytes -> display name; None for no author or a group event."""

    def __missing__(self, raw: bytes | None) -> str | None:
        name: str | None = None
        if raw is not None:
            decoded = raw.decode("utf-8")  # UnicodeDecodeError: located by the caller
            if not is_system_event(decoded):
                # A header's NBSP/NNBSP is a space (FORMATS.md): "~\u202fRina" is "~ Rina".
                spaced = strip_bidi(decoded).replace("\u202f", " ").replace("\u00a0", " ")
                # a name of bidi marks only is its own author, not "" (issue 14)
                name = unicodedata.normalize("NFC", spaced if spaced else decoded)
        self[raw] = name
        return name


def _not_utf8(file: str, line: int, piece: bytes, error: UnicodeDecodeError) -> IngestError:
    line += piece.count(b"\n", 0, error.start)
    return IngestError(
        f"{file}:{line}",
        f"holds a byte that is not UTF-8 (0x{piece[error.start]:02x})",
        _NOT_UTF8_HINT,
    )


# The notice of a file whose dates, layout and language leave the order open; where a
# run reads several files, it becomes one that names what decided it (in_the_run).
AMBIGUOUS_DATES = "no date in it tells day-first from month-first; read as day-first"
_FIRST = {DateOrder.DMY: "day-first", DateOrder.MDY: "month-first"}


def told_order(parsed: ParsedExport) -> DateOrder | None:
    """The date order a file's own dates (or its locale) tell; None where they do not."""
    return None if any(n.message == AMBIGUOUS_DATES for n in parsed.notices) else parsed.date_order


def order_of_siblings(told: Sequence[DateOrder]) -> DateOrder | None:
    """The day- or month-first order that most of a run's files of one layout tell."""
    votes = [order for order in told if order in _FIRST]
    if not votes:
        return None
    return max(sorted(set(votes), key=lambda order: order.value), key=votes.count)


def in_the_run(
    notices: Sequence[Notice], layout: Layout, order: DateOrder | None
) -> tuple[Notice, ...]:
    """A file's notices once its run is known: where its dates leave their order open,
    what decided it, the ``order`` of its layout's other files in the run, or that
    nothing did (most folders are exported from one phone, FORMATS.md)."""
    told = []
    for notice in notices:
        if notice.message != AMBIGUOUS_DATES:
            told.append(notice)
        elif order is None:
            told.append(
                replace(
                    notice,
                    message="no date in it, nor in another export of its layout in this run, "
                    "tells day-first from month-first; read as day-first",
                )
            )
        else:
            other = DateOrder.MDY if order is DateOrder.DMY else DateOrder.DMY
            told.append(
                Notice(
                    notice.file,
                    None,
                    f"no date in it tells day-first from month-first; read as {_FIRST[order]}, "
                    f"as the other exports of its layout ({layout.name}) in this run tell",
                    f"if its dates are {_FIRST[other]}, run again with --date-order {other.value}",
                )
            )
    return tuple(told)


def _day_first_locale(layout: Layout, data: bytes) -> bool:
    """Whether an Android export's layout or language says its phone is Indonesian,
    whose dates are day-first: a "." in the time ("26/11/20 23.10 - "), or WhatsApp's
    Indonesian system strings. (An Indonesian iPhone may have a US region and write
    month first, FORMATS.md: iOS files are never decided so.)"""
    if layout.sep != b"-" or layout.marker:
        return False
    return layout.time_sep == b"." or any(s in data for s in _INDONESIAN_SYSTEM)


_INDONESIAN_SYSTEM = (b"Pesan dan panggilan terenkripsi", b"<Media tidak disertakan>")


def _decide_dates(
    heads: Counter[bytes],
    rests: Iterable[bytes],
    requested: DateOrder,
    file: str,
    *,
    day_first_locale: bool = False,
    year_first: bool = False,
    votes: Counter[bytes] | None = None,
) -> tuple[dict[bytes, str | None], dict[bytes, str | None], DateOrder, list[Notice]]:
    """Day and clock text for every distinct header part, and the file's date order.
    ``votes``: the headers that decide the order and the calendar, where not all do."""
    parts = {head: date_parts(head) for head in heads}
    votes = heads if votes is None else votes
    decision = decide_date_order(
        ((parts[h], n) for h, n in votes.items()), requested, year_first=year_first
    )
    notices = []
    if decision.decided_by is None and requested is DateOrder.AUTO and not day_first_locale:
        notices.append(
            Notice(
                file,
                None,
                AMBIGUOUS_DATES,
                "if its dates are month-first, run again with --date-order mdy",
            )
        )
    elif decision.overridden:
        evidence = (
            f"dates such as {decision.decided_by} are {decision.order.value}"
            if decision.decided_by
            else f"its dates are not year-first; read as {decision.order.value}"
        )
        notices.append(
            Notice(
                file,
                None,
                f"{evidence}, so --date-order {requested.value} was not applied to this file",
                "leave --date-order out for files whose dates tell their order",
            )
        )
    calendar, example = calendar_of(((parts[h], n) for h, n in votes.items()), decision.order)
    if calendar is not None and calendar != BUDDHIST:
        raise IngestError(
            file,
            f"has its dates in {calendar} calendar (such as {example}), not the Gregorian "
            "one cs-audit reads",
            "set the phone's calendar to Gregorian (on an iPhone: Settings > General > "
            "Language & Region > Calendar) and export the chat again",
        )
    buddhist = calendar == BUDDHIST
    days = {head: iso_date(p, decision.order, buddhist=buddhist) for head, p in parts.items()}
    clock = {rest: iso_time(rest) for rest in rests}
    return days, clock, decision.order, notices


def _fold_text(cols: Columns, keep: list[bool]) -> None:
    """Fold the header-like lines not kept (``_messages_to_keep``) into the message
    above: they are text that looks like a header."""
    last = -1
    folded: dict[int, list[str]] = {}  # joined once: a long run of them stays linear
    for i, ok in enumerate(keep):
        if ok:
            last = i
            continue
        raw = cols.raw_authors[i]
        line = (cols.heads[i] + cols.rests[i]).decode("utf-8") + (
            "" if raw is None else raw.decode("utf-8", "replace") + ": "
        )
        if last >= 0:  # else the line is before the first message: skipped
            folded.setdefault(last, [cols.texts[last]]).append(line + cols.texts[i])
    for last, pieces in folded.items():
        cols.texts[last] = "\n".join(pieces)
    for name in ("heads", "rests", "raw_authors", "texts", "kinds"):
        column = getattr(cols, name)
        column[:] = list(compress(column, keep))
    cols.lines = array("q", compress(cols.lines, keep))


def _odd_parts(
    layout: Layout, dated: Iterable[bytes], timed: Iterable[bytes]
) -> tuple[set[bytes], set[bytes]]:
    """The distinct date and time parts of headers written otherwise than the layout
    writes them (``Layout.pattern``), each checked once. Where the date comes first,
    the scan takes it only as the layout writes it: only the rest is checked."""
    first, second = layout.strict()
    if not layout.time_first:
        return set(), {t for t in timed if not second.fullmatch(t)}
    return (
        {d for d in dated if not second.fullmatch(d)},
        {t for t in timed if not first.fullmatch(t)},
    )


def _messages_to_keep(
    cols: Columns,
    layout: Layout,
    days: dict[bytes, str | None],
    clock: dict[bytes, str | None],
    odd: tuple[set[bytes], set[bytes]],
) -> tuple[list[bool] | None, int, int]:
    """Which of the headers found are messages (None: all); how many of those written
    otherwise (``odd``: their date and time parts, ``_odd_parts``) were kept, and how
    many were not.

    A header with no such date or time (31/02, 25:61) is text that looks like one. A
    header written otherwise is a message only where the file makes it certain: its
    time lies between the message's before it and the next one written as the layout
    writes, and its author writes elsewhere in the file under a header as the layout
    writes it, or it is before the first such header or after the last (where the
    phone's clock setting changed: a run of them ending the file); so a body line
    never becomes a header by chance. Only the messages that carry such a part are
    looked at one by one, each once.
    """
    dated, timed = (cols.rests, cols.heads) if layout.time_first else (cols.heads, cols.rests)
    odd_dated, odd_timed = odd
    bad_days = {h for h, day in days.items() if day is None}
    bad_times = {r for r, time in clock.items() if time is None}
    if not (odd_dated or odd_timed or bad_days or bad_times):
        return None, 0, 0
    keep = [h not in bad_days and r not in bad_times for h, r in zip(dated, timed, strict=True)]
    if not (odd_dated or odd_timed):
        return keep, 0, 0
    count = len(keep)
    odd_list = sorted(
        {*compress(range(count), map(odd_dated.__contains__, dated))}
        | {*compress(range(count), map(odd_timed.__contains__, timed))}
    )
    odd_set = set(odd_list)
    plain = keep.copy()  # messages whose header is as the layout writes it
    for i in odd_list:
        plain[i] = False
    raws = cols.raw_authors
    known = set(compress(raws, plain)) - {None}
    # where the phone's clock setting may have changed: before the first plain header
    # or after the last
    opening = plain.index(True) if True in plain else count
    closing = count - 1 - plain[::-1].index(True) if True in plain else -1

    def moment(i: int) -> str:
        return f"{days[dated[i]]}T{clock[timed[i]]}"

    following: dict[int, int | None] = {}  # the next message written as the layout writes
    for i in reversed(odd_list):
        j: int | None = i + 1
        while j is not None and j < count and not plain[j]:
            j = following[j] if j in odd_set else j + 1
        following[i] = j if j is not None and j < count else None
    kept = 0
    last_plain, last_odd, last_kept = -1, -1, -1  # each walk back stops at the odd before
    for i in odd_list:
        j = i - 1
        while j > last_odd and not plain[j]:
            j -= 1
        if j > last_odd:
            last_plain = j
        last_odd = i
        before = max(last_plain, last_kept)
        after = following[i]
        edge = i < opening or i > closing
        if keep[i] and (raws[i] in known or (edge and raws[i] is not None)):
            at = moment(i)
            if (before < 0 or moment(before) <= at) and (after is None or at <= moment(after)):
                kept += 1
                last_kept = i
                continue
        keep[i] = False
    return keep, kept, len(odd_list) - kept


def _longer_names(cols: Columns, names: _AuthorNames) -> dict[bytes, bytes]:
    """Authors whose name holds ``": "`` (``Toko: Maju``), as raw name -> full raw name.

    The split stops at a line's first ``": "``. When every message (two or more) of a
    short name goes on with the same ``X: ``, the name is the longer one (FORMATS.md);
    lines ``X left`` and the like are then that member's group events.
    """
    raws, texts, kinds = cols.raw_authors, cols.texts, cols.kinds
    longer = {}
    for raw in names:  # each distinct author once; list.index/count run in C
        if raw is None or names[raw] is None:
            continue
        first = raws.index(raw)
        extra, colon, _ = texts[first].partition(": ")
        if kinds[first] != _TEXT or not colon or "\n" in extra or len(extra) > 40:
            continue
        mine = compress(texts, map(eq, raws, repeat(raw)))
        speech = 0
        for text in mine:
            if text.startswith(extra + ": "):
                speech += 1
            elif not (
                text.startswith(extra + " ") and MEMBER_EVENT.fullmatch(text, len(extra) + 1)
            ):
                break
        else:
            if speech >= 2:
                longer[raw] = raw + b": " + extra.encode("utf-8")
    return longer


def _resolve_authors(cols: Columns, file: str) -> list[str | None]:
    """Display names for the raw authors; group events become system lines."""
    names = _AuthorNames()
    try:
        authors = list(map(names.__getitem__, cols.raw_authors))
    except UnicodeDecodeError:
        for i, raw in enumerate(cols.raw_authors):
            try:
                names[raw]
            except UnicodeDecodeError as error:
                raise _not_utf8(file, cols.lines[i], raw, error) from None  # type: ignore[arg-type]
        raise
    kinds, texts, raws = cols.kinds, cols.texts, cols.raw_authors
    for i in compress(range(len(texts)), map(is_, authors, repeat(None))):
        kinds[i] = _SYSTEM  # a line WhatsApp wrote: group events, notices
        raw = raws[i]
        if raw is not None:  # a group event with ": " in a quoted name
            texts[i] = raw.decode("utf-8") + ": " + texts[i]
    # "Budi:" and nothing after it: an empty message of an author the file knows (its
    # export drops the space after the colon), not a line WhatsApp wrote
    known = {raw: name for raw, name in names.items() if raw is not None and name}
    for i in compress(range(len(texts)), map(is_, authors, repeat(None))):
        text = texts[i]
        if raws[i] is None and text.endswith(":") and "\n" not in text:
            name = known.get(text[:-1].encode("utf-8"))
            if name is not None:
                authors[i], texts[i], kinds[i] = name, "", _TEXT
    for raw, full in _longer_names(cols, names).items():
        name, cut = names[full], len(full.decode("utf-8")) - len(raw.decode("utf-8"))
        for i in compress(range(len(texts)), map(eq, raws, repeat(raw))):
            if texts[i].startswith(": ", cut - 2):
                authors[i], texts[i] = name, texts[i][cut:]
                kinds[i] = classify(texts[i].encode("utf-8"))
            else:  # "Toko: Maju left": an event about that member, written by WhatsApp
                authors[i], texts[i] = None, raw.decode("utf-8") + ": " + texts[i]
                kinds[i] = _SYSTEM
    return authors


def parse_export(
    data: bytes, *, file: str, date_order: DateOrder = DateOrder.AUTO, workers: int = 1
) -> ParsedExport:
    """Parse one export's bytes; raise ``IngestError`` if they are not an export.

    ``workers`` > 1 splits a large export on that many cores (forked processes); the
    result is the same.
    """
    data = _clean(data, file)
    survey = survey_layouts(data)
    rewritten = _rewritten(data, survey)
    if rewritten is not None:
        data, survey = rewritten[0].data, rewritten[1]
    layout = survey.dominant
    if layout is None:
        raise IngestError(
            file,
            "has no WhatsApp message header (such as '23/03/2022, 13:31 - Name: ')",
            _NOT_EXPORT_HINT,
        )
    pattern = layout.pattern()
    block_spans = spans(data, pattern)
    workers = workers if len(data) >= _PARALLEL_BYTES else 1
    suffixes = tuple(marker for marker in _SUFFIX_MARKERS if marker in data)
    day_first_locale = _day_first_locale(layout, data)
    job = Job(data, pattern, suffixes)
    del data
    cols = Columns()
    line = 1
    blocks = fork_map(split_block, block_spans, shared=job, workers=workers)
    try:
        for block in blocks:
            line = cols.add(block, line + block.preamble)
    except BadBytes as bad:
        raise IngestError(
            f"{file}:{line + bad.lines_in}",
            f"holds a byte that is not UTF-8 (0x{bad.byte:02x})",
            _NOT_UTF8_HINT,
        ) from None
    del job

    # the parts of each header that hold its date and its time (the time first: the
    # other way round)
    dated, timed = (cols.rests, cols.heads) if layout.time_first else (cols.heads, cols.rests)
    heads, rests = Counter(dated), set(timed)
    odd = _odd_parts(layout, heads, rests)
    votes = None  # only headers as the layout writes them tell the date order
    if odd[0] or odd[1]:
        odd_dated, odd_timed = odd
        votes = Counter(
            d
            for d, t in zip(dated, timed, strict=True)
            if d not in odd_dated and t not in odd_timed
        )
    days, clock, order, notices = _decide_dates(
        heads,
        rests,
        date_order,
        file,
        day_first_locale=day_first_locale,
        year_first=layout.date_sep == b". " and layout.date_end,  # "22. 11. 24." Korean
        votes=votes,
    )
    keep, _, rejected = _messages_to_keep(cols, layout, days, clock, odd)
    if keep is not None and not all(keep):
        _fold_text(cols, keep)
        dated, timed = (cols.rests, cols.heads) if layout.time_first else (cols.heads, cols.rests)
    if not cols.texts:
        raise IngestError(file, "has no message header with a real date and time", _NOT_EXPORT_HINT)
    if rewritten is not None:  # lines that are text are as they were written
        restore_text(cols.texts, cols.lines, rewritten[0].originals)

    first_line = cols.lines[0]
    skipped: tuple[SkippedLines, ...] = ()
    if first_line > 1:
        skipped = (SkippedLines(file, 1, first_line - 1),)
        notices.insert(
            0,
            Notice(
                file,
                1,
                f"{first_line - 1} line(s) before the first message header belong to no "
                "message and were skipped",
                "check that the file is a whole export, not a cut-out",
            ),
        )
    # header-like lines read as message text: of another layout (sampled), or of this
    # one written otherwise where the file did not make them certain (all of them)
    others = [(o, n) for o, n in survey.counts[1:] if not layout.twin(o)]
    other_lines = sum(n for _, n in others) + rejected
    if other_lines >= 5 and other_lines * 20 > survey.total:
        shape = (
            f"of another layout ({others[0][0].name})"
            if others
            else "written otherwise, by no author of the file or out of time order,"
        )
        notices.append(
            Notice(
                file,
                None,
                f"{other_lines} lines look like headers {shape} than the file's "
                f"({layout.name}); they were read as message text",
                "export each chat on its own instead of joining exports",
            )
        )

    authors = _resolve_authors(cols, file)
    return ParsedExport(
        file=file,
        layout=layout,
        date_order=order,
        lines=cols.lines,
        days=list(map(days.__getitem__, dated)),  # type: ignore[arg-type]
        clock=list(map(clock.__getitem__, timed)),  # type: ignore[arg-type]
        authors=authors,
        texts=cols.texts,
        kinds=cols.kinds,
        notices=tuple(notices),
        skipped=skipped,
        line_count=line - 1,
    )
