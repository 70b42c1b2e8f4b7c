"""``sendemast studio``: the studio in the browser, served on this machine (127.0.0.1 by default)."""

from __future__ import annotations

from typing import Annotated

import typer

from sendemast.cli.app import app


@app.command("studio")
def studio_command(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to serve on; 0.0.0.0 opens it to the network.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", min=1, max=65535, help="Port to serve on.")] = 8000,
    open_browser: Annotated[bool, typer.Option("--open", help="Open the studio in the default browser.")]
    = False,
    model: Annotated[str | None, typer.Option("--model", "-m", help="provider/name of the drafting model.")]
    = None,
    team: Annotated[bool | None, typer.Option("--team/--no-team",
                                              help="Require login: accounts, the board, the approval path.")]
    = None,
) -> None:
    """Compose, rewrite, check, search and look back, in the browser. Nothing is published from it."""
    import socket

    from sendemast.cli.common import stderr_console, workspace_from
    from sendemast.errors import UsageError

    workspace = workspace_from(ctx)
    team = workspace.settings.studio.team if team is None else team
    db = None
    if team:  # a database that cannot be opened is one line now, before the port is taken
        from sendemast.team.accounts import list_users
        from sendemast.team.db import open_workspace_database

        db = open_workspace_database(workspace)
        if not list_users(db):
            raise UsageError("the team studio has no accounts yet",
                             hint="add one: sendemast user add NAME --role admin")
    workspace.profile  # noqa: B018  a broken profile is one line now, not an error page later
    try:  # a taken port is a clear line before uvicorn starts (it would log and exit instead)
        with socket.create_server((host, port), reuse_port=False):
            pass
    except OSError as exc:
        raise UsageError(f"cannot serve on {host}:{port}: {exc.strerror or exc}",
                         hint="pick another port with --port") from None
    import uvicorn

    from sendemast.studio import create_app

    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    mode = " (team: login required)" if db is not None else ""
    stderr_console().print(
        f"sendemast studio{mode} for {workspace.root} on [bold]{url}[/bold] (Ctrl-C stops it)",
        highlight=False,
    )
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    import os

    # live checks in one process per core (at most 4): concurrent checks then use every core
    workers = min(4, os.cpu_count() or 1)
    if db is not None:
        from sendemast.studio.team_mode import create_team_app

        app = create_team_app(workspace, db=db, model_id=model, host=host, check_workers=workers)
    else:
        app = create_app(workspace, model_id=model, host=host, check_workers=workers)
    app.state.studio.warm()  # load the model and the index while the user reads the page
    uvicorn.run(app, host=host, port=port, log_level="warning")
