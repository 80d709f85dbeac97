"""Headers written in another script or with an era for a year, in the form layouts.py reads.

Arabic iPhones and Android phones write their headers in Arabic-Indic digits
(U+0660-0669) or Eastern Arabic-Indic ones (U+06F0-06F9: Persian, Urdu), with
right-to-left marks (U+200F) between the parts, the Arabic comma (U+060C) after the
date and the letters sad and mim (U+0635, U+0645) for AM and PM; or Western digits
with the same marks, comma and letters. Japanese iPhones set to the Japanese calendar
write the era's letter and year: ``[R4/3/18 14:56:01]`` (Reiwa 4, 2022).

Only the header at a line's start is rewritten, never its author or body; a line
keeps its place, so every line number stays as it was, and one that stays message
text gets its own bytes back (``restore_text``). Used only where a file's headers are
not found as written, or a first look finds such digits or an era (parser.py): other
files pay almost nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from cs_audit.ingest.layouts import SPACE as _SP

# A digit: Western, Arabic-Indic (U+0660-0669), Eastern Arabic-Indic (U+06F0-06F9),
# Bengali (U+09E6-09EF) or Devanagari (U+0966-096F).
_D = rb"(?:[0-9]|\xd9[\xa0-\xa9]|\xdb[\xb0-\xb9]|\xe0\xa7[\xa6-\xaf]|\xe0\xa5[\xa6-\xaf])"
# Marks between the parts: LRM, RLM, ALM (U+061C).
_K = rb"(?:\xe2\x80[\x8e\x8f]|\xd8\x9c)*"
# An era before a year-first date's year: R (Reiwa), H (Heisei), or spelled 令和, 平成.
_ERA = rb"(?:R|H|\xe4\xbb\xa4\xe5\x92\x8c|\xe5\xb9\xb3\xe6\x88\x90)"
_DATE = (
    _ERA + b"?" + _K + _D + rb"{1,4}" + _K + rb"([/.\-])" + _K + _D + rb"{1,2}"
    + _K + rb"\3" + _K + _D + rb"{1,4}" + _K
    + rb"(?:" + _SP + rb"?\xd9\x87\xd9\x80?)?" + _K  # "AH" after a Hijri year
)  # fmt: skip
_JOIN = rb"(?:,|\xd8\x8c)?" + _K + _SP + _K
_TIME = (
    _D + rb"{1,2}" + _K + rb"[:.]" + _K + _D + rb"{2}"
    + rb"(?:" + _K + rb"[:.]" + _K + _D + rb"{2})?" + _K
    + rb"(?:" + _SP + rb"{0,2}" + _K + rb"(?:\xd8\xb5|\xd9\x85|[AaPp]\.?" + _SP
    + rb"?[Mm]\.?))?" + _K
)  # fmt: skip
_LEAD = rb"(?:\xe2\x80[\x8e\x8f]|\xef\xbb\xbf)*\[?"  # LRM, RLM or a BOM, a bracket
_HEADER = re.compile(
    rb"^(" + _LEAD + rb")"  # kept as written
    rb"(" + _DATE + _JOIN + _TIME + rb")(?=\]|" + _SP + rb"-" + _SP + rb")",
    re.MULTILINE,
)
# May there be a header to rewrite: a line whose first bytes hold an Arabic digit, the
# Arabic comma or AH, or that starts with an era's year?
FOREIGN = re.compile(
    rb"^(?:[^\n]{0,8}?(?:\xd9[\xa0-\xa9]|\xdb[\xb0-\xb9]|\xe0[\xa5\xa7][\xa6-\xaf])"
    rb"|[^\n]{0,24}?(?:\xd9\x87\xd9\x80|\xd8\x8c)"  # AH after a year, the Arabic comma
    rb"|" + _LEAD + _ERA + rb"\d{1,2}[/.\-])",
    re.MULTILINE,
)
_WESTERN = str.maketrans(
    {
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
        **{chr(0x09E6 + d): str(d) for d in range(10)},  # Bengali
        **{chr(0x0966 + d): str(d) for d in range(10)},  # Devanagari
        "\u200e": None,
        "\u200f": None,
        "\u061c": None,
        "\u060c": ",",
        "\u0635": "AM",  # sad, the first letter of the Arabic word for morning
        "\u0645": "PM",  # mim, the first letter of the word for evening
    }
)
_ERAS = {"R": 2018, "令和": 2018, "H": 1988, "平成": 1988}  # year 1 of each era - 1
_ERA_YEAR = re.compile(r"^(R|H|令和|平成)(\d{1,2})")
# "AH" after a Hijri year (U+0647, and a tatweel): the year tells the calendar
_HIJRI = re.compile("[ \u00a0\u202f]?\u0647\u0640?")
_MARKER_SPACE = re.compile(r"[ \u00a0\u202f]+(?=[AP]M$)")


def _western(found: re.Match[bytes]) -> bytes:
    header = _HIJRI.sub("", found[2].decode("utf-8")).translate(_WESTERN)
    header = _ERA_YEAR.sub(lambda era: str(_ERAS[era[1]] + int(era[2])), header)
    return found[1] + _MARKER_SPACE.sub(" ", header).encode("utf-8")


@dataclass(frozen=True, slots=True)
class Rewritten:
    """An export with its headers rewritten, and the lines as they were written, by
    line number, so that a line that stays message text keeps its own bytes."""

    data: bytes
    originals: dict[int, bytes]


def western_headers(data: bytes) -> Rewritten | None:
    """``data`` with its headers in Western digits and Gregorian years, as the other
    layouts write them; None where it has none to rewrite."""
    originals: dict[int, bytes] = {}
    at = [0, 1]  # a position in data, and its line: lines are counted once, in order

    def rewrite(found: re.Match[bytes]) -> bytes:
        western = _western(found)
        if western != found[0]:
            start = found.start()
            at[1] += data.count(b"\n", at[0], start)
            at[0] = start
            end = data.find(b"\n", start)
            originals[at[1]] = data[start : end if end >= 0 else len(data)]
        return western

    rewritten = _HEADER.sub(rewrite, data)
    return Rewritten(rewritten, originals) if originals else None


def restore_text(texts: list[str], lines: Sequence[int], originals: dict[int, bytes]) -> None:
    """Give the lines rewritten that are message text, not headers, their own bytes
    back (``texts[k]`` starts on line ``lines[k]``, its body's lines after it)."""
    by_message: dict[int, list[int]] = {}
    for line in originals:
        k = bisect_right(lines, line) - 1
        if k >= 0 and lines[k] != line:  # else a header, or a line before the first
            by_message.setdefault(k, []).append(line)
    for k, rewritten in by_message.items():
        parts = texts[k].split("\n")
        for line in rewritten:
            parts[line - lines[k]] = originals[line].decode("utf-8", "replace")
        texts[k] = "\n".join(parts)
