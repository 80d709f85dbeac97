"""What every criterion gets: the conversation, its timings, the config and catalog."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence, Set
from dataclasses import dataclass, field
from functools import cached_property

from cs_audit.config import AuditConfig
from cs_audit.ingest.kinds import strip_bidi
from cs_audit.metrics import ConversationMetrics
from cs_audit.models import (
    Conversation,
    CriterionResult,
    Evidence,
    Message,
    MessageKind,
    Role,
    Turn,
    Verdict,
)
from cs_audit.prices import CatalogItem, find_prices

_STOPWORD_TEXT = (
    "kak kakak min gan sis bro pak bu ya yaa iya ini itu ada mau bisa apa yang dan atau jadi "
    "di ke dari untuk dengan saya aku kami kita anda kamu nya aja saja juga dong deh sih "
    "nih udah sudah belum masih lagi kalau kalo gak nggak ga tidak tdk mohon tolong halo "
    "hai the and you your for are can could would will have has is it this that with what "
    "how when where which please thanks thank hi hello"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
DATA_KINDS = ("price", "stock", "size", "schedule")  # product data a question may ask


@functools.lru_cache(maxsize=4096)  # criteria and flags ask again of the same messages
def normal(text: str) -> str:
    """Text for matching: bidi marks gone, case folded, spaces folded."""
    return " ".join(strip_bidi(text).casefold().split())


_WORD = re.compile(r"\w{3,}")


def content_words(text: str) -> frozenset[str]:
    """The words that carry a message's topic."""
    return frozenset(_WORD.findall(normal(text))) - _STOPWORDS


def shares_topic(asked: Set[str], said: Set[str]) -> bool:
    """Whether two sets of content words meet. Indonesian affixes (me-, -nya, -kan) make
    "nunggu" and "menunggu" one word, so a word inside another counts too."""
    if asked & said:
        return True
    long_said = [w for w in said if len(w) >= 4]
    return any(a in w or w in a for a in asked if len(a) >= 4 for w in long_said)


def result(
    key: str,
    verdict: Verdict,
    reason: str,
    *messages: Message,
    details: tuple[tuple[str, str | bool | float | None], ...] = (),
) -> CriterionResult:
    """A criterion's result quoting the deciding messages."""
    return CriterionResult(key, verdict, reason, tuple(Evidence.of(m) for m in messages), details)


def quote(text: str, limit: int = 60) -> str:
    """A short quote of chat text for a reason line."""
    flat = " ".join(strip_bidi(text).split())
    return f'"{flat}"' if len(flat) <= limit else f'"{flat[: limit - 1]}…"'


@dataclass(frozen=True)
class Context:
    """One conversation as the criteria see it."""

    conversation: Conversation
    metrics: ConversationMetrics
    config: AuditConfig
    catalog: tuple[CatalogItem, ...] = ()
    # what criteria ask again of one turn or question, worked out once
    _answers: dict[int, tuple[Message, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _said: dict[int, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    _questions: dict[int, tuple[Message, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _asks: dict[int, tuple[str, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _gives: dict[tuple[int, str], bool] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _normal_texts: dict[int, tuple[Sequence[Message], tuple[str, ...]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @cached_property
    def replies(self) -> tuple[Message, ...]:
        """Human agent messages, in order."""
        return tuple(
            u.message
            for u in self.conversation.utterances
            if u.role is Role.AGENT and not u.automated
        )

    @cached_property
    def text_replies(self) -> tuple[Message, ...]:
        return tuple(m for m in self.replies if m.kind is MessageKind.TEXT)

    @cached_property
    def customer_text_messages(self) -> tuple[Message, ...]:
        """The customer's text messages, in order."""
        return tuple(
            u.message
            for u in self.conversation.utterances
            if u.role is Role.CUSTOMER and u.message.kind is MessageKind.TEXT
        )

    def normal_texts(self, messages: Sequence[Message]) -> tuple[str, ...]:
        """The messages' texts as ``normal`` gives them, worked out once per sequence
        (the entry keeps the sequence alive, so its id cannot be reused)."""
        cached = self._normal_texts.get(id(messages))
        if cached is None or cached[0] is not messages:
            cached = (messages, tuple(normal(m.text) for m in messages))
            self._normal_texts[id(messages)] = cached
        return cached[1]

    @cached_property
    def _position(self) -> dict[int, int]:
        """Each utterance's index in the conversation, by identity."""
        return {id(u): i for i, u in enumerate(self.conversation.utterances)}

    def answers_to(self, turn: Turn) -> tuple[Message, ...]:
        """The human replies that may answer a turn: from its reply through the replies to
        the customer's next turn (agents often ask back before they answer). Criteria
        ask it again of each turn: it is worked out once."""
        if id(turn) not in self._answers:
            self._answers[id(turn)] = self._answers_to(turn)
        return self._answers[id(turn)]

    def asks(self, question: Message) -> tuple[str, ...]:
        """The product data a question asks for: price, stock, size, schedule."""
        if id(question) not in self._asks:
            asked, rubric = normal(question.text), self.config.rubric
            self._asks[id(question)] = tuple(
                kind for kind in DATA_KINDS if rubric.find(f"asks_{kind}", asked)
            )
        return self._asks[id(question)]

    def gives(self, turn: Turn, kind: str) -> bool:
        """Whether a turn's answers give that kind of data (a price in any form: the
        question asked one, so a bare "150.000" is one)."""
        key = (id(turn), kind)
        if key not in self._gives:
            if kind == "price":
                found = any(find_prices(a.text, money_asked=True) for a in self.answers_to(turn))
            else:
                found = self.config.rubric.find(f"gives_{kind}", self.said(turn)) is not None
            self._gives[key] = found
        return self._gives[key]

    def said(self, turn: Turn) -> str:
        """A turn's answers as one normalised text."""
        if id(turn) not in self._said:
            self._said[id(turn)] = " ".join(normal(a.text) for a in self.answers_to(turn))
        return self._said[id(turn)]

    def _answers_to(self, turn: Turn) -> tuple[Message, ...]:
        if turn.reply is None:
            return ()
        utterances = self.conversation.utterances
        found, customer_runs, in_customer_run = [], 0, False
        # from the reply to the end of the next customer run: each utterance is read for
        # at most two turns, so a year-long chat costs its length, not its square
        for index in range(self._position[id(turn.reply)], len(utterances)):
            u = utterances[index]
            if u.role is Role.CUSTOMER:
                if not in_customer_run:
                    customer_runs += 1
                    in_customer_run = True
                if customer_runs > 1:
                    break
            elif u.role is Role.AGENT and not u.automated:
                in_customer_run = False
                found.append(u.message)
        return tuple(found)

    def questions(self, turn: Turn) -> tuple[Message, ...]:
        """The customer's questions in a turn."""
        if id(turn) not in self._questions:
            rubric = self.config.rubric
            self._questions[id(turn)] = tuple(
                m
                for m in turn.messages
                if m.kind is MessageKind.TEXT and rubric.find("question", normal(m.text))
            )
        return self._questions[id(turn)]
