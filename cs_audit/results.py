"""What an audit makes of each input and each conversation: plain data, pickled
compactly between processes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cs_audit.errors import CsAuditError
from cs_audit.metrics import ConversationMetrics
from cs_audit.models import ConversationOutline, CriterionResult, Flag, Notice, compact_pickle


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
    language: str | None  # the customer's: "id", "en", "mixed", or None: too little said
