"""cs-audit: audit customer-service WhatsApp chats."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from cs_audit.errors import CsAuditError, ExitCode, IngestError
from cs_audit.ingest import ExportWarning, ParsedExport, read_export, read_exports
from cs_audit.models import DateOrder, Message, MessageKind, Notice

if TYPE_CHECKING:
    from cs_audit.config import AuditConfig
    from cs_audit.frames import AuditFrames


def audit(
    paths: Iterable[str | os.PathLike[str]], config: AuditConfig | None = None, **options: Any
) -> AuditFrames:
    """Audit every export under ``paths``: DataFrames of agents, conversations, findings
    and turns (and ``.result``, the full AuditResult). Options as in
    ``cs_audit.pipeline.audit``: catalog, date_order, workers."""
    from cs_audit.frames import frames  # noqa: PLC0415  (pandas: only when asked)
    from cs_audit.pipeline import audit as run  # noqa: PLC0415

    return frames(run(paths, config, **options))


__all__ = [
    "CsAuditError",
    "DateOrder",
    "ExitCode",
    "ExportWarning",
    "IngestError",
    "Message",
    "MessageKind",
    "Notice",
    "ParsedExport",
    "__version__",
    "audit",
    "read_export",
    "read_exports",
]
