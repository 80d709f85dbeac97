"""AuditConfig: what an audit needs to know, with defaults that work out of the box.

Precedence is CLI > config file > these defaults. The file is TOML; ``load_config``
reads it and says exactly which key is wrong when one is.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

from cs_audit.errors import ConfigError
from cs_audit.rubric import Rubric, rubric_from_mapping

# A signature ends an agent's reply and names them: "Salam, Rina", "~Rina",
# "- CS Rina", "Regards, Rina", "... have a nice day! (en dash) Rina". Each pattern is
# searched in the reply's last line; group "name" is the agent.
DEFAULT_SIGNATURES = (
    r"(?i:salam|hormat kami|regards|best regards|warm regards|cheers)\s*,?\s+"
    r"(?:(?i:cs|admin)\s+)?(?P<name>[A-Z][\w.]*)\s*$",
    r"^\s*~\s*(?P<name>[A-Z][\w.]*)\s*$",
    r"(?:^|[.!?)\U0001F300-\U0001FAFF]\s+)[-\u2013\u2014~]\s*(?:(?i:cs|admin)\s+)?"
    r"(?P<name>[A-Z][\w.]*)\s*$",
)
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
    rubric: Rubric = field(default_factory=Rubric)
    signatures: tuple[re.Pattern[str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "signatures", tuple(re.compile(p, re.MULTILINE) for p in self.signature_patterns)
        )

    def with_agents(self, names: tuple[str, ...]) -> AuditConfig:
        """This config with ``--agent`` names added."""
        return replace(self, agent_names=self.agent_names + names)


def _get(table: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    value = table[key]
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise ConfigError(
            where,
            f"{key} must be a {kind.__name__}, not {value!r}",
            "fix the value in the config file",
        )
    return value


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


def _business_hours(table: Mapping[str, Any], where: str) -> BusinessHours:
    weekly = tuple(
        tuple(_shift(s, f"{where}.{day}") for s in _strings(table, day, where)) for day in _WEEKDAYS
    )
    holidays = set()
    for value in table.get("holidays", []):
        if not isinstance(value, date):
            raise ConfigError(
                where, f"holiday {value!r} is not a date", "write dates bare, as 2026-12-25"
            )
        holidays.add(value)
    country = table.get("public_holidays")
    if country is not None and not (isinstance(country, str) and len(country) == 2):
        raise ConfigError(
            where,
            "public_holidays must be a two-letter country code",
            'write it as public_holidays = "ID"',
        )
    return BusinessHours(weekly, frozenset(holidays), country)


def config_from_mapping(data: Mapping[str, Any], where: str = "config") -> AuditConfig:
    """An AuditConfig from parsed TOML; ``ConfigError`` names the key that is wrong."""
    config = AuditConfig()
    changes: dict[str, Any] = {}
    conv = data.get("conversations", {})
    if "session_gap_hours" in conv:
        hours = _get(conv, "session_gap_hours", float, f"{where}: [conversations]")
        changes["session_gap"] = timedelta(hours=hours)
    if "automated_within_seconds" in conv:
        seconds = _get(conv, "automated_within_seconds", float, f"{where}: [conversations]")
        changes["automated_within"] = timedelta(seconds=seconds)
    if "automated_texts" in conv:
        changes["automated_texts"] = _strings(conv, "automated_texts", f"{where}: [conversations]")
    if "signature_patterns" in conv:
        patterns = _strings(conv, "signature_patterns", f"{where}: [conversations]")
        for pattern in patterns:
            try:
                compiled = re.compile(pattern)
            except re.error as error:
                raise ConfigError(
                    f"{where}: [conversations]",
                    f"signature pattern {pattern!r} is not a regex ({error})",
                    "fix the pattern",
                ) from None
            if "name" not in compiled.groupindex:
                raise ConfigError(
                    f"{where}: [conversations]",
                    f"signature pattern {pattern!r} has no (?P<name>...) group",
                    "mark the agent's name with (?P<name>...)",
                )
        changes["signature_patterns"] = patterns
    if "country_code" in conv:
        changes["country_code"] = _get(conv, "country_code", str, f"{where}: [conversations]")
    sla = data.get("sla", {})
    if "target_minutes" in sla:
        changes["sla_target"] = timedelta(
            minutes=_get(sla, "target_minutes", float, f"{where}: [sla]")
        )
    if "live_chat_target_minutes" in sla:
        changes["live_chat_target"] = timedelta(
            minutes=_get(sla, "live_chat_target_minutes", float, f"{where}: [sla]")
        )
    if "business_hours" in data:
        changes["business_hours"] = _business_hours(
            data["business_hours"], f"{where}: [business_hours]"
        )
    if "rubric" in data:
        changes["rubric"] = rubric_from_mapping(data["rubric"], f"{where}: [rubric]")
    agents = []
    for i, entry in enumerate(data.get("agents", [])):
        at = f"{where}: [[agents]] #{i + 1}"
        if "name" not in entry:
            raise ConfigError(at, "an agent has no name", 'add name = "..."')
        agents.append(
            AgentSpec(
                name=_get(entry, "name", str, at),
                appears_as=_strings(entry, "appears_as", at),
                signatures=_strings(entry, "signatures", at),
            )
        )
    if agents:
        changes["agents"] = tuple(agents)
    return replace(config, **changes)


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
    return config_from_mapping(data, where)
