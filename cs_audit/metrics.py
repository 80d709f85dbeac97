"""Response latencies, business hours and the SLA, per conversation.

Latency runs from a customer turn's first message to the first human reply after it.
With business hours configured, the business value counts open time only (split
shifts, holidays, a country's public holidays); the calendar value is always there.
The SLA share is of answered turns; unanswered turns are counted apart.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from operator import attrgetter

from cs_audit.config import AuditConfig, BusinessHours
from cs_audit.models import Conversation, Message, Role, columnar_pickle, compact_pickle

# Enum members looked up once: ``Role.AGENT`` is a class attribute lookup at each use,
# in loops over every message of a year-long chat.
_CUSTOMER, _AGENT = Role.CUSTOMER, Role.AGENT


def duration(seconds: float | None) -> str:
    """A wait as every output writes it: 45s, 1m42, 25m, 2h05, 1d 3h ("-": none)."""
    if seconds is None:
        return "-"
    minutes, secs = divmod(round(seconds), 60)
    hours, mins = divmod(minutes, 60)
    days, hrs = divmod(hours, 24)
    if days:
        return f"{days}d {hrs}h"
    if hours:
        return f"{hours}h{mins:02d}"
    if minutes >= 10 or (minutes and not secs):
        return f"{minutes}m"
    return f"{minutes}m{secs:02d}" if minutes else f"{secs}s"


@compact_pickle
@dataclass(frozen=True, slots=True)
class TurnTiming:
    """How long one customer turn waited."""

    start: datetime
    reply_at: datetime | None
    calendar_seconds: float | None  # None: never answered
    business_seconds: float | None  # None: never answered, or no business hours set
    within_sla: bool | None  # None: never answered
    within_live_chat: bool | None


@columnar_pickle(turns=TurnTiming)
@dataclass(frozen=True, slots=True)
class ConversationMetrics:
    """What a supervisor reads off one conversation's timing."""

    turns: tuple[TurnTiming, ...]
    first_response_seconds: float | None  # calendar; None if the first turn was never answered
    first_response_business_seconds: float | None
    unanswered_turns: int
    customer_messages: int
    agent_messages: int  # human replies
    automated_messages: int
    duration_seconds: float
    sla_share: float | None  # answered turns within the target; None: nothing answered
    live_chat_share: float | None


@functools.cache
def _public_holidays(country: str, year: int) -> frozenset[date]:
    import holidays  # noqa: PLC0415  (80 ms: only where business hours ask for it)

    return frozenset(holidays.country_holidays(country, years=year))


def _closed(day: date, hours: BusinessHours) -> bool:
    if day in hours.holidays:
        return True
    return hours.public_holidays is not None and day in _public_holidays(
        hours.public_holidays, day.year
    )


def _days(start: datetime, end: datetime) -> Iterator[date]:
    day = start.date()
    while day <= end.date():
        yield day
        day += timedelta(days=1)


def open_seconds(start: datetime, end: datetime, hours: BusinessHours) -> float:
    """Seconds between ``start`` and ``end`` that fall in business hours."""
    total = 0.0
    for day in _days(start, end):
        if _closed(day, hours):
            continue
        for shift_start, shift_end in hours.weekly[day.weekday()]:
            opens = datetime.combine(day, shift_start)
            closes = (
                datetime.combine(day, shift_end)
                if shift_end != time.max
                else (datetime.combine(day + timedelta(days=1), time.min))
            )
            overlap = (min(end, closes) - max(start, opens)).total_seconds()
            total += max(overlap, 0.0)
    return total


def conversation_metrics(conversation: Conversation, config: AuditConfig) -> ConversationMetrics:
    """Latencies, counts, duration and SLA shares of one conversation."""
    hours = config.business_hours
    sla, live = config.sla_target.total_seconds(), config.live_chat_target.total_seconds()
    clock = _clock(conversation)
    timings = []
    for turn in conversation.turns:
        if turn.reply is None:
            timings.append(TurnTiming(turn.start, None, None, None, None, None))
            continue
        asked, replied = clock(turn.messages[0]), clock(turn.reply.message)
        calendar = (replied - asked).total_seconds()
        business = open_seconds(asked, replied, hours) if hours else None
        counted = calendar if business is None else business
        timings.append(
            TurnTiming(
                turn.start,
                turn.reply.message.timestamp,  # as the file says; the wait is by the clock
                calendar,
                business,
                counted <= sla,
                counted <= live,
            )
        )
    answered = [t for t in timings if t.calendar_seconds is not None]
    first = timings[0] if timings else None
    utterances = conversation.utterances
    return ConversationMetrics(
        turns=tuple(timings),
        first_response_seconds=first.calendar_seconds if first else None,
        first_response_business_seconds=first.business_seconds if first else None,
        unanswered_turns=len(timings) - len(answered),
        customer_messages=sum(u.role is _CUSTOMER for u in utterances),
        agent_messages=sum(u.role is _AGENT and not u.automated for u in utterances),
        automated_messages=sum(u.automated for u in utterances),
        duration_seconds=(conversation.end - conversation.start).total_seconds(),
        sla_share=_share([t.within_sla for t in answered]),
        live_chat_share=_share([t.within_live_chat for t in answered]),
    )


def _clock(conversation: Conversation) -> Callable[[Message], datetime]:
    """When each message counts as sent. Timestamps can run backwards (a pasted header,
    a phone's clock set back): the file's order is the order, and each message is timed
    no earlier than the one before it, so no wait is negative or longer than the
    conversation. Where the clock never runs back, as in most chats, that is its own."""
    moments = [u.message.timestamp for u in conversation.utterances]
    if all(map(operator.le, moments, moments[1:])):
        return attrgetter("timestamp")
    clock: dict[int, datetime] = {}
    latest = conversation.start
    for u in conversation.utterances:
        latest = max(latest, u.message.timestamp)
        clock[u.message.line] = latest
    return lambda message: clock[message.line]


def _share(met: Sequence[bool | None]) -> float | None:
    """The share of answered turns that met a target, to 3 places; None if none answered."""
    return round(sum(bool(m) for m in met) / len(met), 3) if met else None
