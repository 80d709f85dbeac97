"""Prices as written in Indonesian chats, and the product catalog they are checked against."""

from __future__ import annotations

import csv
import functools
import io
import itertools
import re
from collections.abc import Callable, Set
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from cs_audit.errors import ConfigError

_UNITS = {
    "rb": 1_000,
    "rban": 1_000,  # "600rban": about 600 thousand
    "ribu": 1_000,
    "k": 1_000,
    "jt": 1_000_000,
    "jtan": 1_000_000,
    "juta": 1_000_000,
    "jutaan": 1_000_000,  # "mulai 3 jutaan": from 3 million
    "ribuan": 1_000,
    "million": 1_000_000,  # "IDR 5.9 million"
    "mio": 1_000_000,
    "thousand": 1_000,
}
_SPACE = "[ \u00a0\u202f]"  # a space, NBSP or NNBSP between digit groups ("Rp 1 850 000")
# A price is a currency and a number ("Rp 150.000", "IDR 150,000.00", "Rp 1 850 000",
# "Rp185.000,-"), a number and a unit ("150rb", "1,5jt", "150 ribu"), or, where money is
# meant, a bare number in thousands groups ("harganya 150.000"). A unit is a whole word:
# the "k" of "kak" or "kirim" is not a thousand. Digits are capped: no amount overflows.
_PRICE = re.compile(
    rf"""
    (?:(?P<cur>\b(?:rp|idr)\.?{_SPACE}*) | (?<![\w.,]))
    (?P<num>
        (?P<grouped>\d{{1,3}}(?P<sep>[.,])\d{{3}}(?:(?P=sep)\d{{3}}){{0,4}}(?!\d|(?P=sep)\d)
            (?:(?!(?P=sep))[.,]\d{{1,2}}(?!\d))?)
      | (?(cur)(?P<spaced>\d{{1,3}}(?:{_SPACE}\d{{3}}){{1,4}}(?!\d))|(?!))
      | \d{{1,12}}(?![\d]|[.,]\d{{3}})(?:[.,]\d{{1,2}}(?!\d))?
    )
    (?P<dash>,-)?
    (?:(?P<gap>{_SPACE}*)(?P<unit>jutaan|juta|jtan|jt|ribuan|ribu|rban|rb|million|mio|thousand|k)(?!\w))?
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Where a bare "150.000" is money: a money word among the three words before it.
_MONEY_WORDS = re.compile(
    r"\b(?:harga|seharga|price|total|subtotal|bayar|ongkir|ongkos|biaya|cost|tarif|dp|cicilan|"
    r"pelunasan|transfer|rupiah)(?:nya)?\b\W*(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)
# A number that names something else: "resi 123.456.789", "order 2.345.678".
_IDENTIFIER_WORDS = re.compile(
    r"\b(?:resi|no|nomor|nomer|order|pesanan|invoice|inv|kode|id|awb)\b\W*(?:\w+\W+)?$",
    re.IGNORECASE,
)
# A number counting something else: "1.000 pcs", "1.500 gram", "30 menit".
_OTHER_UNITS = re.compile(
    r"\s?(?:pcs|pc|pieces?|biji|buah|lembar|lusin|unit|set|porsi|gram|gr|g|kg|mg|ml|l|"
    r"liter|cm|mm|m|meter|km|menit|detik|jam|hari|minggu|bulan|tahun|orang|pax|followers?|"
    r"lebih)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Price:
    """A price quoted in a message: its value in rupiah and how it was written."""

    value: int
    written: str


def _value(match: re.Match[str]) -> int:
    """Rupiah in a matched price: groups joined, a decimal part kept only under a unit
    ("1,5jt"), the unit multiplied in."""
    unit = _UNITS[match["unit"].lower()] if match["unit"] else 1
    if match["grouped"]:
        whole, _, fraction = match["grouped"].partition("," if match["sep"] == "." else ".")
        number = float(f"{whole.replace(match['sep'], '')}.{fraction or 0}")
    elif match["spaced"]:
        number = float(re.sub(r"\D", "", match["spaced"]))
    else:
        number = float(match["num"].replace(",", "."))
    return round(number * unit)


def find_prices(text: str, *, money_asked: bool = False) -> tuple[Price, ...]:
    """Every price written in ``text``, in order. ``money_asked``: the question this
    text answers asked a price, so a bare "150.000" is one even without a money word."""
    return _find_prices(text, money_asked)


@functools.lru_cache(maxsize=4096)  # a reply is read again for each question it answers
def _find_prices(text: str, money_asked: bool) -> tuple[Price, ...]:
    return tuple(price for _, price in _placed_prices(text, money_asked))


def _placed_prices(text: str, money_asked: bool) -> list[tuple[re.Match[str], Price]]:
    """``find_prices``, each with its match (where it stands in the text)."""
    found: list[tuple[re.Match[str], Price]] = []
    for match in _PRICE.finditer(text):
        # a bare number after a price in rupiah is one too: "Rp 1.750.000 - 1.850.000"
        meant = money_asked or any(p.written[:1].isalpha() for _, p in found)
        if _is_price(match, text, money_asked=meant):
            found.append((match, Price(_value(match), match[0].strip())))
    return found


# an amount that bounds others, not a price ("gratis ongkir untuk belanja di atas Rp
# 1.500.000", "minimal order Rp 500.000", "free delivery above IDR 1,500,000"), or the
# customer's budget said back ("untuk budget ±250rb ada beberapa pilihan")
_THRESHOLD = re.compile(
    r"\b(?:di ?atas|di ?bawah|minimal|minimum|min\.?|maksimal|maximum|max\.?|lebih dari|"
    r"kurang dari|above|over|under|below|at least|up to|sampai|s\.?d\.?|budget|anggaran)"
    r"(?:\s+[^\W\d_]+){0,3}\s*[:\u00b1~]?\s*$",  # "minimal order untuk dikirim Rp 500.000"
    re.IGNORECASE,
)


def threshold(text: str, at: int) -> bool:
    """Whether the amount at ``at`` bounds others rather than prices something."""
    return bool(_THRESHOLD.search(text[max(0, at - 40) : at]))


_CONTEXT = 40  # characters before a number read for the words that say what it is


def _is_price(match: re.Match[str], text: str, *, money_asked: bool) -> bool:
    """A currency or a unit makes a number a price; a bare one must be in thousands
    groups where money is meant, and not count or name something else. "150 k" needs
    money meant too ("Ready 2 k" is not a price). Only the few words before a number
    are read, so a long message costs its length, not its square."""
    if match["cur"]:
        return True
    before = text[max(0, match.start() - _CONTEXT) : match.start()]
    money = money_asked or _MONEY_WORDS.search(before) is not None
    if match["unit"]:
        return money or not (match["gap"] and match["unit"].lower() == "k")
    if not match["grouped"]:  # "42", "14.30": a size, a time
        return False
    named = _IDENTIFIER_WORDS.search(before) or _OTHER_UNITS.match(text, match.end())
    return money and not named


# A price given as a bound or a guess rather than one amount: "mulai 1 jutaan",
# "sekitar 70-90rb", "around 800k to 900k", "from IDR 500,000", "Rp 250-350rb".
_APPROXIMATELY = re.compile(
    r"\b(?:mulai|mulai dari|start(?:ing)? (?:from|at)|from|sekitar|sekitaran|kisaran|"
    r"kira-?kira|kurang lebih|around|approx(?:imately)?|about|roughly)\W*$|±\s*$",
    re.IGNORECASE,
)
_RANGE_START = re.compile(
    r"\d[\d.,]*\s*(?:rb|ribu|k|jt|juta)?\s*(?:-|\u2013|\u2014|to|sampai|sampe|s/?d|hingga)\s*"
    r"(?:(?:rp|idr)\.?\s*)?$"
    # "between IDR 5.7 and 5.9 million", "antara 150 dan 200rb"
    r"|\b(?:between|antara)\s+(?:(?:rp|idr)\.?\s*)?\d[\d.,]*\s*(?:rb|ribu|k|jt|juta|million)?"
    r"\s*(?:and|dan)\s*(?:(?:rp|idr)\.?\s*)?$",
    re.IGNORECASE,
)


# what a vague price needs somewhere in its text: a word of _APPROXIMATELY, a "-an"
# amount ("900 ribuan"), or a range's joiner after a number (_RANGE_START); looked for
# with ``in`` first, which is many times faster than the regex engine's alternation
_VAGUE_WORDS = (
    "mulai", "from", "start", "sekitar", "kisaran", "kira", "kurang lebih", "around",
    "approx", "about", "roughly", "\u00b1", "jutaan", "ribuan", "rban", "jtan", "between",
    "antara",
)  # fmt: skip
_RANGE_JOINED = re.compile(
    r"\d[\d.,]*\s*(?:rb|ribu|k|jt|juta)?\s*(?:-|\u2013|\u2014|to|sampai|sampe|s/?d|hingga)"
)


# a price said as hundreds, about: "harganya sekitar 200an", "harga mulai 150-an"
_ABOUT_HUNDREDS = re.compile(
    r"\b(?:harga|harganya|price)\s+((?:sekitar|kisaran|kira-?kira|kurang lebih|mulai|around|about)"
    r"\s+\d{2,3}-?an)\b",
    re.IGNORECASE,
)


def _may_be_vague(text: str) -> bool:
    folded = text.casefold()
    return any(word in folded for word in _VAGUE_WORDS) or bool(_RANGE_JOINED.search(folded))


@functools.lru_cache(maxsize=4096)  # a reply is read again for each question it answers
def approximate_price(text: str) -> str | None:
    """The first price in ``text`` (an answer to a price question) written as a range,
    a lower bound or a guess, as written; None when every price is one amount."""
    if not _may_be_vague(text):  # most answers: no price to read
        return None
    bare = _ABOUT_HUNDREDS.search(text)
    if bare:  # "harganya sekitar 200an": about 200 thousand, no unit written
        return bare[1]
    for match in _PRICE.finditer(text):
        if not _is_price(match, text, money_asked=True) or threshold(text, match.start()):
            continue  # "budget ±250rb" is the customer's, not a price
        offset = max(0, match.start() - _CONTEXT)
        before = text[offset : match.start()]
        vague = _APPROXIMATELY.search(before) or _RANGE_START.search(before)
        if vague and not _APPROXIMATELY.search(before) and _subtraction(vague[0], match, text):
            continue  # "Rp 489.000 - Rp 75.000 = Rp 414.000": a sum, not a range
        if vague:
            return text[offset + vague.start() : match.end()].strip()
        if (match["unit"] or "").lower() in ("jutaan", "ribuan", "jtan", "rban"):  # "900rban"
            return match[0].strip()
    return None


def _subtraction(start: str, match: re.Match[str], text: str) -> bool:
    """Whether what reads as a range is a subtraction: its first amount above its second
    (a range runs from low to high) and a result after it ("Rp 489.000 - Rp 75.000 =
    Rp 414.000"); "Rp 250.000 - Rp 200.000 tergantung ukuran" stays a range."""
    low = _PRICE.search(start)
    if low is None or not match["num"] or not _RESULT.match(text, match.end()):
        return False
    if not low["unit"] and match["unit"]:  # "70-90rb": the unit is the range's
        return False
    return _value(low) > _value(match)


_RESULT = re.compile(r"\s*=")
_LETTER = re.compile(r"[^\W\d_]")


# A price announced as a total: "... = Rp 260.000", "..., total Rp 1.175.000", "Total
# IDR 1,395,000 (board IDR 950,000 + ...)": the words between it and what comes before.
_TOTAL_AFTER = re.compile(
    r"(?:=|\b(?:total|totalnya|semuanya|semua|grand total|in total|altogether|all together))"
    r"\W*(?:(?:jadi|is|of|ya|kak|come to|comes to)\W+)*$",
    re.IGNORECASE,
)
# a price times a quantity ("3 m x Rp 115.000", "Rp 60.000 per ekor", "@ Rp 25.000"):
# what it adds to a total is not the price itself
# (a times sign, not a word's last letter: "2 bantal latex Rp 570.000" is no product)
_TIMES_BEFORE = re.compile(
    r"(?:(?<![^\W\d_])[x\u00d7@*]|\bper)\s*(?:(?:rp|idr)\.?\s*)?$", re.IGNORECASE
)
_TIMES_AFTER = re.compile(
    r"\s*\)?\s*(?:[x\u00d7*]\s*\d|/|per\b|each\b|masing|sebatang|sedus|sekotak)", re.IGNORECASE
)
_ADDED_TO = re.compile(r"\s*\+")
_IN_TOTAL = re.compile(r"\s*(?:in total|altogether|all together)\b", re.IGNORECASE)
_TOTAL_BEFORE = re.compile(r"\btotal(?:nya)?\W*$", re.IGNORECASE)
_MOST_PARTS = 12  # prices a total may be made of: subsets of more are not tried


class WrongTotal(NamedTuple):
    total: Price
    parts: tuple[Price, ...]  # what it should be the sum of, or some of them
    added: bool  # the parts are written with "+": the total is their sum


@functools.lru_cache(maxsize=4096)  # every reply is read once per criterion that asks
def wrong_total(text: str) -> WrongTotal | None:
    """A total the agent added up wrong in one message, with the prices it should be
    the sum of: "Rp 948.000 + Rp 720.000 + ongkir Rp 140.000 = Rp 1.708.000" (their
    sum is Rp 1.808.000), "Total IDR 1,395,000 (board IDR 950,000 + table IDR
    415,000)", "Frame Rp 355.000, dan lensa Rp 1.850.000. Total Rp 2.105.000". Parts
    written with "+" must add up to it; otherwise, where no price in the message is
    one of several (a quantity, "per") and the total is less than them all, some of
    the prices before it must. None where every total adds up, or none is checkable."""
    folded = text.casefold()  # most replies announce no total: no price to read
    if not any(word in folded for word in ("=", "total", "semua", "together")):
        return None
    placed = [(m, p) for m, p in _placed_prices(text, False) if not threshold(text, m.start())]
    for i, (match, total) in enumerate(placed):
        before = text[placed[i - 1][0].end() if i else 0 : match.start()]
        if _ADDED_TO.match(text, match.end()):  # "Totalnya Rp 245.000 + ...": a part
            continue
        billed = _bill(text, placed, i) if i >= 2 else ()
        added_up = sum(p.value for p in billed)
        if billed and added_up != total.value and not _repeated(billed, total.value):
            return WrongTotal(total, billed, added=True)
        if billed:
            continue
        announced = _TOTAL_AFTER.search(before)
        if announced and announced[0].lstrip().startswith("=") and "\n" in before:
            # "...\nOngkir Zona 2 (Rappocini) = Rp 20.000": the "=" gives its own line's
            # amount, named before it, not a sum of the lines above ("...\n= Rp 160.000")
            line = before[before.rfind("\n") + 1 : before.rfind("=")]
            if _LETTER.search(line):
                announced = None
        if i and (announced or _IN_TOTAL.match(text, match.end())):
            if i >= 2 and _subtracted(text, placed, i):
                continue  # "Rp 489.000 - Rp 75.000 = Rp 414.000"
            chain = _added(text, placed, i - 1, -1)
            if len(chain) >= 2:
                added = sum(p.value for p in chain)
                # "3 pack Rp 175.500 ... ongkir Rp 15.000 + ice gel Rp 10.000, total Rp
                # 200.500" holds the goods too
                earlier = placed[max(0, i - len(chain) - _MOST_PARTS) : i - len(chain)]
                if (
                    added != total.value
                    and not (
                        total.value > added
                        and _sums_to(tuple(p for _, p in earlier), total.value - added)
                    )
                    and not _counted(text, added, total.value, match.start())
                ):
                    return WrongTotal(total, chain, added=True)
                continue
            items = _worked_out(text, placed[:i])
            parts = tuple(p for _, p in items) if len(items) <= _MOST_PARTS else ()
            if (
                len(parts) >= 2
                and text.find("%", 0, match.start()) < 0  # after "diskon 10%": no plain sum
                # more than them all: it holds an amount said elsewhere ("ongkir Rp
                # 20.000 dan Rp 35.000, jadi totalnya Rp 535.000" with the flowers)
                and total.value < sum(p.value for p in parts)
                and not _multiplied(text, items)
                and not _sums_to(parts, total.value)
            ):
                return WrongTotal(total, parts, added=False)
        elif _TOTAL_BEFORE.search(before) and i + 1 < len(placed):
            # "Total IDR 1,395,000 (board IDR 950,000 + table arrangement IDR 415,000)"
            chain = _added(text, placed, i + 1, 1)
            opening = text[match.end() : placed[i + 1][0].start()]
            if len(chain) >= 2 and "(" in opening and sum(p.value for p in chain) != total.value:
                return WrongTotal(total, chain, added=True)
    return None


def _repeated(lines: tuple[Price, ...], total: int) -> bool:
    """Whether a bill adds up once an amount it says twice is counted once: "Cileungsi
    masuk area antar Rp 45.000." told, then "Antar Rp 45.000" billed."""
    values = [p.value for p in lines]
    excess = sum(values) - total
    return excess > 0 and values.count(excess) >= 2


_MINUS = re.compile(r"\s*[-\u2013\u2212]\s*(?:(?:rp|idr)\.?\s*)?$", re.IGNORECASE)


def _subtracted(text: str, placed: list[tuple[re.Match[str], Price]], i: int) -> bool:
    """Whether the total at ``i`` is the two prices before it, the second taken off the
    first ("Rp 489.000 - Rp 75.000 = Rp 414.000", a trade-in or a deposit deducted)."""
    (first, a), (second, b) = placed[i - 2], placed[i - 1]
    return bool(_MINUS.match(text[first.end() : second.start()])) and a.value - b.value == (
        placed[i][1].value
    )


# "25 pcs x IDR 178,000 = IDR 4,350,000", "Rp 75.000/seat x 5 = Rp 375.000"
_COUNT_TIMES = re.compile(
    r"(?<![\d.,])(?P<count>\d{1,4})(?:\s+[^\W\d_]+){0,3}\s*(?<![^\W\d_])[x\u00d7*]\s*$",
    re.IGNORECASE,
)
_TIMES_COUNT = re.compile(
    r"^\s*(?:/\s*[^\W\d_]+\s*)?[x\u00d7*]\s*(?P<count>\d{1,4})(?![\d.,]\d)(?:\s+[^\W\d_]+){0,2}"
    r"\s*=\s*$",
    re.IGNORECASE,
)


# a size beside a count: an amount glued to its unit ("m2") or followed by a measure
# ("50 m"); the count is the amount with a word before it ("4 roll")
_MEASURE_AFTER = re.compile(r"\s*(?:m|cm|mm|meter|km|kg|gr|gram|g|l|liter|ml|m2)\b", re.IGNORECASE)
_COUNT_BEFORE_SIZE = re.compile(r"(?<![\d.,])(?P<count>\d{1,4})\s+[^\W\d_]+\s*$")


def _sized(lead: str, counted: re.Match[str]) -> bool:
    """Whether the amount a ``_COUNT_TIMES`` match counts is a size, not a count."""
    at = counted.start("count")
    return (at > 0 and lead[at - 1].isalpha()) or bool(
        _MEASURE_AFTER.match(lead, counted.end("count"))
    )


def wrong_product(text: str) -> tuple[Price, Price, int] | None:
    """A price times a count written with a product that is not theirs: "25 pcs x IDR
    178,000 = IDR 4,350,000" (25 x 178,000 is 4,450,000). The price, the product written
    and the count; None where every one is right."""
    if "=" not in text:
        return None
    placed = _placed_prices(text, False)
    for k, ((first, price), (second, product)) in enumerate(itertools.pairwise(placed)):
        between = text[first.end() : second.start()]
        # what stands before the price since the last one, on its line: no sum of
        # several ("10 x Rp 85.000 + 2 x Rp 95.000 = Rp 1.040.000")
        start = max(placed[k - 1][0].end() if k else 0, text.rfind("\n", 0, first.start()) + 1)
        lead = text[start : first.start()]
        if "+" in lead or "(" in lead:
            continue
        count = 0
        after = _TIMES_COUNT.match(between)
        if after is not None:
            count = int(after["count"])
        elif re.fullmatch(r"\s*=\s*", between):
            count = 1  # the counts before it, multiplied: "2 pcs x 2 hari x Rp 12.000"
            while (before := _COUNT_TIMES.search(lead)) is not None:
                sized = _sized(lead, before)
                counted = (
                    _COUNT_BEFORE_SIZE.search(lead, 0, before.start("count")) if sized else None
                )
                if counted is not None:  # "4 roll 50 m x", "6 m2 x": the roll, not the metre
                    count *= int(counted["count"])
                    lead = lead[: counted.start()]
                    continue
                count *= int(before["count"])
                lead = lead[: before.start()]
            count = count if count > 1 else 0
        if count >= 2 and price.value * count != product.value:
            return price, product, count
    return None


def _counted(text: str, each: int, total: int, at: int) -> bool:
    """Whether ``total`` is ``each`` times a count the line before it writes ("8 pcs
    XXL x (Rp 78.000 + Rp 5.000) = Rp 664.000", "2 XXL at IDR 105,000 + IDR 5,000
    surcharge each = IDR 220,000")."""
    if each <= 0 or total % each or not 2 <= total // each <= 1000:
        return False
    line = text[text.rfind("\n", 0, at) + 1 : at]
    return re.search(rf"(?<![\d.,]){total // each}(?![\d.,]\d)", line) is not None


def _sums_to(parts: tuple[Price, ...], value: int) -> bool:
    """Whether some of the prices (the last _MOST_PARTS of them) add up to ``value``."""
    values = [p.value for p in parts[-_MOST_PARTS:]]
    sizes = range(1, len(values) + 1)
    return any(sum(c) == value for r in sizes for c in itertools.combinations(values, r))


_TOTAL_LINE = re.compile(r"^\W*(?:grand )?total(?:nya)?\b[^\n\d]*$", re.IGNORECASE)


def _bill(text: str, placed: list[tuple[re.Match[str], Price]], i: int) -> tuple[Price, ...]:
    """The line amounts of a bill, where the i-th price ends a "Total" line right after
    two or more lines of one item each ("... 20 x Rp 38.000 = Rp 760.000", "Ongkir
    Rp 33.000"): each line's last amount, up to a line that holds none, a discount, or
    ends in ":" (its heading). None where an amount is still times a quantity."""
    match = placed[i][0]
    start = text.rfind("\n", 0, match.start()) + 1
    if not _TOTAL_LINE.match(text[start : match.start()]):
        return ()
    lines: list[tuple[re.Match[str], Price]] = []
    end = start - 1
    k = i - 1
    while end > 0:
        begin = text.rfind("\n", 0, end) + 1
        on_line = []
        while k >= 0 and placed[k][0].start() >= begin:
            on_line.append(placed[k])
            k -= 1
        line = text[begin:end]
        if not on_line or "%" in line or "diskon" in line.casefold():
            break
        if line.rstrip().endswith(":"):  # the bill's heading ("Kalau diganti ...:")
            break
        # amounts in an aside ("(kalau eceran Rp 9.500/m jadi Rp 1.900.000)") are not
        # the line's: its last amount before the aside is; a line of an aside alone ("(a
        # card would be IDR 8,000)") is none of the bill
        kept = 0  # on_line runs from the line's last amount back: skip those in asides
        while kept < len(on_line):
            at = on_line[kept][0].start()
            opened = text.rfind("(", begin, at)  # an unclosed "(" before it: its aside
            if opened < 0 or text.find(")", opened, at) >= 0:
                break
            while kept < len(on_line) and on_line[kept][0].start() > opened:
                kept += 1
        on_line = on_line[kept:]
        if not on_line:
            break
        if _TOTAL_LINE.match(text[begin : on_line[-1][0].start()]):  # an earlier bill's
            break  # total: each line is walked once, however many bills a reply holds
        last = on_line[0]  # the line's last amount: its product, where one is written
        between = text[on_line[1][0].end() : last[0].start()] if len(on_line) > 1 else "="
        if ("=" not in between and ":" not in between) or _multiplied(text, [last]):
            return ()  # a line this cannot add up: no bill to check
        lines.append(last)
        end = begin - 1
    if len(lines) < 2:
        return ()
    return tuple(p for _, p in lines[::-1])


_PRODUCT_FOLLOWS = re.compile(r"\s*(?:/\s*\w+\s*)?=")  # " = ", "/pack = "


def _worked_out(
    text: str, placed: list[tuple[re.Match[str], Price]]
) -> list[tuple[re.Match[str], Price]]:
    """The prices a total may be the sum of: a price times a quantity whose product the
    reply writes ("20 x Rp 38.000 = Rp 760.000") stands as that product."""
    kept = []
    for k, (m, price) in enumerate(placed):
        if _times(text, m) and k + 1 < len(placed):
            between = text[m.end() : placed[k + 1][0].start()]
            if _PRODUCT_FOLLOWS.match(between):
                continue  # its product follows
            counts = (int(n) for n in re.findall(r"(?<![\d.,])(\d{1,3})(?![\d.,]\d)", between))
            if any(n * price.value == placed[k + 1][1].value for n in counts):
                continue  # "Rp 65.000/ekor, 3 ekor Rp 195.000": its product follows
        kept.append((m, price))
    return kept


def _times(text: str, match: re.Match[str]) -> bool:
    """Whether the price at ``match`` is times a quantity ("3 m x Rp 115.000", "/pcs")."""
    before = text[max(0, match.start() - 12) : match.start()]
    return bool(_TIMES_BEFORE.search(before) or _TIMES_AFTER.match(text, match.end()))


def _multiplied(text: str, placed: list[tuple[re.Match[str], Price]]) -> bool:
    """Whether any of the prices is times a quantity."""
    return any(_times(text, m) for m, _ in placed)


def _added(
    text: str, placed: list[tuple[re.Match[str], Price]], start: int, step: int
) -> tuple[Price, ...]:
    """The prices joined by "+" from ``placed[start]`` on, backwards (``step`` -1: the
    parts of the total that follows them) or forwards (1: of the total before them),
    in their order in the text; none where one is times a quantity."""
    chain = [placed[start]]
    at = start + step
    while 0 <= at < len(placed):
        first, second = (placed[at], chain[-1]) if step < 0 else (chain[-1], placed[at])
        between = text[first[0].end() : second[0].start()]
        if "+" not in between or "=" in between or _TOTAL_AFTER.search(between):
            break
        chain.append(placed[at])
        at += step
    ordered = chain[::-1] if step < 0 else chain
    # "Rp 140.000 + helm 7 x Rp 25.000 = Rp 175.000": the "=" may give the last term's
    # product, not the sum (wrong_product checks that)
    if step < 0 and _times(text, ordered[-1][0]):
        return ()
    prices = []
    for k, (match, price) in enumerate(ordered):
        counted = 1
        if _times(text, match):
            # a count written right beside it, in the chain: "2 x IDR 36,800,000 + ..."
            lead_from = ordered[k - 1][0].end() if k else _line_start(text, match.start())
            counted = _term_count(text, lead_from, match) or 0
            if not counted:
                return ()  # times a quantity this cannot read ("per", "/pcs")
        written = f"{counted} x {price.written}" if counted > 1 else price.written
        prices.append(Price(price.value * counted, written))
    return tuple(prices)


# a count in a sum's term: "2 x IDR 36,800,000", "3 kaos x Rp 75.000", "Rp 75.000 x 5"
_DIGIT = re.compile(r"\d")
_TERM_COUNT_AFTER = re.compile(r"\s*[x\u00d7*]\s*(?P<count>\d{1,3})(?![\d.,]?\d)\s*(?=[+=]|$)")


def _line_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1


def _term_count(text: str, lead_from: int, match: re.Match[str]) -> int | None:
    """The count a sum's term multiplies its price by, written beside it with no other
    number between it and the "+" ("Jadi 2 x IDR 36,800,000 +", "+ Rp 75.000 x 5 =");
    None where the price is times anything else."""
    lead = text[lead_from : match.start()]
    before = _COUNT_TIMES.search(lead)
    if before is not None and (_sized(lead, before) or _DIGIT.search(lead, 0, before.start())):
        before = None  # "4 roll 50 m x", or more numbers than the count
    after = _TERM_COUNT_AFTER.match(text, match.end())
    if (before is None) == (after is None):
        return None  # no count, or one each side ("2 x Rp 5.000 x 3")
    if before is not None and _TIMES_AFTER.match(text, match.end()):
        return None  # "2 x Rp 12.000 /hari"
    found = before or after
    return int(found["count"]) if found is not None else None


_PLAIN_CELL = re.compile(
    r"(?P<int>\d+)(?:\.0{1,2})?"  # 185000, 185000.0 (a spreadsheet's number)
    r"|(?P<comma>\d{1,3}(?:,\d{3})+)(?:\.\d+)?"  # 185,000
    r"|(?P<dot>\d{1,3}(?:\.\d{3})+)(?:,\d+)?"  # 185.000
)


def price_cell(text: str) -> int | None:
    """The rupiah in a catalog's price cell ("185000", "185000.0", "185,000",
    "Rp 185.000", "150rb"), or None when the cell is not one price."""
    cell = text.strip()
    plain = _PLAIN_CELL.fullmatch(cell)
    if plain:
        return int(re.sub(r"\D", "", plain["int"] or plain["comma"] or plain["dot"]))
    prices = find_prices(cell, money_asked=True)
    if len(prices) == 1 and len(prices[0].written) >= len(cell.rstrip(".-, ")) - 1:
        return prices[0].value
    return None


@dataclass(frozen=True, slots=True)
class CatalogItem:
    name: str
    price: int
    where: str  # file:row, for evidence
    variant: str = ""  # a size or variant column's cells ("22cm", "isi 12"), if any

    @property
    def label(self) -> str:
        """The product as a reason names it: "Black Forest 22cm"."""
        return f"{self.name} {self.variant}" if self.variant else self.name


def _cell(value: object) -> str:
    """A workbook cell as text; a computed price (166500.00000000003) as whole rupiah."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(round(value))
    return str(value)


def _delimiter(text: str) -> str:
    """The delimiter the first lines hold equally often, but for up to three title
    lines above the header that hold none ("Daftar Harga 2026"): a tab, ";" (a
    comma-decimal locale's Excel) or "|" before ",", which quoted prices also hold."""
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    for candidate in ("\t", ";", "|", ","):
        counts = [line.count(candidate) for line in lines]
        titles = next((i for i, n in enumerate(counts) if n), len(counts))
        if titles <= 3 and len(set(counts[titles:])) == 1 and counts[titles:]:
            return candidate
    return ","


def _rows(path: Path) -> list[list[str]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl  # noqa: PLC0415  (only when a workbook catalog is given)

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = [[_cell(c) for c in row] for row in sheet.iter_rows(values_only=True)]
        book.close()
        return rows
    with path.open(encoding="utf-8-sig", newline="") as handle:
        text = handle.read()
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))


# a service business names its rows services: "Layanan;Harga", "Jasa", "Treatment", "Menu";
# a rental its units
_NAME_HEADER = re.compile(
    r"\b(?:product|produk|nama|name|item|barang|layanan|jasa|service|services|treatment|"
    r"menu|paket|package|unit|kendaraan|vehicle|program|kelas|course|kursus|class)\b",
    re.IGNORECASE,
)
_PRICE_HEADER = re.compile(
    r"\b(?:price|harga|prices|price_idr|tarif|tariff|rate|biaya|cost|fee)\b|^harga",
    re.IGNORECASE,
)
_EXACT_PRICE_HEADER = re.compile(
    r"(?:price|harga|prices|tarif|tariff|rate|biaya|cost|fee)"
    r"(?:[ _]?(?:idr|rp|jual|satuan|normal))?(?:\s*\((?:rp|idr)\))?",
    re.IGNORECASE,
)


# a column that tells variants of one product apart: "Black Forest" 18cm and 22cm
_VARIANT_HEADER = re.compile(
    r"\b(?:size|sizes|ukuran|varian|variant|variants|variasi|tipe|type|warna|colou?r|isi|"
    r"kapasitas|capacity|volume|durasi|duration|lama|berat|weight|merek|merk|brand|jenjang|"
    r"level|sesi|session|sessions|mode)\b",
    re.IGNORECASE,
)


def _variant_columns(header: list[str], name_at: int, price_at: int) -> list[int]:
    return [
        i
        for i, cell in enumerate(header)
        if i not in (name_at, price_at) and _VARIANT_HEADER.search(cell.replace("_", " "))
    ]


def _other_prices(header: list[str], price_at: int) -> list[int]:
    """Further price columns ("Harga Reseller", "Harga Grosir"): a price in one of them
    is right too, for its row's product."""
    return [
        i
        for i, cell in enumerate(header)
        if i != price_at and _PRICE_HEADER.search(cell.replace("_", " "))
    ]


def _header(rows: list[list[str]]) -> tuple[int, int, int] | None:
    """The header row (its index) and the name and price columns it names, looked for
    in the first rows (a workbook may open with a title). Where several columns say
    price ("Harga", "Harga Grosir"), the plainest wins."""
    for index, row in enumerate(rows[:10]):
        cells = [c.strip().replace("_", " ") for c in row]
        names = [i for i, c in enumerate(cells) if _NAME_HEADER.search(c)]
        prices = [i for i, c in enumerate(cells) if _PRICE_HEADER.search(c)]
        if names and prices:
            exact = [i for i in prices if _EXACT_PRICE_HEADER.fullmatch(row[i].strip())]
            price = (exact or prices)[0]
            name = next((i for i in names if i != price), None)
            if name is not None:
                return index, name, price
    return None


def load_catalog(path: str | Path) -> tuple[CatalogItem, ...]:
    """Products and prices from a CSV (delimiter sniffed) or XLSX file. The name and
    price columns are found by their header (name/nama/produk/product/item/layanan/jasa/
    service/treatment/menu/paket,
    price/harga/price_idr/harga jual), after any title rows; without a header, the name
    is the first column and the price the second. A price that cannot be read, or a
    row with more cells than its header (an unquoted "185,000"), is refused."""
    path = Path(path)
    where = path.as_posix()
    try:
        rows = _rows(path)
    except OSError as error:
        raise ConfigError(
            where, f"cannot be read ({(error.strerror or '').lower()})", "check the --catalog path"
        ) from None
    except Exception as error:  # openpyxl/csv on a damaged file
        raise ConfigError(
            where,
            f"is not a readable catalog ({type(error).__name__})",
            "give a CSV or XLSX with product name and price columns",
        ) from None
    header = _header(rows)
    first, name_at, price_at = (header[0] + 1, header[1], header[2]) if header else (0, 0, 1)
    width = len(rows[header[0]]) if header else 2
    variants = _variant_columns(rows[header[0]], name_at, price_at) if header else []
    others = _other_prices(rows[header[0]], price_at) if header else []
    variants = [i for i in variants if i not in others]
    items = []
    for number, row in enumerate(rows[first:], start=first + 1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        where_row = f"{where}:{number}"
        if len(cells) <= max(name_at, price_at) or not cells[name_at]:
            raise ConfigError(
                where_row,
                "has no product name or no price",
                "give every row a name and a price, or delete the row",
            )
        cell = cells[price_at]
        price = price_cell(cell)
        if price is None and number == 1 and header is None:
            raise ConfigError(
                where_row,
                "has no column headed name/nama/produk and price/harga, and its second "
                "cell is not a price",
                "head the columns, such as: nama,harga",
            )
        if price is None:
            raise ConfigError(
                where_row,
                f"the price {cell[:40]!r} is not a number",
                "write prices as 150000 or Rp 150.000",
            )
        after = cells[price_at + 1] if len(cells) > price_at + 1 else ""
        # "185,000" unquoted reads as 185 then 000; a free item's 0 before a stock of
        # 999 is no such split (a thousands group never starts with 0)
        split = bool(re.fullmatch(r"[1-9]\d{0,2}", cell) and re.fullmatch(r"\d{3}", after))
        if split or len(cells) > width:
            raise ConfigError(
                where_row,
                f"has {len(cells)} cells where the header has {width}: a price written "
                "with a comma split the row"
                if len(cells) > width
                else f"reads as price {cell} followed by {after}: a price written with a "
                "comma split the row",
                'quote such prices ("185,000") or write them as 185000',
            )
        variant = " ".join(
            cells[i]
            for i in variants
            if i < len(cells)
            and cells[i].strip("-\u2013 ")
            and cells[i].casefold() not in cells[name_at].casefold()
        )
        items.append(CatalogItem(cells[name_at], price, where_row, variant))
        for i in others:  # a reseller's or wholesale price of the same product
            other = price_cell(cells[i]) if i < len(cells) and cells[i] else None
            if other is not None and other != price:
                items.append(CatalogItem(cells[name_at], other, where_row, variant))
    if not items:
        raise ConfigError(where, "has no products", "give rows of product name, price")
    return tuple(items)


@functools.lru_cache(maxsize=4096)  # a catalog's names, read for every reply
def _words(name: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", name.casefold()))


@functools.lru_cache(maxsize=4096)  # a catalog's names, read for every reply
def _core(label: str) -> str:
    """A name or variant without its notes in brackets, which a reply seldom repeats:
    "2 kaki (180 cm)" is "2 kaki", "Money Bouquet (jasa rangkai)" is "Money Bouquet"."""
    core = re.sub(r"\([^)]*\)?", " ", label)
    return core if re.search(r"\w", core) else label


@functools.lru_cache(maxsize=4096)  # a catalog's names, read for every reply
def _whole(name: str) -> frozenset[str]:
    """The words that say a name whole: its own, bar notes in brackets and function
    words a reply may leave out or say otherwise ("Vitamin D3 1000 IU isi 60" is said
    "Vitamin D3 1000 IU (60 tablets)")."""
    words = _words(_core(name))
    return words - _FUNCTION_WORDS if len(words - _FUNCTION_WORDS) >= 2 else words


def _name_words(item: CatalogItem, brands: frozenset[str], common: frozenset[str]) -> set[str]:
    """The words of a product's name a text must say, in any order, in one sentence
    ("Grooming Kucing Lengkap Rp 95.000. Kucingnya ada riwayat jamur?" does not name
    Grooming Kucing Jamur). A brand that opens several names may be left out ("Avanza +
    Driver" names "Toyota Avanza + Driver") where two other words remain, and so may
    ``common`` words, those every name of its family holds ("Servis berkala matic"
    names "Servis Berkala Motor Matic" beside "... Motor Bebek" and "... Motor Sport")
    where three remain."""
    words = set(_whole(item.name))
    if common and len(words - common) >= 3:
        words -= common
    first = re.findall(r"\w+", item.name.casefold())[:1]
    if first and first[0] in brands and len(words) >= 3:
        words.discard(first[0])
    # a single letter is said with the word before it: "Zona A" is not said by "a
    # regular wash", "Vitamin C" is said by "vitamin c"
    ordered = re.findall(r"\w+", _core(item.name).casefold())
    for before, letter in itertools.pairwise(ordered):
        if len(letter) == 1 and letter.isalpha() and letter in words:
            words.discard(letter)
            words.add(f"{before} {letter}")
    # an amount and its unit are said together: "3 bulan" in "Membership 3 Bulan" is
    # not said by "3 hari ... per bulan"
    for token in _tokens(_core(item.name)):
        amount = _UNIT_TOKEN.fullmatch(token)
        if amount and amount[1] in words:  # its unit may be a family's common word
            words -= {amount[1], amount[2]}
            words.add(token)
    return words


_UNIT_TOKEN = re.compile(r"(\d+(?:[.,]\d+)*)([^\W\d_]+)")  # "3bulan", "20ml"
# words of a name a reply may leave out or say otherwise: "isi 60" is "60 tablets"
_FUNCTION_WORDS = frozenset(
    {"isi", "per", "untuk", "dengan", "dan", "and", "with", "for", "of", "sewa", "jasa"}
)


def _in_one(words: Set[str], sentences: list[str]) -> bool:
    return bool(words) and any(_says_all(words, sentence) for sentence in sentences)


_CLAUSE_END = re.compile(r"[,;&]|\b(?:and|dan|serta|sama|plus)\b")


def _says_all(words: Set[str], sentence: str) -> bool:
    """Whether a sentence says every word of a name; an amount with its unit, in a
    clause with another of them ("Niacinamide 30 ml ... and Vitamin C 20 ml" says no
    "Niacinamide 20 ml")."""
    units = [w for w in words if _UNIT_TOKEN.fullmatch(w)]
    # each word at least inside another ("20ml" is said "20 ml"): cheap, and most fail
    if not all(w in sentence for w in words if w not in units):
        return False
    # a word negated by "non-" is not said ("kamar non-AC" says no "Deposit kamar AC")
    negatable = "non" not in words
    if not all(_word(w, negatable).search(sentence) for w in words if w not in units):
        return False
    if not units:
        return True
    others = [w for w in words if w not in units]
    clauses = [(_tokens(c), c) for c in _CLAUSE_END.split(sentence)]
    return all(
        any(
            unit in tokens and (not others or any(_word(w, False).search(c) for w in others))
            for tokens, c in clauses
        )
        for unit in units
    )


@functools.lru_cache(maxsize=4096)
def _word(word: str, negatable: bool) -> re.Pattern[str]:
    """A name's word said whole; where ``negatable``, not after "non-"."""
    negated = r"(?<!\bnon-)(?<!\bnon )" if negatable else ""
    return re.compile(rf"{negated}\b{re.escape(word)}\b")


# where a sentence ends: ". " before a capital ("Rp 180.000. Antar-jemput ..."; not
# "maks. 5 km"), "?", "!", a line break
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])|(?<=[?!])\s+|\n")


def _sentences(text: str) -> list[str]:
    """A text's sentences, case folded: a product is named within one."""
    return [part.casefold() for part in _SENTENCE_END.split(text)]


@functools.lru_cache(maxsize=8)
def _brands(catalog: tuple[CatalogItem, ...]) -> frozenset[str]:
    """Words a reply may leave out of a name: those that open two or more names and
    appear nowhere else in them ("toyota", "honda"), and those that open three or more,
    a service's verb ("Bed Cover King Rp 35.000" names "Cuci Bed Cover King" beside
    "Cuci Selimut Tebal" and "Cuci Karpet"). One that opens just two names and sits
    inside others is neither."""
    opening: dict[str, int] = {}
    inside: set[str] = set()
    for name in sorted({item.name.casefold() for item in catalog}):  # a variant's rows: one name
        words = re.findall(r"\w+", name)
        if words:
            opening[words[0]] = opening.get(words[0], 0) + 1
            inside.update(words[1:])
    return frozenset(
        w for w, n in opening.items() if w.isalpha() and ((n >= 2 and w not in inside) or n >= 3)
    )


@functools.lru_cache(maxsize=8)
def _common_words(catalog: tuple[CatalogItem, ...]) -> dict[str, frozenset[str]]:
    """Per name, the words past its first two that every other name opening with the
    same two words holds too: a family's shared word that tells none of them apart
    ("motor" in "Servis Berkala Motor Matic / Bebek / Sport 150cc")."""
    families: dict[tuple[str, ...], set[str]] = {}
    for name in {item.name.casefold() for item in catalog}:
        words = re.findall(r"\w+", name)
        if len(words) >= 3:
            families.setdefault(tuple(words[:2]), set()).add(name)
    common: dict[str, frozenset[str]] = {}
    for opening, names in families.items():
        if len(names) < 2:
            continue
        shared = frozenset.intersection(*(_words(n) for n in names)) - set(opening)
        for name in names:
            common[name] = shared
    return common


def products_named(
    catalog: tuple[CatalogItem, ...], text: str, asked: str = ""
) -> list[list[CatalogItem]]:
    """The products ``text`` names, the most specific only ("kemeja batik anak" names
    Kemeja Batik Anak, not also Kemeja Batik), each as the variants it may be: the
    variants whose words the sentences naming it say ("Black Forest 22cm"), else those
    the question it answers (``asked``) says ("cat warna broken white yg 5 kg brp?"
    answered "Cat tembok interior 5 kg Rp 135.000"), else all of that product's (then
    any of their prices is right)."""
    return [
        list(said or (_said_variants(variants, asked) if asked else []) or variants)
        for variants, said in _named_in(catalog, text)
    ]


# products_named's reading of a text, by text, for one catalog: agents send the same
# texts again and again, and each was read against the whole catalog
_Named = list[tuple[list["CatalogItem"], list["CatalogItem"]]]
_named_memo: tuple[tuple[CatalogItem, ...] | None, dict[str, _Named]] = (None, {})
_NAMED_MEMO_SIZE = 4096


def _named_in(catalog: tuple[CatalogItem, ...], text: str) -> _Named:
    """The products a text names, each as all its variants and those the sentences
    naming it say (see ``products_named``); remembered for the last catalog asked."""
    global _named_memo  # noqa: PLW0603  (a cache, pure: same text, same answer)
    of, memo = _named_memo
    if of is not catalog or len(memo) >= _NAMED_MEMO_SIZE:
        memo = {}
        _named_memo = (catalog, memo)
    found = memo.get(text)
    if found is None:
        found = memo[text] = _read_names(catalog, text)
    return found


def _read_names(catalog: tuple[CatalogItem, ...], text: str) -> _Named:
    required, sentences = _required(catalog), _sentences(text)
    # only names whose key word the text holds can be said (see _required_index)
    said = set().union(*(re.findall(r"\w+", sentence) for sentence in sentences)) | {""}
    by_key = _rows_by_key(catalog)
    rows = sorted(row for word in said for row in by_key.get(word, ()))  # catalog order
    named = [catalog[row] for row in rows if _in_one(required[catalog[row].name], sentences)]
    # where names differ only in brackets ("Nasi Box (Ayam)", "Nasi Box (Rendang)"),
    # those the text names whole, if any; else they are one product's variants
    whole = [item for item in named if _in_one(_words(item.name), sentences)]
    cores = {_core(item.name).casefold() for item in whole}
    named = [item for item in named if item in whole or _core(item.name).casefold() not in cores]
    # one name said inside another said whole; not inside one said without its brand
    # ("Arabika Gayo Wine Process 200 g" names no "Grosir Arabika Gayo Wine Process")
    core_said = {item.name: _in_one(_whole(item.name), sentences) for item in named}
    named = [
        item
        for item in named
        if not any(
            _words(_core(item.name)) < _words(_core(other.name))
            for other in named
            if core_said[other.name]
        )
    ]
    # names a text must say alike ("tambahan orang" for "Self Photo Tambahan Orang",
    # "Family Tambahan Orang", their openers left out): the ones it says whole, else
    # any of them (one product, as far as the text tells)
    alike: dict[frozenset[str], set[str]] = {}
    for item in named:
        alike.setdefault(required[item.name], set()).add(item.name)
    said_whole = {
        name for names in alike.values() if len(names) > 1 for name in names if core_said[name]
    }
    named = [
        item
        for item in named
        if item.name in said_whole or not any(n in said_whole for n in alike[required[item.name]])
    ]
    # a name said only by words of another name said whole is not said ("Self photo
    # ... tambahan orang" says no "Family Tambahan Orang")
    whole_words = [_words(_core(item.name)) for item in named if core_said[item.name]]
    named = [
        item
        for item in named
        if core_said[item.name] or not any(required[item.name] <= words for words in whole_words)
    ]
    # among names said alike, those whose every word the text says somewhere
    # ("Graduation Solo Rp 200.000 ... tambahan orang Rp 35.000": Graduation's)
    text_words = set(re.findall(r"\w+", text.casefold()))
    for names in alike.values():
        if len(names) > 1:
            told = {n for n in names if _words(_core(n)) <= text_words}
            if told and told != names:
                named = [item for item in named if item.name not in names - told]
    groups: dict[frozenset[str], list[CatalogItem]] = {}
    for item in named:
        groups.setdefault(required[item.name], []).append(item)
    found = []
    for words, variants in groups.items():
        naming = " ".join(s for s in sentences if _in_one(words, [s]))
        found.append((variants, _said_variants(variants, naming)))
    return found


def loosely_named(
    catalog: tuple[CatalogItem, ...], text: str, asked: str
) -> list[list[CatalogItem]]:
    """The one product a reply and the question it answers both name loosely, and name
    alone, by two words of its name in a row ("cuci AC 1 PK brp?" - "Cuci AC 1 PK Rp
    95.000" for "Cuci AC Split"), as the variants it may be (see ``products_named``);
    none where either names another, or none. A word only one name holds is too little
    here: "Do we need a heater?" - "guppies at IDR 45,000 per pair"."""
    said = _loosely_said(catalog, text, rare=False)
    if len(said) != 1 or _loosely_said(catalog, asked, rare=False) != said:
        return []
    [name] = said
    variants = [item for item in catalog if item.name.casefold() == name]
    return [_said_variants(variants, text) or _said_variants(variants, asked) or variants]


def names_other_than(catalog: tuple[CatalogItem, ...], text: str, name: str) -> bool:
    """Whether ``text`` says two words in a row of a product's name other than
    ``name`` ("The Segiempat Voal Premium in Cream ..., IDR 39,000" for "Segiempat
    Voal Premium Polos 115x115"), or a word only that name holds ("freeze Rp 50.000"
    for "Freeze Membership"): a price there may be that product's, however loosely it
    is named, and is not held to the product the question asked about."""
    return bool(_loosely_said(catalog, text) - {name.casefold()})


def _loosely_said(
    catalog: tuple[CatalogItem, ...], text: str, *, rare: bool = True
) -> frozenset[str]:
    """The names a text says loosely: two of their words in a row, or a rare word
    (unless ``rare`` is False). Read through an index of the catalog: its cost is the
    text's."""
    pairs, alone = _loose_names(catalog)
    said = re.findall(r"\w+", text.casefold())
    found: set[str] = set()
    for a, b in itertools.pairwise(said):  # words, not "3 bulan" ("berlaku 3 bulan")
        if a.isalpha() and b.isalpha():
            found |= pairs.get((a, b), frozenset())
    if rare:
        found.update(alone[w] for w in said if w in alone)
    return frozenset(found)


@functools.lru_cache(maxsize=8)
def _loose_names(
    catalog: tuple[CatalogItem, ...],
) -> tuple[dict[tuple[str, str], frozenset[str]], dict[str, str]]:
    """The names each pair of words in a row says, and the one name each rare word
    (five letters or more, held by one name only: "registrasi", "freeze") says."""
    pairs: dict[tuple[str, str], set[str]] = {}
    held: dict[str, set[str]] = {}
    for item in catalog:
        name = item.name.casefold()
        words = re.findall(r"\w+", _core(item.name).casefold())
        for pair in itertools.pairwise(words):
            pairs.setdefault(pair, set()).add(name)
        for word in words:
            held.setdefault(word, set()).add(name)
    rare = {
        w: next(iter(names))
        for w, names in held.items()
        if len(names) == 1 and len(w) >= 5 and w.isalpha()
    }
    return {k: frozenset(v) for k, v in pairs.items()}, rare


@functools.lru_cache(maxsize=8)
def _required(catalog: tuple[CatalogItem, ...]) -> dict[str, frozenset[str]]:
    """The words each name of the catalog must be said with (``_name_words``), by name:
    worked out once per catalog, not once per reply."""
    brands, common = _brands(catalog), _common_words(catalog)
    empty: frozenset[str] = frozenset()
    return {
        item.name: frozenset(_name_words(item, brands, common.get(item.name.casefold(), empty)))
        for item in catalog
    }


@functools.lru_cache(maxsize=8)
def _name_keys(catalog: tuple[CatalogItem, ...]) -> dict[str, str]:
    """Per name, one word a sentence naming it holds as a whole word: the longest of
    the words it must be said with (the rarest, as a rule), the first of a letter's
    pair ("zona" of "zona a"), never an amount with its unit ("20ml", said "20 ml");
    chosen by its letters, not by a set's order, which changes from run to run. ""
    where there is none: such a name is read against every sentence."""
    keys = {}
    for name, words in _required(catalog).items():
        plain = [w.split()[0] for w in words if not _UNIT_TOKEN.fullmatch(w)]
        keys[name] = min(plain, key=lambda w: (-len(w), w)) if plain else ""
    return keys


@functools.lru_cache(maxsize=8)
def _rows_by_key(catalog: tuple[CatalogItem, ...]) -> dict[str, list[int]]:
    """The catalog's rows by their names' key words (``_name_keys``)."""
    keys = _name_keys(catalog)
    rows: dict[str, list[int]] = {}
    for row, item in enumerate(catalog):
        rows.setdefault(keys[item.name], []).append(row)
    return rows


@functools.lru_cache(maxsize=8)
def _required_index(
    catalog: tuple[CatalogItem, ...],
) -> dict[str, list[frozenset[str]]]:
    """The words each name must be said with, filed under its key word (``_name_keys``):
    a sentence is read against the names its own words file, not the whole catalog."""
    required, keys = _required(catalog), _name_keys(catalog)
    index: dict[str, list[frozenset[str]]] = {}
    for item in catalog:
        index.setdefault(keys[item.name], []).append(required[item.name])
    return index


def _names_any(catalog: tuple[CatalogItem, ...], sentence: str) -> bool:
    """Whether a sentence names any product of the catalog."""
    index = _required_index(catalog)
    said = set(re.findall(r"\w+", sentence)) | {""}
    return any(_says_all(words, sentence) for w in said for words in index.get(w, ()))


def attributed_prices(
    catalog: tuple[CatalogItem, ...], variants: list[CatalogItem], text: str, *, loose: bool = False
) -> list[int]:
    """The amounts a reply may quote for one product: those in the sentences naming
    it, or where these hold none, those in sentences that name no product, not even
    loosely ("Semen 50 kg ya pak. Harganya Rp 67.000"); never those of a sentence
    naming other products ("Kelas yoga ... (membership pelajar Rp 350.000 + registrasi
    Rp 150.000)"). For a product named only loosely (``loose``), those of the sentences
    naming it loosely and nothing else, or none."""
    own = _required(catalog)[variants[0].name]
    name = variants[0].name.casefold()
    mine: list[int] = []
    nameless: list[int] = []
    for sentence, amounts, named, loosely in _priced_sentences(catalog, text):
        if _in_one(own, [sentence]) or (loose and loosely == {name}):
            mine += amounts
        elif not named and not loosely - {name}:
            nameless += amounts
    return mine or ([] if loose else nameless)


@functools.lru_cache(maxsize=64)  # a reply's products each ask of its sentences
def _priced_sentences(
    catalog: tuple[CatalogItem, ...], text: str
) -> tuple[tuple[str, tuple[int, ...], bool, frozenset[str]], ...]:
    """A text's sentences that hold amounts: each with them, whether it names a
    product, and the names it says loosely; worked out once per reply."""
    found = []
    for sentence in _sentences(text):
        amounts = tuple(
            p.value
            for m, p in _placed_prices(sentence, False)
            if not threshold(sentence, m.start())
        )
        if amounts:
            found.append(
                (sentence, amounts, _names_any(catalog, sentence), _loosely_said(catalog, sentence))
            )
    return tuple(found)


def priced_where_named(catalog: tuple[CatalogItem, ...], item: CatalogItem, text: str) -> bool:
    """Whether a sentence of ``text`` naming ``item`` holds a price: a free item
    mentioned in passing ("Mau coba kelas percobaan dulu bu?") is quoted no price by
    the others of its message."""
    words = _required(catalog)[item.name]
    return any(find_prices(sentence) for sentence in _sentences(text) if _in_one(words, [sentence]))


def said_free(
    catalog: tuple[CatalogItem, ...],
    item: CatalogItem,
    text: str,
    free: Callable[[str], re.Match[str] | None],
) -> bool:
    """Whether a sentence naming ``item`` says it costs nothing: a ``free`` word next to
    its name, a word at most between ("..., gratis ongkir dalam kota Medan", "delivery
    is free"): a fee waived is quoted no amount, whatever other amounts the sentence
    holds."""
    words = _required(catalog)[item.name]
    for sentence in _sentences(text):
        hit = free(sentence) if _in_one(words, [sentence]) else None
        if hit is None:
            continue
        spans = [m.span() for w in words for m in re.finditer(rf"\b{re.escape(w)}\b", sentence)]
        if not spans:  # a name of amounts with units only ("5 kg"): said as "5 kg", no word
            continue
        first, last = min(a for a, _ in spans), max(b for _, b in spans)
        if hit.end() <= first:
            between = sentence[hit.end() : first]
        elif hit.start() >= last:
            between = sentence[last : hit.start()]
        else:
            continue
        if len(re.findall(r"\w+", between)) <= 1 and not re.search(r"[,;.]", between):
            return True
    return False


# a variant's words, an amount with its unit as one ("1 box", "22cm", "2 kaki": "1box",
# "22cm", "2kaki"), so that the "1" of "Rp 1.450.000" says no "1 kaki"
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*\s*[^\W\d_]+|\w+")


def _tokens(text: str) -> set[str]:
    return {re.sub(r"\s+", "", t) for t in _TOKEN.findall(text.casefold())}


def _said_variants(variants: list[CatalogItem], text: str) -> list[CatalogItem]:
    """The variants of one product a text names: by the words that tell it from the
    others ("softlens bulanan warna" names "Warna 1 box (2 pcs)" beside "Bening 1 box
    (2 pcs)"), bracketed notes aside; those it names whole first."""
    named = [v for v in variants if v.variant]
    if not named:
        return []
    said_tokens = _tokens(text)
    # a note in brackets names the variant by a word of it no other variant's note holds:
    # "transport ke Pamulang" says "Zona 3 (Pondok Aren, Pamulang)"
    notes = [_note_words(v.variant) for v in named]
    others = [
        set().union(*(n for j, n in enumerate(notes) if j != i)) | _words(v.name)
        for i, v in enumerate(named)
    ]
    noted = [v for v, n, o in zip(named, notes, others, strict=True) if (n - o) & said_tokens]
    if noted and len(noted) < len(named):
        return noted
    cores = [_tokens(_core(v.variant)) for v in named]
    shared = set.intersection(*cores) if len(cores) > 1 else set()
    said = [
        v
        for v, core in zip(named, cores, strict=True)
        if (core - shared or core) <= said_tokens or _says(v.variant, text)
    ]
    return [v for v in said if _tokens(v.variant) <= said_tokens] or said


def _note_words(variant: str) -> set[str]:
    """The names in a variant's notes in brackets: capitalised words of four letters or
    more ("Zona 3 (Pondok Aren, Pamulang)"; not "Paket 6 bulan (bayar di muka)")."""
    notes = " ".join(re.findall(r"\(([^)]*)\)", variant))
    return {w.casefold() for w in re.findall(r"\b[A-Z][^\W\d_]{3,}", notes)}


# a variant that is a span of sizes: "0.5-1 PK", "1,5 - 2 PK", "10-20 kg"
_SPAN = re.compile(r"(\d+(?:[.,]\d+)?)\s*-\s*(\d+(?:[.,]\d+)?)\s*([a-z]+\d?)")  # "m2" too
_AMOUNT = r"(\d+(?:[.,]\d+)?)(?:an)?\s*{unit}\b"  # "140an m2": about 140


def _says(variant: str, text: str) -> bool:
    """Whether a text names a variant as one run of its words ("22cm" also written "22
    cm"), or, for a span of sizes ("0.5-1 PK"), a size within it ("AC 1 PK")."""
    squeezed = "".join(re.findall(r"\w+", text.casefold()))
    words = re.findall(r"\w+", variant.casefold())
    if words and "".join(words) in squeezed:
        return True
    span = _SPAN.search(variant.casefold())
    if span is None:
        return False
    low, high = (float(v.replace(",", ".")) for v in span.group(1, 2))
    sizes = re.findall(_AMOUNT.format(unit=re.escape(span[3])), text.casefold())
    return any(low <= float(size.replace(",", ".")) <= high for size in sizes)
