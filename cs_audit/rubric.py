"""The rubric: phrases that decide each criterion and flag, weights and thresholds.

Phrases are regular expressions, matched case-insensitively against text with bidi
marks removed and spaces folded. The defaults cover Indonesian and English, formal
and informal ("kak", "min", "gan", "brp", "gmn", "tq"); a config's ``[rubric]``
table replaces any list or value by key.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from cs_audit.errors import ConfigError
from cs_audit.prefilter import prefilter

CRITERIA = (
    "response_speed",
    "greeting",
    "needs_inquiry",
    "answers_questions",
    "accurate_concise",
    "polite_closing",
)

# The phrase lists, one per key; their patterns per language live in TOML files, one per
# language ("any": language-neutral), shipped in cs_audit/phrases/ and written out by
# `cs-audit init`. Matching uses every language's list at once: customers mix
# Indonesian and English in one message.
PHRASE_KEYS = (
    "greeting",
    "needs_inquiry",
    "question",
    "fulfils",
    "places_order",
    "takes_order",
    "asks_price",
    "asks_stock",
    "asks_contents",
    "gives_contents",
    "status_check",
    "asks_schedule",
    "gives_schedule",
    "asks_size",
    "yes_no_question",
    "yes_no_answer",
    "says_yes_or_no",
    "question_word",
    "asks_to_be_told",
    "gives_stock",
    "gives_size",
    "closing",
    "acknowledgement",
    "complaint",
    "own_fault",
    "empathy",
    "blame",
    "escalation",
    "honesty",
    "deflection",
    "refusal",
    "remedy",
    "asks_account",
    "gives_account",
    "feedback",
    "notes_feedback",
    "free",
    "discount",
    "asks_discount",
    "authorised_discount",
    "automated",
)
PhraseLists = dict[str, dict[str, tuple[str, ...]]]  # key -> language -> patterns


def shipped_phrase_files() -> list[tuple[str, str]]:
    """The phrase files shipped with cs-audit: (file name, text), by name."""
    folder = resources.files("cs_audit") / "phrases"
    return sorted(
        (entry.name, entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    )


def read_phrase_files(files: Iterable[tuple[str, str]]) -> tuple[PhraseLists, dict[str, str]]:
    """Phrase lists from (file name, TOML text) pairs; each file is one language, named
    by its stem ("id.toml": Indonesian). A file may leave lists out. Beside them, the
    files' ``[colloquial]`` tables: informal spellings and their standard forms."""
    phrases: PhraseLists = {key: {} for key in PHRASE_KEYS}
    colloquial: dict[str, str] = {}
    for name, text in files:
        language = name.rsplit("/", 1)[-1].removesuffix(".toml")
        try:
            table = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(name, f"is not valid TOML ({error})", "fix the file") from None
        for key, values in table.items():
            if key == "colloquial":
                colloquial.update(_colloquial(values, name))
                continue
            if key not in phrases:
                raise ConfigError(
                    name, f"unknown phrase list {key!r}", f"use one of: {', '.join(PHRASE_KEYS)}"
                )
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise ConfigError(
                    f"{name}: {key}",
                    "must be a list of strings",
                    "write regular expressions as strings",
                )
            phrases[key][language] = tuple(values)
    return phrases, colloquial


def _colloquial(values: Any, name: str) -> dict[str, str]:
    if not isinstance(values, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and k and v and " " not in k + v
        for k, v in values.items()
    ):
        raise ConfigError(
            f"{name}: [colloquial]",
            "must map single words to single words",
            'write brp = "berapa" under [colloquial]',
        )
    return {k.casefold(): v.casefold() for k, v in values.items()}


DEFAULT_PHRASES, DEFAULT_COLLOQUIAL = read_phrase_files(shipped_phrase_files())

DEFAULT_WEIGHTS = {
    "response_speed": 2.0,
    "greeting": 1.0,
    "needs_inquiry": 1.0,
    "answers_questions": 2.0,
    "accurate_concise": 1.5,
    "polite_closing": 1.0,
}


@dataclass(frozen=True, slots=True)
class Rubric:
    """Phrases, weights, critical criteria and thresholds of the checklist."""

    phrases: Mapping[str, Mapping[str, tuple[str, ...]]] = field(
        default_factory=lambda: {key: dict(langs) for key, langs in DEFAULT_PHRASES.items()}
    )
    # informal spellings read as their standard form where topics are compared ("tuker":
    # "tukar"), from the phrase files' [colloquial] tables
    colloquial: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_COLLOQUIAL))
    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    critical: tuple[str, ...] = ()  # a fail here zeroes the conversation's score
    na_counts_as: str = "excluded"  # or "pass"
    wall_of_text_chars: int = 700
    wall_of_text_lines: int = 15
    price_tolerance: float = 0.0  # a quoted price may differ from the catalog by this share
    language_sample: int = 8  # messages per side that langdetect reads
    compiled: Mapping[str, Phrases] = field(init=False, repr=False, compare=False)
    # colloquial with its di-/ke-/nge- forms ("dituker": "ditukar"): one lookup a word
    standard_forms: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        forms = {
            prefix + informal: prefix + standard
            for prefix in ("nge", "ke", "di", "")  # a plain word wins over a prefixed one
            for informal, standard in self.colloquial.items()
        }
        object.__setattr__(self, "standard_forms", forms)
        object.__setattr__(
            self,
            "compiled",
            {
                key: Phrases(
                    "|".join(f"(?:{p})" for lang in sorted(langs) for p in langs[lang])
                    or r"(?!)"  # an empty list matches nothing
                )
                for key, langs in self.phrases.items()
            },
        )

    def find(self, key: str, text: str) -> re.Match[str] | None:
        """The first phrase of ``key`` in ``text``, a text as ``criteria.base.normal``
        gives it (case folded), or None."""
        return _search(self.compiled[key], text)

    def matching(self, key: str, texts: Sequence[str]) -> Iterator[int]:
        """The indices, in order, of the ``texts`` (normal, as for ``find``) in which a
        phrase of ``key`` occurs."""
        return self.compiled[key].matching(texts)


# searches of a list before its prefilter is made: reading a pattern costs about a
# millisecond, repaid after a few hundred texts
_FILTER_AFTER = 256


class Phrases:
    """One phrase list, compiled. Its hash is its identity: a compiled pattern hashes
    its whole program on every call, which cost the cache below more than a search."""

    __slots__ = ("_needs", "_until_filtered", "pattern")

    def __init__(self, pattern: str) -> None:
        # texts are case folded, so a pattern with no capital letter needs no
        # IGNORECASE, which makes every search a third slower; one a user wrote with
        # capitals ("Terima kasih", "[A-Z]") keeps it. Escapes (\W, \S) are not letters.
        letters = re.sub(r"\\.", "", pattern)
        self.pattern = re.compile(pattern, re.IGNORECASE if letters != letters.lower() else 0)
        # the search of the words a match needs, if any; made once the list has been
        # searched often enough to repay reading the pattern (a small audit never is)
        self._needs: re.Pattern[str] | None = None
        self._until_filtered = _FILTER_AFTER

    def __reduce__(self) -> tuple[type[Phrases], tuple[str]]:
        return Phrases, (self.pattern.pattern,)

    @property
    def filtered(self) -> bool:
        """Whether texts are passed over by the words a match needs (see ``search``)."""
        return self._needs is not None

    def search(self, text: str) -> re.Match[str] | None:
        """The pattern's first match in ``text``. After its first ``_FILTER_AFTER``
        searches, a text without any word a match needs is passed over at once (see
        ``cs_audit.prefilter``): the same answer, sooner."""
        if self._needs is not None:
            if self._needs.search(text) is None:
                return None
        elif self._until_filtered:
            self._until_filtered -= 1
            if not self._until_filtered:
                self._needs = prefilter(self.pattern)
        return self.pattern.search(text)

    def matching(self, texts: Sequence[str]) -> Iterator[int]:
        """See ``Rubric.matching``. Chats say "ok kak" and "brp kak?" again and again:
        a text is searched once while it is among the last 16,384 asked of any list
        (``_matches``). (Searching the texts joined in one call is slower: the regex
        engine's scan, not the calls, is the cost.)"""
        for index, text in enumerate(texts):
            if _matches(self, text):
                yield index


@lru_cache(maxsize=16_384)
def _matches(phrases: Phrases, text: str) -> bool:
    """Whether a list matches a text, remembered across conversations: a week's chats
    say "ok kak", "kak?" and the shop's own replies again and again (on a generated
    week, 9 in 10 searches asked again what another chat had; 6 in 10 where each
    reply holds its own order number). A bool, not the match: less to keep."""
    return phrases.search(text) is not None


@lru_cache(maxsize=16_384)
def _search(phrases: Phrases, text: str) -> re.Match[str] | None:
    """Criteria, flags and sessions ask the same list about the same message, and short
    replies ("ok kak", "terima kasih") recur across chats: each is searched once."""
    return phrases.search(text)


_RUBRIC_KEYS = (
    "phrases_dir",
    "phrases",
    "weights",
    "critical",
    "na_counts_as",
    "wall_of_text_chars",
    "wall_of_text_lines",
    "price_tolerance",
    "language_sample",
)


def _as_table(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(
            where,
            f"must be a table, not {value!r}",
            "write it as a [section] with key = value lines",
        )
    return value


def _phrase_folder(value: Any, where: str, base: Path) -> tuple[PhraseLists, dict[str, str]]:
    """The phrase lists of a folder of language files (``phrases_dir``): every
    ``*.toml`` in it is one language, as shipped (see cs_audit/phrases/)."""
    if not isinstance(value, str):
        raise ConfigError(
            where, "phrases_dir must be a folder name", 'write phrases_dir = "phrases"'
        )
    folder = base / value
    try:
        files = sorted(p for p in folder.iterdir() if p.suffix == ".toml")
        texts = [(p.as_posix(), p.read_text(encoding="utf-8")) for p in files]
    except OSError as error:
        raise ConfigError(
            f"{where}: phrases_dir",
            f"{folder.as_posix()} cannot be read ({(error.strerror or '').lower()})",
            "run cs-audit init to write the phrase files, or fix the path",
        ) from None
    except UnicodeDecodeError:
        raise ConfigError(
            f"{where}: phrases_dir", "a phrase file is not UTF-8 text", "save it as UTF-8"
        ) from None
    if not texts:
        raise ConfigError(
            f"{where}: phrases_dir",
            f"{folder.as_posix()} holds no .toml phrase file",
            "run cs-audit init to write them",
        )
    phrases, colloquial = read_phrase_files(texts)
    # a list no file of the folder names at all came with a later cs-audit than the one
    # that wrote the folder: it is the shipped one (`key = []` turns a list off)
    for key, langs in phrases.items():
        if not langs:
            phrases[key] = dict(DEFAULT_PHRASES[key])
    return phrases, colloquial


def _phrases(table: Mapping[str, Any], where: str, start: PhraseLists | None = None) -> PhraseLists:
    phrases = {key: dict(langs) for key, langs in (start or DEFAULT_PHRASES).items()}
    for key, langs in _as_table(table, f"{where}.phrases").items():
        if key not in phrases:
            raise ConfigError(
                f"{where}.phrases",
                f"unknown phrase list {key!r}",
                f"use one of: {', '.join(sorted(phrases))}",
            )
        if not isinstance(langs, dict):
            raise ConfigError(
                f"{where}.phrases",
                f"{key} must be a table of languages",
                f"write [rubric.phrases.{key}] with id = [...], en = [...]",
            )
        for lang, values in langs.items():
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise ConfigError(
                    f"{where}.phrases.{key}",
                    f"{lang} must be a list of strings",
                    "write regular expressions as strings",
                )
            phrases[key][lang] = tuple(values)
        joined = "|".join(f"(?:{p})" for lang in sorted(phrases[key]) for p in phrases[key][lang])
        try:  # the list as one pattern: inline flags or repeated group names fail here
            re.compile(joined)
        except re.error as error:
            raise ConfigError(
                f"{where}.phrases.{key}",
                f"the phrases do not combine ({error})",
                "use plain expressions: no inline flags, no named groups",
            ) from None
    return phrases


MAX_WEIGHT = 1000  # weights are relative: a bound keeps every score finite


def rubric_from_mapping(value: Any, where: str, base: Path | None = None) -> Rubric:
    """The default rubric with a config's ``[rubric]`` values in place of its own.
    ``phrases_dir`` is a folder relative to ``base`` (the config file's folder)."""
    table = _as_table(value, where)
    for key in table:
        if key not in _RUBRIC_KEYS:
            raise ConfigError(
                where, f"unknown key {key!r}", f"use one of: {', '.join(_RUBRIC_KEYS)}"
            )
    rubric = Rubric()
    start, colloquial = (
        _phrase_folder(table["phrases_dir"], where, base or Path())
        if "phrases_dir" in table
        else (None, DEFAULT_COLLOQUIAL)
    )
    changes: dict[str, Any] = {
        "phrases": _phrases(table.get("phrases", {}), where, start),
        "colloquial": dict(colloquial),
    }
    weights = dict(rubric.weights)
    for key, weight in _as_table(table.get("weights", {}), f"{where}.weights").items():
        if (
            key not in CRITERIA
            or isinstance(weight, bool)
            or not isinstance(weight, int | float)
            or not 0 <= weight <= MAX_WEIGHT
        ):
            raise ConfigError(
                f"{where}.weights",
                f"{key} = {weight!r} is not a criterion weight",
                f"give a number from 0 to {MAX_WEIGHT} for one of: {', '.join(CRITERIA)}",
            )
        weights[key] = float(weight)
    changes["weights"] = weights
    critical = table.get("critical", [])
    if not isinstance(critical, list) or any(c not in CRITERIA for c in critical):
        raise ConfigError(
            where,
            f"critical = {critical!r} names an unknown criterion",
            f"use criteria from: {', '.join(CRITERIA)}",
        )
    changes["critical"] = tuple(critical)
    na = table.get("na_counts_as", rubric.na_counts_as)
    if na not in ("excluded", "pass"):
        raise ConfigError(where, f"na_counts_as = {na!r}", 'write "excluded" or "pass"')
    changes["na_counts_as"] = na
    for key in ("wall_of_text_chars", "wall_of_text_lines", "language_sample"):
        if key in table:
            number = table[key]
            if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= 10**6:
                raise ConfigError(where, f"{key} = {number!r}", "give a whole number from 1")
            changes[key] = number
    if "price_tolerance" in table:
        share = table["price_tolerance"]
        if isinstance(share, bool) or not isinstance(share, int | float) or not 0 <= share < 1:
            raise ConfigError(where, f"price_tolerance = {share!r}", "give a share from 0 to 0.99")
        changes["price_tolerance"] = float(share)
    return replace(rubric, **changes)
