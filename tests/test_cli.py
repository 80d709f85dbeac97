"""The cs-audit command, run for real through CliRunner: output, messages, exit codes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from cs_audit import __version__, ingest
from cs_audit.cli import app
from cs_audit.cli import parse as cli_parse
from cs_audit.errors import ExitCode
from tests.conftest import FIXTURES, GOLDEN, ROOT

runner = CliRunner()


@pytest.fixture(autouse=True)
def _in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_version() -> None:
    """--version prints the name and version and exits 0."""
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"cs-audit {__version__}\n")


def test_python_dash_m() -> None:
    """python -m cs_audit runs the same command."""
    done = subprocess.run(
        [sys.executable, "-m", "cs_audit", "--version"], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout) == (0, f"cs-audit {__version__}\n")


def test_parse_samples_jsonl_matches_golden() -> None:
    """The bundled samples give exactly the golden JSON Lines, nothing on stderr."""
    result = runner.invoke(app, ["parse", "sample_exports"])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == (GOLDEN / "sample_exports.jsonl").read_text(encoding="utf-8")


def test_parse_is_deterministic() -> None:
    """Two runs give the same bytes."""
    first = runner.invoke(app, ["parse", "sample_exports", "--format", "csv"])
    second = runner.invoke(app, ["parse", "sample_exports", "--format", "csv"])
    assert first.stdout_bytes == second.stdout_bytes


def test_csv_output_and_formula_neutralisation(tmp_path: Path) -> None:
    """CSV has a stable header; chat text and phone numbers never become formulas."""
    chat = tmp_path / "chat.txt"
    chat.write_text(
        '19/11/26 08.05 - +62 812-3456-7890: =HYPERLINK("http://x","klik")\n'
        '19/11/26 08.06 - Toko Maju: Harga "spesial", kak\n-Rina\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["parse", str(chat), "--format", "csv"])
    assert result.exit_code == 0
    name = chat.as_posix()
    assert result.stdout == (
        "file,line,timestamp,author,text,kind\n"
        f"{name},1,2026-11-19T08:05:00,'+62 812-3456-7890,"
        '"\'=HYPERLINK(""http://x"",""klik"")",text\n'
        f'{name},2,2026-11-19T08:06:00,Toko Maju,"Harga ""spesial"", kak\n-Rina",text\n'
    )


def test_bad_file_among_good_ones() -> None:
    """A bad file gets one stderr line; the good ones are still parsed; exit status 3."""
    result = runner.invoke(
        app, ["parse", "tests/fixtures/bad/prose.txt", "tests/fixtures/bad/utf16.txt"]
    )
    assert result.exit_code == int(ExitCode.INPUT) == 3
    assert result.stderr == (
        "tests/fixtures/bad/prose.txt: has no WhatsApp message header (such as '23/03/2022, "
        "13:31 - Name: '); check that it is a chat exported with WhatsApp's Export chat\n"
    )
    assert result.stdout.count("\n") == 2
    assert '"file":"tests/fixtures/bad/utf16.txt"' in result.stdout


@pytest.mark.parametrize("workers", ["1", "2"])
def test_files_of_one_layout_decide_each_others_date_order_in_parse(
    tmp_path: Path, workers: str
) -> None:
    """Issue 14: a file whose dates leave their order open takes the order its run's
    other exports of the same layout tell, and its warning names that; a file nothing
    decides says so. The records keep the files' order, for any number of workers."""
    (tmp_path / "a.txt").write_text("12/25/22, 10:40 AM - Ann: hi\n")
    (tmp_path / "b.txt").write_text("1/2/23, 10:40 AM - Bob: hi\n1/2/23, 10:41 AM - Toko: ok\n")
    (tmp_path / "c.txt").write_text("3/14/23, 9:00 AM - Cy: hi\n")
    (tmp_path / "d.txt").write_text("5/6/23, 10:40 - Di: hi\n")  # no sibling of its layout
    result = runner.invoke(app, ["parse", str(tmp_path), "-f", "csv", "-j", workers])
    assert result.exit_code == 0
    folder = tmp_path.as_posix()
    assert result.stdout == (
        "file,line,timestamp,author,text,kind\n"
        f"{folder}/a.txt,1,2022-12-25T10:40:00,Ann,hi,text\n"
        f"{folder}/b.txt,1,2023-01-02T10:40:00,Bob,hi,text\n"
        f"{folder}/b.txt,2,2023-01-02T10:41:00,Toko,ok,text\n"
        f"{folder}/c.txt,1,2023-03-14T09:00:00,Cy,hi,text\n"
        f"{folder}/d.txt,1,2023-06-05T10:40:00,Di,hi,text\n"
    )
    assert result.stderr == (
        f"{folder}/b.txt: warning: no date in it tells day-first from month-first; read as "
        "month-first, as the other exports of its layout (android 12h) in this run tell; if "
        "its dates are day-first, run again with --date-order dmy\n"
        f"{folder}/d.txt: warning: no date in it, nor in another export of its layout in this "
        "run, tells day-first from month-first; read as day-first; if its dates are "
        "month-first, run again with --date-order mdy\n"
    )
    summary = runner.invoke(app, ["parse", str(tmp_path), "-f", "summary", "-j", workers])
    assert "android 12h mdy      2   2023-01-02" in summary.stdout


def test_output_held_without_temporary_space_is_said_as_such(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The output held for a run's date orders cannot be: one line naming the folder,
    exit 4, the records before it written."""

    def full(*args: object, **kwargs: object) -> object:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("cs_audit.cli.parse.tempfile.TemporaryFile", full)
    (tmp_path / "a.txt").write_text("12/25/22, 10:40 AM - Ann: hi\n")
    (tmp_path / "b.txt").write_text("1/2/23, 10:40 AM - Bob: hi\n")
    result = runner.invoke(app, ["parse", str(tmp_path), "-f", "csv", "-j", "1"])
    assert result.exit_code == 4
    assert result.stdout == (
        f"file,line,timestamp,author,text,kind\n{tmp_path.as_posix()}/a.txt,1,"
        "2022-12-25T10:40:00,Ann,hi,text\n"
    )
    assert result.stderr.endswith(
        ": cannot hold cs-audit's temporary files (no space left on device); free space "
        "there, or point TMPDIR at a folder with room\n"
    )


def test_missing_path() -> None:
    """A path that does not exist is an input error, not a traceback."""
    result = runner.invoke(app, ["parse", "nope/chat.txt"])
    assert (result.exit_code, result.stderr) == (
        3,
        "nope/chat.txt: no such file or folder; check the path\n",
    )


def test_warning_keeps_exit_status_zero() -> None:
    """An ambiguous date order is a warning on stderr; the records are written; exit 0."""
    result = runner.invoke(app, ["parse", "tests/fixtures/bad/ambiguous.txt"])
    assert result.exit_code == 0
    assert result.stderr == (
        "tests/fixtures/bad/ambiguous.txt: warning: no date in it, nor in another export of "
        "its layout in this run, tells day-first from month-first; read as day-first; if its "
        "dates are month-first, run again with --date-order mdy\n"
    )
    assert result.stdout.count("\n") == 3


def test_date_order_option() -> None:
    """--date-order mdy reads an ambiguous file month-first."""
    result = runner.invoke(
        app, ["parse", "tests/fixtures/bad/ambiguous.txt", "--date-order", "mdy"]
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert '"timestamp":"2026-01-02T09:12:00"' in result.stdout


def test_bad_option_is_a_usage_error() -> None:
    """An unknown format is a usage error with exit status 2."""
    result = runner.invoke(app, ["parse", "sample_exports", "--format", "xml"])
    assert result.exit_code == int(ExitCode.USAGE) == 2
    assert "xml" in result.stderr


def test_summary_prints_names_as_written(tmp_path: Path) -> None:
    """Rich markup in a file name is printed as written, not interpreted."""
    chat = tmp_path / "[bold]Budi[red].txt"
    chat.write_bytes((FIXTURES / "layouts" / "android_indonesian.txt").read_bytes())
    result = runner.invoke(app, ["parse", str(chat), "--format", "summary"])
    assert result.exit_code == 0
    assert "[bold]Budi[red].txt" in result.stdout
    assert "android 24h dmy" in result.stdout
    assert "6 messages in 1 file(s)" in result.stdout


def test_summary_of_samples() -> None:
    """The demo's table lists each sample with its layout and message count."""
    result = runner.invoke(app, ["parse", "sample_exports", "--format", "summary"])
    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert "63 messages in 5 file(s) under sample_exports/" in lines
    assert any("ios 24h dmy" in line and " 13 " in line for line in lines)
    assert max(len(line) for line in lines) <= 80


def test_internal_error_never_prints_chat_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug costs each file it meets one line naming the exception and place, never its
    message (chat text); the run ends with 70."""

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("Halo kak, nomor saya 0812 3456 7890")

    monkeypatch.setattr(ingest, "parse_export", broken)
    result = runner.invoke(app, ["parse", "sample_exports"])
    assert result.exit_code == int(ExitCode.INTERNAL) == 70
    assert "0812" not in result.stderr
    assert re.fullmatch(  # the innermost place in cs_audit: where it called the bug
        r"sample_exports/Chat WhatsApp dengan \+62 812-3456-7890.txt: could not be audited "
        r"\(internal error: ValueError at ingest/__init__.py:\d+\); please report it",
        result.stderr.splitlines()[0],
    )
    assert len(result.stderr.splitlines()) == 5
    assert "Traceback" not in result.stderr


def test_a_bug_outside_any_file_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug that belongs to no input is one line naming the exception and place."""

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("Halo kak, nomor saya 0812 3456 7890")

    monkeypatch.setattr(cli_parse, "find_sources", broken)
    result = runner.invoke(app, ["parse", "sample_exports"])
    assert result.exit_code == 70
    assert "0812" not in result.stderr
    assert result.stderr.startswith("cs-audit: internal error (ValueError at cli/parse.py:")
    assert "Traceback" not in result.stderr


def test_every_command_has_help() -> None:
    """Each command explains itself with --help."""
    for command in (["--help"], ["parse", "--help"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0
        assert "Usage" in result.stdout


def test_readme_documents_every_command_and_option() -> None:
    """Each command, each of its options and each exit status appears in the README."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert f"cs-audit {name}" in readme
        for param in command.params:
            for option in param.opts:
                if option.startswith("-") and option != "--help":
                    assert f"`{option}" in readme or f"{option} " in readme, option
    for code in ExitCode:
        assert f"| {int(code)} |" in readme, code


@pytest.fixture
def undated(tmp_path: Path) -> Path:
    """Five exports whose dates cannot tell day-first from month-first."""
    text = (ROOT / "tests" / "fixtures" / "bad" / "ambiguous.txt").read_bytes()
    for i in range(1, 6):
        (tmp_path / f"chat{i}.txt").write_bytes(text)
    return tmp_path


GROUPED = (
    "warning: 5 files: no date in it, nor in another export of its layout in this run, tells "
    "day-first from month-first; read as day-first; if its dates are month-first, run again "
    "with --date-order mdy ({0}/chat1.txt, "
    "{0}/chat2.txt, {0}/chat3.txt and 2 more; --verbose lists every file)\n"
)


@pytest.mark.parametrize(
    "command",
    [["parse", "-f", "summary"], ["audit", "-f", "csv"], ["check", "--min-score", "0"]],
)
def test_warnings_many_files_share_are_one_line(undated: Path, command: list[str]) -> None:
    """In every command: one grouped line; -v one line per file; -q none."""
    folder = undated.as_posix()
    grouped = runner.invoke(app, [*command[:1], folder, *command[1:]])
    assert grouped.stderr == GROUPED.format(folder)
    verbose = runner.invoke(app, [*command[:1], folder, *command[1:], "-v"])
    lines = verbose.stderr.splitlines()
    assert [line.split(": warning: ")[0] for line in lines] == [
        f"{folder}/chat{i}.txt" for i in range(1, 6)
    ]
    quiet = runner.invoke(app, [*command[:1], folder, *command[1:], "-q"])
    assert quiet.stderr == ""
    assert grouped.exit_code == verbose.exit_code == quiet.exit_code == 0
