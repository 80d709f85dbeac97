"""What a message body is: speech, a placeholder, or a line WhatsApp wrote itself.

English and Indonesian strings from WhatsApp's exports (see FORMATS.md). iOS starts
its own strings with an LRM mark, so matching ignores bidi marks and outer spaces.
"""

from __future__ import annotations

import re

from cs_audit.models import MessageKind

_BIDI_CHARS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\ufeff"
_BIDI = re.compile(f"[{_BIDI_CHARS}]")

_EXACT: dict[str, MessageKind] = {}


def _add(kind: MessageKind, *texts: str) -> None:
    for text in texts:
        for variant in (text, text.rstrip(".") + ".", text.rstrip(".")):
            _EXACT[variant] = kind


_add(
    MessageKind.MEDIA,
    "<Media omitted>",
    "<Media tidak disertakan>",
    "<View once message omitted>",
    "image omitted",
    "video omitted",
    "audio omitted",
    "sticker omitted",
    "GIF omitted",
    "document omitted",
    "Contact card omitted",
    "gambar tidak disertakan",
    "video tidak disertakan",
    "audio tidak disertakan",
    "stiker tidak disertakan",
    "GIF tidak disertakan",
    "dokumen tidak disertakan",
    "Kartu kontak tidak disertakan",
)
_add(
    MessageKind.DELETED,
    "This message was deleted",
    "You deleted this message",
    "Pesan ini telah dihapus",
    "Pesan ini dihapus",
    "Anda telah menghapus pesan ini",
    "Anda menghapus pesan ini",
)
_add(MessageKind.UNAVAILABLE, "null")

# The exact placeholders as the bytes a body holds, with and without iOS's leading LRM:
# one dictionary probe classifies them.
_EXACT_BODIES: dict[bytes, str] = {
    prefix + text.encode(): kind.value
    for text, kind in _EXACT.items()
    for prefix in (b"", "\u200e".encode())
}

_B = rb"(?:\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xef\xbb\xbf)*"
# Kinds told by how a body starts; anchored, so a plain text fails at its first bytes.
_STARTS = re.compile(
    _B + rb"(?:"
    rb"(?P<call>Missed (?:group )?(?:voice|video) call|"
    rb"Panggilan (?:suara|video)(?: grup)? tak terjawab)"
    rb"|(?P<attachment><attached: |<terlampir: )"
    rb"|(?P<location>location: |Lokasi: |live location shared|Lokasi terkini dibagikan)"
    rb"|(?P<poll>(?:POLL|POLLING|POLING):(?:\n|$))"
    rb"|(?P<unavailable>Waiting for this message|Menunggu pesan ini)"
    rb"|(?P<system>Messages and calls are end-to-end encrypted"
    rb"|Pesan dan panggilan (?:kini )?(?:terenkripsi|dienkripsi)"
    rb"|This business (?:uses|is now using) a secure service"
    rb"|Bisnis ini (?:kini )?menggunakan layanan aman"
    rb"|This chat is with a business account|Chat ini dengan akun bisnis"
    rb"|Your security code with |Kode keamanan "
    rb"|You (?:un)?blocked this contact|Anda (?:memblokir|membuka blokir) kontak ini"
    rb"|Disappearing messages|Pesan sementara"
    rb"|This business account has now registered|Akun bisnis ini kini terdaftar"
    rb"|\xe2\x80\x8e[^\n]*(?:'s security code changed|\xe2\x80\x99s security code changed)"
    # Older iOS group exports credit group events to the group, LRM first.
    rb"|\xe2\x80\x8e[^\n]*(?: added | removed | left$| joined using | created group "
    rb"| changed the subject | changed this group's | menambahkan | mengeluarkan | keluar$"
    rb"| bergabung menggunakan | membuat grup | mengubah subjek ))"
    rb")"
)
# Kinds told by how the first line ends.
_ENDS = re.compile(
    rb"[^\n]*(?:(?P<attachment>\((?:file attached|file terlampir)\))"
    rb"|(?P<media>document omitted|dokumen tidak disertakan))\.?(?:\n|$)"
)
# First bytes of every body _STARTS can match; any other body skips the regex.
_STARTS_FIRST = frozenset(b"\xe2\xef<MPlLWTBCYKAD")


def classify(body: bytes) -> str:
    """The kind (a ``MessageKind`` value) of an authored body, UTF-8 bytes as written."""
    kind = _EXACT_BODIES.get(body)
    if kind is not None:
        return kind
    if body[:1] and body[0] in _STARTS_FIRST:
        found = _STARTS.match(body)
        if found is not None and found.lastgroup is not None:
            return found.lastgroup
    if b"(file " in body or b"omitted" in body or b"disertakan" in body:
        found = _ENDS.match(body)
        if found is not None and found.lastgroup is not None:
            return found.lastgroup
    return MessageKind.TEXT.value


# System lines without an author whose text has ": " in it (in a quoted group name, or
# in the name of the member added or removed), so that their first ": " must not be
# taken for the end of an author's name. Quotes may be straight or curly.
_AUTHORLESS_WITH_COLON = re.compile(
    r" (?:changed the subject|changed this group's|changed the group name"
    r"|created group [\"\u201c]|added |removed |mengubah subjek|mengubah nama grup"
    r"|membuat grup [\"\u201c]|telah membuat grup [\"\u201c]|menambahkan |mengeluarkan )"
)
# What follows a member's name in an event line, for names that hold ": ".
MEMBER_EVENT = re.compile(
    r"(?:left|keluar|joined using this group's invite link"
    r"|bergabung menggunakan tautan undangan grup ini|was removed|telah dikeluarkan)"
)


def is_system_event(candidate_author: str) -> bool:
    """Whether text before a line's first ``": "`` is the start of a group event."""
    return _AUTHORLESS_WITH_COLON.search(candidate_author) is not None


def strip_bidi(text: str) -> str:
    """``text`` without bidi control marks (used for author names)."""
    return _BIDI.sub("", text)


def fold(text: str) -> str:
    """Text as phrase lists and templates are matched against: bidi marks gone, case
    folded, spaces folded."""
    return " ".join(strip_bidi(text).casefold().split())


# A group's own events, in a system line: the chat is a group, and the name its export
# bears is the group's subject, not a customer's.
_GROUP_EVENT = re.compile(
    r' (?:created group|membuat grup) "| (?:changed the subject|mengubah subjek)'
    r"| joined using this group's invite link| bergabung menggunakan tautan undangan"
    r"| (?:added|menambahkan|removed|mengeluarkan) \S"
)


def group_event(text: str) -> bool:
    """Whether a system line is a group's event: created, renamed, joined, a member
    added or removed ("Outfit Kita.id membuat grup \"Reseller Outfit Kita.id\"")."""
    return _GROUP_EVENT.search(strip_bidi(text)) is not None
