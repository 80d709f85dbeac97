"""Menanyakan Kebutuhan: the agent asks what the customer needs, or asks back."""

from __future__ import annotations

import re

from cs_audit.criteria.base import Context, normal, quote, result
from cs_audit.models import CriterionResult, Verdict

KEY = "needs_inquiry"
_URL = re.compile(r"https?://\S+|\bwww\.\S+", re.IGNORECASE)


def judge(ctx: Context) -> CriterionResult:
    if not ctx.text_replies:
        return result(KEY, Verdict.NOT_APPLICABLE, "no agent replied in words")
    rubric = ctx.config.rubric
    for message in ctx.text_replies:
        found = rubric.find("needs_inquiry", normal(message.text))
        if found:
            return result(
                KEY, Verdict.PASS, f"the agent asks about the need ({quote(found[0])})", message
            )
    for message in ctx.text_replies:
        text = _URL.sub("", message.text)  # a link's "?ref=wa" asks nothing
        if "?" in text:
            question = next(s for s in text.replace("\n", ". ").split(". ") if "?" in s)
            return result(KEY, Verdict.PASS, f"the agent asks back: {quote(question)}", message)
    return result(
        KEY,
        Verdict.FAIL,
        "no reply asks what the customer needs or wants to know",
        ctx.text_replies[0],
    )
