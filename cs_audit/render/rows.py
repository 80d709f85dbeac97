"""Audit results as flat rows with stable column names, for CSV and JSON on stdout."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from cs_audit.pipeline import AuditResult, ConversationResult
from cs_audit.render.csv import neutralise
from cs_audit.render.json import array_parts, whole_seconds
from cs_audit.rubric import CRITERIA
from cs_audit.scorecards import AgentScorecard

AGENT_COLUMNS: tuple[str, ...] = (
    "agent",
    "conversations",
    "replies",
    "mean_score",
    *(f"pass_rate_{key}" for key in CRITERIA),
    "first_response_median_seconds",
    "first_response_p90_seconds",
    "sla_share",
    "unanswered_turns",
)
CONVERSATION_COLUMNS: tuple[str, ...] = (
    "file",
    "index",
    "customer",
    "agents",
    "start",
    "end",
    "customer_messages",
    "agent_messages",
    "first_response_seconds",
    "unanswered_turns",
    "sla_share",
    "score",
    *CRITERIA,
    "flags",
    "language",
)


PREVIOUS_COLUMNS: tuple[str, ...] = (
    "previous_conversations",
    "previous_mean_score",
    "mean_score_change",
    "previous_sla_share",
    "sla_share_change",
)


def _change(now: float | None, before: float | None, digits: int) -> float | None:
    return None if now is None or before is None else round(now - before, digits)


def agent_rows(
    result: AuditResult, previous: Sequence[AgentScorecard] | None = None
) -> list[dict[str, Any]]:
    """One row per agent; with ``previous``, the previous period's figures and the change."""
    rows = _agent_rows(result)
    if previous is None:
        return rows
    before = {card.agent: card for card in previous}
    for row in rows:
        card = before.get(row["agent"])
        row["previous_conversations"] = card.conversations if card else 0
        row["previous_mean_score"] = card.mean_score if card else None
        row["mean_score_change"] = _change(row["mean_score"], row["previous_mean_score"], 1)
        row["previous_sla_share"] = card.sla_share if card else None
        row["sla_share_change"] = _change(row["sla_share"], row["previous_sla_share"], 3)
    return rows


def _agent_rows(result: AuditResult) -> list[dict[str, Any]]:
    return [
        {
            "agent": card.agent,
            "conversations": card.conversations,
            "replies": card.replies,
            "mean_score": card.mean_score,
            **{f"pass_rate_{key}": card.pass_rates[key] for key in CRITERIA},
            "first_response_median_seconds": whole_seconds(card.first_response_median),
            "first_response_p90_seconds": whole_seconds(card.first_response_p90),
            "sla_share": card.sla_share,
            "unanswered_turns": card.unanswered_turns,
        }
        for card in result.agents
    ]


def conversation_rows(
    result: AuditResult, *, on_bug: Callable[[ConversationResult, Exception], None] | None = None
) -> Iterator[dict[str, Any]]:
    """One row per conversation; criteria as their verdicts. ``on_bug`` hears of a
    conversation whose row could not be made (a bug): it is left out, the rest go on."""
    for r in result.conversations:
        try:
            row = conversation_row(r)
        except Exception as error:
            if on_bug is None:
                raise
            on_bug(r, error)
            continue
        yield row


def conversation_row(r: ConversationResult) -> dict[str, Any]:
    """One conversation as a row."""
    return {
        "file": r.conversation.file,
        "index": r.conversation.index,
        "customer": r.conversation.customer,
        "agents": "; ".join(r.conversation.agents),
        "start": r.conversation.start.isoformat(),
        "end": r.conversation.end.isoformat(),
        "customer_messages": r.metrics.customer_messages,
        "agent_messages": r.metrics.agent_messages,
        "first_response_seconds": whole_seconds(r.metrics.first_response_seconds),
        "unanswered_turns": r.metrics.unanswered_turns,
        "sla_share": r.metrics.sla_share,
        "score": r.score,
        **{key: r.criteria[key].verdict.value for key in CRITERIA},
        "flags": "; ".join(f.key for f in r.flags),
        "language": r.language,
    }


FINDING_COLUMNS = (
    "file",
    "conversation",
    "customer",
    "key",
    "verdict",
    "reason",
    "file_line",
    "timestamp",
    "author",
    "quote",
)
TURN_COLUMNS = (
    "file",
    "conversation",
    "customer",
    "start",
    "line",
    "messages",
    "reply_at",
    "agent",
    "response_seconds",
    "business_seconds",
    "within_sla",
)


def finding_rows(result: AuditResult) -> Iterator[dict[str, Any]]:
    """One row per verdict or flag, with its first piece of evidence."""
    for r in result.conversations:
        yield from findings_of(r)


def findings_of(r: ConversationResult) -> Iterator[dict[str, Any]]:
    """``finding_rows`` of one conversation."""
    c = r.conversation
    items = [(k, o.verdict.value, o.reason, o.evidence) for k, o in r.criteria.items()]
    items += [(f.key, "flag", f.reason, f.evidence) for f in r.flags]
    for key, verdict, reason, evidence in items:
        first = evidence[0] if evidence else None
        yield {
            "file": c.file,
            "conversation": c.index,
            "customer": c.customer,
            "key": key,
            "verdict": verdict,
            "reason": reason,
            "file_line": f"{first.file}:{first.line}" if first else None,
            "line": first.line if first else None,
            "timestamp": first.timestamp if first else None,
            "author": first.author if first else None,
            "quote": first.text if first else None,
        }


def turn_rows(result: AuditResult) -> Iterator[dict[str, Any]]:
    """One row per customer turn."""
    for r in result.conversations:
        yield from turns_of(r)


def turns_of(r: ConversationResult) -> Iterator[dict[str, Any]]:
    """``turn_rows`` of one conversation."""
    c = r.conversation
    for turn, timing in zip(c.turns, r.metrics.turns, strict=True):
        yield {
            "file": c.file,
            "conversation": c.index,
            "customer": c.customer,
            "start": timing.start,
            "line": turn.line,
            "messages": turn.messages,
            "reply_at": timing.reply_at,
            "agent": turn.agent,
            "response_seconds": whole_seconds(timing.calendar_seconds),
            "business_seconds": whole_seconds(timing.business_seconds),
            "within_sla": timing.within_sla,
        }


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return neutralise(value) if isinstance(value, str) else value


def rows_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> Iterator[str]:
    """CSV with a header, a few hundred rows a piece; text cells can never become
    spreadsheet formulas."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    rows = iter(rows)
    while batch := list(islice(rows, 256)):
        writer.writerows([_cell(row[c]) for c in columns] for row in batch)
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()


def rows_json(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The rows as a JSON array, a row a piece."""
    yield from array_parts(rows)
    yield "\n"
