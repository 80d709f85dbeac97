"""Blocks of an export: the unit of work that runs in-process or in a forked worker.

A file is cut at headers into blocks of about a megabyte. Each block is split by one
regex (C) into header date, header time, author, hint and body, and its columns are
built with ``map``/``accumulate`` over C functions: no Python statement per message
but for the few bodies the hint marks as possibly special and lines without an author.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field
from itertools import accumulate, compress, repeat
from operator import add, is_
from typing import cast

from cs_audit.ingest.kinds import classify
from cs_audit.models import MessageKind

BLOCK_BYTES = 1 << 20
_TEXT = MessageKind.TEXT.value


@dataclass(frozen=True, slots=True)
class Block:
    """One block's messages, before the file's date order is known."""

    preamble: int  # lines before the block's first header (first block only)
    heads: list[bytes]  # date part of each header
    rests: list[bytes]  # time part
    raw_authors: list[bytes | None]
    texts: list[str]
    kinds: list[str]
    steps: array[int]  # lines each message spans: 1 + its body's newlines


class BadBytes(Exception):  # never shown: it becomes an IngestError with the line
    """A block holds bytes that are not UTF-8: how many lines into the block, which byte."""

    def __init__(self, lines_in: int, byte: int) -> None:
        super().__init__(lines_in, byte)
        self.lines_in, self.byte = lines_in, byte


@dataclass(frozen=True, slots=True)
class Job:
    """What every block of one file needs; forked workers inherit it."""

    data: bytes
    pattern: re.Pattern[bytes]
    suffixes: tuple[bytes, ...]  # markers of kinds told by a first line's end, in the file


def split_block(job: Job, span: tuple[int, int]) -> Block:
    """Split one block of the file (it starts at a header, or at the file's start)."""
    start, end = span
    # A leading "\n" lets the first header be found as "\n" + header, the form the regex
    # engine scans for at C speed.
    block = b"\n" + job.data[:end] if start == 0 else job.data[start:end]
    parts = job.pattern.split(block)
    # The split's shape: text before the first header, then date part, time part,
    # author, hint, body, again and again.
    heads = cast("list[bytes]", parts[1::5])
    rests = cast("list[bytes]", parts[2::5])
    raw_authors, hints = parts[3::5], parts[4::5]
    bodies = cast("list[bytes]", parts[5::5])
    everyone = range(len(bodies))
    # No author found by the split: a line WhatsApp wrote, or a name with a colon.
    for i in compress(everyone, map(is_, raw_authors, repeat(None))):
        name, colon, body = bodies[i].partition(b": ")
        if colon and b"\n" not in name:
            raw_authors[i], bodies[i], hints[i] = name, body, b"?"
    for marker in job.suffixes:  # "IMG-...jpg (file attached)", "Report.pdf ... omitted"
        for i in compress(everyone, map(bytes.count, bodies, repeat(marker))):
            hints[i] = b"?"
    preamble = cast("bytes", parts[0]).count(b"\n")
    steps = array("q", map(add, map(bytes.count, bodies, repeat(b"\n")), repeat(1)))
    try:
        texts = list(map(bytes.decode, bodies))
    except UnicodeDecodeError:
        raise _bad_bytes(bodies, steps, preamble) from None
    kinds = [_TEXT] * len(bodies)
    for i in compress(everyone, hints):
        kinds[i] = classify(bodies[i])
    # One object per distinct value in the block: a million headers share a few
    # thousand, and a worker's block pickles them as references.
    keep: dict[bytes | None, bytes | None] = {}
    heads = cast("list[bytes]", list(map(keep.setdefault, heads, heads)))
    rests = cast("list[bytes]", list(map(keep.setdefault, rests, rests)))
    raw_authors = list(map(keep.setdefault, raw_authors, raw_authors))
    return Block(
        preamble=preamble,
        heads=heads,
        rests=rests,
        raw_authors=raw_authors,
        texts=texts,
        kinds=kinds,
        steps=steps,
    )


def _bad_bytes(bodies: list[bytes], steps: array[int], lines_in: int) -> BadBytes:
    for body, step in zip(bodies, steps, strict=True):
        try:
            body.decode("utf-8")
        except UnicodeDecodeError as error:
            return BadBytes(lines_in + body.count(b"\n", 0, error.start), body[error.start])
        lines_in += step
    return BadBytes(lines_in, 0)


@dataclass(slots=True)
class Columns:
    """What the blocks of one file add up to."""

    heads: list[bytes] = field(default_factory=list)
    rests: list[bytes] = field(default_factory=list)
    raw_authors: list[bytes | None] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    lines: array[int] = field(default_factory=lambda: array("q"))

    def add(self, block: Block, line: int) -> int:
        """Append a block whose first message starts at ``line``; return the next line."""
        self.heads += block.heads
        self.rests += block.rests
        self.raw_authors += block.raw_authors
        self.texts += block.texts
        self.kinds += block.kinds
        starts: list[int] = list(accumulate(block.steps, initial=line))
        after = starts.pop()
        self.lines.extend(starts)
        return after


def spans(data: bytes, pattern: re.Pattern[bytes]) -> list[tuple[int, int]]:
    """Cut the file into blocks of about a megabyte, each starting at a header."""
    spans = []
    start, size = 0, len(data)
    while start < size:
        newline = data.find(b"\n", start + BLOCK_BYTES)
        found = pattern.search(data, newline) if newline >= 0 else None
        end = found.start() if found else size
        spans.append((start, end))
        start = end
    return spans
