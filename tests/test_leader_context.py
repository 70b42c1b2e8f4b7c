"""One assembly per leader (``sendemast.assembly``): every face checks a leader's post against her own
profile — the CLI, ``POST /api/check`` (in a thread and in the worker processes), the drafts' live
check and the team approval — never against the default leader's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import run_cli

# Hanne's topics (forebyggelse: akutteam, genoptræning; ældrepleje: nattevagt) and none of Birgitte's
# but "ældre": the topic tip tells the two profiles apart.
TEXT = ("Jeg var med akutteamet på nattevagt i går. Forebyggelse og genoptræning gør en forskel for de "
        "ældre i Fjordmark, og jeg er stolt af jer.")
BASE = "http://127.0.0.1:8000"


def tips_of(root: Path, leader: str, text: str = TEXT, channel: str = "linkedin") -> dict[str, float]:
    from sendemast.assembly import Organisation
    from sendemast.workspace import load_workspace

    tips: dict[str, float] = Organisation(load_workspace(root)).leader(leader).check(text, channel).tips
    return tips


def test_the_context_is_built_once_per_leader_with_her_profile(example_workspace: Path) -> None:
    from sendemast.assembly import Organisation
    from sendemast.errors import UsageError
    from sendemast.workspace import load_workspace

    organisation = Organisation(load_workspace(example_workspace))
    hanne = organisation.leader("hanne")
    assert organisation.leader("hanne") is hanne and hanne.profile.name == "Hanne Lykke Ravn"
    assert organisation.leader(None).id == "birgitte" and organisation.leader(None) is organisation.leader(
        "birgitte")
    assert hanne.ruleset is organisation.leader("birgitte").ruleset  # the rules are the workspace's, once
    with pytest.raises(UsageError, match=r"no leader 'nobody'.*birgitte, hanne"):
        organisation.leader("nobody")
    # the two profiles score this post differently, so the tests below can tell which one was used
    assert tips_of(example_workspace, "hanne") != tips_of(example_workspace, "birgitte")
    assert tips_of(example_workspace, "hanne")["topics"] == 1.0


def test_an_edited_profile_is_used_at_the_next_check(example_workspace: Path) -> None:
    import os

    from sendemast.assembly import Organisation
    from sendemast.workspace import load_workspace

    hanne = Organisation(load_workspace(example_workspace)).leader("hanne")
    assert hanne.check(TEXT, "linkedin").tips["topics"] == 1.0
    path = example_workspace / "leaders" / "hanne" / "profile.yaml"
    text = path.read_text(encoding="utf-8")
    for word in ("akutteam, ", "genoptræning, ", "forebyggelse, ", "nattevagt, "):
        text = text.replace(word, "")
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # a clock that did not tick
    assert hanne.check(TEXT, "linkedin").tips["topics"] < 1.0


def test_cli_check_with_leader_uses_her_profile(example_workspace: Path, capsys: Any,
                                                monkeypatch: Any) -> None:
    post = example_workspace / "opslag.txt"
    post.write_text(TEXT, encoding="utf-8")
    ws = str(example_workspace)
    code, out, err = run_cli(capsys, monkeypatch, "-w", ws, "--leader", "hanne", "check", str(post), "--json")
    assert code == 0, err
    assert json.loads(out)["tips"] == tips_of(example_workspace, "hanne")
    code, out, _ = run_cli(capsys, monkeypatch, "-w", ws, "check", str(post), "--json")
    assert json.loads(out)["tips"] == tips_of(example_workspace, "birgitte")


def _studio(root: Path, **options: Any) -> Any:
    from sendemast.studio import create_app
    from sendemast.workspace import load_workspace

    return create_app(load_workspace(root), model_id="fake/draft", **options)


def test_api_check_for_a_leader_gives_the_cli_tip_scores(
        example_workspace: Path, capsys: Any, monkeypatch: Any) -> None:
    from fastapi.testclient import TestClient

    post = example_workspace / "opslag.txt"
    post.write_text(TEXT, encoding="utf-8")
    code, out, err = run_cli(capsys, monkeypatch, "-w", str(example_workspace), "--leader", "hanne", "check",
                             str(post), "--channel", "x", "--json")
    assert code == 0, err
    cli_tips = json.loads(out)["tips"]
    with TestClient(_studio(example_workspace), base_url=BASE) as client:
        hers = client.post("/api/check", json={"text": TEXT, "channel": "x", "leader": "hanne"})
        assert hers.status_code == 200
        assert hers.json()["check"]["tips"] == cli_tips
        default = client.post("/api/check", json={"text": TEXT, "channel": "x"}).json()["check"]["tips"]
        assert default == tips_of(example_workspace, "birgitte", channel="x") != cli_tips
        unknown = client.post("/api/check", json={"text": TEXT, "channel": "x", "leader": "nobody"})
        assert unknown.status_code == 400 and "no leader 'nobody'" in unknown.json()["error"]
        page = client.post("/check", data={"post": TEXT, "channel": "x", "leader": "hanne"})  # no JavaScript
        assert page.status_code == 200 and 'value="hanne" selected' in page.text


def test_the_worker_processes_check_each_leader_against_her_profile(example_workspace: Path) -> None:
    from fastapi.testclient import TestClient

    app = _studio(example_workspace, check_workers=1)
    assert app.state.studio.check_pool is not None
    with TestClient(app, base_url=BASE) as client:
        answers = {}
        for leader in ("hanne", "birgitte", "hanne"):  # a context per leader, kept in the worker
            got = client.post("/api/check", json={"text": TEXT, "channel": "linkedin", "leader": leader})
            assert got.status_code == 200
            answers.setdefault(leader, []).append(got.json())
        assert answers["hanne"][0] == answers["hanne"][1]
        in_thread = app.state.studio.checker.check_and_render(TEXT, "linkedin", None, "da", "hanne")
        assert (answers["hanne"][0]["check"], answers["hanne"][0]["html"]) == in_thread
        assert answers["hanne"][0]["check"]["tips"] == tips_of(example_workspace, "hanne")
        assert answers["birgitte"][0]["check"]["tips"] == tips_of(example_workspace, "birgitte")
        unknown = client.post("/api/check", json={"text": TEXT, "channel": "x", "leader": "nobody"})
        assert unknown.status_code == 400 and "no leader 'nobody'" in unknown.json()["error"]


def test_a_draft_for_a_leader_is_live_checked_as_hers(example_workspace: Path) -> None:
    from sendemast.studio.drafts import draft_html

    app = _studio(example_workspace)
    draft = {"text": TEXT, "channel": "linkedin", "check": None, "sources": []}
    html = str(draft_html(draft, 1, "draft", "da", app.state.studio, "hanne"))
    assert 'class="draft-text live-input copy-source"' in html and 'data-leader="hanne"' in html
    script = (Path(__file__).parents[1] / "src/sendemast/studio/static/studio.js").read_text("utf-8")
    assert "leader: leaderOf(input)" in script  # what the editor's live check sends


def test_the_approval_checks_against_the_posts_leader(example_workspace: Path) -> None:
    from fastapi.testclient import TestClient

    from sendemast.studio.team_mode import create_team_app
    from sendemast.team.accounts import add_user
    from sendemast.team.db import open_workspace_database
    from sendemast.team.posts import insert_post
    from sendemast.workspace import load_workspace
    from tests.studio.team_support import PASSWORD, login, session_csrf

    workspace = load_workspace(example_workspace)
    db = open_workspace_database(workspace)
    add_user(db, "bo", "adviser", PASSWORD, ["hanne"])
    add_user(db, "helle", "approver", PASSWORD, ["hanne"])
    with db.session() as session:
        post = insert_post(session, None, "hanne", "linkedin", "Et første udkast om akutteamet.", {}).id
    app = create_team_app(workspace, model_id="fake/draft")
    hers, birgittes = tips_of(example_workspace, "hanne"), tips_of(example_workspace, "birgitte")
    assert hers != birgittes

    def stored_tips() -> Any:
        from sendemast.team.models import Post

        with db.session() as session:
            row = session.get(Post, post)
            assert row is not None
            return dict(row.check or {}).get("tips")

    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as client:
        login(client, "bo")
        hdr = {"x-csrf-token": session_csrf(client)}
        saved = client.put(f"/api/posts/{post}/text", json={"text": TEXT, "version": 1}, headers=hdr)
        assert saved.status_code == 200, saved.text
        assert stored_tips() == hers
        submitted = client.post(f"/api/posts/{post}/steps", json={"action": "submit"}, headers=hdr)
        assert submitted.status_code == 200
        with db.session() as session:  # as if checked by an older rule set: the approval checks again
            from sendemast.team.models import Post

            row = session.get(Post, post)
            assert row is not None
            row.check = {"verdict": "pass", "findings": []}
        login(client, "helle")
        hdr = {"x-csrf-token": session_csrf(client)}
        approved = client.post(f"/api/posts/{post}/steps", json={"action": "approve", "reason": "fint"},
                               headers=hdr)
        assert approved.status_code == 200, approved.text
        assert approved.json()["post"]["status"] == "godkendt"
        assert stored_tips() == hers


def test_the_check_page_is_for_a_leader_the_user_writes_for(example_workspace: Path) -> None:
    from fastapi.testclient import TestClient

    from sendemast.studio.team_mode import create_team_app
    from sendemast.team.accounts import add_user
    from sendemast.team.db import open_workspace_database
    from sendemast.workspace import load_workspace
    from tests.studio.team_support import PASSWORD, login

    workspace = load_workspace(example_workspace)
    add_user(open_workspace_database(workspace), "bo", "adviser", PASSWORD, ["hanne"])
    with TestClient(create_team_app(workspace, model_id="fake/draft"), base_url=BASE) as client:
        login(client, "bo")
        page = client.get("/check").text  # Hanne's adviser: her profile, not the default leader's
        assert 'data-leader="hanne"' in page and '<input type="hidden" name="leader" value="hanne">' in page
