"""Fuzz campaign: invented chat folders through every mode of the real `cs-audit` CLI.

    python benchmarks/fuzz.py [--minutes N] [--seed S] [--out DIR]

Draws folders of exports (with a catalog and a config of the same shop, when drawn)
from tests/chatgen.py, writes each to a temporary folder and runs the installed CLI on
it: the table, `-f json`, `-f csv --by conversation`, `--xlsx`, `--redact -f json`,
each with `-j1` and `-j2`, and `check --junit`. Each run is held to the contract the
README gives (exit status, stderr, outputs that parse, numbers that make sense, the
same bytes for any number of workers). A break is shrunk (files, then catalog and
config, then messages) to a small folder that still shows it, saved under --out with
a README naming the command. Folder i of seed S is `draw_case(random.Random(f"{S}:{i}"))`.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.chatgen import Case, draw_case  # noqa: E402

CHATS = "chats"  # the folder audited, relative to a case's directory
CONFIG = "cs-audit.toml"
TIMEOUT = 120
SHRINK_SECONDS = 60.0
CONVERSATION_COLUMNS = [
    "file",
    "index",
    "customer",
    "agents",
    "start",
    "end",
    "customer_messages",
    "agent_messages",
    "first_response_seconds",
    "unanswered_turns",
    "sla_share",
    "score",
    "response_speed",
    "greeting",
    "needs_inquiry",
    "answers_questions",
    "accurate_concise",
    "polite_closing",
    "flags",
    "language",
]
SHEETS = {"Summary", "Conversations", "Findings", "Response times", "Files"}
# A phone number or e-mail address left as written (masked ones hold '•').
UNMASKED = re.compile(
    r"(?:\+62|(?<![\d.])0)[ -]?8\d{2}[ -]?\d{3,4}[ -]?\d{3,5}|[\w.+-]+@[\w-]+\.[\w.]+"
)
INTERNAL = re.compile(r"internal error(?: \(|: )(\w+) at ([^);]+)")


@dataclass(frozen=True, slots=True)
class Mode:
    """One way of running the CLI on a folder; `kind` says which checks apply."""

    label: str
    args: tuple[str, ...]
    kind: str  # table, json, csv, xlsx, redact, junit
    workers: bool = True


MODES = (
    Mode("audit", ("audit", CHATS), "table"),
    Mode("audit -f json", ("audit", CHATS, "-f", "json"), "json"),
    Mode(
        "audit -f csv --by conversation",
        ("audit", CHATS, "-f", "csv", "--by", "conversation"),
        "csv",
    ),
    Mode("audit --xlsx", ("audit", CHATS, "--xlsx", "{out}.xlsx"), "xlsx"),
    Mode("audit --redact -f json", ("audit", CHATS, "--redact", "-f", "json"), "redact"),
    Mode("check --junit", ("check", CHATS, "--junit", "{out}.xml"), "junit", workers=False),
    Mode(
        "audit --week --compare-previous -f csv --by agent",
        ("audit", CHATS, "--week", "{week}", "--compare-previous", "-f", "csv", "--by", "agent"),
        "csv-agent",
    ),
    Mode(
        "audit --history --week -f csv --by agent",
        (
            "audit",
            CHATS,
            "--history",
            "{out}.sqlite",
            "--week",
            "{week}",
            "-f",
            "csv",
            "--by",
            "agent",
        ),
        "csv-agent",
    ),
)


@dataclass(frozen=True, slots=True)
class Files:
    """A case as written to disk: chat files, catalog and config (each maybe)."""

    chats: tuple[tuple[str, bytes], ...]
    catalog: tuple[str, bytes] | None
    config: str | None
    expected: tuple[str, ...]  # chat texts as cs-audit names them, under CHATS
    named: tuple[str, ...]  # chat texts whose file name names the customer
    customers: tuple[tuple[str, str], ...]  # (chat text, its customer) for `named`
    business: tuple[str, ...]  # every name the business side may be reported as
    week: str  # the ISO week of the first chat, for --week

    def write(self, where: Path) -> None:
        shutil.rmtree(where, ignore_errors=True)
        (where / CHATS).mkdir(parents=True)
        for name, data in self.chats:
            path = where / CHATS / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if self.catalog is not None:
            (where / self.catalog[0]).write_bytes(self.catalog[1])
        if self.config is not None:
            (where / CONFIG).write_text(self.config, encoding="utf-8")


@dataclass(frozen=True, slots=True)
class Run:
    """One CLI run and what it left behind."""

    mode: Mode
    variant: str  # "-j1", "-j2" or "" for commands without --workers
    argv: tuple[str, ...]
    code: int
    stdout: bytes
    stderr: str
    output: Path | None  # the --xlsx / --junit file it was asked to write


@dataclass(frozen=True, slots=True)
class Break:
    """A broken promise: its class (what shrinking keeps), details, where it was seen."""

    klass: str
    detail: str
    mode: Mode
    variant: str  # the run that shows it; "pair" for -j1 against -j2
    stderr: str


def cli_command() -> list[str]:
    """The installed console script beside this Python, else `python -m cs_audit`."""
    script = Path(sys.executable).parent / "cs-audit"
    return [str(script)] if script.exists() else [sys.executable, "-m", "cs_audit"]


def argv_for(mode: Mode, variant: str, files: Files) -> tuple[str, ...]:
    out = f"out{variant}"
    args = [a.replace("{out}", out).replace("{week}", files.week) for a in mode.args]
    if mode.args[0] == "audit" and files.catalog is not None:
        args += ["--catalog", files.catalog[0]]
    if files.config is not None:
        args += ["--config", CONFIG]
    if variant:
        args.append(variant)
    return tuple(args)


def run_mode(cli: Sequence[str], where: Path, mode: Mode, variant: str, files: Files) -> Run:
    argv = argv_for(mode, variant, files)
    output = next((where / a for a in argv if a.startswith("out")), None)
    env = {k: v for k, v in os.environ.items() if k not in {"GITHUB_ACTIONS", "COLUMNS"}}
    try:
        done = subprocess.run(
            [*cli, *argv], cwd=where, capture_output=True, timeout=TIMEOUT, env=env, check=False
        )
    except subprocess.TimeoutExpired:
        return Run(mode, variant, argv, -1, b"", f"timed out after {TIMEOUT} s", output)
    stderr = done.stderr.decode("utf-8", "replace")
    return Run(mode, variant, argv, done.returncode, done.stdout, stderr, output)


# --- the contract ---------------------------------------------------------------------


def _first_line(text: str) -> str:
    return next((line for line in text.splitlines() if line.strip()), "")


def _generic(line: str) -> str:
    """A stderr line without the parts that change from folder to folder."""
    line = re.sub(r"^\S*(chats|\.toml|\.csv)\S*?(:\d+)?: ", "FILE: ", line)
    line = re.sub(r"chats/[^:]*", "FILE", line)
    return re.sub(r"\d+", "N", line)[:160]


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} in JSON")


def _json_checks(run: Run, files: Files, out: list[tuple[str, str]]) -> None:
    try:
        document = json.loads(run.stdout.decode("utf-8"), parse_constant=_reject_constant)
    except (ValueError, UnicodeDecodeError) as error:
        kind = "NaN/Infinity" if "in JSON" in str(error) else "invalid JSON"
        out.append((f"json: stdout is {kind}", str(error)[:200]))
        return
    if not isinstance(document, dict) or not {"files", "conversations", "agents"} <= set(document):
        out.append(("json: document lacks files/conversations/agents", ""))
        return
    listed = [f.get("file") for f in document["files"]]
    if run.mode.kind == "json":
        missing = [name for name in files.expected if f"{CHATS}/{name}" not in listed]
        if missing:
            out.append(("json: an input file is missing from files", repr(missing[0])))
        refused = {
            f["file"]: f.get("error") or "" for f in document["files"] if f.get("status") == "error"
        }
        for name in files.named:
            reason = refused.get(f"{CHATS}/{name}", "")
            if "cannot tell the customer" in reason:
                out.append(
                    (
                        "oracle: a chat whose file name names its customer is refused as "
                        "undecidable",
                        f"{name}: {reason}",
                    )
                )
                break
    elif len(listed) != len(files.expected):
        out.append(("redact: files does not list every input", f"{len(listed)} listed"))
    if run.mode.kind == "json":
        _oracle_checks(document, files, out)
    errors = any(f.get("status") == "error" for f in document["files"])
    if errors != (run.code == 3):
        out.append(
            (
                "json: exit status disagrees with the files' status",
                f"exit {run.code}, a file in error: {errors}",
            )
        )
    for conv in document["conversations"]:
        _conversation_checks(conv, "json", out)
    for agent in document["agents"]:
        for key in ("first_response_median_seconds", "first_response_p90_seconds"):
            value = agent.get(key)
            if value is not None and value < 0:
                out.append((f"json: agent {key} < 0", f"{agent.get('agent')}: {value}"))
        share = agent.get("sla_share")
        if share is not None and not 0 <= share <= 1:
            out.append(("json: agent sla_share outside 0..1", str(share)))
        score = agent.get("mean_score")
        if score is not None and not 0 <= score <= 100:
            out.append(("json: agent mean_score outside 0..100", str(score)))


BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _plain(name: str) -> str:
    """A name as cs-audit reports an author: bidi marks removed, NFC, plain spaces."""
    name = BIDI.sub("", name).replace("\u00a0", " ").replace("\u202f", " ")
    return unicodedata.normalize("NFC", name).strip()


def _oracle_checks(document: dict[str, Any], files: Files, out: list[tuple[str, str]]) -> None:
    """What the generator knows: who the customer is, who may speak for the business."""
    customers = {f"{CHATS}/{chat}": _plain(customer) for chat, customer in files.customers}
    business = set(files.business)
    for conv in document["conversations"]:
        where = f"{conv.get('file')} #{conv.get('index')}"
        expected = customers.get(str(conv.get("file")))
        if expected is not None and _plain(str(conv.get("customer"))) != expected:
            out.append(
                (
                    "oracle: the customer differs from the one the file name names",
                    f"{where}: {conv.get('customer')!r}, not {expected!r}",
                )
            )
        silent = not any(conv.get("messages", {}).get(k) for k in ("agent", "automated"))
        allowed = business | ({"(no reply)"} if silent else set())  # no business name to give
        strangers = [a for a in conv.get("agents", []) if _plain(str(a)) not in allowed]
        if strangers:
            out.append(
                (
                    "oracle: an agent who is not on the business side",
                    f"{where}: {strangers[0]!r}",
                )
            )


def _conversation_checks(conv: dict[str, Any], kind: str, out: list[tuple[str, str]]) -> None:
    where = f"{conv.get('file')} #{conv.get('index')}"
    duration = conv.get("duration_seconds")
    if duration is None or duration < 0:
        out.append((f"{kind}: duration_seconds is negative or missing", f"{where}: {duration}"))
        duration = None
    if str(conv.get("end")) < str(conv.get("start")):
        out.append((f"{kind}: a conversation ends before it starts", where))
    waits: list[tuple[str, Any]] = [
        ("first_response_seconds", conv.get("first_response_seconds")),
        ("first_response_business_seconds", conv.get("first_response_business_seconds")),
    ]
    for turn in conv.get("turns", []):
        waits.append(("turns.response_seconds", turn.get("response_seconds")))
        waits.append(("turns.business_seconds", turn.get("business_seconds")))
    for key, value in waits:
        if value is None:
            continue
        if value < 0:
            out.append((f"{kind}: {key} < 0", f"{where}: {value}"))
        elif duration is not None and value > duration:
            out.append(
                (
                    f"{kind}: {key} exceeds the conversation's duration",
                    f"{where}: {value} > {duration}",
                )
            )
    for key in ("sla_share", "live_chat_share"):
        value = conv.get(key)
        if value is not None and not 0 <= value <= 1:
            out.append((f"{kind}: {key} outside 0..1", f"{where}: {value}"))
    score = conv.get("score")
    if score is not None and not 0 <= score <= 100:
        out.append((f"{kind}: score outside 0..100", f"{where}: {score}"))
    unanswered = conv.get("unanswered_turns", 0)
    if not 0 <= unanswered <= len(conv.get("turns", [])):
        out.append((f"{kind}: unanswered_turns outside 0..turns", f"{where}: {unanswered}"))


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _width(line: str) -> int:
    """Terminal cells a line takes: wide and full-width characters take two; marks and
    format characters (bidi marks, joiners, variation selectors) none, nor a decomposed
    Hangul syllable's vowel and final consonant (they join its first letter's cells)."""
    return sum(
        0
        if unicodedata.category(c) in {"Mn", "Me", "Cf"}
        or c == "\ufe0f"
        or "\u1160" <= c <= "\u11ff"
        or "\ud7b0" <= c <= "\ud7ff"
        else 2
        if unicodedata.east_asian_width(c) in "WF"
        else 1
        for c in line
    )


def _table_checks(run: Run, out: list[tuple[str, str]]) -> None:
    text = run.stdout.decode("utf-8", "replace")
    wide = next((line for line in text.splitlines() if _width(line.rstrip()) > 80), None)
    if wide is not None:
        out.append(("table: a line is wider than 80 columns", wide.rstrip()[:200]))


def _csv_checks(
    run: Run, out: list[tuple[str, str]], header: list[str] | None = CONVERSATION_COLUMNS
) -> None:
    try:
        rows = list(csv.reader(io.StringIO(run.stdout.decode("utf-8"), newline="")))
    except (csv.Error, UnicodeDecodeError) as error:
        out.append((f"{run.mode.kind}: stdout does not parse as CSV", str(error)[:200]))
        return
    if not rows:
        out.append((f"{run.mode.kind}: no header row", ""))
        return
    if header is not None and rows[0] != header:
        out.append(("csv: the header differs from the README's columns", ",".join(rows[0])[:200]))
    for number, row in enumerate(rows[1:], start=2):
        formula = next((c for c in row if c[:1] in FORMULA_START and not _number(c)), None)
        if formula is not None:
            out.append(
                (f"{run.mode.kind}: a text cell starts a formula", f"row {number}: {formula}")
            )
            break
        if len(row) != len(rows[0]):
            out.append(
                (
                    f"{run.mode.kind}: a row's column count differs from the header's",
                    f"row {number}: {len(row)}",
                )
            )
            break
        if any(cell.strip().lower() in {"nan", "inf", "-inf", "infinity"} for cell in row):
            out.append((f"{run.mode.kind}: a NaN or infinite cell", f"row {number}"))
            break


def _workbook_values(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return {
            sheet.title: [
                tuple(
                    f"<formula {cell.value}>" if cell.data_type == "f" else cell.value
                    for cell in row
                )
                for row in sheet.iter_rows()
            ]
            for sheet in book.worksheets
        }
    finally:
        book.close()


def _xlsx_checks(run: Run, out: list[tuple[str, str]]) -> None:
    if run.output is None or not run.output.exists():
        out.append(("xlsx: no workbook was written", str(run.output)))
        return
    try:
        sheets = _workbook_values(run.output)
    except Exception as error:  # any failure to open is the finding
        out.append(("xlsx: the workbook does not open", f"{type(error).__name__}: {error}"[:200]))
        return
    if not set(sheets) >= SHEETS:
        out.append(("xlsx: sheets missing", ", ".join(sorted(SHEETS - set(sheets)))))
    for title, rows in sheets.items():
        for row in rows:
            if any(isinstance(v, float) and not math.isfinite(v) for v in row):
                out.append(("xlsx: a NaN or infinite cell", title))
                return
            if title != "Summary" and any(str(v).startswith("<formula ") for v in row):
                formula = next(v for v in row if str(v).startswith("<formula "))
                out.append(("xlsx: chat text became a formula cell", f"{title}: {formula}"))
                return


def _junit_checks(run: Run, out: list[tuple[str, str]]) -> None:
    if run.output is None or not run.output.exists():
        out.append(("junit: no JUnit file was written", str(run.output)))
        return
    try:
        root = ET.parse(run.output).getroot()
    except ET.ParseError as error:
        out.append(("junit: the XML does not parse", str(error)[:200]))
        return
    cases = root.findall(".//testcase")
    if root.get("tests") is not None and root.get("tests") != str(len(cases)):
        out.append(
            ("junit: tests= differs from the test cases", f"{root.get('tests')} vs {len(cases)}")
        )


def check_run(run: Run, files: Files) -> list[Break]:
    """The contract for one run."""
    found: list[tuple[str, str]] = []
    mode = run.mode
    allowed = {0, 1, 3} if mode.args[0] == "check" else {0, 3}
    crash = INTERNAL.search(run.stderr)
    if run.code == -1:
        found.append((f"{mode.kind}: timeout", run.stderr))
    elif crash:
        found.append((f"crash: {crash.group(1)} at {crash.group(2)}", _first_line(run.stderr)))
    elif "Traceback" in run.stderr:
        last = [line for line in run.stderr.splitlines() if line.strip()]
        where = [line.strip() for line in last if line.strip().startswith("File ")]
        exception = last[-1].split(":")[0] if last else "?"
        site = where[-1] if where else "?"
        found.append((f"traceback: {exception} ({_generic(site)})", last[-1] if last else ""))
    elif run.code not in allowed:
        line = _first_line(run.stderr)
        found.append((f"exit {run.code} from {mode.args[0]}: {_generic(line)}", line))
    if run.code in allowed and not crash:
        checks: dict[str, Callable[[], None]] = {
            "json": lambda: _json_checks(run, files, found),
            "redact": lambda: _json_checks(run, files, found),
            "table": lambda: _table_checks(run, found),
            "csv": lambda: _csv_checks(run, found),
            "csv-agent": lambda: _csv_checks(run, found, header=None),
            "xlsx": lambda: _xlsx_checks(run, found),
            "junit": lambda: _junit_checks(run, found),
        }
        if mode.kind in checks:
            checks[mode.kind]()
        if mode.kind == "redact":
            text = run.stdout.decode("utf-8", "replace") + run.stderr
            leak = UNMASKED.search(text)
            if leak:
                found.append(("redact: a phone number or e-mail address is left unmasked", leak[0]))
    return [Break(k, d, mode, run.variant, _first_line(run.stderr)) for k, d in found]


def check_pair(one: Run, two: Run) -> list[Break]:
    """`-j1` and `-j2` must give the same status and the same bytes."""
    label = one.mode.label
    if one.code != two.code:
        return [
            Break(
                f"{label}: exit status differs between -j1 and -j2",
                f"{one.code} vs {two.code}",
                one.mode,
                "pair",
                _first_line(one.stderr + two.stderr),
            )
        ]
    if one.code not in {0, 1, 3}:
        return []
    if one.stdout != two.stdout:
        lines = zip(one.stdout.splitlines(), two.stdout.splitlines(), strict=False)
        first = next((a for a, b in lines if a != b), b"(a different length)")
        return [
            Break(
                f"{label}: stdout differs between -j1 and -j2",
                first.decode("utf-8", "replace")[:200],
                one.mode,
                "pair",
                "",
            )
        ]
    if one.mode.kind == "xlsx" and one.output and two.output:
        try:
            same = _workbook_values(one.output) == _workbook_values(two.output)
        except Exception:  # already reported by the run's own checks
            return []
        if not same:
            return [
                Break(f"{label}: workbook differs between -j1 and -j2", "", one.mode, "pair", "")
            ]
    return []


def evaluate(
    cli: Sequence[str], where: Path, files: Files, modes: Sequence[Mode], pool: ThreadPoolExecutor
) -> tuple[list[Break], int]:
    """Every run of `modes` on the case written at `where`; the breaks and the runs made."""
    jobs = [
        (mode, variant) for mode in modes for variant in (("-j1", "-j2") if mode.workers else ("",))
    ]
    runs = list(pool.map(lambda job: run_mode(cli, where, job[0], job[1], files), jobs))
    breaks: list[Break] = []
    for run in runs:
        breaks += check_run(run, files)
    for mode in modes:
        pair = [run for run in runs if run.mode == mode]
        if len(pair) == 2:
            breaks += check_pair(pair[0], pair[1])
    return breaks, len(runs)


# --- shrinking ------------------------------------------------------------------------

HEADER = re.compile("^\u200e?(\\[\\d|\\d{1,4}[/.-]\\d{1,2}[/.-]\\d{1,4},? \\d)")
BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
LINE_END = re.compile(r"(?<=\r\n)|(?<=\n)|(?<=\r)(?!\n)")


def _messages(data: bytes) -> tuple[bytes, list[bytes]]:
    """A chat text cut into messages (each header line with the lines that follow it, in
    the text's own encoding) after its byte-order mark: joined again, the same bytes."""
    bom, encoding = next(((b, e) for b, e in BOMS if data.startswith(b)), (b"", "utf-8"))
    blocks: list[str] = []
    for line in LINE_END.split(data[len(bom) :].decode(encoding, "surrogateescape")):
        if blocks and not HEADER.match(line):
            blocks[-1] += line
        elif line:
            blocks.append(line)
    return bom, [block.encode(encoding, "surrogateescape") for block in blocks]


def _ddmin(
    items: list[bytes], keeps: Callable[[list[bytes]], bool], deadline: float
) -> list[bytes]:
    """The classic delta debugging: drop chunks, then smaller chunks, while `keeps` holds."""
    chunk = max(1, len(items) // 2)
    while items and time.monotonic() < deadline:
        start, dropped = 0, False
        while start < len(items) and time.monotonic() < deadline:
            trial = items[:start] + items[start + chunk :]
            if trial and keeps(trial):
                items, dropped = trial, True
            else:
                start += chunk
        if chunk == 1 and not dropped:
            break
        chunk = max(1, chunk // 2) if not dropped or chunk > 1 else 1
    return items


def _is_zip(data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04")  # by content: a zip may have lost its extension


def _with_text(data: bytes, text: bytes) -> bytes:
    """The chat file with its chat text replaced (inside the zip, for a zip)."""
    if not _is_zip(data):
        return text
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [(m, archive.read(m)) for m in archive.namelist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members:
            archive.writestr(member, text if member.endswith(".txt") else content)
    return buffer.getvalue()


def _chat_text(data: bytes) -> bytes:
    if not _is_zip(data):
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        texts = [m for m in archive.namelist() if m.endswith(".txt")]
        return archive.read(texts[0]) if len(texts) == 1 else b""


def shows(
    cli: Sequence[str], where: Path, files: Files, found: Break, pool: ThreadPoolExecutor
) -> Break | None:
    """The break of `found`'s class that the case (written at `where`) shows, if any."""
    files.write(where)
    if found.variant == "pair":
        breaks, _ = evaluate(cli, where, files, [found.mode], pool)
    else:  # rerun just the run that broke
        breaks = check_run(run_mode(cli, where, found.mode, found.variant, files), files)
    return next((b for b in breaks if b.klass == found.klass), None)


def shrink(
    cli: Sequence[str], where: Path, files: Files, found: Break, pool: ThreadPoolExecutor
) -> tuple[Files, bool]:
    """A smaller case that still shows `found`'s class (within SHRINK_SECONDS), and
    whether the break showed again at all (a flaky one is kept whole)."""
    deadline = time.monotonic() + SHRINK_SECONDS

    def keeps(candidate: Files) -> bool:
        return shows(cli, where, candidate, found, pool) is not None

    if not keeps(files):
        return files, False

    def subset(chats: Sequence[tuple[str, bytes]]) -> Files:
        names = {name for name, _ in chats}
        owned = [e for e in files.expected if e in names or e.split(".zip/")[0] + ".zip" in names]
        named = tuple(e for e in files.named if e in owned)
        customers = tuple(pair for pair in files.customers if pair[0] in owned)
        return replace(
            files, chats=tuple(chats), expected=tuple(owned), named=named, customers=customers
        )

    # Files, one at a time.
    index = 0
    while len(files.chats) > 1 and index < len(files.chats) and time.monotonic() < deadline:
        trial = subset(files.chats[:index] + files.chats[index + 1 :])
        if keeps(trial):
            files = trial
        else:
            index += 1
    # The config and the catalog.
    for trial in (replace(files, config=None), replace(files, catalog=None)):
        if trial != files and time.monotonic() < deadline and keeps(trial):
            files = trial
    # Messages in each chat, then catalog rows.
    for position in range(len(files.chats)):
        name, data = files.chats[position]
        bom, blocks = _messages(_chat_text(data))
        if not blocks:  # a zip of several chats is shrunk by the files, not the lines
            continue

        def keeps_blocks(
            trial: list[bytes],
            position: int = position,
            name: str = name,
            base: Files = files,
            bom: bytes = bom,
        ) -> bool:
            chats = list(base.chats)
            chats[position] = (name, _with_text(chats[position][1], bom + b"".join(trial)))
            return keeps(replace(base, chats=tuple(chats)))

        kept = _ddmin(blocks, keeps_blocks, deadline)
        chats = list(files.chats)
        chats[position] = (name, _with_text(data, bom + b"".join(kept)))
        files = replace(files, chats=tuple(chats))
    if files.catalog is not None:
        catalog_name, content = files.catalog
        head, *rows = content.splitlines(keepends=True)

        def keeps_rows(trial: list[bytes]) -> bool:
            return keeps(replace(files, catalog=(catalog_name, head + b"".join(trial))))

        kept_rows = _ddmin(rows, keeps_rows, deadline) if rows else rows
        files = replace(files, catalog=(catalog_name, head + b"".join(kept_rows)))
    return files, True


@dataclass(slots=True)
class Finding:
    """A break class: its first sighting, its reproducer, how often it was seen."""

    found: Break
    files: Files
    path: Path
    origin: str
    count: int = 1
    note: str = ""


def save(finding: Finding) -> None:
    """The reproducer folder: the chats (catalog, config) and a README with the command."""
    found, files = finding.found, finding.files
    files.write(finding.path)
    variant = "-j1" if found.variant == "pair" else found.variant
    argv = " ".join(_quote(a) for a in argv_for(found.mode, variant, files))
    pair = "  (and again with -j2; compare stdout)" if found.variant == "pair" else ""
    lines = [
        f"# {found.klass}",
        "",
        f"command (run in this folder): cs-audit {argv}{pair}",
        f"break: {found.klass}" + (f": {found.detail}" if found.detail else ""),
        f"stderr: {found.stderr}" if found.stderr else "stderr: (nothing)",
        f"found by: python benchmarks/fuzz.py --seed {finding.origin}",
        f"files: {', '.join(name for name, _ in files.chats)}",
        f"seen in {finding.count} folder(s)" + (f"; {finding.note}" if finding.note else ""),
        "",
    ]
    (finding.path / "README.md").write_text("\n".join(lines), encoding="utf-8")


def _quote(arg: str) -> str:
    return arg if re.fullmatch(r"[\w./=-]+", arg) else "'" + arg.replace("'", "'\\''") + "'"


# --- the campaign ---------------------------------------------------------------------


def files_of(case: Case) -> Files:
    folder = case.folder
    shop = folder.shop
    business = (shop.name, "Anda", *shop.agents, *shop.agent_phones)
    return Files(
        chats=folder.files,
        catalog=case.catalog,
        config=case.config,
        expected=folder.chats,
        named=folder.named,
        customers=folder.customers,
        business=tuple(_plain(name) for name in business),
        week=folder.week,
    )


def campaign(minutes: float, seed: str, out: Path) -> dict[str, Finding]:
    """Draw, run and check folders until the time is up; shrink and save each new class."""
    cli = cli_command()
    findings: dict[str, Finding] = {}
    folders = chats = runs = breaks = 0
    began = time.monotonic()
    deadline = began + minutes * 60
    print(f"fuzz: seed {seed}, {minutes:g} min, CLI {' '.join(cli)}", flush=True)
    with (
        tempfile.TemporaryDirectory(prefix="cs-audit-fuzz-") as scratch,
        ThreadPoolExecutor(max(2, os.cpu_count() or 2)) as pool,
    ):
        where = Path(scratch) / "case"
        while time.monotonic() < deadline:
            origin = f"{seed} (folder {folders})"
            files = files_of(draw_case(random.Random(f"{seed}:{folders}")))
            files.write(where)
            found_here, made = evaluate(cli, where, files, MODES, pool)
            folders, chats, runs = folders + 1, chats + len(files.expected), runs + made
            for found in {b.klass: b for b in reversed(found_here)}.values():
                breaks += 1
                if found.klass in findings:
                    findings[found.klass].count += 1
                    continue
                small, again = shrink(cli, where, files, found, pool)
                path = out / (
                    f"{len(findings) + 1:02d}-"
                    + re.sub(r"[^a-z0-9]+", "-", found.klass.lower()).strip("-")[:60]
                )
                finding = Finding(found, small, path, origin)
                finding.note = "" if again else "flaky: did not show again; kept whole"
                findings[found.klass] = finding
                save(finding)
                print(
                    f"break: {found.klass} -> {path} | {found.stderr or found.detail}", flush=True
                )
        # The code under test may change during a campaign: check each reproducer again.
        for finding in findings.values():
            final = shows(cli, where, finding.files, finding.found, pool)
            if final is None:
                finding.note = "no longer shows at the end of the campaign"
            else:  # the details as the reproducer itself gives them
                finding.found = final
            save(finding)
    elapsed = time.monotonic() - began
    for klass, finding in findings.items():
        note = f" ({finding.note})" if finding.note else ""
        print(f"class ({finding.count}x): {klass} -> {finding.path}{note}")
    print(
        f"fuzz: {folders} folders, {chats} chats, {runs} command runs, "
        f"{breaks} breaks ({len(findings)} classes) in {elapsed:.0f} s"
    )
    return findings


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to draw folders")
    parser.add_argument("--seed", default=None, help="the campaign's seed (default: the time)")
    parser.add_argument("--out", type=Path, default=Path("fuzz-failures"), help="reproducers")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else str(int(time.time()))
    return 1 if campaign(args.minutes, seed, args.out) else 0


if __name__ == "__main__":
    sys.exit(main())
