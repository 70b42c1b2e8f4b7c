"""Helpers for the team studio's tests: a workspace with CLI drafts for both example leaders and a few
Fjordmark accounts (fictional), and logging in as a browser does."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

LEADER_A = "birgitte"
LEADER_B = "hanne"
PASSWORD = "korrekt-hest-batteri"
ACCOUNTS = {  # name: (role, leaders)
    "anna": ("adviser", [LEADER_A]),
    "bo": ("adviser", [LEADER_B]),
    "carl": ("approver", [LEADER_A]),
    "dorte": ("admin", []),
}
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def add_accounts(root: Path) -> None:
    from sendemast.team.accounts import add_user
    from sendemast.team.db import open_workspace_database
    from sendemast.workspace import load_workspace

    db = open_workspace_database(load_workspace(root))
    for name, (role, leaders) in ACCOUNTS.items():
        add_user(db, name, role, PASSWORD, leaders)


def cli(root: Path, *args: str) -> str:
    """``sendemast -w ROOT ARGS`` as a user runs it (a subprocess: the CLI's own process)."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "sendemast", "-w", str(root), *args],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def cli_drafts(root: Path) -> dict[str, int]:
    """One draft per example leader, made by the command line: {leader: post id}."""
    found = {}
    for leader, notes in ((LEADER_A, "- 40 nye boliger i Bredstrand"),
                          (LEADER_B, "- ny legeplads ved Søndervang Skole")):
        out = cli(root, "draft", "--leader", leader, "--model", "fake/small-draft", "--json", "--", notes)
        found[leader] = int(json.loads(out)["post_id"])
    return found


def csrf_of(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "no csrf_token field on the page"
    return match.group(1)


def login(client: Any, name: str, password: str = PASSWORD) -> Any:
    page = client.get("/login")
    return client.post("/login", data={"username": name, "password": password,
                                       "csrf_token": csrf_of(page.text)}, follow_redirects=False)


def session_csrf(client: Any) -> str:
    return csrf_of(client.get("/board").text)


def finished_job(client: Any, job_id: str, timeout: float = 120) -> Any:
    """Wait for a draft job to end, as any studio process sees it (in the database)."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        job = client.app.state.studio.jobs.get(job_id)
        if (job is not None and job.finished) or time.monotonic() > deadline:
            return job
        time.sleep(0.1)
