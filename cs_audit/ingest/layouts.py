"""Message-header layouts: find a file's layout, then scan it with a pattern made for it.

Everything here works on UTF-8 bytes: scanning bytes is twice as fast as scanning
``str`` and never widens a 100 MB export to 4 bytes a character because of one emoji.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

# Invisible marks a header line may start with: LRM/RLM, LRE..RLO, LRI..PDI, a stray BOM.
_BIDI = rb"(?:\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xef\xbb\xbf)"
# A space in a header: plain, NBSP, or NNBSP (Android 12-hour times since ~2023).
SPACE = rb"(?: |\xc2\xa0|\xe2\x80\xaf)"
# The 12-hour marker: AM/PM in any spelling, or the part of the day as some Android
# translations spell it out ("9:15 in the morning", "3:07 de la tarde", "da manhã"),
# after the day periods of Unicode's CLDR. The night runs over midnight: "11:30 at
# night" is 23:30, "12:10 at night" 00:10 and "2:00 de la noche" 02:00 (dates.py).
SPELLED_AM = (
    b"in the morning",
    b"de la ma\xc3\xb1ana",
    b"de la madrugada",
    b"da manh\xc3\xa3",
    b"da madrugada",
    b"midnight",
    b"PG",  # Malay: pagi
    "\u03c0.\u03bc.".encode(),  # Greek
)
SPELLED_PM = (
    b"in the afternoon",
    b"in the evening",
    b"noon",
    b"de la tarde",
    b"del mediod\xc3\xada",
    b"da tarde",
    b"PTG",  # Malay: petang
    "\u03bc.\u03bc.".encode(),  # Greek
)
SPELLED_NIGHT = (b"at night", b"de la noche", b"da noite")
_MARKER = (
    rb"(?:"
    + SPACE
    + rb"?[AaPp]\.?"
    + SPACE
    + rb"?[Mm]\.?|"
    + SPACE
    + rb"(?:"
    + b"|".join(re.escape(m) for m in SPELLED_AM + SPELLED_PM + SPELLED_NIGHT)
    + rb"))"
)

# The marker before the time, as Korean, Chinese and Japanese write it ("오전 10:05",
# "上午9:05", "午後3:07"): AM words, then PM words.
# (Tamil too: "முற்பகல் 11:02".)
MARKERS_FIRST_AM = tuple(
    w.encode()
    for w in (
        "\uc624\uc804",
        "\u4e0a\u5348",
        "\u5348\u524d",
        "\u0bae\u0bc1\u0bb1\u0bcd\u0baa\u0b95\u0bb2\u0bcd",
    )
)
MARKERS_FIRST_PM = tuple(
    w.encode()
    for w in (
        "\uc624\ud6c4",
        "\u4e0b\u5348",
        "\u5348\u5f8c",
        "\u0baa\u0bbf\u0bb1\u0bcd\u0baa\u0b95\u0bb2\u0bcd",
    )
)
_MARKER_FIRST = rb"(?:" + b"|".join(MARKERS_FIRST_AM + MARKERS_FIRST_PM) + rb")" + SPACE + rb"?"
# A word between date and time: Finnish "klo", French "à".
_WORD = rb"klo|\xc3\xa0"
# A date: day, month and year in any order with / . or -, or with a dot and a space
# between the parts, as Hungarian, Korean, Croatian and Slovak phones write it:
# "2022. 04. 21.", "22. 11. 24." (year first), "25. 12. 2022.", "25. 12. 2022"; some
# end it with a dot (and Serbian ones "25.12.22.").
_DOTTED = rb"\d{1,4}\. \d{1,2}\. \d{1,4}"

# Every layout of FORMATS.md, for detection only. A line is a header only when date,
# time, optional AM/PM marker and the separator are all there. Its groups are the
# header's shape (bracket, date separator or dotted date, a dot after it, comma, word,
# marker first, time separator, seconds, marker, separator), so findall can count shapes.
_GENERIC = re.compile(
    rb"\n" + _BIDI + rb"*(\[)?" + _BIDI + rb"*"  # a BOM may follow the bracket
    rb"(?:\d{1,4}([./-])\d{1,2}\2\d{1,4}|\d{1,4}(\. )\d{1,2}\. \d{1,4})(\.)?"
    rb"(,)?" + SPACE + rb"(?:(" + _WORD + rb")" + SPACE + rb")?"
    rb"(" + _MARKER_FIRST + rb")?"
    rb"\d{1,2}([:.])\d{2}(?:(\8)\d{2})?"
    rb"(" + _MARKER + rb")?"
    rb"((?(1)\]" + SPACE + rb"|(?:" + SPACE + rb"-" + SPACE + rb"|:" + SPACE + rb")))"
)

# iOS in some locales (Vietnamese) writes the time before the date: "[14:56:01,
# 3/18/22] Name: text". Groups: bracket, time separator, seconds, marker, comma, date
# separator, the separator after the date.
_TIME_FIRST = re.compile(
    rb"\n" + _BIDI + rb"*(\[)" + _BIDI + rb"*"
    rb"\d{1,2}(:)\d{2}(?:(:)\d{2})?"
    rb"(" + _MARKER + rb")?"
    rb"(,)?" + SPACE + rb"\d{1,4}([./-])\d{1,2}\6\d{1,4}"
    rb"(\]" + SPACE + rb")"
)

# Bodies that may be a placeholder or WhatsApp's own line, by how they start (iOS
# starts its own strings with LRM). Anything else is plain text, decided in C;
# kinds.classify settles the rest. Attachments, told by the end of their first line,
# are looked for apart (parser.py).
SPECIAL_HINT = (
    # A first-byte check before the alternatives: most bodies fail it at once.
    rb"(?=[\xe2\xef<MPlLWTBCYKADivasGdgn])"
    rb"(?:\xe2\x80\x8e|" + _BIDI + rb"*(?:<|Missed |Panggilan |location: |Lokasi"
    rb"|live location|POLL|POLING:|Waiting for|Menunggu pesan|Messages and calls|Pesan "
    rb"|This |Bisnis ini|Chat ini|Your security|Kode keamanan|You |Anda |Disappearing"
    rb"|Akun bisnis|null(?:\n|$)|image |video |audio |sticker |GIF |document "
    rb"|Contact card|gambar |stiker |dokumen |Kartu kontak))"
)

_SAMPLE_WINDOWS = 8
_WINDOW_BYTES = 1 << 15


@dataclass(frozen=True, slots=True)
class Layout:
    """The shape of every message header in one export."""

    bracket: bool  # iOS: [date, time]
    date_sep: bytes  # / . -
    comma: bool  # a comma after the date
    word: bytes  # a word between date and time: Finnish "klo", French "à"; or b""
    time_sep: bytes  # : or .
    seconds: bool
    marker: bool  # 12-hour clock with AM/PM
    sep: bytes  # "]" (iOS), "-" (Android) or ":" (old iOS)
    time_first: bool = False  # "[14:56:01, 3/18/22]": the time, then the date
    marker_first: bool = False  # the marker before the time: "오전 10:05", "上午9:05"
    date_end: bool = False  # a dot after the date: "2022. 04. 21.", "25.12.22."

    @property
    def name(self) -> str:
        """A short description for summaries: platform and clock."""
        platform = {b"]": "ios", b"-": "android", b":": "ios-legacy"}[self.sep]
        return f"{platform} {'12h' if self.marker else '24h'}"

    def twin(self, other: Layout) -> bool:
        """Whether ``other`` is this layout with another clock, seconds, time separator
        or comma: its headers are this one's written otherwise (``pattern``)."""
        return other._plain() == self._plain()

    def _plain(self) -> Layout:
        return replace(
            self,
            comma=False,
            time_sep=b":",
            seconds=False,
            marker=False,
            marker_first=False,
            date_end=False,
        )

    def _parts(self, *, lenient: bool) -> tuple[bytes, bytes]:
        """Patterns of the header's two parts as ``pattern`` groups them. Lenient: as
        a header of this layout may be written otherwise, the other clock (``02:08 PM``
        in a 24-hour file, ``15:15`` in a 12-hour one), seconds or none, ``.`` for
        ``:`` in the time, a ``.`` or nothing for the comma (``5/19/20. 6:49 PM``)."""
        sp = SPACE
        ds = re.escape(self.date_sep)
        ts = re.escape(self.time_sep)
        date = (
            _DOTTED if self.date_sep == b". " else rb"\d{1,4}" + ds + rb"\d{1,2}" + ds + rb"\d{1,4}"
        ) + (rb"\." if self.date_end else b"")
        word = re.escape(self.word) + sp if self.word else b""
        if lenient:
            join = rb"[,.]?" + sp + word
            time = rb"(?:" + _MARKER_FIRST + rb")?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?" + _MARKER + b"?"
        else:
            join = (b"," if self.comma else b"") + sp + word
            time = rb"\d{1,2}" + ts + rb"\d{2}" + (ts + rb"\d{2}" if self.seconds else b"")
            if self.marker and self.marker_first:
                time = rb"(?:" + _MARKER_FIRST + rb")" + time
            elif self.marker:
                time += _MARKER
        sep = {b"]": rb"\]" + sp, b"-": sp + b"-" + sp, b":": b":" + sp}[self.sep]
        lead = _BIDI + b"*" + (rb"\[" + _BIDI + b"*" if self.bracket else b"")
        first, second = (time, join + date) if self.time_first else (date, join + time)
        return lead + first, second + sep

    def pattern(self) -> re.Pattern[bytes]:
        """The pattern that splits a file of this layout into messages.

        Groups: 1 the header up to the date's end, 2 the rest of the header (their
        concatenation is the header as written), 3 the author up to the first ``": "``
        (None when the name holds a colon or the line has no author: the parser looks
        again), 4 a hint that the body may be more than text (None for most). Where
        the time comes first, 1 is the header up to the time's end and 2 the rest,
        the date with it.

        A header written otherwise (``_parts(lenient=True)``) with an author is found
        too, at no cost to the others: its alternative is tried only where the
        layout's fails. The parser keeps it only where the file makes it certain
        (``strict``)."""
        first, second = self._parts(lenient=False)
        lenient_first, lenient_second = self._parts(lenient=True)
        if self.time_first:
            first = lenient_first
        return re.compile(
            rb"\n(" + first + rb")(" + second + rb"|" + lenient_second + rb"(?=[^:\n]+: ))"
            rb"(?:([^:\n]+): )?"
            rb"(?:(?=(" + SPECIAL_HINT + rb")))?"
        )

    def strict(self) -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
        """Patterns that fullmatch ``pattern``'s groups 1 and 2 as this layout writes them."""
        first, second = self._parts(lenient=False)
        return re.compile(first), re.compile(second)


@dataclass(frozen=True, slots=True)
class LayoutSurvey:
    """Header layouts counted over samples of a file."""

    counts: tuple[tuple[Layout, int], ...]  # most frequent first

    @property
    def total(self) -> int:
        """Sampled lines that look like headers."""
        return sum(n for _, n in self.counts)

    @property
    def dominant(self) -> Layout | None:
        return self.counts[0][0] if self.counts else None


def _layout_of(shape: tuple[bytes, ...]) -> Layout:
    bracket, date_sep, dotted, end, comma, word, first, time_sep, seconds, marker, sep = shape
    return Layout(
        bracket=bool(bracket),
        date_sep=date_sep or dotted,
        comma=bool(comma),
        word=word,
        time_sep=time_sep,
        seconds=bool(seconds),
        marker=bool(marker or first),
        sep=b"]" if sep.startswith(b"]") else b":" if sep.startswith(b":") else b"-",
        marker_first=bool(first),
        date_end=bool(end),
    )


def _time_first_layout_of(shape: tuple[bytes, ...]) -> Layout:
    _, time_sep, seconds, marker, comma, date_sep, _ = shape
    return Layout(
        bracket=True,
        date_sep=date_sep,
        comma=bool(comma),
        word=b"",
        time_sep=time_sep,
        seconds=bool(seconds),
        marker=bool(marker),
        sep=b"]",
        time_first=True,
    )


def survey_layouts(data: bytes) -> LayoutSurvey:
    """Count header layouts in windows spread over ``data``.

    A whole export is written by one phone in one locale, so one layout dominates;
    header-like lines of another layout are message text (a pasted chat, a log).
    """
    if len(data) <= _SAMPLE_WINDOWS * _WINDOW_BYTES:
        starts = [0]
        size = len(data)
    else:
        step = (len(data) - _WINDOW_BYTES) // (_SAMPLE_WINDOWS - 1)
        starts = [i * step for i in range(_SAMPLE_WINDOWS)]
        size = _WINDOW_BYTES
    counts: Counter[Layout] = Counter()
    for start in starts:
        if start == 0:
            window = b"\n" + data[:size]  # so that the first line can match
        else:  # from a line's start, which the pattern finds as "\n" + header
            newline = data.find(b"\n", start)
            if newline < 0:
                continue
            window = data[newline : newline + size]
        for shape, n in Counter(_GENERIC.findall(window)).items():
            counts[_layout_of(shape)] += n
        if b"]" in window:  # iOS: the time may come first
            for shape, n in Counter(_TIME_FIRST.findall(window)).items():
                counts[_time_first_layout_of(shape)] += n
    ordered = sorted(counts.items(), key=lambda item: (-item[1], repr(item[0])))
    return LayoutSurvey(tuple(ordered))
