"""The audit as an Excel workbook a team lead opens without help.

Sheets: Summary (per agent, with a bar chart of scores), Conversations, Findings (one
row per verdict), Response times (one row per customer turn), Files. Every sheet has
a frozen header, filters and sensible widths; durations are Excel durations; verdicts
are coloured. Chat text is always a text cell: "=HYPERLINK(...)" from a customer
stays text. Excel's limits are kept: characters XML forbids are replaced, cells are
cut at 32,767 characters and rows at 1,048,576, each with a note.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from cs_audit.pipeline import AuditResult
from cs_audit.render.rows import TURN_COLUMNS, finding_rows, turn_rows
from cs_audit.rubric import CRITERIA

MAX_CELL = 32_767
MAX_ROWS = 1_048_576
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # XML 1.0 forbids these
_FILLS = {
    "pass": PatternFill("solid", start_color="C6EFCE"),
    "fail": PatternFill("solid", start_color="FFC7CE"),
    "n/a": PatternFill("solid", start_color="EDEDED"),
}
_DURATION = "[h]:mm:ss"
_BOLD = Font(bold=True)


class _Sheet:
    """Rows of one sheet, with the notes of whatever had to be cut."""

    def __init__(
        self,
        book: Workbook,
        title: str,
        headers: Sequence[str],
        widths: Sequence[int],
        clean: Callable[[str], str],
    ) -> None:
        self.sheet: Worksheet = book.create_sheet(title)
        self.clean = clean
        self.notes: list[str] = []
        self.sheet.append(list(headers))
        for cell in self.sheet[1]:
            cell.font = _BOLD
        for index, width in enumerate(widths, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = width
        self.columns = len(headers)
        self.rows = 1  # counted here: openpyxl's max_row scans every cell, each time

    def text(self, value: str | None) -> str | None:
        """Chat or file text, safe for a cell."""
        if value is None:
            return None
        value = _FORBIDDEN.sub("\ufffd", self.clean(value))
        if len(value) > MAX_CELL:
            self.notes.append(
                f"a text of {len(value):,} characters was cut to Excel's {MAX_CELL:,}"
            )
            value = value[: MAX_CELL - 1] + "…"
        return value

    def add(
        self,
        values: Sequence[Any],
        *,
        texts: Iterable[int] = (),
        durations: Iterable[int] = (),
        verdicts: Iterable[int] = (),
    ) -> None:
        """A row; ``texts`` are 0-based columns forced to text, ``durations`` hold seconds."""
        if self.rows >= MAX_ROWS:
            if not self.notes or not self.notes[-1].startswith("rows past"):
                self.notes.append(f"rows past Excel's {MAX_ROWS:,} were left out")
            return
        self.sheet.append([None] * len(values))
        self.rows += 1
        row = self.rows
        texts, durations, verdicts = set(texts), set(durations), set(verdicts)
        for index, value in enumerate(values):
            cell = self.sheet.cell(row=row, column=index + 1)
            if index in texts:
                cell.value = self.text(value)
                if cell.value is not None:
                    cell.data_type = "s"  # never a formula, whatever the chat says
            elif index in durations and value is not None:
                cell.value = value / 86_400
                cell.number_format = _DURATION
            else:
                cell.value = value
            if index in verdicts and value in _FILLS:
                cell.fill = _FILLS[value]

    def finish(self) -> None:
        last = get_column_letter(self.columns)
        self.sheet.freeze_panes = "A2"
        # Printed, a sheet is landscape and one page wide, its header on every page.
        self.sheet.page_setup.orientation = "landscape"
        self.sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        self.sheet.page_setup.fitToWidth = 1
        self.sheet.page_setup.fitToHeight = 0
        self.sheet.print_title_rows = "1:1"
        self.sheet.auto_filter.ref = f"A1:{last}{self.rows}"


def _summary(book: Workbook, result: AuditResult, clean: Callable[[str], str]) -> _Sheet:
    headers = [
        "agent",
        "conversations",
        "replies",
        "mean score",
        *(f"{key} pass rate" for key in CRITERIA),
        "first response median",
        "first response p90",
        "SLA share",
        "unanswered turns",
    ]
    sheet = _Sheet(
        book, "Summary", headers, [22, 14, 9, 11, *[26] * len(CRITERIA), 20, 18, 10, 16], clean
    )
    for card in result.agents:
        sheet.add(
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
            ],
            texts=[0],
            durations=[4 + len(CRITERIA), 5 + len(CRITERIA)],
        )
    for row in sheet.sheet.iter_rows(min_row=2, min_col=5, max_col=4 + len(CRITERIA)):
        for cell in row:
            cell.number_format = "0%"
    for row in sheet.sheet.iter_rows(
        min_row=2, min_col=7 + len(CRITERIA), max_col=7 + len(CRITERIA)
    ):
        for cell in row:
            cell.number_format = "0%"
    if result.agents:
        chart = BarChart()
        chart.type, chart.title, chart.y_axis.title = "bar", "Mean score per agent", "score"
        chart.add_data(
            Reference(sheet.sheet, min_col=4, min_row=1, max_row=len(result.agents) + 1),
            titles_from_data=True,
        )
        chart.set_categories(
            Reference(sheet.sheet, min_col=1, min_row=2, max_row=len(result.agents) + 1)
        )
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
        chart.legend = None
        sheet.sheet.add_chart(chart, f"A{len(result.agents) + 4}")
    return sheet


def _conversations(book: Workbook, result: AuditResult, clean: Callable[[str], str]) -> _Sheet:
    headers = [
        "file",
        "conversation",
        "customer",
        "agents",
        "start",
        "messages",
        "first response",
        "unanswered turns",
        *CRITERIA,
        "score",
        "flags",
        "language",
    ]
    sheet = _Sheet(
        book,
        "Conversations",
        headers,
        [40, 13, 22, 22, 18, 10, 14, 17, *[18] * len(CRITERIA), 8, 24, 9],
        clean,
    )
    for r in result.conversations:
        c, m = r.conversation, r.metrics
        sheet.add(
            [
                c.file,
                c.index,
                c.customer,
                ", ".join(c.agents),
                c.start,
                m.customer_messages + m.agent_messages + m.automated_messages,
                m.first_response_seconds,
                m.unanswered_turns,
                *(r.criteria[key].verdict.value for key in CRITERIA),
                r.score,
                ", ".join(f.key for f in r.flags),
                r.language,
            ],
            texts=[0, 2, 3, 9 + len(CRITERIA)],
            durations=[6],
            verdicts=range(8, 8 + len(CRITERIA)),
        )
    for cell in sheet.sheet["E"][1:]:
        cell.number_format = "yyyy-mm-dd hh:mm"
    return sheet


def _findings(book: Workbook, result: AuditResult, clean: Callable[[str], str]) -> _Sheet:
    headers = [
        "file",
        "conversation",
        "customer",
        "criterion or flag",
        "verdict",
        "reason",
        "quote",
        "where",
        "timestamp",
        "author",
    ]
    sheet = _Sheet(book, "Findings", headers, [40, 13, 22, 20, 9, 60, 60, 44, 18, 22], clean)
    keys = (
        "file",
        "conversation",
        "customer",
        "key",
        "verdict",
        "reason",
        "quote",
        "file_line",
        "timestamp",
        "author",
    )
    for row in finding_rows(result):
        sheet.add([row[k] for k in keys], texts=[0, 2, 5, 6, 7, 9], verdicts=[4])
    for cell in sheet.sheet["I"][1:]:
        cell.number_format = "yyyy-mm-dd hh:mm:ss"
    return sheet


def _response_times(book: Workbook, result: AuditResult, clean: Callable[[str], str]) -> _Sheet:
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
        "open-hours time",
        "within SLA",
    ]
    sheet = _Sheet(
        book, "Response times", headers, [40, 13, 22, 18, 7, 10, 18, 16, 14, 15, 11], clean
    )
    keys = TURN_COLUMNS[:-1]  # within_sla is shown as pass/fail/unanswered
    for row in turn_rows(result):
        within = {True: "pass", False: "fail", None: "unanswered"}[row["within_sla"]]
        sheet.add(
            [*(row[k] for k in keys), within], texts=[0, 2, 7], durations=[8, 9], verdicts=[10]
        )
    for column in ("D", "G"):
        for cell in sheet.sheet[column][1:]:
            cell.number_format = "yyyy-mm-dd hh:mm:ss"
    return sheet


def _files(book: Workbook, result: AuditResult, clean: Callable[[str], str]) -> _Sheet:
    sheet = _Sheet(
        book, "Files", ["file", "status", "messages", "warnings or error"], [48, 9, 10, 90], clean
    )
    for report in result.files:
        problems = [str(n) for n in report.notices] + ([str(report.error)] if report.error else [])
        sheet.add(
            [report.file, report.status, report.messages, "\n".join(problems) or None], texts=[0, 3]
        )
    return sheet


def audit_workbook(result: AuditResult, *, clean: Callable[[str], str] = str) -> bytes:
    """The workbook's bytes (the caller writes them atomically)."""
    book = Workbook()
    default = book.active
    if default is not None:
        book.remove(default)
    sheets = [
        _summary(book, result, clean),
        _conversations(book, result, clean),
        _findings(book, result, clean),
        _response_times(book, result, clean),
        _files(book, result, clean),
    ]
    notes = [f"{s.sheet.title}: {n}" for s in sheets for n in dict.fromkeys(s.notes)]
    for sheet in sheets:
        sheet.finish()
    if notes:  # what had to be cut to fit Excel, said where a reader sees it
        sheet = book.create_sheet("Notes")
        sheet.append(["note"])
        sheet["A1"].font = _BOLD
        sheet.column_dimensions["A"].width = 100
        for note in notes:
            sheet.append([note])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
