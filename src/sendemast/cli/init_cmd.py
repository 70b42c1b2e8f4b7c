"""``sendemast init``: scaffold a workspace."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sendemast.cli.app import app


@app.command("init")
def init_command(
    directory: Annotated[Path, typer.Argument(help="Folder to create the workspace in.")],
    example: Annotated[
        bool, typer.Option("--example", help="Fill it with the bundled example municipality and leader.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files of an existing workspace.")] = False,
    leader: Annotated[str | None, typer.Option(
        "--leader", help="An organisation layout: add leaders/ID/ (profile, posts, notes, evals); "
        "on an existing workspace, adds that leader.")] = None,
) -> None:
    """Create a workspace: sendemast.toml, profile.yaml and corpus folders (or a leader in leaders/ID/)."""
    from sendemast.cli.common import stdout_console
    from sendemast.errors import UsageError
    from sendemast.workspace import init_workspace

    if leader is not None and example:
        raise UsageError("give either --example or --leader, not both")
    root = init_workspace(directory, example=example, force=force, leader=leader)
    console = stdout_console()
    if leader is not None:
        console.print(f"Added leader [bold]{leader}[/bold] in [bold]{root}/leaders/{leader}[/bold].")
        console.print(
            f"Next: fill in leaders/{leader}/profile.yaml, put shared documents in values/, then "
            f"[cyan]sendemast import EXPORT.zip --leader {leader}[/cyan] and "
            f"[cyan]sendemast ingest --leader {leader}[/cyan]."
        )
        return
    what = "example workspace" if example else "workspace"
    console.print(f"Created {what} in [bold]{root}[/bold].")
    if example:
        console.print(
            f"Next: [cyan]sendemast -w {root} ingest[/cyan], then "
            f"[cyan]sendemast -w {root} draft {root}/notes/besoeg-plejecenter.md[/cyan]"
        )
    else:
        console.print(
            "Next: fill in profile.yaml, put documents in values/ and past posts in posts/, "
            "then run [cyan]sendemast ingest[/cyan]."
        )
