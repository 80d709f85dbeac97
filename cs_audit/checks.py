"""cs-audit check: each training transcript against a bar, for CI."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from cs_audit.models import Evidence, Verdict
from cs_audit.pipeline import AuditResult
from cs_audit.rubric import CRITERIA


@dataclass(frozen=True, slots=True)
class Miss:
    """One reason a transcript misses the bar, with the line that shows it."""

    reason: str
    evidence: Evidence | None


@dataclass(frozen=True, slots=True)
class TranscriptCheck:
    """A transcript (one export file) and why it misses the bar, if it does."""

    file: str
    score: float | None  # the lowest of its conversations
    misses: tuple[Miss, ...]
    error: str | None = None  # the file could not be audited

    @property
    def passed(self) -> bool:
        return not self.misses and self.error is None


def check(
    result: AuditResult, *, min_score: float, required: Sequence[str]
) -> list[TranscriptCheck]:
    """Every audited file against the bar, in file order."""
    checks = []
    by_file = {  # results come in file order: one pass groups them
        file: list(mine)
        for file, mine in groupby(result.conversations, key=lambda r: r.conversation.file)
    }
    for report in result.files:
        if report.error is not None:
            checks.append(TranscriptCheck(report.file, None, (), str(report.error)))
            continue
        mine = by_file.get(report.file, [])
        misses: list[Miss] = []
        scores = [r.score for r in mine if r.score is not None]
        for r in mine:
            if r.score is not None and r.score < min_score:
                failing = [r.criteria[k] for k in CRITERIA if r.criteria[k].verdict is Verdict.FAIL]
                for outcome in failing or ():
                    misses.append(
                        Miss(
                            f"score {r.score:g} < {min_score:g}: {outcome.key}: {outcome.reason}",
                            outcome.evidence[0] if outcome.evidence else None,
                        )
                    )
                if not failing:
                    misses.append(Miss(f"score {r.score:g} < {min_score:g}", None))
            for key in required:
                outcome = r.criteria[key]
                if outcome.verdict is not Verdict.PASS:
                    misses.append(
                        Miss(
                            f"required {key} is {outcome.verdict.value}: {outcome.reason}",
                            outcome.evidence[0] if outcome.evidence else None,
                        )
                    )
        if not mine:
            misses.append(Miss("holds no conversation to judge", None))
        checks.append(
            TranscriptCheck(
                report.file, min(scores) if scores else None, tuple(dict.fromkeys(misses))
            )
        )
    return checks
