"""The audit as pandas DataFrames, for notebooks: agents, conversations, findings, turns.

pandas lives here, at the table edge; nothing else in cs_audit imports it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cs_audit.pipeline import AuditResult
from cs_audit.render.rows import (
    AGENT_COLUMNS,
    CONVERSATION_COLUMNS,
    FINDING_COLUMNS,
    TURN_COLUMNS,
    agent_rows,
    conversation_rows,
    finding_rows,
    turn_rows,
)

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class AuditFrames:
    """An audit's tables as DataFrames, and the result they were made from."""

    result: AuditResult
    agents: pd.DataFrame
    conversations: pd.DataFrame
    findings: pd.DataFrame
    turns: pd.DataFrame


def frames(result: AuditResult) -> AuditFrames:
    """The result's four tables as DataFrames with stable columns (empty ones too)."""
    import pandas as pd  # noqa: PLC0415  (slow to import: only for notebooks)

    def table(rows: Iterable[dict[str, Any]], columns: tuple[str, ...]) -> pd.DataFrame:
        return pd.DataFrame(list(rows), columns=list(columns))

    return AuditFrames(
        result=result,
        agents=table(agent_rows(result), AGENT_COLUMNS),
        conversations=table(conversation_rows(result), CONVERSATION_COLUMNS),
        findings=table(finding_rows(result), FINDING_COLUMNS),
        turns=table(turn_rows(result), TURN_COLUMNS),
    )
