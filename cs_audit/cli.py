"""The ``cs-audit`` command: the only module that prints, exits or picks colours."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, BinaryIO

import typer

from cs_audit import __version__
from cs_audit.errors import ConfigError, CsAuditError, ExitCode, InternalError, bug_site
from cs_audit.files import write_atomically
from cs_audit.ingest import ParsedExport, read_exports
from cs_audit.models import DateOrder, Notice
from cs_audit.parallel import can_fork, default_workers, fork_map, fork_write

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cs_audit.config import AuditConfig
    from cs_audit.pipeline import AuditResult, ConversationResult
    from cs_audit.prices import CatalogItem
    from cs_audit.scorecards import AgentScorecard

app = typer.Typer(
    name="cs-audit",
    help="Audit customer-service WhatsApp chat exports.",
    no_args_is_help=True,
    add_completion=False,
    # A pretty traceback would print local variables: chat text. Errors are one line.
    pretty_exceptions_enable=False,
)


Paths = Annotated[
    list[Path],
    typer.Argument(
        help="Export .txt or .zip files, or folders searched for them.",
        show_default=False,
        metavar="PATH",
    ),
]
DateOrderOption = Annotated[
    DateOrder,
    typer.Option(
        "--date-order", help="Date order for files whose dates do not tell it (auto: day first)."
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="A TOML config (see cs-audit init).", show_default=False),
]
AgentOption = Annotated[
    list[str] | None,
    typer.Option(
        "--agent", "-a", help="An author on the business side (repeatable).", show_default=False
    ),
]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        "-j",
        min=1,
        show_default="the machine's cores",
        help=(
            "Processes for large exports (and, in audit, for judging files); "
            "the output is the same for any number."
        ),
    ),
]

QuietOption = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="No warnings and no progress display (errors still print)."),
]
VerboseOption = Annotated[
    bool,
    typer.Option(
        "--verbose", "-v", help="Every file's warning on its own line, however many share one."
    ),
]


class ParseFormat(StrEnum):
    """Output formats of ``cs-audit parse``."""

    JSONL = "jsonl"
    CSV = "csv"
    SUMMARY = "summary"


def _say(line: str) -> None:
    """One line on stderr, printed as written (never read as markup)."""
    print(line, file=sys.stderr, flush=True)


def _warn(notice: Notice, clean: Callable[[str], str] = str) -> None:
    _say(clean(f"{_where(notice)}: warning: {notice.message}; {notice.hint}"))


def _where(notice: Notice) -> str:
    return notice.file if notice.line is None else f"{notice.file}:{notice.line}"


class _Warnings:
    """The files' warnings, told at the end, grouped: a warning that more than
    ``SHOWN`` files share is one line with their count and the first few (a folder of
    fourteen undated exports is not fourteen lines). ``verbose`` tells each on its own
    line; ``quiet`` tells none."""

    SHOWN = 3

    def __init__(self, clean: Callable[[str], str], *, verbose: bool, quiet: bool) -> None:
        self.clean, self.verbose, self.quiet = clean, verbose, quiet
        self.kinds: dict[tuple[str, str], list[Notice]] = {}
        self.unlisted: dict[str, int] = {}  # names off the roster, and in how many files

    def add(self, notices: Iterable[Notice], unlisted: Iterable[str] = ()) -> None:
        for notice in notices:
            self.kinds.setdefault((notice.message, notice.hint), []).append(notice)
        for name in unlisted:
            self.unlisted[name] = self.unlisted.get(name, 0) + 1

    def tell(self) -> None:
        if self.quiet:
            return
        for (message, hint), notices in self.kinds.items():
            if self.verbose or len(notices) <= self.SHOWN:
                for notice in notices:
                    _warn(notice, self.clean)
                continue
            first = ", ".join(_where(n) for n in notices[: self.SHOWN])
            more = len(notices) - self.SHOWN
            _say(
                self.clean(
                    f"warning: {len(notices)} files: {message}; {hint} ({first} and {more} "
                    "more; --verbose lists every file)"
                )
            )
        if self.unlisted:  # once for the run, naming them all
            names = ", ".join(
                f"{name} ({n} file{'s' if n > 1 else ''})" for name, n in self.unlisted.items()
            )
            _say(
                self.clean(
                    f"warning: replies are signed by agents the roster ([[agents]]) leaves out: "
                    f"{names}; their replies count as the business account's; add them under "
                    "[[agents]] in the config"
                )
            )


@contextmanager
def _guarded() -> Iterator[None]:
    """Turn every failure into one stderr line and a documented exit status."""
    try:
        yield
    except CsAuditError as error:
        _say(str(error))
        raise typer.Exit(error.exit_code) from None
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as other filters do.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        raise typer.Exit(ExitCode.OK) from None
    except typer.Exit:
        raise
    except KeyboardInterrupt:
        _say("cs-audit: interrupted")
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    except Exception as error:  # a bug: say where, never what (it may quote chat text)
        _say(
            f"cs-audit: internal error ({bug_site(error)}); please report it with the command "
            "you ran (the error's text is withheld: it may quote a chat)"
        )
        raise typer.Exit(ExitCode.INTERNAL) from None


def _version(value: bool) -> None:
    if value:
        print(f"cs-audit {__version__}")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", is_eager=True, callback=_version
        ),
    ] = False,
) -> None:
    """Audit customer-service WhatsApp chat exports."""


_RENDER_SLICE = 8192  # messages a worker renders at a time
_PARALLEL_RENDER = 200_000  # below this, forking workers costs more than it saves


def _render_slice(shared: tuple[ParsedExport, ParseFormat], span: tuple[int, int]) -> bytes:
    """One slice of a parsed export as output bytes (runs in a forked worker)."""
    from cs_audit.render.csv import render_csv  # noqa: PLC0415
    from cs_audit.render.jsonl import render_jsonl  # noqa: PLC0415

    parsed, fmt = shared
    render = render_csv if fmt is ParseFormat.CSV else render_jsonl
    return render(parsed, *span).encode("utf-8")


def _writer(fmt: ParseFormat, out: BinaryIO, workers: int) -> Callable[[ParsedExport], None]:
    if fmt is ParseFormat.CSV:
        from cs_audit.render.csv import csv_header  # noqa: PLC0415

        out.write(csv_header().encode())

    def write(parsed: ParsedExport) -> None:
        size = len(parsed)
        spans = [
            (start, min(start + _RENDER_SLICE, size)) for start in range(0, size, _RENDER_SLICE)
        ]
        used = workers if size >= _PARALLEL_RENDER else 1
        try:
            fd = out.fileno()
        except (AttributeError, OSError, ValueError):  # not a real file (tests, wrappers)
            fd = -1
        if fd >= 0 and used > 1 and can_fork():
            out.flush()  # workers write to the descriptor itself, after what is buffered
            fork_write(_render_slice, spans, shared=(parsed, fmt), workers=used, fd=fd)
            return
        for block in fork_map(_render_slice, spans, shared=(parsed, fmt), workers=used):
            out.write(block)

    return write


@app.command()
def parse(
    paths: Paths,
    fmt: Annotated[
        ParseFormat,
        typer.Option(
            "--format",
            "-f",
            help="jsonl or csv: one record per message; summary: one line per file.",
        ),
    ] = ParseFormat.JSONL,
    date_order: DateOrderOption = DateOrder.AUTO,
    workers: WorkersOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Read exports and print one record per message.

    Records: file, line, timestamp, author, text, kind. A file that cannot be read: exit 3.
    """
    with _guarded():
        out = sys.stdout.buffer
        results: list[ParsedExport | CsAuditError] = []
        workers = workers or default_workers()
        write = None if fmt is ParseFormat.SUMMARY else _writer(fmt, out, workers)
        status = ExitCode.OK
        warnings = _Warnings(str, verbose=verbose, quiet=quiet)
        for result in read_exports(paths, date_order=date_order, workers=workers):
            if isinstance(result, CsAuditError):
                status = max(status, result.exit_code)
                _say(str(result))
            else:
                warnings.add(result.notices)
                if write is not None:
                    try:
                        write(result)
                    except (BrokenPipeError, KeyboardInterrupt):
                        raise
                    except Exception as error:  # a bug costs this file's records only
                        _say(str(InternalError.of(result.file, error)))
                        status = max(status, ExitCode.INTERNAL)
            if write is None:
                results.append(result)
        out.flush()
        warnings.tell()
        if write is None:
            from rich.console import Console  # noqa: PLC0415

            from cs_audit.render.summary import summary_table  # noqa: PLC0415

            Console(highlight=False).print(summary_table(results))
        if status:
            raise typer.Exit(status)


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

    with _guarded(), ExitStack() as cleanup:
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
        config = _config(config_file, agent)
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
                _say(
                    f"no conversation starts {_period_words(week or month, since, until)}; "
                    f"the inputs cover {audited[0].isoformat()} to {audited[1].isoformat()}"
                )
        warnings = _Warnings(clean, verbose=verbose, quiet=quiet)
        for report in result.files:
            if report.error is not None:
                _say(clean(str(report.error)))
            warnings.add(report.notices, report.unlisted)
        warnings.tell()
        if kept is not None:
            _keep(kept, result, paths, config_file, quotes=history_quotes, redacted=redact_output)
        bugs: dict[str, None] = {}  # files a bug met while rendering here, in order

        def on_bug(r: ConversationResult, error: Exception) -> None:
            if r.conversation.file not in bugs:
                bugs[r.conversation.file] = None
                _say(clean(str(InternalError.of(r.conversation.file, error))))

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
                _say(
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
            _stream(parts, printable)
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


def _config(path: Path | None, agents: list[str] | None) -> AuditConfig:
    """The config file's settings (or the defaults), with --agent names added."""
    from cs_audit.config import AuditConfig, load_config  # noqa: PLC0415

    config = load_config(path) if path else AuditConfig()
    return config.with_agents(tuple(agents)) if agents else config


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


def _stream(parts: Iterable[str], clean: Callable[[str], str]) -> None:
    """Write text to stdout as it is made, cleaned and encoded some 64 KiB at a time
    (the pieces are whole lines or rows, so nothing to clean is cut in two)."""
    out, batch, size = sys.stdout.buffer, [], 0
    for part in parts:
        batch.append(part)
        size += len(part)
        if size >= 1 << 16:
            out.write(clean("".join(batch)).encode("utf-8"))
            batch, size = [], 0
    out.write(clean("".join(batch)).encode("utf-8"))
    out.flush()


@app.command()
def check(
    paths: Paths,
    min_score: Annotated[
        float,
        typer.Option("--min-score", help="The score each conversation must reach (0-100)."),
    ] = 80.0,
    require: Annotated[
        list[str] | None,
        typer.Option(
            "--require", help="A criterion that must pass (repeatable).", show_default=False
        ),
    ] = None,
    junit: Annotated[
        Path | None,
        typer.Option(
            "--junit", help="Also write JUnit XML (a test case per transcript).", show_default=False
        ),
    ] = None,
    config_file: ConfigOption = None,
    agent: AgentOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Check training transcripts against a bar, for CI: exit 1 if any misses it.

    Each failing transcript is printed with its failing criteria and the quoted line.
    """
    from cs_audit.checks import check as run_check  # noqa: PLC0415
    from cs_audit.pipeline import audit as run_audit  # noqa: PLC0415
    from cs_audit.render.junit import github_annotations, junit_xml  # noqa: PLC0415
    from cs_audit.rubric import CRITERIA  # noqa: PLC0415

    with _guarded():
        required = tuple(require or ())
        for key in required:
            if key not in CRITERIA:
                raise ConfigError(
                    f"--require {key}", "is not a criterion", f"use one of: {', '.join(CRITERIA)}"
                )
        if not 0 <= min_score <= 100:
            raise ConfigError(
                f"--min-score {min_score:g}", "is not a score", "give a number from 0 to 100"
            )
        config = _config(config_file, agent)
        result = run_audit(paths, config, workers=default_workers())
        checks = run_check(result, min_score=min_score, required=required)
        warnings = _Warnings(str, verbose=verbose, quiet=quiet)
        for report in result.files:  # unreadable inputs: stderr, as in every command
            if report.error is not None:
                _say(str(report.error))
            warnings.add(report.notices, report.unlisted)
        warnings.tell()
        out = []
        for item in checks:
            if item.passed or item.error:
                continue
            out.append(f"FAIL {item.file}")
            for miss in item.misses:
                out.append(f"  {miss.reason}")
                if miss.evidence is not None:
                    quoted = " ".join(miss.evidence.text.split())[:160]
                    out.append(f"    {miss.evidence.file}:{miss.evidence.line}: {quoted}")
        passed = sum(c.passed for c in checks)
        out.append(
            f"{passed} of {len(checks)} transcript(s) pass (score >= {min_score:g}"
            + (f", requiring {', '.join(required)}" if required else "")
            + ")"
        )
        from cs_audit.render.terminal import printable  # noqa: PLC0415

        sys.stdout.write(printable("\n".join(out)) + "\n")
        if os.environ.get("GITHUB_ACTIONS") == "true":
            sys.stdout.write(github_annotations(checks))
        sys.stdout.flush()
        if junit is not None:
            write_atomically(junit, junit_xml(checks))
        if result.failed:  # CI can tell a broken export (3) or a bug (70) from a weak one
            raise typer.Exit(result.exit_code)
        if passed < len(checks):
            raise typer.Exit(ExitCode.CHECK_FAILED)


class CalibrateFormat(StrEnum):
    """Output formats of ``cs-audit calibrate``."""

    TABLE = "table"
    JSON = "json"


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

    with _guarded():
        rows = weekly(history, weeks=weeks, agent=agent)
        if xlsx is not None:
            from cs_audit.render.excel import trend_workbook  # noqa: PLC0415

            write_atomically(xlsx, trend_workbook(rows))
            _say(f"wrote {xlsx.as_posix()} (2 sheets, {len(rows)} rows)")
        if fmt is TrendFormat.TABLE:
            from rich.console import Console  # noqa: PLC0415

            from cs_audit.render.terminal import trend_table  # noqa: PLC0415

            Console(highlight=False).print(trend_table(rows, clean=printable))
        else:
            parts = rows_csv(rows, TREND_COLUMNS) if fmt is TrendFormat.CSV else rows_json(rows)
            _stream(parts, printable)


@app.command()
def calibrate(
    paths: Paths,
    labels: Annotated[
        list[Path],
        typer.Option(
            "--labels",
            help="A CSV of a supervisor's verdicts per conversation (repeatable).",
            show_default=False,
        ),
    ],
    catalog_files: Annotated[
        list[Path] | None,
        typer.Option(
            "--catalog",
            help="A CSV or XLSX of products and prices, as for audit (repeatable).",
            show_default=False,
        ),
    ] = None,
    catalogs: Annotated[
        Path | None,
        typer.Option(
            "--catalogs",
            help="A folder of catalogs, one per shop: each PATH is then audited on its own, "
            "with the catalog named after its folder (FOLDER.csv or .xlsx).",
            show_default=False,
            exists=True,
            file_okay=False,
        ),
    ] = None,
    config_file: ConfigOption = None,
    agent: AgentOption = None,
    fmt: Annotated[
        CalibrateFormat,
        typer.Option("--format", "-f", help="table: for a person; json: stable, for scripts."),
    ] = CalibrateFormat.TABLE,
    date_order: DateOrderOption = DateOrder.AUTO,
    workers: WorkersOption = None,
) -> None:
    """Measure the audit against a supervisor's labels: agreement and Cohen's kappa per
    criterion, first-response and agent agreement, then every disagreement with the
    audit's reason and the line that decided it.
    """
    from cs_audit.calibrate import calibrate as run_calibrate  # noqa: PLC0415
    from cs_audit.calibrate import load_labels  # noqa: PLC0415
    from cs_audit.pipeline import AuditResult  # noqa: PLC0415
    from cs_audit.pipeline import audit as run_audit  # noqa: PLC0415
    from cs_audit.prices import load_catalog  # noqa: PLC0415
    from cs_audit.render.calibration import calibration_json, calibration_text  # noqa: PLC0415
    from cs_audit.render.terminal import printable  # noqa: PLC0415

    with _guarded():
        labelled = [label for path in labels for label in load_labels(path)]
        catalog = tuple(item for path in catalog_files or () for item in load_catalog(path))
        config = _config(config_file, agent)
        # a labelled set of several shops: each audited as its supervisor would, alone and
        # with its own catalog, the agreement pooled
        runs = (
            [(paths, catalog)]
            if catalogs is None
            else [([path], _shop_catalog(catalogs, path) or catalog) for path in paths]
        )
        results = [
            run_audit(
                inputs,
                config,
                catalog=items,
                date_order=date_order,
                workers=workers or default_workers(),
            )
            for inputs, items in runs
        ]
        result = AuditResult(
            tuple(f for r in results for f in r.files),
            [c for r in results for c in r.conversations],
            (),
        )
        for report in result.files:
            if report.error is not None:
                _say(str(report.error))
        outcome = run_calibrate(result, labelled)
        text = (
            calibration_json(outcome) if fmt is CalibrateFormat.JSON else calibration_text(outcome)
        )
        sys.stdout.write(printable(text))
        sys.stdout.flush()


def _shop_catalog(folder: Path, path: Path) -> tuple[CatalogItem, ...]:
    """The catalog in ``folder`` named after a shop's folder of chats, if there is one."""
    from cs_audit.prices import load_catalog  # noqa: PLC0415

    for suffix in (".csv", ".xlsx"):
        candidate = folder / f"{Path(path).resolve().name}{suffix}"
        if candidate.is_file():
            return load_catalog(candidate)
    return ()


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the config.", metavar="FILE")] = Path(
        "cs-audit.toml"
    ),
    force: Annotated[bool, typer.Option("--force", help="Replace existing files.")] = False,
) -> None:
    """Write a commented default config (TOML) to edit: roster, hours, SLA, rubric; and
    its phrase lists, one file per language, in a phrases/ folder beside it."""
    from cs_audit.default_config import (  # noqa: PLC0415
        PHRASES_DIR,
        default_config_text,
        default_phrase_files,
    )

    with _guarded():
        folder = path.parent / PHRASES_DIR
        phrases = [(folder / name, text) for name, text in default_phrase_files()]
        targets = [path, *(target for target, _ in phrases)]
        existing = next((t for t in targets if t.exists()), None)
        if existing is not None and not force:
            raise ConfigError(
                existing.as_posix(),
                "already exists",
                "pass --force to replace it, or give another path",
            )
        folder.mkdir(parents=True, exist_ok=True)
        for target, text in phrases:
            write_atomically(target, text.encode("utf-8"))
        write_atomically(path, default_config_text().encode("utf-8"))
        _say(
            f"wrote {path.as_posix()} and {len(phrases)} phrase files in "
            f"{folder.as_posix()}/; edit them and pass the config with --config"
        )


def main() -> None:
    """Console-script entry point."""
    app()
