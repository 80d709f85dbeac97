"""Closing dengan Sopan: the agent closes politely (and, for CCSEI, names themself)."""

from __future__ import annotations

from cs_audit.conversations import signer
from cs_audit.criteria.base import Context, normal, quote, result
from cs_audit.models import CriterionResult, Verdict

KEY = "polite_closing"


def judge(ctx: Context) -> CriterionResult:
    if not ctx.text_replies:
        return result(KEY, Verdict.NOT_APPLICABLE, "no agent replied in words")
    last = ctx.text_replies[-1]
    found = ctx.config.rubric.find("closing", normal(last.text))
    name = signer(last.text, ctx.config)
    names = (("names_agent", name is not None),)
    if found:
        named = f", signed by {name}" if name else ", without the agent's name (CCSEI)"
        return result(
            KEY,
            Verdict.PASS,
            f"the last reply closes politely ({quote(found[0])}){named}",
            last,
            details=names,
        )
    return result(
        KEY,
        Verdict.FAIL,
        f"the last reply does not close politely: {quote(last.text)}",
        last,
        details=names,
    )
