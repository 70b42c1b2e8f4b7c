"""``sendemast records export``: every post of a period as a ZIP of records (PDF/A + JSON per post, an
index CSV), for an access-to-documents request or an ESDH import."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sendemast.cli.app import app
from sendemast.cli.post_cmd import AsOpt, JsonOpt, _open
from sendemast.cli.quiet_cmd import _day

records_app = typer.Typer(
    help="The public record of posts: export a period for aktindsigt or an ESDH.", no_args_is_help=True
)
app.add_typer(records_app, name="records")


@records_app.command("export")
def records_export(
    ctx: typer.Context,
    start: Annotated[str, typer.Option("--from", help="First day, YYYY-MM-DD (published on or after).")],
    end: Annotated[str, typer.Option("--to", help="Last day, YYYY-MM-DD (included).")],
    out: Annotated[Path, typer.Option("--out", help="The ZIP to write.", dir_okay=False)],
    leader: Annotated[str | None, typer.Option("--leader", help="Only this leader's posts.")] = None,
    include_unpublished: Annotated[
        bool,
        typer.Option(
            "--include-unpublished", help="Also posts created in the period that were never published."
        ),
    ] = False,
    as_user: AsOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Export the records of the posts published in a period: a folder per post and index.csv."""
    from sendemast.assembly import Organisation
    from sendemast.cli.common import print_json, stdout_console
    from sendemast.records.export import export_records

    workspace, db, user = _open(ctx, as_user)
    result = export_records(
        db,
        user,
        out,
        start=_day(start, "--from"),
        end=_day(end, "--to"),
        leader=leader,
        include_unpublished=include_unpublished,
        profile_of=Organisation(workspace).profile_of,
    )
    if as_json:
        print_json({"path": str(result.path), "posts": result.posts, "leaders": result.leaders})
        return
    stdout_console().print(
        f"{result.posts} post record(s) of {', '.join(result.leaders)} in {result.path}", markup=False
    )
