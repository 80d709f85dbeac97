"""Writing output files so that a failed run never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from cs_audit.errors import CsAuditError, ExitCode


class OutputError(CsAuditError):
    """An output file could not be written."""

    exit_code = ExitCode.OUTPUT


@contextmanager
def temporary_space() -> Iterator[None]:
    """Temporary files that fail (a full disk): said as such, naming their folder,
    not taken for a bug or for the output's folder."""
    try:
        yield
    except OSError as error:
        raise OutputError(
            tempfile.gettempdir(),
            f"cannot hold cs-audit's temporary files ({(error.strerror or '').lower()})",
            "free space there, or point TMPDIR at a folder with room",
        ) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(path: Path, data: bytes | Callable[[BinaryIO], None]) -> None:
    """Write ``data`` (or what a function writes to the file it is given) to a
    temporary file beside ``path``, and rename it into place."""
    folder = path.parent if path.parent != Path() else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        try:
            os.chmod(temporary, 0o666 & ~_umask())  # as open() would create it, not 0600
            with os.fdopen(handle, "wb") as out:
                if isinstance(data, bytes):
                    out.write(data)
                else:
                    data(out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError as error:
        raise OutputError(
            path.as_posix(),
            f"cannot be written ({(error.strerror or '').lower()})",
            "check the folder exists and is writable",
        ) from None
