"""The rubric: phrases that decide each criterion and flag, weights and thresholds.

Phrases are regular expressions, matched case-insensitively against text with bidi
marks removed and spaces folded. The defaults cover Indonesian and English, formal
and informal ("kak", "min", "gan", "brp", "gmn", "tq"); a config's ``[rubric]``
table replaces any list or value by key.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from cs_audit.errors import ConfigError

CRITERIA = (
    "response_speed",
    "greeting",
    "needs_inquiry",
    "answers_questions",
    "accurate_concise",
    "polite_closing",
)

# Phrase lists per key and language ("any": language-neutral). Matching uses every
# language's list at once: customers mix Indonesian and English in one message.
DEFAULT_PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "greeting": {
        "id": (
            r"\bselamat (pagi|siang|sore|malam|datang)\b",
            r"\b(halo|hallo|hai)\b",
            r"\bassalamu['\u2019]?alaikum\b",
            r"\bwa['\u2019]?alaikum(us)?salam\b",
            r"^\W*(pagi|siang|sore|malam)\b",
            r"\b(terima ?kasih|makasih) (sudah|telah) menghubungi",
            r"\bsalam kenal\b",
            r"\bpermisi\b",
        ),
        "en": (
            r"\b(hi|hello|hey)\b",
            r"\bgood (morning|afternoon|evening|day)\b",
            r"\bthanks? (you )?for (reaching out|contacting|messaging|your message)",
            r"\bwelcome\b",
        ),
    },
    "needs_inquiry": {
        "id": (
            r"\bada yang bisa (kami|saya|aku|dibantu)",
            r"\bbisa (kami|saya) bantu\b",
            r"\bboleh (tahu|tau|diinfokan|dikirim)",
            r"\buntuk (apa|acara apa|pemakaian|keperluan)",
            r"\b(ukuran|warna|model|tipe|jenis) (berapa|apa|yang)\b",
            r"\bmau (yang|warna|ukuran|model)\b",
            r"\bcari(nya)? (apa|yang)\b",
        ),
        "en": (
            r"\bhow (can|may) (i|we) help\b",
            r"\b(what|which) (size|colou?r|model|one|kind)\b",
            r"\bmay i (know|ask|have)\b",
            r"\b(could|can) you (tell|share|send)\b",
            r"\b(are|were) you looking for\b",
            r"\bwhat are you looking for\b",
        ),
    },
    # a question mark, a message opening with a question word, or a request or complaint
    # without one ("tolong dicek", "mohon info", "mau komplain", "jadi order 1 ya")
    "question": {
        "any": (r"\?",),
        "id": (
            r"^\W*(berapa|brp|brapa|apa|apakah|gimana|gmn|bagaimana|gmana|kapan|kpn|dimana|"
            r"di mana|kenapa|knp|mengapa|bisa|bs|boleh|ada|masih)\b",
            r"\b(tolong|tlg|mohon|minta)\b(?! maaf)",
            r"\bmau (komplain|complain|order|pesan|pesen|refund|retur|tuker|tukar|"
            r"cancel|batal|booking|book|reschedule|ganti)\b",
            r"\b(jadi|saya|sy|aku|kami) (order|pesan|pesen|ambil|beli|booking)\b",
            r"\b(komplain|complain)\b",
        ),
        "en": (
            r"^\W*(how|what|when|where|which|why|can|could|do you|does|is it|is there|"
            r"are there)\b",
            r"\bplease (check|help|send|replace|confirm|advise|let|book|cancel)\b",
            r"\bi('d| would) like (to|a|an|the)\b",
            r"\bi (want|need) to (book|order|cancel|return|complain|change)\b",
            r"\b(complaint|refund)\b",
        ),
    },
    "fulfils": {  # a reply that does what a request asked
        "any": (r"https?://",),
        "id": (
            r"\bberikut\b",
            r"\bini (kak|ya|link|linknya|nomor|resinya)\b",
            r"\bsudah (kami|saya) (kirim|cek|ganti|proses)",
        ),
        "en": (r"\bhere (you go|it is|is|are)\b", r"\b(we|i)('ve| have) (sent|checked|replaced)\b"),
    },
    # the customer places an order ("ok sy order 1", "sy ambil 1", "I'll take two")...
    "places_order": {
        "id": (
            r"\b(sy|saya|aku|ak)? ?(order|pesan|pesen|ambil|beli|checkout|co)( \S+)? \d+\b",
            r"\b(jadi|mau) (order|pesan|pesen|ambil|beli)\b",
        ),
        "en": (r"\b(i'?ll|i will|we'?ll) (take|order|book|have)\b", r"\bi'?d like to order\b"),
    },
    # ...and the agent takes it: a total, payment or shipping details asked for
    "takes_order": {
        "id": (
            r"\b(silakan|silahkan|mohon|bisa langsung) (transfer|tf|bayar|melakukan pembayaran|"
            r"lakukan pembayaran|checkout)\b",
            r"\btotal(nya)?( jadi)?:? (rp|idr)",
            r"\b(pesanan|orderan)(nya)? (sudah |sdh )?(kami |saya )?(catat|proses|terima)",
        ),
        "en": (
            r"\bplease (transfer|pay|make the payment)\b",
            r"\btotal (is |comes to |of )?(idr|rp)",
            r"\b(order|booking) (is )?(confirmed|noted|received)\b",
        ),
    },
    "asks_price": {
        "id": (
            r"\b(harga|harganya|hrg|berapaan|ongkir|ongkos|biaya)\b",
            # "jam brp?", "tanggal berapa?" ask a time, not a price
            r"(?<!\bjam )(?<!\bpukul )(?<!\btanggal )(?<!\btgl )(?<!\bsampai )"
            r"(?<!\bresi )(?<!\bresinya )(?<!\bnomor )(?<!\bnomornya )(?<!\bno )"
            r"\b(berapa|brp|brapa)\b(?!\s+(lama|hari|jam|menit|minggu|bulan|nomor|no|rekening|"
            r"rek|banyak|kali|pcs|biji|orang|ukuran|size|cm|kg))",
            r"\bgratis\b[^.!]*\?",  # "dapet sample gratis ga?" asks a price: nothing
        ),
        "en": (r"\b(price|prices|cost|costs|how much)\b", r"\bfree\b[^.!]*\?"),
    },
    "asks_stock": {
        "id": (
            r"\b(stok|ready|ada gak|ada nggak|ada ga|tersedia|habis|slot)\b",
            r"\bmasih ada\b(?! (yg|yang) )",  # "masih ada yg ga jalan" is a complaint
            # "XL nya ada kan?"; "kok risolnya ga ada?" is a complaint
            r"(?<!\bga )(?<!\bgak )(?<!\bnggak )(?<!\btidak )\bada( kan| ya| kah)?\s*\?",
            # a booking asks for a free slot: "mau booking lagi 2 minggu lagi bisa?"
            r"\b(booking|book|reservasi|reserve)\b[^?]{0,40}\bbisa\s*\?",
            r"\bada (warna|ukuran|size|varian|slot|jadwal)\b",
        ),
        "en": (r"\b(stock|available|in stock|sold out)\b",),
    },
    # what a package or service includes: data too ("does the Ubud tour include lunch?")
    "asks_contents": {
        "id": (
            r"\b(sudah |udah |udh )?termasuk\b",
            r"\bisi(nya)? (apa|apa aja|apa saja)\b",
            r"\b(dapat|dapet) apa( aja| saja)?\b",
        ),
        "en": (r"\b(include|includes|included|come with|comes with)\b",),
    },
    "gives_contents": {
        "id": (r"\b(termasuk|sudah termasuk|isi(nya)?|dapat|dapet|free|gratis|plus|sama)\b",),
        "en": (r"\b(include|includes|including|included|comes with|come with|with|plus)\b",),
    },
    # a question about an order already placed: its dates are a status, not product data
    "status_check": {
        "id": (
            r"\b(pesanan|paket|orderan|barang)(nya)? (saya|sy|aku|ku)\b",
            r"\b(resi|no resi|nomor resi)\b",
            r"\b(sudah|udah|udh) (transfer|tf|bayar|order|pesan)\b",
        ),
        "en": (
            r"\bi (ordered|paid|booked)\b",
            r"\bmy (order|package|parcel|booking)\b",
            r"\border (no\.? |number |#)?[a-z]{0,4}-?\d{3,}",
        ),
    },
    "asks_schedule": {  # opening hours, pick-up and delivery times, dates: data too
        "id": (
            r"\b(jam|pukul) (berapa|brp|brapa)\b",
            r"\b(buka|tutup)\b.*\?",
            r"\b(tanggal|tgl) (berapa|brp)\b",
            r"\bhari apa\b",
            r"\bkapan (bisa|dikirim|sampai|diambil|jadi|selesai|buka)\b",
            r"\bsampai jam\b",
            r"\b(reschedule|jadwal ulang|ganti jadwal|pindah jadwal|ubah jadwal|undur)\b",
        ),
        "en": (
            r"\bwhat time\b",
            r"\b(opening|business) hours\b",
            r"\bwhen (do|does|can|will|is|are) (you|it|we)\b",
            r"\b(are|is) (you|it) open\b",
        ),
    },
    "gives_schedule": {
        "id": (
            r"\b\d{1,2}[.:]\d{2}\b",
            r"\b(jam|pukul) \d{1,2}\b",
            r"\b(senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|besok|lusa|hari ini)\b",
            r"\b(buka|tutup) (setiap|tiap)\b",
        ),
        "en": (
            r"\b\d{1,2}(:\d{2})? ?(am|pm)\b",
            r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today)\b",
        ),
    },
    "asks_size": {  # asking which size (naming one, "ukuran L ada?", is not asking)
        "id": (
            r"\b(ukuran|ukurannya|size|no\.? sepatu|nomor)\s+(apa|berapa|brp|aja|saja|"
            r"yang ada|yg ada)\b",
            r"\bada ukuran apa\b",
        ),
        "en": (r"\bwhat sizes?\b", r"\bwhich sizes?\b", r"\bsize (chart|guide)\b"),
    },
    "yes_no_question": {
        "id": (
            r"(^|[.!?] )\W*(ada|masih|bisa|boleh|apakah|apa (masih|bisa|ada|sudah)|sudah|udah)\b",
            r"\b(ada|ready|bisa|masih)\s*(gak|ga|nggak|ngga|tidak|kah)\b",
            r"\b(ada|ready|tersedia)\s*\?",
            # "terus ini bisa dituker ga?": words between the verb and the "ga?"
            r"\b(ada|bisa|boleh|masih|ready|sudah|udah)\b[^?]{0,40} (ga|gak|nggak|ngga|enggak|"
            r"tidak|tdk|engga|belum)\s*\?",
        ),
        "en": (r"(^|[.!?] )\W*(is|are|do|does|did|can|could|will|would|have|has)\b",),
    },
    "yes_no_answer": {
        "id": (
            r"^\W*(ada|ya|iya|yaa|bisa|boleh|tidak|tdk|ga|gak|gk|ngga|nggak|enggak|belum|sudah|"
            r"udah|masih|ready|siap|kosong|habis|maaf|betul|benar|tentu)\b",
            # after a greeting: "Halo kak, saya Sekar melanjutkan 😊 Bisa kak, ..."
            r"^\W*(halo|hai|hallo|selamat (pagi|siang|sore|malam)|pagi|siang|sore|malam)\b"
            r"[^.!?]{0,60}?\W (ada|bisa|boleh|tidak|tdk|ga|gak|nggak|belum|sudah|masih|ready|"
            r"kosong|habis)( kak| gan| sis| pak| bu| mas| mbak| ya)?[,.!]",
        ),
        "en": (
            r"^\W*(yes|yeah|yep|no|nope|sure|of course|sorry|unfortunately|not|we do|"
            r"we don'?t|it is|it'?s)\b",
        ),
    },
    "gives_stock": {
        "id": (
            r"\b(ready|ada|stok|tersedia|habis|kosong|penuh|full|tinggal \d+|"
            r"\d+ (pcs|buah|pasang))\b",
        ),
        "en": (
            r"\b(stock|available|in stock|sold out|\d+ (pcs|pc|pieces|pairs) left|free|open|"
            r"fully booked|booked)\b",
            r"\b(we have|there are|still have|only) \d+ (slots?|seats?|spots?|places?|rooms?)\b",
            r"\b\d+ (slots?|seats?|spots?|places?|rooms?) (left|available|open)\b",
        ),
    },
    "gives_size": {"any": (r"\b(xxl|xl|l|m|s|all ?size|\d{2})\b",)},
    "closing": {
        "id": (
            r"\b(terima ?kasih|terimakasih|makasih|trims|tq)\b",
            r"\bsemoga (membantu|harinya|sehat|puas|suka)",
            r"\bselamat berbelanja\b",
            r"\bjangan ragu\b",
            r"\bhubungi (kami|saya) (lagi|kembali)\b",
            r"\bada lagi yang bisa\b",
            r"\bditunggu (kabar|kedatangan|konfirmasi|order|pesanan|transfer|info|kehadiran"
            r"|hari|besok|jam|di)\w*",
            r"(?<!mohon )(?<!harap )(?<!tolong )\bditunggu (ya|yaa|yah)\b",
            r"\bselamat (beraktivitas|beristirahat|berakhir pekan|menikmati|bersenang)",
            r"\bsampai (jumpa|ketemu)\b",
            r"\bsama-?sama\b",
            r"\bsama2\b",
        ),
        "en": (
            r"\b(thanks|thank you|thx)\b",
            r"\bhave a (nice|great|good|wonderful|lovely|safe|fun) \w+",
            r"\benjoy (your|the)\b",
            r"\bsee you\b",
            r"\bwould you like (me|us) to\b",
            r"\blet (me|us) know if\b",
            r"\bhappy shopping\b",
            r"\bfeel free\b",
            r"\banything else\b",
            r"\byou['\u2019]?re welcome\b",
            r"\bmy pleasure\b",
        ),
    },
    "acknowledgement": {  # a whole message of thanks, okays and forms of address
        "any": (
            r"^[\W_]*(?:(?:ok|oke|okay|okey|okeh|sip|siap|baik|ya|iya|yaa|y|tq|thx|thanks|"
            r"thank you|terima ?kasih|makasih|maksih|mksh|trims|sama-?sama|sama2|mantap|noted|"
            r"good|great|banyak|kak|kakak|min|gan|sis|bro|pak|bu|deh|dong|juga|sekali|ditunggu|"
            r"atas|bantuannya|infonya|informasinya|responnya|balasannya|jawabannya|semuanya|"
            r"kembali|so much|a lot|for your help|for the info)\b[\W_]*)*$",
        ),
    },
    "complaint": {
        "id": (
            r"\b(kecewa|rusak|sobek|cacat|belum (sampai|datang|diterima)|lama banget|telat|"
            r"komplain|marah|kesal|nyesel|retur|tukar|salah kirim)\b",
        ),
        "en": (
            r"\b(complain\w*|refund|disappointed|broken|damaged|torn|late|"
            r"not (arrived|received)|wrong item|angry)\b",
        ),
    },
    "empathy": {
        "id": (
            r"\b(mohon maaf|maaf atas|maaf ya|kami mengerti|kami paham|kami memahami|"
            r"turut prihatin)\b",
        ),
        "en": (r"\b(sorry|apolog(ise|ize|ies)|we understand|i understand)\b",),
    },
    "blame": {
        "id": (
            r"\bsalah (kakak|anda|kamu|agan|bapak|ibu) sendiri\b",
            r"\b(kan|sudah) (sudah )?(kami|saya) (bilang|bilangin|tulis|jelaskan)\b",
            r"\b(mungkin|pasti) (kakak|anda|kamu) (salah|yang salah)\b",
            r"\b(kakak|anda|kamu) (yang|sendiri yang) salah\b",
            r"\bbukan (dari|salah) kami\b",
        ),
        "en": (
            r"\byou should have\b",
            r"\b(your|ur) (own )?fault\b",
            r"\bas (we|i) (said|told you)\b",
            r"\bdidn'?t (you )?read\b",
        ),
    },
    "escalation": {
        "id": (
            r"\b(teruskan|diteruskan|eskalasi)\b",
            r"\b(divisi|tim|bagian) (terkait|gudang|ekspedisi|keuangan)\b",
            r"\batasan\b",
        ),
        "en": (
            r"\b(escalat\w*|forward(ed)? (this|it|your))\b",
            r"\b(supervisor|manager|our team will)\b",
        ),
    },
    "honesty": {
        "id": (
            r"\bhanya (dapat|bisa) (melayani|memproses)\b",
            r"\b(belum|tidak|tdk|gak|nggak) (bisa|dapat) (kami|membantu|diproses)\b",
            r"\bdi luar (kewenangan|kemampuan)\b",
        ),
        "en": (r"\bwe can only\b", r"\bunfortunately (we|i) (can'?t|cannot|are unable)\b"),
    },
    # the reply sends the customer elsewhere for what they asked
    "deflection": {
        "id": (
            r"\b(cek|cekin|lihat|liat|buka|kunjungi)( aja| saja| dulu)?( di| ke)? "
            r"(katalog|catalog|highlight|story|bio|feed|ig|instagram|website|web|link|"
            r"shopee|tokopedia|toped|marketplace)\b",
        ),
        "en": (
            r"\b(check|see|look at|visit|browse|register on|sign up on)( out)? (our |the )?"
            r"(catalog|catalogue|website|site|instagram|ig|highlights?|bio|link|app)\b",
        ),
    },
    # a price of nothing: "Gratis kak", "free of charge"
    "free": {
        "id": (r"\b(gratis|free|tidak dipungut biaya|tanpa biaya|tidak bayar|ga bayar)\b",),
        "en": (r"\b(free|no charge|free of charge|complimentary|at no cost)\b",),
    },
    # a price cut the agent grants ("saya kasih diskon 30%", "khusus kakak saya kasih jadi
    # Rp 250.000 aja", "I'll give you 20% off"); a discount refused or asked about, a
    # promotion announced, a free sample, or a bare percentage (fabric, tax) is none
    "discount": {
        "id": (
            r"\b(kasih|kasi|kami beri|saya beri|berikan|bisa kasih)( \S+){0,3}? "
            r"(diskon|disc|potongan|harga khusus|harga spesial)\b",
            r"\b(kasih|kasi|potong|potongin|bikin)( \S+){0,3}? (jadi|cuma|cukup) "
            r"((rp\.?|idr) ?\d|\d{1,3}([.,]\d{3})+|\d+ ?(rb|ribu|k|jt|juta)\b)",
            r"\b(khusus|spesial|special)( buat| untuk| utk)? (kakak|kak|kamu|anda|bapak|ibu|"
            r"mas|mbak|agan|sis)\b.*(\b(diskon|disc|potongan|kasih|jadi|rp\.?)\b|\d ?%)",
            r"\b(diskon|potongan) \d{1,2} ?% (deh|aja|ya|buat|untuk|khusus)\b",
        ),
        "en": (
            r"\b(give|giving|offer|offering|let) you (have )?(an? )?(extra )?(\d{1,2} ?% "
            r"(off|discount)|discount|special price|special deal)",
            r"\bspecial (price|deal|discount) (just )?for you\b",
        ),
    },
    "authorised_discount": {},
    # WhatsApp Business greeting and away messages, by their wording: automated where
    # they come within seconds of the customer (see conversations._sides)
    "automated": {
        "id": (
            r"\b(terima ?kasih|makasih) (telah|sudah|atas) (menghubungi|pesan)\b.*"
            r"\b(balas|membalas|respon|merespon|dibalas|direspon|tanggapi|menanggapi)",
            r"\b(saat ini|sekarang|sedang) (kami )?(berada )?(di ?luar|tutup|libur)"
            r"( jam)?( operasional| kerja| layanan| pelayanan)?\b",
            r"\bdi ?luar jam (operasional|kerja|layanan|pelayanan)\b",
            r"\bpesan (anda|kakak|kak|bapak/ibu) akan (segera )?(kami )?"
            r"(balas|respon|jawab|proses)",
            r"\b(admin|cs|tim) kami akan (segera )?(membalas|merespon|menghubungi)",
            r"\bini (adalah )?pesan otomatis\b",
        ),
        "en": (
            r"\bthanks? (you )?for (contacting|messaging|reaching out to|your message)\b.*"
            r"\b(get back|reply|respond|answer)",
            r"\b(we are|we're|we re) (currently )?(away|closed|out of office)\b",
            r"\boutside (of )?(our )?(business|working|office|operating) hours\b",
            r"\bwe('ll| will) (get back to you|reply|respond)( to you)? (as soon as|shortly|soon)",
            r"\bthis is an automated (message|reply)\b",
        ),
    },
}

DEFAULT_WEIGHTS = {
    "response_speed": 2.0,
    "greeting": 1.0,
    "needs_inquiry": 1.0,
    "answers_questions": 2.0,
    "accurate_concise": 1.5,
    "polite_closing": 1.0,
}


@dataclass(frozen=True, slots=True)
class Rubric:
    """Phrases, weights, critical criteria and thresholds of the checklist."""

    phrases: Mapping[str, Mapping[str, tuple[str, ...]]] = field(
        default_factory=lambda: {key: dict(langs) for key, langs in DEFAULT_PHRASES.items()}
    )
    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    critical: tuple[str, ...] = ()  # a fail here zeroes the conversation's score
    na_counts_as: str = "excluded"  # or "pass"
    wall_of_text_chars: int = 700
    wall_of_text_lines: int = 15
    price_tolerance: float = 0.0  # a quoted price may differ from the catalog by this share
    language_sample: int = 8  # messages per side that langdetect reads
    compiled: Mapping[str, Phrases] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self,
            "compiled",
            {
                key: Phrases(
                    "|".join(f"(?:{p})" for lang in sorted(langs) for p in langs[lang])
                    or r"(?!)"  # an empty list matches nothing
                )
                for key, langs in self.phrases.items()
            },
        )

    def find(self, key: str, text: str) -> re.Match[str] | None:
        """The first phrase of ``key`` in ``text``, a text as ``criteria.base.normal``
        gives it (case folded), or None."""
        return _search(self.compiled[key], text)

    def matching(self, key: str, texts: Sequence[str]) -> Iterator[int]:
        """The indices, in order, of the ``texts`` (normal, as for ``find``) in which a
        phrase of ``key`` occurs."""
        return self.compiled[key].matching(texts)


class Phrases:
    """One phrase list, compiled. Its hash is its identity: a compiled pattern hashes
    its whole program on every call, which cost the cache below more than a search."""

    __slots__ = ("pattern",)

    def __init__(self, pattern: str) -> None:
        # texts are case folded, so a pattern with no capital letter needs no
        # IGNORECASE, which makes every search a third slower; one a user wrote with
        # capitals ("Terima kasih", "[A-Z]") keeps it. Escapes (\W, \S) are not letters.
        letters = re.sub(r"\\.", "", pattern)
        self.pattern = re.compile(pattern, re.IGNORECASE if letters != letters.lower() else 0)

    def __reduce__(self) -> tuple[type[Phrases], tuple[str]]:
        return Phrases, (self.pattern.pattern,)

    def matching(self, texts: Sequence[str]) -> Iterator[int]:
        """See ``Rubric.matching``. A chat says "ok kak" and "brp kak?" again and
        again: each distinct text is searched once. (Searching the texts joined in one
        call is slower: the regex engine's scan, not the calls, is the cost.)"""
        seen: dict[str, bool] = {}
        for index, text in enumerate(texts):
            found = seen.get(text)
            if found is None:
                found = seen[text] = self.pattern.search(text) is not None
            if found:
                yield index


@lru_cache(maxsize=16_384)
def _search(phrases: Phrases, text: str) -> re.Match[str] | None:
    """Criteria, flags and sessions ask the same list about the same message, and short
    replies ("ok kak", "terima kasih") recur across chats: each is searched once."""
    return phrases.pattern.search(text)


_RUBRIC_KEYS = (
    "phrases",
    "weights",
    "critical",
    "na_counts_as",
    "wall_of_text_chars",
    "wall_of_text_lines",
    "price_tolerance",
    "language_sample",
)


def _as_table(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(
            where,
            f"must be a table, not {value!r}",
            "write it as a [section] with key = value lines",
        )
    return value


def _phrases(table: Mapping[str, Any], where: str) -> dict[str, dict[str, tuple[str, ...]]]:
    phrases = {key: dict(langs) for key, langs in DEFAULT_PHRASES.items()}
    for key, langs in _as_table(table, f"{where}.phrases").items():
        if key not in phrases:
            raise ConfigError(
                f"{where}.phrases",
                f"unknown phrase list {key!r}",
                f"use one of: {', '.join(sorted(phrases))}",
            )
        if not isinstance(langs, dict):
            raise ConfigError(
                f"{where}.phrases",
                f"{key} must be a table of languages",
                f"write [rubric.phrases.{key}] with id = [...], en = [...]",
            )
        for lang, values in langs.items():
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise ConfigError(
                    f"{where}.phrases.{key}",
                    f"{lang} must be a list of strings",
                    "write regular expressions as strings",
                )
            phrases[key][lang] = tuple(values)
        joined = "|".join(f"(?:{p})" for lang in sorted(phrases[key]) for p in phrases[key][lang])
        try:  # the list as one pattern: inline flags or repeated group names fail here
            re.compile(joined)
        except re.error as error:
            raise ConfigError(
                f"{where}.phrases.{key}",
                f"the phrases do not combine ({error})",
                "use plain expressions: no inline flags, no named groups",
            ) from None
    return phrases


MAX_WEIGHT = 1000  # weights are relative: a bound keeps every score finite


def rubric_from_mapping(value: Any, where: str) -> Rubric:
    """The default rubric with a config's ``[rubric]`` values in place of its own."""
    table = _as_table(value, where)
    for key in table:
        if key not in _RUBRIC_KEYS:
            raise ConfigError(
                where, f"unknown key {key!r}", f"use one of: {', '.join(_RUBRIC_KEYS)}"
            )
    rubric = Rubric()
    changes: dict[str, Any] = {"phrases": _phrases(table.get("phrases", {}), where)}
    weights = dict(rubric.weights)
    for key, weight in _as_table(table.get("weights", {}), f"{where}.weights").items():
        if (
            key not in CRITERIA
            or isinstance(weight, bool)
            or not isinstance(weight, int | float)
            or not 0 <= weight <= MAX_WEIGHT
        ):
            raise ConfigError(
                f"{where}.weights",
                f"{key} = {weight!r} is not a criterion weight",
                f"give a number from 0 to {MAX_WEIGHT} for one of: {', '.join(CRITERIA)}",
            )
        weights[key] = float(weight)
    changes["weights"] = weights
    critical = table.get("critical", [])
    if not isinstance(critical, list) or any(c not in CRITERIA for c in critical):
        raise ConfigError(
            where,
            f"critical = {critical!r} names an unknown criterion",
            f"use criteria from: {', '.join(CRITERIA)}",
        )
    changes["critical"] = tuple(critical)
    na = table.get("na_counts_as", rubric.na_counts_as)
    if na not in ("excluded", "pass"):
        raise ConfigError(where, f"na_counts_as = {na!r}", 'write "excluded" or "pass"')
    changes["na_counts_as"] = na
    for key in ("wall_of_text_chars", "wall_of_text_lines", "language_sample"):
        if key in table:
            number = table[key]
            if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= 10**6:
                raise ConfigError(where, f"{key} = {number!r}", "give a whole number from 1")
            changes[key] = number
    if "price_tolerance" in table:
        share = table["price_tolerance"]
        if isinstance(share, bool) or not isinstance(share, int | float) or not 0 <= share < 1:
            raise ConfigError(where, f"price_tolerance = {share!r}", "give a share from 0 to 0.99")
        changes["price_tolerance"] = float(share)
    return replace(rubric, **changes)
