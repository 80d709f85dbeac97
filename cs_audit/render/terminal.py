"""The scorecard for the terminal: one row per agent, then the weakest conversations.

Chat text goes in as ``Text`` (never read as markup); colours only where the console
has them. Fits 80 columns.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Sequence
from typing import Any

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from cs_audit.metrics import duration
from cs_audit.models import Verdict
from cs_audit.pipeline import AuditResult, ConversationResult
from cs_audit.rubric import CRITERIA
from cs_audit.scorecards import AgentScorecard

# Control characters in chat text could drive the supervisor's terminal (ESC [2J clears
# it): they are shown as U+FFFD instead.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Chat text safe to print on a terminal (newlines and tabs kept)."""
    return _CONTROL.sub("\ufffd", text)


SHORT = {
    "response_speed": "spd",
    "greeting": "grt",
    "needs_inquiry": "ask",
    "answers_questions": "ans",
    "accurate_concise": "acc",
    "polite_closing": "cls",
}


def _share(value: float | None) -> str:
    return "-" if value is None else str(round(100 * value))


def _style(score: float | None) -> str:
    if score is None:
        return ""
    return "green" if score >= 80 else "yellow" if score >= 50 else "red"


def _score_cell(card: AgentScorecard, before: AgentScorecard | None, compare: bool) -> Text:
    score = "-" if card.mean_score is None else f"{card.mean_score:.0f}"
    text = Text(score, style=_style(card.mean_score))
    if compare:
        if before is None or before.mean_score is None or card.mean_score is None:
            text.append(" new", style="dim")
        else:
            change = round(card.mean_score - before.mean_score)
            text.append(f" {change:+d}", style="green" if change >= 0 else "red")
    return text


_NUMBERS = ("n", "score", *(SHORT[k] for k in CRITERIA), "1st", "p90", "SLA", "un")
# what a narrow terminal leaves out first; the agent's name and score never go
_LEFT_OUT_FIRST = ("p90", "un", "SLA", "n", "1st", "cls", "grt", "ask", "spd", "acc", "ans")
_NAME_WIDTH = 8  # the least an agent's name is given, folded beyond it


_CRITERIA_KEY = ", ".join(f"{SHORT[k]}: {k}" for k in CRITERIA) + "."  # a caption's end


def _table(title: str) -> Table:
    """A table as the scorecard's are laid out: title and caption on the left, a rule
    under the header, no padding at the edges or doubled between columns."""
    return Table(
        title=title,
        title_justify="left",
        caption_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )


def _caption(conversations: int, shown: Sequence[str], left_out: Sequence[str]) -> str:
    """What the shown columns mean, and which were left out to fit."""
    first = {"1st", "p90"} & set(shown)
    meanings = [
        "n: conversations" if "n" in shown else "",
        {
            2: "1st, p90: first response, median and 90th percentile",
            1: "1st: first response, median"
            if "1st" in shown
            else "p90: first response, 90th percentile",
            0: "",
        }[len(first)],
        "un: unanswered turns" if "un" in shown else "",
        *(f"{SHORT[k]}: {k}" for k in CRITERIA if SHORT[k] in shown),
    ]
    text = f"{conversations} conversations. " + "; ".join(m for m in meanings if m) + "."
    return text + (f" Left out to fit: {', '.join(left_out)}." if left_out else "")


class _Agents:
    """The agents' table, fitted to the console's width: a narrow terminal drops numeric
    columns (p90 first), never the agents' names, and the caption says which."""

    def __init__(
        self,
        result: AuditResult,
        clean: Callable[[str], str],
        previous: Sequence[AgentScorecard] | None,
    ) -> None:
        before = {c.agent: c for c in previous or ()}
        self.names = [Text(clean(card.agent)) for card in result.agents]
        self.rows: list[tuple[str | Text, ...]] = [
            (
                str(card.conversations),
                _score_cell(card, before.get(card.agent), previous is not None),
                *(_share(card.pass_rates[key]) for key in CRITERIA),
                duration(card.first_response_median),
                duration(card.first_response_p90),
                _share(card.sla_share),
                str(card.unanswered_turns),
            )
            for card in result.agents
        ]
        self.conversations = len(result.conversations)

    def _width(self, shown: Sequence[int]) -> int:
        """The width the table takes with these numeric columns: each as wide as its
        widest cell, two spaces between columns."""
        name = max([_NAME_WIDTH, *(len(n) for n in self.names)])
        cells = [max([len(_NUMBERS[i]), *(len(str(row[i])) for row in self.rows)]) for i in shown]
        return name + sum(cells) + 2 * len(cells) + 2

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        shown = list(range(len(_NUMBERS)))
        left_out: list[str] = []
        for header in _LEFT_OUT_FIRST:
            if self._width(shown) <= options.max_width:
                break
            shown.remove(_NUMBERS.index(header))
            left_out.append(header)
        table = _table("Scorecard per agent (pass rates and SLA in %)")
        table.add_column("agent", overflow="fold", min_width=_NAME_WIDTH, ratio=1)
        for i in shown:
            table.add_column(_NUMBERS[i], justify="right", no_wrap=True)
        for name, row in zip(self.names, self.rows, strict=True):
            table.add_row(name, *(row[i] for i in shown))
        table.caption = _caption(self.conversations, [_NUMBERS[i] for i in shown], left_out)
        yield table


def _weakest(
    results: list[ConversationResult],
    clean: Callable[[str], str],
    on_bug: Callable[[ConversationResult, Exception], None] | None,
) -> Table:
    table = Table(
        title="Weakest conversations", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False
    )
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column(
        "conversation, first failing criterion, the line that decided it", overflow="fold"
    )
    for r in results:
        try:
            score, body = _weak_row(r, clean)
        except Exception as error:
            if on_bug is None:
                raise
            on_bug(r, error)
            continue
        table.add_row(score, body)
    return table


def _weak_row(r: ConversationResult, clean: Callable[[str], str]) -> tuple[Text, Text]:
    conversation = r.conversation
    body = Text(
        clean(f"{conversation.file} #{conversation.index + 1} ({conversation.customer})"),
        style="bold",
    )
    failing = [r.criteria[k] for k in CRITERIA if r.criteria[k].verdict is Verdict.FAIL]
    if failing:
        first = failing[0]
        body.append(f"\n{first.key}: ", style="red")
        body.append(clean(first.reason))
        if first.evidence:
            evidence = first.evidence[0]
            body.append(f"\n  line {evidence.line}: ", style="dim")
            body.append(clean(" ".join(evidence.text.split())[:200]))
    return Text(f"{r.score:.0f}", style=_style(r.score)), body


def scorecard(
    result: AuditResult,
    *,
    clean: Callable[[str], str] = str,
    weakest: int = 5,
    previous: Sequence[AgentScorecard] | None = None,
    on_bug: Callable[[ConversationResult, Exception], None] | None = None,
) -> Group:
    """The agents' table and the weakest conversations; ``clean`` redacts text;
    ``on_bug`` hears of a conversation that could not be shown (it is left out)."""
    weak = heapq.nsmallest(  # only the few kept: a month of results is never sorted
        weakest,
        (r for r in result.conversations if r.score is not None and r.score < 100),
        key=lambda r: (r.score or 0.0, r.conversation.file, r.conversation.index),
    )
    parts: list[RenderableType] = [_Agents(result, clean, previous)]
    if weak:
        parts.append(_weakest(weak, clean, on_bug))
    return Group(*parts)


def conversation_table(
    result: AuditResult,
    *,
    clean: Callable[[str], str] = str,
    on_bug: Callable[[ConversationResult, Exception], None] | None = None,
) -> Table:
    """One row per conversation, in the audit's order: where it is, who answered, its
    score, the criteria it failed and its first response. Names fold, never vanish."""
    table = _table("Conversations (failed: the criteria a conversation failed)")
    table.add_column("conversation", overflow="fold", ratio=3, min_width=12)
    table.add_column("agents", overflow="fold", ratio=1, min_width=_NAME_WIDTH)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("failed", overflow="fold", ratio=1, min_width=3)
    table.add_column("1st", justify="right", no_wrap=True)
    shown = 0
    for r in result.conversations:
        try:
            c = r.conversation
            failed = [SHORT[k] for k in CRITERIA if r.criteria[k].verdict is Verdict.FAIL]
            cells = (
                Text(clean(f"{c.file} #{c.index + 1} ({c.customer})")),
                Text(clean(", ".join(c.agents))),
                Text("-" if r.score is None else f"{r.score:.0f}", style=_style(r.score)),
                Text(" ".join(failed) or "-", style="red" if failed else ""),
                duration(r.metrics.first_response_seconds),
            )
        except Exception as error:
            if on_bug is None:
                raise
            on_bug(r, error)
            continue
        table.add_row(*cells)
        shown += 1
    table.caption = (
        f"{shown} conversations, numbered from 1 in each file. 1st: first response; "
        + _CRITERIA_KEY
    )
    return table


def trend_table(rows: Sequence[dict[str, Any]], *, clean: Callable[[str], str] = str) -> Table:
    """``history.trend``'s rows: per ISO week and agent, the mean score, each
    criterion's pass rate, the median first response and the SLA share (in %)."""
    table = _table("Trend per agent and week (pass rates and SLA in %)")
    table.add_column("week", no_wrap=True)
    table.add_column("agent", overflow="fold", min_width=_NAME_WIDTH, ratio=1)
    for header in ("n", "score", *(SHORT[k] for k in CRITERIA), "1st", "SLA"):
        table.add_column(header, justify="right", no_wrap=True)
    for row in rows:
        score = row["mean_score"]
        table.add_row(
            row["week"],
            Text(clean(row["agent"])),
            str(row["conversations"]),
            Text("-" if score is None else f"{score:.0f}", style=_style(score)),
            *(_share(row[f"pass_rate_{key}"]) for key in CRITERIA),
            duration(row["first_response_median_seconds"]),
            _share(row["sla_share"]),
        )
    table.caption = (
        f"{len(rows)} rows. n: conversations the agent replied in; 1st: first response, "
        "median; " + _CRITERIA_KEY
    )
    return table
