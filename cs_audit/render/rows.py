"""Audit results as flat rows with stable column names, for CSV and JSON on stdout."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from cs_audit.pipeline import AuditResult
from cs_audit.render.csv import neutralise
from cs_audit.rubric import CRITERIA

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


def agent_rows(result: AuditResult) -> list[dict[str, Any]]:
    """One row per agent."""
    return [
        {
            "agent": card.agent,
            "conversations": card.conversations,
            "replies": card.replies,
            "mean_score": card.mean_score,
            **{f"pass_rate_{key}": card.pass_rates[key] for key in CRITERIA},
            "first_response_median_seconds": card.first_response_median,
            "first_response_p90_seconds": card.first_response_p90,
            "sla_share": card.sla_share,
            "unanswered_turns": card.unanswered_turns,
        }
        for card in result.agents
    ]


def conversation_rows(result: AuditResult) -> list[dict[str, Any]]:
    """One row per conversation; criteria as their verdicts."""
    return [
        {
            "file": r.conversation.file,
            "index": r.conversation.index,
            "customer": r.conversation.customer,
            "agents": "; ".join(r.conversation.agents),
            "start": r.conversation.start.isoformat(),
            "end": r.conversation.end.isoformat(),
            "customer_messages": r.metrics.customer_messages,
            "agent_messages": r.metrics.agent_messages,
            "first_response_seconds": r.metrics.first_response_seconds,
            "unanswered_turns": r.metrics.unanswered_turns,
            "sla_share": r.metrics.sla_share,
            "score": r.score,
            **{key: r.criteria[key].verdict.value for key in CRITERIA},
            "flags": "; ".join(f.key for f in r.flags),
            "language": r.language,
        }
        for r in result.conversations
    ]


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return neutralise(value) if isinstance(value, str) else value


def rows_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """CSV with a header; text cells can never become spreadsheet formulas."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_cell(row[c]) for c in columns] for row in rows)
    return out.getvalue()


def rows_json(rows: Sequence[dict[str, Any]]) -> str:
    """The rows as a JSON array."""
    return json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n"
