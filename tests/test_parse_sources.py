"""Exports are found in .txt files, .zip archives (read in place) and folders."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from cs_audit.errors import CsAuditError, IngestError
from cs_audit.ingest import ParsedExport, read_exports, sources
from tests.conftest import FIXTURES

CHAT = (FIXTURES / "layouts" / "android_indonesian.txt").read_bytes()
IOS_CHAT = (FIXTURES / "layouts" / "ios_indonesian_dmy.txt").read_bytes()


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _read(path: Path) -> list[ParsedExport | CsAuditError]:
    return list(read_exports([path]))


def _messages(path: Path) -> list[tuple[str, int]]:
    results = _read(path)
    assert all(isinstance(r, ParsedExport) for r in results), results
    return [(r.file, len(r)) for r in results if isinstance(r, ParsedExport)]


def test_ios_zip_reads_chat_txt(tmp_path: Path) -> None:
    """An iOS export zip: _chat.txt is read, the photos beside it are not."""
    path = _zip(
        tmp_path / "WhatsApp Chat - Budi.zip",
        {"_chat.txt": IOS_CHAT, "00000012-PHOTO-2026-11-19-08-05-00.jpg": b"\xff\xd8"},
    )
    assert _messages(path) == [(f"{path.as_posix()}/_chat.txt", 6)]


def test_android_zip_reads_the_txt_of_its_own_name(tmp_path: Path) -> None:
    """An Android export zip holds the chat under the zip's name, and maybe other .txt media."""
    path = _zip(
        tmp_path / "WhatsApp Chat with Budi.zip",
        {
            "WhatsApp Chat with Budi.txt": CHAT,
            "DOC-20261119-WA0001.txt": b"a text file the customer sent",
        },
    )
    assert _messages(path) == [(f"{path.as_posix()}/WhatsApp Chat with Budi.txt", 6)]


def test_zip_of_many_exports(tmp_path: Path) -> None:
    """A zipped week of Android exports: every chat-named .txt is read, in order."""
    path = _zip(
        tmp_path / "minggu-47.zip",
        {
            "Chat WhatsApp dengan Sari.txt": CHAT,
            "Chat WhatsApp dengan Budi.txt": CHAT,
        },
    )
    assert [f for f, _ in _messages(path)] == [
        f"{path.as_posix()}/Chat WhatsApp dengan Budi.txt",
        f"{path.as_posix()}/Chat WhatsApp dengan Sari.txt",
    ]


def test_zip_is_read_in_place(tmp_path: Path) -> None:
    """Nothing is extracted to disk."""
    path = _zip(tmp_path / "chat.zip", {"_chat.txt": IOS_CHAT})
    _read(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chat.zip"]


def test_zip_without_chat(tmp_path: Path) -> None:
    """A zip of photos only says it holds no chat."""
    path = _zip(tmp_path / "photos.zip", {"a.jpg": b"\xff\xd8"})
    [error] = _read(path)
    assert str(error) == (
        f"{path.as_posix()}: holds no .txt chat; unzip it and pass the chat's .txt"
    )


def test_zip_with_unnamed_texts(tmp_path: Path) -> None:
    """Several .txt files and none named like a chat: the user is asked to choose."""
    path = _zip(tmp_path / "misc.zip", {"a.txt": CHAT, "b.txt": CHAT})
    [error] = _read(path)
    assert str(error) == (
        f"{path.as_posix()}: holds 2 .txt files and none is named like a chat export; "
        "unzip it and pass the chat's .txt"
    )


def test_zip_bomb_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A chat that would unpack past the limit is refused from its declared size."""
    monkeypatch.setattr(sources, "MAX_TEXT_BYTES", 1024 * 1024)
    path = _zip(tmp_path / "bomb.zip", {"_chat.txt": CHAT + b"0" * (3 * 1024 * 1024)})
    [error] = _read(path)
    assert str(error) == (
        f"{path.as_posix()}/_chat.txt: would be 3 MiB of text, over the 1 MiB limit; "
        "no chat export is that large: check that this is one"
    )


def test_encrypted_zip(tmp_path: Path) -> None:
    """A password-protected zip says so."""
    path = _zip(tmp_path / "locked.zip", {"_chat.txt": IOS_CHAT})
    data = bytearray(path.read_bytes())
    central = data.find(b"PK\x01\x02")
    data[central + 8] |= 0x01  # the "encrypted" flag
    path.write_bytes(bytes(data))
    [error] = _read(path)
    assert str(error) == (
        f"{path.as_posix()}/_chat.txt: is in an encrypted zip; "
        "export the chat again, or unzip it and pass the chat's .txt"
    )


def test_folder_is_searched_recursively_in_order(tmp_path: Path) -> None:
    """Folders are walked in name order; hidden files and media are left out."""
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / ".hidden").mkdir(parents=True)
    (tmp_path / "b" / "Chat WhatsApp dengan Sari.txt").write_bytes(CHAT)
    (tmp_path / "a" / "Chat WhatsApp dengan Budi.TXT").write_bytes(CHAT)
    (tmp_path / "a" / ".hidden" / "x.txt").write_bytes(b"not read")
    (tmp_path / "a" / "IMG-20261119-WA0001.jpg").write_bytes(b"\xff\xd8")
    _zip(tmp_path / "c.zip", {"_chat.txt": IOS_CHAT})
    assert [f.removeprefix(tmp_path.as_posix()) for f, _ in _messages(tmp_path)] == [
        "/a/Chat WhatsApp dengan Budi.TXT",
        "/b/Chat WhatsApp dengan Sari.txt",
        "/c.zip/_chat.txt",
    ]


def test_files_and_folders_interleave_by_name(tmp_path: Path) -> None:
    """A folder's files and subfolders sort together by name; __MACOSX and linked
    folders are not entered."""
    for name in ("a/x.txt", "b.txt", "c/y.txt", "__MACOSX/z.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(CHAT)
    (tmp_path / "d").symlink_to(tmp_path / "a", target_is_directory=True)
    assert [f.removeprefix(tmp_path.as_posix()) for f, _ in _messages(tmp_path)] == [
        "/a/x.txt",
        "/b.txt",
        "/c/y.txt",
    ]


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    """A path that does not exist, and a folder without exports, are reported."""
    (tmp_path / "empty").mkdir()
    errors = list(read_exports([tmp_path / "nope.txt", tmp_path / "empty"]))
    assert [str(e) for e in errors] == [
        f"{tmp_path.as_posix()}/nope.txt: no such file or folder; check the path",
        f"{tmp_path.as_posix()}/empty: holds no .txt or .zip export; "
        "point cs-audit at the folder that holds the exported chats",
    ]


def test_zip_detected_by_content(tmp_path: Path) -> None:
    """An export zip saved without its extension is still opened as a zip."""
    path = _zip(tmp_path / "chat.download", {"_chat.txt": IOS_CHAT})
    assert _messages(path) == [(f"{path.as_posix()}/_chat.txt", 6)]


def test_a_chat_zip_that_lost_its_extension_is_found_in_a_folder(tmp_path: Path) -> None:
    """In a folder, "WhatsApp Chat - Toko.id (1)" holding a zip is an export; other
    files without a known extension are not."""
    path = _zip(tmp_path / "WhatsApp Chat - Reseller Toko.id (1)", {"_chat.txt": IOS_CHAT})
    (tmp_path / "WhatsApp Chat - notes").write_text("not a zip", encoding="utf-8")
    (tmp_path / "IMG-0001.jpg").write_bytes(b"\xff\xd8")
    assert _messages(tmp_path) == [(f"{path.as_posix()}/_chat.txt", 6)]


def _patched(path: Path, find: bytes, offset: int, value: bytes) -> Path:
    data = bytearray(path.read_bytes())
    at = data.find(find) + offset
    data[at : at + len(value)] = value
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        # "version needed to extract" 99: zipfile cannot read it
        (
            (b"PK\x01\x02", 6, b"\x63\x00"),
            "is a damaged zip (it uses a compression or version zipfile cannot read)",
        ),
        # the deflate stream overwritten with garbage
        (
            (b"_chat.txt", 9, b"\xff" * 12),
            "is a damaged zip (its compressed data is corrupt or cut short)",
        ),
    ],
)
def test_damaged_zips_are_reported(
    tmp_path: Path, damage: tuple[bytes, int, bytes], problem: str
) -> None:
    """A zip damaged in its directory or its data gets one error line, not a crash."""
    path = _patched(_zip(tmp_path / "chat.zip", {"_chat.txt": IOS_CHAT}), *damage)
    [error] = _read(path)
    assert isinstance(error, IngestError)
    assert str(error).endswith(
        f"{problem}; export the chat again, or unzip it and pass the chat's .txt"
    )


def test_damaged_lzma_member(tmp_path: Path) -> None:
    """Corrupt LZMA data is a damaged zip too."""
    path = tmp_path / "chat.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_LZMA) as archive:
        archive.writestr("_chat.txt", IOS_CHAT)
    _patched(path, b"_chat.txt", 9 + 20, b"\x00" * 16)
    [error] = _read(path)
    assert str(error) == (
        f"{path.as_posix()}/_chat.txt: is a damaged zip (its compressed data is corrupt or "
        "cut short); export the chat again, or unzip it and pass the chat's .txt"
    )


def test_a_member_named_twice_is_read_once(tmp_path: Path) -> None:
    """A zip holding _chat.txt twice yields one chat, not its messages twice."""
    path = tmp_path / "chat.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("_chat.txt", IOS_CHAT)
        with pytest.warns(UserWarning, match="Duplicate name"):
            archive.writestr("_chat.txt", IOS_CHAT)
    assert len(_messages(path)) == 1
