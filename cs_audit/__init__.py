"""cs-audit: audit customer-service WhatsApp chats."""

from __future__ import annotations

__version__ = "0.1.0"

from cs_audit.errors import CsAuditError, ExitCode, IngestError
from cs_audit.ingest import ExportWarning, ParsedExport, read_export, read_exports
from cs_audit.models import DateOrder, Message, MessageKind, Notice

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
    "read_export",
    "read_exports",
]
