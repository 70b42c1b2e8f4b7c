"""The public record from the command line (issue 21): quiet periods, a post with capacity and an image,
its record written as PDF and JSON, and a records export — each bad input one line, nothing half made."""

from __future__ import annotations

import json
import zipfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import run_cli


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    from sendemast.team.accounts import add_user
    from sendemast.team.db import open_workspace_database
    from sendemast.workspace import init_workspace, load_workspace

    root = tmp_path / "ws"
    init_workspace(root, example=True)
    db = open_workspace_database(load_workspace(root))
    add_user(db, "anna", "adviser", "korrekt-hest-batteri", ["hanne"])
    add_user(db, "bo", "approver", "korrekt-hest-batteri", ["hanne"])
    add_user(db, "carl", "adviser", "korrekt-hest-batteri", ["birgitte"])
    return root


def cli(capsys: Any, monkeypatch: Any, ws: Path, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, monkeypatch, "-w", str(ws), *args)


def test_quiet_start_list_and_end_with_bad_input_as_one_line(capsys: Any, monkeypatch: Any, ws: Path) -> None:
    today = date.today()
    code, _, err = cli(
        capsys,
        monkeypatch,
        ws,
        "quiet",
        "start",
        "--until",
        (today - timedelta(days=2)).isoformat(),
        "--reason",
        "Valg",
    )
    assert code != 0 and err.count("\n") == 1 and "before it starts" in err
    code, _, err = cli(capsys, monkeypatch, ws, "quiet", "start", "--until", "31-12-2026", "--reason", "Valg")
    assert code != 0 and "not a date" in err
    code, _, err = cli(
        capsys,
        monkeypatch,
        ws,
        "quiet",
        "start",
        "--until",
        today.isoformat(),
        "--reason",
        "Valg",
        "--as",
        "bo",
    )
    assert code != 0 and "only an admin" in err
    code, out, _ = cli(
        capsys,
        monkeypatch,
        ws,
        "quiet",
        "start",
        "--until",
        today.isoformat(),
        "--reason",
        "Kommunalvalg udskrevet",
        "--for",
        "hanne",
        "--json",
    )
    assert code == 0 and json.loads(out)["leader"] == "hanne"
    code, out, _ = cli(capsys, monkeypatch, ws, "quiet", "list", "--json")
    assert [p["reason"] for p in json.loads(out)["started"]] == ["Kommunalvalg udskrevet"]
    code, out, err = cli(capsys, monkeypatch, ws, "quiet", "end")  # none for the whole organisation
    assert code != 0 and "no quiet period" in err
    code, out, _ = cli(capsys, monkeypatch, ws, "quiet", "end", "--for", "hanne")
    assert code == 0 and "Ended quiet period" in out


def test_a_post_with_an_image_its_record_and_an_export(
    capsys: Any, monkeypatch: Any, ws: Path, tmp_path: Path
) -> None:
    from PIL import Image

    code, out, _ = cli(
        capsys,
        monkeypatch,
        ws,
        "post",
        "new",
        "Jeg var på Engbo i dag. Tak for kaffen.",
        "--leader",
        "hanne",
        "--capacity",
        "official",
        "--as",
        "anna",
        "--json",
    )
    post = json.loads(out)
    assert code == 0 and post["capacity"] == "official"
    pid = str(post["id"])
    (tmp_path / "not.png").write_text("hej")
    code, _, err = cli(
        capsys,
        monkeypatch,
        ws,
        "post",
        "image",
        "add",
        pid,
        str(tmp_path / "not.png"),
        "--version",
        "1",
        "--as",
        "anna",
    )
    assert code != 0 and "not an image" in err and err.count("\n") == 1
    Image.new("RGB", (30, 20), (1, 2, 3)).save(tmp_path / "foto.jpg")
    code, out, _ = cli(
        capsys,
        monkeypatch,
        ws,
        "post",
        "image",
        "add",
        pid,
        str(tmp_path / "foto.jpg"),
        "--version",
        "1",
        "--alt",
        "Kaffekander på et bord",
        "--as",
        "anna",
        "--json",
    )
    assert code == 0 and json.loads(out)["images"][0]["mime"] == "image/jpeg"
    assert cli(capsys, monkeypatch, ws, "post", "submit", pid, "--as", "anna")[0] == 0
    assert cli(capsys, monkeypatch, ws, "post", "approve", pid, "--as", "bo")[0] == 0
    code, _, err = cli(
        capsys,
        monkeypatch,
        ws,
        "post",
        "publish",
        pid,
        "--url",
        "https://www.linkedin.com/p/1",
        "--date",
        "2026-12-07",
        "--as",
        "anna",
    )
    assert code == 0, err
    code, out, _ = cli(
        capsys,
        monkeypatch,
        ws,
        "post",
        "record",
        pid,
        "--out",
        str(tmp_path / "rec"),
        "--as",
        "anna",
        "--json",
    )
    written = json.loads(out)
    assert Path(written["pdf"]).read_bytes().startswith(b"%PDF")
    assert json.loads(Path(written["json"]).read_text())["editorial_control"]["by"] == "bo"
    code, _, err = cli(
        capsys, monkeypatch, ws, "post", "record", pid, "--out", str(tmp_path / "x"), "--as", "carl"
    )
    assert code != 0 and f"no post {pid}" in err  # another leader's adviser: as if it did not exist
    zip_path = tmp_path / "export.zip"
    code, out, err = cli(
        capsys,
        monkeypatch,
        ws,
        "records",
        "export",
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-31",
        "--out",
        str(zip_path),
        "--leader",
        "hanne",
        "--as",
        "anna",
    )
    assert code == 0, err
    with zipfile.ZipFile(zip_path) as archive:
        assert f"post-{int(pid):04d}/images/1-foto.jpg" in archive.namelist()
    code, _, err = cli(
        capsys,
        monkeypatch,
        ws,
        "records",
        "export",
        "--from",
        "2025-01-01",
        "--to",
        "2025-01-31",
        "--out",
        str(tmp_path / "empty.zip"),
    )
    assert code != 0 and "no posts published between 2025-01-01 and 2025-01-31" in err
    assert not (tmp_path / "empty.zip").exists()


def test_the_plan_leaves_a_started_quiet_period_empty(ws: Path) -> None:
    from sendemast.assembly.plan import plan_for
    from sendemast.team.db import open_workspace_database
    from sendemast.team.quiet import start_quiet
    from sendemast.workspace import load_workspace

    workspace = load_workspace(ws)
    today = date(2027, 2, 1)
    before = plan_for(workspace, weeks=2, today=today, leader="hanne", save=False)
    assert before.plan and not before.quiet_days
    start_quiet(open_workspace_database(workspace), None, start=today, until=today + timedelta(days=20),
                reason="Folketingsvalg udskrevet", leader="hanne")
    after = plan_for(workspace, weeks=2, today=today, leader="hanne", save=False)
    assert not after.plan and after.quiet_days
    assert plan_for(workspace, weeks=2, today=today, leader="birgitte", save=False).plan  # hers only
