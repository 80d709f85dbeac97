"""Phrase lists: examples each must match, and near misses each must not."""

from __future__ import annotations

import pytest

from cs_audit.criteria.base import normal
from cs_audit.rubric import Rubric

RUBRIC = Rubric()

AUTOMATED_MATCH = [
    "Terima kasih telah menghubungi Toko Maju, kami akan segera membalas pesan Anda 🙏",
    "Terima kasih sudah menghubungi kami, pesan kakak akan segera kami balas ya.",
    "Makasih sudah menghubungi Batik Sekar, admin akan merespon secepatnya",
    "Mohon maaf kak, saat ini di luar jam operasional. Pesan akan kami balas besok pagi.",
    "Halo! Saat ini kami sedang tutup, jam operasional 08.00-17.00",
    "Pesan Anda akan segera kami balas pada jam kerja.",
    "Admin kami akan segera membalas chat kakak 😊",
    "Ini adalah pesan otomatis.",
    "Thanks for contacting us, we'll get back to you as soon as possible.",
    "Thank you for messaging Bali Trip! We will reply shortly.",
    "Hi! We're currently away. We'll get back to you soon.",
    "We are outside our business hours right now.",
    "This is an automated reply.",
]
AUTOMATED_MISS = [
    "Terima kasih kak, ditunggu orderan berikutnya 🙏",
    "Terima kasih sudah menghubungi kami kak, ada yang bisa dibantu?",  # a human greeting
    "Mohon maaf kak baru balas, tadi antrian ramai",
    "Jam operasional kami 08.00-17.00 ya kak",
    "Siap kak, nanti kami balas setelah cek stok",
    "Thanks for waiting! The blue one is in stock.",
    "Thank you for your order, have a nice day",
    "We open at 9 tomorrow, see you!",
]


@pytest.mark.parametrize("text", AUTOMATED_MATCH)
def test_automated_wordings_match(text: str) -> None:
    """Greeting and away messages are known by their wording, Indonesian or English."""
    assert RUBRIC.find("automated", normal(text)) is not None


@pytest.mark.parametrize("text", AUTOMATED_MISS)
def test_human_replies_are_not_automated_wordings(text: str) -> None:
    """What a human agent types, thanks and hours included, is no away message."""
    assert RUBRIC.find("automated", normal(text)) is None


CLOSING_MATCH = [
    "Baik kak, ditunggu kabarnya ya kak 🙏 - CS Sari",
    "Silakan dibawa ke toko. Ditunggu kedatangannya kak 😊",
    "Ditunggu konfirmasinya kak 🙏",
    "Sudah kami booking hari ini jam 17.00. Ditunggu ya kak 🙏",
    "Ditunggu hari Sabtu ya kak",
    "Terima kasih kak, selamat beraktivitas",
    "Semoga harinya menyenangkan kak",
    "You can pay at pick-up. Have a great trek! Regards, Komang",
    "Would you like me to check availability for you?",
    "Let us know if you need anything else",
    "Enjoy your trip!",
]
CLOSING_MISS = [
    "Mohon ditunggu ya kak, kami cek dulu",
    "Harap ditunggu ya, sedang diproses",
    "Resi JP1234567890",
    "Siap",
    "Gpp kak.",
    "👍",
    "Silakan transfer ke BCA 1234567890",
]


@pytest.mark.parametrize("text", CLOSING_MATCH)
def test_polite_closings_match(text: str) -> None:
    """Thanks, wishes, an offer of more help, or waiting for the customer close politely."""
    assert RUBRIC.find("closing", normal(text)) is not None


@pytest.mark.parametrize("text", CLOSING_MISS)
def test_bare_lines_are_no_closing(text: str) -> None:
    """Asking the customer to wait, a bare instruction or an okay is no polite closing."""
    assert RUBRIC.find("closing", normal(text)) is None


@pytest.mark.parametrize(
    ("key", "text", "matches"),
    [
        ("asks_price", "brp harganya kak?", True),
        ("asks_price", "kak tumpeng besar brp?", True),
        ("asks_price", "How much is it?", True),
        ("asks_price", "jam brp buka?", False),
        ("asks_price", "besok sampai jam berapa?", False),
        ("asks_price", "tanggal berapa bisa dikirim?", False),
        ("asks_schedule", "jam brp buka?", True),
        ("asks_schedule", "besok sampai jam berapa?", True),
        ("asks_schedule", "kak hari minggu buka ga?", True),
        ("asks_schedule", "What time do you open?", True),
        ("asks_schedule", "brp harganya kak?", False),
        ("asks_stock", "Sabtu ada slot?", True),
        ("asks_stock", "ada warna dusty pink?", True),
        ("asks_stock", "kak tolong dicek pesanan saya", False),
        ("gives_schedule", "Buka jam 08.00-17.00 kak", True),
        ("gives_schedule", "We open at 9 am tomorrow", True),
        ("gives_schedule", "Siap kak", False),
        ("gives_stock", "Sunday 29 at 11 is free", True),
        ("gives_stock", "Maaf kak Sabtu sudah penuh", True),
    ],
)
def test_data_questions_and_answers(key: str, text: str, matches: bool) -> None:
    """What asks a price, a time or stock, and what gives a time or stock ("jam brp?"
    asks a time, never a price)."""
    assert (RUBRIC.find(key, normal(text)) is not None) is matches


@pytest.mark.parametrize(
    ("key", "text", "matches"),
    [
        (
            "question",
            "Kak, kue black forest yg barusan dianter penyok parah. Tolong diganti!",
            True,
        ),
        ("question", "mohon info ongkir ke Medan", True),
        ("question", "mas, istri sy kecewa, potongannya kependekan. mau komplain", True),
        ("question", "kak jadi order outer yg kemarin 1 ya, size M", True),
        ("question", "Please check my order NG-7001", True),
        ("question", "I'd like to book a facial for Saturday", True),
        ("question", "ok kak makasih", False),
        ("question", "Mohon maaf baru balas kak", False),
        ("question", "udh ya kak", False),
        ("asks_price", "kak paketnya udh dikirim? resinya brp?", False),
        ("asks_stock", "keyboardnya masih ada yg ga jalan. tolong dicek", False),
        ("asks_stock", "serum 30 ml masih ada kak?", True),
    ],
)
def test_requests_and_complaints_are_points_to_answer(key: str, text: str, matches: bool) -> None:
    """Requests and complaints without "?" ask for a reply; "resinya brp?" asks a
    number, not a price; a complaint is no stock question."""
    assert (RUBRIC.find(key, normal(text)) is not None) is matches


@pytest.mark.parametrize(
    ("text", "matches"),
    [
        ("Here you go: https://pay.example.com/inv/77812", True),
        ("Berikut link pembayarannya kak", True),
        ("Sudah kami kirim ulang ya kak", True),
        ("Baik kak, nanti kami kabari", False),
        ("Halo kak, mau tanya", False),
    ],
)
def test_replies_that_do_what_was_asked(text: str, matches: bool) -> None:
    """A reply that sends the link, or says it was sent, fulfils a request."""
    assert (RUBRIC.find("fulfils", normal(text)) is not None) is matches
