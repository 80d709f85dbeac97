"""A quick test that a phrase list cannot occur in a text: the words it needs.

A phrase list is one long alternation (``\\b(harga|brp)\\b|\\bongkir\\b|...``). Python's
regex engine tries every branch at every position of a text, which made the rubric's
searches a third of a long chat's audit. Most branches cannot match without some fixed
word ("harga", "brp", "ongkir"): a text holding none of a list's words is passed over
with one search of those words alone, arranged as a trie (``h(?:arga)|b(?:rp)|...``),
which the engine runs many times faster than the list. Where it finds one, the list
itself is searched, so a match is exactly what the list alone would give.

The words are read off the pattern's parse tree (Python's own ``re._parser``), keeping
only what every match must contain: literal runs, alternatives of them, repeats of at
least one; anything else (classes, backreferences, optional parts) asks for nothing.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from typing import Any

# The engine's parser: private, so every use below is guarded (a Python that changes it
# leaves the lists unfiltered, never wrong).
try:
    _parser: Any = importlib.import_module("re._parser")
    _c: Any = importlib.import_module("re._constants")
    _ZERO_WIDTH = frozenset((_c.AT, _c.ASSERT, _c.ASSERT_NOT))
    # an atomic group, "(?>...)", needs what its content needs (Python 3.11 on)
    _ATOMIC = getattr(_c, "ATOMIC_GROUP", None)
    _REPEATS = frozenset(
        getattr(_c, name)
        for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
        if hasattr(_c, name)
    )
except (ImportError, AttributeError):  # pragma: no cover  (a Python without them)
    _parser = None

_MOST = 64  # words one part of a pattern may expand to before it counts as any text
_CLASS = 4  # letters a class ([ae]) may hold and still spell words


def required_words(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Words of which every match of ``pattern`` contains one (none containing
    another), or None where it needs none, or the parser cannot tell. Where the pattern
    ignores case, in a word's letters too."""
    tree = _tree(pattern)
    words = None if tree is None else _needs(tree)
    return None if words is None else _minimal(words)


def prefilter(pattern: re.Pattern[str], shortest: int = 2) -> re.Pattern[str] | None:
    """The search of ``pattern``'s required words, where it is worth having: not for a
    pattern anchored at the start (the engine tries one position already), nor where
    a word is shorter than ``shortest`` (a list that "?" satisfies: most questions
    hold one). Where any part of the pattern ignores case, so does the search."""
    tree = _tree(pattern)
    if tree is None or _starts_anchored(tree):
        return None
    words = _needs(tree)
    if not words or min(map(len, words)) < shortest:
        return None
    folds = pattern.flags & re.IGNORECASE or _folds(tree)
    return re.compile(_trie(_minimal(words)), re.IGNORECASE if folds else 0)


def _tree(pattern: re.Pattern[str]) -> Any:
    """The parse tree of a pattern, or None."""
    if _parser is None:
        return None
    try:
        return _parser.parse(pattern.pattern, pattern.flags).data
    except Exception:  # a parser that changed: no filter, never a wrong one
        return None


def _folds(sequence: Any) -> bool:
    """Whether a part of the pattern ignores case (``(?i:...)``)."""
    for op, av in sequence:
        if op is _c.SUBPATTERN and (av[1] & re.IGNORECASE or _folds(av[3].data)):
            return True
        if op is _ATOMIC and op is not None and _folds(av.data):
            return True
        if op is _c.BRANCH and any(_folds(alternative.data) for alternative in av[1]):
            return True
        if op in _REPEATS and _folds(av[2].data):
            return True
    return False


def _starts_anchored(sequence: Any) -> bool:
    if not sequence:
        return False
    op, av = sequence[0]
    if op is _c.AT:
        return bool(av is _c.AT_BEGINNING or av is _c.AT_BEGINNING_STRING)
    if op is _c.SUBPATTERN:
        return _starts_anchored(av[3].data)
    if op is _c.BRANCH:
        return all(_starts_anchored(alternative.data) for alternative in av[1])
    return False


def _exact(op: Any, av: Any) -> set[str] | None:
    """The texts one element matches, where they are few and fixed."""
    if op is _c.LITERAL:
        return {chr(av)}
    if op is _c.SUBPATTERN:
        return _exact_sequence(av[3].data)
    if op is _ATOMIC and op is not None:
        return _exact_sequence(av.data)
    if op is _c.BRANCH:
        texts = _each(av[1], _exact_sequence)
        return texts if texts is not None and len(texts) <= _MOST else None
    if op is _c.IN and len(av) <= _CLASS and all(o is _c.LITERAL for o, _ in av):
        return {chr(code) for _, code in av}
    return None


def _exact_sequence(sequence: Any) -> set[str] | None:
    texts = {""}
    for op, av in sequence:
        if op in _ZERO_WIDTH:  # \b, ^, lookarounds: the text on either side is one run
            continue
        these = _exact(op, av)
        if these is None or len(texts) * len(these) > _MOST:
            return None
        texts = {a + b for a in texts for b in these}
    return texts


def _needs(sequence: Any) -> set[str] | None:
    """Words of which every match of a sequence of elements contains one."""
    found: list[set[str]] = []
    run = {""}  # the texts the elements since the last break spell together
    for op, av in sequence:
        if op in _ZERO_WIDTH:
            continue
        these = _exact(op, av)
        if these is not None and len(run) * len(these) <= _MOST:
            run = {a + b for a in run for b in these}
            continue
        found.append(run)
        run = {""}
        if these is not None:
            run = these
        else:
            needed = _element_needs(op, av)
            if needed is not None:
                found.append(needed)
    found.append(run)
    usable = [words for words in found if "" not in words]
    return max(usable, key=lambda w: (min(map(len, w)), -len(w))) if usable else None


def _element_needs(op: Any, av: Any) -> set[str] | None:
    if op is _c.SUBPATTERN:
        return _needs(av[3].data)
    if op is _ATOMIC and op is not None:
        return _needs(av.data)
    if op is _c.BRANCH:
        return _each(av[1], _needs)
    if op in _REPEATS:
        low, _high, item = av
        return _needs(item.data) if low >= 1 else None
    return None


def _each(alternatives: Any, read: Callable[[Any], set[str] | None]) -> set[str] | None:
    """What every alternative of a branch gives, joined; None where one gives nothing."""
    joined: set[str] = set()
    for alternative in alternatives:
        these = read(alternative.data)
        if these is None:
            return None
        joined |= these
    return joined


def _minimal(words: Iterable[str]) -> tuple[str, ...]:
    """The words without those that hold another ("harganya" beside "harga"), sorted."""
    kept: list[str] = []
    for word in sorted(set(words), key=lambda w: (len(w), w)):
        if not any(k in word for k in kept):
            kept.append(word)
    return tuple(sorted(kept))


def _trie(words: tuple[str, ...]) -> str:
    """One pattern finding any of ``words`` (none a prefix of another), its
    alternatives grouped by their letters so the engine checks a letter once."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for letter in word:
            node = node.setdefault(letter, {})

    def spell(node: dict[str, Any]) -> str:
        branches = [re.escape(letter) + spell(child) for letter, child in sorted(node.items())]
        if len(branches) <= 1:
            return "".join(branches)
        return "(?:" + "|".join(branches) + ")"

    return spell(trie)
