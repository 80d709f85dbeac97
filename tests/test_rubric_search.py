"""A phrase list searched over many texts at once finds exactly the texts that one
search per text finds: no text's neighbours change its answer."""

from __future__ import annotations

import pickle
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cs_audit.criteria.base import normal
from cs_audit.rubric import DEFAULT_PHRASES, Phrases, Rubric

# words the default lists and the patterns below are made of, and their neighbours
WORDS = [
    "berapa",
    "brp",
    "harga",
    "ada",
    "stok",
    "masih",
    "kak",
    "ya",
    "tolong",
    "cek",
    "maaf",
    "terima",
    "kasih",
    "salah",
    "kamu",
    "bukan",
    "kami",
    "sendiri",
    "ditunggu",
    "selamat",
    "pagi",
    "lama",
    "hari",
    "jam",
    "tidak",
    "bisa",
    "diskon",
    "promo",
    "manager",
    "atasan",
    "sorry",
    "our",
    "fault",
    "how",
    "much",
    "is",
    "it",
    "?",
    "!",
    ".",
    ",",
    "-",
    "~",
    "🙏",
    "rp",
    "150.000",
    "ok",
    "sip",
]
FEW = [
    "kak",
    "ya",
    "ok",
    "sip",
    "maaf",
    "berapa",
    "lama",
    "harga",
    "stok",
    "salah",
    "kamu",
    ",",
    "!",
    "🙏",
]  # edges meet often
TEXTS = st.sampled_from([WORDS, FEW]).flatmap(
    lambda words: st.lists(
        st.lists(st.sampled_from(words), max_size=6).map(lambda w: normal(" ".join(w))),
        max_size=12,
    )
)
# patterns that see across a text's edges: whitespace and non-word classes, anchors,
# lookarounds, an inline DOTALL, a literal newline
EDGY = (
    r"kak\s+ya",
    r"\W+ok",
    r"^maaf",
    r"sip$",
    r"(?<!\s)berapa",
    r"berapa(?!\s+lama)",
    r"(?s)harga.*stok",
    r"ya\nok",
    r"[^a-z]+kak",
    r"\bsalah\b.*\bkamu\b",
    r"berapa(?! lama)",
    r"(?<!jam )berapa",
    r"^\W*ok\W*$",
    r"^(?:kak|ya|ok|\W)*$",
    r"(?<=[^a-z])kak",
    r"(?is)maaf.+kak",
)
PATTERNS = [*EDGY, *(p for langs in DEFAULT_PHRASES.values() for ps in langs.values() for p in ps)]


@settings(max_examples=150, deadline=None)
@given(texts=TEXTS, pattern=st.one_of(st.sampled_from(EDGY), st.sampled_from(PATTERNS)))
def test_matching_many_texts_equals_one_search_per_text(texts: list[str], pattern: str) -> None:
    phrases = Phrases(pattern)
    expected = [i for i, text in enumerate(texts) if phrases.pattern.search(text)]
    assert list(phrases.matching(texts)) == expected


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["kak", "ya ok"], []),  # "kak\nya" counts for neither text
        (["kak", "ya ok", "kak ya"], [2]),
        (["kak ya", "kak", "ya"], [0]),
        ([], []),
        (["", "kak ya", ""], [1]),
    ],
)
def test_a_match_across_two_texts_counts_for_neither(texts: list[str], expected: list[int]) -> None:
    assert list(Phrases(r"kak\s+ya").matching(texts)) == expected


def test_a_negative_lookahead_does_not_read_the_next_text() -> None:
    # alone, "berapa" is a price question; the next text's "lama" must not hide it
    assert list(Phrases(r"berapa(?!\s+lama)").matching(["harganya berapa", "lama ya"])) == [0]


def test_lowercase_patterns_need_no_ignorecase_and_capitals_keep_it() -> None:
    assert not Phrases(r"terima kasih\W").pattern.flags & re.IGNORECASE
    assert Phrases(r"Terima kasih").pattern.flags & re.IGNORECASE
    assert Phrases(r"[A-Z]\w+").pattern.flags & re.IGNORECASE
    assert Phrases(r"Terima kasih").pattern.search("terima kasih kak")


def test_a_rubric_with_a_capitalised_user_phrase_still_finds_it() -> None:
    rubric = Rubric(phrases={"closing": {"id": ("Sampai Jumpa",)}})
    assert rubric.find("closing", normal("Oke, SAMPAI jumpa kak"))
    assert list(rubric.matching("closing", ["halo", normal("Sampai jumpa!")])) == [1]


def test_phrases_pickle_and_hash_by_identity() -> None:
    phrases = Phrases(r"kak\s+ya")
    copy = pickle.loads(pickle.dumps(phrases))
    assert copy.pattern.pattern == phrases.pattern.pattern
    assert list(copy.matching(["kak ya"])) == [0]
    assert copy != phrases  # equal by identity only: the search cache keys on it
