"""`cs-audit calibrate` as text for a person or JSON for a script."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from cs_audit.calibrate import Calibration


def _shown(path: str) -> str:
    """A labelled export's path as the audit shows files: relative where it can be."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else Path(relative).as_posix()


def _percent(part: int, whole: int) -> str:
    return "-" if not whole else f"{100 * part / whole:.1f}%"


def calibration_text(calibration: Calibration) -> str:
    """Per criterion: compared, agreement, kappa, confusion; latency and agents; then
    every disagreement with the audit's reason and the line that decided it."""
    lines = [
        f"{'criterion':<18} {'n':>4} {'agree':>7} {'kappa':>6}  confusion (label>audit: n)",
    ]
    for c in calibration.criteria:
        kappa = "-" if c.kappa is None else f"{c.kappa:.2f}"
        confusion = ", ".join(f"{a}>{b}: {n}" for a, b, n in c.confusion if a != b)
        lines.append(
            f"{c.key:<18} {c.compared:>4} {_percent(c.agreed, c.compared):>7} {kappa:>6}  "
            f"{confusion or 'none'}"
        )
    n, exact = calibration.first_response
    lines.append(f"{'first response':<18} {n:>4} {_percent(exact, n):>7}  exact")
    n, exact = calibration.agents
    lines.append(f"{'agents':<18} {n:>4} {_percent(exact, n):>7}  exact")
    if calibration.disagreements:
        lines += ["", f"{len(calibration.disagreements)} disagreement(s):"]
    for d in calibration.disagreements:
        lines.append(
            f"{d.file} #{d.conversation + 1} {d.what}: label {d.labelled}, audit {d.audited}"
            f" ({d.where})"
        )
        if d.reason:
            lines.append(f"  {d.reason}")
        if d.evidence is not None:
            quoted = " ".join(d.evidence.text.split())[:160]
            lines.append(f"    line {d.evidence.line}: {quoted}")
    if calibration.unmatched:
        lines += ["", f"{len(calibration.unmatched)} label(s) name no conversation of the audit:"]
        lines += [
            f"{u.where}: {_shown(u.file)} #{u.conversation + 1}" for u in calibration.unmatched
        ]
    return "\n".join(lines) + "\n"


def calibration_json(calibration: Calibration) -> str:
    """The same as one JSON document, keys in a fixed order."""
    document: dict[str, Any] = {
        "criteria": [
            {
                "criterion": c.key,
                "compared": c.compared,
                "agreed": c.agreed,
                "agreement": c.agreement,
                "kappa": c.kappa,
                "confusion": [{"label": a, "audit": b, "count": n} for a, b, n in c.confusion],
            }
            for c in calibration.criteria
        ],
        "first_response": dict(zip(("compared", "exact"), calibration.first_response, strict=True)),
        "agents": dict(zip(("compared", "exact"), calibration.agents, strict=True)),
        "disagreements": [
            {
                "label": d.where,
                "file": d.file,
                "index": d.conversation,
                "what": d.what,
                "labelled": d.labelled,
                "audited": d.audited,
                "reason": d.reason,
                "line": None if d.evidence is None else d.evidence.line,
                "text": None if d.evidence is None else d.evidence.text,
            }
            for d in calibration.disagreements
        ],
        "unmatched": [
            {"label": u.where, "file": u.file, "index": u.conversation}
            for u in calibration.unmatched
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False) + "\n"
