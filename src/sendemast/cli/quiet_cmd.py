"""``sendemast quiet …``: quiet periods that hold (an election called): start, end, list."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from sendemast.cli.app import app
from sendemast.cli.post_cmd import AsOpt, JsonOpt, _open

quiet_app = typer.Typer(
    help="Quiet periods (an election called): approving or publishing then needs a written reason.",
    no_args_is_help=True,
)
app.add_typer(quiet_app, name="quiet")
ScopeOpt = Annotated[
    str | None, typer.Option("--for", help="One leader's id; default: the whole organisation.")
]


def _day(value: str, option: str) -> date:
    from sendemast.errors import UsageError

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option}: not a date: {value!r} (expected YYYY-MM-DD)") from None


@quiet_app.command("start")
def quiet_start(
    ctx: typer.Context,
    until: Annotated[str, typer.Option("--until", help="The last quiet day, YYYY-MM-DD (included).")],
    reason: Annotated[str, typer.Option("--reason", help='Why: "Folketingsvalg udskrevet".')],
    start: Annotated[
        str | None, typer.Option("--start", help="The first quiet day (default: today).")
    ] = None,
    leader: ScopeOpt = None,
    as_user: AsOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Start a quiet period now, for the whole organisation or one leader (admins only)."""
    from sendemast.assembly import Organisation
    from sendemast.cli.common import print_json, stdout_console
    from sendemast.team.quiet import start_quiet

    workspace, db, user = _open(ctx, as_user)
    if leader is not None:
        leader = Organisation(workspace).leader(leader).id  # an unknown leader: one line naming them
    period = start_quiet(
        db,
        user,
        until=_day(until, "--until"),
        reason=reason,
        leader=leader,
        start=_day(start, "--start") if start else None,
    )
    if as_json:
        print_json(period)
        return
    scope = f"for {leader}" if leader else "for the whole organisation"
    stdout_console().print(
        f"Quiet period {period['id']} {scope}: {period['start']} – {period['until']} "
        f"({period['reason']}). Approving and publishing now need a written reason.",
        markup=False,
    )


@quiet_app.command("end")
def quiet_end(
    ctx: typer.Context, leader: ScopeOpt = None, as_user: AsOpt = None, as_json: JsonOpt = False
) -> None:
    """End today's started quiet period(s) for the organisation (or --for one leader)."""
    from sendemast.cli.common import print_json, stdout_console
    from sendemast.errors import UsageError
    from sendemast.team.quiet import end_quiet

    _, db, user = _open(ctx, as_user)
    ended = end_quiet(db, user, leader=leader)
    if as_json:
        print_json({"ended": ended})
        return
    if not ended:
        raise UsageError(
            "no quiet period started for " + (leader or "the whole organisation") + " is open today",
            hint="see 'sendemast quiet list'",
        )
    for period in ended:
        stdout_console().print(f"Ended quiet period {period['id']} ({period['reason']}).", markup=False)


@quiet_app.command("list")
def quiet_list(
    ctx: typer.Context,
    leader: ScopeOpt = None,
    all_: Annotated[bool, typer.Option("--all", help="Also the ended ones.")] = False,
    as_user: AsOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Started quiet periods, and each leader's planned ones from the profile."""
    from sendemast.assembly import Organisation
    from sendemast.cli.common import print_json, stdout_console
    from sendemast.errors import SendemastError
    from sendemast.leaders import leader_ids
    from sendemast.team.quiet import started_periods

    workspace, db, _ = _open(ctx, as_user)
    started = started_periods(db, leader=leader, include_ended=all_)
    planned = []
    organisation = Organisation(workspace)
    for leader_id in [leader] if leader else leader_ids(workspace):
        try:
            profile = organisation.leader(leader_id).check_profile
        except SendemastError:
            continue
        for period in profile.quiet_periods if profile is not None else []:
            planned.append(
                {
                    "kind": "planned",
                    "leader": leader_id,
                    "start": period.start.isoformat(),
                    "until": period.end.isoformat(),
                    "reason": period.reason,
                }
            )
    if as_json:
        print_json({"started": started, "planned": planned})
        return
    out = stdout_console()
    if not started and not planned:
        out.print("No quiet periods.")
    for p in started:
        ended = f" · ended {p['ended_at']} by {p['ended_by']}" if p.get("ended_at") else ""
        out.print(
            f"{p['id']:>4}  {p['start']} – {p['until']}  {p['leader'] or 'hele organisationen'}  "
            f"{p['reason']} (started by {p['started_by']}){ended}",
            markup=False,
        )
    for p in planned:
        out.print(f"plan  {p['start']} – {p['until']}  {p['leader']}  {p['reason']}", markup=False)
