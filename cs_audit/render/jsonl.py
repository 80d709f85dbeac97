"""Parsed messages as JSON Lines: one object per message, UTF-8, keys in a fixed order."""

from __future__ import annotations

from collections.abc import Iterator
from json.encoder import encode_basestring  # the C encoder where CPython has it

from cs_audit.ingest import ParsedExport

FIELDS = ("file", "line", "timestamp", "author", "text", "kind")
_BLOCK = 8192


class _AuthorJson(dict[str | None, str]):
    def __missing__(self, author: str | None) -> str:
        value = self[author] = "null" if author is None else encode_basestring(author)
        return value


def iter_jsonl(parsed: ParsedExport) -> Iterator[str]:
    """The file's messages as JSON Lines, in blocks of text to write one after another."""
    enc = encode_basestring
    head = '{"file":' + enc(parsed.file) + ',"line":'
    authors = _AuthorJson()
    columns = (parsed.lines, parsed.days, parsed.clock, parsed.authors, parsed.texts, parsed.kinds)
    for start in range(0, len(parsed), _BLOCK):
        stop = start + _BLOCK
        block = "".join(
            [
                f'{head}{line},"timestamp":"{day}T{time}","author":{authors[author]},'
                f'"text":{enc(text)},"kind":"{kind}"}}\n'
                for line, day, time, author, text, kind in zip(
                    *(column[start:stop] for column in columns), strict=True
                )
            ]
        )
        # Valid JSON either way, but line-splitting readers (JavaScript, str.splitlines)
        # break a record at U+2028/U+2029, which real message bodies contain.
        if "\u2028" in block or "\u2029" in block:
            block = block.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
        yield block
