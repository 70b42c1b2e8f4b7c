"""What the plan learns from the leader's own figures: the weekdays, the hour, the channels and the
topics whose posts have had more views than her other posts — only where the intervals say so and from
``plan_min_posts`` posts up — with the factor and the count, so the plan can say why."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sendemast.planning.evidence import Lead, PlanEvidence
from sendemast.stats.analysis import WEEKDAYS

if TYPE_CHECKING:
    from sendemast.leaders import Leader
    from sendemast.planning.models import PastPost
    from sendemast.stats.report import StatsReport
    from sendemast.workspace import Workspace


def from_report(report: StatsReport) -> PlanEvidence:
    floor = report.rules.plan_min_posts

    def leads(dimension: str) -> dict[str, Lead]:
        found = {}
        for g in report.dimension(dimension).groups:
            if g.verdict["impressions"] == "higher" and g.posts >= floor and g.ratio:
                found[g.id] = Lead(g.id, g.ratio, g.posts)
        return found

    hours = leads("hour")
    return PlanEvidence(
        weekdays={WEEKDAYS.index(k): v for k, v in leads("weekday").items()},
        hour=max(hours.values(), key=lambda lead: lead.ratio) if hours else None,
        channels=leads("channel"), topics=leads("topic"), max_boost=report.rules.plan_max_boost)


def plan_evidence(workspace: Workspace, leader: Leader, posts: list[PastPost]) -> PlanEvidence | None:
    """None when the leader has no figures (the plan then says nothing about evidence)."""
    from sendemast.stats.report import stats_for
    from sendemast.stats.store import figures_path

    if not figures_path(leader).is_file():
        return None
    return from_report(stats_for(workspace, leader, posts=posts))
