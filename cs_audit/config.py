"""AuditConfig: what an audit needs to know, with defaults that work out of the box.

Precedence is CLI > config file > these defaults. The file is TOML; ``load_config``
reads it and says exactly which key is wrong when one is.
"""

from __future__ import annotations

import difflib
import itertools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from cs_audit.errors import ConfigError
from cs_audit.prefilter import prefilter
from cs_audit.rubric import Rubric, rubric_from_mapping

# A signature ends an agent's reply and names them: "Salam, Rina", "~Rina",
# "- CS Rina", "Regards, Rina", "... have a nice day! (en dash) Rina". Each pattern is
# searched in the reply's last line; group "name" is the agent.
_NAME = r"(?P<name>[A-Z][\w.]*(?: [A-Z][\w.]*)?)[\W_]*$"  # one or two words; emoji after
DEFAULT_SIGNATURES = (
    r"(?i:salam(?: hangat| sehat)?|hormat kami|regards|best regards|warm regards|cheers)"
    r"\s*,?\s+(?:(?i:cs|admin)\s+)?" + _NAME,
    r"(?:^|\s)~\s*" + _NAME,
    r"(?:^|[.!?)\U0001F300-\U0001FAFF]\s+)[-\u2013\u2014]\s*(?:(?i:cs|admin)\s+)?" + _NAME,
)
# Words that follow a salutation or an opener but name nobody ("Salam Hangat", "Hormat
# kami, Admin", "I am Sorry, ...").
_NOT_NAME_TEXT = (
    "hangat sehat sukses manis kenal hormat admin cs tim team toko kami "
    "semua customer service official store shop sorry"
)
NOT_NAMES = frozenset(_NOT_NAME_TEXT.split())
# WhatsApp Business greeting and away messages, as they start.
DEFAULT_AUTOMATED = (
    "Terima kasih telah menghubungi",
    "Terima kasih sudah menghubungi kami. Pesan Anda",
    "Thanks for messaging",
    "Thank you for contacting us",
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True, slots=True)
class AgentSpec:
    """One human agent of the roster."""

    name: str
    appears_as: tuple[str, ...] = ()  # author names or phone numbers
    signatures: tuple[str, ...] = ()  # names they sign with (their name counts anyway)


@dataclass(frozen=True, slots=True)
class BusinessHours:
    """When the service is open: a weekly schedule (split shifts allowed) and holidays."""

    weekly: tuple[tuple[tuple[time, time], ...], ...]  # Monday first, seven entries
    holidays: frozenset[date] = frozenset()
    public_holidays: str | None = None  # a country code, such as "ID"


_GOOD, _POOR = 0.8, 0.5  # the scorecard's colour thresholds, by default


@dataclass(frozen=True, slots=True)
class AuditConfig:
    """Everything an audit is told; the defaults audit a folder with no config at all."""

    session_gap: timedelta = timedelta(hours=24)
    sla_target: timedelta = timedelta(hours=1)  # CCSEI accessibility bar (seed 003)
    live_chat_target: timedelta = timedelta(minutes=1)  # e-commerce chat (seed 001)
    agents: tuple[AgentSpec, ...] = ()
    agent_names: tuple[str, ...] = ()  # --agent: author names on the business side
    country_code: str = "62"  # for phone numbers written nationally (0812...)
    signature_patterns: tuple[str, ...] = DEFAULT_SIGNATURES
    automated_texts: tuple[str, ...] = DEFAULT_AUTOMATED
    automated_within: timedelta = timedelta(seconds=10)
    business_hours: BusinessHours | None = None
    # pass rates (and scores, x100) at or above ``good`` show green, under ``poor`` red,
    # amber between: in the workbook's Summary and the terminal's scores
    good: float = _GOOD
    poor: float = _POOR
    history: Path | None = None  # the SQLite file every audit is kept in ([history] file)
    rubric: Rubric = field(default_factory=Rubric)
    signatures: tuple[re.Pattern[str], ...] = field(init=False, repr=False, compare=False)
    # per signature pattern, a search of the words it needs (see cs_audit.prefilter)
    signature_needs: tuple[re.Pattern[str] | None, ...] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        signatures = tuple(re.compile(p, re.MULTILINE) for p in self.signature_patterns)
        object.__setattr__(self, "signatures", signatures)
        needs = tuple(prefilter(p, shortest=1) for p in signatures)
        object.__setattr__(self, "signature_needs", needs)

    def with_agents(self, names: tuple[str, ...]) -> AuditConfig:
        """This config with ``--agent`` names added."""
        return replace(self, agent_names=self.agent_names + names)


_KEYS = {
    "": ("conversations", "sla", "scorecard", "history", "business_hours", "agents", "rubric"),
    "conversations": (
        "session_gap_hours",
        "automated_within_seconds",
        "automated_texts",
        "signature_patterns",
        "country_code",
    ),
    "sla": ("target_minutes", "live_chat_target_minutes"),
    "scorecard": ("good", "poor"),
    "history": ("file",),
    "business_hours": (*_WEEKDAYS, "holidays", "public_holidays"),
    "agents": ("name", "appears_as", "signatures"),
}


def _table(value: Any, where: str, known: tuple[str, ...]) -> Mapping[str, Any]:
    """A TOML table with only known keys; a misspelt key is named, never ignored."""
    if not isinstance(value, dict):
        raise ConfigError(
            where,
            f"must be a table, not {value!r}",
            "write it as a [section] with key = value lines",
        )
    for key in value:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"did you mean {close[0]}?" if close else f"use one of: {', '.join(known)}"
            raise ConfigError(where, f"unknown key {key!r}", hint)
    return value


def _number(table: Mapping[str, Any], key: str, where: str, *, most: float) -> float:
    value = table[key]
    if isinstance(value, bool) or not isinstance(value, int | float) or not (0 < value <= most):
        raise ConfigError(
            where,
            f"{key} must be a number above 0 and at most {most:g}, not {value!r}",
            "fix the value in the config file",
        )
    return float(value)


def _strings(table: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    values = table.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ConfigError(where, f"{key} must be a list of strings", 'write it as ["a", "b"]')
    return tuple(values)


def _shift(text: str, where: str) -> tuple[time, time]:
    found = re.fullmatch(r"(\d{1,2})[:.](\d{2})\s*-\s*(\d{1,2})[:.](\d{2})", text.strip())
    if found is None:
        raise ConfigError(where, f"shift {text!r} is not HH:MM-HH:MM", 'write it as "08:00-17:00"')
    h1, m1, h2, m2 = (int(g) for g in found.groups())
    if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59 or (h2, m2) <= (h1, m1) or (h2 == 24 and m2):
        raise ConfigError(
            where,
            f"shift {text!r} does not run forward within a day",
            "split a shift that crosses midnight into two",
        )
    end = time.max if h2 == 24 else time(h2, m2)
    return time(h1, m1), end


def _day(table: Mapping[str, Any], day: str, where: str) -> tuple[tuple[time, time], ...]:
    shifts = sorted(_shift(s, f"{where}.{day}") for s in _strings(table, day, where))
    for (_, end), (start, _) in itertools.pairwise(shifts):
        if start < end:
            raise ConfigError(
                f"{where}.{day}",
                "shifts overlap",
                'write each open hour once, as ["08:00-12:00", "13:00-17:00"]',
            )
    return tuple(shifts)


def _business_hours(value: Any, where: str) -> BusinessHours:
    table = _table(value, where, _KEYS["business_hours"])
    weekly = tuple(_day(table, day, where) for day in _WEEKDAYS)
    holidays = table.get("holidays", [])
    if not isinstance(holidays, list) or not all(
        isinstance(d, date) and not isinstance(d, datetime) for d in holidays
    ):
        raise ConfigError(
            where,
            "holidays must be a list of dates",
            "write them bare, as holidays = [2026-12-25, 2026-12-31]",
        )
    country = table.get("public_holidays")
    if country is not None:
        if not isinstance(country, str):
            raise ConfigError(
                where,
                "public_holidays must be a country code",
                'write it as public_holidays = "ID"',
            )
        country = country.upper()
        import holidays as holiday_data  # noqa: PLC0415  (only when public holidays are asked)

        if country not in holiday_data.list_supported_countries():
            raise ConfigError(
                where,
                f"no public holidays are known for {country!r}",
                'use an ISO country code, such as "ID"',
            )
    return BusinessHours(weekly, frozenset(holidays), country)


# Replies a signature pattern is tried on at load: none may yield an empty name.
_SIGNATURE_PROBES = ("", " ", "~", "-", "Salam,", "Salam, Rina", "~Rina", "- CS Rina", "ok kak")


def _check_signature(pattern: str, where: str) -> None:
    """A signature pattern compiles, has a ``name`` group, and never names nobody."""
    problem = None
    try:
        compiled = re.compile(pattern, re.MULTILINE)
    except re.error as error:
        problem = f"is not a regex ({error})"
    else:
        if "name" not in compiled.groupindex:
            problem = "has no (?P<name>...) group"
        else:
            for probe in _SIGNATURE_PROBES:
                found = compiled.search(probe)
                if found is not None and not (found["name"] or "").strip():
                    problem = f"can match with an empty name (in {probe!r})"
                    break
    if problem is not None:
        raise ConfigError(
            where,
            f"signature_patterns: {pattern!r} {problem}",
            "mark the agent's name with (?P<name>...) matching at least one character",
        )


def config_from_mapping(
    data: Mapping[str, Any], where: str = "config", base: Path | None = None
) -> AuditConfig:
    """An AuditConfig from parsed TOML; ``ConfigError`` names the key that is wrong."""
    _table(data, where, _KEYS[""])
    changes: dict[str, Any] = {}
    at = f"{where}: [conversations]"
    conv = _table(data.get("conversations", {}), at, _KEYS["conversations"])
    if "session_gap_hours" in conv:
        changes["session_gap"] = timedelta(
            hours=_number(conv, "session_gap_hours", at, most=24 * 365)
        )
    if "automated_within_seconds" in conv:
        changes["automated_within"] = timedelta(
            seconds=_number(conv, "automated_within_seconds", at, most=3600)
        )
    if "automated_texts" in conv:
        changes["automated_texts"] = _strings(conv, "automated_texts", at)
    if "signature_patterns" in conv:
        patterns = _strings(conv, "signature_patterns", at)
        for pattern in patterns:
            _check_signature(pattern, at)
        changes["signature_patterns"] = patterns
    if "country_code" in conv:
        code = conv["country_code"]
        if not (isinstance(code, str) and code.isdigit() and 1 <= len(code) <= 3):
            raise ConfigError(
                at,
                f"country_code must be 1 to 3 digits, not {code!r}",
                'write it as country_code = "62"',
            )
        changes["country_code"] = code
    at = f"{where}: [sla]"
    sla = _table(data.get("sla", {}), at, _KEYS["sla"])
    if "target_minutes" in sla:
        changes["sla_target"] = timedelta(
            minutes=_number(sla, "target_minutes", at, most=60 * 24 * 30)
        )
    if "live_chat_target_minutes" in sla:
        changes["live_chat_target"] = timedelta(
            minutes=_number(sla, "live_chat_target_minutes", at, most=60 * 24 * 30)
        )
    colours = _table(data.get("scorecard", {}), f"{where}: [scorecard]", _KEYS["scorecard"])
    for key in ("good", "poor"):
        if key in colours:
            changes[key] = _number(colours, key, f"{where}: [scorecard]", most=1)
    if changes.get("poor", _POOR) > changes.get("good", _GOOD):
        raise ConfigError(
            f"{where}: [scorecard]",
            "poor must not be above good",
            "give poor a pass rate at or under good's (0.5 and 0.8 by default)",
        )
    kept = _table(data.get("history", {}), f"{where}: [history]", _KEYS["history"])
    if "file" in kept:
        if not isinstance(kept["file"], str) or not kept["file"].strip():
            raise ConfigError(
                f"{where}: [history]",
                f"file must be a path, not {kept['file']!r}",
                'write it as file = "audits.sqlite"',
            )
        changes["history"] = (base or Path()) / kept["file"]
    if "business_hours" in data:
        changes["business_hours"] = _business_hours(
            data["business_hours"], f"{where}: [business_hours]"
        )
    if "rubric" in data:
        changes["rubric"] = rubric_from_mapping(data["rubric"], f"{where}: [rubric]", base)
    entries = data.get("agents", [])
    if not isinstance(entries, list):
        raise ConfigError(
            f"{where}: agents",
            "must be a list of [[agents]] tables",
            'write each agent as [[agents]] with name = "..."',
        )
    agents = []
    for i, raw in enumerate(entries):
        at = f"{where}: [[agents]] #{i + 1}"
        entry = _table(raw, at, _KEYS["agents"])
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(at, "an agent has no name", 'add name = "..."')
        agents.append(
            AgentSpec(
                name.strip(), _strings(entry, "appears_as", at), _strings(entry, "signatures", at)
            )
        )
    if agents:
        changes["agents"] = tuple(agents)
    return replace(AuditConfig(), **changes)


def load_config(path: str | Path) -> AuditConfig:
    """Read a TOML config file."""
    where = Path(path).as_posix()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(
            where, f"cannot be read ({(error.strerror or '').lower()})", "check the --config path"
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(where, f"is not valid TOML ({error})", "fix the file") from None
    except UnicodeDecodeError:
        raise ConfigError(where, "is not UTF-8 text", "save it as UTF-8") from None
    return config_from_mapping(data, where, Path(path).parent)
