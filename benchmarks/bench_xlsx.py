"""Benchmark: what a workbook cell costs in the two libraries built for large sheets.

cs-audit writes its workbook's listing sheets (millions of cells in a week) as
SpreadsheetML its workers render beside the verdicts. Before trading that for a
library, `make bench` measures, in the benchmark's own environment (never cs-audit's),
the CPU time per cell of XlsxWriter's constant_memory mode and openpyxl's write-only
mode with lxml, on 500,000 cells shaped like the Conversations sheet's rows (file
names, customers, times, verdicts, reasons quoting a chat): set beside the per-cell
cost `bench_audit.py` reports for cs-audit's own `--xlsx`.
"""

from __future__ import annotations

import os
import tempfile
import time
from datetime import datetime, timedelta
from typing import Any

ROWS, COLUMNS = 20_000, 25


def _rows() -> list[list[Any]]:
    verdicts = ("pass", "fail", "n/a")
    rows = []
    for i in range(ROWS):
        row: list[Any] = [
            f"week/Chat WhatsApp dengan +62 812-{i:04d}-{i % 9973:04d}.txt",
            i % 7 + 1,
            f"+62 812-{i:04d}-{i % 9973:04d}",
            "Rina",
            datetime(2026, 11, 16) + timedelta(minutes=i),
            14 + i % 30,
            320.0 + i % 600,
            0.85,
            *(verdicts[(i + k) % 3] for k in range(6)),
            72.5,
            "answers_questions, accurate_concise",
            f'a point got no reply: "kak ukuran L ready gak? mau yang warna navy {i}"',
            "escalation; empathy",
            "id",
        ]
        rows.append(row + ["n/a"] * (COLUMNS - len(row)))
    return rows


def _xlsxwriter(rows: list[list[Any]], path: str) -> None:
    import xlsxwriter  # type: ignore[import-not-found]  # noqa: PLC0415  (bench's env)

    options = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    book = xlsxwriter.Workbook(path, options)
    sheet = book.add_worksheet("Conversations")
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    moment = book.add_format({"num_format": "yyyy-mm-dd hh:mm", "valign": "top"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, datetime):
                sheet.write_datetime(r, c, value, moment)
            elif isinstance(value, str):
                sheet.write_string(r, c, value, wrap)
            else:
                sheet.write_number(r, c, value)
    book.close()


def _openpyxl(rows: list[list[Any]], path: str) -> None:
    import openpyxl  # noqa: PLC0415
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415
    from openpyxl.styles import Alignment  # noqa: PLC0415

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Conversations")
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.alignment = wrap
                cell.data_type = "s"  # never a formula
            cells.append(cell)
        sheet.append(cells)
    book.save(path)


def main() -> None:
    rows = _rows()
    cells = ROWS * COLUMNS
    print("| library | mode | CPU s | µs a cell | file MiB |")
    print("| --- | --- | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as folder:
        for name, mode, write in (
            ("XlsxWriter", "constant_memory", _xlsxwriter),
            ("openpyxl + lxml", "write_only", _openpyxl),
        ):
            path = os.path.join(folder, f"{name.split()[0]}.xlsx")
            start = time.process_time()
            write(rows, path)
            spent = time.process_time() - start
            size = os.path.getsize(path) / 2**20
            print(
                f"| {name} | {mode} | {spent:.2f} | {1e6 * spent / cells:.1f} | {size:.1f} |",
                flush=True,
            )
    print(f"\n{cells:,} cells, in one process (the main one: neither library's writer forks)")


if __name__ == "__main__":
    main()
