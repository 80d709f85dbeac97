"""`cs-audit audit` and `cs-audit init` through CliRunner: output, messages, exit codes."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from cs_audit.cli import app
from cs_audit.config import AuditConfig, load_config
from tests.conftest import GOLDEN, ROOT

runner = CliRunner()
CHAT = (
    "16/11/26 09.00 - Budi: Halo kak, kemeja batik parang harganya brp?\n"
    "16/11/26 09.02 - Rina: Halo kak, kemeja batik parang Rp150rb aja. Ukuran apa kak?\n"
)


@pytest.fixture(autouse=True)
def _in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_audit_samples_matches_golden() -> None:
    """The samples' audit is exactly the golden document, twice over; nothing on stderr."""
    first = runner.invoke(app, ["audit", "sample_exports", "-f", "json"])
    second = runner.invoke(app, ["audit", "sample_exports", "-f", "json", "-j", "1"])
    assert (first.exit_code, first.stderr) == (0, "")
    assert first.stdout == (GOLDEN / "audit_samples.json").read_text(encoding="utf-8")
    assert second.stdout_bytes == first.stdout_bytes


def test_a_lone_member_of_a_group_is_never_the_business(tmp_path: Path) -> None:
    """Found by make fuzz: a reseller group, exported under its subject, where only one
    customer wrote. The subject is no customer, so the lone author is no business
    account either: exit 3 with the fix; --agent naming the account audits the chat
    nobody answered, the customer as customer."""
    chat = tmp_path / "Chat WhatsApp dengan Reseller Outfit Kita.id.txt"
    chat.write_text(
        '02/12/2026 03.39 - Outfit Kita.id membuat grup "Reseller Outfit Kita.id"\n'
        "02/12/2026 03.39 - Outfit Kita.id menambahkan Daniel Okoro\n"
        "02/12/2026 03.40 - Daniel Okoro: how much for Gamis Katun Rayon size 42?\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["audit", str(chat), "-f", "json"])
    assert result.exit_code == 3
    assert result.stderr == (
        f"{chat.as_posix()}: cannot tell the customer from the business side (authors: "
        "Daniel Okoro); pass --agent NAME for the business account, or list agents in the "
        "config's [[agents]]\n"
    )
    fixed = runner.invoke(app, ["audit", str(chat), "-f", "json", "--agent", "Outfit Kita.id"])
    assert (fixed.exit_code, fixed.stderr) == (0, "")
    [conversation] = json.loads(fixed.stdout)["conversations"]
    assert (conversation["customer"], conversation["agents"]) == (
        "Daniel Okoro",
        ["Outfit Kita.id"],
    )
    assert conversation["criteria"]["response_speed"]["verdict"] == "fail"


def test_a_lone_author_beside_the_folders_account_is_a_customer_nobody_answered(
    tmp_path: Path,
) -> None:
    """Found by the mixed benchmark week: a renamed file ("chat-3.txt") where only one
    author wrote, in a folder whose named chats show the business account: the author
    is not that account, so it is a customer nobody answered, not an exit 3."""
    for name in ("Budi", "Sari"):
        (tmp_path / f"Chat WhatsApp dengan {name}.txt").write_text(
            f"16/11/26 09.00 - {name}: Halo kak, jaket denim ready?\n"
            "16/11/26 09.02 - Toko Maju: Ready kak, ukuran apa?\n",
            encoding="utf-8",
        )
    (tmp_path / "chat-3.txt").write_text(
        "16/11/26 10.00 - +62 812-3456-7890: Halo kak, tas kulit masih ada?\n"
        "16/11/26 10.20 - +62 812-3456-7890: kak?\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["audit", str(tmp_path), "-f", "json"])
    assert (result.exit_code, result.stderr) == (0, "")
    lone = [c for c in json.loads(result.stdout)["conversations"] if c["file"].endswith("-3.txt")]
    assert [(c["customer"], c["agents"]) for c in lone] == [("+62 812-3456-7890", ["Toko Maju"])]
    assert lone[0]["criteria"]["response_speed"]["verdict"] == "fail"
    alone = runner.invoke(app, ["audit", str(tmp_path / "chat-3.txt"), "-f", "json"])
    assert alone.exit_code == 3  # alone, nothing tells whose number it is
    # a group where one member wrote is no customer's chat with the folder's account
    (tmp_path / "chat-3.txt").unlink()
    group = tmp_path / "Chat WhatsApp dengan Reseller Outfit Kita.id.txt"
    group.write_text(
        '02/12/2026 03.39 - Outfit Kita.id membuat grup "Reseller Outfit Kita.id"\n'
        "02/12/2026 03.40 - Daniel Okoro: how much for Gamis Katun Rayon size 42?\n",
        encoding="utf-8",
    )
    folder = runner.invoke(app, ["audit", str(tmp_path), "-f", "json"])
    assert folder.exit_code == 3
    assert folder.stderr == (
        f"{group.as_posix()}: cannot tell the customer from the business side (authors: "
        "Daniel Okoro); pass --agent NAME for the business account, or list agents in the "
        "config's [[agents]]\n"
    )


def test_undecidable_roles_are_reported_and_fixed_by_agent(tmp_path: Path) -> None:
    """A chat whose file name names nobody: exit 3 with the fix; --agent fixes it."""
    chat = tmp_path / "chat.txt"
    chat.write_text(CHAT, encoding="utf-8")
    result = runner.invoke(app, ["audit", str(chat), "-f", "json"])
    assert result.exit_code == 3
    assert result.stderr == (
        f"{chat.as_posix()}: cannot tell the customer from the business side (authors: Budi, "
        "Rina); pass --agent NAME for the business account, or list agents in the config's "
        "[[agents]]\n"
    )
    document = json.loads(result.stdout)
    assert [(f["status"], f["messages"]) for f in document["files"]] == [("error", 2)]
    assert document["conversations"] == []
    fixed = runner.invoke(app, ["audit", str(chat), "--agent", "Rina", "-f", "json"])
    assert fixed.exit_code == 0
    [conversation] = json.loads(fixed.stdout)["conversations"]
    assert (conversation["customer"], conversation["agents"]) == ("Budi", ["Rina"])


def test_catalog_price_is_checked(tmp_path: Path) -> None:
    """--catalog: a quoted price that differs fails accurate_concise, citing both."""
    chat = tmp_path / "chat.txt"
    chat.write_text(CHAT, encoding="utf-8")
    catalog = tmp_path / "katalog.csv"
    catalog.write_text("produk,harga\nKemeja Batik Parang,185000\n", encoding="utf-8")
    result = runner.invoke(
        app, ["audit", str(chat), "-a", "Rina", "--catalog", str(catalog), "-f", "json"]
    )
    assert result.exit_code == 0
    [conversation] = json.loads(result.stdout)["conversations"]
    assert conversation["criteria"]["accurate_concise"]["reason"] == (
        f"quoted Rp150rb for Kemeja Batik Parang; the catalog says Rp 185.000 "
        f"({catalog.as_posix()}:2)"
    )


def test_bad_config_is_a_usage_error(tmp_path: Path) -> None:
    """A mistake in the config names the key and exits 2 before anything is read."""
    config = tmp_path / "bad.toml"
    config.write_text("[sla]\ntarget_minutes = 'soon'\n", encoding="utf-8")
    result = runner.invoke(app, ["audit", "sample_exports", "--config", str(config)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{config.as_posix()}: [sla]: target_minutes must be a number above 0 and at most "
        "43200, not 'soon'; fix the value in the config file\n"
    )
    assert result.stdout == ""


def test_init_writes_the_defaults_and_keeps_existing_files(tmp_path: Path) -> None:
    """init writes a config and its phrase files that load to the defaults; it replaces
    files only with --force."""
    path = tmp_path / "cs-audit.toml"
    result = runner.invoke(app, ["init", str(path)])
    folder = (tmp_path / "phrases").as_posix()
    assert (result.exit_code, result.stderr) == (
        0,
        f"wrote {path.as_posix()} and 3 phrase files in {folder}/; edit them and pass the "
        "config with --config\n",
    )
    assert load_config(path) == AuditConfig()
    assert sorted(p.name for p in (tmp_path / "phrases").iterdir()) == [
        "any.toml",
        "en.toml",
        "id.toml",
    ]
    shipped = ROOT / "cs_audit" / "phrases" / "id.toml"
    assert (tmp_path / "phrases" / "id.toml").read_bytes() == shipped.read_bytes()
    path.write_text("# mine\n", encoding="utf-8")
    again = runner.invoke(app, ["init", str(path)])
    assert (again.exit_code, again.stderr) == (
        2,
        f"{path.as_posix()}: already exists; pass --force to replace it, or give another path\n",
    )
    assert path.read_text(encoding="utf-8") == "# mine\n"
    forced = runner.invoke(app, ["init", str(path), "--force"])
    assert forced.exit_code == 0
    assert load_config(path) == AuditConfig()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cs-audit.toml", "phrases"]


def test_a_language_is_added_by_adding_a_phrase_file(tmp_path: Path) -> None:
    """A Javanese closing in phrases/jv.toml counts; a bad file is named with the fix."""
    path = tmp_path / "cs-audit.toml"
    assert runner.invoke(app, ["init", str(path)]).exit_code == 0
    chat = tmp_path / "Chat WhatsApp dengan Budi.txt"
    chat.write_text(
        "16/11/26 09.00 - Budi: Sugeng enjing, kemeja batik ukuran L ada?\n"
        "16/11/26 09.05 - Toko Maju: Halo kak, ukuran L ready. Matur nuwun\n",
        encoding="utf-8",
    )
    before = runner.invoke(app, ["audit", str(chat), "--config", str(path), "-f", "json"])
    assert (
        json.loads(before.stdout)["conversations"][0]["criteria"]["polite_closing"]["verdict"]
        == "fail"
    )
    (tmp_path / "phrases" / "jv.toml").write_text(
        "# Javanese\nclosing = ['\\bmatur (nuwun|suwun)\\b']\n", encoding="utf-8"
    )
    after = runner.invoke(app, ["audit", str(chat), "--config", str(path), "-f", "json"])
    assert (
        json.loads(after.stdout)["conversations"][0]["criteria"]["polite_closing"]["verdict"]
        == "pass"
    )
    (tmp_path / "phrases" / "jv.toml").write_text("closings = ['x']\n", encoding="utf-8")
    bad = runner.invoke(app, ["audit", str(chat), "--config", str(path)])
    assert bad.exit_code == 2
    assert bad.stderr.startswith(
        f"{(tmp_path / 'phrases' / 'jv.toml').as_posix()}: unknown phrase list 'closings'; "
        "use one of: greeting, needs_inquiry,"
    )


def test_xlsx_catalog(tmp_path: Path) -> None:
    """A catalog workbook (name, price columns; header row) is read like a CSV."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Produk", "Harga"])
    sheet.append(["Kemeja Batik Parang", "Rp 150.000"])
    path = tmp_path / "katalog.xlsx"
    book.save(path)
    chat = tmp_path / "chat.txt"
    chat.write_text(CHAT, encoding="utf-8")
    result = runner.invoke(
        app, ["audit", str(chat), "-a", "Rina", "--catalog", str(path), "-f", "json"]
    )
    [conversation] = json.loads(result.stdout)["conversations"]
    assert conversation["criteria"]["accurate_concise"]["verdict"] == "pass"


def test_scorecard_table() -> None:
    """The default output: agents' rows and the weakest conversation's quoted line, in 80
    columns."""
    result = runner.invoke(app, ["audit", "sample_exports"])
    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert max(len(line) for line in lines) <= 80
    assert " agent      n  score  spd  grt  ask  ans  acc  cls    1st    p90  SLA  un" in lines
    assert " Rina       3     92   67  100  100  100  100  100     9m    43m   91   0" in lines
    assert "           line 1: Min, jaket yang saya terima sobek di bagian ketiak" in lines
    # durations as everywhere, conversations counted from 1
    assert (
        "    24   sample_exports/Chat WhatsApp dengan Rudi Hartono.txt #1 (Rudi Hartono)" in lines
    )
    assert "         response_speed: a turn waited 15h51 (calendar time), over the 1h00" in lines


@pytest.mark.parametrize(
    ("columns", "header", "left_out"),
    [
        (120, " agent      n  score  spd  grt  ask  ans  acc  cls    1st    p90  SLA  un", ""),
        (80, " agent      n  score  spd  grt  ask  ans  acc  cls    1st    p90  SLA  un", ""),
        (60, " agent      n  score  spd  grt  ask  ans  acc  cls    1st", "p90, un, SLA"),
        (40, " agent      score  spd  ask  ans  acc", "p90, un, SLA, n, 1st, cls, grt"),
    ],
)
def test_a_narrow_terminal_never_drops_the_agents(columns: int, header: str, left_out: str) -> None:
    """Under 80 columns numeric columns go, p90 first, and the caption says which; every
    agent's name and score stay, and no line is wider than the terminal."""
    result = runner.invoke(app, ["audit", "sample_exports"], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert max(len(line) for line in lines) <= columns
    assert header in lines
    at = lines.index(header)
    rows = [line.split()[0] for line in lines[at + 2 : at + 5]]
    assert rows == ["Dimas", "Rina", "Toko"]
    assert lines[at + 3].split()[1:3] == (["3", "92"] if " n " in header else ["92", "67"])
    caption = " ".join(lines[at + 6 : at + 12])
    assert (f"Left out to fit: {left_out}" in caption) is bool(left_out)


def test_by_conversation_with_the_table_lists_conversations() -> None:
    """--by conversation is not ignored by the table format: a row per conversation,
    numbered from 1, with its agents, score, failed criteria and first response."""
    result = runner.invoke(app, ["audit", "sample_exports", "--by", "conversation"])
    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert max(len(line) for line in lines) <= 80
    assert (
        " conversation                    agents       score  failed                 1st" in lines
    )
    assert (
        " sample_exports/Chat WhatsApp    Toko Maju       24  spd grt ask acc cls  15h51" in lines
    )
    assert " dengan Rudi Hartono.txt #1" in lines
    assert any(line.startswith("5 conversations, numbered from 1 in each file.") for line in lines)
    agents = runner.invoke(app, ["audit", "sample_exports", "--by", "agent"])
    assert agents.stdout == runner.invoke(app, ["audit", "sample_exports"]).stdout


def test_table_prints_chat_text_as_written(tmp_path: Path) -> None:
    """Rich markup in chat text is printed, never interpreted."""
    chat = tmp_path / "Chat WhatsApp dengan Budi.txt"
    chat.write_text(
        "16/11/26 09.00 - Budi: [bold]Halo[/bold] ada?\n"
        "16/11/26 11.00 - Toko Maju: [red]ok[/red]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["audit", str(chat)])
    assert "[bold]Halo[/bold] ada?" in result.stdout


def test_csv_by_agent_and_by_conversation() -> None:
    """CSV: stable columns, one row per agent or per conversation, text neutralised."""
    agents = runner.invoke(app, ["audit", "sample_exports", "-f", "csv"])
    lines = agents.stdout.splitlines()
    assert lines[0] == (
        "agent,conversations,replies,mean_score,pass_rate_response_speed,pass_rate_greeting,"
        "pass_rate_needs_inquiry,pass_rate_answers_questions,pass_rate_accurate_concise,"
        "pass_rate_polite_closing,first_response_median_seconds,first_response_p90_seconds,"
        "sla_share,unanswered_turns"
    )
    assert lines[2] == "Rina,3,12,92.2,0.667,1,1,1,1,1,540,2580,0.909,0"
    conversations = runner.invoke(
        app, ["audit", "sample_exports", "-f", "csv", "--by", "conversation"]
    ).stdout.splitlines()
    assert len(conversations) == 6
    assert conversations[1].startswith(
        "sample_exports/Chat WhatsApp dengan +62 812-3456-7890.txt,0,'+62 812-3456-7890,"
        "Rina; Dimas,"
    )


def test_json_rows() -> None:
    """--format json --by agent: the CSV's rows as a JSON array."""
    rows = json.loads(
        runner.invoke(app, ["audit", "sample_exports", "-f", "json", "--by", "agent"]).stdout
    )
    assert [row["agent"] for row in rows] == ["Dimas", "Rina", "Toko Maju"]


def test_json_rows_are_one_per_line_with_the_documents_numbers() -> None:
    """--by conversation: one row per line; seconds and shares as in the full document."""
    out = runner.invoke(
        app, ["audit", "sample_exports", "-f", "json", "--by", "conversation"]
    ).stdout
    lines = out.splitlines()
    rows = [json.loads(line.rstrip(",")) for line in lines[1:-1]]
    assert (lines[0], lines[-1], len(rows)) == ("[", "]", 5)
    full = json.loads(runner.invoke(app, ["audit", "sample_exports", "-f", "json"]).stdout)
    assert [r["first_response_seconds"] for r in rows] == [
        c["first_response_seconds"] for c in full["conversations"]
    ]
    assert [type(r["first_response_seconds"]) for r in rows if r["first_response_seconds"]] == [
        int
    ] * 5


@pytest.mark.parametrize(
    ("options", "customers"),
    [
        (["--week", "2026-W47"], 5),
        (["--week", "2026-W48"], 0),
        (["--since", "2026-11-18"], 3),
        (["--since", "2026-11-17", "--until", "2026-11-18"], 2),
    ],
)
def test_period_selection(options: list[str], customers: int) -> None:
    """Conversations are kept when they start inside the ISO week or the date range; an
    empty period says so, with the days the inputs cover."""
    result = runner.invoke(app, ["audit", "sample_exports", "-f", "json", *options])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["conversations"]) == customers
    assert result.stderr == (
        ""
        if customers
        else "no conversation starts in 2026-W48; the inputs cover 2026-11-16 to 2026-11-21\n"
    )


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (["--since", "2026-11-23"], "on or after 2026-11-23"),
        (["--until", "2026-11-01"], "on or before 2026-11-01"),
        (["--since", "2026-11-10", "--until", "2026-11-12"], "from 2026-11-10 to 2026-11-12"),
    ],
)
def test_an_empty_period_names_the_days_the_inputs_cover(options: list[str], words: str) -> None:
    """Whatever the period's form, in the table too; the exit code stays 0."""
    result = runner.invoke(app, ["audit", "sample_exports", *options])
    assert result.exit_code == 0
    assert result.stderr == (
        f"no conversation starts {words}; the inputs cover 2026-11-16 to 2026-11-21\n"
    )


def test_start_dates_of_results_in_memory_and_spooled() -> None:
    """The days the first and last conversations start, from either kind of results."""
    from cs_audit.pipeline import audit, start_dates  # noqa: PLC0415

    spooled = audit([ROOT / "sample_exports"]).conversations
    assert start_dates(spooled) == (dt.date(2026, 11, 16), dt.date(2026, 11, 21))
    assert start_dates(tuple(spooled)) == start_dates(spooled)
    assert start_dates(()) is None


def test_bad_period_is_a_usage_error() -> None:
    """A week that is not an ISO week says how to write one."""
    result = runner.invoke(app, ["audit", "sample_exports", "--week", "47"])
    assert (result.exit_code, result.stderr) == (
        2,
        "--week 47: is not an ISO week; write it as 2026-W47\n",
    )


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_redact_masks_phone_numbers_everywhere(fmt: str) -> None:
    """--redact: no full phone number in any output, file names included."""
    result = runner.invoke(
        app, ["audit", "sample_exports", "-f", fmt, "--by", "conversation", "--redact"]
    )
    assert result.exit_code == 0
    assert "812-3456-7890" not in result.stdout
    if fmt != "table":  # the table quotes only the weakest conversations
        assert "••-••••-••90" in result.stdout


@pytest.mark.parametrize("by", [[], ["--by", "conversation"]])
def test_redact_never_touches_the_tools_own_figures(tmp_path: Path, by: list[str]) -> None:
    """--redact masks text only: a nine-digit wait stays a number, JSON stays JSON."""
    (tmp_path / "Chat WhatsApp dengan 0812 3456 7890.txt").write_text(
        "01/01/20 09.00 - 0812 3456 7890: Halo kak, nomor saya 0812 3456 7890\n"
        "16/11/26 09.00 - Toko Maju: Halo kak, maaf baru balas. Ada yang bisa dibantu?\n",
        encoding="utf-8",
    )
    args = ["audit", str(tmp_path), "-f", "json", *by]
    plain = json.loads(runner.invoke(app, args).stdout)
    redacted = runner.invoke(app, [*args, "--redact"])
    assert redacted.exit_code == 0
    assert "3456" not in redacted.stdout
    masked = json.loads(redacted.stdout)
    if not by:
        plain, masked = plain["conversations"], masked["conversations"]
    assert [c["first_response_seconds"] for c in masked] == [
        c["first_response_seconds"] for c in plain
    ]
    assert plain[0]["first_response_seconds"] == 216_950_400  # 2511 days: nine digits


def test_compare_previous() -> None:
    """--compare-previous: the previous period of the same length, per agent, and the change."""
    result = runner.invoke(
        app,
        [
            "audit",
            "sample_exports",
            "-f",
            "csv",
            "--since",
            "2026-11-19",
            "--until",
            "2026-11-22",
            "--compare-previous",
        ],
    )
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].endswith(
        ",previous_conversations,previous_mean_score,mean_score_change,"
        "previous_sla_share,sla_share_change"
    )
    assert lines[2].endswith(",2,88.2,11.8,0.889,0.111")  # Rina: 100 now, 88.2 before
    table = runner.invoke(
        app,
        [
            "audit",
            "sample_exports",
            "--since",
            "2026-11-19",
            "--until",
            "2026-11-22",
            "--compare-previous",
        ],
    )
    assert " Rina       1  100 +12  100" in table.stdout


def test_compare_previous_needs_a_closed_period() -> None:
    """Without a period with both ends there is no previous one: a usage error."""
    result = runner.invoke(app, ["audit", "sample_exports", "--compare-previous"])
    assert (result.exit_code, result.stderr) == (
        2,
        "--compare-previous: needs a period with a start and an end; add --week 2026-W47, "
        "or --since and --until\n",
    )


def test_no_progress_when_stderr_is_not_a_terminal() -> None:
    """Progress is for people watching: piped or with --quiet, stderr stays empty."""
    for options in ([], ["--quiet"]):
        result = runner.invoke(app, ["audit", "sample_exports", "-f", "csv", *options])
        assert (result.exit_code, result.stderr) == (0, "")


@pytest.mark.parametrize(
    ("options", "code"),
    [
        (["--until", "9999-12-31"], 0),
        (["--week", "9999-W52"], 0),
        (["--since", "0001-01-05", "--until", "0001-01-10", "--compare-previous"], 2),
        (["--since", "2026-11-30", "--until", "2026-11-16"], 2),
    ],
)
def test_extreme_and_reversed_periods(options: list[str], code: int) -> None:
    """Dates at the ends of the calendar never crash; a reversed range is a usage error."""
    result = runner.invoke(app, ["audit", "sample_exports", "-f", "csv", *options])
    assert result.exit_code == code


def test_escape_codes_in_chat_never_reach_the_terminal(tmp_path: Path) -> None:
    """ESC sequences from a customer are shown as U+FFFD, not run by the terminal."""
    chat = tmp_path / "Chat WhatsApp dengan Budi.txt"
    chat.write_text(
        "16/11/26 09.00 - Budi: Halo \x1b[2J\x1b]0;pwned\x07 berapa?\n"
        "16/11/26 12.00 - Toko Maju: ok\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["audit", str(chat)])
    assert "\x1b" not in result.stdout
    assert "\ufffd[2J" in result.stdout


def test_non_characters_and_odd_names_keep_the_workbook_valid(tmp_path: Path) -> None:
    """U+FFFF in chat text and a file name with a non-UTF-8 byte: a valid workbook."""
    folder = tmp_path / "x"
    folder.mkdir()
    odd = os.fsdecode(bytes(folder) + b"/Chat WhatsApp dengan Bu\xffdi.txt")
    Path(odd).write_text(
        "16/11/26 09.00 - Budi: ada \uffff barang?\n16/11/26 09.05 - Toko Maju: ya ada \ufffe\n",
        encoding="utf-8",
    )
    book = tmp_path / "a.xlsx"
    result = runner.invoke(
        app,
        [
            *("audit", str(folder), "-a", "Toko Maju", "-f", "csv"),
            *("--by", "conversation", "--xlsx", str(book)),
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert "Bu\ufffddi" in result.stdout
    assert openpyxl.load_workbook(book)["Findings"].max_row > 1


def test_a_grouped_price_before_kak_is_read(tmp_path: Path) -> None:
    """'Rp 1.850.000 kak' (once fatal to the whole folder) is read as Rp 1,850,000."""
    chat = tmp_path / "Chat WhatsApp dengan Budi.txt"
    chat.write_text(
        "16/11/26 09.12 - Budi: Halo kak, jaket kulit harganya berapa?\n"
        "16/11/26 09.20 - Toko Maju: Halo kak, jaket kulit Rp 1.850.000 kak. Ukurannya apa?\n",
        encoding="utf-8",
    )
    catalog = tmp_path / "katalog.csv"
    catalog.write_text("produk,harga\nJaket Kulit,1850000\n", encoding="utf-8")
    result = runner.invoke(app, ["audit", str(tmp_path), "-f", "json", "--catalog", str(catalog)])
    assert (result.exit_code, result.stderr) == (0, "")
    [conversation] = json.loads(result.stdout)["conversations"]
    assert conversation["criteria"]["accurate_concise"]["verdict"] == "pass"


def test_a_chat_nobody_answered_is_audited_for_the_account(tmp_path: Path) -> None:
    """A chat only the customer wrote in is the week's worst: audited, response_speed
    failed, agent-side criteria n/a, and scored for the folder's business account."""
    for name in ("Budi", "Sari", "Dedi"):
        (tmp_path / f"Chat WhatsApp dengan {name}.txt").write_text(
            f"16/11/26 09.00 - {name}: Halo kak, ada stok?\n"
            "16/11/26 09.02 - Toko Maju: Halo kak, ada. Ukuran apa kak? ~Rina\n",
            encoding="utf-8",
        )
    (tmp_path / "Chat WhatsApp dengan Eka.txt").write_text(
        "16/11/26 21.00 - Eka: Kak, pesanan saya belum sampai\n16/11/26 23.40 - Eka: kak??\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["audit", str(tmp_path), "-f", "json"])
    assert (result.exit_code, result.stderr) == (0, "")
    document = json.loads(result.stdout)
    [eka] = [c for c in document["conversations"] if c["customer"] == "Eka"]
    assert eka["agents"] == ["Toko Maju"]
    assert eka["unanswered_turns"] == 1
    verdicts = {key: value["verdict"] for key, value in eka["criteria"].items()}
    assert verdicts == {
        "response_speed": "fail",
        "greeting": "n/a",
        "needs_inquiry": "n/a",
        "answers_questions": "fail",
        "accurate_concise": "n/a",
        "polite_closing": "n/a",
    }
    scorecard = {a["agent"]: a for a in document["agents"]}
    assert scorecard["Toko Maju"]["conversations"] == 1


def test_a_colloquial_table_must_map_words_to_words(tmp_path: Path) -> None:
    """A phrase file's [colloquial] entry with a space is refused, naming the file."""
    path = tmp_path / "cs-audit.toml"
    assert runner.invoke(app, ["init", str(path)]).exit_code == 0
    (tmp_path / "phrases" / "jv.toml").write_text(
        '[colloquial]\nopo = "apa itu"\n', encoding="utf-8"
    )
    bad = runner.invoke(app, ["audit", "sample_exports", "--config", str(path)])
    assert (bad.exit_code, bad.stderr) == (
        2,
        f"{(tmp_path / 'phrases' / 'jv.toml').as_posix()}: [colloquial]: must map single "
        'words to single words; write brp = "berapa" under [colloquial]\n',
    )


def test_a_list_added_after_init_is_the_shipped_one_unless_turned_off(tmp_path: Path) -> None:
    """Phrase files written by an older cs-audit lack a newer list: it is not silently
    empty; `key = []` in every file turns it off."""
    path = tmp_path / "cs-audit.toml"
    assert runner.invoke(app, ["init", str(path)]).exit_code == 0
    for name in ("id.toml", "en.toml"):
        file = tmp_path / "phrases" / name
        text = file.read_text(encoding="utf-8")
        start = text.index("\nasks_discount = [")
        end = text.index("]\n", start) + 2
        file.write_text(text[:start] + "\n" + text[end:], encoding="utf-8")
    assert "asks_discount" not in (tmp_path / "phrases" / "id.toml").read_text(encoding="utf-8")
    assert load_config(path) == AuditConfig()  # the shipped list stands in
    for name in ("id.toml", "en.toml"):
        file = tmp_path / "phrases" / name
        file.write_text("asks_discount = []\n" + file.read_text(encoding="utf-8"), "utf-8")
    rubric = load_config(path).rubric
    assert rubric.find("asks_discount", "bisa kurang ga kak") is None


def test_a_roster_that_leaves_out_a_signing_agent_warns_once(tmp_path: Path) -> None:
    """Dimas signs replies in two files; a roster of Rina alone names him once, with his
    file count, instead of folding him silently into the account; listed, no warning."""
    config = tmp_path / "cs-audit.toml"
    config.write_text('[[agents]]\nname = "Rina"\n', encoding="utf-8")
    result = runner.invoke(app, ["audit", "sample_exports", "-c", str(config), "-f", "csv"])
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: replies are signed by agents the roster ([[agents]]) leaves out: Dimas "
        "(2 files); their replies count as the business account's; add them under [[agents]] "
        "in the config\n"
    )
    config.write_text('[[agents]]\nname = "Rina"\n[[agents]]\nname = "Dimas"\n', "utf-8")
    listed = runner.invoke(app, ["audit", "sample_exports", "-c", str(config), "-f", "csv"])
    assert listed.stderr == ""
    quiet = runner.invoke(app, ["audit", "sample_exports", "-c", str(tmp_path / "x.toml"), "-q"])
    assert quiet.exit_code == 2  # a missing config is an error, -q or not
