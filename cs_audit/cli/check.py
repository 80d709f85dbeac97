"""`cs-audit check`: a bar trainees' practice transcripts must pass, for CI."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cs_audit.cli.common import (
    AgentOption,
    ConfigOption,
    Paths,
    QuietOption,
    VerboseOption,
    Warnings,
    app,
    guarded,
    load_audit_config,
    say,
)
from cs_audit.errors import ConfigError, ExitCode
from cs_audit.files import write_atomically
from cs_audit.parallel import default_workers

if TYPE_CHECKING:
    pass


@app.command()
def check(
    paths: Paths,
    min_score: Annotated[
        float,
        typer.Option("--min-score", help="The score each conversation must reach (0-100)."),
    ] = 80.0,
    require: Annotated[
        list[str] | None,
        typer.Option(
            "--require", help="A criterion that must pass (repeatable).", show_default=False
        ),
    ] = None,
    junit: Annotated[
        Path | None,
        typer.Option(
            "--junit", help="Also write JUnit XML (a test case per transcript).", show_default=False
        ),
    ] = None,
    config_file: ConfigOption = None,
    agent: AgentOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Check training transcripts against a bar, for CI: exit 1 if any misses it.

    Each failing transcript is printed with its failing criteria and the quoted line.
    """
    from cs_audit.checks import check as run_check  # noqa: PLC0415
    from cs_audit.pipeline import audit as run_audit  # noqa: PLC0415
    from cs_audit.render.junit import github_annotations, junit_xml  # noqa: PLC0415
    from cs_audit.rubric import CRITERIA  # noqa: PLC0415

    with guarded():
        required = tuple(require or ())
        for key in required:
            if key not in CRITERIA:
                raise ConfigError(
                    f"--require {key}", "is not a criterion", f"use one of: {', '.join(CRITERIA)}"
                )
        if not 0 <= min_score <= 100:
            raise ConfigError(
                f"--min-score {min_score:g}", "is not a score", "give a number from 0 to 100"
            )
        config = load_audit_config(config_file, agent)
        result = run_audit(paths, config, workers=default_workers())
        checks = run_check(result, min_score=min_score, required=required)
        warnings = Warnings(str, verbose=verbose, quiet=quiet)
        for report in result.files:  # unreadable inputs: stderr, as in every command
            if report.error is not None:
                say(str(report.error))
            warnings.add(report.notices, report.unlisted)
        warnings.tell()
        out = []
        for item in checks:
            if item.passed or item.error:
                continue
            out.append(f"FAIL {item.file}")
            for miss in item.misses:
                out.append(f"  {miss.reason}")
                if miss.evidence is not None:
                    quoted = " ".join(miss.evidence.text.split())[:160]
                    out.append(f"    {miss.evidence.file}:{miss.evidence.line}: {quoted}")
        passed = sum(c.passed for c in checks)
        out.append(
            f"{passed} of {len(checks)} transcript(s) pass (score >= {min_score:g}"
            + (f", requiring {', '.join(required)}" if required else "")
            + ")"
        )
        from cs_audit.render.terminal import printable  # noqa: PLC0415

        sys.stdout.write(printable("\n".join(out)) + "\n")
        if os.environ.get("GITHUB_ACTIONS") == "true":
            sys.stdout.write(github_annotations(checks))
        sys.stdout.flush()
        if junit is not None:
            write_atomically(junit, junit_xml(checks))
        if result.failed:  # CI can tell a broken export (3) or a bug (70) from a weak one
            raise typer.Exit(result.exit_code)
        if passed < len(checks):
            raise typer.Exit(ExitCode.CHECK_FAILED)
