"""Frozen value types shared by every layer."""

from __future__ import annotations

from array import array
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from enum import StrEnum
from operator import attrgetter
from typing import Any, NamedTuple, TypeVar

T = TypeVar("T")


def compact_pickle(cls: type[T]) -> type[T]:
    """Pickle a frozen slots dataclass as its class and field values. The default
    (dataclasses' __setstate__) looks the fields up again for every object, which made
    unpickling a week of results take longer than writing them out."""
    get = attrgetter(*(f.name for f in fields(cls)))  # type: ignore[arg-type]
    single = len(fields(cls)) == 1  # type: ignore[arg-type]

    def reduce(self: T) -> tuple[type[T], tuple[Any, ...]]:
        values = get(self)
        return cls, (values,) if single else values

    cls.__reduce__ = reduce  # type: ignore[assignment,method-assign]
    return cls


def columnar_pickle(**rows: type) -> Callable[[type[T]], type[T]]:
    """Like ``compact_pickle``, and each field named in ``rows`` (a tuple of that
    dataclass: a conversation's turns) pickled as columns. A year-long chat has 400,000
    turns: pickled one object at a time, they cost a tenth of its audit."""

    def decorate(cls: type[T]) -> type[T]:
        names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
        get = attrgetter(*names)
        packed = {names.index(name): row for name, row in rows.items()}

        def reduce(self: T) -> tuple[Callable[..., T], tuple[Any, ...]]:
            values = list(get(self))
            for at, row in packed.items():
                values[at] = _columns(values[at], row)
            return _from_columns, (cls, tuple(packed.items()), *values)

        cls.__reduce__ = reduce  # type: ignore[assignment,method-assign]
        return cls

    return decorate


_NONE = -(2**63)  # a missing moment in a column of datetimes
_MICROSECOND = timedelta(microseconds=1)


class _Moments(NamedTuple):
    """A column of naive datetimes (or None) as microseconds after the first."""

    base: datetime
    offsets: array[int]

    def values(self) -> list[datetime | None]:
        base = self.base
        return [None if v == _NONE else base + timedelta(microseconds=v) for v in self.offsets]


def _columns(items: tuple[Any, ...], row: type) -> tuple[Any, ...]:
    """The columns of a tuple of dataclasses; moments as microseconds after the first."""
    columns: list[Any] = [tuple(map(attrgetter(f.name), items)) for f in fields(row)]
    for at, column in enumerate(columns):
        moments = [v for v in column if v is not None]
        if moments and all(type(v) is datetime and v.tzinfo is None for v in moments):
            base = moments[0]
            offsets = [_NONE if v is None else (v - base) // _MICROSECOND for v in column]
            columns[at] = _Moments(base, array("q", offsets))
    return tuple(columns)


def _from_columns(cls: Callable[..., T], packed: tuple[tuple[int, type], ...], *values: Any) -> T:
    """An object ``columnar_pickle`` pickled, its rows rebuilt from their columns."""
    rebuilt = list(values)
    for at, row in packed:
        columns = [c.values() if isinstance(c, _Moments) else c for c in rebuilt[at]]
        rebuilt[at] = tuple(map(row, *columns))
    return cls(*rebuilt)


class MessageKind(StrEnum):
    """What a message is; everything but TEXT is nobody's speech or not words."""

    TEXT = "text"
    MEDIA = "media"  # a photo, video, voice note ... left out of the export
    ATTACHMENT = "attachment"  # a file exported beside the chat and named in it
    DELETED = "deleted"
    SYSTEM = "system"  # encryption and business notices, group events
    CALL = "call"  # missed voice or video call
    LOCATION = "location"
    POLL = "poll"
    UNAVAILABLE = "unavailable"  # "Waiting for this message", old Android "null"


class DateOrder(StrEnum):
    """The order of day, month and year in a file's header dates."""

    AUTO = "auto"
    DMY = "dmy"
    MDY = "mdy"
    YMD = "ymd"


class Message(NamedTuple):
    """One message of an export: where it stands, when, who, what. (Immutable; a named
    tuple rather than a frozen dataclass, as a year-long chat makes a million of them
    and a tuple is made in a third of the time.)"""

    file: str
    line: int
    timestamp: datetime
    author: str | None
    text: str
    kind: MessageKind


@compact_pickle
@dataclass(frozen=True, slots=True)
class Notice:
    """Something a user should know about a file that was still read."""

    file: str
    line: int | None
    message: str
    hint: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}; {self.hint}"


@dataclass(frozen=True, slots=True)
class SkippedLines:
    """Lines that belong to no message (before the first header)."""

    file: str
    first_line: int
    last_line: int


class Role(StrEnum):
    """Which side of a chat a message comes from."""

    CUSTOMER = "customer"
    AGENT = "agent"  # the business side: a human agent or the account's automations
    SYSTEM = "system"  # WhatsApp itself


class Utterance(NamedTuple):
    """A message placed in a conversation: its side and, for a human reply, its agent."""

    message: Message
    role: Role
    agent: str | None = None  # the human agent credited with a business message
    automated: bool = False  # a greeting or away message: not a human reply


class Turn(NamedTuple):
    """A run of consecutive customer messages and the first human reply after it."""

    messages: tuple[Message, ...]
    reply: Utterance | None  # None: never answered

    @property
    def start(self) -> datetime:
        return self.messages[0].timestamp


@dataclass(frozen=True, slots=True)
class Conversation:
    """One customer's session with the business, from a single export."""

    file: str
    index: int  # within its file, from 0
    customer: str
    utterances: tuple[Utterance, ...]
    turns: tuple[Turn, ...]
    account: str = ""  # the business account: the agent of a conversation nobody answered

    @property
    def start(self) -> datetime:
        return self.utterances[0].message.timestamp

    @property
    def end(self) -> datetime:
        """Its latest message (a phone's clock may run backwards within a file)."""
        return max(u.message.timestamp for u in self.utterances)

    @property
    def agents(self) -> tuple[str, ...]:
        """Human agents who replied, in the order they first did; where no human
        replied, the business account."""
        names = tuple(
            dict.fromkeys(
                u.agent for u in self.utterances if u.agent is not None and not u.automated
            )
        )
        return names or ((self.account,) if self.account else ())

    @property
    def automated(self) -> tuple[Utterance, ...]:
        return tuple(u for u in self.utterances if u.automated)

    def outline(self) -> ConversationOutline:
        """What outputs need of the conversation once it is judged: no message list."""
        replies: dict[str, int] = {}
        for u in self.utterances:
            if u.agent is not None and not u.automated:
                replies[u.agent] = replies.get(u.agent, 0) + 1
        return ConversationOutline(
            file=self.file,
            index=self.index,
            customer=self.customer,
            start=self.start,
            end=self.end,
            agents=self.agents,
            replies=tuple(replies.items()),
            turns=tuple(
                TurnOutline(
                    t.messages[0].line,
                    len(t.messages),
                    t.reply is not None,
                    t.reply.agent if t.reply else None,
                )
                for t in self.turns
            ),
            automated=tuple(Evidence.of(u.message) for u in self.automated),
        )


@compact_pickle
@dataclass(frozen=True, slots=True)
class TurnOutline:
    """A customer turn as outputs show it."""

    line: int  # of its first message
    messages: int
    answered: bool
    agent: str | None  # the agent credited with the reply


@columnar_pickle(turns=TurnOutline)
@dataclass(frozen=True, slots=True)
class ConversationOutline:
    """A judged conversation without its messages: what every output needs, small
    enough to keep for a month of chats."""

    file: str
    index: int
    customer: str
    start: datetime
    end: datetime
    agents: tuple[str, ...]  # human agents who replied, in the order they first did
    replies: tuple[tuple[str, int], ...]  # human replies per agent
    turns: tuple[TurnOutline, ...]
    automated: tuple[Evidence, ...]  # greeting and away messages


class Verdict(StrEnum):
    """A criterion's outcome for one conversation."""

    PASS = "pass"
    FAIL = "fail"
    NOT_APPLICABLE = "n/a"


@compact_pickle
@dataclass(frozen=True, slots=True)
class Evidence:
    """A message that decided a verdict, quoted with where it stands."""

    file: str
    line: int
    timestamp: datetime
    author: str | None
    text: str

    @classmethod
    def of(cls, message: Message) -> Evidence:
        return cls(message.file, message.line, message.timestamp, message.author, message.text)


@compact_pickle
@dataclass(frozen=True, slots=True)
class CriterionResult:
    """One criterion's verdict for one conversation, with the reason and the evidence."""

    key: str
    verdict: Verdict
    reason: str
    evidence: tuple[Evidence, ...] = ()
    details: tuple[tuple[str, str | bool | float | None], ...] = ()  # e.g. names_agent


@compact_pickle
@dataclass(frozen=True, slots=True)
class Flag:
    """A quality beyond the six: blame, escalation, empathy, honesty, discount, language."""

    key: str
    reason: str
    evidence: tuple[Evidence, ...] = ()
