"""The words a phrase list needs: read off the pattern, never more than every match
holds, so that a list searched behind its prefilter finds exactly what it finds alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cs_audit import rubric
from cs_audit.config import AuditConfig
from cs_audit.criteria.base import normal
from cs_audit.prefilter import prefilter, required_words
from cs_audit.rubric import Phrases

LABELLED = Path(__file__).parent / "labelled"


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (r"\bharga\b", ("harga",)),
        (r"\b(harga|harganya|brp)\b", ("brp", "harga")),  # "harganya" holds "harga"
        (r"(?<!\bjam )\b(berapa|brp)\b(?!\s+lama)", ("berapa", "brp")),  # lookarounds: none
        (r"\bfree\b[^.!]*\?", ("free",)),  # the longer of the two needed runs
        (r"ada( kan| ya)?\s*\?", ("ada",)),
        (r"have a (nice|good) \w+", ("have a good ", "have a nice ")),
        (r"(?:ok|oke)+ kak", (" kak",)),  # the longest of the runs every match holds
        (r"(?:oke|okay)+", ("okay", "oke")),  # a repeat of one at least: its words
        (r"ter[ia]ma", ("terama", "terima")),  # a small class spells both
        (r"harga|ongkir", ("harga", "ongkir")),
        (r"(?:\bdiskon|\bpotongan) \d+", ("diskon ", "potongan ")),
        # an atomic group needs what its content needs; a span's anchor needs nothing
        (r"(?:^|(?<=\n))(?>.*?\bbeda(nya)?\b).*\b(apa|gimana)\b", ("beda",)),
        (r"(?:^|(?<=[.!]))(?>[^.!]*?\bgratis\b)[^.!]*\?", ("gratis",)),
    ],
)
def test_required_words(pattern: str, words: tuple[str, ...]) -> None:
    assert required_words(re.compile(pattern)) == words


@pytest.mark.parametrize(
    "pattern",
    [
        r"harga|\d+",  # one alternative needs no word
        r"(?:harga)?\s*\?",  # only "?": one character
        r"(\w+) \1",  # a backreference spells nothing fixed
        r"^\W*(ada|ya|bisa)\b",  # anchored: one position is tried already
        r"^(?:ok|ya)|^sip",
        r"[^a-z]+",
        r"(?:harga)*",
    ],
)
def test_no_prefilter_where_it_would_not_pay_or_cannot_be_sure(pattern: str) -> None:
    assert prefilter(re.compile(pattern)) is None


def test_a_prefilter_passes_over_texts_without_the_words() -> None:
    phrases = _filtered(r"\b(harga|brp)\b(?!\s+lama)")
    assert phrases.filtered
    assert phrases.search("ok kak makasih") is None
    found = phrases.search("kak brp harganya?")
    assert found is not None
    assert found.group() == "brp"
    assert phrases.search("brp lama kirimnya") is None  # the list itself still decides


def test_a_pattern_that_ignores_case_is_prefiltered_ignoring_case() -> None:
    needs = prefilter(re.compile(r"(?i:salam|regards)\s*,?\s+(?P<name>[A-Z]\w*)$"))
    assert needs is not None
    assert needs.flags & re.IGNORECASE
    assert needs.search("SALAM, Rina")
    assert not needs.search("Ready kak, Rp 150.000")
    whole = prefilter(re.compile(r"(?i)harga|ongkir"))
    assert whole is not None
    assert whole.search("ONGKIR")


def test_a_word_of_one_character_is_kept_only_when_asked() -> None:
    signature = re.compile(r"(?:^|\s)~\s*(?P<name>[A-Z]\w*)$", re.MULTILINE)
    assert prefilter(signature) is None
    needs = prefilter(signature, shortest=1)
    assert needs is not None
    assert needs.pattern == "\\~"


# A small language of patterns and texts over the same letters, so that matches and
# near misses are common; capitals and (?i:) parts for patterns that ignore case.
_ATOMS = ["a", "b", "ab", "ba", " ", r"\b", "^", "$", ".", "[ab]", "[^a]", r"\w", r"\s"]
_ATOMS += ["(?=a)", "(?<!b)", "(?!ab)", "(?<=a )", "A", "(?i:a)", "(?i:ba)", "[AB]"]


def _patterns() -> st.SearchStrategy[str]:
    atom = st.sampled_from(_ATOMS)

    def grow(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.lists(inner, min_size=1, max_size=4).map("".join),
            st.lists(inner, min_size=2, max_size=3).map(lambda p: "(?:" + "|".join(p) + ")"),
            st.lists(inner, min_size=1, max_size=3).map(lambda p: "(" + "|".join(p) + ")"),
            st.tuples(inner, st.sampled_from(["?", "*", "+", "{2}", "{1,2}", "+?"])).map(
                lambda t: f"(?:{t[0]}){t[1]}"
            ),
        )

    return st.recursive(atom, grow, max_leaves=12).filter(lambda p: re.compile(p) is not None)


@settings(max_examples=400, deadline=None)
@given(
    pattern=_patterns(),
    texts=st.lists(st.text(alphabet="abAB .\u212a", max_size=12), max_size=8),
    shortest=st.sampled_from([1, 2]),
)
def test_a_prefiltered_search_equals_the_plain_search(
    pattern: str, texts: list[str], shortest: int
) -> None:
    for flags in (0, re.IGNORECASE):
        plain = re.compile(pattern, flags)
        needs = prefilter(plain, shortest)
        for text in texts:
            expected = plain.search(text)
            if needs is not None and needs.search(text) is None:
                assert expected is None, (pattern, flags, text)
    phrases = _filtered(pattern)  # capitals: IGNORECASE added
    for text in texts:
        found, expected = phrases.search(text), phrases.pattern.search(text)
        assert (found and found.span()) == (expected and expected.span()), (pattern, text)


def _filtered(pattern: str) -> Phrases:
    """A phrase list past the searches after which its prefilter is made."""
    phrases = Phrases(pattern)
    for _ in range(rubric._FILTER_AFTER):
        phrases.search("")
    return phrases


def test_the_prefilter_is_made_once_a_list_has_been_searched_often() -> None:
    phrases = Phrases(r"\b(harga|brp)\b")
    for _ in range(rubric._FILTER_AFTER - 1):
        phrases.search("ok kak")
    assert not phrases.filtered  # a small audit never pays for reading the pattern
    phrases.search("ok kak")
    assert phrases.filtered
    assert not _filtered(r"^\W*(ada|ya)\b").filtered  # anchored: no filter ever


def test_every_shipped_list_finds_what_it_finds_alone_in_every_labelled_chat() -> None:
    texts = sorted(
        {
            normal(line.partition(": ")[2])
            for path in LABELLED.glob("*/*/*.txt")
            for line in path.read_text(encoding="utf-8").splitlines()
        }
    )
    assert len(texts) > 1500
    filtered = 0
    for key, phrases in AuditConfig().rubric.compiled.items():
        for text in texts[: rubric._FILTER_AFTER]:
            phrases.search(text)
        for text in texts:
            found, expected = phrases.search(text), phrases.pattern.search(text)
            assert (found and found.span()) == (expected and expected.span()), key
        filtered += phrases.filtered
    assert filtered >= 25  # most lists are filtered: the speed depends on it
