"""The six criteria of seed 000, one module each, and the conversation's score.

Score 0-100: the weighted share of applicable criteria passed (n/a left out, or
counted as passed when the rubric says so); a failed critical criterion makes it 0.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from cs_audit.criteria import (
    accurate_concise,
    answers_questions,
    greeting,
    needs_inquiry,
    polite_closing,
    response_speed,
)
from cs_audit.criteria.base import Context
from cs_audit.criteria.flags import conversation_language, raise_flags
from cs_audit.models import CriterionResult, Verdict
from cs_audit.rubric import CRITERIA, Rubric

REGISTRY: Mapping[str, Callable[[Context], CriterionResult]] = {
    response_speed.KEY: response_speed.judge,
    greeting.KEY: greeting.judge,
    needs_inquiry.KEY: needs_inquiry.judge,
    answers_questions.KEY: answers_questions.judge,
    accurate_concise.KEY: accurate_concise.judge,
    polite_closing.KEY: polite_closing.judge,
}
assert tuple(REGISTRY) == CRITERIA

__all__ = ["REGISTRY", "Context", "conversation_language", "judge_all", "raise_flags", "score"]


def judge_all(ctx: Context) -> dict[str, CriterionResult]:
    """Every criterion's result, keyed and ordered as CRITERIA."""
    return {key: judge(ctx) for key, judge in REGISTRY.items()}


def score(results: Mapping[str, CriterionResult], rubric: Rubric) -> float | None:
    """The conversation's score, or None when no criterion applies."""
    if any(results[key].verdict is Verdict.FAIL for key in rubric.critical):
        return 0.0
    applicable = passed = 0.0
    for key, outcome in results.items():
        weight = rubric.weights[key]
        if outcome.verdict is Verdict.NOT_APPLICABLE:
            if rubric.na_counts_as == "pass":
                applicable += weight
                passed += weight
            continue
        applicable += weight
        passed += weight if outcome.verdict is Verdict.PASS else 0.0
    return round(100 * passed / applicable, 1) if applicable else None
