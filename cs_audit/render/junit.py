"""JUnit XML for CI (one test case per transcript) and GitHub Actions annotations."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from cs_audit.checks import TranscriptCheck

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml(text: str) -> str:
    """Text XML can hold: control characters and non-characters become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def junit_xml(checks: Sequence[TranscriptCheck]) -> bytes:
    """A JUnit report CI systems display: a test case per transcript."""
    errors = sum(c.error is not None for c in checks)
    failures = sum(not c.passed for c in checks) - errors
    suite = ET.Element(
        "testsuite",
        name="cs-audit check",
        tests=str(len(checks)),
        failures=str(failures),
        errors=str(errors),
        skipped="0",
    )
    for item in checks:
        case = ET.SubElement(
            suite, "testcase", classname="cs-audit.transcripts", name=_xml(item.file)
        )
        if item.passed:
            continue
        reasons = [item.error] if item.error else [m.reason for m in item.misses]
        failure = ET.SubElement(
            case, "error" if item.error else "failure", message=_xml(reasons[0])
        )
        failure.text = _xml(
            "\n".join(
                reasons
                if item.error
                else [
                    f"{m.reason}\n  {m.evidence.file}:{m.evidence.line}: {m.evidence.text}"
                    if m.evidence
                    else m.reason
                    for m in item.misses
                ]
            )
        )
    ET.indent(suite)
    document: bytes = ET.tostring(suite, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def _escape(text: str, *, property_: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_ else text


def _on_disk(name: str) -> str:
    """The file in the repository: a zip member points at its zip."""
    cut = name.find(".zip/")
    return name if cut < 0 else name[: cut + 4]


def github_annotations(checks: Sequence[TranscriptCheck]) -> str:
    """``::error`` lines that GitHub Actions shows on the file and line."""
    lines = []
    for item in checks:
        if item.error:  # "x.zip/_chat.txt:12: ..." points at x.zip, line 12
            path, _, line = item.error.partition(": ")[0].rpartition(":")
            located = f",line={line}" if line.isdigit() and path else ""
            file = _on_disk(path if located else item.file)
            lines.append(
                f"::error file={_escape(file, property_=True)}{located},"
                f"title=cs-audit check::{_escape(item.error)}"
            )
        for miss in item.misses:
            where = miss.evidence
            file = _on_disk(where.file if where else item.file)
            line = f",line={where.line}" if where else ""
            lines.append(
                f"::error file={_escape(file, property_=True)}{line},"
                f"title=cs-audit check::{_escape(miss.reason)}"
            )
    return "".join(f"{line}\n" for line in lines)
