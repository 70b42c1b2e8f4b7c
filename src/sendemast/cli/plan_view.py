"""The terminal view of a plan: a weekly sparkline, the cadence and coverage tables, the slots (rich)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from sendemast.planning.models import Plan
    from sendemast.profile import Profile

BARS = "▁▂▃▄▅▆▇█"
QUIET = "░"
NONE = "·"


def sparkline(counts: Sequence[int], quiet: Sequence[bool] = (), ceiling: float = 0) -> str:
    """One character per week: · for none, ░ for a quiet week, bars scaled to max(counts, ceiling)."""
    top = max([*counts, ceiling, 1])
    chars = []
    for i, n in enumerate(counts):
        if i < len(quiet) and quiet[i]:
            chars.append(QUIET)
        elif n <= 0:
            chars.append(NONE)
        else:
            chars.append(BARS[min(len(BARS) - 1, round((n / top) * (len(BARS) - 1)))])
    return "".join(chars)


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _days(value: int | None) -> str:
    return "–" if value is None else f"{value} days"


def print_plan(plan: Plan, profile: Profile) -> None:
    from rich.markup import escape

    from sendemast.cli.common import stdout_console

    out = stdout_console()
    c = plan.cadence
    out.rule(f"Plan for {escape(profile.name)} · today {plan.today} · {escape(plan.timezone)}")
    weeks = c.weeks
    out.print(
        f"[bold]Posts per week, last {len(weeks)} weeks[/bold] (target {c.target_per_week:g}; "
        f"{NONE} none, {QUIET} quiet period)"
    )
    out.print(
        f"  all       {sparkline([w.posts for w in weeks], [w.quiet for w in weeks], c.target_per_week)}",
        markup=False,
    )
    for name, ch in c.by_channel.items():
        out.print(
            f"  {name:<9} {sparkline(ch.weekly, [w.quiet for w in weeks], c.target_per_week)}", markup=False
        )
    if weeks:
        out.print(f"  [dim]{weeks[0].start} … {weeks[-1].start}[/dim]")
    _cadence_table(out, plan)
    habit = " · ".join(
        x
        for x in (
            f"usual weekday {c.usual_weekday}" if c.usual_weekday else "",
            f"usual hour {c.usual_hour:02d}:00"
            if c.usual_hour is not None
            else "usual hour unknown (dates only)",
        )
        if x
    )
    out.print(f"  {habit}", markup=False)
    _coverage_tables(out, plan)
    _slots(out, plan, profile)


def _cadence_table(out: Console, plan: Plan) -> None:
    from rich.table import Table

    c = plan.cadence
    table = Table(
        title="Cadence: posts per week; weeks below target and quiet weeks, of 12 / 52",
        title_justify="left",
        show_edge=False,
    )
    for column in ("", "12 wk", "52 wk", "below target", "quiet", "longest gap"):
        table.add_column(column, justify="left" if not column else "right")
    table.add_row(
        "all",
        _num(c.actual_per_week["last_12_weeks"]),
        _num(c.actual_per_week["last_52_weeks"]),
        f"{c.weeks_below_target['last_12_weeks']}/{c.weeks_below_target['last_52_weeks']}",
        f"{c.quiet_weeks['last_12_weeks']}/{c.quiet_weeks['last_52_weeks']}",
        _days(c.longest_gap_days),
    )
    for name, ch in c.by_channel.items():
        table.add_row(
            name,
            _num(ch.actual_per_week["last_12_weeks"]),
            _num(ch.actual_per_week["last_52_weeks"]),
            "",
            "",
            _days(ch.longest_gap_days),
        )
    out.print(table)
    out.print(f"  target {c.target_per_week:g} per week (profile: cadence_per_week)", markup=False)


def _coverage_tables(out: Console, plan: Plan) -> None:
    from rich.table import Table

    if not plan.topics or not plan.audiences:
        out.print("[yellow]The profile names no strategic topics or no audiences: coverage needs them "
                  "(topics and audiences in profile.yaml).[/yellow]")
    topics = Table(title="Strategic topics, last 52 weeks", title_justify="left", show_edge=False)
    for column in ("topic", "posts", "share", "target", "last post", ""):
        topics.add_column(column, justify="right" if column in ("posts", "share", "target") else "left")
    for t in plan.topics:
        flag = "[yellow]gone quiet[/yellow]" if t.gone_quiet else ""
        topics.add_row(
            t.title,
            str(t.posts),
            f"{t.share:.0%}",
            f"{t.target_share:.0%}",
            str(t.last_post or "never"),
            flag,
        )
    if plan.topics:
        out.print(topics)
    audiences = Table(title="Audiences, last 52 weeks", title_justify="left", show_edge=False)
    for column in ("audience", "posts", "share", "target", "last post"):
        audiences.add_column(column, justify="right" if column in ("posts", "share", "target") else "left")
    for a in plan.audiences:
        audiences.add_row(
            a.id, str(a.posts), f"{a.share:.0%}", f"{a.target_share:.0%}", str(a.last_post or "never")
        )
    if plan.audiences:
        out.print(audiences)
    for label, usages in (("Purposes", plan.purposes), ("Values", plan.values)):
        rare = [u for u in usages if u.rare]
        if rare:
            out.print(f"[bold]{label} rarely served[/bold] (under 10% of the year's posts):")
            for u in rare:
                out.print(f"  {u.posts:>3} posts · {u.text}", markup=False)


def _slots(out: Console, plan: Plan, profile: Profile) -> None:
    from rich.markup import escape

    titles = {t.id: t.title for t in profile.topics}
    out.rule(f"The next {plan.weeks} weeks: {len(plan.plan)} slots")
    if plan.quiet_days:
        out.print(
            f"[dim]No slots {plan.quiet_days[0]} … {plan.quiet_days[-1]}: quiet period "
            f"({len(plan.quiet_days)} days).[/dim]"
        )
    for slot in plan.plan:
        topic = titles.get(slot.topic, slot.topic) or "–"
        out.print(
            f"[bold]{slot.date} {slot.time}[/bold] · {escape(slot.channel)} · {escape(topic)} · "
            f"{escape(slot.audience or '–')}  [dim]{slot.id}[/dim]"
        )
        out.print(f"  {slot.idea}", markup=False)
        if slot.reason:
            out.print(f"  [dim]why: {escape(slot.reason)}[/dim]")
        for source in slot.sources:
            out.print(f"  [dim]{escape(source.kind)}: {escape(source.title)} ({escape(source.id)})[/dim]")
        out.print(
            f"  [dim]write: {slot.writing_start:%Y-%m-%d %H:%M} ({slot.writing_minutes} min) · "
            f"sendemast draft --slot {slot.id}[/dim]"
        )
