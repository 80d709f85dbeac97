"""Prices as written in Indonesian chats, and the product catalog they are checked against."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from cs_audit.errors import ConfigError

# "Rp 150.000", "Rp150rb", "150k", "IDR 150,000", "Rp 1,5jt", "150 ribu"
_PRICE = re.compile(
    r"(?:\b(?:rp\.?|idr)\s*(?P<a>\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?)\s*(?P<ua>rb|ribu|k|jt|juta)?\b)"
    r"|(?:\b(?P<b>\d+(?:[.,]\d+)?)\s*(?P<ub>rb|ribu|k|jt|juta)\b)",
    re.IGNORECASE,
)
_UNITS = {"rb": 1_000, "ribu": 1_000, "k": 1_000, "jt": 1_000_000, "juta": 1_000_000}


@dataclass(frozen=True, slots=True)
class Price:
    """A price quoted in a message: its value in rupiah and how it was written."""

    value: int
    written: str


def _amount(number: str, unit: str | None) -> int:
    if unit:
        return round(float(number.replace(",", ".")) * _UNITS[unit.lower()])
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", number):
        return int(re.sub(r"[.,]", "", number))
    return round(float(number.replace(",", ".")))


def find_prices(text: str) -> list[Price]:
    """Every price written in ``text``, in order."""
    found = []
    for match in _PRICE.finditer(text):
        number = match["a"] or match["b"]
        unit = match["ua"] if match["a"] else match["ub"]
        found.append(Price(_amount(number, unit), match[0].strip()))
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
        prices = find_prices(cell) or (
            [Price(_amount(cell, None), cell)] if re.fullmatch(r"\d+(?:[.,]\d+)*", cell) else []
        )
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


def mentioned(item: CatalogItem, text: str) -> bool:
    """Whether ``text`` names the product (every word of its name, in any order)."""
    words = re.findall(r"\w+", item.name.casefold())
    folded = text.casefold()
    return bool(words) and all(re.search(rf"\b{re.escape(w)}\b", folded) for w in words)
