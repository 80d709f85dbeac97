"""Parsed messages as JSON Lines: one object per message, UTF-8, keys in a fixed order."""

from __future__ import annotations

from json.encoder import encode_basestring  # the C encoder where CPython has it

from cs_audit.ingest import ParsedExport

FIELDS = ("file", "line", "timestamp", "author", "text", "kind")


class _AuthorJson(dict[str | None, str]):
    def __missing__(self, author: str | None) -> str:
        value = self[author] = "null" if author is None else encode_basestring(author)
        return value


def render_jsonl(parsed: ParsedExport, start: int = 0, stop: int | None = None) -> str:
    """Messages ``start:stop`` of the file as JSON Lines."""
    enc = encode_basestring
    head = '{"file":' + enc(parsed.file) + ',"line":'
    authors = _AuthorJson()
    # Author and text are encoded by map (C) before the comprehension joins the fields.
    text = "".join(
        [
            f'{head}{line},"timestamp":"{day}T{time}","author":{author},'
            f'"text":{message},"kind":"{kind}"}}\n'
            for line, day, time, author, message, kind in zip(
                parsed.lines[start:stop],
                parsed.days[start:stop],
                parsed.clock[start:stop],
                map(authors.__getitem__, parsed.authors[start:stop]),
                map(enc, parsed.texts[start:stop]),
                parsed.kinds[start:stop],
                strict=True,
            )
        ]
    )
    # Valid JSON either way, but line-splitting readers (JavaScript, str.splitlines)
    # break a record at U+2028/U+2029, which real message bodies contain.
    if "\u2028" in text or "\u2029" in text:
        text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return text
