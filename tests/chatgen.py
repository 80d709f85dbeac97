"""Invented customer-service WhatsApp exports, catalogs and configs, for fuzzing cs-audit.

The generators are plain functions driven by a `random.Random`, so that a seed gives the
same folder again (`draw_case(random.Random("42:7"))`), and hypothesis strategies wrap
them (`chat_exports()`, `catalogs()`, `configs()`, `audit_cases()`).

Each chat is one customer (or a group) with a shop's business number, as the business
phone exports it: Android or iOS layout, Indonesian, English or mixed, agents signing
or not, away messages 0-2 s after the customer, prices in every way people write them,
media, deleted and multi-line messages, clocks set back, replies days later, CRLF.
Every name, number, shop and text here is invented.
"""

from __future__ import annotations

import csv
import io
import json
import random
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

import openpyxl
from hypothesis import strategies as st

Lang = Literal["id", "en", "mix"]
Layout = Literal["android_id", "android_us", "android_gb", "ios_id", "ios_us", "ios_gb"]
LAYOUTS: tuple[Layout, ...] = (
    "android_id",
    "android_us",
    "android_gb",
    "ios_id",
    "ios_us",
    "ios_gb",
)
LRM, LRE, PDF, NNBSP = "\u200e", "\u202a", "\u202c", "\u202f"


@dataclass(frozen=True, slots=True)
class Product:
    """A product a shop sells, at its catalog price in rupiah."""

    name: str
    price: int


@dataclass(frozen=True, slots=True)
class Shop:
    """A business number: its profile name, the agents sharing it, what it sells."""

    name: str
    agents: tuple[str, ...]
    agent_phones: tuple[str, ...]
    products: tuple[Product, ...]
    ui: Literal["id", "en"]  # the business phone's language: file names, placeholders
    greeting: str  # the WhatsApp Business greeting/away message it has set
    greeting_prefix: str  # how a config would list that message


@dataclass(frozen=True, slots=True)
class Folder:
    """A folder of exports: (relative name, bytes) files and what the generator knows."""

    files: tuple[tuple[str, bytes], ...]
    chats: tuple[str, ...]  # each chat text as cs-audit names it, relative to the folder
    named: tuple[str, ...]  # those of `chats` whose file name names the (one) customer
    customers: tuple[tuple[str, str], ...]  # (chat, its customer as written) for `named`
    shop: Shop
    phones: tuple[str, ...]  # phone numbers written anywhere, as written
    emails: tuple[str, ...]
    week: str  # the ISO week the first chat starts in, such as 2026-W47


@dataclass(frozen=True, slots=True)
class Case:
    """A folder, and the catalog and config to audit it with (when drawn)."""

    folder: Folder
    catalog: tuple[str, bytes] | None
    config: str | None


# --- invented pools ------------------------------------------------------------------

SHOP_NAMES = (
    "Toko Maju",
    "Sinar Kencana Batik",
    "Rumah Rajut Lestari",
    "Kios Sepatu Gemilang",
    "Griya Hijab Nusantara",
    "Outfit Kita.id",
    "Tenun Makmur & Co.",
    "Kedai Kulit Mandiri",
    "Lapak Bu Ratih",
)
AGENT_NAMES = (
    "Rina",
    "Dimas",
    "Sari",
    "Putri",
    "Agus",
    "Wulan",
    "Yoga",
    "Nadia",
    "Bayu",
    "Tika",
    "Fikri",
    "Laras",
)
PRODUCTS = (
    Product("Kemeja Batik Kawung", 185000),
    Product("Gamis Katun Rayon", 159000),
    Product("Jaket Kulit Domba", 1850000),
    Product("Sepatu Kanvas Putih", 249000),
    Product("Tas Rajut Mini", 95000),
    Product("Hijab Voal Motif", 75000),
    Product("Sandal Kulit Pria", 150000),
    Product("Kaos Polos Combed", 65000),
    Product("Celana Chino Slim", 210000),
    Product("Dompet Kulit Lipat", 120000),
    Product("Jam Tangan Kayu Jati", 1500000),
    Product("Mukena Bordir Premium", 325000),
    Product("Kain Tenun Ikat", 2750000),
    Product("Sprei Katun Motif Daun", 289000),
    Product("Tumbler Stainless 500ml", 85000),
    Product("Totebag Kanvas", 0),  # a free gift with an order
)
CUSTOMERS_ID = (
    "Hendra Wijaya",
    "Lestari Ayu",
    "Fajar Nugroho",
    "Maya Kusuma",
    "Rizky Pratama",
    "Indah Permata",
    "Dewi Anggraini",
    "Yusuf Hakim",
    "Nur Aisyah",
    "Bagus Saputra",
    "Citra Wulandari",
    "Andi Firmansyah",
    "Ibu Ratna",
    "Pak Joko Susilo",
)
CUSTOMERS_EN = ("Emily Carter", "Tom Becker", "Grace Lin", "Daniel Okoro", "Sofia Reyes")
ODD_NAMES = (
    "Budi: VIP",
    "Kak Nia 🌸",
    "Mama Dinda & Keluarga",
    "J. Sitompul",
    "Ana-Maria T.",
    "Pak RT 🏠",
    "Siti (reseller)",
    "Fira - Olshop",
    "José Ramírez",
    "✨Ayu✨",
    "@nia.olshop",
    "- Yuni -",
    "김민지",
)
CITIES = (
    "Bandung",
    "Surabaya",
    "Medan",
    "Makassar",
    "Yogyakarta",
    "Semarang",
    "Denpasar",
    "Balikpapan",
    "Malang",
    "Pontianak",
    "Singapore",
)
SIZES = ("S", "M", "L", "XL", "XXL", "38", "39", "40", "41", "42", "all size")
COLOURS_ID = ("hitam", "putih", "navy", "maroon", "hijau army", "krem", "abu-abu", "mustard")
COLOURS_EN = ("black", "white", "navy", "maroon", "olive", "cream", "grey", "mustard")
COURIERS = ("JNE", "J&T", "SiCepat", "AnterAja", "POS Indonesia", "GoSend")
STREETS = ("Jl. Melati", "Jl. Kenanga", "Gg. Mawar", "Jl. Cempaka Putih", "Perum Griya Asri Blok")

GREETINGS = (
    (
        "Terima kasih telah menghubungi {shop}, kami akan segera membalas pesan Anda 🙏",
        "Terima kasih telah menghubungi",
    ),
    (
        "Mohon maaf kak, saat ini di luar jam operasional. Pesan Anda akan kami balas "
        "pada jam kerja (08.00-17.00 WIB) 🙏",
        "Mohon maaf kak, saat ini di luar jam operasional",
    ),
    (
        "Thanks for contacting us, we'll get back to you as soon as we can.",
        "Thanks for contacting us",
    ),
    (
        "Halo! Terima kasih sudah menghubungi {shop}. Admin kami akan membalas dalam "
        "beberapa saat ya kak 😊",
        "Halo! Terima kasih sudah menghubungi",
    ),
    (
        "Hi! We're outside our business hours right now. Your message will be answered "
        "when we open (Mon-Sat, 08:00-17:00).",
        "Hi! We're outside our business hours",
    ),
)


# --- numbers as people write them ------------------------------------------------------


def _grouped(amount: int, sep: str) -> str:
    return f"{amount:,}".replace(",", sep)


def price_text(rng: random.Random, amount: int) -> str:
    """A rupiah amount in one of the ways shops and customers write it."""
    forms: list[Callable[[], str]] = [
        lambda: f"Rp {_grouped(amount, '.')}",
        lambda: f"Rp{_grouped(amount, '.')}",
        lambda: f"Rp {amount}",
        lambda: f"Rp {_grouped(amount, ' ')}",
        lambda: f"IDR {_grouped(amount, ',')}.00",
        lambda: f"IDR {_grouped(amount, ',')}",
        lambda: f"Rp {_grouped(amount, '.')},-",
        lambda: f"Rp. {_grouped(amount, '.')}",
        lambda: f"Rp {_grouped(amount, '.')},00",
        lambda: f"Rp. {_grouped(amount, '.')},-",
        lambda: f"Rp {_grouped(amount, '.')}.-",
        lambda: f"Rp{_grouped(amount, ',')}",
        lambda: f"{_grouped(amount, '.')} IDR",
        lambda: f"IDR{amount}",
    ]
    if amount == 0:
        forms.append(lambda: "gratis")
    elif amount % 1000 == 0 and amount < 1_000_000:
        thousands = amount // 1000
        forms += [
            lambda: f"{thousands}rb",
            lambda: f"Rp{thousands}rb",
            lambda: f"{thousands}k",
            lambda: f"{thousands} ribu",
            lambda: f"Rp {thousands} rb",
            lambda: f"{thousands}K",
        ]
    if amount >= 1_000_000 and amount % 10_000 == 0:
        millions = f"{amount / 1_000_000:g}"
        forms += [
            lambda: millions.replace(".", ",") + "jt",
            lambda: f"Rp {millions.replace('.', ',')} juta",
            lambda: millions + "jt",
            lambda: f"IDR {millions}M",
            lambda: f"{amount // 1_000_000}jt {amount % 1_000_000 // 1000}rb",
        ]
    return rng.choice(forms)()


def phone_number(rng: random.Random) -> str:
    """An invented Indonesian mobile number, written the international way."""
    return (
        f"+62 8{rng.choice('1235')}{rng.randint(0, 9)}-{rng.randint(0, 9999):04d}-"
        f"{rng.randint(0, 9999):04d}"
    )


def _phone_variant(rng: random.Random, phone: str) -> str:
    digits = "".join(c for c in phone if c.isdigit())[2:]  # without the 62
    return rng.choice(
        [phone, "+62" + digits, f"0{digits[:3]} {digits[3:7]} {digits[7:]}", f"0{digits}"]
    )


def _resi(rng: random.Random) -> str:
    forms: list[Callable[[], str]] = [
        lambda: f"{rng.randint(100, 799)}.{rng.randint(0, 999):03d}.{rng.randint(0, 999):03d}",
        lambda: f"JP{rng.randint(10**9, 10**10 - 1)}",
        lambda: f"{rng.choice('1234567')}{rng.randint(10**10, 10**11 - 1)}",
        lambda: f"SCP{rng.randint(10**8, 10**9 - 1)}",
    ]
    return rng.choice(forms)()


def _order_no(rng: random.Random, day: date) -> str:
    return f"INV/{day:%Y%m%d}/MPL/{rng.randint(1000, 99999)}"


# --- the shop ------------------------------------------------------------------------


def draw_shop(rng: random.Random) -> Shop:
    """A shop with 1-3 agents on one number, some products, a greeting message."""
    agents = tuple(rng.sample(AGENT_NAMES, rng.choice([1, 1, 2, 2, 3])))
    greeting, prefix = rng.choice(GREETINGS)
    name = rng.choice(SHOP_NAMES)
    return Shop(
        name=name,
        agents=agents,
        agent_phones=tuple(phone_number(rng) for _ in agents),
        products=tuple(rng.sample(PRODUCTS, rng.randint(4, 9))),
        ui=rng.choice(["id", "id", "id", "en"]),
        greeting=greeting.format(shop=name),
        greeting_prefix=prefix,
    )


# --- one chat --------------------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    at: datetime
    author: str | None  # None: a line WhatsApp wrote without an author
    text: str


class _Chat:
    """One chat being written, message by message, with its own clock."""

    def __init__(
        self,
        rng: random.Random,
        shop: Shop,
        *,
        customer: str,
        lang: Lang,
        layout: Layout,
        start: datetime,
    ) -> None:
        self.rng = rng
        self.shop = shop
        self.customer = customer
        self.lang = lang
        self.layout = layout
        self.ui: Literal["id", "en"] = shop.ui
        self.ios = layout.startswith("ios")
        self.clock = start
        self.lines: list[_Line] = []
        self.business = shop.name
        if layout == "ios_id" and rng.random() < 0.4:
            self.business = "Anda"  # Indonesian iOS names the exporting phone so
        self.agent = rng.choice(shop.agents)
        self.sign = rng.choice(["none", "none", "every", "every", "last", "some"])
        self.sign_form = rng.randrange(8)
        self.greeted = False
        self.phones: list[str] = []
        self.emails: list[str] = []
        # The phone's clock is set back once, at this message (a backwards header).
        self.jump_at = rng.randint(2, 40) if rng.random() < 0.12 else -1
        self.away_rate = rng.choice([0.0, 0.0, 0.5, 1.0])
        # How this phone writes a header: 12-hour markers, 4-digit years, a comma.
        self.ampm = rng.choice(
            [
                (NNBSP, "AM", "PM"),
                (" ", "AM", "PM"),
                (" ", "am", "pm"),
                (" ", "a.m.", "p.m."),
                ("\u00a0", "a.\u00a0m.", "p.\u00a0m."),
            ]
        )
        self.year4 = rng.random() < 0.15
        self.comma = rng.random() < 0.2
        # A rarer phone (issue 14), drawn apart so that the main draws stay as they
        # were: the same moments in another script, calendar, order or clock.
        quirks = random.Random(f"{customer}|{start.isoformat()}|{layout}")
        self.quirk = quirks.choice(_QUIRKS[layout]) if quirks.random() < 0.15 else ""
        self.switch_at = quirks.randint(2, 30) if quirks.random() < 0.1 else -1  # to 24h

    # clock and lines

    def say(self, author: str | None, text: str, after: float) -> None:
        """Add a message `after` seconds after the previous one."""
        self.clock += timedelta(seconds=after)
        if len(self.lines) == self.jump_at:
            self.clock -= timedelta(minutes=self.rng.choice([1, 5, 30, 90, 600, 1500]))
        self.lines.append(_Line(self.clock, author, text))

    def t(self, id_text: str, en_text: str) -> str:
        """The customer's language: Indonesian, English, or either when mixed."""
        if self.lang == "mix":
            return self.rng.choice([id_text, en_text])
        return id_text if self.lang == "id" else en_text

    def media(self) -> str:
        if self.ios:
            return LRM + self.rng.choice(
                ["image omitted", "video omitted", "sticker omitted", "document omitted"]
                if self.ui == "en"
                else [
                    "gambar tidak disertakan",
                    "video tidak disertakan",
                    "stiker tidak disertakan",
                ]
            )
        return "<Media omitted>" if self.ui == "en" else "<Media tidak disertakan>"

    def deleted(self, mine: bool) -> str:
        if self.ios:
            if self.ui == "en":
                return LRM + ("You deleted this message." if mine else "This message was deleted.")
            return LRM + ("Anda menghapus pesan ini." if mine else "Pesan ini dihapus.")
        if self.ui == "en":
            return "You deleted this message" if mine else "This message was deleted"
        return "Anda telah menghapus pesan ini" if mine else "Pesan ini telah dihapus"

    def price(self, product: Product) -> str:
        """A quoted price: mostly the catalog's, sometimes an old or a wrong one."""
        amount = product.price
        roll = self.rng.random()
        if roll < 0.12 and amount:
            amount += self.rng.choice([-50000, -10000, 10000, 15000, 35000])
            amount = max(amount, 5000)
        elif roll < 0.16 and amount:
            amount = amount * 9 // 10  # a discount on a whim
        text = price_text(self.rng, amount)
        return text + self.rng.choice(["", "", " kak", " aja", " ya kak", "/pcs"])

    def signed(self, text: str, closing: bool) -> str:
        sign = self.sign == "every" or (self.sign == "last" and closing)
        if self.sign == "some":
            sign = self.rng.random() < 0.5
        if not sign:
            return text
        name = self.agent
        forms = (
            f"{text}\nSalam, {name}",
            f"{text}\n~{name}",
            f"{text}\n- CS {name}",
            f"{text} \u2013 {name}",
            f"{text}\nSalam hangat, {name} 🙏",
            f"{text}\nRegards, {name}",
            f"{text}\nSalam,\n{name}",
            f"{text} ~{name}",
        )
        return forms[self.sign_form]

    # who says what

    def customer_says(self, text: str, after: float | None = None) -> None:
        first_of_turn = not self.lines or self.lines[-1].author != self.customer
        first_ever = all(line.author != self.customer for line in self.lines)
        self.say(self.customer, text, self.rng.uniform(3, 90) if after is None else after)
        rate = self.away_rate if first_ever else self.away_rate * 0.15
        if first_of_turn and self.rng.random() < rate:
            self.say(self.business, self.shop.greeting, self.rng.uniform(0, 2))

    def agent_says(self, text: str, after: float, *, closing: bool = False) -> None:
        self.say(self.business, self.signed(text, closing), after)

    def reply_delay(self) -> float:
        roll = self.rng.random()
        if roll < 0.5:
            return self.rng.uniform(15, 300)
        if roll < 0.75:
            return self.rng.uniform(300, 3300)
        if roll < 0.92:
            return self.rng.uniform(3600, 8 * 3600)
        return self.rng.uniform(26 * 3600, 4 * 86400)  # answered days later

    def greet(self) -> str:
        if self.greeted:
            return ""
        self.greeted = True
        first = self.customer.split()[0].strip("~:")
        if first[:1] in "+0123456789✨":
            first = ""
        if self.rng.random() < 0.15:
            return self.t("Mohon maaf baru balas kak. ", "Sorry for the late reply. ")
        hour = self.clock.hour
        part = "pagi" if hour < 11 else "siang" if hour < 15 else "sore" if hour < 18 else "malam"
        return self.rng.choice(
            [
                self.t(f"Halo kak {first} 😊 ", f"Hi {first}! ").replace("  ", " "),
                self.t(f"Selamat {part} kak, ", "Good morning! " if hour < 12 else "Hello! "),
                self.t(
                    f"Halo kak, terima kasih sudah menghubungi {self.shop.name} 🙏 ",
                    "Hi, thanks for reaching out! ",
                ),
                self.t("Waalaikumsalam kak, ", "Hello, "),
                "",
            ]
        )


# --- what customers ask, and how agents answer -------------------------------------------


def _turn(chat: _Chat, intent: str) -> tuple[list[str], list[str]]:
    """A customer turn of `intent` and the agent's reply messages."""
    rng = chat.rng
    t = chat.t
    product = rng.choice(chat.shop.products)
    p = product.name if rng.random() < 0.7 else product.name.lower()
    size = rng.choice(SIZES)
    colour_id, colour_en = rng.choice(list(zip(COLOURS_ID, COLOURS_EN, strict=True)))
    city = rng.choice(CITIES)
    courier = rng.choice(COURIERS)
    resi = _resi(rng)
    ask: list[str]
    answer: list[str]
    if intent == "price":
        ask = [
            rng.choice(
                [
                    t(f"Kak {p} harganya brp?", f"How much is the {p}?"),
                    t(f"Harga {p} berapa min", f"What's the price of {p}?"),
                    t(f"{p} berapaan ya kak?", f"Hi, price for {p} pls"),
                    t(f"Min, {p} brp ya", f"how much for {p} size {size}?"),
                ]
            )
        ]
        answer = [
            rng.choice(
                [
                    t(f"{p} harganya {chat.price(product)}", f"The {p} is {chat.price(product)}."),
                    t(f"Untuk {p} {chat.price(product)}", f"{p}: {chat.price(product)}"),
                    t(
                        f"Harga {p} {chat.price(product)}, ready ukuran {size} 😊",
                        f"It's {chat.price(product)}, and size {size} is in stock.",
                    ),
                ]
            )
        ]
    elif intent == "stock":
        ask = [
            rng.choice(
                [
                    t(
                        f"{p} ukuran {size} masih ready?",
                        f"Is the {p} in size {size} still available?",
                    ),
                    t(f"Kak {p} warna {colour_id} ada?", f"Do you have the {p} in {colour_en}?"),
                    t(f"{p} ready gak kak", f"{p} in stock?"),
                    t(f"stok {p} masih ada min?", f"any {p} left?"),
                ]
            )
        ]
        answer = [
            rng.choice(
                [
                    t(f"Ready kak, stok {rng.randint(2, 40)} pcs", "Yes, it's in stock."),
                    t(f"Ready {rng.randint(2, 5)} k", f"Yes, {rng.randint(2, 9)} pcs left."),
                    t(
                        f"Masih ada kak, stok gudang {_grouped(rng.randint(1, 30) * 100, '.')} pcs",
                        f"We have {_grouped(rng.randint(1, 30) * 100, ',')} pcs in the warehouse.",
                    ),
                    t(
                        f"Mohon maaf kak, ukuran {size} sedang kosong. Ada ukuran lain mau?",
                        f"Sorry, size {size} is sold out. Would another size work?",
                    ),
                    t(
                        f"Ready kak, stok 1.000 pcs. Harganya {chat.price(product)}",
                        f"In stock! It's {chat.price(product)}.",
                    ),
                ]
            )
        ]
    elif intent == "size":
        ask = [
            rng.choice(
                [
                    t("Ada ukuran apa aja kak?", "What sizes do you have?"),
                    t(f"{p} ukurannya apa aja?", f"Which sizes for the {p}?"),
                    t("Size chart nya ada kak?", "Do you have a size chart?"),
                ]
            )
        ]
        answer = [
            t(
                "Ada S, M, L, XL kak.\nLingkar dada:\nS 96 cm\nM 100 cm\nL 104 cm\nXL 110 cm",
                "We have S, M, L and XL.\nChest:\nS 96 cm\nM 100 cm\nL 104 cm\nXL 110 cm",
            ),
            rng.choice(
                [
                    t("Kakak biasa pakai ukuran apa?", "What size do you usually wear?"),
                    t("Boleh tahu tinggi dan berat badannya kak?", "May I know your height?"),
                ]
            ),
        ]
    elif intent == "shipping":
        fee = rng.choice([9000, 12000, 18000, 24000, 35000, 150000])
        ask = [
            rng.choice(
                [
                    t(f"Ongkir ke {city} berapa kak?", f"How much is shipping to {city}?"),
                    t(f"Kirim ke {city} brp hari ya?", f"How long does delivery to {city} take?"),
                    t(f"bisa {courier} gak kak?", f"Can you ship with {courier}?"),
                ]
            )
        ]
        answer = [
            t(
                f"Ongkir ke {city} {price_text(rng, fee)} pakai {courier}, estimasi "
                f"{rng.randint(1, 4)}-{rng.randint(5, 7)} hari ya kak",
                f"Shipping to {city} is {price_text(rng, fee)} by {courier}, "
                f"{rng.randint(2, 5)} days.",
            )
        ]
    elif intent == "order":
        qty = rng.randint(1, 4)
        total = product.price * qty
        phone = phone_number(rng)
        chat.phones.append(phone)
        ask = [
            t(f"Oke kak saya ambil {qty} ya", f"Great, I'll take {qty}"),
            t(
                f"Nama: {chat.customer}\nAlamat: {rng.choice(STREETS)} No. {rng.randint(1, 99)}, "
                f"{city}\nHP: {_phone_variant(rng, phone)}",
                f"Name: {chat.customer}\nAddress: {rng.choice(STREETS)} {rng.randint(1, 99)}, "
                f"{city}\nPhone: {_phone_variant(rng, phone)}",
            ),
        ]
        answer = [
            t(
                f"Baik kak, {qty} x {p} = {price_text(rng, total)}\n"
                f"Ongkir {price_text(rng, 18000)}\nTotal {price_text(rng, total + 18000)}\n\n"
                f"Transfer ke BCA 123 456 7890 a.n. {chat.shop.name} ya kak",
                f"Sure: {qty} x {p} = {price_text(rng, total)}\n"
                f"Shipping {price_text(rng, 18000)}\nTotal {price_text(rng, total + 18000)}\n\n"
                f"Please transfer to BCA 123 456 7890 ({chat.shop.name}).",
            )
        ]
    elif intent == "paid":
        ask = [
            t("Sudah transfer ya kak", "I've made the transfer"),
            chat.media(),
        ]
        answer = [
            t(
                f"Terima kasih kak, pembayaran sudah kami terima. No. pesanan "
                f"{_order_no(rng, chat.clock.date())}, dikirim hari ini pakai {courier}",
                f"Thank you, payment received. Order {_order_no(rng, chat.clock.date())} ships "
                f"today with {courier}.",
            )
        ]
    elif intent == "late":
        ask = [
            rng.choice(
                [
                    t(
                        f"Kak paket saya belum sampai, resi {resi}",
                        f"My parcel hasn't arrived, tracking {resi}",
                    ),
                    t("Min pesanan saya kok lama banget ya", "My order is late, any update?"),
                ]
            )
        ]
        answer = [
            rng.choice(
                [
                    t(
                        f"Mohon maaf atas ketidaknyamanannya kak 🙏 Resi {resi} sedang di gudang "
                        f"{courier} {city}, estimasi sampai besok ya",
                        f"Sorry about that! Tracking {resi} is at the {courier} hub in {city}, "
                        "it should arrive tomorrow.",
                    ),
                    t(
                        "Baik kak, kami teruskan ke tim ekspedisi ya, besok kami kabari",
                        "We've escalated this to our shipping team and will update you tomorrow.",
                    ),
                    t(
                        f"Resi {resi} ya kak, dicek sendiri di web {courier}",
                        f"Please check {resi} on the {courier} website yourself.",
                    ),
                ]
            )
        ]
    elif intent == "damaged":
        ask = [
            t(
                f"Kak {p} yang saya terima sobek di bagian jahitan",
                f"The {p} I received is torn at the seam",
            ),
            chat.media(),
            t("Tolong diganti ya", "Please replace it"),
        ]
        answer = [
            rng.choice(
                [
                    t(
                        "Mohon maaf kak 🙏 Boleh dikirim video unboxing nya? Nanti kami "
                        "proses tukar barang",
                        "We're so sorry! Could you send the unboxing video? We'll replace it.",
                    ),
                    t(
                        "itu bukan dari kami kak, waktu packing masih bagus. mungkin kakak "
                        "salah cuci",
                        "You should have read the care label, it's not a defect.",
                    ),
                ]
            )
        ]
    elif intent == "discount":
        ask = [t("Bisa kurang gak kak harganya?", "Can I get a discount?")]
        answer = [
            rng.choice(
                [
                    t(
                        "Boleh kak, khusus kakak diskon 10% ya",
                        "Sure, I'll give you 10% off just this once.",
                    ),
                    t(
                        "Mohon maaf kak harga sudah net, tapi ada gratis ongkir pakai kode HEMAT10",
                        "Sorry, prices are fixed, but code HEMAT10 gives free shipping.",
                    ),
                ]
            )
        ]
    elif intent == "bulk":
        qty = rng.randint(2, 12)
        unit = product.price or 25000
        ask = [t(f"Kalau ambil {qty} pcs {p} dapat harga berapa?", f"Price for {qty} x {p}?")]
        answer = [
            t(
                f"{qty} pcs @{price_text(rng, unit)} = {price_text(rng, unit * qty)} kak, "
                f"berat {qty * 0.25:g} kg".replace(".", ","),
                f"{qty} x {price_text(rng, unit)} = {price_text(rng, unit * qty)}, "
                f"{qty * 0.25:g} kg",
            ),
            rng.choice(
                [
                    t("Harga grosir mulai 10 pcs ya kak", "Wholesale prices start at 10 pcs."),
                    t(
                        f"Range harga {price_text(rng, unit - 10000)}-"
                        f"{price_text(rng, unit + 10000)} tergantung motif",
                        f"Between {price_text(rng, unit - 10000)} and "
                        f"{price_text(rng, unit + 10000)} depending on the pattern.",
                    ),
                    t(f"Mulai {unit // 1000}rb-an kak", f"From about {unit // 1000}k."),
                ]
            ),
        ]
    elif intent == "haggle":
        seen = price_text(rng, max(product.price - rng.choice([10000, 25000, 50000]), 1000))
        ask = [
            t(
                f"Kemarin di marketplace {p} cuma {seen} kak, bisa sama?",
                f"I saw the {p} for {seen} on the marketplace, can you match it?",
            ),
            t(f"Budget saya {price_text(rng, product.price * 2)} buat 2 pcs", "Need 2 pcs"),
        ]
        answer = [
            t(
                f"Mohon maaf kak, harga {p} di toko kami {chat.price(product)}",
                f"Sorry, our price for the {p} is {chat.price(product)}.",
            )
        ]
    elif intent == "email":
        email = rng.choice(["lestari.ayu", "budi.s", "tom.b", "nia_shop", "r.pratama"]) + (
            rng.choice(["@example.com", "@example.org", "@mail.example.net"])
        )
        chat.emails.append(email)
        ask = [t(f"Invoice nya kirim ke {email} ya kak", f"Please email the invoice to {email}")]
        answer = [t(f"Siap kak, sudah kami kirim ke {email}", f"Done, sent to {email}.")]
    elif intent == "list":
        products = chat.shop.products
        rows = "\n".join(f"- {q.name}: {price_text(rng, q.price)}" for q in products)
        ask = [t("Kak minta katalog + harga dong", "Can I see your price list?")]
        answer = [t(f"Ini list harga kak:\n{rows}\n\nMau yang mana?", f"Here you go:\n{rows}")]
        if rng.random() < 0.3:  # a wall of text
            answer.append(
                t(
                    "Ketentuan retur: " + "barang harus dalam kondisi baru dan lengkap. " * 20,
                    "Return policy: " + "items must be new and complete with tags. " * 20,
                )
            )
    else:  # paste: a customer pasting an earlier answer, a header inside a body
        stamp = (chat.clock - timedelta(days=2)).strftime("%d/%m/%y %H.%M.%S")
        ask = [
            t(
                f"Kemarin admin bilang gini: [{stamp}] {chat.shop.name}: {p} "
                f"{price_text(rng, product.price)}\nSekarang beda?",
                f"Your colleague told me this: [{stamp}] {chat.shop.name}: {p} "
                f"{price_text(rng, product.price)}\nIs the price different now?",
            )
        ]
        answer = [t(f"Harga {p} masih sama kak", f"The price for {p} hasn't changed.")]
    return ask, answer


INTENTS = (
    "price",
    "price",
    "stock",
    "stock",
    "size",
    "shipping",
    "order",
    "paid",
    "late",
    "damaged",
    "discount",
    "haggle",
    "bulk",
    "email",
    "list",
    "paste",
)


def _opener(chat: _Chat) -> str:
    return chat.rng.choice(
        [
            chat.t("Halo kak", "Hi"),
            chat.t("Permisi min, mau tanya", "Hello, quick question"),
            chat.t("Assalamualaikum kak", "Good afternoon"),
            chat.t("Pagi kak 🙏", "Hi there 👋"),
            "Min",
        ]
    )


def _noise(chat: _Chat) -> None:
    """Now and then a customer adds media, deletes a message or nudges."""
    roll = chat.rng.random()
    if roll < 0.08:
        chat.customer_says(chat.media())
    elif roll < 0.12:
        chat.customer_says(chat.deleted(mine=False))
    elif roll < 0.15:
        chat.customer_says(chat.t("Kak??", "Hello??"), chat.rng.uniform(60, 1800))
    elif roll < 0.17:
        chat.customer_says(
            chat.t("gimana kak <Pesan ini diedit>", "any news? <This message was edited>")
        )
    elif roll < 0.19:
        chat.customer_says(chat.rng.choice(["🙏🙏", "👍", "?", "😭😭😭", "...", "P"]))
    elif roll < 0.2:  # lines a spreadsheet would take for formulas
        chat.customer_says(
            chat.rng.choice(
                [
                    "=> sudah transfer ya kak",
                    "+1 pcs lagi kak",
                    "-_- lama bgt",
                    "@admin tolong dibalas",
                    '=HYPERLINK("https://example.com/bukti","bukti transfer")',
                ]
            )
        )
    elif roll < 0.215:
        south, east = chat.rng.randint(100, 999), chat.rng.randint(100, 999)
        place = f"https://maps.google.com/?q=-6.{south},106.{east}"
        chat.customer_says(("location: " if chat.ui == "en" else "Lokasi: ") + place)
    elif roll < 0.23:
        chat.customer_says(
            ("Missed voice call" if chat.ui == "en" else "Panggilan suara tak terjawab")
            if chat.rng.random() < 0.7
            else ("Missed video call" if chat.ui == "en" else "Panggilan video tak terjawab")
        )
    elif roll < 0.25:
        stamp = f"{chat.clock:%Y%m%d}"
        chat.customer_says(
            f"<attached: 00000{chat.rng.randint(10, 99)}-PHOTO-{chat.clock:%Y-%m-%d-%H-%M-%S}.jpg>"
            if chat.ios
            else f"IMG-{stamp}-WA00{chat.rng.randint(10, 99)}.jpg "
            + ("(file attached)" if chat.ui == "en" else "(file terlampir)")
        )
    elif roll < 0.26:
        chat.customer_says(  # a line that looks like a header but cannot be one
            chat.t("Kirimnya tgl\n31/02/26 25.61 - pagi ya kak", "Deliver on\n2/31/26, 25:61 - ok?")
        )
    elif roll < 0.27:
        chat.customer_says("Alamat:\u2028Jl. Kenanga No. 7\u2028RT 03/RW 05")
    elif roll < 0.275:
        chat.customer_says("null" if chat.ui == "en" else "Menunggu pesan ini")
    elif roll < 0.28:
        chat.customer_says("Tolong " + "cek " * chat.rng.randint(2000, 4000) + "ya kak")


def _service_chat(chat: _Chat, target: int) -> None:
    """Customer turns and agent replies until about `target` messages."""
    rng = chat.rng
    if rng.random() < 0.4:
        chat.customer_says(_opener(chat), 0)
    while len(chat.lines) < target:
        ask, answer = _turn(chat, rng.choice(INTENTS))
        for i, text in enumerate(ask):
            chat.customer_says(text, 0 if not chat.lines and i == 0 else None)
            _noise(chat)
        if rng.random() < 0.07 and len(chat.lines) + 2 >= target:
            return  # the last turn is never answered
        delay = chat.reply_delay()
        if chat.greeted and rng.random() < 0.12 and len(chat.shop.agents) > 1:  # a handover
            chat.agent = rng.choice([a for a in chat.shop.agents if a != chat.agent])
            answer[0] = chat.t(f"Halo kak, saya {chat.agent} yang melanjutkan. ", "") + answer[0]
        for i, text in enumerate(answer):
            body = (chat.greet() + text) if i == 0 else text
            if i == len(answer) - 1 and rng.random() < 0.4:
                body += rng.choice(
                    [
                        chat.t(" Mau ukuran apa kak?", " Which size would you like?"),
                        chat.t(" Ada lagi yang bisa dibantu?", " Anything else I can help with?"),
                        chat.t(" Kirim alamat lengkapnya ya kak", " Please share your address."),
                    ]
                )
            chat.agent_says(body, delay if i == 0 else rng.uniform(5, 120))
        if rng.random() < 0.06:
            chat.say(chat.business, chat.deleted(mine=True), rng.uniform(5, 60))
        if rng.random() < 0.08:  # the customer comes back days later
            chat.customer_says(
                chat.t("Kak, saya yang kemarin tanya ya", "Hi again, it's me from last week"),
                rng.uniform(25 * 3600, 9 * 86400),
            )
    if rng.random() < 0.7:
        chat.customer_says(rng.choice(["Ok makasih kak 👍", "Siap kak", "Thanks!", "oke noted"]))
        if rng.random() < 0.8:
            chat.agent_says(
                rng.choice(
                    [
                        chat.t(
                            "Terima kasih kak, selamat berbelanja kembali 🙏",
                            "Thank you, have a nice day!",
                        ),
                        chat.t("Sama-sama kak, semoga membantu ya", "You're welcome!"),
                        chat.t("Siap kak", "Ok"),
                        "👍",
                    ]
                ),
                rng.uniform(10, 600),
                closing=True,
            )


def _customer_only(chat: _Chat, target: int) -> None:
    """Nobody answered: a customer asking, nudging, giving up."""
    rng = chat.rng
    chat.customer_says(_opener(chat), 0)
    while len(chat.lines) < target:
        ask, _ = _turn(chat, rng.choice(["price", "stock", "late", "shipping"]))
        for text in ask:
            chat.customer_says(text, rng.uniform(5, 7200))
        _noise(chat)


def _business_only(chat: _Chat, target: int) -> None:
    """A shipping notice or a promotion nobody answered."""
    rng = chat.rng
    while len(chat.lines) < target:
        product = rng.choice(chat.shop.products)
        text = rng.choice(
            [
                f"Halo kak {chat.customer}, pesanan {product.name} sudah kami kirim ya. "
                f"Resi {rng.choice(COURIERS)} {_resi(rng)} 🙏",
                f"PROMO AKHIR BULAN ✨\n{product.name} cuma {price_text(rng, product.price)}!\n"
                "Stok terbatas, order sekarang ya kak",
                f"Hi {chat.customer}, your order of {product.name} has shipped. "
                f"Tracking: {_resi(rng)}",
                "",
            ]
        )
        after = rng.uniform(0, 3 * 86400) if chat.lines else 0
        if text:
            chat.agent_says(text, after)
        else:
            chat.say(chat.business, chat.media(), after)


def _group_chat(chat: _Chat, members: Sequence[str], subject: str, target: int) -> None:
    """A resellers' group: the shop, an agent's own phone, 2-4 customers."""
    rng = chat.rng
    creator = chat.business
    if chat.ios:
        chat.say(None, f'{LRM}{creator} created group "{subject}"', 0)
    elif chat.ui == "en":
        chat.say(None, f'{creator} created group "{subject}"', 0)
    else:
        chat.say(None, f'{creator} membuat grup "{subject}"', 0)
    for member in members:
        event = (
            f"{creator} added {member}" if chat.ui == "en" else f"{creator} menambahkan {member}"
        )
        chat.say(None, (LRM + event) if chat.ios else event, rng.uniform(1, 30))
    customers, helper = members[:-1], members[-1]  # the last member is an agent's phone
    while len(chat.lines) < target:
        chat.customer = rng.choice(customers)
        ask, answer = _turn(chat, rng.choice(["price", "stock", "shipping", "list", "discount"]))
        for text in ask:
            chat.customer_says(text)
        if rng.random() < 0.85:
            author = helper if rng.random() < 0.3 else chat.business
            for text in answer:
                mention = chat.customer.split()[0].strip("~").strip()
                if chat.customer.startswith("+"):
                    mention = "".join(c for c in chat.customer if c.isdigit())
                chat.say(author, chat.signed(f"@{mention} {text}", False), chat.reply_delay())


# --- rendering -------------------------------------------------------------------------


_QUIRKS: dict[str, tuple[str, ...]] = {
    "android_id": ("typo",),
    "android_us": ("spelled_en",),
    "android_gb": ("buddhist", "spelled_es"),
    "ios_id": ("era",),
    "ios_us": ("time_first",),
    "ios_gb": ("arabic", "era"),
}
_ARABIC_DIGITS = str.maketrans({str(d): chr(0x0660 + d) for d in range(10)})
RLM = "\u200f"


def _period(hour: int, periods: tuple[tuple[int, str], ...]) -> str:
    """The part of the day an hour falls in (CLDR's day periods, by their start)."""
    return next(name for start, name in reversed(periods) if hour >= start)


_EN_PERIODS = (
    (0, "at night"),
    (6, "in the morning"),
    (12, "in the afternoon"),
    (18, "in the evening"),
    (21, "at night"),
)
_ES_PERIODS = (
    (0, "de la madrugada"),
    (6, "de la mañana"),
    (12, "de la tarde"),
    (20, "de la noche"),
)


def _quirk_stamp(chat: _Chat, at: datetime, index: int) -> str | None:
    """The header as a rarer phone writes it, or None for the layout's own."""
    hour12 = at.hour % 12 or 12
    quirk = chat.quirk
    if index >= chat.switch_at >= 0 and chat.layout == "android_us":  # the clock changed
        return f"{at.month}/{at.day}/{at:%y}, {at:%H:%M} - "
    if quirk == "typo" and index % 7 == 3:  # "." for ":" now and then, a typo
        return f"{at:%d/%m/%y} {at:%H:%M} - "
    if quirk == "spelled_en":
        return f"{at.month}/{at.day}/{at:%y}, {hour12}:{at:%M} {_period(at.hour, _EN_PERIODS)} - "
    if quirk == "spelled_es":
        return f"{at:%d/%m/%y}, {hour12}:{at:%M} {_period(at.hour, _ES_PERIODS)} - "
    if quirk == "buddhist":
        return f"{at:%d/%m}/{at.year + 543} {at:%H:%M} - "
    if quirk == "era":
        return f"[R{at.year - 2018}/{at.month}/{at.day} {at:%H:%M:%S}] "
    if quirk == "time_first":
        return f"[{at:%H:%M:%S}, {at.month}/{at.day}/{at:%y}] "
    if quirk == "arabic":
        date = f"{at.day}{RLM}/{at.month}{RLM}/{at.year}".translate(_ARABIC_DIGITS)
        time = f"{hour12}:{at:%M:%S}".translate(_ARABIC_DIGITS)
        marker = "\u0635" if at.hour < 12 else "\u0645"  # sad: AM, mim: PM
        return f"[{date}\u060c {time} {marker}] "
    return None


def _stamp(chat: _Chat, at: datetime, index: int = 0) -> str:
    """The message header's date and time, as this chat's phone writes them."""
    quirk = _quirk_stamp(chat, at, index)
    if quirk is not None:
        return quirk
    hour12 = at.hour % 12 or 12
    space, am, pm = chat.ampm
    ampm = space + (am if at.hour < 12 else pm)
    year = f"{at:%Y}" if chat.year4 else f"{at:%y}"
    comma = "," if chat.comma else ""
    layout = chat.layout
    if layout == "android_id":
        return f"{at:%d/%m}/{year}{comma} {at:%H.%M} - "
    if layout == "android_us":
        return f"{at.month}/{at.day}/{year}, {hour12}:{at:%M}{ampm} - "
    if layout == "android_gb":
        return f"{at:%d/%m/%Y, %H:%M} - "
    if layout == "ios_id":
        return f"[{at:%d/%m}/{year}{comma} {at:%H.%M.%S}] "
    if layout == "ios_us":
        return f"[{at.month}/{at.day}/{year}, {hour12}:{at:%M:%S}{ampm}] "
    return f"[{at:%d/%m/%Y, %H:%M:%S}] "


def _render(
    chat: _Chat, *, newline: str, bom: bool, bidi_phones: bool, bidi_names: bool, utf16: bool
) -> bytes:
    out: list[str] = []
    for index, line in enumerate(chat.lines):
        stamp = _stamp(chat, line.at, index)
        if chat.ios and line.text.startswith(LRM) and chat.rng.random() < 0.5:
            stamp = LRM + stamp
        if line.author is None:
            head = stamp
        else:
            author = line.author
            if (bidi_phones and author.startswith("+")) or (bidi_names and author == chat.customer):
                author = LRE + author + PDF
            head = f"{stamp}{author}: "
        out.append(head + line.text.replace("\n", newline))
    text = newline.join(out) + newline
    if utf16:  # a chat opened and saved again by a Windows editor as "Unicode"
        return text.encode("utf-16")
    return ("\ufeff" if bom else "").encode() + text.encode()


def _file_name(rng: random.Random, shop: Shop, party: str, ios: bool) -> tuple[str, str | None]:
    """The export's file name, and the chat member's name when it is a zip."""
    shown = (LRE + party + PDF) if party.startswith("+") and rng.random() < 0.6 else party
    roll = rng.random()
    if roll < 0.08:
        return rng.choice(["export.txt", "chat.txt", "wa-export-minggu-ini.txt"]), None
    copy = " (1)" if rng.random() < 0.08 else ""
    if ios:
        return f"WhatsApp Chat - {shown}{copy}.zip", "_chat.txt"
    base = f"WhatsApp Chat with {shown}" if shop.ui == "en" else f"Chat WhatsApp dengan {shown}"
    if roll < 0.15:
        return f"{base}{copy}.zip", f"{base}.txt"
    return f"{base}{copy}.txt", None


def _zip(members: Sequence[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 11, 23, 8, 0, 0)), data)
    return buffer.getvalue()


def _customer_name(rng: random.Random, lang: Lang) -> str:
    roll = rng.random()
    if roll < 0.2:
        return phone_number(rng)
    if roll < 0.35:
        return rng.choice(ODD_NAMES)
    if roll < 0.37:  # a customer who shares an agent's name
        return rng.choice(AGENT_NAMES)
    return rng.choice(CUSTOMERS_EN if lang == "en" else CUSTOMERS_ID)


def _message_count(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.1:
        return rng.randint(1, 3)
    if roll < 0.65:
        return rng.randint(4, 20)
    if roll < 0.92:
        return rng.randint(21, 45)
    return rng.randint(46, 80)


def _draw_chat(
    rng: random.Random, shop: Shop, start: datetime, favourite: Layout
) -> tuple[_Chat, str, str]:
    """One chat: the chat, its kind and the party its file name names."""
    lang: Lang = rng.choice(["id", "id", "id", "en", "mix"])
    layout = favourite if rng.random() < 0.6 else rng.choice(LAYOUTS)
    customer = _customer_name(rng, lang)
    kind = rng.choices(["service", "customer", "business", "group"], [80, 8, 5, 7])[0]
    chat = _Chat(rng, shop, customer=customer, lang=lang, layout=layout, start=start)
    target = _message_count(rng)
    if rng.random() < 0.7 and kind != "group":
        notice = (
            "Messages and calls are end-to-end encrypted. Nobody outside of this chat can "
            "read them."
            if shop.ui == "en"
            else "Pesan dan panggilan terenkripsi secara end-to-end. Tidak ada pihak lain "
            "di luar chat ini yang dapat membacanya."
        )
        chat.say(customer if chat.ios else None, (LRM + notice) if chat.ios else notice, 0)
    party = customer
    if kind == "service":
        _service_chat(chat, target)
    elif kind == "customer":
        _customer_only(chat, min(target, rng.randint(1, 8)))
    elif kind == "business":
        _business_only(chat, min(target, 4))
    else:
        members = list(dict.fromkeys(_customer_name(rng, lang) for _ in range(rng.randint(2, 4))))
        members.append(rng.choice(shop.agent_phones))
        party = f"Reseller {shop.name} {rng.choice(['Batch 3', '2026', 'Jatim', '🔥'])}"
        _group_chat(chat, members, party, target)
        chat.phones += [m for m in members if m.startswith("+")]
    if customer.startswith("+"):
        chat.phones.append(customer)
    return chat, kind, party


def draw_folder(rng: random.Random, shop: Shop | None = None) -> Folder:
    """A folder of 1-6 exports of one shop's chats."""
    shop = shop or draw_shop(rng)
    start = datetime(2026, rng.randint(9, 12), rng.randint(1, 28), rng.randint(6, 21))
    start += timedelta(minutes=rng.randint(0, 59), seconds=rng.randint(0, 59))
    year, week, _ = start.isocalendar()
    favourite = rng.choice(LAYOUTS)
    files: list[tuple[str, bytes]] = []
    chats: list[str] = []
    named: list[tuple[str, str]] = []
    phones: list[str] = list(shop.agent_phones)
    emails: list[str] = []
    taken: set[str] = set()
    subfolder = rng.choice(["", "", "", "minggu-47/", "Export WA/"])
    bundle: list[tuple[str, bytes, str]] = []  # chats zipped together as a week
    bundle_name = rng.choice(["Export minggu 47.zip", "chats-week.zip"])
    for _ in range(rng.randint(1, 6)):
        start += timedelta(minutes=rng.randint(0, 3000))
        chat, kind, party = _draw_chat(rng, shop, start, favourite)
        phones += chat.phones
        emails += chat.emails
        data = _render(
            chat,
            newline=rng.choices(["\n", "\r\n", "\r"], [78, 20, 2])[0],
            bom=rng.random() < 0.03,
            bidi_phones=rng.random() < 0.5,
            bidi_names=rng.random() < 0.1,
            utf16=rng.random() < 0.02,
        )
        name, member = _file_name(rng, shop, party, chat.ios)
        if rng.random() < 0.15:  # macOS writes decomposed file names
            name = unicodedata.normalize("NFD", name)
        stem, dot, ext = name.rpartition(".")
        while (subfolder + name).casefold() in taken:
            stem += " (1)"
            name = f"{stem}{dot}{ext}"
        taken.add((subfolder + name).casefold())
        names_customer = kind != "group" and name.startswith(("WhatsApp Chat", "Chat WhatsApp"))
        if member is None and names_customer and rng.random() < 0.15:
            bundle.append((name, data, chat.customer))
            continue
        if member is None:
            files.append((subfolder + name, data))
            chats.append(subfolder + name)
        else:
            media = [
                (f"IMG-{chat.lines[0].at:%Y%m%d}-WA{i:04d}.jpg", b"\xff\xd8\xff\xe0fake-jpeg")
                for i in range(rng.randint(0, 2))
            ]
            if member == "_chat.txt" and rng.random() < 0.1:
                name = name.removesuffix(".zip")  # a browser dropped the extension
            files.append((subfolder + name, _zip([(member, data), *media])))
            chats.append(f"{subfolder}{name}/{member}")
        if names_customer:
            named.append((chats[-1], chat.customer))
    if len(bundle) == 1:  # a week of one chat is just that chat
        name, data, customer = bundle[0]
        files.append((subfolder + name, data))
        chats.append(subfolder + name)
        named.append((subfolder + name, customer))
    elif bundle:
        files.append((subfolder + bundle_name, _zip([(n, d) for n, d, _ in bundle])))
        for name, _, customer in bundle:
            chats.append(f"{subfolder}{bundle_name}/{name}")
            named.append((chats[-1], customer))
    return Folder(
        files=tuple(files),
        chats=tuple(chats),
        named=tuple(chat for chat, _ in named),
        customers=tuple(named),
        shop=shop,
        phones=tuple(phones),
        emails=tuple(emails),
        week=f"{year}-W{week:02d}",
    )


# --- catalogs and configs ----------------------------------------------------------------


def draw_catalog(rng: random.Random, shop: Shop | None = None) -> tuple[str, bytes]:
    """A catalog of the shop's products: name and price, as a spreadsheet user saves it."""
    shop = shop or draw_shop(rng)
    layout = rng.choice(
        ["name,price", "sku,name,price_idr", "Nama Produk;Harga", "produk,harga", "Produk,Harga"]
    )
    delimiter = ";" if ";" in layout else ","
    products = list(shop.products)
    extra = [p for p in PRODUCTS if p not in products]
    products += rng.sample(extra, rng.randint(0, min(3, len(extra))))
    if rng.random() < 0.2:  # a shorter name that a longer one contains
        longer = rng.choice(products)
        shorter = " ".join(longer.name.split()[:2])
        if shorter != longer.name and all(p.name != shorter for p in products):
            products.append(Product(shorter, max(longer.price - 20000, 10000)))
    rng.shuffle(products)
    rows: list[list[str]] = []
    for index, product in enumerate(products):
        name = product.name
        if rng.random() < 0.1:
            name = rng.choice([name.upper(), f" {name} ", f"{name}, {rng.choice(SIZES)}"])
        forms = [str(product.price), f"Rp {_grouped(product.price, '.')}", f"{product.price}.0"]
        if delimiter == ",":
            forms.append(_grouped(product.price, ","))  # quoted by the writer: "185,000"
        else:
            forms.append(f"Rp{_grouped(product.price, '.')},00")
        price = rng.choice(forms)
        rows.append([f"SKU-{index + 101:04d}", name, price] if "sku" in layout else [name, price])
    header = layout.split(delimiter)
    if rng.random() < 0.15:
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(header)
        for row in rows:
            sheet.append([*row[:-1], int(row[-1]) if row[-1].isdigit() else row[-1]])
        buffer = io.BytesIO()
        book.save(buffer)
        return rng.choice(["katalog.xlsx", "Daftar Harga.xlsx"]), buffer.getvalue()
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter, lineterminator=rng.choice(["\n", "\r\n"]))
    writer.writerow(header)
    writer.writerows(rows)
    if rng.random() < 0.1:
        text.write(delimiter * (len(header) - 1) + "\n")  # a blank row Excel leaves
    name = rng.choice(["katalog.csv", "catalog.csv", "harga-produk.csv", "Daftar Harga.csv"])
    bom = "\ufeff" if rng.random() < 0.15 else ""  # Excel's "CSV UTF-8"
    return name, (bom + text.getvalue()).encode()


def _toml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def draw_config(rng: random.Random, shop: Shop | None = None) -> str:
    """A valid cs-audit TOML config: roster, SLA, sometimes business hours and a rubric."""
    shop = shop or draw_shop(rng)
    out = ["# cs-audit config drawn by tests/chatgen.py", "", "[conversations]"]
    out.append(f"session_gap_hours = {rng.choice([1, 8, 12, 24, 24, 48, 0.5])}")
    texts = [shop.greeting_prefix, *rng.sample([g[1] for g in GREETINGS], 2)]
    out.append("automated_texts = [" + ", ".join(_toml(t) for t in dict.fromkeys(texts)) + "]")
    out.append(f"automated_within_seconds = {rng.choice([5, 10, 10, 30])}")
    out.append('country_code = "62"')
    target = rng.choice([1, 15, 30, 60, 60, 120, 240, 43200])
    out += ["", "[sla]", f"target_minutes = {target}"]
    live = rng.choice([m for m in (1, 1, 2, 5) if m <= target])
    out.append(f"live_chat_target_minutes = {live}")
    if rng.random() < 0.4:
        out += ["", "[business_hours]"]
        days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        for day in days[: rng.choice([5, 6, 6, 7])]:
            roll = rng.random()
            if roll < 0.4:
                out.append(f'{day} = ["08:00-12:00", "13:00-17:00"]')
            elif roll < 0.5:
                out.append(f'{day} = ["00:00-24:00"]')
            elif roll < 0.55:
                out.append(f"{day} = []")
            else:
                out.append(f'{day} = ["{rng.randint(6, 10):02d}:00-{rng.randint(15, 23):02d}:30"]')
        out.append("holidays = [2026-12-25, 2026-12-31]")
        if rng.random() < 0.5:
            out.append('public_holidays = "ID"')
    if rng.random() < 0.8:
        # Agents share the business number: listed as its account name too, or known
        # only by their own phones and their signatures.
        shared = rng.random() < 0.6
        for name, phone in zip(shop.agents, shop.agent_phones, strict=True):
            out += ["", "[[agents]]", f"name = {_toml(name)}"]
            names = [_phone_variant(rng, phone), shop.name] if shared else [phone]
            out.append(f"appears_as = [{', '.join(_toml(n) for n in names)}]")
            out.append(f"signatures = [{_toml(name)}]")
    out += ["", "[rubric]"]
    critical = rng.choice(["[]", "[]", '["response_speed"]', '["greeting"]'])
    out.append(f"critical = {critical}")
    out.append(f"na_counts_as = {_toml(rng.choice(['excluded', 'pass']))}")
    out.append(f"price_tolerance = {rng.choice([0.0, 0.0, 0.05, 0.1])}")
    if rng.random() < 0.1:
        out.append(f"wall_of_text_chars = {rng.choice([40, 200, 5000])}")
        out.append(f"wall_of_text_lines = {rng.choice([1, 3, 50])}")
        out.append(f"language_sample = {rng.choice([1, 2, 50])}")
    if rng.random() < 0.3:
        criteria = [
            "response_speed",
            "greeting",
            "needs_inquiry",
            "answers_questions",
            "accurate_concise",
            "polite_closing",
        ]
        out += ["", "[rubric.weights]"]
        zero = rng.random() < 0.3  # a supervisor who weighs only some criteria, or none
        for criterion in criteria:
            weight = 0.0 if zero and rng.random() < 0.7 else rng.choice([0.5, 1.0, 3.0, 1000.0])
            out.append(f"{criterion} = {weight}")
    if rng.random() < 0.2:
        out += ["", "[rubric.phrases.authorised_discount]", "id = ['kode promo HEMAT10']"]
    return "\n".join(out) + "\n"


def draw_case(rng: random.Random) -> Case:
    """A folder, with a catalog (half the time) and a config (a third of the time)."""
    shop = draw_shop(rng)
    folder = draw_folder(rng, shop)
    catalog = draw_catalog(rng, shop) if rng.random() < 0.5 else None
    config = draw_config(rng, shop) if rng.random() < 0.35 else None
    return Case(folder, catalog, config)


# --- hypothesis strategies -------------------------------------------------------------
# A drawn Random seeded by hypothesis (use_true_random=True): a folder makes thousands of
# choices, which as hypothesis' own choices would cap its size; examples still replay.


@st.composite
def chat_exports(draw: st.DrawFn) -> list[tuple[str, bytes]]:
    """A folder's worth of exports: 1-6 (relative file name, content) pairs."""
    return list(draw_folder(draw(st.randoms(use_true_random=True))).files)


@st.composite
def catalogs(draw: st.DrawFn, shop: Shop | None = None) -> tuple[str, bytes]:
    """A catalog CSV file: (name, content)."""
    return draw_catalog(draw(st.randoms(use_true_random=True)), shop)


@st.composite
def configs(draw: st.DrawFn, shop: Shop | None = None) -> str:
    """A valid TOML config text."""
    return draw_config(draw(st.randoms(use_true_random=True)), shop)


@st.composite
def audit_cases(draw: st.DrawFn) -> Case:
    """A folder with the catalog and config of the same shop (each maybe)."""
    return draw_case(draw(st.randoms(use_true_random=True)))
