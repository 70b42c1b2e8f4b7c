"""A region's installation: two ``sendemast studio --team`` processes behind (here: beside) one address
share one real PostgreSQL and one real ``chroma run`` server, and hold no state of their own. The same
post is edited through both: the second, stale save is refused with the first one's version; a draft
started through one is streamed through the other."""

from __future__ import annotations

import contextlib
import json
import re
import secrets
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.studio.team_support import LEADER_A, PASSWORD, cli, csrf_of
from tests.support.servers import free_port, running

pytestmark = [pytest.mark.slow, pytest.mark.server]


def _shared_workspace(root: Path, database: str, chroma: str) -> None:
    toml = root / "sendemast.toml"
    text = toml.read_text(encoding="utf-8")
    text = text.replace('url = ""', f'url = "{chroma}"', 1)
    text = text.replace("[chroma]", f'[chroma]\ncollection_prefix = "t{uuid.uuid4().hex[:8]}"', 1)
    text = text.replace('database = ""', f'database = "{database}"', 1)
    text = text.replace("team = false", "team = true", 1)
    toml.write_text(text, encoding="utf-8")


def _login(http: Any, name: str) -> str:
    page = http.get("/login")
    answer = http.post("/login", data={"username": name, "password": PASSWORD,
                                       "csrf_token": csrf_of(page.text)})
    assert answer.status_code == 200 and str(answer.url).endswith("/board"), answer.text[:300]
    return csrf_of(http.get("/board").text)


def test_two_studio_processes_one_postgres_one_chroma(
    example_workspace: Path, postgres: Any, chroma_url: str, tmp_path: Path
) -> None:
    import httpx
    import psycopg

    name = f"t_{secrets.token_hex(6)}"
    with psycopg.connect(host=postgres.host, port=postgres.port, user=postgres.user, dbname="postgres",
                         autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    root = example_workspace
    _shared_workspace(root, postgres.url(name), chroma_url)
    cli(root, "ingest")
    done = subprocess.run([sys.executable, "-m", "sendemast", "-w", str(root), "user", "add", "anna",
                           "--role", "adviser", "--leader", LEADER_A],
                          input=f"{PASSWORD}\n{PASSWORD}\n", capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    post = json.loads(cli(root, "draft", "--leader", LEADER_A, "--model", "fake/small-draft", "--json",
                          "--", "- 40 nye boliger i Bredstrand"))["post_id"]

    with two_studios(root, tmp_path) as urls:
        one, two = (httpx.Client(base_url=u, follow_redirects=True, timeout=60) for u in urls)
        with one, two:
            # a session made through one process is valid in the other: it lives in PostgreSQL
            token_one = _login(one, "anna")
            two.cookies.set("sendemast_session", one.cookies["sendemast_session"])
            assert two.get("/api/me").json()["name"] == "anna"
            token_two = csrf_of(two.get("/board").text)
            assert token_two == token_one
            two.cookies.clear()
            token_two = _login(two, "anna")  # her second session, in the other process

            seen_one = one.get(f"/api/posts/{post}").json()
            seen_two = two.get(f"/api/posts/{post}").json()
            assert seen_one["version"] == seen_two["version"]
            first = one.put(f"/api/posts/{post}/text", headers={"x-csrf-token": token_one},
                            json={"text": "Gemt gennem den første proces.", "version": seen_one["version"]})
            assert first.status_code == 200, first.text
            stale = two.put(f"/api/posts/{post}/text", headers={"x-csrf-token": token_two},
                            json={"text": "Gemt gennem den anden proces.", "version": seen_two["version"]})
            assert stale.status_code == 409
            assert stale.json()["current"]["text"] == "Gemt gennem den første proces."
            assert two.get(f"/api/posts/{post}").json()["text"] == "Gemt gennem den første proces."
            # the studio's search runs on the shared Chroma server through either process
            assert one.get("/library", params={"q": "boliger"}).status_code == 200
            # a draft started through one process is followed to its end through the other: the job and
            # its events are in PostgreSQL, the drafting runs in the process that got the request
            started = one.post("/api/drafts", headers={"x-csrf-token": token_one},
                               data={"text": "- åbent hus på Havbakken", "leader": LEADER_A})
            assert started.status_code == 202, started.text
            streamed = two.get(started.json()["events"])
            assert streamed.status_code == 200
            kinds = re.findall(r"^event: (.+)$", streamed.text, re.M)
            assert "draft" in kinds and "done" in kinds and kinds[-1] == "end", kinds
            assert "error" not in kinds, streamed.text[-500:]
            ids = [int(x) for x in re.findall(r"^id: (\d+)$", streamed.text, re.M)]
            assert ids == list(range(1, len(ids) + 1))
            again = one.get(started.json()["events"], headers={"Last-Event-ID": str(ids[-3])})
            assert [int(x) for x in re.findall(r"^id: (\d+)$", again.text, re.M)] == ids[-2:]


@contextlib.contextmanager
def two_studios(root: Path, tmp_path: Path) -> Iterator[list[str]]:
    """``sendemast studio`` twice on the same workspace (``[studio] team = true``), free loopback ports."""
    with contextlib.ExitStack() as stack:
        urls = []
        for n in (1, 2):
            port = free_port()
            cmd = [sys.executable, "-m", "sendemast", "-w", str(root), "studio", "--port", str(port),
                   "--model", "fake/draft"]
            url = f"http://127.0.0.1:{port}"
            stack.enter_context(running(cmd, f"{url}/login", tmp_path / f"studio-{n}.log", timeout=90))
            urls.append(url)
        yield urls
