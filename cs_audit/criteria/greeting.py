"""Sapaan Ramah: the agent's first human message greets the customer warmly."""

from __future__ import annotations

from cs_audit.criteria.base import Context, normal, quote, result
from cs_audit.models import CriterionResult, Verdict

KEY = "greeting"


def judge(ctx: Context) -> CriterionResult:
    if not ctx.text_replies:
        return result(KEY, Verdict.NOT_APPLICABLE, "no agent replied in words")
    first = ctx.text_replies[0]
    found = ctx.config.rubric.find("greeting", normal(first.text))
    if found:
        return result(KEY, Verdict.PASS, f"the first reply greets ({quote(found[0])})", first)
    return result(KEY, Verdict.FAIL, f"the first reply does not greet: {quote(first.text)}", first)
