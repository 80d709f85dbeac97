"""Every audit kept in a SQLite database, so that weeks can be compared without their
exports.

One run is written in one transaction (``BEGIN IMMEDIATE``): an interrupted run leaves
the database as it was, and two runs writing at once take turns (SQLite's lock, with
a busy timeout) instead of corrupting it. The same conversation audited again (a week
re-run) replaces its earlier rows. Chat text is not kept unless asked for: reasons
keep the tool's words, their quotes of the chat replaced by "…".
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from cs_audit.errors import ConfigError
from cs_audit.pipeline import AuditResult, ConversationResult
from cs_audit.rubric import CRITERIA
from cs_audit.scorecards import AgentScorecard, percentile

# The schema, one script per version: a database is brought forward from its
# ``PRAGMA user_version`` by the scripts after it, in the same transaction as the run.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,            -- when the run was made, as the caller gave it
        inputs TEXT NOT NULL,        -- the paths audited, a JSON array
        config_digest TEXT NOT NULL, -- sha256 of the config file, or "" for none
        tool_version TEXT NOT NULL
    );
    CREATE TABLE conversations (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        file TEXT NOT NULL,
        conversation INTEGER NOT NULL, -- its index in the file, from 0 (as in JSON)
        customer TEXT NOT NULL,
        agents TEXT NOT NULL,          -- a JSON array, in the order they replied
        start TEXT NOT NULL,           -- ISO 8601, the chat's own clock
        end TEXT NOT NULL,
        first_response_seconds REAL,
        sla_share REAL,
        unanswered_turns INTEGER NOT NULL,
        score REAL,
        language TEXT,
        UNIQUE (file, conversation, start)
    );
    CREATE TABLE verdicts (
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        criterion TEXT NOT NULL,       -- a criterion, or a flag
        verdict TEXT NOT NULL,         -- pass, fail, n/a, or flag
        reason TEXT NOT NULL,
        evidence TEXT,                 -- file:line of the message that decided it
        quote TEXT                     -- that message, only with --history-quotes
    );
    CREATE INDEX conversations_start ON conversations(start);
    CREATE INDEX verdicts_conversation ON verdicts(conversation_id);
    """,
)
VERSION = len(MIGRATIONS)
_BUSY_MS = 60_000  # how long a run waits for another writing the same database
_QUOTED = re.compile(r'"[^"\n]*"')  # a reason's quote of the chat


def _open(path: Path) -> sqlite3.Connection:
    where = path.as_posix()
    try:
        connection = sqlite3.connect(path, timeout=_BUSY_MS / 1000, isolation_level=None)
    except sqlite3.Error as error:
        raise ConfigError(
            f"--history {where}", f"cannot be opened ({error})", "check the path"
        ) from None
    connection.execute(f"PRAGMA busy_timeout = {_BUSY_MS}")
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def _version(connection: sqlite3.Connection, where: str) -> int:
    """The schema's version; ``ConfigError`` for one a newer cs-audit wrote."""
    version: int = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > VERSION:
        raise ConfigError(
            f"--history {where}",
            f"was written by a newer cs-audit (schema {version}, this one knows {VERSION})",
            "upgrade cs-audit, or give another --history file",
        )
    return version


def check(path: str | Path) -> None:
    """Before an audit: a history that cannot be written to is said at once, not after
    the audit's minutes (a folder, a file that is no database, a newer schema); a file
    not there yet is fine."""
    path = Path(path)
    where = path.as_posix()
    if not path.exists():
        return
    if not path.is_file():
        raise ConfigError(f"--history {where}", "is not a file", "give a file's path")
    connection = _open(path)
    try:
        _version(connection, where)
    except sqlite3.DatabaseError as error:
        raise _unwritable(where, error) from None
    finally:
        connection.close()


def _unwritable(where: str, error: sqlite3.DatabaseError) -> ConfigError:
    """A history file SQLite cannot write to (no database, locked, corrupt)."""
    return ConfigError(
        f"--history {where}",
        f"cannot be written ({error})",
        "give a cs-audit history file, or a new path",
    )


def _migrate(connection: sqlite3.Connection, where: str) -> None:
    """Bring the schema to ``VERSION`` inside the open transaction."""
    version = _version(connection, where)
    for script in MIGRATIONS[version:]:
        for statement in script.split(";"):
            if statement.strip():
                connection.execute(statement)
    connection.execute(f"PRAGMA user_version = {VERSION}")


def record(
    path: str | Path,
    result: AuditResult,
    *,
    at: datetime,
    inputs: Sequence[str],
    config_digest: str = "",
    tool_version: str = "",
    quotes: bool = False,
    clean: Callable[[str], str] = str,
) -> int:
    """Append ``result`` to the history at ``path`` as one run, in one transaction;
    the id of the run. ``quotes``: keep the quoted messages; ``clean`` masks what is
    kept (``--redact``)."""
    path = Path(path)
    where = path.as_posix()
    connection = _open(path)
    try:
        try:
            connection.execute("BEGIN IMMEDIATE")
            _migrate(connection, where)
            run = connection.execute(
                "INSERT INTO runs (at, inputs, config_digest, tool_version) VALUES (?, ?, ?, ?)",
                (at.isoformat(), json.dumps(list(inputs)), config_digest, tool_version),
            ).lastrowid
            assert run is not None
            for r in result.conversations:
                _conversation(connection, run, r, quotes=quotes, clean=clean)
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
    except sqlite3.DatabaseError as error:
        raise _unwritable(where, error) from None
    finally:
        connection.close()
    return run


def _conversation(
    connection: sqlite3.Connection,
    run: int,
    r: ConversationResult,
    *,
    quotes: bool,
    clean: Callable[[str], str],
) -> None:
    """One conversation's rows, replacing those of the same conversation from an
    earlier run."""
    c, m = r.conversation, r.metrics
    key = (c.file, c.index, c.start.isoformat())
    connection.execute(
        "DELETE FROM conversations WHERE file = ? AND conversation = ? AND start = ?", key
    )
    row = connection.execute(
        "INSERT INTO conversations (run_id, file, conversation, customer, agents, start, end,"
        " first_response_seconds, sla_share, unanswered_turns, score, language)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            run,
            c.file,
            c.index,
            clean(c.customer),
            json.dumps([clean(a) for a in c.agents], ensure_ascii=False),
            c.start.isoformat(),
            c.end.isoformat(),
            m.first_response_seconds,
            m.sla_share,
            m.unanswered_turns,
            r.score,
            r.language,
        ),
    ).lastrowid
    found = [(k, v.verdict.value, v.reason, v.evidence) for k, v in r.criteria.items()]
    found += [(f.key, "flag", f.reason, f.evidence) for f in r.flags]
    connection.executemany(
        "INSERT INTO verdicts (conversation_id, criterion, verdict, reason, evidence, quote)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                row,
                key,
                verdict,
                clean(reason) if quotes else _QUOTED.sub('"\u2026"', reason),
                f"{evidence[0].file}:{evidence[0].line}" if evidence else None,
                clean(evidence[0].text) if quotes and evidence else None,
            )
            for key, verdict, reason, evidence in found
        ],
    )


TREND_COLUMNS = (
    "week",
    "agent",
    "conversations",
    "mean_score",
    *(f"pass_rate_{key}" for key in CRITERIA),
    "first_response_median_seconds",
    "sla_share",
)


class _Kept(NamedTuple):
    """A conversation as the history keeps it, with its criteria's verdicts."""

    start: datetime
    agents: list[str]
    score: float | None
    first_response: float | None
    sla_share: float | None
    unanswered: int
    verdicts: dict[str, str]


def _kept(path: Path, since: datetime, until: datetime) -> list[_Kept]:
    """The conversations of the history at ``path`` that start in [since, until), or
    none where it is no file or of another schema; ``ConfigError`` for one that is no
    database."""
    where = path.as_posix()
    if not path.is_file():
        return []
    connection = _open(path)
    try:
        if connection.execute("PRAGMA user_version").fetchone()[0] != VERSION:
            return []
        rows = connection.execute(
            "SELECT c.id, c.start, c.agents, c.score, c.first_response_seconds, c.sla_share,"
            " c.unanswered_turns, v.criterion, v.verdict FROM conversations c"
            " LEFT JOIN verdicts v ON v.conversation_id = c.id"
            " WHERE c.start >= ? AND c.start < ? ORDER BY c.id",
            (since.isoformat(), until.isoformat()),
        ).fetchall()
    except sqlite3.DatabaseError as error:
        raise ConfigError(
            f"--history {where}", f"cannot be read ({error})", "give a cs-audit history file"
        ) from None
    finally:
        connection.close()
    found: dict[int, _Kept] = {}
    for cid, start, agents, score, first, sla, unanswered, criterion, verdict in rows:
        kept = found.get(cid)
        if kept is None:
            kept = found[cid] = _Kept(
                datetime.fromisoformat(start), json.loads(agents), score, first, sla, unanswered, {}
            )
        if criterion in CRITERIA:
            kept.verdicts[criterion] = verdict
    return list(found.values())


def _scorecard(agent: str, items: Sequence[_Kept]) -> AgentScorecard:
    """An agent's figures over the kept conversations they replied in. Replies are not
    kept, so they count 0; the SLA share is the conversations' mean."""
    scores = [k.score for k in items if k.score is not None]
    firsts = [k.first_response for k in items if k.first_response is not None]
    slas = [k.sla_share for k in items if k.sla_share is not None]
    rates: dict[str, float | None] = {}
    for key in CRITERIA:
        said = [k.verdicts[key] for k in items if k.verdicts.get(key) in ("pass", "fail")]
        rates[key] = round(said.count("pass") / len(said), 3) if said else None
    return AgentScorecard(
        agent=agent,
        conversations=len(items),
        replies=0,
        mean_score=round(sum(scores) / len(scores), 1) if scores else None,
        pass_rates=rates,
        first_response_median=percentile(firsts, 0.5),
        first_response_p90=percentile(firsts, 0.9),
        sla_share=round(sum(slas) / len(slas), 3) if slas else None,
        unanswered_turns=sum(k.unanswered for k in items),
    )


def _by_agent(kept: Sequence[_Kept], agent: str | None = None) -> dict[str, list[_Kept]]:
    """The kept conversations per agent who replied in them (``agent``: only theirs)."""
    per: dict[str, list[_Kept]] = {}
    for k in kept:
        for name in k.agents:
            if agent is None or name == agent:
                per.setdefault(name, []).append(k)
    return per


def _iso_week(moment: datetime) -> str:
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


def trend(path: str | Path, *, weeks: int = 8, agent: str | None = None) -> list[dict[str, Any]]:
    """Per ISO week and agent, for the last ``weeks`` weeks the history holds (the
    newest week with a conversation, and the ``weeks - 1`` before it that have one):
    conversations, mean score, each criterion's pass rate (passes of passes and
    fails), the median first response and the mean SLA share of the conversations the
    agent replied in. Rows by week, then agent; ``agent`` keeps one agent's. Only the
    kept weeks' rows are read, however long the history."""
    path = Path(path)
    where = path.as_posix()
    if not path.is_file():
        raise ConfigError(f"--history {where}", "does not exist", "give the file audits kept")
    connection = _open(path)
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version != VERSION:
            raise ConfigError(
                f"--history {where}",
                f"holds schema {version}, not {VERSION}",
                "run an audit with --history to bring it forward, or upgrade cs-audit",
            )
        days = [
            datetime.fromisoformat(day)
            for (day,) in connection.execute(
                "SELECT DISTINCT substr(start, 1, 10) FROM conversations"
            )
        ]
    except sqlite3.DatabaseError as error:
        raise ConfigError(
            f"--history {where}", f"cannot be read ({error})", "give a cs-audit history file"
        ) from None
    finally:
        connection.close()
    kept_weeks = sorted({_iso_week(d) for d in days})[-weeks:]
    if not kept_weeks:
        return []
    first = min(d for d in days if _iso_week(d) == kept_weeks[0])
    since = first - timedelta(days=first.weekday())  # that week's Monday
    by_week: dict[str, list[_Kept]] = {}
    for k in _kept(path, since, datetime.max):
        by_week.setdefault(_iso_week(k.start), []).append(k)
    out = []
    for week in sorted(by_week):
        for name, items in sorted(_by_agent(by_week[week], agent).items()):
            card = _scorecard(name, items)
            median = card.first_response_median
            out.append(
                {
                    "week": week,
                    "agent": name,
                    "conversations": card.conversations,
                    "mean_score": card.mean_score,
                    **{f"pass_rate_{k}": card.pass_rates[k] for k in CRITERIA},
                    "first_response_median_seconds": None if median is None else round(median),
                    "sla_share": card.sla_share,
                }
            )
    return out


def previous(path: str | Path, start: datetime, end: datetime) -> tuple[AgentScorecard, ...]:
    """Each agent's scorecard for the conversations the history holds that start in
    [start, end): what --compare-previous shows when that period is not in the inputs
    (see ``_scorecard``); none where there is no such history."""
    per = _by_agent(_kept(Path(path), start, end))
    return tuple(_scorecard(name, per[name]) for name in sorted(per))
