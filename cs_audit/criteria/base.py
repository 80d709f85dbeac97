"""What every criterion gets: the conversation, its timings, the config and catalog."""

from __future__ import annotations

import functools
import re
from collections.abc import Hashable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from cs_audit.config import AuditConfig
from cs_audit.ingest.kinds import fold, strip_bidi
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
from cs_audit.rubric import DEFAULT_PHRASES

# Enum members looked up once: ``Role.AGENT`` is a class attribute lookup at each use,
# in loops over every message of a year-long chat.
_CUSTOMER, _AGENT, _TEXT = Role.CUSTOMER, Role.AGENT, MessageKind.TEXT
_SHORT_ANSWER = 6  # words: a longer message may answer and ask on
# where a pointer elsewhere sends the customer: with the shipped "deflection" lists, a
# reply naming none of these points nowhere (each of their patterns needs one)
_ELSEWHERE = re.compile(
    "katalog|catalog|ig|instagram|highlight|website|web|site|link|shopee|tokopedia|toped|"
    "lazada|tiktok|marketplace|bio|profil|story|feed|app|airbnb|traveloka|agoda|tiket|"
    "booking.com|online store|price list|pricelist|daftar harga"
)
_REQUEST = re.compile(r"\b(tolong|tlg|mohon|minta|please|pls|can you|could you|bisa|boleh)\b")
# a yes or a no, then what goes with it: "ada kak, vendor dekor bawa lampu sendiri" to
# "apa ada tambahan lighting panggung kak?" (the opening word would ask elsewhere)
_YES_AND = re.compile(
    r"^\W*(?:ada|iya|ya|bisa|boleh|sudah|udah|udh|belum|blm|ga|gak|nggak|tidak|tdk|masih"
    r"|yes|yeah|yep|no|nope|sure)(?: \w+)?\s*[,.!]+\s*"
)


_STOPWORD_TEXT = (
    "kak kakak min gan sis bro pak bu ya yaa iya ini itu ada mau bisa apa yang dan atau jadi "
    "di ke dari untuk dengan saya aku kami kita anda kamu nya aja saja juga dong deh sih "
    "nih udah sudah belum masih lagi kalau kalo gak nggak ga tidak tdk mohon tolong halo tapi "
    "hai the and you your for are can could would will have has is it this that with what "
    "how when where which please thanks thank hi hello "
    # question words and "what now" fillers ask, but name no topic: "terus gimana??"
    # is answered by the turn's reply on the case
    "terus trus lalu gimana bagaimana berapa kapan dimana kemana kenapa mengapa sekarang "
    "why then now "
    # a nudge names no topic either: "hello?? is anyone there"
    "any anyone anybody someone somebody there "
    # nor does a request of a bare verb: "tolong dicek lg ya", "mohon dibantu"
    "cek dicek dicekin cekin bantu dibantu bantuin proses diproses info diinfo infoin lg "
    # nor a nudge or an announcement: "any update?", "kak mau komplain", "solusinya gmn?"
    "kabar kabarnya progress komplain complain solusi solusinya gitu begitu "
    # words that join or fill, not name: shared by chance, they would take up any point
    # ("can you collect them from my flat" - "... from 9 AM ...")
    "from them they their its also like does did was were been but about some just very "
    "too than these those who would should may might must our into onto more most much "
    "many get got sama buat biar kan dulu kok lho nanti ntar"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
# product data a question may ask; contents ("does the tour include lunch?") are judged
# by topic in answers_questions, and are data at stake for accurate_concise
DATA_KINDS = ("price", "stock", "size", "schedule", "contents")


@functools.lru_cache(maxsize=4096)  # criteria and flags ask again of the same messages
def normal(text: str) -> str:
    """Text for matching: bidi marks gone, case folded, spaces folded."""
    return fold(text)


_WORD = re.compile(r"\w{2,}")  # two letters: short forms ("tf": "transfer") are read too


def topic_words(normal_text: str, standard: Mapping[str, str] | None = None) -> frozenset[str]:
    """The words of three letters or more that carry a message's topic, in a text
    ``normal`` has read; informal spellings in their standard form
    (``Rubric.standard_forms``: "tuker", "dituker", "tf": "tukar", "ditukar",
    "transfer")."""
    words = _WORD.findall(normal_text)
    if standard:
        get = standard.get
        words = [get(w, w) for w in words]
    return frozenset([w for w in words if len(w) > 2]) - _STOPWORDS


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


def _without_status(kinds: tuple[str, ...], status: bool) -> tuple[str, ...]:
    """A status check's "when" and "ready?" are no schedule or stock of a product ("When
    will it ship?", "is my dress ready? Order no. 0512")."""
    return tuple(k for k in kinds if k not in ("schedule", "stock")) if status else kinds


@dataclass(frozen=True)
class Context:
    """One conversation as the criteria see it.

    What is worked out once is kept by a message's line in its export (each message
    starts a line of its own): a year-long chat's tables, keyed by line, are read in
    the order they were made; keyed by ``id()``, they were read at random, and a
    million entries' worth of cache misses cost a third of its audit."""

    conversation: Conversation
    metrics: ConversationMetrics
    config: AuditConfig
    catalog: tuple[CatalogItem, ...] = ()
    # what criteria ask again of one turn or question, worked out once
    # per kind of data, by turn's first line: no (turn, kind) tuple per entry (a
    # year-long chat's 700,000 of them weighed 70 MB)
    _gives: dict[str, dict[int, bool]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _normal_texts: dict[int, tuple[Sequence[Message], tuple[str, ...]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _normal: dict[int, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    # what one criterion works out again for a message or text (its prices, say),
    # under keys of its own making; kept for this conversation only
    memo: dict[Hashable, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    @cached_property
    def replies(self) -> tuple[Message, ...]:
        """Human agent messages, in order."""
        return tuple(
            u.message for u in self.conversation.utterances if u.role is _AGENT and not u.automated
        )

    @cached_property
    def text_replies(self) -> tuple[Message, ...]:
        return tuple(m for m in self.replies if m.kind is _TEXT)

    @cached_property
    def customer_text_messages(self) -> tuple[Message, ...]:
        """The customer's text messages, in order."""
        return tuple(
            u.message
            for u in self.conversation.utterances
            if u.role is _CUSTOMER and u.message.kind is _TEXT
        )

    @cached_property
    def whim_discount(self) -> Message | None:
        """The first reply that grants a discount no ``authorised_discount`` phrase
        (a promotion the business runs) covers."""
        replies, rubric = self.text_replies, self.config.rubric
        texts = self.normal_texts(replies)
        return next(
            (
                replies[i]
                for i in rubric.matching("discount", texts)
                if not rubric.find("authorised_discount", texts[i])
            ),
            None,
        )

    def normal(self, message: Message) -> str:
        """A message's text as ``normal`` gives it. Each criterion reads the whole
        conversation before the next: in a long chat, a bounded cache has forgotten a
        message by the time the next criterion asks, so this one keeps them all."""
        text = self._normal.get(message.line)
        if text is None:  # each text once: no bounded cache to keep up, at a million
            text = self._normal[message.line] = fold(message.text)
        return text

    def normal_texts(self, messages: Sequence[Message]) -> tuple[str, ...]:
        """The messages' texts as ``normal`` gives them, worked out once per sequence
        (the entry keeps the sequence alive, so its id cannot be reused)."""
        cached = self._normal_texts.get(id(messages))
        if cached is None or cached[0] is not messages:
            cached = (messages, tuple(map(self.normal, messages)))
            self._normal_texts[id(messages)] = cached
        return cached[1]

    def answers_to(self, turn: Turn) -> tuple[Message, ...]:
        """The human replies that may answer a turn: from its reply through the replies to
        the customer's next turn (agents often ask back before they answer)."""
        return () if turn.reply is None else self._answers[turn.reply.message.line]

    @cached_property
    def _answers(self) -> dict[int, tuple[Message, ...]]:
        """``answers_to`` of every turn, by its reply's line, in one pass: the human
        replies are grouped by the customer run they follow, and a turn's answers are
        the rest of its reply's group and the whole next one."""
        replies = {t.reply.message.line for t in self.conversation.turns if t.reply is not None}
        groups: list[list[Message]] = [[]]
        starts: list[tuple[int, int, int]] = []  # a turn's reply: its group and place
        in_customer_run = False
        for u in self.conversation.utterances:
            if u.role is _CUSTOMER:
                if not in_customer_run:
                    groups.append([])
                    in_customer_run = True
            elif u.role is _AGENT and not u.automated:
                in_customer_run = False
                if u.message.line in replies:
                    starts.append((u.message.line, len(groups) - 1, len(groups[-1])))
                groups[-1].append(u.message)
        groups.append([])
        return {key: (*groups[g][at:], *groups[g + 1]) for key, g, at in starts}

    def asks(self, question: Message) -> tuple[str, ...]:
        """The product data a question asks for: price, stock, size, schedule, contents.
        When an order already placed is due is its status, not product data."""
        if question.line in self._question_lines:
            return self._asked.get(question.line, ())
        asked, rubric = self.normal(question), self.config.rubric
        kinds = tuple(kind for kind in DATA_KINDS if rubric.find(f"asks_{kind}", asked))
        return _without_status(kinds, rubric.find("status_check", asked) is not None)

    @cached_property
    def _question_lines(self) -> frozenset[int]:
        """The customer's questions, requests and complaints (points to answer,
        LABELING.md), found in passes over all their messages."""
        messages, rubric = self.customer_text_messages, self.config.rubric
        texts = self.normal_texts(messages)
        found = {messages[i].line for i in rubric.matching("question", texts)}
        found |= self._complaint_lines
        return frozenset(found - self._replies_to_agent)

    def complains(self, message: Message) -> bool:
        """Whether one of the customer's text messages complains."""
        return message.line in self._complaint_lines

    @cached_property
    def _complaint_lines(self) -> frozenset[int]:
        """The lines of the customer's messages that complain, found in one pass; not
        those telling of damage they caused, brought in to be mended ("hp sy jatuh,
        layarnya pecah")."""
        messages, rubric = self.customer_text_messages, self.config.rubric
        texts = self.normal_texts(messages)
        found = set(rubric.matching("complaint", texts)) - set(rubric.matching("own_fault", texts))
        return frozenset(messages[i].line for i in sorted(found))

    @cached_property
    def _replies_to_agent(self) -> frozenset[int]:
        """The customer's short answers to the agent's question, right after it
        ("Box dan labelnya masih lengkap kak?" - "masih lengkap kak"): they open with a
        yes or a no and ask nothing, whatever their first word would ask elsewhere."""
        answers: set[int] = set()
        asked = False
        rubric, complaints = self.config.rubric, self._complaint_lines
        for u in self.conversation.utterances:
            message = u.message
            if u.role is _AGENT and not u.automated:
                asked = "?" in message.text
            elif u.role is _CUSTOMER and message.kind is _TEXT:
                text = self.normal(message)
                rest = _YES_AND.sub("", text, count=1)
                if (
                    asked
                    and "?" not in text
                    and not rubric.find("question_word", text)  # "gimana ..."
                    and (
                        (len(text.split()) <= _SHORT_ANSWER and rubric.find("yes_no_answer", text))
                        # what was asked, told: "mau nurunin bb kak, skrg 92kg" to "target
                        # latihannya apa mas?" (not a request, a complaint or a yes/no ask)
                        or not (
                            _REQUEST.search(text)
                            or message.line in complaints
                            or rubric.find("yes_no_question", rest)
                            or any(rubric.find(f"asks_{kind}", text) for kind in DATA_KINDS)
                        )
                    )
                ):
                    answers.add(message.line)
                asked = False
        return frozenset(answers)

    @cached_property
    def _asked(self) -> dict[int, tuple[str, ...]]:
        """The kinds of data each question asks for, by its line (none: absent)."""
        questions = tuple(m for m in self.customer_text_messages if m.line in self._question_lines)
        texts, rubric = self.normal_texts(questions), self.config.rubric
        asked: dict[int, tuple[str, ...]] = {}
        for kind in DATA_KINDS:
            for i in rubric.matching(f"asks_{kind}", texts):
                line = questions[i].line
                asked[line] = (*asked.get(line, ()), kind)
        # a turn that checks on an order asks when and whether of that case, not of a
        # product ("paket sy udh sampe mana? ... kira2 kapan nyampe"); so does one that
        # complains where it asks nothing ("kecewa ... pempeknyo habis jam 11": no
        # question of stock), not where it asks ("trs foto2nya kapan jadi kak?")
        statuses = {questions[i].line for i in rubric.matching("status_check", texts)}
        complaints = self._complaint_lines
        text_of = {m.line: t for m, t in zip(questions, texts, strict=True)}
        if not statuses and not complaints.intersection(text_of):
            return asked
        # a turn after one that checked on an order or complained asks of that case
        # ("kacamata anak sy udh jadi belum?" ... "jadi kapan bisa diambil??")
        case_before = False
        for turn in self.conversation.turns:
            status = any(m.line in statuses for m in turn.messages)
            complaint = any(m.line in complaints for m in turn.messages)
            for line in (m.line for m in turn.messages if m.line in asked):
                told = "?" not in text_of[line] and not rubric.find("question_word", text_of[line])
                if case_before or status or (complaint and told):
                    asked[line] = _without_status(asked[line], True)
            case_before = case_before or status or complaint
        return asked

    def gives(self, turn: Turn, kind: str) -> bool:
        """Whether a turn's answers give that kind of data (a price in any form: the
        question asked one, so a bare "150.000" is one)."""
        known = self._gives.setdefault(kind, {})
        found = known.get(turn.messages[0].line)
        if found is None:
            if kind == "price":  # "Gratis kak" answers a price too
                found = any(
                    find_prices(a.text, money_asked=True) for a in self.answers_to(turn)
                ) or (self.config.rubric.find("free", self.said(turn)) is not None)
            else:
                found = self.config.rubric.find(f"gives_{kind}", self.said(turn)) is not None
            known[turn.messages[0].line] = found
        return found

    def pointer_elsewhere(self, turn: Turn) -> Message | None:
        """The first of a turn's answers that sends the customer elsewhere for what they
        asked ("cek aja di katalog", "lihat highlight IG", "register on our website")."""
        pointers = self._pointers
        if not pointers:  # most chats point nowhere: no answer is looked at
            return None
        return next((a for a in self.answers_to(turn) if a.line in pointers), None)

    @cached_property
    def _pointers(self) -> frozenset[int]:
        """The lines of the replies that point elsewhere, found in one pass."""
        replies = self.text_replies
        texts = self.normal_texts(replies)
        # only a reply naming somewhere to look can point there: with the shipped lists,
        # a cheap word check first, as nearly every reply names none
        shipped = self.config.rubric.phrases.get("deflection") == DEFAULT_PHRASES["deflection"]
        search = _ELSEWHERE.search
        maybe = [i for i, text in enumerate(texts) if not shipped or search(text)]
        found = self.config.rubric.matching("deflection", [texts[i] for i in maybe])
        return frozenset(replies[maybe[i]].line for i in found)

    def said(self, turn: Turn) -> str:
        """A turn's answers as one normalised text (asked once per kind of data: not
        kept, ``gives`` keeps the answer)."""
        return " ".join(map(self.normal, self.answers_to(turn)))

    @cached_property
    def points(self) -> tuple[tuple[Turn, tuple[Message, ...], tuple[Message, ...]], ...]:
        """Each turn in which the customer asked something, with its questions, requests
        and complaints (points to answer) and its ``answers_to``, in order: found in one
        pass, as criteria read every turn."""
        lines = self._question_lines
        found = []
        for turn in self.conversation.turns:
            questions = [m for m in turn.messages if m.line in lines]
            if questions:
                found.append((turn, tuple(questions), self.answers_to(turn)))
        return tuple(found)
