"""`cs-audit trend`: per week and agent, from an audit history."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cs_audit.cli.common import (
    app,
    guarded,
    say,
    stream,
)
from cs_audit.files import write_atomically

if TYPE_CHECKING:
    pass


class TrendFormat(StrEnum):
    """Output formats of ``cs-audit trend``."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"


@app.command()
def trend(
    history: Annotated[
        Path,
        typer.Option("--history", help="The history file audits kept (audit --history)."),
    ],
    weeks: Annotated[
        int, typer.Option("--weeks", min=1, help="How many of the last weeks to show.")
    ] = 8,
    agent: Annotated[
        str | None,
        typer.Option("--agent", "-a", help="Only this agent's rows.", show_default=False),
    ] = None,
    fmt: Annotated[
        TrendFormat,
        typer.Option("--format", "-f", help="table: for a person; csv or json: data."),
    ] = TrendFormat.TABLE,
    xlsx: Annotated[
        Path | None,
        typer.Option(
            "--xlsx", help="Also write a workbook with a line chart per agent.", show_default=False
        ),
    ] = None,
) -> None:
    """Per agent and ISO week, from the history: mean score, pass rates, first response.

    The last --weeks weeks the history holds; exit 2 for a file that is no history.
    """
    from cs_audit.history import TREND_COLUMNS  # noqa: PLC0415
    from cs_audit.history import trend as weekly  # noqa: PLC0415
    from cs_audit.render.rows import rows_csv, rows_json  # noqa: PLC0415
    from cs_audit.render.terminal import printable  # noqa: PLC0415

    with guarded():
        rows = weekly(history, weeks=weeks, agent=agent)
        if xlsx is not None:
            from cs_audit.render.excel import trend_workbook  # noqa: PLC0415

            write_atomically(xlsx, trend_workbook(rows))
            say(f"wrote {xlsx.as_posix()} (2 sheets, {len(rows)} rows)")
        if fmt is TrendFormat.TABLE:
            from rich.console import Console  # noqa: PLC0415

            from cs_audit.render.terminal import trend_table  # noqa: PLC0415

            Console(highlight=False).print(trend_table(rows, clean=printable))
        else:
            parts = rows_csv(rows, TREND_COLUMNS) if fmt is TrendFormat.CSV else rows_json(rows)
            stream(parts, printable)
