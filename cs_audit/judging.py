"""The audit's second pass: each file's conversations built and judged, in a worker.

A file's parsed export comes from the first pass (``cs_audit.survey``) through a
temporary file; what the folder taught that pass (its frequent authors, its templates,
its account, date orders its files' siblings decide) is in ``Judge``.
"""

from __future__ import annotations

import contextlib
import gc
import pickle
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from cs_audit.config import AuditConfig
from cs_audit.conversations import build_conversations
from cs_audit.criteria import Context, conversation_language, judge_all, raise_flags, score
from cs_audit.errors import CsAuditError, InternalError
from cs_audit.ingest import ParsedExport
from cs_audit.metrics import conversation_metrics
from cs_audit.models import Conversation, DateOrder, Message
from cs_audit.prices import CatalogItem
from cs_audit.results import ConversationResult
from cs_audit.roles import AccountHints, assign_roles
from cs_audit.scorecards import Tally, tally
from cs_audit.spool import RS, ExportSpool, second
from cs_audit.survey import Item, parse_item

# a file judged: its results pickled for the spool, their starts, their figures for
# the scorecards, and their rendered lines
Judged = tuple[bytes, list[int], list[Tally], list[bytes]]


@dataclass(frozen=True, slots=True)
class Judge:
    """What judging a conversation needs beyond the conversation itself."""

    config: AuditConfig
    catalog: tuple[CatalogItem, ...]
    frequent: frozenset[str]  # authors frequent across the folder: the business side
    repeated: frozenset[int]  # keys of business texts sent alike across chats: automated
    date_order: DateOrder = DateOrder.AUTO  # the first pass parsed with this one
    workers: int = 1  # to parse one file with
    render: Sequence[Callable[[ConversationResult], str]] = ()  # texts per result
    accounts: Mapping[str, str] = field(default_factory=dict)  # per folder, its account
    customers: frozenset[str] = frozenset()  # identities file names name as customers
    orders: Mapping[str, DateOrder] = field(default_factory=dict)  # files siblings decide
    kept: dict[str, tuple[DateOrder, ParsedExport]] = field(default_factory=dict)  # survey.Kept
    groups: frozenset[str] = frozenset()  # files whose system lines show group events
    parsed: ExportSpool | None = None  # the first pass's parsed exports, by input
    items: Sequence[Item | CsAuditError] = ()  # the inputs, as judge_file's tasks count them
    keep: bool = True  # pickle the results (else only their rendered lines are kept)

    def conversations(self, file: str, messages: Sequence[Message]) -> tuple[Conversation, ...]:
        authors = {m.author for m in messages if m.author}
        roles = assign_roles(
            file,
            authors,
            self.config,
            frequent=self.frequent,
            account=AccountHints.of(self.accounts, file),
            named_elsewhere=self.customers,
            group=file in self.groups,
        )
        return build_conversations(file, messages, roles, self.config, repeated=self.repeated)

    def __call__(self, conversation: Conversation) -> ConversationResult:
        metrics = conversation_metrics(conversation, self.config)
        ctx = Context(conversation, metrics, self.config, self.catalog)
        criteria = judge_all(ctx)
        languages = conversation_language(ctx)
        return ConversationResult(
            conversation.outline(),
            metrics,
            criteria,
            raise_flags(ctx, languages),
            score(criteria, self.config.rubric),
            languages[0] or languages[1],
        )

    def export(self, index: int) -> ParsedExport:
        """The ``index``-th input's parsed export: as the first pass left it, where it
        was read in the date order it is judged in; else parsed again in that order."""
        item = self.items[index]
        assert not isinstance(item, CsAuditError), "an input that was never read"
        order = self.orders.get(item[0], self.date_order)
        held = self.kept.pop(item[0], None)  # read once: its columns go with `del`
        if held is not None and held[0] is order:
            return held[1]
        del held
        blob = self.parsed.read(index) if self.parsed is not None else None
        if blob is not None and order is self.date_order:
            parsed: ParsedExport = pickle.loads(blob)  # our own bytes
            return parsed
        return parse_item(item, order, self.workers)


def judge_file(judge: Judge, index: int) -> Judged | CsAuditError:
    """The ``index``-th input judged (in a worker); a bug costs its file, not the
    folder."""
    try:
        return _judged(judge, index)
    except CsAuditError as error:
        return error
    except Exception as error:  # a bug costs its file, not the folder
        item = judge.items[index]
        return InternalError.of(item.where if isinstance(item, CsAuditError) else item[0], error)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Judging a chat makes millions of small objects and no cycles: the cyclic
    collector, run again and again over all of them, cost a year-long chat a fifth of
    its audit. It is paused for one file and resumed as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _judged(judge: Judge, index: int) -> Judged:
    with _no_cycle_collection():
        parsed = judge.export(index)
        file, messages = parsed.file, parsed.messages()
        del parsed  # its columns: a year-long chat's second copy
        conversations = judge.conversations(file, messages)
        del messages
        results = [judge(c) for c in conversations]
        del conversations
    blob = pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL) if judge.keep else b""
    lines = [RS.join(map(render, results)).encode() for render in judge.render]
    starts = [second(r.conversation.start) for r in results]
    return blob, starts, [tally(r) for r in results], lines
