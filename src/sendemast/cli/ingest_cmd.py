"""``sendemast ingest``: index the workspace's values documents and every leader's past posts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sendemast.cli.app import app
from sendemast.cli.common import LeaderOpt

if TYPE_CHECKING:
    from rich.console import Console

    from sendemast.corpus.ingest import IngestReport, Progress


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
    """Index the values documents and every leader's past posts (--leader: the values and hers only);
    unchanged files are skipped, removed files dropped."""
    from sendemast.cli.common import leader_id_from, print_json, stderr_console, workspace_from
    from sendemast.corpus.ingest import ingest, ingest_organisation

    workspace = workspace_from(ctx)
    chosen = leader_id_from(ctx, leader_id)
    whole = chosen is None and not paths  # the organisation is the unit: every leader's posts
    leader = None if whole else workspace.leader(chosen)  # an unknown leader stops before any work

    def run(progress: Progress | None) -> tuple[dict[str, IngestReport], IngestReport | None]:
        if whole:
            done = ingest_organisation(workspace, kind=kind, rebuild=rebuild, progress=progress)
            return done.leaders, done.values if kind != "posts" else None
        assert leader is not None
        one = ingest(workspace, paths or None, kind=kind, rebuild=rebuild, progress=progress, leader=leader)
        return {leader.id: one}, None

    if not as_json and sys.stderr.isatty():
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

            leaders, values = run(progress)
    else:
        leaders, values = run(None)

    reports = ([values] if values is not None else []) + list(leaders.values())
    failed = [f for r in reports for f in r.failed]
    if as_json:
        if whole:
            from sendemast.corpus.ingest import IngestReport, OrganisationReport

            print_json(OrganisationReport(values or IngestReport(), leaders).to_dict())
        else:
            print_json(next(iter(leaders.values())).to_dict())
    else:
        _print_human(values, leaders, whole)
    if failed:
        raise typer.Exit(1)


def _print_human(values: IngestReport | None, leaders: dict[str, IngestReport], whole: bool) -> None:
    from sendemast.cli.common import stdout_console

    console = stdout_console()
    if not whole:  # one leader (or the paths given): the one line it has always been
        (report,) = leaders.values()
        console.print(_counts(report) + "; " + _chunks(report) + " in the index.")
        _failures(console, report)
        return
    if values is not None:
        console.print(f"[bold]values[/bold] (shared): {_counts(values)}; {_chunks(values)} in the index.")
        _failures(console, values)
    for who, report in leaders.items():
        console.print(f"[bold]{who}[/bold]: {_counts(report)}; {_chunks(report)} in the index.")
        _failures(console, report)


def _counts(report: IngestReport) -> str:
    return (
        f"[bold]{report.added}[/bold] added, [bold]{report.updated}[/bold] updated, "
        f"[bold]{report.removed}[/bold] removed, [bold]{report.unchanged}[/bold] unchanged files"
    )


def _chunks(report: IngestReport) -> str:
    return ", ".join(f"{n} {k} chunks" for k, n in report.documents.items()) or "no chunks"


def _failures(console: Console, report: IngestReport) -> None:
    for failure in report.failed:
        console.print(f"[red]failed[/red] {failure['path']}: {failure['error']}")
