"""Conversations, turns, automated replies, agents and latencies from small exports."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from cs_audit.config import AgentSpec, AuditConfig, BusinessHours
from cs_audit.conversations import (
    build_conversations,
    long_text_keys,
    repeated_business_texts,
    signer,
    text_key,
)
from cs_audit.ingest import parse_export
from cs_audit.metrics import conversation_metrics, open_seconds
from cs_audit.models import Conversation
from cs_audit.roles import assign_roles
from tests.conftest import SAMPLES

CONFIG = AuditConfig()
FILE = "Chat WhatsApp dengan Budi.txt"


def _conversations(
    text: str,
    config: AuditConfig = CONFIG,
    *,
    file: str = FILE,
    repeated: frozenset[int] = frozenset(),
) -> tuple[Conversation, ...]:
    parsed = parse_export(text.encode(), file=file)
    messages = parsed.messages()
    roles = assign_roles(file, {m.author for m in messages if m.author}, config)
    return build_conversations(file, messages, roles, config, repeated=repeated)


def _latencies(conversation: Conversation, config: AuditConfig = CONFIG) -> list[float | None]:
    return [t.calendar_seconds for t in conversation_metrics(conversation, config).turns]


def test_a_burst_is_one_turn_timed_from_its_first_message() -> None:
    """Three customer messages in a row wait from the first one."""
    [conv] = _conversations(
        "16/11/26 09.00 - Budi: Halo kak\n16/11/26 09.01 - Budi: Mau tanya\n"
        "16/11/26 09.02 - Budi: Masih ada?\n16/11/26 09.10 - Toko Maju: Halo kak, ada\n"
    )
    assert len(conv.turns) == 1
    assert len(conv.turns[0].messages) == 3
    assert _latencies(conv) == [600.0]


def test_a_deleted_message_opens_the_turn_but_alone_at_the_end_asks_nothing() -> None:
    """LABELING.md: a turn includes deleted messages, and the first response runs from
    the conversation's first customer message, a deleted one too; a last run of
    retractions alone waits for no reply."""
    [conv] = _conversations(
        "16/11/26 15.05 - Budi: Pesan ini telah dihapus\n"
        "16/11/26 15.06 - Budi: Gamis zahra ada ukuran jumbo?\n"
        "16/11/26 15.20 - Toko Maju: Halo kak, ada\n"
        "16/11/26 15.21 - Budi: Pesan ini telah dihapus\n"
    )
    assert [len(t.messages) for t in conv.turns] == [2]
    assert _latencies(conv) == [900.0]
    assert conversation_metrics(conv, CONFIG).unanswered_turns == 0


def test_only_the_customer_opens_a_conversation() -> None:
    """LABELING.md: a new conversation starts when the customer writes more than 24 h
    after the last human reply; an agent's follow-up a day later opens none, and the
    customer's answer to it stays in the conversation it follows up."""
    convs = _conversations(
        "03/02/25 09.14 - Budi: pagi kak, sy mau freeze member dulu\n"
        "03/02/25 10.01 - Toko Maju: Baik mas, saya teruskan ke manajer, besok saya kabari\n"
        "03/02/25 10.02 - Budi: ok makasih kak\n"
        "04/02/25 11.20 - Toko Maju: Selamat siang mas, masa aktifnya diperpanjang 14 hari\n"
        "04/02/25 11.24 - Budi: alhamdulillah makasih banyak kak\n"
        "06/02/25 08.00 - Budi: kak jam buka hari minggu?\n"
        "06/02/25 08.10 - Toko Maju: Minggu buka jam 08.00 kak\n"
    )
    assert [len(c.utterances) for c in convs] == [5, 2]


def test_away_message_does_not_stop_the_clock() -> None:
    """A configured greeting/away opening is automated; the human reply stops the clock."""
    [conv] = _conversations(
        "16/11/26 19.00 - Budi: Halo\n"
        "16/11/26 19.00 - Toko Maju: Terima kasih telah menghubungi Toko Maju, kami balas "
        "pada jam kerja\n"
        "17/11/26 08.05 - Toko Maju: Selamat pagi kak Budi\n"
    )
    assert [u.message.line for u in conv.automated] == [2]
    assert _latencies(conv) == [13 * 3600 + 300.0]
    metrics = conversation_metrics(conv, CONFIG)
    assert (metrics.automated_messages, metrics.agent_messages) == (1, 1)


def test_repeated_text_within_seconds_is_automated() -> None:
    """A long text the business sends alike in 3+ chats, right after the customer, is
    automated; short replies humans type everywhere never are."""
    away = "Hai! Kami sedang offline, pesan kakak kami balas segera."
    chat = long_text_keys([away, "Siap kak", away])
    assert list(chat) == [text_key(away)]  # one key per distinct long text
    assert text_key(f"  {away.upper()} ") == text_key(away)  # case and spacing ignored
    repeated = repeated_business_texts([chat] * 3)
    assert repeated == {text_key(away)}
    assert repeated_business_texts([chat] * 2) == frozenset()  # 3 chats, not 2
    [conv] = _conversations(
        f"16/11/26 19.00 - Budi: Halo\n16/11/26 19.00 - Toko Maju: {away}\n"
        "16/11/26 19.30 - Toko Maju: Halo kak, ada yang bisa dibantu?\n",
        repeated=repeated,
    )
    assert [u.automated for u in conv.utterances] == [False, True, False]
    assert _latencies(conv) == [1800.0]


def test_a_greeting_typed_by_a_human_later_is_a_reply() -> None:
    """Text that opens like the greeting template, sent minutes later, is a human reply."""
    [conv] = _conversations(
        "16/11/26 09.00 - Budi: Ukuran L ready?\n"
        "16/11/26 09.08 - Toko Maju: Terima kasih telah menghubungi Toko Maju kak, ukuran L "
        "ready\n"
    )
    assert [u.automated for u in conv.utterances] == [False, False]
    assert _latencies(conv) == [480.0]


def test_a_deleted_agent_message_is_no_reply() -> None:
    """An agent message deleted a minute later does not stop the clock."""
    [conv] = _conversations(
        "16/11/26 09.00 - Budi: Ready kak?\n16/11/26 09.01 - Toko Maju: Pesan ini dihapus\n"
        "16/11/26 09.30 - Toko Maju: Ready kak\n"
    )
    assert _latencies(conv) == [1800.0]


def test_reply_next_morning_with_and_without_business_hours() -> None:
    """Calendar latency counts the night; business latency counts open time only."""
    hours = BusinessHours(weekly=(((time(8), time(12)), (time(13), time(17))),) * 7)
    config = AuditConfig(business_hours=hours)
    [conv] = _conversations(
        "16/11/26 16.30 - Budi: Halo kak\n17/11/26 08.15 - Toko Maju: Pagi kak\n", config
    )
    [timing] = conversation_metrics(conv, config).turns
    assert (timing.calendar_seconds, timing.business_seconds) == (15.75 * 3600, 45 * 60.0)
    assert timing.within_sla is True  # 45 open minutes are within the 1-hour target
    assert conversation_metrics(conv, CONFIG).turns[0].within_sla is False


def test_split_shift_lunch_and_public_holidays() -> None:
    """The lunch break and Indonesia's public holidays (Christmas) are not open time."""
    hours = BusinessHours(
        weekly=(((time(8), time(12)), (time(13), time(17))),) * 7, public_holidays="ID"
    )
    assert (
        open_seconds(datetime(2026, 11, 16, 11, 30), datetime(2026, 11, 16, 13, 30), hours)
        == 3600.0
    )
    assert (
        open_seconds(datetime(2026, 12, 24, 16, 0), datetime(2026, 12, 26, 9, 0), hours)
        == 2 * 3600.0
    )


def test_handover_credits_each_reply_to_its_agent() -> None:
    """Rina signs, hands over; Dimas signs; unsigned replies follow the last signer."""
    messages = parse_export(
        (SAMPLES / "Chat WhatsApp dengan +62 812-3456-7890.txt").read_bytes(),
        file="Chat WhatsApp dengan +62 812-3456-7890.txt",
    ).messages()
    roles = assign_roles(
        "Chat WhatsApp dengan +62 812-3456-7890.txt",
        {m.author for m in messages if m.author},
        CONFIG,
    )
    [conv] = build_conversations("x", messages, roles, CONFIG)
    assert [(u.message.line, u.agent) for u in conv.utterances if u.agent] == [
        (3, "Rina"),
        (6, "Rina"),
        (10, "Dimas"),
        (14, "Dimas"),
        (16, "Dimas"),
    ]
    assert conv.agents == ("Rina", "Dimas")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Terima kasih!\nSalam, Rina", "Rina"),
        ("Baik kak\n~Dimas", "Dimas"),
        ("Mohon ditunggu\n- CS Rina", "Rina"),
        ("Thanks!\nRegards, Rina", "Rina"),
        ("Thank you, have a nice day! \u2013 Rina", "Rina"),
        ("Stok ready - Ukuran L", None),
        ("Terima kasih, semoga membantu", None),
        # an agent introducing themselves at the start
        ("Halo Kang Asep, saya Wulan dari Kurnia Konveksi 😊 Kaos Rp 61.000", "Wulan"),
        ("Hello Jessica, Nia here 😊 So glad you like the result!", "Nia"),
        ("Hi Daniel, this is Dimas from billing. The fee is removed.", "Dimas"),
        # the opener capitalised, as a message starts; an iPhone's curly apostrophe
        ("Saya Fitri dari Hijab Anggun, ada yang bisa dibantu kak?", "Fitri"),
        ("This is Dimas from billing, how can I help?", "Dimas"),
        ("Hi Sarah, I\u2019m Nia from Bali Trip 😊", "Nia"),
        ("I am Sorry, the blue one is sold out", None),
        ("Halo kak, saya Cek dulu ya stoknya", None),
        ("Iya kak, saya kirim besok pagi", None),
    ],
)
def test_signatures(text: str, name: str | None) -> None:
    """Signature styles of DOMAIN.md name the agent; a dash inside a sentence does not."""
    assert signer(text, CONFIG) == name


def test_roster_limits_signatures_to_its_agents() -> None:
    """With a roster, "Salam, Admin" is nobody's signature; "~R" is Rina's initial."""
    config = AuditConfig(agents=(AgentSpec("Rina", signatures=("R",)),))
    assert signer("Oke\nSalam, Admin", config) is None
    assert signer("Oke\n~R", config) == "Rina"


def test_two_conversations_in_one_file() -> None:
    """Silence over 24 h after an agent's reply starts a new conversation."""
    convs = _conversations(
        "16/11/26 09.00 - Budi: Halo\n16/11/26 09.05 - Toko Maju: Halo kak\n"
        "18/11/26 10.00 - Budi: Kak, mau order lagi\n18/11/26 10.20 - Toko Maju: Siap kak\n"
    )
    assert [(c.index, len(c.turns), _latencies(c)) for c in convs] == [
        (0, 1, [300.0]),
        (1, 1, [1200.0]),
    ]


def test_a_waiting_customer_keeps_the_conversation_open() -> None:
    """Two days of waiting after the customer's message is still one conversation."""
    [conv] = _conversations(
        "16/11/26 09.00 - Budi: Halo\n18/11/26 10.00 - Budi: Halo??\n"
        "18/11/26 10.30 - Toko Maju: Maaf kak baru balas\n"
    )
    assert _latencies(conv) == [(49 * 3600 + 1800.0)]


def test_unanswered_last_turn_and_counts() -> None:
    """A customer's last message with no reply is an unanswered turn, counted apart."""
    [conv] = _conversations(
        "16/11/26 09.00 - Budi: Halo\n16/11/26 09.00 - Budi: Ada?\n"
        "16/11/26 09.30 - Toko Maju: Ada kak\n16/11/26 09.40 - Budi: Brp harganya?\n"
    )
    metrics = conversation_metrics(conv, CONFIG)
    assert (metrics.unanswered_turns, metrics.first_response_seconds) == (1, 1800.0)
    assert (metrics.customer_messages, metrics.agent_messages) == (3, 1)
    assert (metrics.sla_share, metrics.live_chat_share) == (1.0, 0.0)
    assert metrics.duration_seconds == 2400.0


def test_thanks_do_not_start_the_clock() -> None:
    """ "Ok makasih" neither waits for a reply nor starts the next turn's clock; after it,
    a silence over the session gap starts a new conversation."""
    [conv] = _conversations(
        "16/11/26 09.00 - Budi: Halo\n16/11/26 09.05 - Toko Maju: Halo kak, mau ukuran apa?\n"
        "16/11/26 09.06 - Budi: Ok makasih kak 👍\n16/11/26 14.00 - Budi: Kak ukuran L ready?\n"
        "16/11/26 14.02 - Toko Maju: Ready kak\n"
    )
    assert _latencies(conv) == [300.0, 120.0]
    assert conversation_metrics(conv, CONFIG).unanswered_turns == 0
    first, second = _conversations(
        "16/11/26 09.00 - Budi: Halo\n16/11/26 09.05 - Toko Maju: Halo kak\n"
        "16/11/26 09.06 - Budi: Ok makasih kak\n19/11/26 10.00 - Budi: Kak, mau order lagi\n"
        "19/11/26 10.10 - Toko Maju: Siap kak\n"
    )
    assert (_latencies(first), _latencies(second)) == ([300.0], [600.0])


_GOODBYE = (
    "03/02/25 10.44 - Budi: Jam brp buka?\n"
    "03/02/25 10.46 - Toko Maju: Buka jam 8 kak. Terima kasih kak, sampai jumpa!\n"
)


@pytest.mark.parametrize(
    ("answer", "conversations"),
    [
        ("Cheers mate", 2),  # words no acknowledgement list holds, after a goodbye
        ("ok suksma bli 🙏", 2),
        ("Thanks, I'll discuss with my wife.", 2),
        ("Okay, Saturday 10 am. Thanks kak, appreciate it 🙏", 2),
        # it asks, complains, or says more than a goodbye's answer: still waiting
        ("Cheers, jam brp tutup?", 1),
        ("mate barangnya rusak", 1),
        ("sy mau pesan 2 lagi yg merah sama 1 yg biru buat kantor sy", 1),
    ],
)
def test_few_words_after_a_goodbye_wait_for_nothing(answer: str, conversations: int) -> None:
    """A customer's few words straight after a reply that closes neither wait for a
    reply nor keep the conversation open: three weeks later is a new conversation."""
    split = _conversations(
        _GOODBYE + f"03/02/25 10.47 - Budi: {answer}\n"
        "24/02/25 09.00 - Budi: Kak, ban motor sy bocor\n"
        "24/02/25 09.10 - Toko Maju: Baik kak, kami cek\n"
    )
    assert len(split) == conversations
    assert [len(c.turns) for c in split] == ([1, 1] if conversations == 2 else [2])


@pytest.mark.parametrize(
    ("reply", "conversations"),
    [
        ("Bisa kak, QRIS atau transfer. Terima kasih kak, sampai ketemu sore 🙏", 2),
        ("Buka jam 8 kak", 1),  # no goodbye
        # thanks for getting in touch, then a question: the customer's words answer it
        ("Terima kasih sudah menghubungi kami kak. Untuk acara apa kak?", 1),
    ],
)
def test_only_a_reply_that_closes_and_asks_nothing_ends_the_wait(
    reply: str, conversations: int
) -> None:
    """The same few words wait for a reply unless the reply before them says goodbye."""
    split = _conversations(
        f"03/02/25 10.44 - Budi: Jam brp buka?\n03/02/25 10.46 - Toko Maju: {reply}\n"
        "03/02/25 10.47 - Budi: buat kondangan\n24/02/25 09.00 - Budi: Kak, ban bocor\n"
        "24/02/25 09.10 - Toko Maju: Baik kak, kami cek\n"
    )
    assert len(split) == conversations


def test_few_words_after_a_reply_that_does_not_close_still_wait() -> None:
    """Without the goodbye before them the same words ask for a reply: one conversation."""
    [conv] = _conversations(
        "03/02/25 10.44 - Budi: Jam brp buka?\n03/02/25 10.46 - Toko Maju: Buka jam 8 kak\n"
        "03/02/25 10.47 - Budi: Cheers mate\n24/02/25 09.00 - Budi: Kak, ban bocor\n"
        "24/02/25 09.10 - Toko Maju: Baik kak, kami cek\n"
    )
    assert len(conv.turns) == 2


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Terima kasih\nSalam Hangat", None),
        ("Oke kak\nHormat kami, Admin", None),
        ("Siap kak\nSalam, Rina 🙏", "Rina"),
        ("Siap kak, terima kasih ~Dewi", "Dewi"),
        ("Siap kak\nSalam,\nRina", "Rina"),
        ("Siap kak. - Rina Wulandari", "Rina Wulandari"),
        ("Siap kak\nSalam hangat, Rina", "Rina"),
    ],
)
def test_signatures_the_review_found(text: str, name: str | None) -> None:
    """Generic words are no names; names with emoji, two words or their own line are."""
    assert signer(text, CONFIG) == name


def test_a_clock_set_back_never_gives_a_negative_wait() -> None:
    """A reply stamped before the question (the phone's clock moved) waited 0 seconds."""
    [conv] = _conversations(
        "16/11/26 09.10 - Budi: Halo kak\n16/11/26 09.05 - Toko Maju: Halo kak, ada yang bisa "
        "dibantu?\n"
    )
    assert _latencies(conv) == [0.0]


def test_a_pasted_earlier_header_never_makes_a_wait_longer_than_the_chat() -> None:
    """File order is the order: a message stamped earlier than the first is timed no
    earlier than it, so waits fit in the conversation, which ends at its latest message."""
    [conv] = _conversations(
        "16/11/26 10.00 - Budi: Halo kak, ada stok?\n"
        "16/11/26 08.00 - Budi: halo??\n"
        "16/11/26 10.05 - Toko Maju: Halo kak, ada. Warna apa kak? ~Rina\n"
        "16/11/26 10.02 - Budi: hitam\n"
        "16/11/26 10.04 - Toko Maju: Siap kak ~Rina\n"
    )
    metrics = conversation_metrics(conv, CONFIG)
    assert _latencies(conv) == [300.0, 0.0]
    assert metrics.duration_seconds == 300.0
    assert conv.end.minute == 5


def test_a_chat_nobody_answered_is_one_conversation_of_the_account() -> None:
    """Only the customer wrote: every turn unanswered, the agent is the business account
    ("(no reply)" where the folder does not name it)."""
    [conv] = _conversations(
        "16/11/26 09.12 - Budi: Halo kak, harga jaket berapa?\n16/11/26 19.20 - Budi: kak??\n"
    )
    assert conv.agents == ("(no reply)",)
    assert [t.reply for t in conv.turns] == [None]
    metrics = conversation_metrics(conv, CONFIG)
    assert (metrics.unanswered_turns, metrics.first_response_seconds) == (1, None)


def test_a_customer_named_with_a_colon_is_named_whole() -> None:
    """Found by make fuzz: "Budi: VIP: Hi" reads as author "Budi"; the conversation's
    customer is "Budi: VIP", as the file name has it."""
    [conv] = _conversations(
        "16/11/26 09.12 - Budi: VIP: Halo kak, ada stok?\n"
        "16/11/26 09.20 - Toko Maju: Halo kak, ada ya. Ukuran apa? ~Rina\n",
        file="Chat WhatsApp dengan Budi: VIP.txt",
    )
    assert conv.customer == "Budi: VIP"
