"""The audit as one JSON document: files, conversations, agents."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from cs_audit.models import Evidence
from cs_audit.pipeline import AuditResult, ConversationResult, Results
from cs_audit.scorecards import AgentScorecard


def whole_seconds(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 1)


def _evidence(evidence: Evidence) -> dict[str, Any]:
    return {
        "file": evidence.file,
        "line": evidence.line,
        "timestamp": evidence.timestamp.isoformat(),
        "author": evidence.author,
        "text": evidence.text,
    }


def _conversation(result: ConversationResult) -> dict[str, Any]:
    conversation, metrics = result.conversation, result.metrics
    return {
        "file": conversation.file,
        "index": conversation.index,
        "customer": conversation.customer,
        "agents": list(conversation.agents),
        "start": conversation.start.isoformat(),
        "end": conversation.end.isoformat(),
        "first_response_seconds": whole_seconds(metrics.first_response_seconds),
        "first_response_business_seconds": whole_seconds(metrics.first_response_business_seconds),
        "unanswered_turns": metrics.unanswered_turns,
        "turns": [
            {
                "start": timing.start.isoformat(),
                "line": turn.line,
                "messages": turn.messages,
                "reply_at": timing.reply_at.isoformat() if timing.reply_at else None,
                "agent": turn.agent,
                "response_seconds": whole_seconds(timing.calendar_seconds),
                "business_seconds": whole_seconds(timing.business_seconds),
                "within_sla": timing.within_sla,
                "within_live_chat": timing.within_live_chat,
            }
            for turn, timing in zip(conversation.turns, metrics.turns, strict=True)
        ],
        "messages": {
            "customer": metrics.customer_messages,
            "agent": metrics.agent_messages,
            "automated": metrics.automated_messages,
        },
        "automated": [_evidence(e) for e in conversation.automated],
        "duration_seconds": whole_seconds(metrics.duration_seconds),
        "sla_share": metrics.sla_share,
        "live_chat_share": metrics.live_chat_share,
        "score": result.score,
        "criteria": {
            key: {
                "verdict": outcome.verdict.value,
                "reason": outcome.reason,
                "evidence": [_evidence(e) for e in outcome.evidence],
                **dict(outcome.details),
            }
            for key, outcome in result.criteria.items()
        },
        "flags": [
            {
                "flag": flag.key,
                "reason": flag.reason,
                "evidence": [_evidence(e) for e in flag.evidence],
            }
            for flag in result.flags
        ],
        "language": result.language,
    }


def _agent(card: AgentScorecard) -> dict[str, Any]:
    return {
        "agent": card.agent,
        "conversations": card.conversations,
        "replies": card.replies,
        "mean_score": card.mean_score,
        "pass_rates": dict(card.pass_rates),
        "first_response_median_seconds": whole_seconds(card.first_response_median),
        "first_response_p90_seconds": whole_seconds(card.first_response_p90),
        "sla_share": card.sla_share,
        "unanswered_turns": card.unanswered_turns,
    }


def _before(card: AgentScorecard | None) -> dict[str, Any]:
    """An agent's figures in the period before (none: they had no conversation then)."""
    if card is None:
        return {"conversations": 0, "mean_score": None, "sla_share": None}
    return {
        "conversations": card.conversations,
        "mean_score": card.mean_score,
        "sla_share": card.sla_share,
    }


def audit_json(result: AuditResult) -> str:
    """The document, UTF-8 text, keys in a fixed order, ending in a newline."""
    return "".join(audit_json_parts(result))


def conversation_line(result: ConversationResult) -> str:
    """One conversation as the document's line holds it (for ``audit(render=...)``)."""
    return _encode(_conversation(result))


def audit_json_parts(
    result: AuditResult, previous: Sequence[AgentScorecard] | None = None
) -> Iterator[str]:
    """The document in pieces, a whole line each, so it can be written as it is made.
    With ``previous`` (--compare-previous, or a history), each agent also holds
    ``previous``: the period before's conversations, mean score and SLA share.

    Each top-level list's items are one per line: as easy to grep and diff as indented
    JSON, and written by json's C encoder (indenting falls back to the Python one,
    which took a quarter of a 1,000-chat audit).
    """
    files = (
        {
            "file": f.file,
            "status": f.status,
            "messages": f.messages,
            "warnings": [str(n) for n in f.notices],
            "error": str(f.error) if f.error else None,
        }
        for f in result.files
    )
    yield '{\n  "files": '
    yield from array_parts(files, indent=2)
    yield ',\n  "conversations": '
    rows = result.conversations
    lines = rows.lines(conversation_line) if isinstance(rows, Results) else None
    if lines is None:
        yield from array_parts(map(_conversation, result.conversations), indent=2)
    else:  # rendered by the workers that judged them
        yield from array_parts(lines, indent=2, encoded=True)
    yield ',\n  "agents": '
    if previous is None:
        yield from array_parts(map(_agent, result.agents), indent=2)
    else:
        before = {card.agent: card for card in previous}
        yield from array_parts(
            ({**_agent(c), "previous": _before(before.get(c.agent))} for c in result.agents),
            indent=2,
        )
    yield "\n}\n"


# NaN and Infinity are not JSON: a number that became one is a bug, said for its file
_encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode


def array_parts(items: Iterable[Any], *, indent: int = 0, encoded: bool = False) -> Iterator[str]:
    """A JSON array with one compact item per line, closed at ``indent`` spaces, in
    pieces: the opening, each item on its line, the closing. ``encoded``: the items
    are JSON text already."""
    pad = " " * indent
    opening = "[\n"
    for item in items:
        yield f"{opening}{pad}  {item if encoded else _encode(item)}"
        opening = ",\n"
    yield "[]" if opening == "[\n" else f"\n{pad}]"
