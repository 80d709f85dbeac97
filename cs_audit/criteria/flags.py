"""Qualities beyond the six (seeds 002, 003): each raised with the message that shows it."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cs_audit.criteria.base import Context, quote
from cs_audit.models import Evidence, Flag, Message

# langdetect reads only these profiles: the two languages an audit tells apart, and two
# that absorb what short or noisy texts look like. All 55 would take 0.4 s to load and
# make each detection four times slower, for answers an audit cannot use.
_PROFILES = ("id", "en", "tl", "so")
_WANTED = frozenset({"id", "en"})
_CONFIDENT = 0.6


def _first(ctx: Context, key: str, messages: Sequence[Message]) -> Message | None:
    index = next(ctx.config.rubric.matching(key, ctx.normal_texts(messages)), None)
    return None if index is None else messages[index]


def _flag(key: str, reason: str, *messages: Message) -> Flag:
    return Flag(key, reason, tuple(Evidence.of(m) for m in messages))


@functools.cache
def _detectors() -> Any:
    """A langdetect factory with the profiles above, seeded: same text, same answer."""
    from langdetect.detector_factory import (  # noqa: PLC0415  (only when detecting)
        PROFILES_DIRECTORY,
        DetectorFactory,
    )

    factory = DetectorFactory()
    factory.seed = 0
    factory.load_json_profile(
        [Path(PROFILES_DIRECTORY, code).read_text(encoding="utf-8") for code in _PROFILES]
    )
    return factory


# Function words that mark a language whatever the topic; customer-service chats use
# them constantly. A clear majority decides; only unclear samples go to langdetect.
_INDONESIAN = (
    "yang dan ini itu ada saya kami kakak kak min gan apa tidak bisa untuk dengan sudah "
    "belum ya mau masih juga dari ke di akan atau aja dong deh nih berapa brp gimana "
    "terima kasih makasih silakan mohon maaf"
)
_ENGLISH = (
    "the and you your is are it this that to for of have has do does can could what how "
    "when where which will would please thanks thank hi hello yes no we our with"
)
_FUNCTION_WORDS = {"id": frozenset(_INDONESIAN.split()), "en": frozenset(_ENGLISH.split())}
# English words Indonesian chats say as their own ("ok kak, thanks ya"): no switch
_LOANWORDS = frozenset({"thanks", "thank", "please", "hi", "hello", "yes", "no"})
_CLEAR = 3  # one language's words must outnumber the other's three to one
MIXED = "mixed"


def _by_function_words(texts: Sequence[str]) -> str | None:
    """ "id" or "en" where one language's function words clearly outnumber the other's;
    MIXED where both languages' are said, English beyond loanwords ("ok kak, thanks
    ya" is Indonesian), and neither clearly outnumbers the other; None where too few
    words tell."""
    indonesian, english = _FUNCTION_WORDS["id"], _FUNCTION_WORDS["en"]
    words = re.findall(r"[a-z]+", "\n".join(texts).casefold())
    counts = {"id": sum(w in indonesian for w in words), "en": sum(w in english for w in words)}
    (top, most), (_, other) = sorted(counts.items(), key=lambda item: -item[1])
    if most >= 2 and most >= _CLEAR * other:
        return top
    switched = sum(w in english and w not in _LOANWORDS for w in words)
    return MIXED if counts["id"] >= 2 and switched >= 2 else None


def language_of(texts: Sequence[str], sample: int) -> str | None:
    """The language of a bounded sample of texts: "id", "en", MIXED, or None when
    unclear.

    Function words decide most chats at once; langdetect (seeded, four profiles) reads
    the joined sample only when they do not: once per side, never once per message.
    """
    chosen = [t for t in texts if len(t) >= 15][:sample]
    if not chosen:
        return None
    decided = _by_function_words(chosen)
    if decided is not None:
        return decided
    joined = "\n".join(chosen)
    from langdetect.lang_detect_exception import LangDetectException  # noqa: PLC0415

    detector = _detectors().create()
    detector.append(joined)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None
    return best.lang if best.lang in _WANTED and best.prob >= _CONFIDENT else None


def conversation_language(ctx: Context) -> tuple[str | None, str | None]:
    """The customer's language and the agents' language."""
    sample = ctx.config.rubric.language_sample
    customer = [m.text for m in ctx.customer_text_messages]
    agent = [m.text for m in ctx.text_replies]
    return language_of(customer, sample), language_of(agent, sample)


def raise_flags(ctx: Context, languages: tuple[str | None, str | None]) -> tuple[Flag, ...]:
    """Every flag the conversation earns, in a fixed order."""
    flags = []
    replies = ctx.text_replies
    customer = ctx.customer_text_messages
    blame = _first(ctx, "blame", replies)
    if blame:
        flags.append(_flag("blame", f"blames the customer: {quote(blame.text)}", blame))
    escalation = _first(ctx, "escalation", replies)
    if escalation:
        flags.append(_flag("escalation", f"escalates: {quote(escalation.text)}", escalation))
    complaint = next((m for m in customer if ctx.complains(m)), None)  # not own fault
    if complaint:
        empathy = _first(
            ctx, "empathy", tuple(m for m in replies if m.timestamp >= complaint.timestamp)
        )
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
    granted = ctx.whim_discount
    if granted:
        flags.append(
            _flag(
                "unauthorised_discount",
                f"offers a discount no promotion covers: {quote(granted.text)}",
                granted,
            )
        )
    spoken, answered = languages
    if spoken and answered and spoken != answered and MIXED not in languages:
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
