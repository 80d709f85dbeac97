"""Qualities beyond the six (seeds 002, 003): each raised with the message that shows it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from cs_audit.criteria.base import Context, normal, quote
from cs_audit.models import Evidence, Flag, Message, MessageKind, Role

_LANGUAGES = {"id": "id", "ms": "id", "en": "en"}  # langdetect reads Indonesian as Malay too


def _first(ctx: Context, key: str, messages: Sequence[Message]) -> Message | None:
    return next((m for m in messages if ctx.config.rubric.find(key, normal(m.text))), None)


def _flag(key: str, reason: str, *messages: Message) -> Flag:
    return Flag(key, reason, tuple(Evidence.of(m) for m in messages))


def language_of(texts: Sequence[str], sample: int) -> str | None:
    """The language most of a bounded sample of texts is in: "id", "en", or None.

    langdetect is seeded, so the same texts always give the same answer.
    """
    from langdetect import DetectorFactory, detect_langs  # noqa: PLC0415  (slow to load)
    from langdetect.lang_detect_exception import LangDetectException  # noqa: PLC0415

    DetectorFactory.seed = 0
    votes: Counter[str] = Counter()
    for text in [t for t in texts if len(t) >= 15][:sample]:
        try:
            found = detect_langs(text)
        except LangDetectException:
            continue
        for guess in found:
            if guess.lang in _LANGUAGES:
                votes[_LANGUAGES[guess.lang]] += 1
                break
    if not votes:
        return None
    (top, count), *rest = votes.most_common()
    return None if rest and rest[0][1] == count else top


def conversation_language(ctx: Context) -> tuple[str | None, str | None]:
    """The customer's language and the agents' language."""
    sample = ctx.config.rubric.language_sample
    customer = [
        u.message.text
        for u in ctx.conversation.utterances
        if u.role is Role.CUSTOMER and u.message.kind is MessageKind.TEXT
    ]
    agent = [m.text for m in ctx.text_replies]
    return language_of(customer, sample), language_of(agent, sample)


def raise_flags(ctx: Context, languages: tuple[str | None, str | None]) -> tuple[Flag, ...]:
    """Every flag the conversation earns, in a fixed order."""
    flags = []
    replies = ctx.text_replies
    customer = [
        u.message
        for u in ctx.conversation.utterances
        if u.role is Role.CUSTOMER and u.message.kind is MessageKind.TEXT
    ]
    blame = _first(ctx, "blame", replies)
    if blame:
        flags.append(_flag("blame", f"blames the customer: {quote(blame.text)}", blame))
    escalation = _first(ctx, "escalation", replies)
    if escalation:
        flags.append(_flag("escalation", f"escalates: {quote(escalation.text)}", escalation))
    complaint = _first(ctx, "complaint", customer)
    if complaint:
        empathy = _first(ctx, "empathy", [m for m in replies if m.timestamp >= complaint.timestamp])
        if empathy:
            flags.append(
                _flag(
                    "empathy",
                    f"meets a complaint with empathy: {quote(empathy.text)}",
                    complaint,
                    empathy,
                )
            )
        else:
            flags.append(
                _flag(
                    "no_empathy",
                    f"a complaint got no apology or empathy: {quote(complaint.text)}",
                    complaint,
                )
            )
    honest = _first(ctx, "honesty", replies)
    if honest:
        flags.append(_flag("honesty", f"is honest about a limit: {quote(honest.text)}", honest))
    for reply in replies:
        text = normal(reply.text)
        if ctx.config.rubric.find("discount", text) and not ctx.config.rubric.find(
            "authorised_discount", text
        ):
            flags.append(
                _flag(
                    "unauthorised_discount",
                    f"offers a discount no promotion covers: {quote(reply.text)}",
                    reply,
                )
            )
            break
    spoken, answered = languages
    if spoken and answered and spoken != answered:
        first_customer = customer[0] if customer else None
        evidence = [m for m in (first_customer, replies[0] if replies else None) if m]
        flags.append(
            _flag(
                "language_mismatch",
                f"the customer writes {spoken}, the agent replies in {answered}",
                *evidence,
            )
        )
    return tuple(flags)
