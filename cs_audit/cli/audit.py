"""`cs-audit audit`: the scorecard, its data formats, the workbook, periods and
history."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cs_audit.cli.common import (
    AgentOption,
    ConfigOption,
    DateOrderOption,
    Paths,
    QuietOption,
    VerboseOption,
    Warnings,
    WorkersOption,
    app,
    guarded,
    load_audit_config,
    say,
    stream,
)
from cs_audit.errors import ConfigError, ExitCode, InternalError
from cs_audit.files import write_atomically
from cs_audit.models import DateOrder
from cs_audit.parallel import default_workers

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cs_audit.pipeline import AuditResult, ConversationResult
    from cs_audit.scorecards import AgentScorecard


class AuditFormat(StrEnum):
    """Output formats of ``cs-audit audit``."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"


class Rows(StrEnum):
    """What one row is in CSV (and in JSON with --by)."""

    AGENT = "agent"
    CONVERSATION = "conversation"


@app.command()
def audit(
    paths: Paths,
    fmt: Annotated[
        AuditFormat,
        typer.Option("--format", "-f", help="table: the scorecard; csv or json: data on stdout."),
    ] = AuditFormat.TABLE,
    by: Annotated[
        Rows | None,
        typer.Option(
            "--by",
            help="Rows: one per agent (the default but for JSON) or per conversation (the "
            "table format then lists conversations).",
            show_default=False,
        ),
    ] = None,
    config_file: ConfigOption = None,
    agent: AgentOption = None,
    catalog_file: Annotated[
        Path | None,
        typer.Option(
            "--catalog",
            help="CSV or XLSX of product name and price; quoted prices are checked against it.",
            show_default=False,
        ),
    ] = None,
    week: Annotated[
        str | None,
        typer.Option(
            "--week",
            help="Only conversations starting in this ISO week (2026-W47).",
            show_default=False,
        ),
    ] = None,
    month: Annotated[
        str | None,
        typer.Option(
            "--month",
            help="Only conversations starting in this month (2026-11).",
            show_default=False,
        ),
    ] = None,
    last_week: Annotated[
        bool, typer.Option("--last-week", help="The ISO week before --today's.")
    ] = False,
    last_month: Annotated[
        bool, typer.Option("--last-month", help="The month before --today's.")
    ] = False,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Only conversations starting on or after this date (16/11/2026, 16 Nov 2026).",
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            help="Only conversations starting on or before this date.",
            show_default=False,
        ),
    ] = None,
    redact_output: Annotated[
        bool, typer.Option("--redact", help="Mask phone numbers and e-mail addresses.")
    ] = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    compare_previous: Annotated[
        bool,
        typer.Option(
            "--compare-previous",
            help="Add the previous period per agent and the "
            "change (needs --week, or --since with --until).",
        ),
    ] = False,
    xlsx: Annotated[
        Path | None,
        typer.Option(
            "--xlsx", help="Also write an Excel workbook (written atomically).", show_default=False
        ),
    ] = None,
    history: Annotated[
        Path | None,
        typer.Option(
            "--history",
            help="Also keep this audit in a SQLite history file (see the config's [history]).",
            show_default=False,
        ),
    ] = None,
    history_quotes: Annotated[
        bool,
        typer.Option("--history-quotes", help="Keep the quoted chat lines in the history too."),
    ] = False,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            help="The run's date as the workbook's title gives it (2026-11-23).",
            show_default="the system date",
        ),
    ] = None,
    date_order: DateOrderOption = DateOrder.AUTO,
    workers: WorkersOption = None,
) -> None:
    """Audit conversations: response times, the six criteria, flags, per-agent scores.

    A scorecard per agent, or data for spreadsheets; a file that cannot be audited: exit 3.
    """
    from cs_audit.pipeline import (  # noqa: PLC0415
        Results,
        start_dates,
        within_period,
    )
    from cs_audit.pipeline import audit as run_audit  # noqa: PLC0415
    from cs_audit.prices import load_catalog  # noqa: PLC0415
    from cs_audit.redact import redact, region_of  # noqa: PLC0415
    from cs_audit.render.json import conversation_line  # noqa: PLC0415
    from cs_audit.render.terminal import printable  # noqa: PLC0415

    with guarded(), ExitStack() as cleanup:
        from cs_audit import periods  # noqa: PLC0415

        forms = [
            name
            for name, given in (
                ("--week", week),
                ("--month", month),
                ("--last-week", last_week),
                ("--last-month", last_month),
            )
            if given
        ]
        if len(forms) > 1:
            raise ConfigError(forms[0], f"cannot go with {forms[1]}", "give one period")
        run_day = _day(today, "--today").date() if today else date.today()
        week = periods.last_week(run_day) if last_week else week
        month = periods.last_month(run_day) if last_month else month
        period = _period(week, since, until, month)
        config = load_audit_config(config_file, agent)
        kept = history or config.history
        if kept is not None:
            from cs_audit.history import check as check_history  # noqa: PLC0415

            check_history(kept)  # before the audit's minutes, not after them
        # with a history, a closed period is compared with the one before it, as asked
        closed = period is not None and None not in period
        compare = compare_previous or (kept is not None and kept.is_file() and closed)
        earlier = _previous_start(period) if compare else None
        catalog = load_catalog(catalog_file) if catalog_file else ()
        region = region_of(config.country_code)  # where numbers without "+" are dialled
        clean = (lambda text: printable(redact(text, region))) if redact_output else printable
        # What the workers render of each conversation as they judge it.
        render: list[Callable[[ConversationResult], str]] = []
        if fmt is AuditFormat.JSON and by is None:
            render.append(conversation_line)
        workbook = None
        if xlsx is not None:
            from cs_audit.render.excel import WorkbookWriter  # noqa: PLC0415

            workbook = WorkbookWriter(clean, good=config.good, poor=config.poor, compare=compare)
            cleanup.callback(workbook.close)  # if it is never written
            render.append(workbook.render)
        with _progress(quiet) as on_file:
            result = run_audit(
                paths,
                config,
                catalog=catalog,
                date_order=date_order,
                workers=workers or default_workers(),
                on_file=on_file,
                render=render,
                # the conversations themselves, or only what the workers rendered (the
                # JSON document's lines) and the scorecards: then none is pickled
                keep=not (
                    fmt is not AuditFormat.TABLE
                    and by is not Rows.CONVERSATION
                    and xlsx is None
                    and kept is None
                    and period is None
                ),
            )
        previous = None
        if earlier is not None and period is not None and period[0] is not None:
            before = within_period(result, earlier, period[0])
            previous = before.agents
            if not before.conversations and kept is not None:
                # the period before is not in the inputs: as the history kept it
                from cs_audit.history import previous as kept_before  # noqa: PLC0415

                previous = kept_before(kept, earlier, period[0])
        if period is not None:
            audited = start_dates(result.conversations)
            result = within_period(result, period[0] or datetime.min, period[1] or datetime.max)
            if audited is not None and not result.conversations:
                say(
                    f"no conversation starts {_period_words(week or month, since, until)}; "
                    f"the inputs cover {audited[0].isoformat()} to {audited[1].isoformat()}"
                )
        warnings = Warnings(clean, verbose=verbose, quiet=quiet)
        for report in result.files:
            if report.error is not None:
                say(clean(str(report.error)))
            warnings.add(report.notices, report.unlisted)
        warnings.tell()
        if kept is not None:
            _keep(kept, result, paths, config_file, quotes=history_quotes, redacted=redact_output)
        bugs: dict[str, None] = {}  # files a bug met while rendering here, in order

        def on_bug(r: ConversationResult, error: Exception) -> None:
            if r.conversation.file not in bugs:
                bugs[r.conversation.file] = None
                say(clean(str(InternalError.of(r.conversation.file, error))))

        if xlsx is not None and workbook is not None:
            rows = result.conversations
            rendered = rows.lines(workbook.render) if isinstance(rows, Results) else None
            from cs_audit.render.excel import title_lines  # noqa: PLC0415

            title = title_lines(result, _period_title(period, week or month, result), run_day)
            write_atomically(
                xlsx,
                lambda out: workbook.write(result, out, rendered, title=title, previous=previous),
            )
            if not quiet:
                sheets = len(workbook.book.sheetnames)
                say(
                    f"wrote {clean(xlsx.as_posix())} ({sheets} sheets, "
                    f"{len(result.conversations):,} conversations)"
                )
        if fmt is AuditFormat.TABLE:
            from rich.console import Console  # noqa: PLC0415

            from cs_audit.render.terminal import conversation_table, scorecard  # noqa: PLC0415

            Console(highlight=False).print(
                conversation_table(result, clean=clean, on_bug=on_bug)
                if by is Rows.CONVERSATION
                else scorecard(result, clean=clean, previous=previous, on_bug=on_bug)
            )
        else:
            parts = _data(
                result,
                fmt,
                by,
                previous,
                redacted=region if redact_output else None,
                on_bug=on_bug,
            )
            stream(parts, printable)
        if bugs:
            raise typer.Exit(ExitCode.INTERNAL)
        if result.failed:
            raise typer.Exit(result.exit_code)


def _previous_start(period: tuple[datetime | None, datetime | None] | None) -> datetime:
    """Where the period before ``period``, of the same length, starts (--compare-previous)."""
    start, end = period or (None, None)
    if start is None or end is None:
        raise ConfigError(
            "--compare-previous",
            "needs a period with a start and an end",
            "add --week 2026-W47, or --since and --until",
        )
    try:
        return start - (end - start)
    except OverflowError:
        raise ConfigError(
            "--compare-previous", "the previous period is before year 1", "choose a later period"
        ) from None


@contextmanager
def _progress(quiet: bool) -> Iterator[Callable[[str], None] | None]:
    """A count of files read, on stderr, only where a person watches it (a terminal)."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console  # noqa: PLC0415
    from rich.progress import Progress, SpinnerColumn, TextColumn  # noqa: PLC0415

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("reading exports", total=None)
        read = 0

        def on_file(name: str) -> None:
            nonlocal read
            read += 1
            progress.update(task, description=f"read {read} file(s)")

        yield on_file


def _day(text: str, option: str) -> datetime:
    """The day a supervisor wrote (2026-11-16, 16/11/2026, 16 Nov 2026, 16 Agt 2026)."""
    from cs_audit.periods import parse_day  # noqa: PLC0415

    return datetime.combine(parse_day(text, option), time.min)


def _keep(
    path: Path,
    result: AuditResult,
    paths: Sequence[Path],
    config_file: Path | None,
    *,
    quotes: bool,
    redacted: bool,
) -> None:
    """Append the audit to its history file (the clock is read here, the CLI)."""
    import hashlib  # noqa: PLC0415

    from cs_audit import __version__ as version  # noqa: PLC0415
    from cs_audit.history import record  # noqa: PLC0415
    from cs_audit.redact import redact  # noqa: PLC0415

    digest = hashlib.sha256(config_file.read_bytes()).hexdigest() if config_file else ""
    record(
        path,
        result,
        at=datetime.now().replace(microsecond=0),
        inputs=[p.as_posix() for p in paths],
        config_digest=digest,
        tool_version=version,
        quotes=quotes,
        clean=redact if redacted else str,
    )


def _period_title(
    period: tuple[datetime | None, datetime | None] | None, week: str | None, result: AuditResult
) -> str:
    """The period a workbook's title names: the ISO week with its days, the days asked
    for, or else the days the conversations start on."""
    from cs_audit.pipeline import start_dates  # noqa: PLC0415

    def day(moment: datetime) -> str:
        return moment.date().isoformat()

    start, end = period or (None, None)
    last = end - timedelta(days=1) if end is not None and end < datetime.max else None
    if week and start is not None and last is not None:
        return f"{week.upper()} ({day(start)} to {day(last)})"
    if start is not None and last is not None:
        return f"{day(start)} to {day(last)}"
    if start is not None:
        return f"from {day(start)}"
    if last is not None:
        return f"until {day(last)}"
    found = start_dates(result.conversations)
    return f"{found[0]} to {found[1]}" if found else "no conversations"


def _period_words(week: str | None, since: str | None, until: str | None) -> str:
    """The period asked for, in words: "in 2026-W48", "in 2026-11", "from 2026-11-16 to
    2026-11-22" (``week``: an ISO week or a month)."""
    if week:
        return f"in {week}"
    if since and until:
        return f"from {since} to {until}"
    return f"on or after {since}" if since else f"on or before {until}"


def _period(
    week: str | None, since: str | None, until: str | None, month: str | None = None
) -> tuple[datetime | None, datetime | None] | None:
    """Where conversations must start: an ISO week, a month, or --since/--until days
    (inclusive); None for an open end."""
    from cs_audit.periods import month as month_span  # noqa: PLC0415
    from cs_audit.pipeline import iso_week  # noqa: PLC0415

    if (week or month) and (since or until):
        given = "--week" if week else "--month"
        raise ConfigError(given, "cannot go with --since/--until", "give one or the other")
    if week:
        return iso_week(week)
    if month:
        return month_span(month)
    if not (since or until):
        return None
    start = _day(since, "--since") if since else None
    end = _day(until, "--until") if until else None
    if start and end and start > end:
        raise ConfigError(
            f"--since {since} --until {until}",
            "ends before it starts",
            "give --since a day on or before --until",
        )
    if end is not None:
        end = end + timedelta(days=1) if end.date() < date.max else datetime.max
    return start, end


def _data(
    result: AuditResult,
    fmt: AuditFormat,
    by: Rows | None,
    previous: Sequence[AgentScorecard] | None = None,
    *,
    redacted: str | None = None,
    on_bug: Callable[[ConversationResult, Exception], None] | None = None,
) -> Iterator[str]:
    """CSV or JSON for stdout, in pieces: the full document for JSON without --by, else
    rows. ``redacted`` (a region, as redact takes it) masks phone numbers and e-mails in
    text values only: the tool's
    own figures are never touched."""
    from cs_audit.redact import redact, redact_json  # noqa: PLC0415
    from cs_audit.render.json import audit_json_parts  # noqa: PLC0415
    from cs_audit.render.rows import (  # noqa: PLC0415
        AGENT_COLUMNS,
        CONVERSATION_COLUMNS,
        PREVIOUS_COLUMNS,
        agent_rows,
        conversation_rows,
        rows_csv,
        rows_json,
    )

    if fmt is AuditFormat.JSON and by is None:
        parts = audit_json_parts(result, previous)
        return (redact_json(part, redacted) for part in parts) if redacted else parts
    rows: Iterable[dict[str, Any]]
    if by is Rows.CONVERSATION:
        rows, columns = conversation_rows(result, on_bug=on_bug), CONVERSATION_COLUMNS
    else:
        rows = agent_rows(result, previous)
        columns = AGENT_COLUMNS + (PREVIOUS_COLUMNS if previous is not None else ())
    if redacted:
        region = redacted
        rows = (
            {k: redact(v, region) if isinstance(v, str) else v for k, v in r.items()} for r in rows
        )
    return rows_csv(rows, columns) if fmt is AuditFormat.CSV else rows_json(rows)
