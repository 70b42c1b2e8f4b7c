"""``sendemast plan``: cadence, coverage and the next weeks' slots; ``--ics`` writes them as a calendar."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sendemast.cli.app import app
from sendemast.cli.common import LeaderOpt

if TYPE_CHECKING:
    from sendemast.planning.models import Plan
    from sendemast.profile import Profile


@app.command("plan")
def plan_command(
    ctx: typer.Context,
    weeks: Annotated[
        int | None, typer.Option("--weeks", help="How many weeks to plan (default 4).", show_default=False)
    ] = None,
    leader: LeaderOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ics: Annotated[
        Path | None, typer.Option("--ics", help="Also write the plan as an iCalendar file.", dir_okay=False)
    ] = None,
    today: Annotated[
        str | None,
        typer.Option("--today", help="Plan as if today were YYYY-MM-DD (for reproducible reports)."),
    ] = None,
) -> None:
    """Measure your cadence and coverage against the profile, and plan the next weeks' posts."""
    from sendemast.assembly.plan import plan_for, today_in
    from sendemast.cli.common import leader_from, print_json, stderr_console, workspace_from

    workspace = workspace_from(ctx)
    chosen = leader_from(ctx, workspace, leader)  # an unknown leader stops before any work
    plan = plan_for(workspace, weeks=weeks, today=today_in(workspace, today), leader=chosen.id)
    err = stderr_console()
    for warning in plan.warnings:
        err.print(f"[yellow]warning:[/yellow] {warning}", markup=True, highlight=False)
    if ics is not None:
        _write_ics(chosen.profile, plan, ics)
    if as_json:
        print_json(plan.to_json())
        return
    from sendemast.cli.plan_view import print_plan

    print_plan(plan, chosen.profile)  # her name and topic titles, not the default leader's
    if ics is not None:
        err.print(f"Wrote {len(plan.plan) * 2} calendar events to {ics}", markup=False, highlight=False)


def _write_ics(profile: Profile, plan: Plan, path: Path) -> None:
    from sendemast.errors import UsageError
    from sendemast.planning.calendar import profile_calendar

    try:
        path.write_bytes(profile_calendar(plan, profile))
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
