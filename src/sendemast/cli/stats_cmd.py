"""``sendemast stats``: what the leader's posts achieved, per topic, audience, form and time, with
intervals; ``sendemast stats import PATH`` brings the figures in from an analytics export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sendemast.cli.app import app
from sendemast.cli.common import LeaderOpt

if TYPE_CHECKING:
    from sendemast.stats import ImportReport, StatsReport

stats_app = typer.Typer(
    no_args_is_help=False, add_completion=False,
    help="Channel statistics: what your posts achieved, and whether a difference is real.")
app.add_typer(stats_app, name="stats")

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@stats_app.callback(invoke_without_command=True)
def stats_command(
    ctx: typer.Context,
    leader: LeaderOpt = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only posts from this date (YYYY-MM-DD).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Posts, median views and engagement rate per topic, audience, purpose, value, form, weekday, hour
    and channel, each with an interval; "too few posts to say anything" below the floor."""
    if ctx.invoked_subcommand is not None:
        return
    import datetime as dt

    from sendemast.assembly import Organisation
    from sendemast.cli.common import leader_id_from, print_json, workspace_from
    from sendemast.errors import UsageError

    day = None
    if since:
        try:
            day = dt.date.fromisoformat(since)
        except ValueError:
            raise UsageError(f"--since {since!r} is not a date (use YYYY-MM-DD)") from None
    context = Organisation(workspace_from(ctx)).leader(leader_id_from(ctx, leader))
    report = context.stats(since=day)
    if as_json:
        print_json(report.to_json())
        return
    _print_report(report)


@stats_app.command("import")
def import_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(
        help="LinkedIn's analytics export (.xlsx), X's post analytics (.csv), or a plain CSV with "
        "url,date,impressions,reactions,comments,reposts,clicks.", show_default=False)],
    leader: LeaderOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Store an export's figures for the leader's posts; a re-import keeps each post's earlier figures."""
    from sendemast.cli.common import leader_from, print_json, workspace_from
    from sendemast.stats import import_figures

    workspace = workspace_from(ctx)
    chosen = leader_from(ctx, workspace, leader)
    report = import_figures(workspace, chosen, path.expanduser())
    if as_json:
        print_json(report.to_dict())
        return
    _print_import(report)


def _print_import(report: ImportReport) -> None:
    from rich.markup import escape

    from sendemast.cli.common import stdout_console

    console = stdout_console()
    console.print(
        f"[bold]{report.rows}[/bold] posts in {escape(report.source)} ({report.layout}) for {report.leader}: "
        f"{report.joined} joined to her posts, {len(report.unjoined)} not; "
        f"{report.added} new, {report.updated} updated, {report.unchanged} unchanged"
        + (f"; {report.days} days" if report.days else "")
        + (f"; {report.followers} followers, {report.demographics} demographic rows"
           if report.followers else "")
        + f". Stored in {escape(report.stored_in)}.", highlight=False)
    for item in report.unjoined:
        console.print(f"  [yellow]not joined[/yellow] {escape(item['url'] or '(no address)')} "
                      f"{item['date'] or ''} {item['channel']}", highlight=False)


def _print_report(report: StatsReport) -> None:
    from rich.markup import escape

    from sendemast.cli.common import stdout_console
    from sendemast.stats.analysis import TOO_FEW

    console = stdout_console()
    console.print(f"[bold]{report.with_figures}[/bold] of {report.posts} posts have figures "
                  f"({len(report.unjoined)} figures not joined to a post). Median views and engagement "
                  f"rate with intervals; a difference only where the intervals do not overlap.",
                  highlight=False)
    if not report.with_figures:
        console.print("No figures yet: run 'sendemast stats import PATH'.", highlight=False)
        return
    for dimension in report.dimensions:
        if not dimension.groups:
            continue
        console.print(f"\n[bold]{dimension.id}[/bold] ({dimension.confidence:.1%} intervals)",
                      highlight=False)
        for g in dimension.groups:
            name = escape(report.label(dimension.id, g.id))[:48]
            if g.too_few or g.impressions is None:
                console.print(f"  {name:<48} {g.posts:>4}  {TOO_FEW[report.lang]}", highlight=False)
                continue
            i, r = g.impressions, g.rate
            rate = f"{r.median:.1%} [{r.low:.1%}–{r.high:.1%}]" if r else "–"
            mark = {"higher": "  [green]higher than the rest[/green]",
                    "lower": "  [red]lower than the rest[/red]"}.get(g.verdict["impressions"] or "", "")
            console.print(f"  {name:<48} {g.posts:>4}  {i.median:>8.0f} [{i.low:.0f}–{i.high:.0f}]  "
                          f"{rate}{mark}", highlight=False)
