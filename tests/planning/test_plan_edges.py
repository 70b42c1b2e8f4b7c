"""The plan at its edges: saved from several threads at once (the plan page under several users), and
without an index."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sendemast.assembly.plan import plan_for
from sendemast.planning.store import load_plan, plan_path, save_plan
from sendemast.workspace import init_workspace, load_workspace


def test_plans_saved_at_once_all_succeed_and_leave_one_whole_file(tmp_path: Path) -> None:
    workspace = load_workspace(init_workspace(tmp_path / "ws", example=True))
    plan = plan_for(workspace, save=False)
    with ThreadPoolExecutor(8) as pool:
        for future in [pool.submit(save_plan, workspace.state_dir, plan) for _ in range(40)]:
            future.result()
    assert load_plan(workspace.state_dir, plan.leader) == plan
    assert [p.name for p in plan_path(workspace.state_dir, plan.leader).parent.iterdir()] == [
        f"{plan.leader}.json"]


def test_a_plan_without_an_index_says_once_how_to_make_one(tmp_path: Path) -> None:
    workspace = load_workspace(init_workspace(tmp_path / "ws", example=True))  # not ingested
    warnings = [w for w in plan_for(workspace, save=False).warnings if "values passages" in w]
    assert len(warnings) == 1 and warnings[0].count("sendemast ingest") == 1, warnings
