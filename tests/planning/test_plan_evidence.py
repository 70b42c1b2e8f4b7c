"""The plan learns from the leader's figures (``sendemast stats``): her better weekday, hour, channel and
topic come first and each slot says why; without figures, or with too few, her habit and the profile."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sendemast.assembly.plan import plan_for
from sendemast.planning import make_plan
from sendemast.planning.evidence import DEFAULTS, Lead, PlanEvidence
from sendemast.planning.models import PastPost
from sendemast.profile import Profile, Topic
from sendemast.workspace import init_workspace, load_workspace

TODAY = dt.date(2026, 11, 30)  # a Monday


def _profile() -> Profile:
    return Profile(name="A", title="B", organisation="C", channels=["linkedin", "x"], cadence_per_week=2,
                   topics=[Topic(id="klima", title="Klima", keywords=["klima"]),
                           Topic(id="skole", title="Skole", keywords=["skole"])])


def _posts() -> list[PastPost]:
    start = dt.date(2026, 6, 3)  # Wednesdays at 10, mostly on LinkedIn: her habit
    return [PastPost(id=f"p{i}", day=start + dt.timedelta(weeks=i), hour=10,
                     channel="linkedin" if i % 3 else "x", text="klima" if i % 2 else "skole")
            for i in range(25)]


def _plan(evidence: PlanEvidence | None):  # type: ignore[no-untyped-def]
    return make_plan(_profile(), _posts(), today=TODAY, timezone="Europe/Copenhagen", weeks=4,
                     screen=lambda text: True, evidence=evidence)


def test_without_figures_the_habit_decides_and_nothing_is_claimed() -> None:
    plan = _plan(None)
    assert {s.date.weekday() for s in plan.plan} >= {2}
    assert all(s.time == "10:00" and s.reason == "" for s in plan.plan)


def test_evidence_moves_the_day_and_hour_and_says_so() -> None:
    evidence = PlanEvidence(weekdays={1: Lead("tuesday", 1.6, 23)}, hour=Lead("08", 1.4, 12))
    plan = _plan(evidence)
    tuesdays = [s for s in plan.plan if s.date.weekday() == 1]
    assert len(tuesdays) == 4  # one a week, the best day first
    assert all(s.time == "08:00" for s in plan.plan)
    assert tuesdays[0].reason.startswith(
        "tirsdag 8:00 — dine opslag her har haft 1,6× flere visninger (23 opslag)")
    others = [s for s in plan.plan if s.date.weekday() != 1]
    assert others and all("tirsdag" not in s.reason and "kl. 8:00" in s.reason for s in others)


def test_too_little_evidence_keeps_the_defaults_and_says_so() -> None:
    plan = _plan(PlanEvidence())
    default = _plan(None)
    assert [(s.date, s.time, s.channel) for s in plan.plan] == [
        (s.date, s.time, s.channel) for s in default.plan]
    assert all(s.reason == DEFAULTS for s in plan.plan)


def test_a_channel_and_a_topic_that_reached_more_get_more_slots() -> None:
    before = _plan(None)
    after = _plan(PlanEvidence(channels={"x": Lead("x", 2.0, 10)}, topics={"skole": Lead("skole", 2.0, 12)},
                               max_boost=2.0))
    count = lambda plan, key, value: sum(1 for s in plan.plan if getattr(s, key) == value)  # noqa: E731
    assert count(after, "channel", "x") > count(before, "channel", "x")
    assert count(after, "topic", "skole") >= count(before, "topic", "skole")
    assert any("X — dine opslag her" in s.reason for s in after.plan if s.channel == "x")


def test_the_plan_before_and_after_an_import(tmp_path: Path) -> None:
    from sendemast.planning.inputs import load_posts
    from sendemast.stats import import_figures
    from sendemast.stats.example import write_example

    workspace = load_workspace(init_workspace(tmp_path / "ws", example=True))
    hanne = workspace.leader("hanne")
    before = plan_for(workspace, leader="hanne", today=TODAY, save=False)
    assert all(s.reason == "" for s in before.plan)
    posts, _ = load_posts(workspace, hanne)
    for path in write_example(posts, tmp_path / "exports"):
        import_figures(workspace, hanne, path)
    after = plan_for(workspace, leader="hanne", today=TODAY, save=False)
    assert after.plan and all(s.reason for s in after.plan)
    # the invented figures give LinkedIn far more views than X over 26 and 13 posts: it says so
    assert any(s.reason.startswith("LinkedIn — dine opslag her har haft") or "; LinkedIn — " in s.reason
               for s in after.plan if s.channel == "linkedin")
    share = lambda plan: sum(s.channel == "linkedin" for s in plan.plan) / len(plan.plan)  # noqa: E731
    assert share(after) >= share(before)
