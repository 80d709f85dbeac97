"""The library: cs_audit.read_export returns frozen records, with no terminal involved."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

import cs_audit
from cs_audit import ExportWarning, IngestError, Message, MessageKind, read_export
from tests.conftest import FIXTURES, GOLDEN, ROOT, SAMPLES, load_jsonl


def test_read_export_returns_immutable_messages() -> None:
    """Each message is an immutable record with a real datetime and a MessageKind."""
    messages = read_export(SAMPLES / "WhatsApp Chat - Sari Dewi.zip")
    first = messages[2]
    assert first == Message(
        file=f"{SAMPLES.as_posix()}/WhatsApp Chat - Sari Dewi.zip/_chat.txt",
        line=3,
        timestamp=datetime(2026, 11, 17, 14, 5, 41),
        author="Sari Dewi",
        text="\u200egambar tidak disertakan",
        kind=MessageKind.MEDIA,
    )
    with pytest.raises(AttributeError):
        first.text = "changed"  # type: ignore[misc]


def test_read_export_matches_the_cli_records() -> None:
    """The library and `cs-audit parse` give the same records."""
    golden = [r for r in load_jsonl(GOLDEN / "sample_exports.jsonl") if "Budi Santoso" in r["file"]]
    messages = read_export(SAMPLES / "Chat WhatsApp dengan Budi Santoso.txt")
    assert [
        {
            "line": m.line,
            "timestamp": m.timestamp.isoformat(),
            "author": m.author,
            "text": m.text,
            "kind": m.kind.value,
        }
        for m in messages
    ] == [{k: v for k, v in r.items() if k != "file"} for r in golden]


def test_read_export_warns_and_raises() -> None:
    """Notices become ExportWarning; a file that is not an export raises IngestError."""
    with pytest.warns(ExportWarning, match="read as day-first"):
        read_export(FIXTURES / "bad" / "ambiguous.txt")
    with pytest.raises(IngestError, match="is empty"):
        read_export(FIXTURES / "bad" / "empty.txt")


def test_pandas_stays_off_the_import_path() -> None:
    """Importing cs_audit and reading an export loads neither pandas nor rich."""
    code = (
        "import sys, cs_audit; cs_audit.read_export(sys.argv[1]); "
        "print(sorted(m for m in ('pandas', 'rich', 'typer') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(SAMPLES)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert done.stdout == "[]\n"


def test_public_names() -> None:
    """The package exports what its README documents."""
    assert {
        "read_export",
        "read_exports",
        "Message",
        "MessageKind",
        "DateOrder",
        "IngestError",
        "ExitCode",
    } <= set(cs_audit.__all__)


def test_audit_returns_dataframes() -> None:
    """cs_audit.audit gives agents, conversations, findings and turns as DataFrames."""
    frames = cs_audit.audit([SAMPLES])
    assert frames.agents["agent"].tolist() == ["Dimas", "Rina", "Toko Maju"]
    assert frames.agents.loc[1, "mean_score"] == 92.2
    assert frames.conversations.shape == (5, 20)
    assert frames.conversations["score"].tolist() == [100.0, 100.0, 23.5, 100.0, 76.5]
    assert set(frames.findings["verdict"]) == {"pass", "fail", "n/a", "flag"}
    assert frames.turns["response_seconds"].max() == 57060
    assert len(frames.result.conversations) == 5


def test_dataframes_of_an_empty_audit_keep_their_columns(tmp_path: Path) -> None:
    """No conversation at all: the tables are empty but keep their column names."""
    frames = cs_audit.audit([tmp_path / "nothing-here"])
    assert list(frames.agents.columns)[:3] == ["agent", "conversations", "replies"]
    assert frames.turns.empty


def test_the_readmes_library_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each ```python block of the README runs as written from a fresh clone's root, and
    its last expression shows what its comment says."""
    import re  # noqa: PLC0415

    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.DOTALL)
    assert len(blocks) == 2
    shown = []
    for block in blocks:
        *body, last = [line for line in block.splitlines() if not line.startswith("#")]
        space: dict[str, object] = {}
        exec("\n".join(body), space)  # the README's own code
        shown.append(eval(last, space))
    assert (
        shown[0].text == "Halo kak Sari, selamat siang 😊 Terima kasih sudah menghubungi Toko Maju."
    )
    assert shown[1]["mean_score"].tolist() == [100.0, 92.2, 23.5]
