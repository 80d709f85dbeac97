"""--redact's masking, on the text shapes that reach it: JSON, CSV, cells, table lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cs_audit.cli import app
from cs_audit.redact import redact, redact_json

runner = CliRunner()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+62 812-3456-7890", "+62 8••-••••-••90"),
        ("0812 3456 7890", "081• •••• ••90"),
        ("0812\u00a03456\u00a07890", "081•\u00a0••••\u00a0••90"),
        ("ok\\n081234567890", "ok\\n081•••••••90"),  # after a JSON-escaped newline
        ("wa.me/6281234567890", "wa.me/628••••••••90"),
        ("hub 081234567890ya", "hub 081•••••••90ya"),
        ("budi.s@mail.co.id", "b•••@mail.co.id"),
        (
            "Rp 150.000, jam 10.30, 2026-11-20T10:02:00",
            "Rp 150.000, jam 10.30, 2026-11-20T10:02:00",
        ),
        ("resi JP1234567", "resi JP1234567"),
    ],
)
def test_redact(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "resi JNE 0123456789012",  # a tracking number: no valid phone number
        "INV/2026/11/0042",
        "tiket INC-0419",
        "order 20261120-0042",
        "Rp 12.500.000 dan Rp 1.250.000",
        "2026-11-20T10:02:00",
    ],
)
def test_order_invoice_tracking_and_ticket_numbers_stay_readable(text: str) -> None:
    """The evidence needs them: only what libphonenumber finds a valid number is masked
    (before, any run of nine digits was)."""
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        ("hub 9123 4567", "ID", "hub 9123 4567"),  # no Indonesian number
        ("hub 9123 4567", "SG", "hub 912• ••67"),  # a Singapore mobile
        ("+65 9123 4567", "ID", "+65 9••• ••67"),  # "+": any region
        ("021 5551234", "ID", "021 •••••34"),  # a Jakarta line
    ],
)
def test_numbers_are_read_in_the_configs_country(text: str, region: str, expected: str) -> None:
    assert redact(text, region) == expected


def test_the_configs_country_code_decides_what_is_masked(tmp_path: Path) -> None:
    """country_code = "65" in the config: a Singapore number written without "+" is a
    phone number there, and masked; "JNE 0123456789012" stays."""
    chat = tmp_path / "Chat WhatsApp dengan Budi.txt"
    chat.write_text(
        "16/11/26 09.00 - Budi: halo kak, resi JNE 0123456789012 blm jalan, hub 9123 4567 ya\n"
        "16/11/26 09.05 - Toko Maju: Selamat pagi kak, baik kami cek\n",
        encoding="utf-8",
    )
    config = tmp_path / "cs-audit.toml"
    config.write_text('[conversations]\ncountry_code = "65"\n', encoding="utf-8")
    args = ["audit", str(chat), "-a", "Toko Maju", "-f", "json", "--redact", "-c", str(config)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert "hub 912• ••67 ya" in result.stdout
    assert "JNE 0123456789012" in result.stdout
    assert "9123 4567" not in result.stdout


def test_redacted_json_hides_a_number_on_a_body_line_of_its_own(tmp_path: Path) -> None:
    """A number after a newline in a message is escaped as \\n in JSON: still masked."""
    chat = tmp_path / "Chat WhatsApp dengan Budi.txt"
    chat.write_text(
        "16/11/26 09.00 - Budi: halo kak, tolong hubungi\n"
        "081234567890 ya, atau wa.me/6281299998888\n"
        "16/11/26 09.05 - Toko Maju: Selamat pagi kak, baik kami hubungi\n+62 812-3456-7890\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["audit", str(chat), "-a", "Toko Maju", "-f", "json", "--redact"])
    assert result.exit_code == 0, result.stderr
    texts = [
        e["text"]
        for c in json.loads(result.stdout)["conversations"]
        for v in c["criteria"].values()
        for e in v["evidence"]
    ]
    assert "\n081•••••••90 ya, atau wa.me/628••••••••88" in " ".join(texts)
    for digits in ("1234567890", "6281299998888", "3456-7890"):
        assert digits not in result.stdout


def test_redacted_json_stays_json_and_misses_no_escaped_number() -> None:
    """Masking decodes each JSON string: an escape is never cut, and a number behind
    one (a form feed before 0812...) is masked too."""
    text = json.dumps({"text": "x\x01123456 stok?\f0812 9999 8888", "n": 216950400})
    masked = json.loads(redact_json(text))
    assert masked == {"text": "x\x01123456 stok?\f081• •••• ••88", "n": 216950400}
