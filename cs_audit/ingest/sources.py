"""Where exports come from: ``.txt`` files, ``.zip`` archives (read in place), folders."""

from __future__ import annotations

import lzma
import os
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from cs_audit.errors import CsAuditError, IngestError, InternalError

# No real chat export comes near this; a zip that claims more is a bomb or not a chat.
MAX_TEXT_BYTES = 512 * 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
_CHAT_PREFIXES = ("whatsapp chat", "chat whatsapp")
_ZIP_HINT = "export the chat again, or unzip it and pass the chat's .txt"


@dataclass(frozen=True, slots=True)
class Source:
    """One chat text: a ``.txt`` file, or a ``.txt`` member of a zip."""

    name: str  # shown in records and messages: "dir/chat.txt", "dir/chat.zip/_chat.txt"
    path: Path
    member: str | None = None

    def read(self) -> bytes:
        """The chat text's bytes; ``IngestError`` when they cannot be had."""
        if self.member is None:
            return _read_file(self.path, self.name)
        return _read_member(self.path, self.member, self.name)


def shown(path: Path) -> str:
    """A path as text: bytes a file system name holds that are not UTF-8 become U+FFFD,
    so that no output trips over them."""
    return os.fsencode(path.as_posix()).decode("utf-8", "replace")


def _size(n: int) -> str:
    return f"{n / 2**30:.1f} GiB" if n >= 2**30 else f"{n / 2**20:.0f} MiB"


def _too_large(name: str, size: int) -> IngestError:
    return IngestError(
        name,
        f"would be {_size(size)} of text, over the {_size(MAX_TEXT_BYTES)} limit",
        "no chat export is that large: check that this is one",
    )


def _os_error(name: str, error: OSError) -> IngestError:
    reason = (error.strerror or type(error).__name__).lower()
    return IngestError(name, f"cannot be read ({reason})", "check that it exists and is readable")


def _read_file(path: Path, name: str) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_TEXT_BYTES + 1)
    except OSError as error:
        raise _os_error(name, error) from None
    if len(data) > MAX_TEXT_BYTES:
        raise _too_large(name, path.stat().st_size)
    return data


# What a damaged or unusual archive raises while it is opened or read: bad headers,
# bad names, unknown compression, corrupt deflate/bzip2/lzma data, a cut-short file.
_DAMAGED = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    NotImplementedError,
    UnicodeDecodeError,
    ValueError,
    KeyError,
    OSError,
)


def _damaged(name: str, error: Exception) -> IngestError:
    if isinstance(error, NotImplementedError):
        reason = "it uses a compression or version zipfile cannot read"
    elif isinstance(error, UnicodeDecodeError):
        reason = "a file name in it is not valid UTF-8"
    elif isinstance(error, zipfile.BadZipFile | KeyError | ValueError):
        reason = "its directory or a checksum is wrong"
    else:  # zlib.error, lzma.LZMAError, EOFError, OSError from bz2
        reason = "its compressed data is corrupt or cut short"
    return IngestError(name, f"is a damaged zip ({reason})", _ZIP_HINT)


def _open_zip(path: Path) -> zipfile.ZipFile:
    name = shown(path)
    try:
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise IngestError(name, "is not a readable zip (damaged or cut short)", _ZIP_HINT) from None
    except OSError as error:  # the file itself: missing, unreadable
        raise _os_error(name, error) from None
    except _DAMAGED as error:
        raise _damaged(name, error) from None


def _read_member(path: Path, member: str, name: str) -> bytes:
    with _open_zip(path) as archive:
        try:
            info = archive.getinfo(member)
            if info.file_size > MAX_TEXT_BYTES:
                raise _too_large(name, info.file_size)
            with archive.open(info) as handle:
                data = handle.read(MAX_TEXT_BYTES + 1)  # the header's size may lie
        except RuntimeError:  # zipfile's "password required"
            raise IngestError(name, "is in an encrypted zip", _ZIP_HINT) from None
        except _DAMAGED as error:
            raise _damaged(name, error) from None
    if len(data) > MAX_TEXT_BYTES:
        raise _too_large(name, len(data))
    return data


def _chat_members(archive: zipfile.ZipFile, zip_path: Path) -> list[str]:
    """The chat texts of an export zip (iOS ``_chat.txt``; Android: the zip's own name)."""
    texts = [
        info.filename
        for info in archive.infolist()
        if not info.is_dir()
        and info.filename.lower().endswith(".txt")
        and not info.filename.startswith("__MACOSX/")
    ]
    stems = {text: PurePosixPath(text).stem.lower() for text in texts}
    for chosen in (
        [t for t in texts if stems[t] == "_chat"],
        [t for t in texts if stems[t] == zip_path.stem.lower()],
        [t for t in texts if stems[t].startswith(_CHAT_PREFIXES)],
    ):
        if chosen:
            return sorted(set(chosen))  # a zip may hold one name twice
    if len(texts) == 1:
        return texts
    problem = (
        "holds no .txt chat"
        if not texts
        else f"holds {len(texts)} .txt files and none is named like a chat export"
    )
    raise IngestError(shown(zip_path), problem, "unzip it and pass the chat's .txt")


def _zip_sources(path: Path) -> list[Source]:
    with _open_zip(path) as archive:
        try:
            members = _chat_members(archive, path)
        except _DAMAGED as error:
            raise _damaged(shown(path), error) from None
    return [Source(f"{shown(path)}/{member}", path, member) for member in members]


def _is_zip(path: Path) -> bool:
    if path.suffix.lower() == ".zip":
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(4) == _ZIP_MAGIC
    except OSError:
        return False  # reading it later reports the problem


def _walk(folder: str) -> Iterator[str]:
    """Export files under ``folder`` in path order (as their relative paths' parts
    sort), hidden files and folders left out; one folder's listing at a time, so a
    month of exports is never a list. Linked folders are not entered, as os.walk."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted((entry.name, entry.is_dir(), entry.is_symlink()) for entry in listing)
    except OSError:
        return
    for name, is_dir, is_link in entries:
        if name.startswith("."):
            continue
        path = os.path.join(folder, name)
        if is_dir:
            if not is_link and name != "__MACOSX":
                yield from _walk(path)
        elif name.lower().endswith((".txt", ".zip")) or (
            name.lower().startswith(_CHAT_PREFIXES) and _is_zip(Path(path))
        ):  # a browser's download of "WhatsApp Chat - X (1)" may lose its ".zip"
            yield path


def find_sources(
    paths: Iterable[str | os.PathLike[str]],
) -> Iterator[Source | CsAuditError]:
    """Every chat text under ``paths``, in a stable order, or the error that stopped one."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = 0
            for file in _walk(os.fspath(path)):
                files += 1
                yield from _sources_of(Path(file))
            if not files:
                yield IngestError(
                    shown(path),
                    "holds no .txt or .zip export",
                    "point cs-audit at the folder that holds the exported chats",
                )
        elif path.exists():
            yield from _sources_of(path)
        else:
            yield IngestError(shown(path), "no such file or folder", "check the path")


def _sources_of(path: Path) -> Iterator[Source | CsAuditError]:
    if _is_zip(path):
        try:
            yield from _zip_sources(path)
        except IngestError as error:
            yield error
        except Exception as error:  # a bug listing one zip costs that zip
            yield InternalError.of(shown(path), error)
    else:
        yield Source(shown(path), path)
