"""The plan's inputs: post times through the real loaders, in the workspace's time zone; notes; slot notes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from sendemast.assembly.plan import leader_id, slug
from sendemast.errors import ConfigError, UsageError
from sendemast.planning.inputs import load_notes, load_posts
from sendemast.workspace import load_workspace


def test_post_times_are_moved_into_the_workspace_zone(example_workspace: Path) -> None:
    extra = example_workspace / "posts" / "misc" / "late.jsonl"
    extra.write_text(
        json.dumps({"id": "late", "text": "Sen aften på rådhuset.", "date": "2026-03-01T23:30:00+00:00",
                    "channel": "x"}) + "\n"
        + json.dumps({"id": "plain", "text": "Kun en dato.", "date": "2026-03-02", "channel": "x"}) + "\n",
        encoding="utf-8",
    )
    posts, warnings = load_posts(load_workspace(example_workspace))
    assert not warnings
    by_id = {p.id: p for p in posts}
    late = by_id["posts:posts/misc/late.jsonl#late"]
    assert (late.day, late.hour) == (dt.date(2026, 3, 2), 0)  # 23:30 UTC is half past midnight in March
    assert by_id["posts:posts/misc/late.jsonl#plain"].hour is None
    # the X archive's election-day tweet, 19:30 UTC: 20:30 in Copenhagen (winter time)
    tweet = next(p for p in posts if p.channel == "x" and p.day == dt.date(2025, 11, 18))
    assert tweet.hour == 20
    # LinkedIn's export: 2026-07-08 14:21:05 UTC is 16:21 in summer
    share = next(p for p in posts if p.day == dt.date(2026, 7, 8))
    assert share.hour == 16 and share.channel == "linkedin"
    assert len(posts) == 44 + 13 + 5 + 5 + 3 + 2


def test_another_time_zone_moves_the_dates(example_workspace: Path) -> None:
    toml = example_workspace / "sendemast.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("Europe/Copenhagen", "America/New_York"),
                    encoding="utf-8")
    posts, _ = load_posts(load_workspace(example_workspace))
    tweet = next(p for p in posts if p.channel == "x" and p.hour == 14)
    assert tweet.day == dt.date(2025, 11, 18)  # 19:30 UTC = 14:30 in New York


def test_an_unknown_time_zone_is_a_config_error(example_workspace: Path) -> None:
    toml = example_workspace / "sendemast.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("Europe/Copenhagen", "Europe/Fjordmark"),
                    encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_workspace(example_workspace)
    assert "Europe/Fjordmark" in info.value.one_line()


def test_notes_and_leader(example_workspace: Path) -> None:
    workspace = load_workspace(example_workspace)
    notes = load_notes(workspace)
    assert {n.id for n in notes} == {f"notes/{p.name}" for p in (example_workspace / "notes").glob("*.md")}
    assert any(n.title.startswith("besøg på Plejecenter Engbo") for n in notes)
    # the organisation's leaders, as the workspace knows them (Workspace.leader)
    assert leader_id(workspace) == "birgitte" == leader_id(workspace, "birgitte")
    assert leader_id(workspace, "hanne") == "hanne"
    with pytest.raises(UsageError):
        leader_id(workspace, "anden-leder")
    assert slug("Søren Ærø Åberg") == "soeren-aeroe-aaberg"
