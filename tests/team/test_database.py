"""The team database: migrations on open (SQLite and a real PostgreSQL), the schema they make equal
to the models, one-line errors for bad URLs, and no lost update between two processes."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

import sendemast.team
from sendemast.errors import ConfigError
from sendemast.team import accounts, posts
from sendemast.team.db import HEAD_REVISION, open_database
from sendemast.team.errors import PostConflict

pytestmark = pytest.mark.server


def no_check(text: str, channel: str, leader: str, **_: Any) -> dict[str, Any]:
    return {"verdict": "pass", "findings": []}


def test_migrations_make_exactly_the_models_schema(team_db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from sendemast.team.models import Base

    db = open_database(team_db_url)
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        assert ctx.get_current_revision() == HEAD_REVISION
        assert compare_metadata(ctx, Base.metadata) == []


def test_the_fast_path_knows_the_newest_migration() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(Path(sendemast.team.__file__).parent / "migrations"))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION


def test_an_old_schema_is_migrated_on_open(tmp_path: Path) -> None:
    """A database at no revision (made before the team layer, or by hand) is brought to the head."""
    import sqlite3

    from sendemast.team.db import forget

    path = tmp_path / "old.db"
    sqlite3.connect(path).close()
    url = f"sqlite:///{path}"
    db = open_database(url)
    accounts.add_user(db, "dorte", "admin", "korrekt-hest-batteri")
    forget(url)
    assert [u.name for u in accounts.list_users(open_database(url))] == ["dorte"]  # and again: no re-run


def test_a_database_at_the_first_revision_gets_the_draft_job_tables(tmp_path: Path) -> None:
    """A team database made before draft jobs moved into it (0001) is upgraded on open, its data kept."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, inspect, text

    from sendemast.team.db import forget

    url = f"sqlite:///{tmp_path / 'team.db'}"
    config = Config()
    config.set_main_option("script_location", str(Path(sendemast.team.__file__).parent / "migrations"))
    engine = create_engine(url)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        assert not inspect(conn).has_table("draft_jobs")
        conn.execute(text("INSERT INTO users (name, role, password_hash, created_at) "
                          "VALUES ('dorte', 'admin', 'x', '2026-12-01 08:00:00')"))
    engine.dispose()
    try:
        db = open_database(url)
        assert [u.name for u in accounts.list_users(db)] == ["dorte"]
        with db.engine.connect() as conn:
            assert {"draft_jobs", "draft_job_events"} <= set(inspect(conn).get_table_names())
    finally:
        forget(url)


def test_two_sessions_saving_the_same_version_one_is_refused(team_db_url: str) -> None:
    db = open_database(team_db_url)
    post = posts.create_post(db, None, "birgitte-vang-holst", "linkedin", "Første udkast.", no_check)
    barrier = threading.Barrier(2)
    outcomes: list[Any] = []

    def edit(text: str) -> None:
        barrier.wait()
        try:
            outcomes.append(posts.save_text(db, None, post.id, text, post.version, no_check))
        except PostConflict as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=edit, args=(t,)) for t in ("Annas udgave.", "Bos udgave.")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    saved = [o for o in outcomes if not isinstance(o, PostConflict)]
    refused = [o for o in outcomes if isinstance(o, PostConflict)]
    assert len(saved) == 1 and len(refused) == 1
    # The refusal carries the other's version, and the database holds exactly the winner's text.
    assert refused[0].current["version"] == 2 and refused[0].current["text"] == saved[0].text
    assert posts.get_post(db, None, post.id).text == saved[0].text


def test_two_processes_editing_the_same_post_the_second_is_refused(
    team_db_url: str, example_workspace: Path
) -> None:
    env = {**os.environ, "SENDEMAST_STUDIO__DATABASE": team_db_url,
           "SENDEMAST_WORKSPACE": str(example_workspace)}
    db = open_database(team_db_url)
    post = posts.create_post(db, None, "birgitte-vang-holst", "linkedin", "Første udkast.", no_check)
    cmd = [sys.executable, "-c", "from sendemast.cli import main; main()", "post", "edit", str(post.id)]
    procs = [
        subprocess.Popen([*cmd, f"Udgave {n} fra proces {n}.", "--version", "1"], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n in (1, 2)
    ]
    results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 1], results
    (loser,) = [r for r in results if r[0] == 1]
    assert loser[2].startswith("error: post ") and "now version 2" in loser[2] and loser[2].count("\n") == 1
    final = posts.get_post(db, None, post.id)
    assert final.version == 2 and final.text in {f"Udgave {n} fra proces {n}." for n in (1, 2)}


def test_a_bad_database_url_is_one_clear_line() -> None:
    with pytest.raises(ConfigError, match="unsupported database"):
        open_database("mysql://root:topsecret@localhost/x")
    with pytest.raises(ConfigError) as caught:
        open_database("postgresql+psycopg://bob:topsecret@127.0.0.1:1/nowhere")
    assert "cannot open the team database" in str(caught.value) and "topsecret" not in str(caught.value)
    with pytest.raises(ConfigError, match="cannot open the team database"):  # psycopg 3, not psycopg2
        open_database("postgresql://bob@127.0.0.1:1/nowhere")


def test_accounts_work_the_same_on_both(team_db_url: str) -> None:
    db = open_database(team_db_url)
    accounts.add_user(db, "anna", "adviser", "korrekt-hest-batteri", ["birgitte-vang-holst"])
    assert accounts.authenticate(db, "anna", "korrekt-hest-batteri", "127.0.0.1").role == "adviser"


def test_two_approvers_at_once_one_step_is_taken(team_db_url: str) -> None:
    from sendemast.team.approval import take_step
    from sendemast.team.errors import TransitionError

    db = open_database(team_db_url)
    post = posts.create_post(db, None, "birgitte-vang-holst", "linkedin", "Klar til godkendelse.", no_check)
    take_step(db, None, post.id, "submit")
    barrier = threading.Barrier(2)
    outcomes: list[Any] = []

    def act(action: str, reason: str | None) -> None:
        barrier.wait()
        try:
            outcomes.append(take_step(db, None, post.id, action, reason=reason).post.status)
        except (PostConflict, TransitionError) as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=act, args=a)
               for a in (("approve", None), ("request_changes", "Vent til efter mødet."))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done = [o for o in outcomes if isinstance(o, str)]
    assert len(done) == 1 and len(outcomes) == 2
    record = posts.post_record(db, None, post.id)
    assert record["status"] == done[0]
    assert [t["action"] for t in record["transitions"]][-1] in ("approve", "request_changes")
    assert len(record["transitions"]) == 3  # create, submit, and exactly one of the two
