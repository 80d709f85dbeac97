"""The TOML config: every section read, every mistake named with its key."""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

import pytest

from cs_audit.config import AgentSpec, AuditConfig, load_config
from cs_audit.errors import ConfigError, ExitCode

FULL = """
[conversations]
session_gap_hours = 12
automated_within_seconds = 5
automated_texts = ["Halo! Kami sedang offline"]
signature_patterns = ['~(?P<name>\\w+)$']
country_code = "60"

[sla]
target_minutes = 30
live_chat_target_minutes = 2

[business_hours]
monday = ["08:00-12:00", "13:00-17:00"]
saturday = ["09:00-24:00"]
holidays = [2026-12-31]
public_holidays = "ID"

[[agents]]
name = "Rina"
appears_as = ["+62 811-1111-2222"]
signatures = ["R"]
"""


def _load(tmp_path: Path, text: str) -> AuditConfig:
    path = tmp_path / "cs-audit.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def test_full_config(tmp_path: Path) -> None:
    """Each key lands in AuditConfig; what is left out keeps its default."""
    config = _load(tmp_path, FULL)
    assert config.session_gap == timedelta(hours=12)
    assert config.automated_within == timedelta(seconds=5)
    assert config.automated_texts == ("Halo! Kami sedang offline",)
    assert [p.pattern for p in config.signatures] == ["~(?P<name>\\w+)$"]
    assert (config.country_code, config.sla_target) == ("60", timedelta(minutes=30))
    assert config.live_chat_target == timedelta(minutes=2)
    assert config.agents == (AgentSpec("Rina", ("+62 811-1111-2222",), ("R",)),)
    hours = config.business_hours
    assert hours is not None
    assert hours.weekly[0] == ((time(8), time(12)), (time(13), time(17)))
    assert hours.weekly[5] == ((time(9), time.max),)
    assert hours.weekly[6] == ()
    assert (hours.holidays, hours.public_holidays) == (frozenset({date(2026, 12, 31)}), "ID")


def test_defaults() -> None:
    """No config: 24 h sessions, the 1-hour CCSEI target, the 1-minute live-chat tier."""
    config = AuditConfig()
    assert (config.session_gap, config.sla_target, config.live_chat_target) == (
        timedelta(hours=24),
        timedelta(hours=1),
        timedelta(minutes=1),
    )
    assert config.business_hours is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[sla]\ntarget_minutes = 'soon'",
            "cs-audit.toml: [sla]: target_minutes must be a number above 0 and at most 43200, not "
            "'soon'; "
            "fix the value in the config file",
        ),
        (
            "[business_hours]\nmonday = ['17:00-08:00']",
            "cs-audit.toml: [business_hours].monday: shift '17:00-08:00' does not run forward "
            "within a day; split a shift that crosses midnight into two",
        ),
        (
            "[business_hours]\nmonday = ['8 to 5']",
            "cs-audit.toml: [business_hours].monday: shift '8 to 5' is not HH:MM-HH:MM; "
            'write it as "08:00-17:00"',
        ),
        (
            "[[agents]]\nappears_as = ['Toko']",
            'cs-audit.toml: [[agents]] #1: an agent has no name; add name = "..."',
        ),
        (
            "[conversations]\nsignature_patterns = ['~(\\w+)']",
            "cs-audit.toml: [conversations]: signature_patterns: '~(\\\\w+)' has no "
            "(?P<name>...) group; mark the agent's name with (?P<name>...) matching at least "
            "one character",
        ),
        (
            "[conversations]\nsignature_patterns = ['~(?P<name>\\w*)']",
            "cs-audit.toml: [conversations]: signature_patterns: '~(?P<name>\\\\w*)' can match "
            "with an empty name (in '~'); mark the agent's name with (?P<name>...) matching at "
            "least one character",
        ),
        (
            "[conversations]\nsignature_patterns = ['(?P<name>[a-']",
            "cs-audit.toml: [conversations]: signature_patterns: '(?P<name>[a-' is not a regex "
            "(unterminated character set at position 9); mark the agent's name with "
            "(?P<name>...) matching at least one character",
        ),
        (
            "[rubric.weights]\ngreeting = 1e308",
            "cs-audit.toml: [rubric].weights: greeting = 1e+308 is not a criterion weight; give "
            "a number from 0 to 1000 for one of: response_speed, greeting, needs_inquiry, "
            "answers_questions, accurate_concise, polite_closing",
        ),
        (
            "[rubric.weights]\ngreeting = nan",
            "cs-audit.toml: [rubric].weights: greeting = nan is not a criterion weight; give "
            "a number from 0 to 1000 for one of: response_speed, greeting, needs_inquiry, "
            "answers_questions, accurate_concise, polite_closing",
        ),
        (
            "[scorecard]\ngood = 0.6\npoor = 0.7",
            "cs-audit.toml: [scorecard]: poor must not be above good; give poor a pass rate at "
            "or under good's (0.5 and 0.8 by default)",
        ),
        (
            "[scorecard]\ngood = 80",
            "cs-audit.toml: [scorecard]: good must be a number above 0 and at most 1, not 80; "
            "fix the value in the config file",
        ),
        (
            "[scorecard]\ngreen = 0.9",
            "cs-audit.toml: [scorecard]: unknown key 'green'; use one of: good, poor",
        ),
        ("[conversations\n", None),
    ],
)
def test_mistakes_are_named(tmp_path: Path, text: str, message: str | None) -> None:
    """A wrong value says which key, what is wrong and what to write instead."""
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, text)
    assert caught.value.exit_code is ExitCode.USAGE
    error = str(caught.value).replace(tmp_path.as_posix() + "/", "")
    if message is None:
        assert error.startswith("cs-audit.toml: is not valid TOML (")
    else:
        assert error == message


def test_phrases_per_language(tmp_path: Path) -> None:
    """A config adds a language to a phrase list; the defaults' languages stay."""
    config = _load(tmp_path, "[rubric.phrases.greeting]\njv = ['\\bsugeng (enjing|siang)\\b']\n")
    assert config.rubric.find("greeting", "sugeng enjing mas") is not None
    assert config.rubric.find("greeting", "selamat pagi kak") is not None
    assert sorted(config.rubric.phrases["greeting"]) == ["en", "id", "jv"]


def test_phrases_must_be_split_by_language(tmp_path: Path) -> None:
    """A flat list where a table of languages belongs names the fix."""
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, "[rubric.phrases]\ngreeting = ['hai']\n")
    assert str(caught.value).endswith(
        "greeting must be a table of languages; write [rubric.phrases.greeting] with "
        "id = [...], en = [...]"
    )


@pytest.mark.parametrize(
    ("text", "where", "problem"),
    [
        ("[agents]\nname = 'Rina'", "agents", "must be a list of [[agents]] tables"),
        ("agents = [1]", "[[agents]] #1", "must be a table, not 1"),
        (
            "[rubric.phrases.greeting]\nid = ['(?i)pagi kak']",
            "[rubric].phrases.greeting",
            "the phrases do not combine",
        ),
        (
            "[conversations]\nsession_gap_hours = inf",
            "[conversations]",
            "session_gap_hours must be a number above 0",
        ),
        (
            "[conversations]\nsession_gap_hours = nan",
            "[conversations]",
            "session_gap_hours must be a number above 0",
        ),
        ("[sla]\ntarget_minutes = -5", "[sla]", "target_minutes must be a number above 0"),
        (
            "[business_hours]\npublic_holidays = 'XX'",
            "[business_hours]",
            "no public holidays are known for 'XX'",
        ),
        (
            "[business_hours]\nholidays = 2026-12-25",
            "[business_hours]",
            "holidays must be a list of dates",
        ),
        (
            "[business_hours]\nholidays = [2026-11-16T00:00:00]",
            "[business_hours]",
            "holidays must be a list of dates",
        ),
        (
            "[business_hours]\nmonday = ['08:00-17:00', '12:00-20:00']",
            "[business_hours].monday",
            "shifts overlap",
        ),
        ("rubric = 5", "[rubric]", "must be a table, not 5"),
        ("[rubric]\nweights = [1]", "[rubric].weights", "must be a table, not [1]"),
        ("business_hours = '08:00-17:00'", "[business_hours]", "must be a table"),
        ("sla = 5", "[sla]", "must be a table, not 5"),
        ("[sla]\ntarget_minute = 30", "[sla]", "unknown key 'target_minute'"),
        ("[[agent]]\nname = 'Rina'", "cs-audit.toml", "unknown key 'agent'"),
    ],
)
def test_every_malformed_config_is_named(
    tmp_path: Path, text: str, where: str, problem: str
) -> None:
    """Malformed configs are one named error (exit 2), never a crash or silence."""
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, text)
    error = str(caught.value).replace(tmp_path.as_posix() + "/", "")
    assert where in error
    assert problem in error


def test_public_holidays_code_is_case_insensitive(tmp_path: Path) -> None:
    """'id' is read as Indonesia."""
    hours = _load(tmp_path, "[business_hours]\npublic_holidays = 'id'").business_hours
    assert hours is not None
    assert hours.public_holidays == "ID"
