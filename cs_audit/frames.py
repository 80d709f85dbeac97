"""The audit as pandas DataFrames, for notebooks: agents, conversations, findings, turns.

pandas lives here, at the table edge; nothing else in cs_audit imports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cs_audit.pipeline import AuditResult
from cs_audit.render.rows import (
    AGENT_COLUMNS,
    CONVERSATION_COLUMNS,
    agent_rows,
    conversation_rows,
)

if TYPE_CHECKING:
    import pandas as pd

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


@dataclass(frozen=True)
class AuditFrames:
    """An audit's tables as DataFrames, and the result they were made from."""

    result: AuditResult
    agents: pd.DataFrame
    conversations: pd.DataFrame
    findings: pd.DataFrame
    turns: pd.DataFrame


def _findings(result: AuditResult) -> list[dict[str, Any]]:
    rows = []
    for r in result.conversations:
        c = r.conversation
        items = [(k, o.verdict.value, o.reason, o.evidence) for k, o in r.criteria.items()]
        items += [(f.key, "flag", f.reason, f.evidence) for f in r.flags]
        for key, verdict, reason, evidence in items:
            first = evidence[0] if evidence else None
            rows.append(
                {
                    "file": c.file,
                    "conversation": c.index,
                    "customer": c.customer,
                    "key": key,
                    "verdict": verdict,
                    "reason": reason,
                    "file_line": f"{first.file}:{first.line}" if first else None,
                    "timestamp": first.timestamp if first else None,
                    "author": first.author if first else None,
                    "quote": first.text if first else None,
                }
            )
    return rows


def _turns(result: AuditResult) -> list[dict[str, Any]]:
    return [
        {
            "file": r.conversation.file,
            "conversation": r.conversation.index,
            "customer": r.conversation.customer,
            "start": timing.start,
            "line": turn.messages[0].line,
            "messages": len(turn.messages),
            "reply_at": timing.reply_at,
            "agent": turn.reply.agent if turn.reply else None,
            "response_seconds": timing.calendar_seconds,
            "business_seconds": timing.business_seconds,
            "within_sla": timing.within_sla,
        }
        for r in result.conversations
        for turn, timing in zip(r.conversation.turns, r.metrics.turns, strict=True)
    ]


def frames(result: AuditResult) -> AuditFrames:
    """The result's four tables as DataFrames with stable columns (empty ones too)."""
    import pandas as pd  # noqa: PLC0415  (slow to import: only for notebooks)

    def table(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> pd.DataFrame:
        return pd.DataFrame(rows, columns=list(columns))

    return AuditFrames(
        result=result,
        agents=table(agent_rows(result), AGENT_COLUMNS),
        conversations=table(conversation_rows(result), CONVERSATION_COLUMNS),
        findings=table(_findings(result), FINDING_COLUMNS),
        turns=table(_turns(result), TURN_COLUMNS),
    )
