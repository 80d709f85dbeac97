"""Frozen value types shared by every layer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class MessageKind(StrEnum):
    """What a message is; everything but TEXT is nobody's speech or not words."""

    TEXT = "text"
    MEDIA = "media"  # a photo, video, voice note ... left out of the export
    ATTACHMENT = "attachment"  # a file exported beside the chat and named in it
    DELETED = "deleted"
    SYSTEM = "system"  # encryption and business notices, group events
    CALL = "call"  # missed voice or video call
    LOCATION = "location"
    POLL = "poll"
    UNAVAILABLE = "unavailable"  # "Waiting for this message", old Android "null"


class DateOrder(StrEnum):
    """The order of day, month and year in a file's header dates."""

    AUTO = "auto"
    DMY = "dmy"
    MDY = "mdy"
    YMD = "ymd"


@dataclass(frozen=True, slots=True)
class Message:
    """One message of an export: where it stands, when, who, what."""

    file: str
    line: int
    timestamp: datetime
    author: str | None
    text: str
    kind: MessageKind


@dataclass(frozen=True, slots=True)
class Notice:
    """Something a user should know about a file that was still read."""

    file: str
    line: int | None
    message: str
    hint: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}; {self.hint}"


@dataclass(frozen=True, slots=True)
class SkippedLines:
    """Lines that belong to no message (before the first header)."""

    file: str
    first_line: int
    last_line: int
