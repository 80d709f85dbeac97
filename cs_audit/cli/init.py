"""`cs-audit init`: a config and the phrase lists to edit."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cs_audit.cli.common import (
    app,
    guarded,
    say,
)
from cs_audit.errors import ConfigError
from cs_audit.files import write_atomically

if TYPE_CHECKING:
    pass


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the config.", metavar="FILE")] = Path(
        "cs-audit.toml"
    ),
    force: Annotated[bool, typer.Option("--force", help="Replace existing files.")] = False,
) -> None:
    """Write a commented default config (TOML) to edit: roster, hours, SLA, rubric; and
    its phrase lists, one file per language, in a phrases/ folder beside it."""
    from cs_audit.default_config import (  # noqa: PLC0415
        PHRASES_DIR,
        default_config_text,
        default_phrase_files,
    )

    with guarded():
        folder = path.parent / PHRASES_DIR
        phrases = [(folder / name, text) for name, text in default_phrase_files()]
        targets = [path, *(target for target, _ in phrases)]
        existing = next((t for t in targets if t.exists()), None)
        if existing is not None and not force:
            raise ConfigError(
                existing.as_posix(),
                "already exists",
                "pass --force to replace it, or give another path",
            )
        folder.mkdir(parents=True, exist_ok=True)
        for target, text in phrases:
            write_atomically(target, text.encode("utf-8"))
        write_atomically(path, default_config_text().encode("utf-8"))
        say(
            f"wrote {path.as_posix()} and {len(phrases)} phrase files in "
            f"{folder.as_posix()}/; edit them and pass the config with --config"
        )
