"""Messages -> conversations: sides, automated replies, agents, sessions and turns.

- A conversation ends when the chat falls silent for longer than the session gap
  after a human agent's message; a customer still waiting keeps it open however long.
- Automated messages (greeting and away messages: configured openings, or a text the
  business side sends again and again within seconds of the customer) are not
  replies: they do not stop the clock.
- A reply signed "Salam, Rina" is Rina's; unsigned replies go to the agent who signed
  last before them in the conversation, else to the first who signs after, else to
  the business account's own name. In a handover each reply keeps its own agent.
"""

from __future__ import annotations

import heapq
import re
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from hashlib import blake2b
from itertools import groupby

from cs_audit.config import NOT_NAMES, AuditConfig
from cs_audit.ingest.kinds import fold, strip_bidi
from cs_audit.models import Conversation, Message, MessageKind, Role, Turn, Utterance
from cs_audit.roles import Roles, customer_in_file_name, identity

# Enum members looked up once: ``Role.AGENT`` is a class attribute lookup at each use,
# in loops over every message of a year-long chat.
_CUSTOMER, _AGENT, _SYSTEM = Role.CUSTOMER, Role.AGENT, Role.SYSTEM
_TEXT = MessageKind.TEXT
_UNSAID = frozenset((MessageKind.DELETED, MessageKind.UNAVAILABLE))  # no reply in them


# What a customer sends that belongs to a turn: a deleted message too (LABELING.md: a
# turn includes media, deleted messages, locations), so the first response runs from
# it where it opens the conversation.
_DELETED = MessageKind.DELETED
_SPOKEN = frozenset(
    {
        MessageKind.TEXT,
        MessageKind.MEDIA,
        MessageKind.ATTACHMENT,
        MessageKind.LOCATION,
        MessageKind.POLL,
        MessageKind.CALL,
        MessageKind.DELETED,
    }
)


NO_REPLY = "(no reply)"  # the agent of a chat only the customer wrote in, account unknown


def text_key(text: str) -> int:
    """A stable 64-bit key for a text as templates are compared (case and spacing
    ignored): a folder's texts are counted by key, not kept."""
    return _key(fold(text))


def _key(normal: str) -> int:
    return int.from_bytes(blake2b(normal.encode(), digest_size=8).digest(), "big")


def long_text_keys(texts: Iterable[str], *, minimum_length: int = 30) -> array[int]:
    """The sorted distinct keys of the texts long enough to be templates. Short texts
    ("Siap kak") are what humans type everywhere: never these."""
    return array("Q", sorted({text_key(t) for t in texts if len(t.strip()) >= minimum_length}))


def repeated_business_texts(
    chats: Iterable[Iterable[int]], *, minimum_chats: int = 3
) -> frozenset[int]:
    """The keys (``long_text_keys``) of business texts sent alike in at least
    ``minimum_chats`` chats (templates, away messages). Each chat's keys must be
    sorted and distinct; they are merged, never gathered into one list."""
    repeated = []
    for key, run in groupby(heapq.merge(*chats)):
        if sum(1 for _ in run) >= minimum_chats:
            repeated.append(key)
    return frozenset(repeated)


_MINUTE, _NO_TIME = timedelta(minutes=1), timedelta(0)


def _soon_after(reply: datetime, asked: datetime | None, within: timedelta) -> bool:
    """Whether a business message came within ``within`` of the customer's. Android
    exports have minutes only: there, "within seconds" means within a minute."""
    if asked is None:
        return False
    if reply.second == 0 and asked.second == 0:
        within = max(within, _MINUTE)
    return _NO_TIME <= reply - asked <= within


def _thanks(messages: Sequence[Message], roles: Roles, config: AuditConfig) -> set[int]:
    """The lines of the customer's messages that only thank or okay: they ask for nothing
    (all found in one pass)."""
    said = [
        m
        for m in messages
        if m.kind is _TEXT and m.author is not None and m.author in roles.customers
    ]
    texts, rubric = [fold(m.text) for m in said], config.rubric
    return {
        said[i].line
        for i in rubric.matching("acknowledgement", texts)
        if not (rubric.find("question", texts[i]) or rubric.find("complaint", texts[i]))
    }


def signer(text: str, config: AuditConfig) -> str | None:
    """The agent a reply's signature names, or None; with a roster, only its agents.

    The signature is looked for in the last line, and in the last two as one
    ("Salam,\nRina").
    """
    lines = strip_bidi(text).rstrip().rsplit("\n", 2)
    last = lines[-1]
    two = " ".join(line.strip() for line in lines[-2:])
    for tail in (last,) if two == last else (last, two):  # a one-line reply: read once
        for pattern, needs in zip(config.signatures, config.signature_needs, strict=True):
            if needs is not None and needs.search(tail) is None:  # it cannot be there
                continue
            found = pattern.search(tail)
            if found is None:
                continue
            name = (found["name"] or "").strip().rstrip(".")
            if not name or name.casefold() in NOT_NAMES or name.split()[0].casefold() in NOT_NAMES:
                continue
            agent = _on_roster(name, config)
            if agent is not None:
                return agent
    # an agent who introduces themselves at the start: "Halo kak, saya Wulan dari ...",
    # "Hello Jessica, Nia here", "Hi, this is Dimas from billing"
    opening = strip_bidi(text).lstrip().split("\n", 1)[0][:120]
    found = _INTRODUCTION.search(opening)
    if found is not None:
        name = found["name"] or found["name2"]
        if name.casefold() not in NOT_NAMES:
            return _on_roster(name, config)
    return None


# "saya Wulan dari Kurnia Konveksi", "Nia di sini", "this is Dimas from billing"; the
# opener in any case ("Saya Wulan", "It's Nia", with an iPhone's curly apostrophe too),
# the name capitalised
_INTRODUCTION = re.compile(
    r"\b(?i:saya|sy|aku|this is|i['\u2019]m|i am|my name is|it['\u2019]s)"
    r"\s+(?P<name>[A-Z][a-z]{2,})\b"
    r"(?=\s*(?:dari|from|di sini|disini|here|yang|yg|melanjutkan|lanjut|lanjutkan|,|\.|!|😊|🙏|$))"
    r"|\b(?P<name2>[A-Z][a-z]{2,}) (?:di sini|disini|here)\b"
)


def unlisted_signers(texts: Iterable[str], config: AuditConfig) -> tuple[str, ...]:
    """The names business replies sign with (or introduce themselves by) that the
    roster leaves out, in order of first appearance; none without a roster."""
    if not config.agents:
        return ()
    bare = replace(config, agents=())
    found: dict[str, None] = {}
    for text in texts:
        name = signer(text, bare)
        if name and _on_roster(name, config) is None and signer(text, config) is None:
            found.setdefault(name, None)
    return tuple(found)


def _on_roster(name: str, config: AuditConfig) -> str | None:
    """A signed name as the agent it is: with a roster, only its agents."""
    if not config.agents:
        return name
    for spec in config.agents:
        known = {s.casefold() for s in (spec.name, *spec.signatures)}
        if name.casefold() in known or name.split(maxsplit=1)[0].casefold() in known:
            return spec.name
    return None


def _roster_agent(author: str, config: AuditConfig) -> str | None:
    if not config.agents:
        return None
    key = identity(author, config.country_code)
    for spec in config.agents:
        if key in {identity(a, config.country_code) for a in spec.appears_as}:
            return spec.name
    return None


def _sides(
    messages: Sequence[Message], roles: Roles, config: AuditConfig, repeated: frozenset[int]
) -> tuple[list[Utterance], set[int]]:
    """Each message's side; business messages marked automated where they are: they
    open like a greeting/away message, or repeat a template, within seconds of the
    customer. Beside them, the lines of the customer's messages that only thank."""
    openings = tuple(fold(t) for t in config.automated_texts)
    placed: list[Utterance] = []
    thanks = _thanks(messages, roles, config)
    last_customer = None
    for message in messages:
        if message.author is None or message.kind is MessageKind.SYSTEM:
            placed.append(Utterance(message, _SYSTEM))
        elif message.author in roles.customers:
            placed.append(Utterance(message, _CUSTOMER))
            last_customer = message.timestamp
        else:
            automated = _soon_after(message.timestamp, last_customer, config.automated_within)
            if automated:  # soon after the customer, and worded or repeated as a template
                text = fold(message.text)
                automated = (
                    (bool(openings) and text.startswith(openings))
                    or (bool(repeated) and _key(text) in repeated)
                    or config.rubric.find("automated", text) is not None
                )
            placed.append(Utterance(message, _AGENT, automated=automated))
    return placed, thanks | _answers_to_goodbyes(placed, config, thanks)


_FEW_WORDS = 8
_GOODBYE_TAIL = 160  # characters at a reply's end a goodbye is looked for in
_FEW_CHARACTERS = 120  # eight words are never longer: no need to count a long message's
_WORD = re.compile(r"\w+")


def _answers_to_goodbyes(
    placed: list[Utterance], config: AuditConfig, thanks: set[int]
) -> set[int]:
    """The lines of the customer's few words straight after a human reply that closes
    ("Thanks Jake, see you on the 5th!" - "Cheers mate"; "... semoga betah di Canggu"
    - "ok suksma bli"): they answer a goodbye and wait for nothing, unless they ask or
    complain. Whatever words they thank in, the reply before them says it is over.
    Only those it decides something for are looked at: the customer's last words before
    a silence longer than the session gap, or at the chat's end (a new conversation, or
    a last turn that needs no reply). The cheap tests first; the phrase lists last."""
    # per candidate: where the customer's next message is, its line and text, the
    # reply's last words, and when the reply came
    candidates: list[tuple[int, int, str, str, datetime]] = []
    times: list[datetime] = []  # the customer's messages' times, in order
    before: Utterance | None = None
    for utterance in placed:
        if utterance.role is _SYSTEM or utterance.automated:
            continue
        message = utterance.message
        if utterance.role is _CUSTOMER:
            times.append(message.timestamp)
            if (
                message.kind is _TEXT
                and message.line not in thanks
                and before is not None
                and _replies(before)
                and "?" not in before.message.text
                and len(message.text) <= _FEW_CHARACTERS
                and len(_WORD.findall(message.text)) <= _FEW_WORDS
            ):
                # a goodbye ends its reply: its last words are searched, not the whole
                tail = before.message.text[-_GOODBYE_TAIL:]
                replied = before.message.timestamp
                candidates.append((len(times), message.line, message.text, tail, replied))
        before = utterance
    kept = [
        (line, fold(text), fold(tail))
        for after, line, text, tail, replied in candidates
        if after >= len(times) or times[after] - replied > config.session_gap
    ]
    # each list searched once over all of them: replies and answers repeat in a chat
    rubric = config.rubric
    closing = [kept[i] for i in rubric.matching("closing", [t for _, _, t in kept])]
    said = [text for _, text, _ in closing]
    asking = set(rubric.matching("question", said)) | set(rubric.matching("complaint", said))
    return {line for i, (line, _, _) in enumerate(closing) if i not in asking}


def _replies(utterance: Utterance) -> bool:
    """A human business message that answers: not automated, not deleted or missing."""
    return (
        utterance.role is _AGENT
        and not utterance.automated
        and utterance.message.kind not in _UNSAID
    )


def _sessions(
    placed: list[Utterance], thanks: set[int], config: AuditConfig
) -> list[list[Utterance]]:
    """Split where the customer writes longer than the session gap after the last human
    reply, unless they are waiting (their last words asked for something that no human
    reply has met). The business side never opens a conversation: a follow-up the agent
    sends a day later belongs to the one it follows up (LABELING.md)."""
    sessions: list[list[Utterance]] = [[]]
    last_reply = None
    waiting = False
    for utterance in placed:
        moment = utterance.message.timestamp
        if (
            utterance.role is _CUSTOMER
            and last_reply is not None
            and not waiting
            and moment - last_reply > config.session_gap
        ):
            sessions.append([])
            last_reply = None
        sessions[-1].append(utterance)
        if utterance.role is _SYSTEM:
            continue
        if utterance.role is _CUSTOMER and utterance.message.line not in thanks:
            waiting = True
        elif _replies(utterance):
            waiting = False
            last_reply = moment
    return [s for s in sessions if any(u.role is not _SYSTEM for u in s)]


def _credit(session: list[Utterance], config: AuditConfig) -> list[Utterance]:
    """Name the human agent of each business reply (signatures, roster, handovers)."""
    human = [i for i, u in enumerate(session) if u.role is _AGENT and not u.automated]
    signed: dict[int, str] = {}
    for i in human:
        author = session[i].message.author or ""
        name = signer(session[i].message.text, config) or _roster_agent(author, config)
        if name is not None:
            signed[i] = name
    # before the first signature, replies go to the first agent who signs: one name for
    # all of them, found once (a year-long chat is not scanned again for every reply)
    first_signed = signed[min(signed)] if signed else None
    credited = list(session)
    previous: str | None = None
    for i in human:
        if i in signed:
            previous = signed[i]
        name = previous or first_signed or session[i].message.author
        credited[i] = Utterance(session[i].message, _AGENT, agent=name)
    return credited


def _turns(session: list[Utterance], thanks: set[int]) -> tuple[Turn, ...]:
    """Runs of customer messages, each with the first human reply after it. Thanks and
    okays do not open a run (the clock starts when the customer asks for something),
    but for the conversation's first message, from which the first response runs
    (LABELING.md); a last run of thanks alone needs no reply and is no turn."""
    turns: list[Turn] = []
    run: list[Message] = []
    opened = False
    for utterance in session:
        message = utterance.message
        if utterance.role is _CUSTOMER and message.kind in _SPOKEN:
            if run or not opened or message.line not in thanks:
                run.append(message)
            opened = True
        elif _replies(utterance) and run:
            turns.append(Turn(tuple(run), utterance))
            run = []
    if run and not all(m.line in thanks or m.kind is _DELETED for m in run):
        turns.append(Turn(tuple(run), None))  # a last run of retractions asks nothing
    return tuple(turns)


def build_conversations(
    file: str,
    messages: Sequence[Message],
    roles: Roles,
    config: AuditConfig,
    *,
    repeated: frozenset[int] = frozenset(),
) -> tuple[Conversation, ...]:
    """The conversations of one export, in order."""
    customer = ", ".join(sorted(roles.customers)) or "(unknown)"
    named = customer_in_file_name(file)
    if named is not None and named.startswith(f"{customer}: "):
        customer = named  # "Budi: VIP: Hi" reads as author "Budi": the file name has it whole
    placed, thanks = _sides(messages, roles, config, repeated)
    account = min(roles.business, default=None) or roles.account or NO_REPLY
    conversations = []
    for index, session in enumerate(_sessions(placed, thanks, config)):
        credited = _credit(session, config)
        turns = _turns(credited, thanks)
        # the account that sent its automated messages, if any did
        sent = next((u.message.author for u in credited if u.automated), None)
        conversations.append(
            Conversation(file, index, customer, tuple(credited), turns, sent or account)
        )
    return tuple(conversations)
