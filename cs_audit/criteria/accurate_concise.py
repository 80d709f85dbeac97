"""Pencarian Data Tepat dan Ringkas: data given precisely and briefly; prices match the catalog."""

from __future__ import annotations

import re
from collections.abc import Mapping

from cs_audit.criteria.base import Context, quote, result
from cs_audit.models import CriterionResult, Message, Verdict
from cs_audit.prices import (
    Price,
    approximate_price,
    attributed_prices,
    find_prices,
    loosely_named,
    names_other_than,
    priced_where_named,
    products_named,
    said_free,
    threshold,
    wrong_product,
    wrong_total,
)

KEY = "accurate_concise"


def _rupiah(value: int) -> str:
    return "Rp " + f"{value:,}".replace(",", ".")


# An amount said to be shipping, a total, a transfer or a deposit (the word a few
# characters before it, in the same sentence) is not a product's price.
_NOT_A_PRODUCT_PRICE = re.compile(
    r"\b(?:(?:ongkir|ongkos|total|shipping|delivery|biaya kirim|antar jemput|jemput|transport|"
    r"penjemputan|pick-?up)(?:nya)?\b[^!?\n]{0,40}"
    r"|(?:transfer|tf|dp|deposit|down payment|uang muka|tagihan|invoice|pelunasan|pembayaran|"
    r"payment|diskon|"
    r"potongan|cashback|kembali|kembalian|refund|pengembalian)(?:nya)?"
    r"\b(?:\s*\d{1,3}\s*%)?[^!?\n\d]{0,6})$",  # "DP 50% Rp …"
    re.IGNORECASE,
)
_NOT_A_PRODUCT_PRICE_AFTER = re.compile(  # "IDR 111,000 in total", not ", total Rp 500.000"
    r"\s*(in total|total|for shipping|for delivery)\b(?!\s*(rp|idr|:|=|\d))", re.IGNORECASE
)
_FEE_NAME = re.compile(
    r"(?i)\b(?:ongkir|ongkos|antar|jemput|kirim|shipping|delivery|transport|pick-?up|dp|deposit|"
    r"uang muka|down payment)"
)
# a catalog item priced as a share of something ("Asuransi 0,5% dari nilai barang"), not
# a concentration ("Serum Vitamin C 15% 30 ml"): its row holds a minimum, not the price
_RATE = re.compile(r"\d\s*%\s*(?:dari|of|x)\b", re.IGNORECASE)
_MOST_UNITS = 1000  # "2 Tumpeng Besar total Rp 1.900.000": a total of up to this many
# money written as such: a reply without one volunteers no price
_MONEY_WORD = re.compile(
    r"(?i)\b(?:rp|idr)|\d(?:rb|k|jt)\b|\d\s*(?:ribu|juta|rb|jt)|\d\.000\b|\d,000\b"
)


def _other_amount(text: str, written: str) -> bool:
    at = max(0, text.find(written))
    return bool(
        threshold(text, at)
        or _NOT_A_PRODUCT_PRICE.search(text[:at])
        or _NOT_A_PRODUCT_PRICE_AFTER.match(text, at + len(written))
    )


def _fits(quoted: int, price: int, tolerance: float, text: str) -> bool:
    """A quoted amount is the catalog price, within the tolerance, or a total built on
    it: a whole number of items that the reply names ("2 Tumpeng Besar ... total Rp
    1.900.000", "4 people x 5 days"; LABELING.md: totals built on right prices are
    fine)."""
    if abs(quoted - price) <= price * tolerance:
        return True
    if price <= 0 or quoted % price or not 2 <= quoted // price <= _MOST_UNITS:
        return False
    count = quoted // price
    if re.search(rf"(?<![\d.,]){count}(?![\d.,]\d)", text):
        return True
    # a count written as a product: "Breakfast for 4 people x 5 days = IDR 1,900,000"
    return any(int(a) * int(b) == count for a, b in _TIMES.findall(text))


_TIMES = re.compile(
    r"(?<![\d.,])(\d{1,3})(?:\s+[^\W\d_]+){0,2}\s*(?<![^\W\d_])[x\u00d7*]\s*(\d{1,3})(?![\d.,]\d)"
)


_WORD = re.compile(r"[^\W\d_]+")


def _in_both_forms(text: str, standard: Mapping[str, str]) -> str:
    """``text`` with each word that has a standard form followed by that form ("glass"
    -> "glass kaca"): amounts, sentences and other words stay where they are."""

    def both(word: re.Match[str]) -> str:
        form = standard.get(word[0].casefold())
        return word[0] if form is None or form == word[0].casefold() else f"{word[0]} {form}"

    return _WORD.sub(both, text)


def _priced(
    ctx: Context, message: Message, money_asked: bool
) -> tuple[tuple[Price, ...], list[Price], str]:
    """A reply's prices, those that may be a product's ("ongkir Rp 15.000", "transfer Rp
    260.000" are not), and its text as names are read in it; worked out once a reply
    that quotes any, though it is checked for each question it answers (most replies
    quote none: for them nothing is kept, a year-long chat's worth)."""
    text = message.text
    written = find_prices(text, money_asked=money_asked)  # itself cached, by text
    if not written:
        return written, [], text
    key = (KEY, message.line, money_asked)
    found: tuple[tuple[Price, ...], list[Price], str] | None = ctx.memo.get(key)
    if found is None:
        quoted = [p for p in written if not _other_amount(text, p.written)]
        named = _both_forms_of(ctx, text) if quoted else text
        found = ctx.memo[key] = (written, quoted, named)
    return found


def _both_forms_of(ctx: Context, text: str) -> str:
    """``text`` as names are read in it: English shop words with their Indonesian form
    beside them ("the dark brown Oxford" names the "Coklat Tua" variant)."""
    return _in_both_forms(text, ctx.config.rubric.standard_forms)


def _catalog_mismatch(
    ctx: Context, message: Message, context: str, *, money_asked: bool = False
) -> CriterionResult | None:
    """A quoted price that differs from the catalog's for the product the reply names
    (or, for a reply naming none, the product its question named)."""
    if not ctx.catalog:
        return None
    text = message.text
    written, quoted, named = _priced(ctx, message, money_asked)
    if not quoted:
        return None
    context = _both_forms_of(ctx, context)
    products = products_named(ctx.catalog, named, context)
    if not products:  # the question's product, where it asked of one only
        asked = products_named(ctx.catalog, context)
        products = (
            asked
            if len(asked) == 1 and not names_other_than(ctx.catalog, named, asked[0][0].name)
            else []
        )
    loose = not products and bool(context)
    if loose:  # the one both name loosely ("cuci AC 1 PK")
        products = loosely_named(ctx.catalog, named, context)
    tolerance = ctx.config.rubric.price_tolerance
    free = ctx.config.rubric.find("free", ctx.normal(message)) is not None  # "gratis": 0
    product_amounts = {p.value for p in quoted}
    for variants in products:
        # the other products named, each with all its variants
        other_names = {item.name for group in products if group is not variants for item in group}
        others = [item for item in ctx.catalog if item.name in other_names]
        # a delivery or pick-up in the catalog is priced by the amount its words mark
        # ("antar-jemput dalam kota Rp 25.000"): every amount may fit a product
        if any(_fits(p.value, item.price, tolerance, text) for p in written for item in variants):
            continue
        if said_free(ctx.catalog, variants[0], named, lambda s: ctx.config.rubric.find("free", s)):
            continue  # "gratis ongkir dalam kota Medan": the fee waived, no amount its own
        # only the amounts the reply gives it: those of the sentences naming it, else
        # of sentences naming no product
        # (not a total, a deposit or a transfer: "..., total Rp 110.000"), but for a fee
        # or a deposit the catalog itself prices ("Antar-Jemput Grooming dalam kota")
        amounts = [
            a
            for a in attributed_prices(ctx.catalog, variants, named, loose=loose)
            if a in product_amounts or _FEE_NAME.search(variants[0].name)
        ]
        if not amounts or any(
            _fits(a, item.price, tolerance, text) for a in amounts for item in variants
        ):
            continue
        # a package's price, its contents named beside it ("Paket Akad Nikah Rp
        # 9.750.000, isinya dekorasi meja akad + backdrop"): each amount is another
        # named product's, or a percentage-priced item's ("Asuransi 0,5%")
        if any(_RATE.search(f"{item.name} {item.variant}") for item in variants) or all(
            any(_fits(a, other.price, tolerance, text) for other in others) for a in amounts
        ):
            continue
        if free and any(item.price == 0 for item in variants):
            continue
        if all(item.price == 0 for item in variants) and not priced_where_named(
            ctx.catalog, variants[0], named
        ):
            continue
        item = variants[0]
        wrong = next(  # the amount that fits none of its prices, as the reply wrote it
            (
                p.written
                for p in written
                for a in amounts
                if p.value == a and not any(_fits(a, v.price, tolerance, text) for v in variants)
            ),
            quoted[0].written,
        )
        return result(
            KEY,
            Verdict.FAIL,
            f"quoted {wrong} for {item.label if len(variants) == 1 else item.name}; "
            f"the catalog says {' or '.join(_rupiah(v.price) for v in variants)} ({item.where})",
            message,
        )
    return None


def judge(ctx: Context) -> CriterionResult:
    rubric = ctx.config.rubric
    if not ctx.text_replies:  # unanswered questions fail response_speed and answers_questions
        return result(KEY, Verdict.NOT_APPLICABLE, "no agent replied in words")
    for message in ctx.text_replies:
        lines = message.text.count("\n") + 1
        if len(message.text) > rubric.wall_of_text_chars or lines > rubric.wall_of_text_lines:
            return result(
                KEY,
                Verdict.FAIL,
                f"a reply of {len(message.text)} characters on {lines} line(s) is a wall of text",
                message,
            )
    given: dict[str, None] = {}  # the kinds of data given, in order
    evidence: list[Message] = []  # the first question answered with data, and its answer
    quoted: list[tuple[Message, str, bool]] = []  # answers to check against the catalog
    for turn, questions, answers in ctx.points:
        for question in questions:
            kinds = ctx.asks(question)
            # a pointer elsewhere beside the data asked ("Untuk motif dan harga cek
            # katalog IG ya, minimal order Rp 500.000") still sends the customer away;
            # a data question merely skipped fails answers_questions only
            pointer = ctx.pointer_elsewhere(turn) if kinds else None
            if pointer is not None:
                return result(
                    KEY,
                    Verdict.FAIL,
                    f"asked for the {kinds[0]} ({quote(question.text)}); the reply points "
                    f"elsewhere: {quote(pointer.text)}",
                    question,
                    pointer,
                )
            for kind in kinds:
                if ctx.gives(turn, kind):
                    given[kind] = None
                    evidence = evidence or [question, *answers[:1]]
            money = "price" in kinds
            # a price given for an item asked about, if only its stock was asked ("Alphard
            # ada ga?" - "Alphard ada kak, mulai 2,5 jutaan"), is judged as one
            for answer in answers if money or "stock" in kinds else ():
                vague = approximate_price(answer.text)
                if vague:  # "mulai 1 jutaan", "sekitar 70-90rb" for the item asked about
                    return result(
                        KEY,
                        Verdict.FAIL,
                        f"gave no exact price ({quote(vague)}) for {quote(question.text)}",
                        question,
                        answer,
                    )
            if ctx.catalog:
                quoted += [(answer, question.text, money) for answer in answers]
    for message in ctx.text_replies:  # a range volunteered for what was wanted
        if not _MONEY_WORD.search(message.text):
            continue  # no amount written as money: no price to read
        vague = approximate_price(message.text)
        if vague:
            return result(KEY, Verdict.FAIL, f"gave no exact price ({quote(vague)})", message)
    granted = ctx.whim_discount
    if granted:
        return result(
            KEY,
            Verdict.FAIL,
            f"grants a discount no promotion covers: {quote(granted.text)}",
            granted,
        )
    for answer, asked, money in quoted:
        mismatch = _catalog_mismatch(ctx, answer, asked, money_asked=money)
        if mismatch:
            return mismatch
    for message in ctx.text_replies:
        mismatch = _catalog_mismatch(ctx, message, "")
        if mismatch:
            return mismatch
    for message in ctx.text_replies:  # "25 pcs x IDR 178,000 = IDR 4,350,000"
        times = wrong_product(message.text)
        if times:
            price, product, count = times
            return result(
                KEY,
                Verdict.FAIL,
                f"{count} x {price.written} is not {product.written} "
                f"({_rupiah(price.value * count)})",
                message,
            )
    for message in ctx.text_replies:  # "Rp 948.000 + Rp 720.000 = Rp 1.708.000"
        wrong = wrong_total(message.text)
        if wrong:
            written = [p.written for p in wrong.parts]
            return result(
                KEY,
                Verdict.FAIL,
                f"the total {wrong.total.written} is not {' + '.join(written)} "
                f"({_rupiah(sum(p.value for p in wrong.parts))})"
                if wrong.added
                else f"the total {wrong.total.written} is no sum of the prices before it "
                f"({', '.join(written)})",
                message,
            )
    if not given:  # prices the agent volunteers are data given too
        volunteered = next((m for m in ctx.text_replies if find_prices(m.text)), None)
        if volunteered is None:
            return result(KEY, Verdict.NOT_APPLICABLE, "no product data was asked")
        return result(KEY, Verdict.PASS, "gave a price unasked, briefly", volunteered)
    listed = ", ".join(given)
    return result(KEY, Verdict.PASS, f"gave the {listed} asked for, briefly", *evidence)
