"""A week of exports that looks like real shops' weeks, for the benchmarks.

Unlike the tidy week of `bench_audit.py` (every reply signed, one language a chat, a
thousand texts said again and again), real weeks hold unique order and tracking
numbers and amounts in a fifth of their texts, customers who switch between
Indonesian and English inside a chat and inside a message, replies sent unsigned from
the business account beside signed ones, an away message outside opening hours, a
third author now and then (a warehouse colleague), chats nobody answered, a few long
chats, and files whose names do not say who the customer is. A catalog goes with it.
"""

from __future__ import annotations

import csv
import random
from datetime import datetime, timedelta
from pathlib import Path

BUSINESS = "Toko Maju"
THIRD = "Gudang Maju"  # a colleague who writes from the warehouse's own number
AGENTS = ["Rina", "Dimas", "Sari", "Budi", "Wulan", "Agus", "Putri", "Yoga"]
AWAY = (
    "Terima kasih telah menghubungi Toko Maju 🙏 Saat ini kami di luar jam operasional "
    "(08.00-20.00 WIB). Pesan Anda akan kami balas secepatnya."
)
GREETING_AUTO = "Halo! Terima kasih sudah menghubungi Toko Maju. Ada yang bisa kami bantu?"
CATALOG = {
    "Kemeja Batik Parang": 185_000,
    "Sneakers Putih": 349_000,
    "Jaket Denim": 275_000,
    "Tas Kulit": 1_850_000,
    "Hijab Voal": 65_000,
    "Celana Chino": 199_000,
    "Sepatu Boots": 899_000,
    "Dompet Kulit": 225_000,
}
ITEMS = list(CATALOG)
# the rest of a shop's catalog, rows the chats seldom name: about a hundred, as real
# shops' are
_KINDS = ["Kaos Polos", "Kemeja Flanel", "Rok Plisket", "Gamis Katun", "Celana Kulot"]
_KINDS += ["Sandal Jepit", "Topi Baseball", "Kaos Kaki", "Sweater Rajut", "Tas Selempang"]
_KINDS += ["Blazer Wanita", "Piyama Satin"]
_COLOURS = ["Hitam", "Putih", "Navy", "Maroon", "Abu", "Mocca", "Sage", "Coklat"]
EXTRA = {
    f"{kind} {colour}": 49_000 + 7_000 * i + 1_000 * j
    for i, kind in enumerate(_KINDS)
    for j, colour in enumerate(_COLOURS)
}
CITIES = ["Bandung", "Surabaya", "Medan", "Makassar", "Denpasar", "Pontianak", "Singapore"]
COURIERS = ["JNE", "J&T", "SiCepat", "AnterAja"]

# (customer's words, a reply on their point): Indonesian, English, and mixed in one message
PAIRS = [
    ("Halo kak, {item} masih ada?", "Halo kak, {item} masih ready ya. Mau ukuran apa kak?"),
    ("brp harganya kak {item}?", "{item} harganya Rp {price} kak"),
    ("Ongkir ke {city} berapa ya min?", "Ongkir ke {city} Rp {ship} kak, estimasi 2-3 hari"),
    ("Ukuran {size} ready gak gan?", "Ukuran {size} ready kak"),
    (
        "Kak pesanan {order} kapan dikirim?",
        "Pesanan {order} sudah dikirim hari ini kak, resi {courier} {resi}",
    ),
    (
        "Sudah transfer Rp {total} ya kak 🙏",
        "Pembayaran Rp {total} sudah kami terima kak, terima kasih",
    ),
    ("Kok belum sampai ya min, resi {resi}", "Mohon maaf kak, kami cek dulu resi {resi} ya"),
    ("Is the {item} still available?", "Yes, the {item} is available. Which size would you like?"),
    ("How much is the {item}?", "The {item} is IDR {price_en}"),
    ("How much is shipping to {city}?", "Shipping to {city} is IDR {ship_en}, 2-3 days"),
    ("Can you check order {order}?", "Sure, order {order} shipped today via {courier}: {resi}"),
    ("kak {item} ready? I need it by Friday", "Ready kak, kalau order hari ini sampai Kamis"),
    ("ok kak, thanks ya. Bisa kirim invoice {order}?", "Siap kak, invoice {order} kami kirim ya"),
    ("Bisa COD gak kak? Or transfer only?", "Bisa COD kak untuk area {city}"),
]
BILL = (
    "Rincian pesanan {order}:\n- {item} x{n} = Rp {line}\n- Ongkir = Rp {ship}\n"
    "Total Rp {total} ya kak"
)
CLOSINGS = [
    "Terima kasih kak, selamat berbelanja kembali 🙏",
    "Thank you, have a nice day!",
    "Sama-sama kak, ditunggu orderan berikutnya 😊",
]
THANKS = ["Ok makasih kak", "Thanks!", "siap kak 👍", "Makasih ya min, ditunggu paketnya"]
NUDGES = ["kak?", "halo kak", "P", "min?", "ditunggu ya kak", "hello?", "gimana kak?"]
GREETINGS = ["Selamat pagi kak, ada yang bisa kami bantu?", "Hi, how can I help you today?"]


def _rupiah(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def _values(rng: random.Random, when: datetime) -> dict[str, str]:
    item = rng.choice(ITEMS)
    n = rng.randint(1, 3)
    ship = rng.randint(9, 60) * 1000
    price = CATALOG[item]
    return {
        "item": item.lower() if rng.random() < 0.7 else item,
        "price": _rupiah(price),
        "price_en": f"{price:,}",
        "city": rng.choice(CITIES),
        "size": rng.choice(["S", "M", "L", "XL", "40", "42"]),
        "ship": _rupiah(ship),
        "ship_en": f"{ship:,}",
        "order": f"INV/{when:%Y%m%d}/MPL/{rng.randint(10**9, 10**10)}",
        "resi": f"JP{rng.randint(10**9, 10**10)}",
        "courier": rng.choice(COURIERS),
        "n": str(n),
        "line": _rupiah(price * n),
        "total": _rupiah(price * n + ship),
    }


def _stamp(when: datetime) -> str:
    return f"{when:%d/%m/%y %H.%M}"


def chat(rng: random.Random, customer: str, messages: int, answered: bool = True) -> str:
    """One customer's chat of about ``messages`` messages."""
    when = datetime(2026, 11, 16, 0, 0) + timedelta(minutes=rng.randint(0, 6 * 24 * 60))
    mixed = rng.random() < 0.5  # a customer who switches language within the chat
    english = rng.random() < 0.3
    third = rng.random() < 0.05
    agent = rng.choice(AGENTS)
    signs = rng.random() < 0.4  # this agent signs their replies
    lines = [f"{_stamp(when)} - Pesan dan panggilan terenkripsi secara end-to-end."]
    written = 0
    first = True
    while written < messages:
        values = _values(rng, when)
        pair = rng.choice(PAIRS[:7] if not mixed and not english else PAIRS)
        if not mixed and english:
            pair = rng.choice(PAIRS[7:11])
        for k in range(rng.choice((1, 1, 2, 3))):  # a burst of customer messages
            when += timedelta(seconds=rng.randint(5, 90))
            roll = rng.random()
            if roll < 0.04:
                text = "<Media tidak disertakan>"
            elif k == 0:
                text = pair[0].format(**values)
            else:
                text = rng.choice(THANKS if roll < 0.3 else NUDGES)
            lines.append(f"{_stamp(when)} - {customer}: {text}")
            written += 1
        if not answered:
            when += timedelta(minutes=rng.randint(5, 600))
            continue
        if first:
            first = False
            away = not 8 <= when.hour < 20
            lines.append(f"{_stamp(when)} - {BUSINESS}: {AWAY if away else GREETING_AUTO}")
            written += 1
            if away:  # answered when the shop opens
                when = when.replace(hour=8, minute=rng.randint(0, 50)) + timedelta(
                    days=1 if when.hour >= 20 else 0
                )
            lines.append(f"{_stamp(when)} - {BUSINESS}: {rng.choice(GREETINGS)}")
            written += 1
        when += timedelta(seconds=rng.randint(30, 3600 if rng.random() < 0.9 else 30000))
        if rng.random() < 0.03:
            agent, signs = rng.choice(AGENTS), rng.random() < 0.4  # a handover
        text = pair[1].format(**values) if rng.random() < 0.9 else BILL.format(**values)
        if signs:
            text += f"\nSalam, {agent}" if rng.random() < 0.5 else f" - {agent}"
        author = THIRD if third and rng.random() < 0.2 else BUSINESS
        lines.append(f"{_stamp(when)} - {author}: {text}")
        written += 1
    if answered:
        when += timedelta(minutes=rng.randint(1, 30))
        lines.append(f"{_stamp(when)} - {customer}: {rng.choice(THANKS)}")
        when += timedelta(minutes=rng.randint(1, 30))
        lines.append(f"{_stamp(when)} - {BUSINESS}: {rng.choice(CLOSINGS)}")
    return "\n".join(lines) + "\n"


def _customer(rng: random.Random, number: int) -> str:
    if rng.random() < 0.6:
        return f"+62 8{rng.randint(11, 99)}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
    return f"Pelanggan {number:05d}"


def generate(folder: Path, chats: int, messages: int, seed: int = 53) -> None:
    """Write ``chats`` exports averaging about ``messages`` messages (deterministic),
    and `catalog.csv` beside the folder."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(chats):
        customer = _customer(rng, number)
        roll = rng.random()
        if roll < 0.01:  # a long chat: a customer kept for months
            size = messages * 20
        elif roll < 0.06:  # a chat nobody answered
            size = rng.randint(1, 4)
        else:
            size = max(4, int(rng.gauss(messages * 0.8, messages / 4)))
        text = chat(rng, customer, size, answered=not 0.01 <= roll < 0.06)
        # a third of the files were renamed or exported from another phone's locale
        name = (
            f"Chat WhatsApp dengan {customer}.txt"
            if rng.random() < 0.67
            else f"chat-{number:05d}.txt"
        )
        if (folder / name).exists():  # a number drawn twice: a phone's second export
            name = f"Chat WhatsApp dengan {customer} ({number}).txt"
        (folder / name).write_text(text, encoding="utf-8")
    with (folder.parent / f"{folder.name}-catalog.csv").open(
        "w", newline="", encoding="utf-8"
    ) as f:
        writer = csv.writer(f)
        writer.writerow(["Produk", "Harga"])
        for item, price in {**CATALOG, **EXTRA}.items():
            writer.writerow([item, price])
