"""`cs-audit calibrate`: the audit against a supervisor's labels."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cs_audit.cli import app
from tests.conftest import SAMPLES

runner = CliRunner()
HEADER = (
    "file,conversation,response_speed,greeting,needs_inquiry,answers_questions,"
    "accurate_concise,polite_closing,first_response_seconds,agents\n"
)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two sample exports in a folder of their own, the working directory."""
    for name in ("Chat WhatsApp dengan Rudi Hartono.txt", "Chat WhatsApp dengan Budi Santoso.txt"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_agreement_kappa_and_every_disagreement(folder: Path) -> None:
    """The table gives per criterion n, agreement, kappa and confusion; then each
    disagreement with the audit's reason and line; then labels that match nothing."""
    (folder / "labels.csv").write_text(
        HEADER + "Chat WhatsApp dengan Rudi Hartono.txt,0,pass,fail,,,,,57060,Toko Maju\n"
        "Chat WhatsApp dengan Budi Santoso.txt,0,pass,pass,pass,pass,pass,pass,,Rina\n"
        "Chat WhatsApp dengan Budi Santoso.txt,3,pass,,,,,,,\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["calibrate", ".", "--labels", "labels.csv"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "criterion             n   agree  kappa  confusion (label>audit: n)\n"
        "response_speed        2   50.0%   0.00  pass>fail: 1\n"
        "greeting              2  100.0%   1.00  none\n"
        "needs_inquiry         1  100.0%   1.00  none\n"
        "answers_questions     1  100.0%   1.00  none\n"
        "accurate_concise      1  100.0%   1.00  none\n"
        "polite_closing        1  100.0%   1.00  none\n"
        "first response        2   50.0%  exact\n"
        "agents                2  100.0%  exact\n"
        "\n"
        "2 disagreement(s):\n"
        "Chat WhatsApp dengan Rudi Hartono.txt #1 response_speed: label pass, audit fail "
        "(labels.csv:2)\n"
        "  a turn waited 15h51 (calendar time), over the 1h00 target\n"
        "    line 1: Min, jaket yang saya terima sobek di bagian ketiak\n"
        "Chat WhatsApp dengan Budi Santoso.txt #1 first_response_seconds: label none, "
        "audit 540 (labels.csv:3)\n"
        "\n"
        "1 label(s) name no conversation of the audit:\n"
        "labels.csv:4: Chat WhatsApp dengan Budi Santoso.txt #4\n"
    )


def test_json_is_stable_for_scripts(folder: Path) -> None:
    """--format json: per criterion counts and kappa, the confusion, the disagreements."""
    (folder / "labels.csv").write_text(
        HEADER + "Chat WhatsApp dengan Rudi Hartono.txt,0,fail,pass,,,,,57060,\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["calibrate", ".", "--labels", "labels.csv", "-f", "json"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert list(document) == ["criteria", "first_response", "agents", "disagreements", "unmatched"]
    speed, greeting = document["criteria"][:2]
    assert speed == {
        "criterion": "response_speed",
        "compared": 1,
        "agreed": 1,
        "agreement": 1.0,
        "kappa": 1.0,
        "confusion": [{"label": "fail", "audit": "fail", "count": 1}],
    }
    assert (greeting["agreed"], greeting["confusion"]) == (
        0,
        [{"label": "pass", "audit": "fail", "count": 1}],
    )
    [disagreement] = document["disagreements"]
    assert (disagreement["what"], disagreement["line"]) == ("greeting", 5)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            HEADER + "Chat WhatsApp dengan Rudi Hartono.txt,0,passed,,,,,,,\n",
            "labels.csv:2: response_speed is 'passed'; write pass, fail or n/a (or leave blank)",
        ),
        (
            HEADER + "Chat WhatsApp dengan Rudi Hartono.txt,first,pass,,,,,,,\n",
            "labels.csv:2: needs a file and a conversation number; give the file and its index "
            "from 0",
        ),
        (
            HEADER + "Chat WhatsApp dengan Rudi Hartono.txt,0,,,,,,,soon,\n",
            "labels.csv:2: first_response_seconds is 'soon'; give whole seconds, or leave it "
            "blank when nobody replied",
        ),
        (
            "name,verdict\nx,pass\n",
            "labels.csv: has no file and conversation columns; start it with a header: "
            "file,conversation,response_speed,greeting,needs_inquiry,answers_questions,"
            "accurate_concise,polite_closing",
        ),
    ],
)
def test_a_malformed_labels_file_is_a_usage_error(folder: Path, text: str, message: str) -> None:
    """A labels file that cannot be read right: exit 2 naming file:row and the fix."""
    (folder / "labels.csv").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["calibrate", ".", "--labels", "labels.csv"])
    assert (result.exit_code, result.stderr) == (2, message + "\n")


def test_each_shop_is_audited_alone_with_the_catalog_named_after_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chat = (
        "16/11/26 10.00 - Budi: kak kemeja batik parang brp?\n"
        "16/11/26 10.05 - Toko Maju: Halo kak, Kemeja Batik Parang Rp 150.000 ya. "
        "Ukuran apa kak? Terima kasih\n"
    )
    for shop in ("batik", "tenun"):
        (tmp_path / shop).mkdir()
        (tmp_path / shop / "Chat WhatsApp dengan Budi.txt").write_text(chat, encoding="utf-8")
        (tmp_path / shop / "labels.csv").write_text(
            "file,conversation,accurate_concise\nChat WhatsApp dengan Budi.txt,0,pass\n",
            encoding="utf-8",
        )
    (tmp_path / "catalogs").mkdir()
    (tmp_path / "catalogs" / "batik.csv").write_text(
        "Nama Produk,Harga\nKemeja Batik Parang,150000\n", encoding="utf-8"
    )
    (tmp_path / "catalogs" / "tenun.csv").write_text(
        "Nama Produk,Harga\nKemeja Batik Parang,175000\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    args = ["calibrate", "batik", "tenun", "--labels", "batik/labels.csv"]
    result = runner.invoke(app, [*args, "--labels", "tenun/labels.csv", "--catalogs", "catalogs"])
    assert result.exit_code == 0, result.output
    assert "accurate_concise      2   50.0%" in result.output
    assert "tenun/Chat WhatsApp dengan Budi.txt #1 accurate_concise: label pass, audit fail" in (
        result.output
    )
    assert "batik/Chat WhatsApp dengan Budi.txt #1 accurate_concise" not in result.output
    missing = runner.invoke(app, [*args, "--catalogs", "nowhere"])
    assert missing.exit_code == 2
