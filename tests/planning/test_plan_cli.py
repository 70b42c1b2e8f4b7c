"""``sendemast plan`` on the example workspace, checked against what the posts' own dates say, and its
calendar read back by icalendar's parser; ``sendemast draft --slot`` on a planned slot."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from tests.support.cli import run_cli

TODAY = "2026-12-01"  # a Tuesday; the example's last post is from October 2026
ZONE = ZoneInfo("Europe/Copenhagen")


cli = run_cli


def post_days(root: Path) -> list[tuple[dt.date, str]]:
    """Every post's local date and channel, read straight from the files (not through the loaders)."""
    days = []
    for path in sorted((root / "posts").glob("*/*.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        days.append((front["date"], front["channel"]))
    tweets = (root / "posts" / "x-archive" / "tweets.js").read_text(encoding="utf-8")
    for stamp in re.findall(r'"created_at"\s*:\s*"([^"]+)"', tweets):
        moment = dt.datetime.strptime(stamp, "%a %b %d %H:%M:%S %z %Y").astimezone(ZONE)
        days.append((moment.date(), "x"))
    with open(root / "posts" / "linkedin-export" / "Shares.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            moment = dt.datetime.fromisoformat(row["Date"]).replace(tzinfo=dt.UTC).astimezone(ZONE)
            days.append((moment.date(), "linkedin"))
    for line in (root / "posts" / "misc" / "posts.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        days.append((dt.date.fromisoformat(record["date"]), record["channel"]))
    return days


def expected_cadence(root: Path, today: dt.date) -> dict[str, Any]:
    profile = yaml.safe_load((root / "profile.yaml").read_text(encoding="utf-8"))
    quiet = [(q["start"], q["end"]) for q in profile["quiet_periods"]]
    days = [d for d, _ in post_days(root)]
    monday = today - dt.timedelta(days=today.weekday())
    result: dict[str, Any] = {"actual": {}, "below": {}}
    for n in (12, 52):
        starts = [monday - dt.timedelta(weeks=k) for k in range(n, 0, -1)]
        kept = [
            s
            for s in starts
            if sum(any(a <= s + dt.timedelta(days=i) <= b for a, b in quiet) for i in range(7)) < 4
        ]
        counts = [sum(1 for d in days if s <= d < s + dt.timedelta(days=7)) for s in kept]
        result["actual"][f"last_{n}_weeks"] = round(sum(counts) / len(counts), 2)
        result["below"][f"last_{n}_weeks"] = sum(1 for c in counts if c < profile["cadence_per_week"])
    since = monday - dt.timedelta(weeks=52)
    ordered = sorted(set(days))
    points = [max(d for d in ordered if d < since), *[d for d in ordered if d >= since], today]
    result["gap"] = max((b - a).days for a, b in itertools.pairwise(points))
    return result


@pytest.fixture
def planned(
    copy_of_ingested: Path, capsys: Any, monkeypatch: Any, tmp_path: Path
) -> tuple[Path, dict[str, Any], Path]:
    ics = tmp_path / "plan.ics"
    code, out, err = cli(
        capsys,
        monkeypatch,
        "-w",
        str(copy_of_ingested),
        "plan",
        "--weeks",
        "4",
        "--json",
        "--today",
        TODAY,
        "--ics",
        str(ics),
    )
    assert code == 0, err
    return copy_of_ingested, json.loads(out), ics


def test_plan_json_cadence_matches_the_posts_dates(planned: tuple[Path, dict[str, Any], Path]) -> None:
    root, data, _ = planned
    assert set(data) >= {"cadence", "topics", "audiences", "plan"}
    cadence = data["cadence"]
    assert set(cadence) >= {
        "target_per_week",
        "actual_per_week",
        "weeks_below_target",
        "longest_gap_days",
        "by_channel",
    }
    want = expected_cadence(root, dt.date.fromisoformat(TODAY))
    assert cadence["target_per_week"] == 2
    assert cadence["actual_per_week"] == want["actual"]
    assert cadence["weeks_below_target"] == want["below"]
    assert cadence["longest_gap_days"] == want["gap"]
    # the usual hour from the posts that carry a time (the X archive and LinkedIn's export), in Copenhagen
    assert cadence["usual_hour"] == 8
    assert set(cadence["by_channel"]) == {"linkedin", "x"}
    all_days = post_days(root)
    since = dt.date(2026, 11, 30) - dt.timedelta(weeks=52)
    for channel, figures in cadence["by_channel"].items():
        assert figures["posts"]["last_52_weeks"] == sum(
            1 for d, ch in all_days if ch == channel and since <= d < dt.date(2026, 11, 30)
        )
        assert figures["last_post"] == max(d for d, ch in all_days if ch == channel).isoformat()


def test_plan_topics_audiences_and_slots_come_from_the_profile(
    planned: tuple[Path, dict[str, Any], Path],
) -> None:
    root, data, _ = planned
    profile = yaml.safe_load((root / "profile.yaml").read_text(encoding="utf-8"))
    topic_ids = [t["id"] for t in profile["topics"]]
    audience_ids = [a["id"] for a in profile["audiences"]]
    assert [t["id"] for t in data["topics"]] == topic_ids
    assert [a["id"] for a in data["audiences"]] == audience_ids
    for t in data["topics"]:
        assert set(t) >= {"id", "title", "posts", "last_post", "share"}
    assert sum(t["posts"] for t in data["topics"]) > 0
    slots = data["plan"]
    # 1-20 December at 2 a week (this week, the next two), then the Christmas quiet period (21 Dec - 3 Jan)
    assert len(slots) == 6
    for slot in slots:
        assert set(slot) >= {"id", "date", "channel", "topic", "audience", "idea", "sources"}
        day = dt.date.fromisoformat(slot["date"])
        assert dt.date(2026, 12, 2) <= day <= dt.date(2026, 12, 20)
        assert slot["topic"] in topic_ids and slot["audience"] in audience_ids
        assert slot["channel"] in profile["channels"]
        assert slot["idea"] and slot["sources"]
    # the plan evens out coverage: six slots on at least four different topics, each with a values passage
    assert len({s["topic"] for s in slots}) >= 4
    assert all(any(src["kind"] == "values" for src in s["sources"]) for s in slots)
    assert len({s["id"] for s in slots}) == len(slots)


def test_ics_has_one_event_and_one_writing_block_per_slot(planned: tuple[Path, dict[str, Any], Path]) -> None:
    from icalendar import Calendar

    _, data, ics = planned
    calendar = Calendar.from_ical(ics.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 2 * len(data["plan"])
    by_uid = {str(e["UID"]): e for e in events}
    assert len(by_uid) == len(events)
    for slot in data["plan"]:
        post = next(e for uid, e in by_uid.items() if uid.startswith(f"post-{slot['id']}."))
        write = next(e for uid, e in by_uid.items() if uid.startswith(f"write-{slot['id']}."))
        start = post.decoded("DTSTART")
        assert start.tzinfo is not None and str(start.tzinfo) == "Europe/Copenhagen"
        assert start.date().isoformat() == slot["date"]
        assert write.decoded("DTEND") <= start
        assert "Sæt tid af i kalenderen" in str(write["SUMMARY"])
        assert f"--slot {slot['id']}" in str(post["DESCRIPTION"])
    assert list(calendar.walk("VTIMEZONE"))


def test_replanning_keeps_the_uids_of_the_same_slots(
    planned: tuple[Path, dict[str, Any], Path], capsys: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    from icalendar import Calendar

    root, data, ics = planned
    again = tmp_path / "again.ics"
    code, _, err = cli(capsys, monkeypatch, "-w", str(root), "plan", "--today", TODAY, "--ics", str(again))
    assert code == 0, err
    assert again.read_bytes() == ics.read_bytes()
    code, out, _ = cli(
        capsys, monkeypatch, "-w", str(root), "plan", "--today", "2026-12-02", "--json", "--ics", str(again)
    )
    later = json.loads(out)
    shared = {s["id"] for s in later["plan"]} & {s["id"] for s in data["plan"]}
    assert shared
    uids = {str(e["UID"]) for e in Calendar.from_ical(again.read_bytes()).walk("VEVENT")}
    for slot_id in shared:
        assert any(uid.startswith(f"post-{slot_id}.birgitte@") for uid in uids)


def test_terminal_view_shows_sparkline_and_tables(
    copy_of_ingested: Path, capsys: Any, monkeypatch: Any
) -> None:
    code, out, _ = cli(capsys, monkeypatch, "-w", str(copy_of_ingested), "plan", "--today", TODAY)
    assert code == 0
    assert "Cadence" in out and "Strategic topics" in out and "Audiences" in out
    line = next(x for x in out.splitlines() if x.strip().startswith("all "))
    assert len(line.split()[-1]) == 52 and "░" not in line  # the 2025 election is more than 52 weeks back
    assert "draft --slot" in out


def test_leader_and_today_errors_are_one_line(example_workspace: Path, capsys: Any, monkeypatch: Any) -> None:
    code, _, err = cli(capsys, monkeypatch, "-w", str(example_workspace), "plan", "--leader", "someone-else")
    assert code == 2 and err.count("\n") == 1 and "birgitte" in err and "hanne" in err
    code, _, err = cli(capsys, monkeypatch, "-w", str(example_workspace), "plan", "--today", "1. december")
    assert code == 2 and err.count("\n") == 1 and "YYYY-MM-DD" in err
    code, out, err = cli(
        capsys,
        monkeypatch,
        "-w",
        str(example_workspace),
        "plan",
        "--leader",
        "birgitte",
        "--today",
        TODAY,
        "--json",
    )
    assert code == 0 and json.loads(out)["plan"]
    assert "sendemast ingest" in err  # not ingested: ideas without values passages, said once


def test_draft_from_a_slot(planned: tuple[Path, dict[str, Any], Path], capsys: Any, monkeypatch: Any) -> None:
    root, data, _ = planned
    slot = next(s for s in data["plan"] if s["channel"] == "x")
    code, out, err = cli(
        capsys,
        monkeypatch,
        "-w",
        str(root),
        "draft",
        "--slot",
        slot["id"],
        "--model",
        "fake/draft",
        "--variants",
        "1",
        "--json",
    )
    assert code == 0, err
    result = json.loads(out)
    assert result["drafts"][0]["channel"] == "x"
    from sendemast.team.history import HistoryStore
    from sendemast.workspace import load_workspace

    entry = HistoryStore.for_workspace(load_workspace(root)).get(result["history_id"])
    inputs = entry["inputs"]
    assert (inputs["topic"], inputs["audience"], inputs["channel"]) == (slot["topic"], slot["audience"], "x")
    assert slot["idea"] in inputs["text"]
    code, _, err = cli(
        capsys, monkeypatch, "-w", str(root), "draft", "--slot", "2030-01-01-x", "--model", "fake/draft"
    )
    assert code == 2 and "unknown slot" in err and slot["id"] in err
