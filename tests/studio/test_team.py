"""The team studio in-process (``sendemast studio --team``): login, CSRF, throttling, 401 without a
session, an adviser never seeing another leader's posts (drafted by the CLI), and no lost update."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.studio.team_support import (
    LEADER_A,
    LEADER_B,
    PASSWORD,
    add_accounts,
    cli_drafts,
    csrf_of,
    finished_job,
    login,
    session_csrf,
)

BASE = "http://127.0.0.1:8000"


@pytest.fixture(scope="module")
def team_root(ingested_example: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The ingested example with accounts and one CLI draft per leader, shared by this module."""
    import shutil

    root = tmp_path_factory.mktemp("team") / "ws"
    shutil.copytree(ingested_example, root)
    add_accounts(root)
    root_posts = cli_drafts(root)
    (root / "post-ids").write_text(f"{root_posts[LEADER_A]} {root_posts[LEADER_B]}")
    yield root


@pytest.fixture
def ids(team_root: Path) -> dict[str, int]:
    a, b = (team_root / "post-ids").read_text().split()
    return {LEADER_A: int(a), LEADER_B: int(b)}


@pytest.fixture
def client(team_root: Path) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from sendemast.studio.team_mode import create_team_app
    from sendemast.workspace import load_workspace

    app = create_team_app(load_workspace(team_root), model_id="fake/draft")
    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as c:
        yield c


def test_without_a_session_the_api_is_401_and_pages_lead_to_login(client: Any) -> None:
    for path in ("/api/posts", "/api/posts/1", "/api/me"):
        answer = client.get(path)
        assert answer.status_code == 401 and answer.json() == {"error": "log in first"}
    for path in ("/board", "/posts/1", "/", "/history", "/check"):
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"] == "/login"
    page = client.get("/login")
    assert page.status_code == 200
    for words in ('<label for="username">Brugernavn</label>', '<label for="password">Adgangskode</label>',
                  'name="username"', 'name="password"', '<button type="submit">Log ind</button>'):
        assert words in page.text
    health = client.get("/api/health")  # for a load balancer: open, and it tells nothing about anyone
    assert health.status_code == 200 and set(health.json()) == {"status", "ready"}


def test_login_sets_a_strict_cookie_and_logout_ends_the_session(client: Any) -> None:
    answer = login(client, "anna")
    assert answer.status_code == 303 and answer.headers["location"] == "/board"
    cookie = next(c for c in answer.headers.get_list("set-cookie") if c.startswith("sendemast_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    assert client.get("/api/me").json() == {"name": "anna", "role": "adviser", "leaders": [LEADER_A]}
    token = session_csrf(client)
    assert client.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    assert client.get("/api/me").status_code == 401


def test_behind_an_https_proxy_the_cookie_is_secure(client: Any) -> None:
    page = client.get("/login", headers={"x-forwarded-proto": "https"})
    pre = next(c for c in page.headers.get_list("set-cookie") if c.startswith("sendemast_login_csrf="))
    assert "Secure" in pre and "HttpOnly" in pre
    token = csrf_of(page.text)
    client.cookies.clear()  # an http client would not send a Secure cookie back: send it as a browser would
    answer = client.post("/login", follow_redirects=False,
                         headers={"x-forwarded-proto": "https", "cookie": f"sendemast_login_csrf={token}"},
                         data={"username": "anna", "password": PASSWORD, "csrf_token": token})
    cookie = next(c for c in answer.headers.get_list("set-cookie") if c.startswith("sendemast_session="))
    assert "Secure" in cookie and "HttpOnly" in cookie


def test_a_post_without_its_csrf_token_is_403_the_login_form_included(
    client: Any, ids: dict[str, int]
) -> None:
    client.get("/login")
    answer = client.post("/login", data={"username": "anna", "password": PASSWORD})
    assert answer.status_code == 403 and "CSRF" in answer.text
    answer = client.post("/login", data={"username": "anna", "password": PASSWORD, "csrf_token": "gæt"})
    assert answer.status_code == 403
    assert client.get("/api/me").status_code == 401  # not logged in
    login(client, "anna")
    post = ids[LEADER_A]
    assert client.post(f"/api/posts/{post}/comments", json={"text": "uden token"}).status_code == 403
    assert client.post(f"/posts/{post}/comments", data={"text": "uden token"}).status_code == 403
    assert client.post("/api/check", json={"text": "Hej", "channel": "x"}).status_code == 403
    # another session's token is not this one's
    token = session_csrf(client)
    assert client.post(f"/api/posts/{post}/comments", json={"text": "forkert"},
                       headers={"x-csrf-token": token + "x"}).status_code == 403
    ok = client.post(f"/api/posts/{post}/comments", json={"text": "med token"},
                     headers={"x-csrf-token": token})
    assert ok.status_code == 201 and ok.json()["actor"] == "anna"
    # the studio's own pages work with the token (the live check is a JSON fetch with the header)
    assert client.post("/api/check", json={"text": "Hej", "channel": "x"},
                       headers={"x-csrf-token": token}).status_code == 200


def test_wrong_passwords_are_throttled_then_the_right_one_works(client: Any) -> None:
    from datetime import UTC, datetime, timedelta

    from sendemast.team.models import LoginAttempt

    codes = [login(client, "bo", "forkert-kodeord").status_code for _ in range(6)]
    assert codes == [401] * 5 + [429]
    throttled = login(client, "bo")  # even the right password while throttled
    assert throttled.status_code == 429 and int(throttled.headers["retry-after"]) > 0
    assert "too many failed logins" in throttled.text
    # "for a while": move the failures back past the lockout, as waiting would
    db = client.app.state.team_db
    with db.session() as s:
        for row in s.query(LoginAttempt).filter(LoginAttempt.name == "bo"):
            row.created_at = datetime.now(UTC) - timedelta(minutes=6)
    assert login(client, "bo").status_code == 303
    assert client.get("/api/me").json()["name"] == "bo"


def test_an_adviser_never_sees_another_leaders_post(client: Any, ids: dict[str, int]) -> None:
    login(client, "anna")
    posts = client.get("/api/posts").json()
    assert [p["id"] for p in posts] == [ids[LEADER_A]] or {p["leader"] for p in posts} == {LEADER_A}
    assert {"id", "leader", "status", "version", "text"} <= set(posts[0])
    assert client.get(f"/api/posts?leader={LEADER_B}").json() == []
    other = ids[LEADER_B]
    token = session_csrf(client)
    hdr = {"x-csrf-token": token}
    for answer in (client.get(f"/api/posts/{other}"), client.get(f"/posts/{other}"),
                   client.put(f"/api/posts/{other}/text", json={"text": "x", "version": 1}, headers=hdr),
                   client.post(f"/api/posts/{other}/steps", json={"action": "submit"}, headers=hdr),
                   client.post(f"/api/posts/{other}/comments", json={"text": "x"}, headers=hdr),
                   client.post(f"/posts/{other}/steps", data={"action": "submit", "version": "1",
                                                            "csrf_token": token}),
                   client.get("/api/posts/999999")):
        assert answer.status_code == 404
    board = client.get("/board").text
    assert f"/posts/{ids[LEADER_A]}" in board and f"/posts/{other}" not in board
    assert "Hanne" not in client.get("/").text.split('id="leader"')[1].split("</select>")[0]
    # drafting for a leader she does not serve is refused like an unknown leader
    answer = client.post("/api/drafts", data={"text": "- noget", "leader": LEADER_B, "csrf_token": token})
    assert answer.status_code == 400 and "unknown leader" in answer.json()["error"]
    # the admin sees both
    login(client, "dorte")
    assert {p["leader"] for p in client.get("/api/posts").json()} == {LEADER_A, LEADER_B}


def test_a_draft_in_the_studio_runs_as_the_logged_in_account(client: Any) -> None:
    import time

    login(client, "anna")
    token = session_csrf(client)
    answer = client.post("/api/drafts", data={"text": "- åbent hus på rådhuset", "leader": LEADER_A,
                                              "csrf_token": token})
    assert answer.status_code == 202
    finished_job(client, answer.json()["job"])
    for _ in range(50):
        mine = [p for p in client.get("/api/posts").json() if p["created_by"] == "anna"]
        if mine:
            break
        time.sleep(0.1)
    assert mine and mine[0]["leader"] == LEADER_A and mine[0]["status"] == "kladde"


def test_a_stale_save_is_409_with_the_others_version(client: Any, ids: dict[str, int]) -> None:
    login(client, "anna")
    hdr = {"x-csrf-token": session_csrf(client)}
    post = client.get(f"/api/posts/{ids[LEADER_A]}").json()
    read = post["version"]
    first = client.put(f"/api/posts/{post['id']}/text", json={"text": "Annas version.", "version": read},
                       headers=hdr)
    assert first.status_code == 200 and first.json()["version"] == read + 1
    stale = client.put(f"/api/posts/{post['id']}/text", json={"text": "En anden version.", "version": read},
                       headers=hdr)
    assert stale.status_code == 409
    assert stale.json()["current"]["text"] == "Annas version."
    assert stale.json()["current"]["version"] == read + 1
    assert client.get(f"/api/posts/{post['id']}").json()["text"] == "Annas version."
    # the page shows the other's version and keeps her own text in the field
    page = client.post(f"/posts/{post['id']}/text", data={"text": "Min <b>tekst</b>", "version": str(read),
                                                          "csrf_token": hdr["x-csrf-token"]})
    assert page.status_code == 409 and "Annas version." in page.text
    assert "Min &lt;b&gt;tekst&lt;/b&gt;" in page.text and "<b>tekst" not in page.text


def test_the_approval_path_through_the_pages(client: Any, ids: dict[str, int]) -> None:
    login(client, "anna")
    post = ids[LEADER_A]
    token = session_csrf(client)
    version = client.get(f"/api/posts/{post}").json()["version"]
    page = client.get(f"/posts/{post}").text
    assert 'value="submit"' in page and 'value="approve"' not in page  # an adviser does not approve
    # the approval view says how written the draft is, against the notes it was drafted from
    assert "Skrevet eller kopieret" in page and "Ordret fra noterne" in page
    assert client.get(f"/api/posts/{post}").json()["written"]["copied_share"] is not None
    assert "Birgitte Vang Holst" in page.split('<p class="meta">', 1)[1].split("</p>", 1)[0]  # her name
    done = client.post(f"/posts/{post}/steps", data={"action": "submit", "version": str(version),
                                                   "csrf_token": token}, follow_redirects=False)
    assert done.status_code == 303
    login(client, "carl")
    token = session_csrf(client)
    page = client.get(f"/posts/{post}").text
    assert 'value="approve"' in page and 'value="request_changes"' in page
    bare = client.post(f"/api/posts/{post}/steps", json={"action": "request_changes"},
                       headers={"x-csrf-token": token})
    assert bare.status_code == 409 and "reason" in bare.json()["error"]
    ok = client.post(f"/api/posts/{post}/steps", json={"action": "request_changes", "reason": "Kortere, tak"},
                     headers={"x-csrf-token": token})
    assert ok.status_code == 200 and ok.json()["post"]["status"] == "aendringer_oensket"
    record = client.get(f"/api/posts/{post}").json()
    assert [(t["action"], t["actor"]) for t in record["transitions"]][-2:] == [
        ("submit", "anna"), ("request_changes", "carl")]
    assert record["comments"][-1]["text"] == "Kortere, tak"
    page = client.get(f"/posts/{post}").text
    assert "Kortere, tak" in page and "ændringer ønsket" in page


def test_a_block_post_offers_no_approval_and_a_review_one_asks_for_a_reason(client: Any) -> None:
    from sendemast.team.posts import insert_post

    # the real checker, as the studio runs it again on the text being approved
    check = client.app.state.studio.organisation.check
    blocked_text = "Tillykke til Jens, 010190-1234, med jubilæet."
    review_text = "Stem på Socialdemokratiet ved valget på tirsdag!"
    db = client.app.state.team_db
    with db.session() as s:
        blocked = insert_post(s, None, LEADER_A, "x", blocked_text, check(blocked_text, "x", LEADER_A)).id
        review = insert_post(s, None, LEADER_A, "x", review_text, check(review_text, "x", LEADER_A)).id
    login(client, "anna")
    hdr = {"x-csrf-token": session_csrf(client)}
    for post in (blocked, review):
        submitted = client.post(f"/api/posts/{post}/steps", json={"action": "submit"}, headers=hdr)
        assert submitted.status_code == 200
    login(client, "carl")
    hdr = {"x-csrf-token": session_csrf(client)}
    page = client.get(f"/posts/{blocked}").text
    assert 'value="approve"' not in page and "kan ikke godkendes" in page
    assert client.post(f"/api/posts/{blocked}/steps", json={"action": "approve", "reason": "alligevel"},
                       headers=hdr).status_code == 409
    page = client.get(f"/posts/{review}").text
    assert 'value="approve"' in page and 'name="reason"' in page and "neutrality.party" in page
    bare = client.post(f"/api/posts/{review}/steps", json={"action": "approve"}, headers=hdr)
    assert bare.status_code == 409 and "must approve" in bare.json()["error"]
    ok = client.post(f"/api/posts/{review}/steps", headers=hdr,
                     json={"action": "approve", "reason": "Faglig, ikke politisk"})
    assert ok.status_code == 200 and ok.json()["post"]["status"] == "godkendt"


def test_the_board_groups_posts_by_status(client: Any, ids: dict[str, int]) -> None:
    login(client, "dorte")
    page = client.get(f"/board?leader={LEADER_B}").text
    for label in ("kladde", "til godkendelse", "ændringer ønsket", "godkendt", "udgivet"):
        assert f">{label} <span" in page
    assert f"/posts/{ids[LEADER_B]}" in page and f"/posts/{ids[LEADER_A]}" not in page


def test_the_openapi_document_describes_the_api(client: Any) -> None:
    schema = client.get("/api/openapi.json").json()
    assert {"/api/posts", "/api/posts/{post_id}", "/api/posts/{post_id}/text",
            "/api/posts/{post_id}/steps", "/api/posts/{post_id}/comments"} <= set(schema["paths"])
    item = schema["components"]["schemas"]["PostOut"]["properties"]
    assert {"id", "leader", "status"} <= set(item)
    assert "409" in schema["paths"]["/api/posts/{post_id}/text"]["put"]["responses"]


def test_without_team_the_studio_needs_no_login(studio_client: Any) -> None:
    assert studio_client.get("/").status_code == 200
    assert studio_client.get("/login").status_code == 404
    assert studio_client.post("/api/check", json={"text": "Hej", "channel": "x"}).status_code == 200


def test_a_same_origin_form_with_a_null_origin_is_let_through(client: Any) -> None:
    # Chromium sends "Origin: null" for a plain form POST under Referrer-Policy: no-referrer; its
    # Sec-Fetch-Site tells a same-origin form from a sandboxed page.
    page = client.get("/login")
    data = {"username": "anna", "password": PASSWORD, "csrf_token": csrf_of(page.text)}
    refused = client.post("/login", data=data, headers={"origin": "null"}, follow_redirects=False)
    assert refused.status_code == 403
    same = client.post("/login", data=data, follow_redirects=False,
                       headers={"origin": "null", "sec-fetch-site": "same-origin"})
    assert same.status_code == 303


def test_the_history_shows_an_adviser_only_her_leaders_drafts(client: Any) -> None:
    from sendemast.team.history import HistoryStore
    from sendemast.workspace import load_workspace

    every = HistoryStore.for_workspace(load_workspace(client.app.state.studio.workspace.root)).entries()
    theirs = [e["id"] for e in every if e.get("leader") == LEADER_B]
    mine = [e["id"] for e in every if e.get("leader") == LEADER_A]
    assert theirs and mine
    login(client, "anna")
    page = client.get("/history").text
    assert all(f"/history/{i}" in page for i in mine) and not any(f"/history/{i}" in page for i in theirs)
    assert client.get(f"/history/{theirs[0]}").status_code == 404
    assert client.get(f"/history/{mine[0]}").status_code == 200


def test_a_draft_in_progress_is_followed_only_by_whoever_started_it(client: Any) -> None:
    login(client, "anna")
    answer = client.post("/api/drafts", data={"text": "- borgermøde i Bredstrand", "leader": LEADER_A,
                                              "csrf_token": session_csrf(client)})
    events = answer.json()["events"]
    finished_job(client, answer.json()["job"])
    assert client.get(events).status_code == 200
    login(client, "carl")
    assert client.get(events).status_code == 404


def test_a_draft_started_in_one_studio_is_followed_through_another(client: Any, team_root: Path) -> None:
    """Two apps on one workspace stand for two studio processes: the job and the session are in the
    database, so the other app streams the draft to its end and still refuses someone else."""
    from fastapi.testclient import TestClient

    from sendemast.studio.team_mode import create_team_app
    from sendemast.workspace import load_workspace

    login(client, "anna")
    answer = client.post("/api/drafts", data={"text": "- borgermøde i Bredstrand", "leader": LEADER_A,
                                              "csrf_token": session_csrf(client)})
    other = create_team_app(load_workspace(team_root), model_id="fake/draft")
    with TestClient(other, base_url=BASE, raise_server_exceptions=False) as second:
        second.cookies.set("sendemast_session", client.cookies["sendemast_session"])
        streamed = second.get(answer.json()["events"])
        assert streamed.status_code == 200
        kinds = re.findall(r"^event: (.+)$", streamed.text, re.M)
        assert kinds[0] == "model" and "draft" in kinds and "done" in kinds and kinds[-1] == "end"
        login(second, "carl")
        assert second.get(answer.json()["events"]).status_code == 404


def test_studio_team_without_accounts_is_one_line(
    example_workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.team.test_cli import run

    code, out, err = run(monkeypatch, capsys, "-w", str(example_workspace), "studio", "--team",
                         "--port", "1")
    assert code == 2 and out == ""
    assert err.startswith("error: the team studio has no accounts yet") and err.count("\n") == 1
