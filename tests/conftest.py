"""Shared paths and helpers for the test suite."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cs_audit.ingest import ParsedExport

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"
SAMPLES = ROOT / "sample_exports"


def records(parsed: ParsedExport) -> list[dict[str, Any]]:
    """A parsed export as golden-file records (without the file name)."""
    return [
        {"line": line, "timestamp": ts, "author": author, "text": text, "kind": kind}
        for line, ts, author, text, kind in parsed.rows()
    ]


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    """The records of a JSON Lines golden file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
