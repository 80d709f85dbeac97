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

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import timedelta

from cs_audit.config import AuditConfig
from cs_audit.ingest.kinds import strip_bidi
from cs_audit.models import Conversation, Message, MessageKind, Role, Turn, Utterance
from cs_audit.roles import Roles, identity

_SPOKEN = frozenset(
    {
        MessageKind.TEXT,
        MessageKind.MEDIA,
        MessageKind.ATTACHMENT,
        MessageKind.LOCATION,
        MessageKind.POLL,
        MessageKind.CALL,
        MessageKind.DELETED,
        MessageKind.UNAVAILABLE,
    }
)


def _normal(text: str) -> str:
    return " ".join(strip_bidi(text).casefold().split())


def repeated_business_texts(texts: Iterable[str], *, minimum: int = 2) -> frozenset[str]:
    """Business texts sent at least ``minimum`` times (templates, away messages)."""
    counted = Counter(_normal(t) for t in texts if t.strip())
    return frozenset(t for t, n in counted.items() if n >= minimum)


def signer(text: str, config: AuditConfig) -> str | None:
    """The agent a reply's signature names, or None; with a roster, only its agents."""
    last = strip_bidi(text).rstrip().rsplit("\n", 1)[-1]
    for pattern in config.signatures:
        found = pattern.search(last)
        if found is None:
            continue
        name = found["name"].rstrip(".")
        if not config.agents:
            return name
        for spec in config.agents:
            if name.casefold() in {s.casefold() for s in (spec.name, *spec.signatures)}:
                return spec.name
    return None


def _roster_agent(author: str, config: AuditConfig) -> str | None:
    key = identity(author, config.country_code)
    for spec in config.agents:
        if key in {identity(a, config.country_code) for a in spec.appears_as}:
            return spec.name
    return None


def _sides(
    messages: Sequence[Message], roles: Roles, config: AuditConfig, repeated: frozenset[str]
) -> list[Utterance]:
    """Each message's side; business messages marked automated where they are."""
    openings = tuple(_normal(t) for t in config.automated_texts)
    placed: list[Utterance] = []
    last_customer = None
    for message in messages:
        if message.author is None or message.kind is MessageKind.SYSTEM:
            placed.append(Utterance(message, Role.SYSTEM))
        elif message.author in roles.customers:
            placed.append(Utterance(message, Role.CUSTOMER))
            last_customer = message.timestamp
        else:
            text = _normal(message.text)
            automated = text.startswith(openings) if openings else False
            if not automated and text in repeated and last_customer is not None:
                automated = message.timestamp - last_customer <= config.automated_within
            placed.append(Utterance(message, Role.AGENT, automated=automated))
    return placed


def _sessions(placed: list[Utterance], gap: timedelta) -> list[list[Utterance]]:
    sessions: list[list[Utterance]] = [[]]
    last_spoken: Utterance | None = None
    for utterance in placed:
        if (
            last_spoken is not None
            and last_spoken.role is Role.AGENT
            and not last_spoken.automated
            and utterance.message.timestamp - last_spoken.message.timestamp > gap
        ):
            sessions.append([])
        sessions[-1].append(utterance)
        if utterance.role is not Role.SYSTEM:
            last_spoken = utterance
    return [s for s in sessions if any(u.role is not Role.SYSTEM for u in s)]


def _credit(session: list[Utterance], config: AuditConfig) -> list[Utterance]:
    """Name the human agent of each business reply (signatures, roster, handovers)."""
    human = [i for i, u in enumerate(session) if u.role is Role.AGENT and not u.automated]
    signed: dict[int, str] = {}
    for i in human:
        author = session[i].message.author or ""
        name = signer(session[i].message.text, config) or _roster_agent(author, config)
        if name is not None:
            signed[i] = name
    credited = list(session)
    previous: str | None = None
    for i in human:
        if i in signed:
            previous = signed[i]
        name = (
            signed.get(i)
            or previous
            or next((signed[j] for j in human if j > i and j in signed), None)
            or session[i].message.author
        )
        credited[i] = Utterance(session[i].message, Role.AGENT, agent=name)
    return credited


def _turns(session: list[Utterance], config: AuditConfig) -> tuple[Turn, ...]:
    turns: list[Turn] = []
    run: list[Message] = []
    for utterance in session:
        if utterance.role is Role.CUSTOMER and utterance.message.kind in _SPOKEN:
            run.append(utterance.message)
        elif utterance.role is Role.AGENT and not utterance.automated and run:
            turns.append(Turn(tuple(run), utterance))
            run = []
    if run:  # the customer has the last word: a thank-you needs no reply
        thanks = all(
            m.kind is MessageKind.TEXT and config.rubric.find("acknowledgement", _normal(m.text))
            for m in run
        )
        turns.append(Turn(tuple(run), None, needs_reply=not thanks))
    return tuple(turns)


def build_conversations(
    file: str,
    messages: Sequence[Message],
    roles: Roles,
    config: AuditConfig,
    *,
    repeated: frozenset[str] = frozenset(),
) -> tuple[Conversation, ...]:
    """The conversations of one export, in order."""
    customer = ", ".join(sorted(roles.customers))
    placed = _sides(messages, roles, config, repeated)
    conversations = []
    for index, session in enumerate(_sessions(placed, config.session_gap)):
        credited = _credit(session, config)
        turns = _turns(credited, config)
        conversations.append(Conversation(file, index, customer, tuple(credited), turns))
    return tuple(conversations)
