"""Parsing and rendering on several cores give exactly the one-core result."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cs_audit import cli
from cs_audit.errors import IngestError
from cs_audit.ingest import Source, blocks, parse_export, parser
from tests.conftest import FIXTURES, ROOT, records


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks of 2 KiB and workers from 4 KiB, so that a test file spans many blocks."""
    monkeypatch.setattr(blocks, "BLOCK_BYTES", 2048)
    monkeypatch.setattr(parser, "_PARALLEL_BYTES", 4096)


def _chat() -> bytes:
    base = (FIXTURES / "kinds" / "group_en.txt").read_bytes()
    return b"a line before any header\n" + base * 40


@pytest.mark.usefixtures("small_blocks")
def test_workers_give_the_same_records() -> None:
    """Two forked workers and one process give the same columns and notices."""
    data = _chat()
    one = parse_export(data, file="g.txt", workers=1)
    two = parse_export(data, file="g.txt", workers=2)
    assert len(blocks.spans(data, one.layout.pattern())) > 10
    assert records(two) == records(one)
    assert (two.notices, two.skipped, two.line_count) == (one.notices, one.skipped, one.line_count)
    assert two.authors.count("Toko: Maju") == 80


@pytest.mark.usefixtures("small_blocks")
def test_bad_byte_in_a_later_block_names_its_line() -> None:
    """A byte that is not UTF-8, deep in the file, is reported at its own line."""
    lines = _chat().split(b"\n")
    lines[400] = lines[400] + b" caf\xe9"
    data = b"\n".join(lines)
    for workers in (1, 2):
        with pytest.raises(IngestError) as caught:
            parse_export(data, file="g.txt", workers=workers)
        assert caught.value.where == "g.txt:401"


def test_cli_output_is_the_same_for_any_workers(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`--workers 2` writes byte for byte what `--workers 1` writes, JSONL and CSV."""
    monkeypatch.setattr(blocks, "BLOCK_BYTES", 2048)
    monkeypatch.setattr(parser, "_PARALLEL_BYTES", 4096)
    monkeypatch.setattr(cli.parse, "_PARALLEL_RENDER", 100)
    monkeypatch.setattr(cli.parse, "_RENDER_SLICE", 64)
    path = FIXTURES / "kinds" / "group_en.txt"
    big = tmp_path / "big.txt"
    big.write_bytes(path.read_bytes() * 60)
    runner = CliRunner()
    for fmt in ("jsonl", "csv"):
        one = runner.invoke(cli.app, ["parse", str(big), "-f", fmt, "-j", "1"])
        two = runner.invoke(cli.app, ["parse", str(big), "-f", fmt, "-j", "2"])
        assert one.exit_code == two.exit_code == 0
        assert one.stdout_bytes == two.stdout_bytes
        assert one.stdout.count("\n") > 700


_RUN_WITH_SMALL_SLICES = """
import sys
from cs_audit import cli
cli.parse._PARALLEL_RENDER, cli.parse._RENDER_SLICE = 100, 64
cli.app(sys.argv[1:])
"""


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_workers_writing_to_a_real_file_keep_the_order(tmp_path: Path, fmt: str) -> None:
    """Workers that write their slices to stdout themselves write them in order."""
    big = tmp_path / "big.txt"
    big.write_bytes((FIXTURES / "kinds" / "group_en.txt").read_bytes() * 60)
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"out-{workers}.{fmt}"
        with out.open("wb") as handle:
            done = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    _RUN_WITH_SMALL_SLICES,
                    "parse",
                    str(big),
                    "-f",
                    fmt,
                    "-j",
                    workers,
                ],
                stdout=handle,
                stderr=subprocess.PIPE,
                check=False,
                cwd=ROOT,
            )
        assert (done.returncode, done.stderr) == (0, b"")
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b"\n") > 700


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "summary"])
def test_a_folder_parsed_on_workers_is_the_one_core_output(
    fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many files: each parsed and rendered whole by a worker, a large one alone on all
    cores (here anything over 4 KiB), the bad ones reported where they stand: the same
    bytes, lines on stderr and exit status as one process."""
    monkeypatch.setattr(cli.parse, "_ALONE_BYTES", 4096)
    monkeypatch.setattr(cli.parse, "_RUN_BYTES", 6000)  # runs of a few files each
    runner = CliRunner()
    folders = [str(FIXTURES / "layouts"), str(FIXTURES / "bad"), str(FIXTURES / "kinds")]
    one = runner.invoke(cli.app, ["parse", "-f", fmt, "-j", "1", *folders])
    two = runner.invoke(cli.app, ["parse", "-f", fmt, "-j", "2", *folders])
    assert (one.exit_code, one.stderr) == (two.exit_code, two.stderr)
    assert one.exit_code == 3  # the bad files
    assert one.stdout_bytes == two.stdout_bytes
    assert one.stderr.count("tests/fixtures/bad/") >= 5


def test_a_bug_rendering_one_file_on_a_worker_costs_that_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A bug met while a worker renders one file's records: one line naming the file,
    exit 70, every other file's records written."""
    render = cli.parse._render_slice

    def broken(shared: tuple[object, object], span: tuple[int, int]) -> bytes:
        if "group_id" in shared[0].file:  # type: ignore[attr-defined]
            raise ZeroDivisionError("kak paketnya belum sampai")
        return render(shared, span)  # type: ignore[arg-type]

    monkeypatch.setattr(cli.parse, "_render_slice", broken)
    result = CliRunner().invoke(cli.app, ["parse", "-j", "2", str(FIXTURES / "kinds")])
    assert result.exit_code == 70
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{(FIXTURES / 'kinds' / 'group_id.txt').as_posix()}: could not be")
    assert "belum sampai" not in result.stderr
    files = {json.loads(r)["file"].rsplit("/", 1)[-1] for r in result.stdout.splitlines()}
    assert "group_id.txt" not in files
    assert "group_en.txt" in files


def test_a_bug_midway_through_a_file_keeps_its_earlier_records_on_any_workers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Found in review: one process writes a file's slices as it renders them, so a bug
    at its third slice keeps the first two; a worker rendering the file whole must
    keep them too. The same records, line and exit status for -j 1 and -j 2."""
    monkeypatch.setattr(cli.parse, "_RENDER_SLICE", 2)
    render = cli.parse._render_slice

    def broken(shared: tuple[object, object], span: tuple[int, int]) -> bytes:
        if "group_id" in shared[0].file and span[0] >= 4:  # type: ignore[attr-defined]
            raise ZeroDivisionError("kak paketnya belum sampai")
        return render(shared, span)  # type: ignore[arg-type]

    monkeypatch.setattr(cli.parse, "_render_slice", broken)
    runs = [CliRunner().invoke(cli.app, ["parse", "-j", j, str(FIXTURES / "kinds")]) for j in "12"]
    assert [r.exit_code for r in runs] == [70, 70]
    # the same line, but for where the bug was met (here in this test, a frame that
    # belongs to no module of cs-audit: the nearest one is named)
    sites = [re.sub(r" at [\w/.]+:\d+\)", " at …)", r.stderr) for r in runs]
    assert sites[0] == sites[1]
    assert "group_id.txt: could not be" in sites[0]
    assert runs[0].stdout_bytes == runs[1].stdout_bytes
    kept = [r for r in runs[1].stdout.splitlines() if "group_id.txt" in json.loads(r)["file"]]
    assert len(kept) == 4  # of its 7


def test_a_zip_member_is_measured_by_its_own_size(tmp_path: Path) -> None:
    """Which exports are parsed alone is told by a member's uncompressed size, not by
    its zip's (found in review)."""
    archive = tmp_path / "chats.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("_chat.txt", "16/11/26 09.00 - Budi: Halo kak\n" * 1000)
        out.writestr("other.txt", "16/11/26 09.00 - Budi: ok\n")
    members: dict[Path, dict[str, int]] = {}
    sizes = [
        cli.parse._size(Source(f"chats.zip/{m}", archive, m), members)
        for m in ("_chat.txt", "other.txt", "missing.txt")
    ]
    assert sizes == [32_000, 26, 0]
    assert archive.stat().st_size < 1000  # the zip itself: far smaller
    assert cli.parse._size(Source("gone.txt", tmp_path / "gone.txt"), members) == 0


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_audit_output_is_the_same_for_any_workers(fmt: str) -> None:
    """`audit --workers 2` judges files in forked workers: the same bytes as one process."""
    runner = CliRunner()
    options = ["audit", "sample_exports", "-f", fmt, "--by", "conversation"]
    one = runner.invoke(cli.app, [*options, "-j", "1"])
    two = runner.invoke(cli.app, [*options, "-j", "2"])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout_bytes == two.stdout_bytes
    assert one.stdout.count("sample_exports/") == 5
    full = [
        runner.invoke(cli.app, ["audit", "sample_exports", "-f", "json", "-j", j]) for j in "12"
    ]
    assert full[0].stdout_bytes == full[1].stdout_bytes
