"""Per-agent aggregation of audited conversations."""

from __future__ import annotations

import math
import statistics
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cs_audit.models import Verdict
from cs_audit.rubric import CRITERIA

if TYPE_CHECKING:
    from cs_audit.results import ConversationResult


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


# What a scorecard needs of one conversation, as plain values (cheap to send from a
# worker): score, verdicts in CRITERIA order, unanswered turns, and per agent who
# replied: (agent, replies, answered turns, answered within the SLA, first response
# seconds if the agent gave the first reply).
Tally = tuple[
    float | None, tuple[str, ...], int, tuple[tuple[str, int, int, int, float | None], ...]
]


def tally(result: ConversationResult) -> Tally:
    """The figures of one judged conversation that scorecards add up."""
    c, metrics = result.conversation, result.metrics
    replies = dict(c.replies)
    first = c.turns[0].agent if c.turns and c.turns[0].answered else None
    per_agent = []
    for name in c.agents:
        answered = within = 0
        for turn, timing in zip(c.turns, metrics.turns, strict=True):
            if turn.answered and turn.agent == name:
                answered += 1
                within += bool(timing.within_sla)
        seconds = metrics.first_response_seconds if first == name else None
        per_agent.append((name, replies.get(name, 0), answered, within, seconds))
    verdicts = tuple(result.criteria[key].verdict.value for key in CRITERIA)
    return result.score, verdicts, metrics.unanswered_turns, tuple(per_agent)


class _Totals:
    """One agent's running sums."""

    __slots__ = (
        "answered",
        "conversations",
        "firsts",
        "judged",
        "passed",
        "replies",
        "scores",
        "unanswered",
        "within",
    )

    def __init__(self) -> None:
        self.conversations = self.replies = self.answered = self.within = self.unanswered = 0
        self.firsts = array("d")
        self.scores = array("d")
        self.passed = [0] * len(CRITERIA)
        self.judged = [0] * len(CRITERIA)


class ScorecardBuilder:
    """Adds up conversations one at a time: memory grows with agents, not messages."""

    def __init__(self) -> None:
        self._agents: dict[str, _Totals] = {}

    def add(self, figures: Tally) -> None:
        score, verdicts, unanswered, per_agent = figures
        for name, replies, answered, within, first in per_agent:
            totals = self._agents.get(name)
            if totals is None:
                totals = self._agents[name] = _Totals()
            totals.conversations += 1
            totals.replies += replies
            totals.answered += answered
            totals.within += within
            totals.unanswered += unanswered
            if first is not None:
                totals.firsts.append(first)
            if score is not None:
                totals.scores.append(score)
            for i, verdict in enumerate(verdicts):
                if verdict != _NOT_APPLICABLE:
                    totals.judged[i] += 1
                    totals.passed[i] += verdict == _PASS

    def build(self) -> tuple[AgentScorecard, ...]:
        """One scorecard per agent, in name order."""
        cards = []
        for name in sorted(self._agents):
            t = self._agents[name]
            cards.append(
                AgentScorecard(
                    agent=name,
                    conversations=t.conversations,
                    replies=t.replies,
                    mean_score=round(statistics.fmean(t.scores), 1) if t.scores else None,
                    pass_rates={
                        key: round(t.passed[i] / t.judged[i], 3) if t.judged[i] else None
                        for i, key in enumerate(CRITERIA)
                    },
                    first_response_median=statistics.median(t.firsts) if t.firsts else None,
                    first_response_p90=percentile(t.firsts, 0.9),
                    sla_share=round(t.within / t.answered, 3) if t.answered else None,
                    unanswered_turns=t.unanswered,
                )
            )
        return tuple(cards)


_PASS = Verdict.PASS.value
_NOT_APPLICABLE = Verdict.NOT_APPLICABLE.value


def scorecards(results: Iterable[ConversationResult]) -> tuple[AgentScorecard, ...]:
    """One scorecard per agent, in name order."""
    builder = ScorecardBuilder()
    for result in results:
        builder.add(tally(result))
    return builder.build()
