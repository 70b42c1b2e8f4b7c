"""``sendemast leaders``: the leaders of the workspace, with their posts and channels."""

from __future__ import annotations

from typing import Annotated

import typer

from sendemast.cli.app import app


@app.command("leaders")
def leaders_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the workspace's leaders: id, name, title, past posts and channels."""
    from rich.markup import escape

    from sendemast.cli.common import print_json, stdout_console, workspace_from
    from sendemast.corpus.past_posts import list_leaders

    workspace = workspace_from(ctx)
    leaders = list_leaders(workspace)
    if as_json:
        print_json({"leaders": [info.to_dict() for info in leaders]})
        return
    console = stdout_console()
    if not leaders:
        console.print("No leaders yet: add a profile.yaml, or run 'sendemast init DIR --leader ID'.")
        return
    default = workspace.settings.workspace.default_leader or (leaders[0].id if len(leaders) == 1 else "")
    for info in leaders:
        mark = " [green](default)[/green]" if info.id == default else ""
        console.print(
            f"[bold]{escape(info.id)}[/bold]{mark}  {escape(info.name)}, {escape(info.title)}  "
            f"[dim]{info.posts} posts · {', '.join(info.channels)}[/dim]",
            highlight=False,
        )
