"""The typer application object and the options every command shares.

Kept apart from the command modules so that each command lives in its own small file and registers
itself here. Nothing heavy is imported at module level: ``sendemast --help`` must stay fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    name="sendemast",
    help="Write for social media in your own voice — drafts, rewrites and checks for public-sector leaders.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _global_options(
    ctx: typer.Context,
    workspace: Annotated[
        Path | None,
        typer.Option(
            "--workspace",
            "-w",
            help="Workspace folder (default: $SENDEMAST_WORKSPACE, else the current folder or a parent).",
            file_okay=False,
        ),
    ] = None,
    leader: Annotated[
        str | None,
        typer.Option(
            "--leader",
            "-l",
            help="Leader id (default: [workspace] default_leader, else the only leader); "
            "see 'sendemast leaders'.",
        ),
    ] = None,
) -> None:
    ctx.obj = {"workspace": workspace, "leader": leader}
