"""``sendemast import PATH``: bring a leader's posts in from an export or archive anywhere on disk."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sendemast.cli.app import app
from sendemast.cli.common import LeaderOpt


@app.command("import")
def import_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(
        help="A LinkedIn export ZIP or Shares.csv, an X archive ZIP or tweets.js, a Mastodon archive ZIP, "
        "a Bluesky repo .car, or a .jsonl file.", show_default=False)],
    leader_id: LeaderOpt = None,
    include_replies: Annotated[bool, typer.Option(
        "--include-replies", help="Also import replies to others, reposts and retweets.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print only a JSON summary.")] = False,
) -> None:
    """Copy posts from an export into the leader's posts/ folder and ingest them; re-imports add nothing."""
    from sendemast.cli.common import leader_from, print_json, stdout_console, workspace_from
    from sendemast.corpus.importers import import_posts

    workspace = workspace_from(ctx)
    leader = leader_from(ctx, workspace, leader_id)
    report = import_posts(workspace, path.expanduser(), leader=leader, include_replies=include_replies)
    ingest = report.ingest
    if as_json:
        print_json(report.to_dict())
    else:
        console = stdout_console()
        where = ", ".join(report.files) or "nothing new to copy"
        console.print(
            f"[bold]{report.imported}[/bold] posts imported for {leader.id} ({where}); "
            f"{report.skipped} skipped (replies, reposts, no text of their own), "
            f"{report.duplicates} already there.",
            highlight=False,
        )
        if ingest is not None:
            console.print(f"Ingested: {ingest.added} added, {ingest.updated} updated, "
                          f"{ingest.unchanged} unchanged files.", highlight=False)
            for failure in ingest.failed:
                console.print(f"[red]failed[/red] {failure['path']}: {failure['error']}", highlight=False)
    if ingest is not None and ingest.failed:
        raise typer.Exit(1)
