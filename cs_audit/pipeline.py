"""audit(paths, config) -> AuditResult: the whole pipeline, usable from Python.

files -> messages -> roles -> conversations -> timings -> verdicts -> scorecards
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from cs_audit.config import AuditConfig
from cs_audit.conversations import build_conversations, repeated_business_texts
from cs_audit.criteria import Context, conversation_language, judge_all, raise_flags, score
from cs_audit.errors import ConfigError, CsAuditError, IngestError
from cs_audit.ingest import read_exports
from cs_audit.metrics import ConversationMetrics, conversation_metrics
from cs_audit.models import (
    Conversation,
    CriterionResult,
    DateOrder,
    Flag,
    Message,
    Notice,
)
from cs_audit.parallel import fork_map, forks
from cs_audit.prices import CatalogItem
from cs_audit.roles import Roles, assign_roles, frequent_authors
from cs_audit.scorecards import AgentScorecard, scorecards


@dataclass(frozen=True, slots=True)
class FileReport:
    """What became of one input."""

    file: str
    status: str  # "ok", "warning" (read, with notices) or "error" (not audited)
    messages: int
    notices: tuple[Notice, ...] = ()
    error: CsAuditError | None = None


@dataclass(frozen=True, slots=True)
class ConversationResult:
    """One conversation, judged."""

    conversation: Conversation
    metrics: ConversationMetrics
    criteria: Mapping[str, CriterionResult]
    flags: tuple[Flag, ...]
    score: float | None
    language: str | None  # the customer's: "id", "en", or None when too little was said


@dataclass(frozen=True, slots=True)
class AuditResult:
    files: tuple[FileReport, ...]
    conversations: tuple[ConversationResult, ...]
    agents: tuple[AgentScorecard, ...]

    @property
    def failed(self) -> bool:
        """Whether any input could not be audited."""
        return any(f.status == "error" for f in self.files)


def audit(
    paths: Iterable[str | os.PathLike[str]],
    config: AuditConfig | None = None,
    *,
    catalog: tuple[CatalogItem, ...] = (),
    date_order: DateOrder = DateOrder.AUTO,
    workers: int = 1,
    on_file: Callable[[str], None] | None = None,
) -> AuditResult:
    """Audit every export under ``paths``; ``on_file`` hears of each file as it is read."""
    config = config or AuditConfig()
    files: list[FileReport] = []
    chats: list[tuple[str, tuple[Message, ...]]] = []
    for parsed in read_exports(paths, date_order=date_order, workers=workers):
        if on_file is not None:
            on_file(parsed.where if isinstance(parsed, IngestError) else parsed.file)
        if isinstance(parsed, IngestError):
            file = re.sub(r":\d+$", "", parsed.where)  # "chat.txt:12" -> "chat.txt"
            files.append(FileReport(file, "error", 0, error=parsed))
            continue
        chats.append((parsed.file, parsed.messages()))
        files.append(
            FileReport(
                parsed.file, "warning" if parsed.notices else "ok", len(parsed), parsed.notices
            )
        )
    authors = {file: {m.author for m in messages if m.author} for file, messages in chats}
    frequent = frequent_authors(authors.values())
    roles: dict[str, Roles] = {}
    for file, _ in chats:
        try:
            roles[file] = assign_roles(file, authors[file], config, frequent=frequent)
        except CsAuditError as error:
            index = next(i for i, f in enumerate(files) if f.file == file)
            files[index] = FileReport(
                file, "error", files[index].messages, files[index].notices, error
            )
    repeated = repeated_business_texts(
        [m.text for m in messages if m.author in roles[file].business]
        for file, messages in chats
        if file in roles
    )
    judged = [(file, messages) for file, messages in chats if file in roles]
    judge = _Judge(roles, config, catalog, repeated)
    results: list[ConversationResult] = []
    if not forks(workers, judged):
        for chat in judged:
            results.extend(ConversationResult(c, *judge(c)) for c in judge.conversations(chat))
    else:  # workers judge; only the small verdicts travel back, conversations are rebuilt
        verdicts = fork_map(_judge_file, judged, shared=judge, workers=workers)
        for chat, judgements in zip(judged, verdicts, strict=True):
            pairs = zip(judge.conversations(chat), judgements, strict=True)
            results.extend(ConversationResult(c, *judgement) for c, judgement in pairs)
    return AuditResult(tuple(files), tuple(results), scorecards(results))


_Judgement = tuple[
    ConversationMetrics, Mapping[str, CriterionResult], tuple[Flag, ...], float | None, str | None
]


@dataclass(frozen=True, slots=True)
class _Judge:
    """What judging a conversation needs beyond the conversation itself."""

    roles: Mapping[str, Roles]
    config: AuditConfig
    catalog: tuple[CatalogItem, ...]
    repeated: frozenset[str]  # business texts sent alike across chats: automated

    def conversations(self, chat: tuple[str, tuple[Message, ...]]) -> tuple[Conversation, ...]:
        file, messages = chat
        return build_conversations(
            file, messages, self.roles[file], self.config, repeated=self.repeated
        )

    def __call__(self, conversation: Conversation) -> _Judgement:
        """Everything a ConversationResult holds besides the conversation."""
        metrics = conversation_metrics(conversation, self.config)
        ctx = Context(conversation, metrics, self.config, self.catalog)
        criteria = judge_all(ctx)
        languages = conversation_language(ctx)
        return (
            metrics,
            criteria,
            raise_flags(ctx, languages),
            score(criteria, self.config.rubric),
            languages[0] or languages[1],
        )


def _judge_file(judge: _Judge, chat: tuple[str, tuple[Message, ...]]) -> list[_Judgement]:
    """The verdicts on every conversation of one export, in a worker."""
    return [judge(c) for c in judge.conversations(chat)]


def within_period(result: AuditResult, start: datetime, end: datetime) -> AuditResult:
    """The audit of the conversations that start in [start, end), with their scorecards."""
    kept = tuple(r for r in result.conversations if start <= r.conversation.start < end)
    return AuditResult(result.files, kept, scorecards(kept))


def iso_week(text: str) -> tuple[datetime, datetime]:
    """Monday 00:00 to the next Monday of an ISO week such as 2026-W47."""
    found = re.fullmatch(r"(\d{4})-?W(\d{1,2})", text.strip(), re.IGNORECASE)
    try:
        if found is None:
            raise ValueError(text)
        monday = date.fromisocalendar(int(found[1]), int(found[2]), 1)
    except ValueError:
        raise ConfigError(f"--week {text}", "is not an ISO week", "write it as 2026-W47") from None
    start = datetime.combine(monday, time.min)
    end = start + timedelta(days=7) if monday < date.max - timedelta(days=7) else datetime.max
    return start, end
