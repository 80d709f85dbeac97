"""The audit's verdicts against a supervisor's labels: agreement, kappa, disagreements.

A labels file is CSV with the columns ``file, conversation`` and any of the six
criteria (``pass``, ``fail``, ``n/a``; blank: not labelled), and optionally
``first_response_seconds`` (blank or ``none``: nobody replied) and ``agents`` (names
joined by ``;``). ``file`` is the export's path relative to the labels file's folder;
``conversation`` is its index within the file, from 0, as in the JSON output.
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cs_audit.errors import ConfigError
from cs_audit.models import Evidence, Verdict
from cs_audit.pipeline import AuditResult, ConversationResult
from cs_audit.rubric import CRITERIA

_VERDICTS = {v.value: v for v in Verdict}
_NONE = frozenset({"", "none", "-"})


@dataclass(frozen=True, slots=True)
class Label:
    """A supervisor's judgement of one conversation."""

    where: str  # labels file:row
    file: str  # the export's path, resolved
    conversation: int
    verdicts: Mapping[str, Verdict]  # the criteria labelled
    first_response: float | None = None
    has_first_response: bool = False
    agents: tuple[str, ...] | None = None


def _key(path: str | os.PathLike[str]) -> str:
    """An export's path as labels and audits both name it: absolute, lexically."""
    return os.path.normpath(os.path.abspath(path))


def load_labels(path: str | Path) -> list[Label]:
    """The labels of one CSV file; ``ConfigError`` names file:row of a malformed one."""
    path = Path(path)
    where = path.as_posix()
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as error:
        raise ConfigError(
            where, f"cannot be read ({(error.strerror or '').lower()})", "check the --labels path"
        ) from None
    except (UnicodeDecodeError, csv.Error):
        raise ConfigError(
            where, "is not a UTF-8 CSV file", "save the labels as UTF-8 CSV"
        ) from None
    if not rows or not {"file", "conversation"} <= set(rows[0]):
        raise ConfigError(
            where,
            "has no file and conversation columns",
            "start it with a header: file,conversation," + ",".join(CRITERIA),
        )
    labels = []
    for number, row in enumerate(rows, start=2):
        at = f"{where}:{number}"
        labels.append(_label(row, at, path.parent))
    return labels


def _label(row: Mapping[str, str | None], at: str, folder: Path) -> Label:
    file = (row.get("file") or "").strip()
    index = (row.get("conversation") or "").strip()
    if not file or not index.isdigit():
        raise ConfigError(
            at, "needs a file and a conversation number", "give the file and its index from 0"
        )
    verdicts = {}
    for key in CRITERIA:
        value = (row.get(key) or "").strip().casefold()
        if not value:
            continue
        if value not in _VERDICTS:
            raise ConfigError(at, f"{key} is {value!r}", "write pass, fail or n/a (or leave blank)")
        verdicts[key] = _VERDICTS[value]
    label = Label(at, _key(folder / file), int(index), verdicts)
    if "first_response_seconds" in row:
        seconds = (row.get("first_response_seconds") or "").strip().casefold()
        if seconds not in _NONE:
            try:
                waited = float(seconds)
            except ValueError:
                waited = -1.0
            if not 0 <= waited < 10**10:
                raise ConfigError(
                    at,
                    f"first_response_seconds is {seconds!r}",
                    "give whole seconds, or leave it blank when nobody replied",
                )
            label = _with(label, first_response=waited)
        label = _with(label, has_first_response=True)
    agents = (row.get("agents") or "").strip()
    if agents:
        label = _with(label, agents=tuple(a.strip() for a in agents.split(";") if a.strip()))
    return label


def _with(label: Label, **changes: Any) -> Label:
    return replace(label, **changes)


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A conversation where the audit and the label differ."""

    where: str  # the label's file:row
    file: str
    conversation: int
    what: str  # a criterion, "first_response_seconds" or "agents"
    labelled: str
    audited: str
    reason: str
    evidence: Evidence | None


@dataclass(frozen=True, slots=True)
class CriterionAgreement:
    key: str
    compared: int
    agreed: int
    kappa: float | None  # None: nothing compared
    confusion: tuple[tuple[str, str, int], ...]  # (label, audit, count)

    @property
    def agreement(self) -> float | None:
        return round(self.agreed / self.compared, 3) if self.compared else None


@dataclass(frozen=True, slots=True)
class Calibration:
    criteria: tuple[CriterionAgreement, ...]
    first_response: tuple[int, int]  # (compared, exact)
    agents: tuple[int, int]  # (compared, exact)
    disagreements: tuple[Disagreement, ...]
    unmatched: tuple[Label, ...] = field(default=())  # labels the audit has no conversation for


def _kappa(pairs: Sequence[tuple[Verdict, Verdict]]) -> float | None:
    """Cohen's kappa of label and audit verdicts."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(a == b for a, b in pairs) / n
    labelled = Counter(a for a, _ in pairs)
    audited = Counter(b for _, b in pairs)
    expected = sum(labelled[v] * audited[v] for v in Verdict) / (n * n)
    if expected >= 1:
        return 1.0 if observed == 1 else 0.0
    return round((observed - expected) / (1 - expected), 3)


def _seconds(value: float | None) -> str:
    return "none" if value is None else f"{value:g}"


def calibrate(result: AuditResult, labels: Iterable[Label]) -> Calibration:
    """Compare the audit's conversations with the labels, criterion by criterion."""
    audited: dict[tuple[str, int], ConversationResult] = {
        (_key(r.conversation.file), r.conversation.index): r for r in result.conversations
    }
    pairs: dict[str, list[tuple[Verdict, Verdict]]] = {key: [] for key in CRITERIA}
    disagreements: list[Disagreement] = []
    unmatched: list[Label] = []
    latency = [0, 0]
    agents = [0, 0]
    for label in labels:
        found = audited.get((label.file, label.conversation))
        if found is None:
            unmatched.append(label)
            continue
        name, index = found.conversation.file, found.conversation.index
        for key, expected in label.verdicts.items():
            outcome = found.criteria[key]
            pairs[key].append((expected, outcome.verdict))
            if outcome.verdict is not expected:
                disagreements.append(
                    Disagreement(
                        label.where,
                        name,
                        index,
                        key,
                        expected.value,
                        outcome.verdict.value,
                        outcome.reason,
                        outcome.evidence[0] if outcome.evidence else None,
                    )
                )
        others = []
        if label.has_first_response:
            tool = found.metrics.first_response_seconds
            others.append(
                (latency, "first_response_seconds", _seconds(label.first_response), _seconds(tool))
            )
        if label.agents is not None:
            audited_agents = "; ".join(found.conversation.agents)
            others.append((agents, "agents", "; ".join(label.agents), audited_agents))
        for tally, what, labelled, audited_value in others:
            tally[0] += 1
            if labelled == audited_value:
                tally[1] += 1
            else:
                disagreements.append(
                    Disagreement(label.where, name, index, what, labelled, audited_value, "", None)
                )
    criteria = tuple(
        CriterionAgreement(
            key,
            len(pairs[key]),
            sum(a == b for a, b in pairs[key]),
            _kappa(pairs[key]),
            tuple(
                (a.value, b.value, n)
                for (a, b), n in sorted(
                    Counter(pairs[key]).items(), key=lambda i: (i[0][0].value, i[0][1].value)
                )
            ),
        )
        for key in CRITERIA
    )
    return Calibration(
        criteria,
        (latency[0], latency[1]),
        (agents[0], agents[1]),
        tuple(disagreements),
        tuple(unmatched),
    )
