"""cs_audit.pipeline.audit: two passes over a folder, results read back from a spool."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from cs_audit.models import ConversationOutline
from cs_audit.pipeline import Results, audit, within_period
from cs_audit.render.json import audit_json, conversation_line
from tests.conftest import ROOT

SAMPLES = ROOT / "sample_exports"
AWAY = "Terima kasih sudah menghubungi kami, pesan kakak akan segera kami balas ya."


def _chat(customer: str, day: int, business: str = "Toko Maju") -> str:
    return (
        f"{day:02d}/11/26 10.00 - {customer}: Halo, sepatu ukuran 42 ada?\n"
        f"{day:02d}/11/26 10.00 - {business}: {AWAY}\n"
        f"{day:02d}/11/26 10.20 - {business}: Ada kak, ukuran 42 ready. Salam, Rina\n"
    )


def _folder(tmp_path: Path) -> Path:
    """Three chats named after their customers (sides settled by the file alone) and
    three that are not (the business is the author found in most chats)."""
    folder = tmp_path / "week"
    folder.mkdir()
    for day, name in enumerate(["Budi", "Sari", "Dewi"], start=16):
        (folder / f"WhatsApp Chat with {name}.txt").write_text(_chat(name, day))
    for day, name in enumerate(["Andi", "Joko", "Rudi"], start=19):
        (folder / f"notes-{name.lower()}.txt").write_text(_chat(name, day))
    return folder


@pytest.mark.parametrize("workers", [1, 2])
def test_templates_and_sides_come_from_the_whole_folder(tmp_path: Path, workers: int) -> None:
    """The away text, sent in all six chats within seconds, is automated everywhere,
    so every first response is the human's 20 minutes; the unnamed chats get their
    sides from the author frequent across the folder."""
    result = audit([_folder(tmp_path)], workers=workers)
    assert [f.status for f in result.files] == ["ok"] * 6
    assert len(result.conversations) == 6
    assert [r.conversation.customer for r in result.conversations] == [
        "Budi",
        "Dewi",
        "Sari",
        "Andi",
        "Joko",
        "Rudi",
    ]
    for r in result.conversations:
        assert [e.text for e in r.conversation.automated] == [AWAY]
        assert r.metrics.first_response_seconds == 1200.0
    [card] = result.agents
    assert (card.agent, card.conversations, card.replies) == ("Rina", 6, 6)


def test_a_text_in_two_chats_is_not_a_template(tmp_path: Path) -> None:
    """Sent in two chats only, the same long text not worded as an away message is a
    human reply within a minute."""
    folder = tmp_path / "two"
    folder.mkdir()
    for day, name in enumerate(["Budi", "Sari"], start=16):
        chat = _chat(name, day).replace(AWAY, "Ada kak, ukuran 42 ready, mau warna apa ya kak?")
        (folder / f"WhatsApp Chat with {name}.txt").write_text(chat)
    result = audit([folder])
    assert [r.metrics.first_response_seconds for r in result.conversations] == [0.0, 0.0]
    assert all(r.conversation.automated == () for r in result.conversations)


def test_an_away_message_is_known_by_its_wording_in_one_chat(tmp_path: Path) -> None:
    """Alone or in a folder, an away message worded as one is automated: the same
    verdicts and first response either way (LABELING.md)."""
    (tmp_path / "WhatsApp Chat with Budi.txt").write_text(_chat("Budi", 16))
    [alone] = audit([tmp_path / "WhatsApp Chat with Budi.txt"]).conversations
    assert [e.text for e in alone.conversation.automated] == [AWAY]
    assert alone.metrics.first_response_seconds == 1200.0
    inside = [
        r for r in audit([_folder(tmp_path)]).conversations if r.conversation.customer == "Budi"
    ]
    verdicts = {k: (c.verdict, c.reason) for k, c in alone.criteria.items()}
    assert {k: (c.verdict, c.reason) for k, c in inside[0].criteria.items()} == verdicts


def test_worker_count_changes_nothing(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    one, two = audit([folder, SAMPLES], workers=1), audit([folder, SAMPLES], workers=2)
    assert audit_json(one) == audit_json(two)


def test_results_read_back_like_a_tuple() -> None:
    """The spooled results index, slice and iterate as a tuple of them would."""
    result = audit([SAMPLES])
    conversations = result.conversations
    assert isinstance(conversations, Results)
    every = list(conversations)
    assert len(conversations) == len(every) == 5
    assert conversations[0] == every[0]
    assert conversations[-1] == every[4]
    assert conversations[1:3] == every[1:3]
    assert [r.score for r in conversations] == [100.0, 100.0, 23.5, 100.0, 76.5]
    assert all(isinstance(r.conversation, ConversationOutline) for r in every)
    with pytest.raises(IndexError):
        conversations[5]


def test_a_period_picks_from_the_spool_as_a_filter_would() -> None:
    result = audit([SAMPLES])
    start, end = datetime(2026, 11, 17), datetime(2026, 11, 19)
    picked = within_period(result, start, end)
    expected = [r for r in result.conversations if start <= r.conversation.start < end]
    assert 0 < len(expected) < 5
    assert list(picked.conversations) == expected
    again = within_period(picked, start, datetime(2026, 11, 18))
    assert list(again.conversations) == [
        r for r in expected if r.conversation.start < datetime(2026, 11, 18)
    ]


@pytest.mark.parametrize("workers", [1, 2])
def test_lines_rendered_by_the_workers_are_the_renderers(workers: int) -> None:
    """audit(render=...) keeps each conversation's line as the workers made it; the
    lines follow a period's picks, and the document is the same either way."""
    result = audit([SAMPLES], workers=workers, render=[conversation_line])
    assert isinstance(result.conversations, Results)
    lines = result.conversations.lines(conversation_line)
    assert lines is not None
    assert list(lines) == [conversation_line(r) for r in result.conversations]
    picked = within_period(result, datetime(2026, 11, 17), datetime(2026, 11, 19))
    assert isinstance(picked.conversations, Results)
    assert list(picked.conversations.lines(conversation_line) or ()) == [
        conversation_line(r) for r in picked.conversations
    ]
    assert audit_json(result) == audit_json(audit([SAMPLES]))
    assert audit([SAMPLES]).conversations.lines(conversation_line) is None  # type: ignore[attr-defined]


def test_a_name_like_a_line_number_fails_alone(tmp_path: Path) -> None:
    """An input named "export 10:30" that is not an export is reported under its own
    name; the others are audited."""
    bad = tmp_path / "export 10:30"
    bad.write_text("just prose, no header\n")
    good = SAMPLES / "Chat WhatsApp dengan Budi Santoso.txt"
    result = audit([bad, good, bad], workers=2)
    assert [(f.file, f.status) for f in result.files] == [
        (bad.as_posix(), "error"),
        (good.as_posix(), "ok"),
        (bad.as_posix(), "error"),
    ]
    assert len(result.conversations) == 1


def test_only_the_json_rendering_makes_the_json(tmp_path: Path) -> None:
    """Texts rendered for something else (the workbook's rows) never stand in for the
    document's lines."""
    from cs_audit.render.excel import WorkbookWriter  # noqa: PLC0415

    writer = WorkbookWriter()
    result = audit([SAMPLES], render=[writer.render])
    writer.close()
    assert audit_json(result) == audit_json(audit([SAMPLES]))


def test_the_last_second_of_the_calendar_is_in_an_open_period(tmp_path: Path) -> None:
    chat = tmp_path / "Chat WhatsApp dengan Gina.txt"
    chat.write_text(
        "[31/12/9999 23.59.59] Gina: Halo kak, ada stok?\n"
        "[31/12/9999 23.59.59] Toko Maju: Ada kak. Terima kasih\n"
    )
    result = audit([chat])
    assert len(within_period(result, datetime(9999, 12, 31), datetime.max).conversations) == 1
    assert (
        len(
            within_period(result, datetime(9999, 12, 31, 23, 59, 59, 5), datetime.max).conversations
        )
        == 0
    )


def test_a_chat_nobody_answered_belongs_to_its_folder_s_account(tmp_path: Path) -> None:
    """Two shops' folders audited together: no author is frequent across the run, so a
    chat only its customer wrote in goes to the account in most chats of its folder."""
    for shop, names in (("Toko Maju", ["Budi", "Sari"]), ("Batik Sekar", ["Andi", "Joko", "Rudi"])):
        folder = tmp_path / shop
        folder.mkdir()
        for day, name in enumerate(names, start=16):
            (folder / f"WhatsApp Chat with {name}.txt").write_text(_chat(name, day, shop))
    (tmp_path / "Toko Maju" / "WhatsApp Chat with Eka.txt").write_text(
        "20/11/26 21.00 - Eka: Kak, pesanan saya belum sampai\n"
    )
    [eka] = [r for r in audit([tmp_path]).conversations if r.conversation.customer == "Eka"]
    assert eka.conversation.agents == ("Toko Maju",)


def test_files_of_one_layout_decide_each_others_date_order(tmp_path: Path) -> None:
    """One `8/7/26, 10:40 AM` file among month-first siblings of its layout is read
    month-first, its warning naming what decided it; a file of another layout that
    nothing decides is read day-first, its warning saying that nothing did."""
    folder = tmp_path / "week"
    folder.mkdir()
    for day in (13, 14, 18):  # their dates tell: month first
        (folder / f"WhatsApp Chat with Ann {day}.txt").write_text(
            f"11/{day}/26, 10:40 AM - Ann {day}: Is the blue one in stock?\n"
            f"11/{day}/26, 10:52 AM - Shop: Hi! Yes, it is. Which size?\n",
            encoding="utf-8",
        )
    (folder / "WhatsApp Chat with Bob.txt").write_text(
        "8/7/26, 10:40 AM - Bob: Is the red one in stock?\n"
        "8/7/26, 10:52 AM - Shop: Hi! Yes, it is. Which size?\n",
        encoding="utf-8",
    )
    (folder / "WhatsApp Chat with Cy.txt").write_text(  # iOS: no sibling of its layout
        "[8/7/26, 10:40:00] Cy: Is the red one in stock?\n"
        "[8/7/26, 10:52:00] Shop: Hi! Yes, it is. Which size?\n",
        encoding="utf-8",
    )
    result = audit([folder])
    starts = {r.conversation.customer: r.conversation.start for r in result.conversations}
    assert starts["Bob"] == datetime(2026, 8, 7, 10, 40)
    assert starts["Cy"] == datetime(2026, 7, 8, 10, 40)
    warned = {Path(f.file).name: [n.message for n in f.notices] for f in result.files}
    assert warned["WhatsApp Chat with Bob.txt"] == [
        "no date in it tells day-first from month-first; read as month-first, as the other "
        "exports of its layout (android 12h) in this run tell"
    ]
    assert warned["WhatsApp Chat with Cy.txt"] == [
        "no date in it, nor in another export of its layout in this run, tells day-first "
        "from month-first; read as day-first"
    ]
    assert {f.status for f in result.files if "Ann" in f.file} == {"ok"}


def test_a_group_chats_members_are_no_account(tmp_path: Path) -> None:
    """A customer's unanswered chat belongs to the author in most of the folder's
    chats; a group chat, where any member writes, does not count toward that (found by
    fuzzing: a customer in a group and one other chat became the 'account')."""
    folder = tmp_path / "week"
    folder.mkdir()
    (folder / "WhatsApp Chat - Reseller Kulit.txt").write_text(
        "15/09/2026, 01:59 - Dewi Anggraini: Kak minta katalog + harga dong\n"
        "15/09/2026, 02:00 - Nur Aisyah: sama kak\n"
        "15/09/2026, 02:05 - Kedai Kulit: Halo kak, katalog kami kirim ya\n",
        encoding="utf-8",
    )
    (folder / "wa-export-minggu-ini.txt").write_text(
        "11/09/2026, 17:41 - Dewi Anggraini: Halo kak, tas kulit ready?\n", encoding="utf-8"
    )
    (folder / "WhatsApp Chat - Grace Lin.txt").write_text(
        "15/09/2026, 19:00 - Grace Lin: Hi, is the brown bag available?\n", encoding="utf-8"
    )
    result = audit([folder])
    agents = {r.conversation.customer: r.conversation.agents for r in result.conversations}
    assert agents["Grace Lin"] == ("(no reply)",)


def test_the_exporter_anda_does_not_outvote_the_account_a_business_only_chat_shows(
    tmp_path: Path,
) -> None:
    """iPhone exports call the business "Anda"; two of them must not make "Anda" the
    folder's account and so leave a business-only chat to a named customer undecided
    (found by fuzzing)."""
    folder = tmp_path / "week"
    folder.mkdir()
    for name in ("Budi", "Sari"):
        (folder / f"WhatsApp Chat - {name}.txt").write_text(
            f"[27/09/26 15.30.00] {name}: Halo kak, ready?\n"
            "[27/09/26 15.33.48] Anda: Siap kak, ready\n",
            encoding="utf-8",
        )
    (folder / "WhatsApp Chat - +62 837-2210-4053.txt").write_text(
        "30/09/26 18.33 - Outfit Kita.id: Hi, your order of Sandal Kulit Pria has shipped.\n",
        encoding="utf-8",
    )
    result = audit([folder])
    assert [f.status for f in result.files] == ["ok", "ok", "ok"]
    agents = {r.conversation.customer: r.conversation.agents for r in result.conversations}
    assert agents["+62 837-2210-4053"] == ("Outfit Kita.id",)


def _count_parses(monkeypatch: pytest.MonkeyPatch, log: Path, *, first: bool = True) -> None:
    """Each parse of either pass (or the second's only) appends its file's name to
    ``log``: forked workers' parses are counted too."""
    from cs_audit import judging, survey  # noqa: PLC0415

    parse = survey.parse_item

    def counted(item: tuple[str, str | None, str | None], *args: object) -> object:
        with log.open("a", encoding="utf-8") as out:
            out.write(Path(item[0]).name + "\n")
        return parse(item, *args)  # type: ignore[arg-type]

    if first:
        monkeypatch.setattr(survey, "parse_item", counted)
    monkeypatch.setattr(judging, "parse_item", counted)


def _parses(log: Path) -> list[str]:
    return sorted(log.read_text(encoding="utf-8").splitlines()) if log.exists() else []


@pytest.mark.parametrize("workers", [1, 2])
def test_every_export_is_parsed_once(
    tmp_path: Path, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first pass's parse serves the second: a lone export kept as parsed, a
    folder's through a temporary file, read by the workers of either pass."""
    log = tmp_path / "parses.log"
    _count_parses(monkeypatch, log)
    first, second = sorted(SAMPLES.glob("*.txt"))[:2]
    assert len(audit([first], workers=workers).conversations) == 1
    assert _parses(log) == [first.name]
    log.unlink()
    folder = tmp_path / "chats"
    folder.mkdir()
    for chat in (first, second):
        (folder / chat.name).write_bytes(chat.read_bytes())
    once = audit([folder], workers=workers)
    assert (once.exit_code, _parses(log)) == (0, sorted([first.name, second.name]))
    assert len(once.conversations) == 2


@pytest.mark.parametrize("workers", [1, 2])
def test_a_long_chat_in_a_folder_is_parsed_again(
    tmp_path: Path, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An export longer than SPOOLED_MESSAGES is not sent back by the first pass (a
    batch of them would wait whole on its way): the second pass parses it again, with
    the same verdicts."""
    from cs_audit import survey  # noqa: PLC0415

    first, second = sorted(SAMPLES.glob("*.txt"))[:2]
    for chat in (first, second):
        (tmp_path / chat.name).write_bytes(chat.read_bytes())
    spooled = audit([tmp_path], workers=workers, render=[conversation_line])
    log = tmp_path.parent / f"parses-{workers}.log"
    _count_parses(monkeypatch, log, first=False)
    monkeypatch.setattr(survey, "SPOOLED_MESSAGES", 1)  # each sample is longer
    again = audit([tmp_path], workers=workers, render=[conversation_line])
    assert _parses(log) == sorted([first.name, second.name])
    assert isinstance(again.conversations, Results)
    assert isinstance(spooled.conversations, Results)
    assert list(again.conversations.lines(conversation_line) or ()) == list(
        spooled.conversations.lines(conversation_line) or ()
    )


@pytest.mark.parametrize("workers", [1, 2])
def test_a_file_its_siblings_date_is_parsed_again_in_their_order(
    tmp_path: Path, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file whose own dates leave their order open was parsed day-first in the first
    pass; its month-first siblings decide it, so the second pass parses it again."""
    log = tmp_path.parent / f"again-{workers}.log"
    _count_parses(monkeypatch, log, first=False)
    for name, day in (
        ("Chat WhatsApp dengan Budi.txt", "11/18/26"),
        ("Chat WhatsApp dengan Sari.txt", "11/19/26"),
    ):
        (tmp_path / name).write_text(
            f"{day}, 9:00 AM - {name[21:-4]}: Halo kak, jaket denim ready?\n"
            f"{day}, 9:02 AM - Toko Maju: Ready kak, ukuran apa?\n",
            encoding="utf-8",
        )
    (tmp_path / "Chat WhatsApp dengan Eka.txt").write_text(
        "8/7/26, 9:00 AM - Eka: Halo kak, tas kulit masih ada?\n"
        "8/7/26, 9:05 AM - Toko Maju: Masih ada kak\n",
        encoding="utf-8",
    )
    result = audit([tmp_path], workers=workers)
    assert _parses(log) == ["Chat WhatsApp dengan Eka.txt"]
    eka = [r for r in result.conversations if r.conversation.customer == "Eka"]
    assert [r.conversation.start.isoformat() for r in eka] == ["2026-08-07T09:00:00"]


@pytest.mark.parametrize(
    "folder",
    ["sample_exports", "tests/labelled/dev/motorbike_rental", "tests/labelled/dev/fish_market"],
)
def test_no_verdict_or_flag_quotes_an_automated_message(folder: str) -> None:
    """Greeting and away messages earn nothing and decide nothing: no evidence of any
    verdict or flag is one of them (chats with many of both)."""
    result = audit([ROOT / folder])
    automated = 0
    for r in result.conversations:
        lines = {(e.file, e.line) for e in r.conversation.automated}
        automated += len(lines)
        evidence = [e for c in r.criteria.values() for e in c.evidence]
        evidence += [e for f in r.flags for e in f.evidence]
        quoted = {(e.file, e.line) for e in evidence}
        assert not quoted & lines, (r.conversation.file, r.conversation.index)
    assert automated >= 3


@pytest.mark.parametrize("workers", [1, 2])
def test_an_audit_that_keeps_only_rendered_lines(workers: int) -> None:
    """keep=False (the CLI's JSON document, agent rows): the same lines, starts and
    scorecards as a kept audit; a conversation itself cannot be read back."""
    kept = audit([SAMPLES], render=[conversation_line], workers=workers)
    lines = audit([SAMPLES], render=[conversation_line], workers=workers, keep=False)
    assert isinstance(kept.conversations, Results)
    assert isinstance(lines.conversations, Results)
    assert list(lines.conversations.lines(conversation_line) or ()) == list(
        kept.conversations.lines(conversation_line) or ()
    )
    assert lines.conversations.start_seconds() == kept.conversations.start_seconds()
    assert (lines.agents, lines.files) == (kept.agents, kept.files)
    assert len(lines.conversations) == 5
    with pytest.raises(LookupError, match="kept only its rendered lines"):
        lines.conversations[0]
