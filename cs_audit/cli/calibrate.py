"""`cs-audit calibrate`: agreement of the verdicts with a supervisor's labels."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cs_audit.cli.common import (
    AgentOption,
    ConfigOption,
    DateOrderOption,
    Paths,
    WorkersOption,
    app,
    guarded,
    load_audit_config,
    say,
)
from cs_audit.models import DateOrder
from cs_audit.parallel import default_workers

if TYPE_CHECKING:
    from cs_audit.prices import CatalogItem


class CalibrateFormat(StrEnum):
    """Output formats of ``cs-audit calibrate``."""

    TABLE = "table"
    JSON = "json"


@app.command()
def calibrate(
    paths: Paths,
    labels: Annotated[
        list[Path],
        typer.Option(
            "--labels",
            help="A CSV of a supervisor's verdicts per conversation (repeatable).",
            show_default=False,
        ),
    ],
    catalog_files: Annotated[
        list[Path] | None,
        typer.Option(
            "--catalog",
            help="A CSV or XLSX of products and prices, as for audit (repeatable).",
            show_default=False,
        ),
    ] = None,
    catalogs: Annotated[
        Path | None,
        typer.Option(
            "--catalogs",
            help="A folder of catalogs, one per shop: each PATH is then audited on its own, "
            "with the catalog named after its folder (FOLDER.csv or .xlsx).",
            show_default=False,
            exists=True,
            file_okay=False,
        ),
    ] = None,
    config_file: ConfigOption = None,
    agent: AgentOption = None,
    fmt: Annotated[
        CalibrateFormat,
        typer.Option("--format", "-f", help="table: for a person; json: stable, for scripts."),
    ] = CalibrateFormat.TABLE,
    date_order: DateOrderOption = DateOrder.AUTO,
    workers: WorkersOption = None,
) -> None:
    """Measure the audit against a supervisor's labels: agreement and Cohen's kappa per
    criterion, first-response and agent agreement, then every disagreement with the
    audit's reason and the line that decided it.
    """
    from cs_audit.calibrate import calibrate as run_calibrate  # noqa: PLC0415
    from cs_audit.calibrate import load_labels  # noqa: PLC0415
    from cs_audit.pipeline import AuditResult  # noqa: PLC0415
    from cs_audit.pipeline import audit as run_audit  # noqa: PLC0415
    from cs_audit.prices import load_catalog  # noqa: PLC0415
    from cs_audit.render.calibration import calibration_json, calibration_text  # noqa: PLC0415
    from cs_audit.render.terminal import printable  # noqa: PLC0415

    with guarded():
        labelled = [label for path in labels for label in load_labels(path)]
        catalog = tuple(item for path in catalog_files or () for item in load_catalog(path))
        config = load_audit_config(config_file, agent)
        # a labelled set of several shops: each audited as its supervisor would, alone and
        # with its own catalog, the agreement pooled
        runs = (
            [(paths, catalog)]
            if catalogs is None
            else [([path], _shop_catalog(catalogs, path) or catalog) for path in paths]
        )
        results = [
            run_audit(
                inputs,
                config,
                catalog=items,
                date_order=date_order,
                workers=workers or default_workers(),
            )
            for inputs, items in runs
        ]
        result = AuditResult(
            tuple(f for r in results for f in r.files),
            [c for r in results for c in r.conversations],
            (),
        )
        for report in result.files:
            if report.error is not None:
                say(str(report.error))
        outcome = run_calibrate(result, labelled)
        text = (
            calibration_json(outcome) if fmt is CalibrateFormat.JSON else calibration_text(outcome)
        )
        sys.stdout.write(printable(text))
        sys.stdout.flush()


def _shop_catalog(folder: Path, path: Path) -> tuple[CatalogItem, ...]:
    """The catalog in ``folder`` named after a shop's folder of chats, if there is one."""
    from cs_audit.prices import load_catalog  # noqa: PLC0415

    for suffix in (".csv", ".xlsx"):
        candidate = folder / f"{Path(path).resolve().name}{suffix}"
        if candidate.is_file():
            return load_catalog(candidate)
    return ()
