"""The audit as an Excel workbook a team lead opens without help.

Sheets: Summary (per agent, with a bar chart of scores), Coaching (each agent's weakest
conversations, weakest agent first), Conversations, Findings (one
row per verdict), Response times (one row per customer turn), Files. Every sheet has
a frozen header, filters and sensible widths; durations are Excel durations; verdicts
are coloured. Chat text is always a text cell: "=HYPERLINK(...)" from a customer
stays text. Excel's limits are kept: characters XML forbids are replaced, cells are
cut at 32,767 characters and rows at 1,048,576, each with a note.
"""

from __future__ import annotations

import bisect
import contextlib
import io
import json
import os
import re
import shutil
import tempfile
import weakref
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.formatting.rule import Rule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from cs_audit.files import temporary_space
from cs_audit.models import Verdict
from cs_audit.pipeline import AuditResult, ConversationResult
from cs_audit.render.rows import TURN_COLUMNS, findings_of, turns_of
from cs_audit.rubric import CRITERIA
from cs_audit.scorecards import AgentScorecard

MAX_CELL = 32_767
MAX_ROWS = 1_048_576
# XML 1.0 forbids these: C0 controls, the non-characters U+FFFE/U+FFFF, lone surrogates.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_FILLS = {
    "pass": PatternFill("solid", start_color="C6EFCE"),
    "fail": PatternFill("solid", start_color="FFC7CE"),
    "n/a": PatternFill("solid", start_color="EDEDED"),
}
_DURATION = "[h]:mm:ss"
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_TITLE = Font(bold=True, size=14)
_PAGE_WIDTH = 160  # column width units an A4 landscape page shows at about 90%
_CHARS_PER_WIDTH = 1.1  # characters of a text that fit a column width unit, about
_LINE_HEIGHT, _MAX_HEIGHT = 15.0, 409.0  # points: a line of 11 pt text; Excel's tallest row
_PLAIN = Font()


def _utf16_units(text: str) -> int:
    """Characters as Excel counts them: an emoji outside the BMP counts twice."""
    if text.isascii():
        return len(text)
    return len(text) + sum(ord(c) > 0xFFFF for c in text)


def _cut(text: str, units: int) -> str:
    """The longest start of ``text`` within ``units`` UTF-16 units, never half an emoji."""
    kept = 0
    for index, char in enumerate(text):
        kept += 2 if ord(char) > 0xFFFF else 1
        if kept > units:
            return text[:index]
    return text


_N, _ROW, _NOTE, _SHEET = "\x00", "\x01", "\x03", "\x1d"  # marks in rendered rows
_EPOCH = datetime(1899, 12, 30)  # Excel's (Windows) day 0


def _serial(moment: datetime) -> float:
    """Excel's day number of a moment, computed as openpyxl's to_excel computes it."""
    days = (moment - _EPOCH).days
    if 0 < days <= 60:  # Excel's 1900-02-29, which never was
        days -= 1
    seconds = moment.hour * 3600 + moment.minute * 60 + moment.second
    return days + (seconds + moment.microsecond / 10**6) / 86_400


def _number(value: float) -> str:
    return f"{value:.16g}"  # as openpyxl writes numbers ("%.16g")


def _seconds_cell(letter: str, style: str) -> Callable[[str, Any], str]:
    def cell(n: str, seconds: float) -> str:
        return f'<c r="{letter}{n}" s="{style}" t="n"><v>{_number(seconds / 86_400)}</v></c>'

    return cell


def _verdict_cell(letter: str, styles: Mapping[str, str]) -> Callable[[str, Any], str]:
    def cell(n: str, verdict: str) -> str:
        return _inline(letter + n, verdict, styles.get(verdict))

    return cell


def _value_cell(letter: str, style: str | None) -> Callable[[str, Any], str]:
    """A number, a moment (``style`` its format), or a word such as a file's status,
    each in the column's style (its format, its alignment)."""
    attribute = "" if style is None else f' s="{style}"'

    def cell(n: str, value: Any) -> str:
        if isinstance(value, str):
            return _inline(letter + n, value, style)
        number = _serial(value) if isinstance(value, datetime) else value
        return f'<c r="{letter}{n}"{attribute} t="n"><v>{_number(number)}</v></c>'

    return cell


def _inline(ref: str, text: str, style: str | None = None) -> str:
    """A text cell as openpyxl writes one: inline, so never a formula or a shared string."""
    s = "" if style is None else f' s="{style}"'
    if not text:
        return f'<c r="{ref}"{s} t="inlineStr"/>'
    space = ' xml:space="preserve"' if text != text.strip() else ""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\r", "&#13;")  # a raw CR would be read back as a newline
    return f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{text}</t></is></c>'


class _Sheet:
    """One sheet: openpyxl writes its header and settings; its rows are written as the
    XML openpyxl would write into a temporary file, spliced into the saved workbook
    (openpyxl's cell objects cost some 30 µs a cell, a month of findings millions of
    cells). It keeps the notes of whatever had to be cut.

    Columns (0-based) in ``texts`` are forced to text, ``durations`` hold seconds,
    ``verdicts`` are coloured, ``formats`` give number formats.
    """

    def __init__(
        self,
        book: Workbook,
        title: str,
        headers: Sequence[str],
        widths: Sequence[int],
        clean: Callable[[str], str],
        *,
        texts: Iterable[int] = (),
        durations: Iterable[int] = (),
        verdicts: Iterable[int] = (),
        formats: Mapping[int, str] | None = None,
        wrapped: Iterable[int] = (),
        titled: bool = False,
    ) -> None:
        self.sheet = book.create_sheet(title)
        self.clean = clean
        self.notes: list[str] = []
        self.headers = list(headers)
        self.widths = list(widths)
        self.columns = len(headers)
        self.rows = 0
        self.first = 1  # the header's row
        self.limit = MAX_ROWS  # rows past it are left out, with a note
        self.pending: list[str] = []  # XML not yet in the spool
        for index, width in enumerate(widths, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = width
        # Printed, a sheet is A4 landscape at a readable size: as many pages wide as its
        # columns need at about nine tenths of their size, its header on every page, and
        # on a wide sheet its first columns (which file, which conversation) too
        self.sheet.page_setup.orientation = "landscape"
        self.sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        self.sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        pages = -(-sum(widths) // _PAGE_WIDTH)
        self.sheet.page_setup.fitToWidth = pages
        self.sheet.page_setup.fitToHeight = 0
        if pages > 1:
            self.sheet.print_title_cols = "A:B"
        self.wrapped = set(wrapped)  # long text: wrapped, its row as tall as it needs
        self.top = bool(self.wrapped)  # then every cell sits at its row's top
        if not titled:  # else ``begin`` writes the title lines, then the header
            self.begin(())
        with temporary_space():
            self.spool = tempfile.TemporaryFile()  # noqa: SIM115  (closed in splice)
        self.cells = self._layout(set(texts), set(durations), set(verdicts), formats or {})

    def begin(self, title: Sequence[str]) -> None:
        """The sheet's first rows: title lines (the first large and bold) and a blank
        row, if any, then the bold header, frozen and printed on every page."""
        self.first = len(title) + 2 if title else 1
        self.sheet.freeze_panes = f"A{self.first + 1}"
        self.sheet.print_title_rows = f"{self.first}:{self.first}"
        for number, line in enumerate(title):
            cell = WriteOnlyCell(self.sheet, value=self.text(line))
            cell.font = _TITLE if number == 0 else _PLAIN
            self.sheet.append([cell])
        if title:
            self.sheet.append([])
        # the header is bold and wraps, its row as tall as its longest name needs (a
        # spreadsheet does not grow a row for wrapped text by itself): written as the
        # rows below it are
        style = self._style(font=_BOLD, wrap=True)
        cells = "".join(
            _inline(f"{get_column_letter(i + 1)}{_N}", name, style)
            for i, name in enumerate(self.headers)
        )
        height = self._height(self.headers, range(self.columns))
        self.rows = self.first - 1
        self.take(f'{_ROW}<row r="{_N}"{height}>{cells}</row>')

    def _height(self, values: Sequence[Any], columns: Iterable[int]) -> str:
        """A row's height attribute for the lines its wrapped text takes in the
        columns' widths ("" for one line): a quote of three lines shows three."""
        lines = 1
        for index in columns:
            value = values[index] if index < len(values) else None
            if isinstance(value, str) and value:
                width = max(1, int(self.widths[index] * _CHARS_PER_WIDTH))
                wrapped = sum(-(-max(1, len(part)) // width) for part in value.split("\n"))
                lines = max(lines, wrapped)
        if lines == 1:
            return ""
        return f' ht="{min(_MAX_HEIGHT, _LINE_HEIGHT * lines):g}" customHeight="1"'

    def text(self, value: str | None) -> str | None:
        """Chat or file text, safe for a cell."""
        if value is None:
            return None
        value = _FORBIDDEN.sub("\ufffd", self.clean(value))
        if len(value) * 2 <= MAX_CELL:  # cannot be over, even if all of it were emoji
            return value
        units = _utf16_units(value)
        if units > MAX_CELL:
            self.notes.append(f"a text of {units:,} characters was cut to Excel's {MAX_CELL:,}")
            value = _cut(value, MAX_CELL - 1) + "…"
        return value

    def _layout(
        self,
        texts: set[int],
        durations: set[int],
        verdicts: set[int],
        formats: Mapping[int, str],
    ) -> list[Callable[[str, Any], str]]:
        """Per column, what writes a cell: (row number, value) -> XML."""
        cells = []
        for index in range(self.columns):
            letter = get_column_letter(index + 1)
            if index in texts:
                wrap = index in self.wrapped
                style = self._style(wrap=True) if wrap else self._style() if self.top else None
                cells.append(self._text_cell(letter, style))
            elif index in durations:
                cells.append(_seconds_cell(letter, self._style(_DURATION)))
            elif index in verdicts:
                styles = {v: self._style(fill=fill) for v, fill in _FILLS.items()}
                cells.append(_verdict_cell(letter, styles))
            elif index in formats:
                cells.append(_value_cell(letter, self._style(formats[index])))
            else:
                cells.append(_value_cell(letter, self._style() if self.top else None))
        return cells

    def _text_cell(self, letter: str, style: str | None = None) -> Callable[[str, Any], str]:
        def cell(n: str, value: Any) -> str:
            return _inline(letter + n, self.text(value) or "", style)

        return cell

    def _style(
        self,
        number_format: str | None = None,
        fill: PatternFill | None = None,
        *,
        wrap: bool = False,
        font: Font | None = None,
    ) -> str:
        """The index openpyxl gives this style in the workbook's cell formats."""
        cell = WriteOnlyCell(self.sheet)
        if font is not None:
            cell.font = font
        if number_format is not None:
            cell.number_format = number_format
        if fill is not None:
            cell.fill = fill
        if wrap:
            cell.alignment = _WRAP
        elif self.top:
            cell.alignment = _TOP
        return str(cell.style_id)

    def row(self, values: Sequence[Any]) -> str:
        """A row as XML in the sheet's layout, its number left as NUL
        and the notes of what was cut in it after ETX marks; ``take`` numbers it. Cell
        text can hold neither: they are among the characters XML forbids."""
        mark = len(self.notes)
        cells = "".join(
            cell(_N, value)
            for cell, value in zip(self.cells, values, strict=True)
            if value is not None
        )
        notes = "".join(f"{_NOTE}{note}" for note in self.notes[mark:])
        del self.notes[mark:]
        height = self._height(values, self.wrapped) if self.wrapped else ""
        return f'{_ROW}<row r="{_N}"{height}>{cells}</row>{notes}'

    def take(self, rows: str) -> None:
        """Rows made by ``row`` (one or more, joined), numbered and spooled in order."""
        for made in rows.split(_ROW)[1:]:
            if self.rows >= self.limit:
                if not self.notes or not self.notes[-1].startswith("rows past"):
                    self.notes.append(f"rows past Excel's {MAX_ROWS:,} were left out")
                return
            xml, *notes = made.split(_NOTE) if _NOTE in made else (made,)
            self.notes += notes
            self.rows += 1
            self.pending.append(xml.replace(_N, str(self.rows)))
        if len(self.pending) > 1024:
            self.flush()

    def put(self, values: Sequence[Any]) -> None:
        """A row, in the sheet's layout."""
        self.take(self.row(values))

    def flush(self) -> None:
        """Write the rows put so far to the spool."""
        with temporary_space():
            self.spool.write("".join(self.pending).encode())
        self.pending.clear()

    def finish(self) -> None:
        self.flush()
        last = get_column_letter(self.columns)
        self.sheet.auto_filter.ref = f"A{self.first}:{last}{self.rows}"


# A sheet with a row (or rows) per conversation, and the rows' values of one.
_Rows = tuple[_Sheet, Callable[[ConversationResult], Iterator[Sequence[Any]]]]


def _summary(book: Workbook, clean: Callable[[str], str], *, compare: bool = False) -> _Sheet:
    """Per agent; with ``compare``, the previous period's conversations and mean score
    and the change, with an arrow."""
    headers = [
        "agent",
        "conversations",
        "replies",
        "mean score",
        *(f"{key.replace('_', ' ')} pass rate" for key in CRITERIA),
        "first response median",
        "first response p90",
        "SLA share",
        "unanswered turns",
        *(("previous conversations", "previous mean score", "change") if compare else ()),
    ]
    n = len(CRITERIA)
    return _Sheet(
        book,
        "Summary",
        headers,
        [20, 13, 8, 8, *[10] * n, 11, 11, 8, 11, *((12, 11, 9) if compare else ())],
        clean,
        titled=True,
        texts=[0, 10 + n] if compare else [0],
        durations=[4 + n, 5 + n],
        formats=dict.fromkeys([*range(4, 4 + n), 6 + n], "0%"),
    )


def _change(now: float | None, before: AgentScorecard | None) -> str:
    """A mean score's change as a team lead reads it: "\u25b2 +5", "\u25bc -3", "= 0", "new"."""
    if before is None or before.mean_score is None or now is None:
        return "new"
    change = round(now - before.mean_score)
    return "= 0" if change == 0 else f"\u25b2 +{change}" if change > 0 else f"\u25bc {change}"


_GREEN, _AMBER, _RED = (
    PatternFill("solid", start_color=c, end_color=c) for c in ("C6EFCE", "FFEB9C", "FFC7CE")
)


def _colour(sheet: _Sheet, cells: str, good: float, poor: float) -> None:
    """Green at or above ``good``, red under ``poor``, amber between (empty cells none)."""
    rules = sheet.sheet.conditional_formatting
    first = cells.split(":", maxsplit=1)[0]
    for test, fill in ((f">={good}", _GREEN), (f"<{poor}", _RED), (f">={poor}", _AMBER)):
        # the first rule that holds colours the cell (openpyxl ranks them as added)
        rule = Rule(type="expression", formula=[f'AND({first}<>"",{first}{test})'])
        rule.dxf = DifferentialStyle(fill=fill)
        rules.add(cells, rule)


def _fill_summary(
    sheet: _Sheet,
    result: AuditResult,
    good: float = 0.8,
    poor: float = 0.5,
    previous: Sequence[AgentScorecard] | None = None,
) -> None:
    before = {c.agent: c for c in previous or ()}
    for card in result.agents:
        earlier = before.get(card.agent)
        compared = (
            [
                earlier.conversations if earlier else 0,
                earlier.mean_score if earlier else None,
                _change(card.mean_score, earlier),
            ]
            if previous is not None
            else []
        )
        sheet.put(
            [
                card.agent,
                card.conversations,
                card.replies,
                card.mean_score,
                *(card.pass_rates[key] for key in CRITERIA),
                card.first_response_median,
                card.first_response_p90,
                card.sla_share,
                card.unanswered_turns,
                *compared,
            ]
        )
    if result.agents:
        top, last = sheet.first, sheet.first + len(result.agents)
        # the mean score (x100), each criterion's pass rate and the SLA share
        _colour(sheet, f"D{top + 1}:D{last}", good * 100, poor * 100)
        rates = f"E{top + 1}:{get_column_letter(4 + len(CRITERIA))}{last}"
        _colour(sheet, rates, good, poor)
        sla = get_column_letter(7 + len(CRITERIA))
        _colour(sheet, f"{sla}{top + 1}:{sla}{last}", good, poor)
        chart = BarChart()
        chart.type, chart.title, chart.y_axis.title = "bar", "Mean score per agent", "score"
        chart.add_data(
            Reference(sheet.sheet, min_col=4, min_row=top, max_row=last), titles_from_data=True
        )
        chart.set_categories(Reference(sheet.sheet, min_col=1, min_row=top + 1, max_row=last))
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
        chart.legend = None
        # horizontal bars, each agent's legible however many there are
        chart.height = max(7.5, 1.5 + 0.8 * len(result.agents))
        chart.width = 18
        sheet.sheet.add_chart(chart, f"A{last + 3}")


def _conversations(book: Workbook, clean: Callable[[str], str]) -> _Rows:
    """One row per conversation and agent: a handover is on each of its agents' rows,
    marked with the others, so filtering an agent shows every conversation they had."""
    headers = [
        "file",
        "conversation",
        "customer",
        "agent",
        "handover with",
        "start",
        "messages",
        "first response",
        "unanswered turns",
        *CRITERIA,
        "score",
        "failed",
        "first failing reason",
        "flags",
        "language",
    ]
    n = len(CRITERIA)
    sheet = _Sheet(
        book,
        "Conversations",
        headers,
        [40, 13, 22, 18, 18, 18, 10, 14, 17, *[18] * n, 8, 30, 50, 24, 9],
        clean,
        texts=[0, 2, 3, 4, 10 + n, 11 + n, 12 + n],
        durations=[7],
        verdicts=range(9, 9 + n),
        formats={5: "yyyy-mm-dd hh:mm"},
        wrapped=[0, 2, 10 + n, 11 + n],
    )

    def values(r: ConversationResult) -> Iterator[Sequence[Any]]:
        c, m = r.conversation, r.metrics
        failed = [r.criteria[k] for k in CRITERIA if r.criteria[k].verdict is Verdict.FAIL]
        shared = [
            c.start,
            m.customer_messages + m.agent_messages + m.automated_messages,
            m.first_response_seconds,
            m.unanswered_turns,
            *(r.criteria[key].verdict.value for key in CRITERIA),
            r.score,
            ", ".join(f.key for f in failed),
            failed[0].reason if failed else None,
            ", ".join(f.key for f in r.flags),
            r.language,
        ]
        for agent in c.agents or ("",):
            others = ", ".join(a for a in c.agents if a != agent)
            # people count from 1 (JSON and CSV keep the index)
            yield [c.file, c.index + 1, c.customer, agent, others, *shared]

    return sheet, values


def _findings(book: Workbook, clean: Callable[[str], str]) -> _Rows:
    headers = [
        "file",
        "conversation",
        "customer",
        "agent",
        "criterion or flag",
        "verdict",
        "reason",
        "quote",
        "where",
        "timestamp",
        "author",
    ]
    sheet = _Sheet(
        book,
        "Findings",
        headers,
        [40, 13, 22, 18, 20, 9, 60, 60, 44, 18, 22],
        clean,
        texts=[0, 2, 3, 6, 7, 8, 10],
        verdicts=[5],
        formats={9: "yyyy-mm-dd hh:mm:ss"},
        wrapped=[0, 2, 6, 7, 8],
    )
    keys = (
        "file",
        "conversation",
        "customer",
        "agent",
        "key",
        "verdict",
        "reason",
        "quote",
        "file_line",
        "timestamp",
        "author",
    )

    def values(r: ConversationResult) -> Iterator[Sequence[Any]]:
        starts = [t.line for t in r.conversation.turns]
        for row in findings_of(r):
            row["agent"] = _agent_at(r, starts, row["line"])
            yield [row[k] + 1 if k == "conversation" else row[k] for k in keys]

    return sheet, values


def _agent_at(r: ConversationResult, starts: Sequence[int], line: int | None) -> str:
    """The agent a finding is about: the one credited with the turn its quoted line
    stands in (the reply that decided it, or the question it left), else the
    conversation's agents. ``starts``: the turns' first lines, in order (a search, not
    a scan of a long chat's turns for each finding)."""
    c = r.conversation
    at = bisect.bisect_right(starts, line) if line is not None else 0
    agent = c.turns[at - 1].agent if at else None
    return agent or ", ".join(c.agents)


def _response_times(book: Workbook, clean: Callable[[str], str]) -> _Rows:
    headers = [
        "file",
        "conversation",
        "customer",
        "turn start",
        "line",
        "messages",
        "replied at",
        "agent",
        "response time",
        "within business hours",
        "within SLA",
    ]
    sheet = _Sheet(
        book,
        "Response times",
        headers,
        [40, 13, 22, 18, 7, 10, 18, 16, 14, 15, 11],
        clean,
        texts=[0, 2, 7],
        durations=[8, 9],
        verdicts=[10],
        formats=dict.fromkeys([3, 6], "yyyy-mm-dd hh:mm:ss"),
        wrapped=[0, 2],
    )
    keys = TURN_COLUMNS[:-1]  # within_sla is shown as pass/fail/unanswered

    def values(r: ConversationResult) -> Iterator[Sequence[Any]]:
        for row in turns_of(r):
            within = {True: "pass", False: "fail", None: "unanswered"}[row["within_sla"]]
            yield [*(row[k] + 1 if k == "conversation" else row[k] for k in keys), within]

    return sheet, values


_COACHED = 3  # conversations shown per agent on the Coaching sheet


def _coaching(book: Workbook, clean: Callable[[str], str]) -> _Sheet:
    """What a team lead reads to an agent in a one-to-one: per agent, weakest agents
    first, their weakest conversations with what failed, why, and the line."""
    headers = [
        "agent",
        "mean score",
        "conversation",
        "score",
        "failed",
        "first failing reason",
        "quote",
        "where",
    ]
    return _Sheet(
        book,
        "Coaching",
        headers,
        [18, 11, 44, 7, 30, 50, 60, 40],
        clean,
        texts=[0, 2, 4, 5, 6, 7],
        wrapped=[2, 4, 5, 6, 7],
    )


def _coaching_record(r: ConversationResult) -> str:
    """What the Coaching sheet needs of a conversation that failed a criterion, as JSON
    (its escapes keep the row marks out); "" for one that failed none."""
    failed = [r.criteria[k] for k in CRITERIA if r.criteria[k].verdict is Verdict.FAIL]
    if not failed or r.score is None:
        return ""
    c, first = r.conversation, failed[0]
    evidence = first.evidence[0] if first.evidence else None
    return json.dumps(
        [
            list(c.agents),
            r.score,
            c.file,
            c.index + 1,
            c.customer,
            [f.key for f in failed],
            first.reason,
            evidence.text if evidence else None,
            f"{evidence.file}:{evidence.line}" if evidence else None,
        ],
        ensure_ascii=False,
    )


def _fill_coaching(
    sheet: _Sheet, result: AuditResult, weakest: Mapping[str, list[tuple[Any, ...]]]
) -> None:
    """Each agent's block, the agent with the lowest mean score first."""
    cards = sorted(
        (c for c in result.agents if c.agent in weakest),
        key=lambda c: (c.mean_score is None, c.mean_score or 0.0, c.agent),
    )
    for card in cards:
        for _, _, _, record in sorted(weakest[card.agent], key=lambda k: k[:3]):
            _, score, file, number, customer, keys, reason, quote, where = record
            sheet.put(
                [
                    card.agent,
                    card.mean_score,
                    f"{file} #{number} ({customer})",
                    score,
                    ", ".join(keys),
                    reason,
                    quote,
                    where,
                ]
            )


def _files(book: Workbook, clean: Callable[[str], str]) -> _Sheet:
    headers = ["file", "status", "messages", "warnings or error"]
    return _Sheet(book, "Files", headers, [48, 9, 10, 90], clean, texts=[0, 3], wrapped=[0, 3])


def audit_workbook(
    result: AuditResult, *, clean: Callable[[str], str] = str, title: Sequence[str] = ()
) -> bytes:
    """The workbook's bytes."""
    out = io.BytesIO()
    WorkbookWriter(clean).write(result, out, title=title)
    return out.getvalue()


def title_lines(result: AuditResult, period: str, run: date) -> tuple[str, str]:
    """The Summary's title: what was audited and when, given by the caller (the core
    never reads the clock): "Customer-service audit: 2026-W47 (2026-11-16 to
    2026-11-22)", then the counts and the run's date."""
    chats = sum(f.status != "error" for f in result.files)
    errors = len(result.files) - chats
    return (
        f"Customer-service audit: {period}",
        f"{len(result.conversations):,} conversations in {chats:,} chats; {errors:,} "
        f"file{'' if errors == 1 else 's'} with errors; run on {run.isoformat()}",
    )


class WorkbookWriter:
    """The workbook in two steps: set up before the audit, so that its workers can
    render each conversation's rows (``render``) as they judge it, and written after.

    openpyxl writes the workbook (headers, styles, widths, filters, print setup, the
    Summary and its chart); the rows of the listing sheets are written as the XML it
    would write, into temporary files, and spliced into the saved workbook: openpyxl's
    cell objects cost some 30 µs a cell, and a month of findings is millions of cells.
    """

    def __init__(
        self,
        clean: Callable[[str], str] = str,
        *,
        good: float = 0.8,
        poor: float = 0.5,
        compare: bool = False,
    ) -> None:
        self.good, self.poor = good, poor  # the pass rates coloured green, and red under
        self.compare = compare  # the Summary has the previous period's columns
        self.book = Workbook(write_only=True)
        self.summary = _summary(self.book, clean, compare=compare)
        self.coaching = _coaching(self.book, clean)
        self.listed = [
            _conversations(self.book, clean),
            _findings(self.book, clean),
            _response_times(self.book, clean),
        ]
        self.files = _files(self.book, clean)
        self._done = [False]  # written, or let go
        sheets = [self.summary, self.coaching, *(sheet for sheet, _ in self.listed), self.files]
        self._closer = weakref.finalize(self, _let_go, sheets, self._done)

    def render(self, result: ConversationResult) -> str:
        """One conversation's rows of each listing sheet, numbered later by ``write``,
        and what the Coaching sheet may need of it."""
        rows = (("".join(map(sheet.row, values(result)))) for sheet, values in self.listed)
        return _SHEET.join((*rows, _coaching_record(result)))

    def write(
        self,
        result: AuditResult,
        out: BinaryIO,
        rendered: Iterable[str] | None = None,
        *,
        title: Sequence[str] = (),
        previous: Sequence[AgentScorecard] | None = None,
    ) -> None:
        """Write the workbook of ``result`` to ``out``; ``rendered``: what ``render``
        made of each of its conversations, in order (else it is made here); ``title``:
        the Summary's first lines (see ``title_lines``)."""
        self.summary.begin(title)
        compared = (previous or ()) if self.compare else None
        _fill_summary(self.summary, result, self.good, self.poor, compared)
        sheets = [sheet for sheet, _ in self.listed]
        # per agent, the weakest conversations so far: a month is never held at once
        weakest: dict[str, list[tuple[Any, ...]]] = {}
        for chunk in map(self.render, result.conversations) if rendered is None else rendered:
            *parts, coached = chunk.split(_SHEET)
            for sheet, rows in zip(sheets, parts, strict=True):
                sheet.take(rows)
            if coached:
                record = json.loads(coached)
                for agent in record[0]:
                    kept = weakest.setdefault(agent, [])
                    kept.append((record[1], record[2], record[3], record))
                    if len(kept) > _COACHED:  # the strongest of them goes
                        kept.sort(key=lambda k: k[:3])
                        kept.pop()
        _fill_coaching(self.coaching, result, weakest)
        for report in result.files:
            problems = [str(n) for n in report.notices]
            problems += [str(report.error)] if report.error else []
            self.files.put(
                [report.file, report.status, report.messages, "\n".join(problems) or None]
            )
        everything = [self.summary, self.coaching, *sheets, self.files]
        notes = [f"{s.sheet.title}: {n}" for s in everything for n in dict.fromkeys(s.notes)]
        if notes:  # what had to be cut to fit Excel, said where a reader sees it
            everything.append(_Sheet(self.book, "Notes", ["note"], [100], str, texts=[0]))
            everything[-1].limit = len(notes) + 1  # a few lines: never cut
            for note in notes:
                everything[-1].put([note])
        for sheet in everything:
            sheet.finish()
        self._done[0] = True
        with temporary_space():
            saved = tempfile.TemporaryFile()  # noqa: SIM115  (closed below)
        with saved:
            with temporary_space():
                self.book.save(saved)
            saved.seek(0)
            _splice(saved, out, {s.sheet.path.lstrip("/"): s for s in everything})

    def close(self) -> None:
        """Let go of what was set up, if the workbook was not written (an error, Ctrl-C):
        openpyxl's sheets and their temporary files. Also done when it is collected."""
        self._closer()


def _let_go(sheets: list[_Sheet], done: list[bool]) -> None:
    """Close sheets set up but never saved; unclosed, openpyxl's writers complain on
    stderr as they are collected."""
    if done[0]:
        return
    done[0] = True
    for sheet in sheets:
        with contextlib.suppress(Exception):  # half-written: nothing to keep
            sheet.sheet.close()
        sheet.spool.close()


def _splice(saved: BinaryIO, out: BinaryIO, streamed: Mapping[str, _Sheet]) -> None:
    """Copy the saved workbook to ``out``, the streamed sheets' rows put in their place."""
    with (
        zipfile.ZipFile(saved) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            sheet = streamed.get(info.filename)
            if sheet is None:
                target.writestr(info, source.read(info))
                continue
            xml = source.read(info).decode()
            head, tail = xml.split("</sheetData>", 1)
            entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry._compresslevel = 1  # type: ignore[attr-defined]  # fast: sheets are big
            size = len(xml) + sheet.spool.seek(0, os.SEEK_END)
            with target.open(entry, "w", force_zip64=size >= zipfile.ZIP64_LIMIT) as member:
                member.write(head.encode())
                sheet.spool.seek(0)
                shutil.copyfileobj(sheet.spool, member, 1 << 20)
                member.write(f"</sheetData>{tail}".encode())
            sheet.spool.close()


def _append(sheet: Worksheet, values: list[Any]) -> None:
    """A row of an openpyxl sheet whose text is always text: an agent named
    "=HYPERLINK(...)" would otherwise be written as a formula."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.value = _FORBIDDEN.sub("\ufffd", cell.value)
            cell.data_type = "s"


def trend_workbook(
    rows: Sequence[Mapping[str, Any]], *, clean: Callable[[str], str] = str
) -> bytes:
    """``history.trend``'s rows as a workbook: a Trend sheet of each agent's mean score
    per week (a week a row, an agent a column) under a line chart of them, one line an
    agent, and a Figures sheet of every row."""
    book = Workbook()
    del book[book.sheetnames[0]]  # the default sheet
    sheet = book.create_sheet("Trend")
    weeks = sorted({r["week"] for r in rows})
    agents = sorted({r["agent"] for r in rows})
    score = {(r["week"], r["agent"]): r["mean_score"] for r in rows}
    _append(sheet, ["week", *(clean(a) for a in agents)])
    for week in weeks:
        sheet.append([week, *(score.get((week, a)) for a in agents)])
    for cell in sheet[1]:
        cell.font, cell.alignment = _BOLD, _WRAP
    sheet.column_dimensions["A"].width = 11
    for index in range(2, len(agents) + 2):
        sheet.column_dimensions[get_column_letter(index)].width = 14
    sheet.freeze_panes = "B2"
    if weeks and agents:
        chart = LineChart()
        chart.title, chart.y_axis.title, chart.x_axis.title = "Mean score per week", "score", "week"
        chart.add_data(
            Reference(sheet, min_col=2, max_col=len(agents) + 1, min_row=1, max_row=len(weeks) + 1),
            titles_from_data=True,
        )
        chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=len(weeks) + 1))
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
        chart.height, chart.width = 9, 18
        for series in chart.series:  # a week with one agent's score shows as a point
            series.marker.symbol, series.smooth = "circle", False
        sheet.add_chart(chart, f"A{len(weeks) + 3}")
    figures = book.create_sheet("Figures")
    from cs_audit.history import TREND_COLUMNS  # noqa: PLC0415

    figures.append(list(TREND_COLUMNS))
    for cell in figures[1]:
        cell.font, cell.alignment = _BOLD, _WRAP
    for r in rows:
        _append(
            figures, [clean(v) if isinstance(v, str) else v for v in (r[c] for c in TREND_COLUMNS)]
        )
    for index in range(1, len(TREND_COLUMNS) + 1):
        figures.column_dimensions[get_column_letter(index)].width = 12
    figures.freeze_panes = "A2"
    for page in (sheet, figures):
        page.page_setup.orientation = "landscape"
        page.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
