"""``sendemast user …`` and ``sendemast post …`` as a user runs them; drafts from the CLI are posts."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from sendemast.cli import main
from tests.team.conftest import LEADER_A, LEADER_B, PASSWORD


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str,
        stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["sendemast", *args])
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    with pytest.raises(SystemExit) as done:
        main()
    out, err = capsys.readouterr()
    code = done.value.code
    return (code if isinstance(code, int) else 0 if code is None else 1), out, err


@pytest.fixture
def sm(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], example_workspace: Path) -> Any:
    def call(*args: str, stdin: str = "") -> tuple[int, str, str]:
        return run(monkeypatch, capsys, "-w", str(example_workspace), *args, stdin=stdin)

    return call


def twice(password: str) -> str:
    return f"{password}\n{password}\n"


def test_user_commands_never_show_a_password_or_hash(sm: Any, example_workspace: Path) -> None:
    code, out, err = sm("user", "add", "anna", "--role", "adviser", "--leader", LEADER_A,
                        stdin=twice(PASSWORD))
    assert code == 0 and "Added anna (adviser; leaders: birgitte)" in out
    code, _, err = sm("user", "add", "bo", "--role", "leader", stdin=f"{PASSWORD}\nandet-ord-1\n")
    assert code == 2 and err == "error: the two passwords differ\n"
    code, _, err = sm("user", "add", "bo", "--role", "chef", stdin=twice(PASSWORD))
    assert code == 2 and err.startswith("error: unknown role 'chef'") and err.count("\n") == 1
    code, out, _ = sm("user", "list", "--json")
    users = json.loads(out)["users"]
    assert [(u["name"], u["role"], u["leaders"]) for u in users] == [("anna", "adviser", [LEADER_A])]
    code, out, err = sm("user", "passwd", "anna", stdin=twice("et-nyt-kodeord"))
    assert code == 0 and "New password set for anna" in out
    code, _, err = sm("user", "passwd", "nobody", stdin=twice("et-nyt-kodeord"))
    assert code == 2 and err == "error: no user 'nobody' (see 'sendemast user list')\n"
    code, out, _ = sm("user", "remove", "anna")
    assert code == 0 and sm("user", "list", "--json")[1].count('"name"') == 0
    # Neither the passwords nor their hashes were ever printed.
    assert PASSWORD not in out + err and "argon2" not in out + err


def test_cli_drafts_become_posts_and_an_adviser_sees_only_her_leaders(
    sm: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    sm("user", "add", "anna", "--role", "adviser", "--leader", LEADER_A, stdin=twice(PASSWORD))
    sm("user", "add", "carl", "--role", "approver", "--leader", LEADER_A, stdin=twice(PASSWORD))
    code, out, _ = sm("draft", "--model", "fake/small-draft", "--json", "--", "- 40 nye boliger i Bredstrand")
    assert code == 0
    post_a = json.loads(out)["post_id"]
    # the same organisation drafting for its other leader
    code, out, _ = sm("draft", "--leader", LEADER_B, "--model", "fake/small-draft", "--",
                      "- ny legeplads ved Søndervang Skole")
    assert code == 0 and "(kladde): sendemast post show" in out

    code, out, _ = sm("post", "list", "--json")
    every = {p["id"]: p for p in json.loads(out)["posts"]}
    assert {p["leader"] for p in every.values()} == {LEADER_A, LEADER_B}
    assert all(p["status"] == "kladde" and p["history_id"] for p in every.values())
    (post_b,) = [i for i, p in every.items() if p["leader"] == LEADER_B]

    code, out, _ = sm("post", "list", "--as", "anna", "--json")
    assert [p["id"] for p in json.loads(out)["posts"]] == [post_a]
    for command in (("post", "show", str(post_b)), ("post", "submit", str(post_b)),
                    ("post", "comment", str(post_b), "hej")):
        code, out, err = sm(*command, "--as", "anna")
        assert (code, out, err) == (1, "", f"error: no post {post_b}\n")

    assert sm("post", "submit", str(post_a), "--as", "anna")[0] == 0
    code, _, err = sm("post", "approve", str(post_a), "--as", "anna")
    assert code == 1 and err == f"error: you may not approve post {post_a}\n"
    # the fake model's draft is the note itself ("Jeg kan fortælle: …"): voice.pasted, so review, and the
    # approval re-check (against the draft's notes, from the history) still sees it: a reason is needed
    code, _, err = sm("post", "approve", str(post_a), "--as", "carl")
    assert code == 1 and "voice.pasted" in err
    code, out, _ = sm("post", "approve", str(post_a), "--as", "carl", "--json", "--reason", "kort besked")
    assert code == 0 and json.loads(out)["status"] == "godkendt"
    code, out, _ = sm("post", "show", str(post_a), "--json")
    steps = [(t["action"], t["actor"]) for t in json.loads(out)["transitions"]]
    assert steps == [("create", "cli"), ("submit", "anna"), ("approve", "carl")]


def test_edit_with_a_stale_version_shows_the_others_version(sm: Any) -> None:
    code, out, _ = sm("post", "new", "Første udgave af opslaget.", "--json")
    post = json.loads(out)
    assert code == 0 and post["version"] == 1 and post["leader"] == LEADER_A
    assert sm("post", "edit", str(post["id"]), "Anden udgave.", "--version", "1")[0] == 0
    code, out, err = sm("post", "edit", str(post["id"]), "Min udgave.", "--version", "1")
    assert code == 1 and out == "" and err.count("\n") == 1
    assert "changed by cli (now version 2, kladde)" in err and "was not saved" in err
    code, _, err = sm("post", "edit", "x", "tekst", "--version", "1")
    assert code == 2 and "Traceback" not in err


def test_publishing_adds_the_post_to_past_posts_and_ingests_it(sm: Any, example_workspace: Path) -> None:
    from sendemast.corpus.loaders import load_file
    from sendemast.retrieval import open_retriever
    from sendemast.workspace import load_workspace

    text = "Flisebanken i Ørnsø er åben: 14 frivillige byggede den på tre weekender. Tak! #Frivillighed"
    post = json.loads(sm("post", "new", text, "--channel", "x", "--json")[1])
    for step in (("submit",), ("approve",)):
        assert sm("post", *step, str(post["id"]))[0] == 0
    code, _, err = sm("post", "publish", str(post["id"]), "--url", "https://x.com/BirgitteVHolst/status/1",
                      "--date", "2026-11-30")
    assert code == 0 and "warning" not in err, err
    path = example_workspace / "posts" / "x" / f"2026-11-30-sendemast-{post['id']}.md"
    assert path.read_text(encoding="utf-8").startswith(
        '---\ndate: 2026-11-30\nchannel: x\nurl: "https://x.com/BirgitteVHolst/status/1"\n---\n\nFlisebanken'
    )
    ws = load_workspace(example_workspace)
    docs = load_file(path, str(path.relative_to(example_workspace)), "posts")
    assert docs[0].metadata["date"] == "2026-11-30" and docs[0].metadata["channel"] == "x"
    hits = open_retriever(ws).search("Flisebanken Ørnsø frivillige", kind="posts", k=1)
    assert hits and hits[0].text.startswith("Flisebanken i Ørnsø")
    code, out, _ = sm("post", "show", str(post["id"]), "--json")
    assert json.loads(out)["status"] == "udgivet" and json.loads(out)["published_on"] == "2026-11-30"
    code, _, err = sm("post", "publish", str(post["id"]), "--url", "https://x.com/a", "--date", "30-11-2026")
    assert code == 2 and err == "error: not a date: '30-11-2026' (expected YYYY-MM-DD)\n"


def test_database_problems_are_one_line_without_the_password(
    sm: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SENDEMAST_STUDIO__DATABASE", "mysql://root:topsecret@localhost/x")
    code, out, err = sm("post", "list")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("error: studio.database: unsupported database") and "topsecret" not in err
    from tests.support.servers import free_port

    url = f"postgresql+psycopg://bob:topsecret@127.0.0.1:{free_port()}/x"
    monkeypatch.setenv("SENDEMAST_STUDIO__DATABASE", url)
    code, out, err = sm("user", "list")
    assert code == 2 and err.count("\n") == 1 and "cannot open the team database" in err
    assert "topsecret" not in err and "Traceback" not in err
