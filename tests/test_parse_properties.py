"""Property tests: no input crashes the parser, and every line is accounted for."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cs_audit.errors import IngestError
from cs_audit.ingest import ParsedExport, parse_export

_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces real exports are made of, so that generated text often holds real headers.
_HEADERS = st.sampled_from(
    [
        "23/03/2022, 13:31 - ",
        "1/31/22, 15:49 - ",
        "1/4/23, 7:02\u202fPM - ",
        "26/11/20 23.10 - ",
        "[3/27/22, 21:41:35] ",
        "\u200e[26/01/21 21.05.53] ",
        "6/23/17, 12:29:34 PM: ",
        "31.5.2019 klo 16.58 - ",
        "31/02/2022, 13:31 - ",
        "13/13/22, 25:61 - ",
        "2019-05-02, 11:23 a.m. - ",
        # issue 14: the time first, spelled markers, hour 0, either clock, typos,
        # Arabic digits and marks, eras and other calendars, a BOM in the bracket
        "[14:56:01, 3/18/22] ",
        "12/21/18, 9:40 at night - ",
        "21/12/18 3:07 da tarde - ",
        "12/22/18, 0:24 PM - ",
        "12/21/18 02:08 PM - ",
        "12/21/18 15:15 - ",
        "5/19/20. 6:49 PM - ",
        "[R4/3/18 14:56:01] ",
        "23/6/2565 13:45 - ",
        "[1401/1/15 10:23:45] ",
        "[\u0662\u0660\u200f/\u0663\u200f/\u0662\u0660\u0662\u0660\u060c "
        "\u0661\u0660:\u0662\u0663:\u0664\u0665 \u0645] ",
        "\u200f\u06f2\u06f1/\u06f3/\u06f2\u06f0\u06f2\u06f1 "
        "\u06f0\u06f9:\u06f0\u06f5\u00a0\u0635 - ",
        "[\ufeff29.01.18, 10:15:02] ",
        "13/12/2021 \u00e0 10:30 - ",
        "22. 11. 24. \uc624\uc804 10:05 - ",
        "2022/1/15 \u4e0b\u53489:20 - ",
        "19/04/23, 2:20 PTG - ",
        "15/7/22, 10:20 \u03bc.\u03bc. - ",
        "\u09e7\u09ea/\u09ef/\u09e8\u09e8, \u09e7\u09e6:\u09e7\u09eb AM - ",
        "17. 03. 21, 14:02 - ",
    ]
)
_WORDS = st.sampled_from(
    [
        "Budi",
        "Toko: Maju",
        "+62 812-3456-7890",
        "~ Rina",
        ": ",
        ":",
        " - ",
        "\u200e",
        "\u202a",
        "\u2028",
        "<Media omitted>",
        "image omitted",
        "null",
        "(file attached)",
        "POLL:",
        "Rp 150.000",
        "😊",
        "[",
        "]",
        "\t",
        " ",
        'created group "a: b"',
    ]
)
_LINE = st.one_of(
    st.builds(lambda h, a, t: h + a + t, _HEADERS, _WORDS, st.text(max_size=20)),
    st.lists(_WORDS, max_size=5).map("".join),
    st.text(max_size=30),
)
_ENDING = st.sampled_from(["\n", "\r\n", "\r"])


def _accounted(data: bytes, parsed: ParsedExport) -> None:
    text = data.decode("utf-8-sig") if data[:2] not in (b"\xff\xfe", b"\xfe\xff") else ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    total = text.count("\n") + (0 if text.endswith("\n") else 1)
    assert parsed.line_count == total
    lines, texts = list(parsed.lines), parsed.texts
    skipped = sum(s.last_line - s.first_line + 1 for s in parsed.skipped)
    assert lines[0] == skipped + 1
    for i in range(len(lines) - 1):  # a message owns its header line and its body lines
        assert lines[i + 1] == lines[i] + 1 + texts[i].count("\n")
    assert lines[-1] + texts[-1].count("\n") == total
    assert len(parsed.days) == len(parsed.clock) == len(parsed.authors) == len(texts)


@_SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_never_crash(data: bytes) -> None:
    """Arbitrary bytes give records or an IngestError, nothing else."""
    outcome: ParsedExport | IngestError
    try:
        outcome = parse_export(data, file="fuzz.txt")
    except IngestError as error:
        outcome = error
    if isinstance(outcome, IngestError):
        assert str(outcome).startswith("fuzz.txt")
    else:
        assert len(outcome) > 0


@_SETTINGS
@given(st.lists(st.tuples(_LINE, _ENDING), min_size=1, max_size=25), st.booleans())
def test_every_line_is_accounted_for(lines: list[tuple[str, str]], final: bool) -> None:
    """Each line is a header, part of the body above it, or a reported skipped line."""
    text = "".join(line + ending for line, ending in lines)
    if not final:
        text = text.rstrip("\r\n")
    data = text.encode("utf-8")
    try:
        parsed = parse_export(data, file="fuzz.txt")
    except IngestError:
        return
    _accounted(data, parsed)
