"""The labelled development set: the audit's agreement with a supervisor's labels,
per split and criterion, never drops below the levels recorded in levels.json.

tests/labelled/dev is what rules are tuned on; tests/labelled/test is kept aside (no
rule is tuned on it). Labels were written by reading each chat under LABELING.md,
never from the tool's output. Raise a level in levels.json when a rule change lifts
it, measured with `cs-audit calibrate` on both splits.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cs_audit.calibrate import calibrate, load_labels
from cs_audit.pipeline import AuditResult, audit
from cs_audit.prices import CatalogItem, load_catalog
from tests.conftest import ROOT

LABELLED = ROOT / "tests" / "labelled"
LEVELS = json.loads((LABELLED / "levels.json").read_text(encoding="utf-8"))


def _shop_catalog(shop: Path) -> tuple[CatalogItem, ...]:
    path = LABELLED / "catalogs" / f"{shop.name}.csv"
    return load_catalog(path) if path.exists() else ()


@pytest.mark.parametrize("split", ["dev", "test"])
def test_agreement_never_drops(split: str) -> None:
    """Each criterion's agreement, and first response and agents, at least as recorded.
    Each shop is audited as its supervisor would: alone, with its own catalog (as
    `cs-audit calibrate SHOP... --catalogs tests/labelled/catalogs` does)."""
    shops = sorted(p for p in (LABELLED / split).iterdir() if p.is_dir())
    conversations = [
        c for shop in shops for c in audit([shop], catalog=_shop_catalog(shop)).conversations
    ]
    labels = [label for shop in shops for label in load_labels(shop / "labels.csv")]
    outcome = calibrate(AuditResult((), conversations, ()), labels)
    measured = {c.key: c.agreement for c in outcome.criteria}
    measured["first_response"] = round(outcome.first_response[1] / outcome.first_response[0], 3)
    measured["agents"] = round(outcome.agents[1] / outcome.agents[0], 3)
    floors = LEVELS[split]
    assert {k: v for k, v in measured.items() if v is not None and v < floors[k]} == {}
    assert len(outcome.unmatched) <= LEVELS[f"{split}_unmatched"]
