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
