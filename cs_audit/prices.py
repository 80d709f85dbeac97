"""Prices as written in Indonesian chats, and the product catalog they are checked against."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from cs_audit.errors import ConfigError

# "Rp 150.000", "Rp150rb", "150k", "IDR 150,000", "Rp 1,5jt", "150 ribu", "150.000" (a
# bare number in dotted thousands). Digits are capped: no amount overflows.
_NUMBER = r"\d{1,3}(?:[.,]\d{3}){1,4}(?:[.,]\d{1,2})?|\d{1,9}(?:[.,]\d{1,2})?"
_PRICE = re.compile(
    rf"\b(?:rp\.?|idr)\s*(?P<a>{_NUMBER})\s*(?P<ua>rb|ribu|k|jt|juta)?(?![\d.,]*\d)"
    rf"|\b(?P<b>\d{{1,4}}(?:[.,]\d{{1,2}})?)\s*(?P<ub>rb|ribu|k|jt|juta)\b"
    r"|(?<![\d.,])(?P<c>\d{1,3}(?:\.\d{3}){1,4})(?![\d.,]*\d)",
    re.IGNORECASE,
)
_UNITS = {"rb": 1_000, "ribu": 1_000, "k": 1_000, "jt": 1_000_000, "juta": 1_000_000}


@dataclass(frozen=True, slots=True)
class Price:
    """A price quoted in a message: its value in rupiah and how it was written."""

    value: int
    written: str


def amount(number: str, unit: str | None = None) -> int:
    """Rupiah in a number as written: "150.000", "150,000.00", "1.500.000,00", "1,5" + jt."""
    grouped = re.fullmatch(r"(\d{1,3})([.,])(\d{3}(?:\2\d{3})*)(?:[.,]\d{1,2})?", number)
    if grouped and not unit:
        return int(grouped[1] + grouped[3].replace(grouped[2], ""))
    value = float(number.replace(",", "."))
    return round(value * _UNITS[unit.lower()]) if unit else round(value)


def find_prices(text: str) -> list[Price]:
    """Every price written in ``text``, in order."""
    found = []
    for match in _PRICE.finditer(text):
        if match["c"]:
            found.append(Price(amount(match["c"]), match[0].strip()))
            continue
        number = match["a"] or match["b"]
        unit = match["ua"] if match["a"] else match["ub"]
        found.append(Price(amount(number, unit), match[0].strip()))
    return found


@dataclass(frozen=True, slots=True)
class CatalogItem:
    name: str
    price: int
    where: str  # file:row, for evidence


def _rows(path: Path) -> list[list[str]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl  # noqa: PLC0415  (only when a workbook catalog is given)

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = [
            ["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)
        ]
        book.close()
        return rows
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def load_catalog(path: str | Path) -> tuple[CatalogItem, ...]:
    """Products and prices from a CSV or XLSX file: name in the first column, price in the
    second (a header row is recognised and skipped)."""
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
    items = []
    for number, row in enumerate(rows, start=1):
        if len(row) < 2 or not row[0].strip():
            continue
        cell = row[1].strip()
        prices = find_prices(cell)
        if not prices and re.fullmatch(_NUMBER, cell):
            prices = [Price(amount(cell), cell)]
        if not prices:
            if number == 1:
                continue  # a header row
            raise ConfigError(
                f"{where}:{number}",
                f"price {cell!r} is not a number",
                "write prices as 150000 or Rp 150.000",
            )
        items.append(CatalogItem(row[0].strip(), prices[0].value, f"{where}:{number}"))
    if not items:
        raise ConfigError(where, "has no products", "give rows of product name, price")
    return tuple(items)


def _words(name: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", name.casefold()))


def mentioned(item: CatalogItem, text: str) -> bool:
    """Whether ``text`` names the product (every word of its name, in any order)."""
    words = _words(item.name)
    folded = text.casefold()
    return bool(words) and all(re.search(rf"\b{re.escape(w)}\b", folded) for w in words)


def products_named(catalog: tuple[CatalogItem, ...], text: str) -> list[CatalogItem]:
    """The products ``text`` names, the most specific only: "kemeja batik anak" names
    Kemeja Batik Anak, not also Kemeja Batik."""
    named = [item for item in catalog if mentioned(item, text)]
    return [
        item for item in named if not any(_words(item.name) < _words(other.name) for other in named)
    ]
