"""The cadence, coverage and slot choice as pure functions, on small hand-made histories."""

from __future__ import annotations

import datetime as dt

import pytest

from sendemast.errors import ConfigError
from sendemast.planning import make_plan
from sendemast.planning.cadence import longest_gap, measure, slots_per_week
from sendemast.planning.models import PastPost
from sendemast.profile import Profile, QuietPeriod, load_profile

D = dt.date


def profile(**extra: object) -> Profile:
    base: dict[str, object] = {
        "name": "Test Leder",
        "title": "Direktør",
        "organisation": "Fjordmark Kommune",
        "channels": ["linkedin", "x"],
        "cadence_per_week": 2,
        "topics": [
            {"id": "klima", "title": "Klima", "keywords": ["klima", "dige", "stormflod"]},
            {"id": "skole", "title": "Skole", "keywords": ["skole", "elever", "lærere"]},
        ],
        "audiences": [
            {"id": "borgere", "description": "Borgere", "keywords": ["borgere", "nabo"]},
            {"id": "medarbejdere", "description": "Ansatte", "keywords": ["kolleger", "medarbejdere"]},
        ],
        "values": ["tillid"],
    }
    base.update(extra)
    return Profile.model_validate(base)


def post(
    day: dt.date,
    channel: str = "linkedin",
    text: str = "Klima og dige for borgere.",
    hour: int | None = None,
    n: int = 0,
) -> PastPost:
    return PastPost(id=f"p{day}{channel}{n}", day=day, hour=hour, channel=channel, title=text[:20], text=text)


TODAY = D(2026, 12, 2)  # a Wednesday; the current week starts Monday 30 November


def test_weekly_average_counts_complete_weeks_only_and_leaves_out_quiet_weeks() -> None:
    # one post in each of the 12 complete weeks before this week, two in the last of them, one this week
    mondays = [D(2026, 11, 23) - dt.timedelta(weeks=n) for n in range(12)]
    posts = [post(m + dt.timedelta(days=1)) for m in mondays] + [
        post(D(2026, 11, 26), n=1),
        post(D(2026, 12, 1)),
    ]
    c = measure(posts, profile(), TODAY)
    assert c.actual_per_week["last_12_weeks"] == round(13 / 12, 2)
    assert c.weeks_below_target["last_12_weeks"] == 11  # target 2: only the week of 23 November reaches it
    assert c.weeks[-1].start == D(2026, 11, 23) and c.weeks[-1].posts == 2 and len(c.weeks) == 52
    # the same history with a quiet period over four of the twelve weeks
    quiet = profile(quiet_periods=[{"start": "2026-09-28", "end": "2026-10-25", "reason": "valg"}])
    q = measure(posts, quiet, TODAY)
    assert q.quiet_weeks["last_12_weeks"] == 4
    assert q.actual_per_week["last_12_weeks"] == round(9 / 8, 2)
    assert q.weeks_below_target["last_12_weeks"] == 7


def test_a_week_is_quiet_when_four_of_its_days_are() -> None:
    three = profile(quiet_periods=[{"start": "2026-11-20", "end": "2026-11-25"}])  # Mon-Wed of 23 Nov
    four = profile(quiet_periods=[{"start": "2026-11-20", "end": "2026-11-26"}])
    assert not measure([], three, TODAY).weeks[-1].quiet
    assert measure([], four, TODAY).weeks[-1].quiet


def test_longest_gap_includes_the_open_gap_and_the_post_before_the_window() -> None:
    days = [D(2025, 11, 20), D(2026, 1, 10), D(2026, 3, 1), D(2026, 11, 1)]
    assert longest_gap(days, TODAY, since=D(2025, 12, 1)) == (D(2026, 11, 1) - D(2026, 3, 1)).days
    assert longest_gap(days[:3], TODAY, since=D(2025, 12, 1)) == (TODAY - D(2026, 3, 1)).days
    assert longest_gap([D(2025, 1, 1), D(2026, 1, 10)], TODAY, since=D(2025, 12, 1)) == 374
    assert longest_gap([], TODAY, since=D(2025, 12, 1)) is None


def test_by_channel_usual_weekday_and_hour() -> None:
    posts = [
        post(D(2026, 11, 3), "x", hour=8),
        post(D(2026, 11, 10), "x", hour=8),
        post(D(2026, 11, 17), "linkedin", hour=14),
        post(D(2026, 11, 19), "linkedin"),
    ]
    c = measure(posts, profile(), TODAY)
    assert c.usual_weekday == "tuesday" and c.usual_hour == 8
    assert c.by_channel["x"].posts["last_12_weeks"] == 2
    assert c.by_channel["linkedin"].last_post == D(2026, 11, 19)
    assert c.by_channel["x"].share == 0.5
    assert sum(c.by_channel["x"].weekly) == 2


def test_slots_follow_a_fractional_target() -> None:
    assert [slots_per_week(1.5, i) for i in range(4)] == [1, 2, 1, 2]
    assert [slots_per_week(2, i) for i in range(3)] == [2, 2, 2]
    assert [slots_per_week(0.5, i) for i in range(4)] == [0, 1, 0, 1]


def test_plan_fills_the_target_skips_quiet_days_and_evens_out_topics() -> None:
    # thirty weeks of posts on "klima" only: the plan must turn to "skole"
    posts = [post(D(2026, 11, 24) - dt.timedelta(weeks=n)) for n in range(30)]
    quiet = profile(quiet_periods=[{"start": "2026-12-14", "end": "2026-12-20", "reason": "ferie"}])
    plan = make_plan(
        quiet,
        posts,
        today=TODAY,
        timezone="Europe/Copenhagen",
        weeks=3,
        leader="test",
        screen=lambda text: True,
    )
    days = [s.date for s in plan.plan]
    # this week: Thursday to Sunday left, 2 slots; next week 2; the week of 14 December is quiet
    assert len(plan.plan) == 4
    assert all(not D(2026, 12, 14) <= d <= D(2026, 12, 20) for d in days)
    assert all(d > TODAY for d in days) and days == sorted(days)
    assert plan.quiet_days[0] == D(2026, 12, 14) and len(plan.quiet_days) == 7
    # the neglected topic first, then turns: no topic gets a second slot before the other had one
    assert [s.topic for s in plan.plan] == ["skole", "klima", "skole", "klima"]
    assert {s.channel for s in plan.plan} <= {"linkedin", "x"}
    assert len({s.id for s in plan.plan}) == len(plan.plan)
    # two days between slots when the week allows
    assert (days[1] - days[0]).days >= 2


def test_this_weeks_posts_count_towards_this_weeks_slots() -> None:
    posts = [post(D(2026, 11, 30)), post(D(2026, 12, 1), n=1)]
    plan = make_plan(
        profile(), posts, today=TODAY, timezone="Europe/Copenhagen", weeks=2, screen=lambda text: True
    )
    assert all(s.date >= D(2026, 12, 7) for s in plan.plan) and len(plan.plan) == 2


def test_screened_passages_are_not_suggested() -> None:
    from sendemast.planning.ideas import Passage

    passages = {
        "klima": [
            Passage("values:a", "Bad", "Stem på Venstre ved valget."),
            Passage("values:b", "Good", "Diget ved Bredstrand beskytter 400 boliger."),
        ],
        "skole": [Passage("values:c", "Skole", "Alle elever skal trives.")],
    }
    plan = make_plan(profile(), [], today=TODAY, timezone="Europe/Copenhagen", weeks=2, passages=passages)
    used = {s.id for slot in plan.plan for s in slot.sources}
    assert "values:a" not in used
    assert "values:b" in used and "values:c" in used
    assert all("Venstre" not in slot.idea for slot in plan.plan)


def test_quiet_period_validation(tmp_path: object) -> None:
    with pytest.raises(ValueError):
        QuietPeriod(start=D(2026, 5, 2), end=D(2026, 5, 1))
    from pathlib import Path

    path = Path(str(tmp_path)) / "profile.yaml"
    path.write_text(
        "name: A\ntitle: B\norganisation: C\nquiet_periods:\n  - start: 2026-05-02\n    end: 2026-05-01\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        load_profile(path)
    assert "quiet_periods.0" in info.value.one_line() and "before start" in info.value.one_line()


def test_a_profile_with_quiet_periods_still_dumps_to_json() -> None:
    import json

    dumped = profile(quiet_periods=[{"start": "2026-12-21", "end": "2027-01-03", "reason": "Juleferie"}])
    data = json.loads(json.dumps(dumped.model_dump()))  # prompts, eval cache keys and scorers do this
    assert data["quiet_periods"] == [{"start": "2026-12-21", "end": "2027-01-03", "reason": "Juleferie"}]
    assert Profile.model_validate(data) == dumped


def test_weeks_out_of_range_is_a_usage_error() -> None:
    from sendemast.errors import UsageError

    with pytest.raises(UsageError):
        make_plan(profile(), [], today=TODAY, timezone="Europe/Copenhagen", weeks=0)
