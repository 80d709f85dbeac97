"""Per-agent aggregation of audited conversations."""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cs_audit.models import Verdict
from cs_audit.rubric import CRITERIA

if TYPE_CHECKING:
    from cs_audit.pipeline import ConversationResult


@dataclass(frozen=True, slots=True)
class AgentScorecard:
    """One agent's week: how many conversations, how good, how fast."""

    agent: str
    conversations: int  # conversations the agent replied in
    replies: int
    mean_score: float | None
    pass_rates: Mapping[str, float | None]  # passes / (passes + fails), per criterion
    first_response_median: float | None  # seconds, where the agent answered first
    first_response_p90: float | None
    sla_share: float | None  # the agent's replies within the target, of all they gave
    unanswered_turns: int  # in the conversations the agent replied in


def percentile(values: Sequence[float], share: float) -> float | None:
    """The nearest-rank percentile: a value that occurred, never an interpolation."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def scorecards(results: Sequence[ConversationResult]) -> tuple[AgentScorecard, ...]:
    """One scorecard per agent, in name order."""
    worked: dict[str, list[ConversationResult]] = {}
    for r in results:
        for agent in r.conversation.agents:
            worked.setdefault(agent, []).append(r)
    cards = []
    for name in sorted(worked):
        mine = worked[name]
        replies = within = answered = 0
        firsts = []
        for r in mine:
            replies += sum(u.agent == name and not u.automated for u in r.conversation.utterances)
            for turn, timing in zip(r.conversation.turns, r.metrics.turns, strict=True):
                if turn.reply is not None and turn.reply.agent == name:
                    answered += 1
                    within += bool(timing.within_sla)
            first = r.conversation.turns[0] if r.conversation.turns else None
            if first and first.reply and first.reply.agent == name:
                assert r.metrics.first_response_seconds is not None
                firsts.append(r.metrics.first_response_seconds)
        scores = [r.score for r in mine if r.score is not None]
        rates: dict[str, float | None] = {}
        for key in CRITERIA:
            verdicts = [r.criteria[key].verdict for r in mine]
            judged = [v for v in verdicts if v is not Verdict.NOT_APPLICABLE]
            rates[key] = (
                round(sum(v is Verdict.PASS for v in judged) / len(judged), 3) if judged else None
            )
        cards.append(
            AgentScorecard(
                agent=name,
                conversations=len(mine),
                replies=replies,
                mean_score=round(statistics.fmean(scores), 1) if scores else None,
                pass_rates=rates,
                first_response_median=statistics.median(firsts) if firsts else None,
                first_response_p90=percentile(firsts, 0.9),
                sla_share=round(within / answered, 3) if answered else None,
                unanswered_turns=sum(r.metrics.unanswered_turns for r in mine),
            )
        )
    return tuple(cards)
