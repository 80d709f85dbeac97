"""Property: any realistic folder of customer-service chats is audited whole.

Folders come from tests/chatgen.py (both layouts, Indonesian and English, signatures,
away messages, prices in every form, media, deleted messages, groups, chats only one
side wrote in, odd names and file names, backwards clocks), with the shop's catalog
and config when drawn. `make fuzz` runs the same generator for longer over the CLI.
"""

from __future__ import annotations

import csv
import io
import json
import math
import tomllib
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings

from cs_audit.config import config_from_mapping
from cs_audit.errors import InternalError
from cs_audit.pipeline import AuditResult, audit
from cs_audit.prices import CatalogItem, load_catalog
from cs_audit.render.json import audit_json_parts, conversation_line
from cs_audit.render.rows import CONVERSATION_COLUMNS, conversation_rows, rows_csv
from tests.chatgen import Case, audit_cases


def _no_constant(name: str) -> Any:
    raise AssertionError(f"JSON holds {name}")


def _run(case: Case, folder: Path, workers: int) -> tuple[AuditResult, str]:
    config = None
    if case.config is not None:
        config = config_from_mapping(tomllib.loads(case.config), "config")
    catalog: tuple[CatalogItem, ...] = ()
    if case.catalog is not None:
        name, data = case.catalog
        (folder.parent / name).write_bytes(data)
        catalog = load_catalog(folder.parent / name)
    result = audit([folder], config, catalog=catalog, workers=workers, render=[conversation_line])
    return result, "".join(audit_json_parts(result))


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # shrinking a folder takes minutes: not here
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(case=audit_cases())
def test_any_realistic_folder_is_audited_whole(tmp_path_factory: Any, case: Case) -> None:
    """No internal error; every chat accounted for; durations and waits >= 0 and within
    the conversation; scores finite; JSON and CSV valid; -j1 and -j2 the same."""
    root: Path = tmp_path_factory.mktemp("case")
    folder = root / "chats"
    for name, data in case.folder.files:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    result, text = _run(case, folder, workers=1)
    bugs = [f.file for f in result.files if isinstance(f.error, InternalError)]
    assert not bugs, [str(f.error) for f in result.files if isinstance(f.error, InternalError)]
    reported = {Path(f.file).relative_to(folder).as_posix() for f in result.files}
    assert set(case.folder.chats) <= reported
    document = json.loads(text, parse_constant=_no_constant)
    assert len(document["files"]) == len(result.files)
    for c in document["conversations"]:
        assert c["duration_seconds"] >= 0
        for turn in c["turns"]:
            wait = turn["response_seconds"]
            assert wait is None or 0 <= wait <= c["duration_seconds"]
        assert c["score"] is None or math.isfinite(c["score"])
        assert c["agents"], "every conversation has an agent, the account at least"
    rows = list(
        csv.reader(io.StringIO("".join(rows_csv(conversation_rows(result), CONVERSATION_COLUMNS))))
    )
    assert {len(r) for r in rows} == {len(CONVERSATION_COLUMNS)}
    assert len(rows) == len(result.conversations) + 1
    _, parallel = _run(case, folder, workers=2)
    assert parallel == text
