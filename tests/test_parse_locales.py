"""A blind corpus: exports as phones in 96 locale variants write them, invented and labelled
by a helper that had not read the parser (tests/fixtures/locales/NOTES.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cs_audit.errors import IngestError
from cs_audit.ingest import parse_export
from tests.conftest import FIXTURES

LOCALES = sorted((FIXTURES / "locales").glob("*.txt"))
_BIDI = "\u200e\u200f\u202a\u202b\u202c"


def test_the_corpus_is_whole() -> None:
    assert len(LOCALES) == 96


@pytest.mark.parametrize("path", LOCALES, ids=[p.stem for p in LOCALES])
def test_each_locale_parses_to_its_labels(path: Path) -> None:
    """Each message's header line, timestamp and author are the labelled ones; a file
    whose calendar cannot be converted is refused, naming it."""
    labels = [json.loads(line) for line in path.with_suffix(".expected.jsonl").open()]
    if labels[0].get("refuse"):
        with pytest.raises(IngestError, match="calendar"):
            parse_export(path.read_bytes(), file=path.name)
        return
    parsed = parse_export(path.read_bytes(), file=path.name)
    assert [(line, stamp, author) for line, stamp, author, _, _ in parsed.rows()] == [
        (label["line"], label["timestamp"], label["author"] and label["author"].strip(_BIDI))
        for label in labels
    ]
