"""Kecepatan Respon: every customer turn gets a human reply within the SLA target."""

from __future__ import annotations

from cs_audit.criteria.base import Context, result
from cs_audit.metrics import TurnTiming, duration
from cs_audit.models import CriterionResult, Message, MessageKind, Turn, Verdict

KEY = "response_speed"


def _waited(timing: TurnTiming) -> float:
    """Open time when business hours are set, else calendar time."""
    if timing.business_seconds is not None:
        return timing.business_seconds
    return timing.calendar_seconds or 0.0


def _asked(turn: Turn) -> Message:
    """The message a turn's wait is shown by: its first, or where that was deleted, the
    first the customer did not take back (the clock still runs from the first)."""
    return next((m for m in turn.messages if m.kind is not MessageKind.DELETED), turn.messages[0])


def judge(ctx: Context) -> CriterionResult:
    conversation, timings = ctx.conversation, ctx.metrics.turns
    target = ctx.config.sla_target.total_seconds()
    pending = list(zip(conversation.turns, timings, strict=True))
    if not pending:
        return result(KEY, Verdict.NOT_APPLICABLE, "the customer asked nothing that needed a reply")
    unanswered = [turn for turn, timing in pending if turn.reply is None]
    if unanswered:
        return result(
            KEY,
            Verdict.FAIL,
            f"{len(unanswered)} customer turn(s) never got a human reply",
            _asked(unanswered[0]),
        )

    turn, timing = max(pending, key=lambda pair: _waited(pair[1]))
    assert turn.reply is not None
    slowest = _waited(timing)
    clock = "within business hours" if timing.business_seconds is not None else "calendar time"
    if slowest <= target:
        return result(
            KEY,
            Verdict.PASS,
            f"every turn answered within {duration(target)}; the slowest "
            f"waited {duration(slowest)} ({clock})",
            _asked(turn),
            turn.reply.message,
        )
    return result(
        KEY,
        Verdict.FAIL,
        f"a turn waited {duration(slowest)} ({clock}), over the {duration(target)} target",
        _asked(turn),
        turn.reply.message,
    )
