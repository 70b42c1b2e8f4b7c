"""``sendemast ingest``: index the workspace's values documents and past posts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from sendemast.cli.app import app
from sendemast.cli.common import LeaderOpt


@app.command("ingest")
def ingest_command(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders (default: the whole corpus).")
    ] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="values or posts (default: both).")] = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Drop the index and build it anew.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print only a JSON summary.")] = False,
    leader_id: LeaderOpt = None,
) -> None:
    """Index values documents and past posts; unchanged files are skipped, removed files dropped."""
    from sendemast.cli.common import (
        leader_from,
        print_json,
        stderr_console,
        stdout_console,
        workspace_from,
    )
    from sendemast.corpus.ingest import ingest

    workspace = workspace_from(ctx)
    leader = leader_from(ctx, workspace, leader_id)
    show_progress = not as_json and sys.stderr.isatty()
    if show_progress:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=stderr_console(),
            transient=True,
        ) as bar:
            tasks: dict[str, object] = {}

            def progress(what: str, done: int, total: int) -> None:
                if what not in tasks:
                    tasks[what] = bar.add_task(what, total=total)
                bar.update(tasks[what], completed=done, total=total)  # type: ignore[arg-type]

            report = ingest(
                workspace, paths or None, kind=kind, rebuild=rebuild, progress=progress, leader=leader
            )
    else:
        report = ingest(workspace, paths or None, kind=kind, rebuild=rebuild, leader=leader)

    if as_json:
        print_json(report.to_dict())
    else:
        console = stdout_console()
        console.print(
            f"[bold]{report.added}[/bold] added, [bold]{report.updated}[/bold] updated, "
            f"[bold]{report.removed}[/bold] removed, [bold]{report.unchanged}[/bold] unchanged files; "
            + ", ".join(f"{n} {k} chunks" for k, n in report.documents.items())
            + " in the index."
        )
        for failure in report.failed:
            console.print(f"[red]failed[/red] {failure['path']}: {failure['error']}")
    if report.failed:
        raise typer.Exit(1)
