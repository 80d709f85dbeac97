"""Prices as chats write them, and catalogs as shops keep them."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import openpyxl
import pytest

from cs_audit.errors import ConfigError
from cs_audit.prices import (
    CatalogItem,
    approximate_price,
    attributed_prices,
    find_prices,
    load_catalog,
    names_other_than,
    price_cell,
    products_named,
    said_free,
    wrong_product,
    wrong_total,
)
from tests.conftest import ROOT


def _forms() -> list[tuple[str, bool, list[int]]]:
    """The written forms of tests/data/price_forms.tsv (labelled from the spec, not the
    code): text, whether the question asked a price, the rupiah values expected."""
    path = ROOT / "tests" / "data" / "price_forms.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    forms = []
    for row in rows:
        text = row["text"].replace("\\u00a0", "\u00a0").replace("\\u202f", "\u202f")
        values = [] if row["expected"] == "-" else [int(v) for v in row["expected"].split(",")]
        forms.append((text, row["money_asked"] == "1", values))
    return forms


FORMS = _forms()


def test_the_table_is_large_and_two_sided() -> None:
    """At least 150 written prices and 40 non-prices are pinned."""
    assert sum(bool(values) for _, _, values in FORMS) >= 150
    assert sum(not values for _, _, values in FORMS) >= 40


@pytest.mark.parametrize(("text", "money_asked", "values"), FORMS)
def test_written_form(text: str, money_asked: bool, values: list[int]) -> None:
    """Each written form gives exactly its rupiah values, in order (none for non-prices)."""
    assert [p.value for p in find_prices(text, money_asked=money_asked)] == values


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Rp 1.850.000 kak", "Rp 1.850.000"),
        ("Rp185.000,- kak", "Rp185.000,-"),
        ("150 ribu ya kak", "150 ribu"),
        ("Rp 1\u00a0850\u00a0000 kak", "Rp 1\u00a0850\u00a0000"),
    ],
)
def test_written_is_the_price_alone(text: str, written: str) -> None:
    """What a reason quotes is the price as written, without the words around it."""
    assert [p.written for p in find_prices(text)] == [written]


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("185000", 185000),
        ("185000.0", 185000),
        ("185,000", 185000),
        ("185.000", 185000),
        ("Rp 185.000", 185000),
        ("Rp185.000,-", 185000),
        ("IDR 185,000.00", 185000),
        ("150rb", 150000),
        ("murah", None),
        ("Rp 100.000 - Rp 150.000", None),
        ("", None),
    ],
)
def test_price_cell(cell: str, value: int | None) -> None:
    """A catalog's price cell is one price, read whole, or nothing."""
    assert price_cell(cell) == value


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _items(path: Path) -> list[tuple[str, int, str]]:
    return [(i.name, i.price, i.where.rpartition(":")[2]) for i in load_catalog(path)]


@pytest.mark.parametrize(
    "text",
    [
        "name,price\nKemeja Batik,185000\nBlus Rayon,Rp 150.000\n",
        "Nama Produk;Harga\nKemeja Batik;Rp 185.000\nBlus Rayon;150000\n",
        'sku,name,price_idr,stock\nA1,Kemeja Batik,185000.0,3\nA2,Blus Rayon,"150,000",2\n',
        "Kemeja Batik\t185000\nBlus Rayon\t150rb\n",
        "Katalog Toko Maju\n\nNama Produk,Harga Jual,Stok\n"
        "Kemeja Batik,185000,1\nBlus Rayon,150000,0\n",
        "Kemeja Batik;185,000\nBlus Rayon;150,000\n",
        "Nama Produk,Stok,Harga/pcs\nKemeja Batik,5,185000\nBlus Rayon,2,150000\n",
        "Layanan;Harga\nKemeja Batik;185000\nBlus Rayon;150000\n",
        "Kode,Treatment,Durasi,Harga (Rp)\nT1,Kemeja Batik,60,185000\nT2,Blus Rayon,30,150000\n",
        "kode;unit;harga\nA1;Kemeja Batik;185000\nA2;Blus Rayon;150000\n",
        "Daftar Harga Toko Maju 2026\nNo;Produk;Ukuran/Varian;Harga Jual\n"
        "1;Kemeja Batik;L;185000\n2;Blus Rayon;M;150000\n",
        "kode;layanan;varian;satuan;tarif\nA1;Kemeja Batik;L;pcs;185000\n"
        "A2;Blus Rayon;M;pcs;150000\n",
    ],
    ids=[
        "comma",
        "semicolon",
        "sku-first",
        "tabs-no-header",
        "title-row",
        "semicolon-comma-prices",
        "price-per-piece-after-stock",
        "services",
        "treatments-with-duration",
        "rental-units",
        "title-row-semicolons",
        "tariff-column",
    ],
)
def test_catalog_layouts(tmp_path: Path, text: str) -> None:
    """Headers name the columns in any order; delimiters are sniffed; title rows skipped."""
    items = _items(_write(tmp_path, "c.csv", text))
    assert [(name, price) for name, price, _ in items] == [
        ("Kemeja Batik", 185000),
        ("Blus Rayon", 150000),
    ]


def test_further_price_columns_are_prices_too(tmp_path: Path) -> None:
    """A wholesale or reseller column ("Harga Grosir", "Harga Reseller") gives the same
    product, the same variant, a second right price; the plainest is first."""
    path = _write(
        tmp_path,
        "c.csv",
        "Nama Item,Harga Grosir,Harga\nKemeja Batik,160000,185000\nBlus Rayon,120000,150000\n",
    )
    assert [(i.label, i.price) for i in load_catalog(path)] == [
        ("Kemeja Batik", 185000),
        ("Kemeja Batik", 160000),
        ("Blus Rayon", 150000),
        ("Blus Rayon", 120000),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "name,price\nKemeja,185,000\n",
            "c.csv:2: has 3 cells where the header has 2: a price written with a comma split "
            'the row; quote such prices ("185,000") or write them as 185000',
        ),
        (
            "Kemeja,185000\nBlus,185,000\n",
            "c.csv:2: has 3 cells where the header has 2: a price written with a comma split "
            'the row; quote such prices ("185,000") or write them as 185000',
        ),
        (
            "produk,harga\nKemeja,murah\n",
            "c.csv:2: the price 'murah' is not a number; write prices as 150000 or Rp 150.000",
        ),
        ("produk,harga\n", "c.csv: has no products; give rows of product name, price"),
        (
            "Nama,Harga,Stok\nKemeja,185,000\n",
            "c.csv:2: reads as price 185 followed by 000: a price written with a comma split "
            'the row; quote such prices ("185,000") or write them as 185000',
        ),
        (
            "Kemeja,berapa\n",
            "c.csv:1: has no column headed name/nama/produk and price/harga, and its second "
            "cell is not a price; head the columns, such as: nama,harga",
        ),
        (
            "nama,harga\nKemeja\n",
            "c.csv:2: has no product name or no price; give every row a name and a price, or "
            "delete the row",
        ),
    ],
    ids=[
        "unquoted-comma",
        "unquoted-comma-no-header",
        "words",
        "empty",
        "unquoted-comma-before-stock",
        "no-header-no-price",
        "short-row",
    ],
)
def test_catalog_refused_with_the_row(tmp_path: Path, text: str, message: str) -> None:
    """A catalog that cannot be read right is refused, naming file:row, never misread."""
    path = _write(tmp_path, "c.csv", text)
    with pytest.raises(ConfigError) as caught:
        load_catalog(path)
    assert str(caught.value) == f"{tmp_path.as_posix()}/{message}"


def test_xlsx_catalog_with_a_title_row(tmp_path: Path) -> None:
    """A workbook with a title row and numeric price cells is read by its header."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (
        ["Katalog November"],
        [],
        ["SKU", "Product", "Price"],
        ["A1", "Kemeja", 185000.0],
        ["A2", "Blus", 150000 * 1.11],  # a computed price: 166500.00000000003
    ):
        sheet.append(row)
    book.save(tmp_path / "c.xlsx")
    assert _items(tmp_path / "c.xlsx") == [("Kemeja", 185000, "4"), ("Blus", 166500, "5")]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Harganya mulai 1 jutaan kak.", "mulai 1 jutaan"),
        ("cocok kak, harganya sekitar 70-90rb tergantung promo.", "70-90rb"),
        ("Nusa Penida tours are around 800k to 900k per person.", "around 800k"),
        ("harganya 250-350rb tergantung ukuran", "250-350rb"),
        ("Tumpeng besar mulai 900 ribuan kak", "mulai 900 ribuan"),
        ("Harga Rp 1.750.000 \u2013 1.850.000 kak", "1.750.000 \u2013 1.850.000"),
        ("It starts from IDR 500,000", "from IDR 500,000"),
        ("Harga Rp 1.850.000 kak", None),
        ("Snack Box isi 3 Rp 15.000 x 100 = Rp 1.500.000", None),
        ("pengiriman 2-3 hari kak, Rp 25.000", None),
        ("restock sekitar 2 minggu lagi, harga Rp 150.000", None),
        ("ukuran 38-40 ready kak, Rp 185.000", None),
        ("jam buka 10-17, harga potong Rp 50.000", None),
        ("DP 50% dari Rp 4.750.000 jadi Rp 2.375.000", None),
        ("Gratis kak", None),
        ("It is between IDR 5.7 and 5.9 million", "between IDR 5.7 and 5.9 million"),
        ("harganya antara 150 dan 200rb kak", "antara 150 dan 200rb"),
        ("antara jam 9 dan 10 ya kak, Rp 50.000", None),
        ("Anting bulan masih ada kak, harganya sekitar 200an.", "sekitar 200an"),
        ("Cincin ada kak, harganya 200 ribu, sisa 200an pcs", None),
        # from high to low, with its result: a subtraction; without one, still a range
        ("Harga Rp 250.000 - Rp 200.000 tergantung ukuran", "250.000 - Rp 200.000"),
        ("Kompor Rp 489.000 - Rp 75.000 = Rp 414.000", None),
    ],
)
def test_approximate_prices(text: str, written: str | None) -> None:
    """A range, a lower bound or a guess is no exact price; one amount, a total, a
    range of days or sizes beside a price, is not approximate."""
    assert approximate_price(text) == written


def test_a_free_item_before_a_three_digit_stock_is_read(tmp_path: Path) -> None:
    """Price 0 then stock 999 is a free service in stock, not "0,999" split by a comma;
    185 then 000 still is one."""
    good = _write(
        tmp_path,
        "c.csv",
        "sku,nama_produk,harga_idr,stok\nA1,Pemasangan Tempered Glass,0,999\n"
        "A2,Kabel USB-C,55000,40\n",
    )
    assert _items(good) == [("Pemasangan Tempered Glass", 0, "2"), ("Kabel USB-C", 55000, "3")]
    bad = _write(tmp_path, "d.csv", "sku,nama_produk,harga_idr,stok\nA1,Kemeja,185,000\n")
    with pytest.raises(ConfigError, match="reads as price 185 followed by 000"):
        load_catalog(bad)


def test_variant_columns_are_read_beside_the_name(tmp_path: Path) -> None:
    """Size, varian, isi columns tell variants apart; '-' or a repeat of the name is none."""
    path = _write(
        tmp_path,
        "c.csv",
        "item,size,price\nBlack Forest,18cm,185000\nBlack Forest,22cm,260000\n"
        "Topper Akrilik,-,35000\nCupcake isi 6,isi 6,90000\n",
    )
    assert [(i.label, i.price) for i in load_catalog(path)] == [
        ("Black Forest 18cm", 185000),
        ("Black Forest 22cm", 260000),
        ("Topper Akrilik", 35000),
        ("Cupcake isi 6", 90000),
    ]


def test_a_size_within_a_variant_s_span_names_that_variant() -> None:
    catalog = (
        CatalogItem("Cuci AC Split", 75000, "c.csv:2", "0.5-1 PK"),
        CatalogItem("Cuci AC Split", 95000, "c.csv:3", "1.5-2 PK"),
    )
    [variants] = products_named(catalog, "Cuci AC Split 1 PK Rp 95.000 kak")
    assert [v.price for v in variants] == [75000]
    [variants] = products_named(catalog, "Cuci AC Split 2 PK Rp 95.000 kak")
    assert [v.price for v in variants] == [95000]
    [variants] = products_named(catalog, "Cuci AC Split Rp 95.000 kak")  # no size: either
    assert [v.price for v in variants] == [75000, 95000]


@pytest.mark.parametrize(
    ("text", "prices"),
    [
        # the words that tell a variant from the others; an amount with its unit as one
        ("Standing flower duka cita 2 kaki Rp 1.450.000 bu", [[1185000]]),
        ("Standing flower duka cita 1 kaki Rp 725.000 bu", [[725000]]),
        ("Standing flower duka cita Rp 1.450.000 bu", [[725000, 1185000]]),
        ("softlens bulanan warna isi 2 pcs, harganya 85rb per box", [[120000]]),
        ("softlens bulanan bening 85rb per box", [[85000]]),
        ("softlens bulanan 85rb per box", [[85000, 120000]]),
        # a name's note in brackets need not be said
        ("Jasa rangkai money bouquet isi 51-100 lembar 300rb kak", [[210000, 320000]]),
        # names that differ in brackets only: the one said whole, else either
        ("Nasi box (rendang) Rp 45.000", [[45000]]),
        ("Nasi box Rp 40.000", [[40000, 45000]]),
    ],
)
def test_variants_and_notes_in_brackets(text: str, prices: list[list[int]]) -> None:
    catalog = (
        CatalogItem("Standing Flower Duka Cita", 725000, "c.csv:2", "1 kaki (160 cm)"),
        CatalogItem("Standing Flower Duka Cita", 1185000, "c.csv:3", "2 kaki (180 cm)"),
        CatalogItem("Softlens Bulanan", 85000, "c.csv:4", "Bening 1 box (2 pcs)"),
        CatalogItem("Softlens Bulanan", 120000, "c.csv:5", "Warna 1 box (2 pcs)"),
        CatalogItem("Money Bouquet (jasa rangkai; uang dari pemesan)", 210000, "c.csv:6", ""),
        CatalogItem("Money Bouquet (jasa rangkai; uang dari pemesan)", 320000, "c.csv:7", ""),
        CatalogItem("Nasi Box (Ayam)", 40000, "c.csv:8"),
        CatalogItem("Nasi Box (Rendang)", 45000, "c.csv:9"),
    )
    assert [[v.price for v in g] for g in products_named(catalog, text)] == prices


@pytest.mark.parametrize(
    ("text", "total", "parts"),
    [
        (
            "Besi 10 mm 12 btg Rp 948.000 + besi 6 mm 20 btg Rp 720.000 + ongkir Rp 140.000"
            " = Rp 1.708.000 mas.",
            "Rp 1.708.000",
            ["Rp 948.000", "Rp 720.000", "Rp 140.000"],
        ),
        (
            "Noted. Total IDR 1,395,000 (board IDR 950,000 + table arrangement IDR 415,000).",
            "IDR 1,395,000",
            ["IDR 950,000", "IDR 415,000"],
        ),
        (
            "Frame tortoise Rp 355.000, dan lensa progresif premium Rp 1.850.000. "
            "Total Rp 2.105.000 pak.",
            "Rp 2.105.000",
            ["Rp 355.000", "Rp 1.850.000"],
        ),
        ("Rp 100.000 + Rp 20.000 = Rp 130.000", "Rp 130.000", ["Rp 100.000", "Rp 20.000"]),
        # a bill: one item a line, the products written, then a "Total" line
        (
            "Halo kak, terima kasih orderannya.\nPashmina 20 x Rp 38.000 = Rp 760.000\n"
            "Segiempat 20 x Rp 33.000 = Rp 660.000\nOngkir 3 kg Rp 33.000\n"
            "Total Rp 1.463.000\nBoleh kirim alamatnya kak?",
            "Rp 1.463.000",
            ["Rp 760.000", "Rp 660.000", "Rp 33.000"],
        ),
        (
            "Halo kak.\nPashmina 20 x Rp 38.000 = Rp 760.000\nSegiempat 20 x Rp 33.000 = "
            "Rp 660.000\nOngkir 3 kg Rp 33.000\nTotal Rp 1.453.000",
            None,
            [],
        ),
        # the heading ending in ":" is no line of the bill
        (
            "Spicy adanya 500 g saja (Rp 44.500). Kalau diganti:\nSalmon 4 x Rp 78.000 = "
            "Rp 312.000\nOngkir Rp 25.000\nTotal Rp 337.000 kak",
            None,
            [],
        ),
        # a sum times a count the line writes
        ("8 pcs XXL x (Rp 78.000 + Rp 5.000) = Rp 664.000", None, []),
        ("plus 2 XXL at IDR 105,000 + IDR 5,000 surcharge each = IDR 220,000", None, []),
        (
            "8 pcs XXL x (Rp 78.000 + Rp 5.000) = Rp 644.000",
            "Rp 644.000",
            ["Rp 78.000", "Rp 5.000"],
        ),
        # an amount that bounds others is no part of a total
        (
            "Rice cooker Rp 579.000 + ongkir Rp 50.000 (gratis ongkir untuk belanja di atas "
            "Rp 1.500.000), total Rp 629.000",
            None,
            [],
        ),
        (
            "Minimal order untuk dikirim Rp 500.000. Semen 5 sak Rp 290.000, ongkir Rp 90.000, "
            "total Rp 390.000",
            None,
            [],
        ),
        # a line this cannot add up ("500 pax x IDR 82,000: IDR 41,000,000" is read,
        # a line of two amounts without its product is not): no bill to check
        (
            "Here is the breakdown:\n- Gold: IDR 68,000,000\n- Catering 500 pax x IDR 82,000: "
            "IDR 41,000,000\n- Photo + video: IDR 4,400,000\nTotal: IDR 113,400,000",
            None,
            [],
        ),
        ("Paket A Rp 100.000 dan Rp 50.000\nOngkir Rp 20.000\nTotal Rp 999.000", None, []),
        # an amount still times a quantity: no bill to add up
        ("Nugget 2 x Rp 44.500\nOngkir Rp 25.000\nTotal Rp 114.000", None, []),
        (
            "Cuci 1 PK Rp 75.000 dan 2 PK Rp 95.000, jadi total Rp 160.000 untuk 2 unit.",
            "Rp 160.000",
            ["Rp 75.000", "Rp 95.000"],
        ),
        # added up right
        ("Ongkir Rp 15.000 kak, jadi totalnya Rp 245.000 + Rp 15.000 = Rp 260.000.", None, []),
        ("hotel IDR 1,400,000 + food IDR 300,000 = IDR 1,700,000", None, []),
        ("Total Rp 250.000 + ongkir Rp 14.000 = Rp 264.000", None, []),
        (
            "RAM Rp 425.000 + SSD Rp 750.000, total Rp 1.175.000. Saya kasih jadi Rp 1.000.000",
            None,
            [],
        ),
        (
            "Balon Rp 18.000 per huruf, jadi 3 huruf Rp 54.000. Totalnya Rp 245.000 + "
            "Rp 54.000 + Rp 20.000 = Rp 319.000 ya kak.",
            None,
            [],
        ),
        # a price times a quantity: what it adds is not the price
        (
            "bongkar pasang Rp 450.000 + pipa 3 m x Rp 115.000 = Rp 345.000, total Rp 795.000",
            None,
            [],
        ),
        ("2 x Rp 100.000 + ongkir Rp 20.000 = Rp 220.000", None, []),
        ("(IDR 75,000 + IDR 140,000) \u00d7 2 days = IDR 430,000", None, []),
        (
            "Rebar IDR 79,000 per rod, 24 rods IDR 1,896,000. Cement IDR 65,000 per bag, 15 "
            "bags = IDR 975,000. Delivery IDR 140,000. Total IDR 3,011,000.",
            None,
            [],
        ),
        (
            "Grooming Rp 60.000 per ekor, 3 ekor Rp 180.000. Antar Rp 25.000, total Rp 205.000",
            None,
            [],
        ),
        # more than the prices here: it holds one said before
        ("Ongkir Rp 20.000 dan ke Citraland Rp 35.000, jadi totalnya Rp 535.000.", None, []),
        # one price, or no total
        ("Snack Box isi 3 Rp 15.000 x 100 = Rp 1.500.000", None, []),
        ("DP 50% dari Rp 4.750.000 jadi Rp 2.375.000", None, []),
        ("Rp 75.000 dan Rp 95.000 kak", None, []),
        # a total named after it
        (
            "the oil change is IDR 720,000 and the alignment IDR 240,000, so IDR 940,000 in total",
            "IDR 940,000",
            ["IDR 720,000", "IDR 240,000"],
        ),
        (
            "the oil change is IDR 720,000 and the alignment IDR 240,000, so IDR 960,000 in total",
            None,
            [],
        ),
        # a price each, then its product: the product is the part
        (
            "Koki Rp 65.000/ekor, 3 ekor Rp 195.000. Pelet Rp 22.000. Total Rp 207.000",
            "Rp 207.000",
            ["Rp 195.000", "Rp 22.000"],
        ),
        # a line's aside is not the line's amount: its last amount before the aside is
        (
            "Kabel 4 roll 50 m x Rp 445.000 = Rp 1.780.000 (kalau eceran jadi Rp 1.900.000)\n"
            "MCB 10 x Rp 53.000 = Rp 530.000\nTotal Rp 2.410.000",
            "Rp 2.410.000",
            ["Rp 1.780.000", "Rp 530.000"],
        ),
        (
            "Kabel 4 roll 50 m x Rp 445.000 = Rp 1.780.000 (kalau eceran jadi Rp 1.900.000)\n"
            "MCB 10 x Rp 53.000 = Rp 530.000\nTotal Rp 2.310.000",
            None,
            [],
        ),
        # a count beside a term of the sum multiplies it
        (
            "Total for your family: 2 x IDR 36,800,000 + IDR 9,500,000 = IDR 82,900,000.",
            "IDR 82,900,000",
            ["2 x IDR 36,800,000", "IDR 9,500,000"],
        ),
        ("Total: 2 x IDR 36,800,000 + IDR 9,500,000 = IDR 83,100,000.", None, []),
        (
            "Rp 75.000 x 5 + ongkir Rp 20.000 = Rp 405.000",
            "Rp 405.000",
            ["5 x Rp 75.000", "Rp 20.000"],
        ),
        ("3 kaos x Rp 75.000 + Rp 20.000 = Rp 245.000", None, []),
        # the last term's product, not the sum; a size, not a count; "per": unread
        ("rack IDR 140,000 + full-face helmet 7 x IDR 25,000 = IDR 175,000", None, []),
        ("4 roll 50 m x Rp 445.000 + Rp 20.000 = Rp 1.800.000", None, []),
        ("Rp 75.000/pcs + Rp 20.000 = Rp 245.000", None, []),
        # a word ending in "x" is no times sign: "latex Rp 570.000" is the pillows' amount
        ("2 bantal latex Rp 570.000 + 2 guling Rp 140.000 = Rp 710.000", None, []),
        (
            "2 bantal latex x Rp 285.000 + 2 guling Rp 140.000 = Rp 810.000",
            "Rp 810.000",
            ["2 x Rp 285.000", "Rp 140.000"],
        ),
        # a bill's line that names its amount with "=": no total of the lines above it
        (
            "Baronang 2 kg x Rp 68.000 = Rp 136.000\nUdang vaname size 40 1 kg = Rp 92.000\n"
            "Ongkir Zona 2 (Rappocini) = Rp 20.000\nTotal Rp 248.000",
            None,
            [],
        ),
        (
            "Baronang 2 kg x Rp 68.000 = Rp 136.000\nUdang vaname size 40 1 kg = Rp 92.000\n"
            "Ongkir Zona 2 (Rappocini) = Rp 20.000\nTotal Rp 258.000",
            "Rp 258.000",
            ["Rp 136.000", "Rp 92.000", "Rp 20.000"],
        ),
        (
            "Kaos Rp 100.000 + Topi Rp 50.000\n= Rp 160.000",
            "Rp 160.000",
            ["Rp 100.000", "Rp 50.000"],
        ),
        # an amount told, then billed again: counted once
        (
            "Bisa pak, Cileungsi masuk area antar Rp 45.000.\nMonstera 3 x Rp 420.000 = Rp "
            "1.260.000\nSansevieria 8 x Rp 55.000 = Rp 440.000\nAntar Rp 45.000\n"
            "Total Rp 1.745.000",
            None,
            [],
        ),
        (
            "Bisa pak, Cileungsi masuk area antar Rp 45.000.\nMonstera 3 x Rp 420.000 = Rp "
            "1.260.000\nSansevieria 8 x Rp 55.000 = Rp 440.000\nAntar Rp 45.000\n"
            "Total Rp 1.755.000",
            "Rp 1.755.000",
            ["Rp 45.000", "Rp 1.260.000", "Rp 440.000", "Rp 45.000"],
        ),
        # an amount taken off: a trade-in, a deposit
        ("dipotong Rp 75.000, jadi Kompor Rp 489.000 - Rp 75.000 = Rp 414.000", None, []),
        ("Kompor Rp 489.000 - Rp 75.000 = Rp 404.000", "Rp 404.000", ["Rp 489.000", "Rp 75.000"]),
    ],
)
def test_wrong_totals(text: str, total: str | None, parts: list[str]) -> None:
    """A total added up wrong, against the "+" parts or the prices before it; never a
    total that holds a price times a quantity or an amount said elsewhere."""
    found = wrong_total(text)
    if total is None:
        assert found is None
    else:
        assert found is not None
        assert (found.total.written, [p.written for p in found.parts]) == (total, parts)


def test_a_variant_is_read_where_the_product_is_named_else_in_the_question() -> None:
    catalog = (
        CatalogItem("Cat Tembok Interior", 135000, "c.csv:2", "Putih 5 kg"),
        CatalogItem("Cat Tembok Interior", 148000, "c.csv:3", "Warna 5 kg (Broken White)"),
        CatalogItem("Cat Tembok Interior", 560000, "c.csv:4", "Putih 25 kg"),
    )
    reply = "Cat tembok interior 5 kg Rp 135.000/kaleng kak. Yang 25 kg adanya putih saja kak"
    asked = "cat tembok interior warna broken white yg 5 kg brp?"
    # "putih" is said of the 25 kg, in another sentence: the question names the variant
    assert [[v.price for v in g] for g in products_named(catalog, reply, asked)] == [[148000]]
    assert [[v.price for v in g] for g in products_named(catalog, reply)] == [
        [135000, 148000, 560000]
    ]
    named = products_named(catalog, "Cat tembok interior putih 5 kg Rp 135.000", asked)
    assert [[v.price for v in g] for g in named] == [[135000]]


@pytest.mark.parametrize(
    ("text", "prices"),
    [
        # a word opening three names or more (a service's verb) may be left out
        ("Halo kak, Bed Cover King Rp 35.000, Selimut Tebal Rp 30.000 kak.", [[40000], [30000]]),
        ("Cuci Bed Cover King Rp 40.000", [[40000]]),
        # but two other words must remain: "Karpet" alone names nothing
        ("Karpet Rp 18.000 per meter", []),
        # a word opening two names only, and sitting inside another, must be said
        ("Kering Rp 7.000", []),
    ],
)
def test_a_service_verb_opening_many_names_may_be_left_out(
    text: str, prices: list[list[int]]
) -> None:
    catalog = (
        CatalogItem("Cuci Bed Cover King", 40000, "c.csv:2"),
        CatalogItem("Cuci Selimut Tebal", 30000, "c.csv:3"),
        CatalogItem("Cuci Karpet", 18000, "c.csv:4"),
        CatalogItem("Setrika Kering", 7000, "c.csv:5"),
        CatalogItem("Setrika Uap", 9000, "c.csv:6"),
        CatalogItem("Paket Setrika Cuci", 15000, "c.csv:7"),
    )
    assert [[v.price for v in g] for g in products_named(catalog, text)] == prices


@pytest.mark.parametrize(
    ("text", "prices"),
    [
        # said alike, their openers left out: any of them, as far as the text tells
        ("tambahan orang Rp 35.000 kak", [[35000, 40000]]),
        # one said whole: that one, and no other said by its words alone
        ("Self photo 30 menit, tambahan orang Rp 15.000", [[15000]]),
        # the text names one of them elsewhere: that one
        ("Graduation Solo Rp 200.000. Tambahan orang Rp 35.000", [[40000]]),
    ],
)
def test_names_said_alike_are_one_product_unless_the_text_tells_which(
    text: str, prices: list[list[int]]
) -> None:
    catalog = (
        CatalogItem("Self Photo Session", 110000, "c.csv:2", "30 menit"),
        CatalogItem("Self Photo Tambahan Orang", 15000, "c.csv:3", "per orang"),
        CatalogItem("Self Photo Tambahan Waktu", 30000, "c.csv:4", "per 5 menit"),
        CatalogItem("Family Package", 350000, "c.csv:5", "Basic"),
        CatalogItem("Family Tambahan Orang", 35000, "c.csv:6", "per orang"),
        CatalogItem("Graduation Package", 200000, "c.csv:7", "Solo"),
        CatalogItem("Graduation Tambahan Orang", 40000, "c.csv:8", "per orang"),
    )
    named = products_named(catalog, text)
    assert sorted(sorted(v.price for v in g) for g in named) == sorted(prices)


SERUMS = (
    CatalogItem("Serum Niacinamide 10% 20 ml", 89000, "c.csv:2"),
    CatalogItem("Serum Niacinamide 10% 30 ml", 119000, "c.csv:3"),
    CatalogItem("Serum Vitamin C 15% 20 ml", 115000, "c.csv:4"),
    CatalogItem("Serum Vitamin C 15% 30 ml", 149000, "c.csv:5"),
    CatalogItem("Membership Bulanan", 450000, "c.csv:6"),
    CatalogItem("Membership 3 Bulan", 1200000, "c.csv:7"),
    CatalogItem("Membership 12 Bulan", 4200000, "c.csv:8"),
    CatalogItem("Freeze Membership", 50000, "c.csv:9"),
    CatalogItem("Biaya Registrasi", 150000, "c.csv:10"),
    CatalogItem("Kelas Yoga", 90000, "c.csv:11"),
)


@pytest.mark.parametrize(
    ("text", "prices"),
    [
        # an amount and its unit are said in a clause with the name's other words
        (
            "Niacinamide 30 ml is IDR 119,000 and Vitamin C 20 ml is IDR 115,000.",
            [[119000], [115000]],
        ),
        ("Vitamin C 30 ml IDR 149,000", [[149000]]),
        # "3 bulan" is said together: not by "3 hari ... per bulan"
        ("freeze Rp 50.000 per bulan, maksimal 2 bulan, paling lambat 3 hari sebelumnya", []),
        ("Membership 3 bulan Rp 1.200.000 kak", [[1200000]]),
    ],
)
def test_an_amount_in_a_name_is_said_with_its_unit_and_its_product(
    text: str, prices: list[list[int]]
) -> None:
    assert [[v.price for v in g] for g in products_named(SERUMS, text)] == prices


@pytest.mark.parametrize(
    ("text", "name", "amounts"),
    [
        # the sentences naming it
        ("Kelas yoga Rp 90.000 kak. Membership bulanan Rp 450.000.", "Kelas Yoga", [90000]),
        # none: those of sentences naming no product, not even loosely
        ("Kelas yoga ada kak. Harganya Rp 90.000.", "Kelas Yoga", [90000]),
        ("Kelas yoga gratis kak. Biaya registrasi Rp 150.000.", "Kelas Yoga", []),
        ("Kelas yoga ada kak. Total Rp 500.000 (membership + registrasi).", "Kelas Yoga", []),
    ],
)
def test_a_product_is_held_only_to_the_amounts_given_it(
    text: str, name: str, amounts: list[int]
) -> None:
    [item] = [i for i in SERUMS if i.name == name]
    assert attributed_prices(SERUMS, [item], text) == amounts


def test_a_sentence_naming_a_product_by_a_letter_is_that_products() -> None:
    """ "Kamar 2 A" is said as "2 a": the sentence quoting it names a product (in every
    run; which word a name is looked up by once hung on a set's order), so its amount
    is not given to the breakfast named in another sentence."""
    rooms = (
        CatalogItem("Kamar 2 A", 300000, "c.csv:2"),
        CatalogItem("Kamar 2 B", 350000, "c.csv:3"),
        CatalogItem("Sarapan", 50000, "c.csv:4"),
    )
    text = "Sarapannya ada kak. Kamar 2 A Rp 300.000 per malam"
    assert attributed_prices(rooms, [rooms[2]], text) == []
    assert attributed_prices(rooms, [rooms[0]], text) == [300000]


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("freeze Rp 50.000 per bulan", True),  # a word only one name holds
        ("Bisa bu, Rp 50.000 per bulan", False),
        ("vitamin c juga ada kak", True),  # two words of another name in a row
        ("berlaku 3 bulan ya kak", False),  # a number and a word: no name's two words
    ],
)
def test_a_reply_naming_another_product_loosely(text: str, other: bool) -> None:
    assert names_other_than(SERUMS, text, "Membership 3 Bulan") is other


def test_a_variant_is_named_by_a_name_in_its_note() -> None:
    """ "transport ke Pamulang" says "Zona 3 (Pondok Aren, Pamulang)"; a note of common
    words ("bayar di muka") names nothing."""
    catalog = (
        CatalogItem("Transport", 0, "c.csv:2", "Zona 1 (Serpong, Serpong Utara)"),
        CatalogItem("Transport", 25000, "c.csv:3", "Zona 2 (Setu, Ciputat)"),
        CatalogItem("Transport", 40000, "c.csv:4", "Zona 3 (Pondok Aren, Pamulang)"),
        CatalogItem("Kamar Tipe A", 1350000, "c.csv:5", "Bulanan"),
        CatalogItem("Kamar Tipe A", 7500000, "c.csv:6", "Paket 6 bulan (bayar di muka)"),
    )
    named = products_named(catalog, "Deep cleaning Rp 850.000, transport ke Pamulang Rp 40.000")
    assert [[v.price for v in g] for g in named] == [[40000]]
    named = products_named(catalog, "Kamar tipe A Rp 1.350.000 kak, bayar bulanan")
    assert [[v.price for v in g] for g in named] == [[1350000]]


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("25 pcs x IDR 178,000 = IDR 4,350,000", (178000, 4350000, 25)),
        ("25 pcs x IDR 178,000 = IDR 4,450,000", None),
        ("Fabric sofa IDR 75,000/seat x 5 = IDR 375,000", None),
        ("Sofa Rp 75.000/seat x 5 = Rp 370.000", (75000, 370000, 5)),
        # counts multiplied: "2 pcs x 2 hari x Rp 12.000"
        ("2 pcs x 2 hari x Rp 12.000 = Rp 48.000", None),
        ("SB polar 4 x 2 hari x Rp 12.000 = Rp 86.000", (12000, 86000, 8)),
        # a sum of products is the total's business, not this
        ("Jadi 10 x Rp 85.000 + 2 x Rp 95.000 = Rp 1.040.000.", None),
        ("8 pcs XXL x (Rp 78.000 + Rp 5.000) = Rp 664.000", None),
        # a count beside a size: the roll's length, the rug's square metres, are no count
        ("ambil 4 roll 50 m x Rp 445.000 = Rp 1.780.000", None),
        ("Rug 6 m2 x IDR 35,000 = IDR 210,000", None),
        ("ambil 4 roll 50 m x Rp 445.000 = Rp 1.880.000", (445000, 1880000, 4)),
        # a number that is no size keeps its count: a child's age is not one
        ("Kaos anak usia 3 tahun 2 pcs x Rp 100.000 = Rp 300.000", (100000, 300000, 2)),
    ],
)
def test_a_price_times_a_count(text: str, wrong: tuple[int, int, int] | None) -> None:
    found = wrong_product(text)
    assert (found and (found[0].value, found[1].value, found[2])) == wrong


def test_a_size_span_with_a_unit_of_letters_and_a_digit() -> None:
    """ "LB 140an m2" (about 140 m2) lies in "Rumah 91-150 m2", not "Rumah 46-90 m2"."""
    catalog = (
        CatalogItem("Deep Cleaning", 1350000, "c.csv:2", "Rumah 46-90 m2"),
        CatalogItem("Deep Cleaning", 2100000, "c.csv:3", "Rumah 91-150 m2"),
    )
    asked = "mau deep cleaning rumah, LB 140an m2. Brp ya?"
    named = products_named(catalog, "Deep cleaning rumah Rp 1.350.000", asked)
    assert [[v.price for v in g] for g in named] == [[2100000]]


@pytest.mark.parametrize(
    ("text", "values", "vague"),
    [
        # "rban", "jtan": about so many thousand, million
        ("Harganya sekitar 850-900rban kak", [900000], "850-900rban"),
        ("Pasir Muntilan mulai 600rban mas", [600000], "mulai 600rban"),
        ("sekitar 1,5jtan kak", [1500000], "sekitar 1,5jtan"),
        # the customer's budget said back is no price given
        ("Untuk budget ±250rb ada beberapa pilihan kak", [250000], None),
    ],
)
def test_amounts_said_roughly(text: str, values: list[int], vague: str | None) -> None:
    assert [p.value for p in find_prices(text, money_asked=True)] == values
    assert approximate_price(text) == vague


def test_a_single_letter_of_a_name_is_said_with_the_word_before_it() -> None:
    """ "Zona A" is not said by "a regular wash"; "Vitamin C" is said by "vitamin c"."""
    catalog = (
        CatalogItem("Home Service Zona A", 0, "c.csv:2"),
        CatalogItem("Serum Vitamin C", 115000, "c.csv:3"),
    )
    assert products_named(catalog, "A regular wash for the home service is IDR 80,000") == []
    named = products_named(catalog, "Serum vitamin C Rp 115.000, home service zona A gratis")
    assert sorted(v.price for g in named for v in g) == [0, 115000]


ROASTERY = (
    CatalogItem("Arabika Gayo Wine Process", 98000, "c.csv:2", "200 g"),
    CatalogItem("Arabika Gayo Wine Process", 430000, "c.csv:3", "1 kg"),
    CatalogItem("Arabika Toraja Sapan", 92000, "c.csv:4", "200 g"),
    CatalogItem("Grosir Arabika Gayo Wine Process (min. 5 kg)", 372000, "c.csv:5", "per kg"),
    CatalogItem("Grosir House Blend (min. 5 kg)", 228000, "c.csv:6", "per kg"),
    CatalogItem("Token listrik kamar AC", 52500, "c.csv:7", "Nominal 50.000"),
    CatalogItem("Token listrik kamar AC", 102500, "c.csv:8", "Nominal 100.000"),
    CatalogItem("Tukang kamar AC", 40000, "c.csv:9"),
    CatalogItem("Ongkir Dalam Kota (belanja di bawah Rp 1.500.000)", 50000, "c.csv:10"),
    CatalogItem("Vitamin D3 1000 IU isi 60", 89000, "c.csv:11"),
    CatalogItem("Cuci Kering Setrika per kg", 10000, "c.csv:12"),
    CatalogItem("Cuci Kering per kg", 7000, "c.csv:13"),
)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a name said without its brand is not outdone by the branded one it sits in
        ("Arabika Gayo Wine Process 200 g Rp 98.000 kak", ["Arabika Gayo Wine Process"]),
        (
            "Grosir Arabika Gayo Wine Process Rp 372.000/kg kak",
            ["Grosir Arabika Gayo Wine Process (min. 5 kg)"],
        ),
        # the rows of one name's variants open one name, not two: "token" is no brand
        ("Listrik kamar AC pakai token ya kak", ["Token listrik kamar AC"]),
        ("Listrik kamar AC bayar sendiri kak", []),
        # a word negated by "non-" is not said
        ("Token listrik kamar non-AC tidak perlu kak", []),
        # function words of a name may be left out, or said otherwise
        ("The Vitamin D3 1000 IU (60 tablets) is IDR 79,000", ["Vitamin D3 1000 IU isi 60"]),
        ("Cuci kering setrika Rp 7.000/kg kak", ["Cuci Kering Setrika per kg"]),
        ("Cuci kering Rp 7.000/kg kak", ["Cuci Kering per kg"]),
    ],
)
def test_which_names_a_sentence_says(text: str, names: list[str]) -> None:
    assert [g[0].name for g in products_named(ROASTERY, text)] == names


@pytest.mark.parametrize(
    ("text", "free"),
    [
        ("Total Rp 4.989.000, gratis ongkir dalam kota ya kak", True),
        ("Ongkir dalam kota gratis kak", True),
        ("Ongkir dalam kota Rp 50.000, gratis bubble wrap", False),  # another thing free
        ("Gratis konsultasi, ongkir dalam kota Rp 50.000", False),
        ("Ongkir dalam kota Rp 50.000 kak", False),
    ],
)
def test_a_fee_said_free(text: str, free: bool) -> None:
    [ongkir] = [i for i in ROASTERY if i.name.startswith("Ongkir")]
    found = said_free(ROASTERY, ongkir, text, lambda s: re.search(r"\b(gratis|free)\b", s))
    assert found is free


def test_a_name_of_amounts_with_units_only_said_free() -> None:
    """A name whose words are all an amount with its unit ("5 kg") is found by its
    unit logic, not by a plain word: a free word beside it once raised ValueError."""
    gas = (CatalogItem("Gas", 120000, "c.csv:2", "5 kg"), CatalogItem("5 kg", 125000, "c.csv:3"))
    found = said_free(
        gas, gas[1], "5 kg Rp 125.000, gratis antar kak", lambda s: re.search(r"gratis", s)
    )
    assert found is False


def test_a_bill_line_with_many_asides_is_read_once() -> None:
    """Asides are dropped a bracket at a time: a line of many is still added up."""
    line = "Kabel 4 roll x Rp 445.000 = Rp 1.780.000 " + "(eceran Rp 9.500) " * 3
    text = f"{line}\nMCB 10 x Rp 53.000 = Rp 530.000\nTotal Rp 2.410.000"
    wrong = wrong_total(text)
    assert wrong is not None
    assert [p.written for p in wrong.parts] == ["Rp 1.780.000", "Rp 530.000"]


def test_which_products_a_text_names_is_read_for_the_catalog_given() -> None:
    """products_named remembers its reading of a text for the catalog in use; asked
    with another catalog, it reads the text again (a memo keyed by text alone would
    answer with the first catalog's rows)."""
    text = "Kemeja batik parang harganya Rp 185.000 kak"
    first = (CatalogItem("Kemeja Batik Parang", 185_000, "a.csv:2"),)
    second = (
        CatalogItem("Kemeja Batik Parang", 200_000, "b.csv:2"),
        CatalogItem("Kemeja Batik Parang Anak", 150_000, "b.csv:3"),
    )
    assert products_named(first, text) == [[first[0]]]
    assert products_named(second, text) == [[second[0]]]
    assert products_named(first, text) == [[first[0]]]


def test_the_key_word_index_keeps_every_row_a_full_scan_names() -> None:
    """A text is read only against the rows whose key word it holds: never may that
    leave out a row whose words the text says (each labelled shop's catalog, each
    name said as written, folded, in a sentence, and after "non-")."""
    from cs_audit.prices import _in_one, _required, _rows_by_key, _sentences  # noqa: PLC0415

    catalogs = sorted((ROOT / "tests" / "labelled" / "catalogs").iterdir())
    assert len(catalogs) >= 30
    checked = 0
    for path in catalogs:
        catalog = load_catalog(path)
        required, by_key = _required(catalog), _rows_by_key(catalog)
        for item in catalog:
            for text in (
                item.name,
                item.name.lower(),
                f"Kak, {item.label} harganya berapa? Kalau non-{item.name} ada?",
            ):
                sentences = _sentences(text)
                said = set().union(*(re.findall(r"\w+", s) for s in sentences)) | {""}
                indexed = {row for word in said for row in by_key.get(word, ())}
                scanned = {
                    row
                    for row, other in enumerate(catalog)
                    if _in_one(required[other.name], sentences)
                }
                assert scanned <= indexed, (path.name, text)
                checked += catalog.index(item) in scanned
    assert checked > 1000  # texts that do name their own row
