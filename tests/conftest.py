"""Shared fixtures: example workspaces, and real local servers on free loopback ports."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sendemast.resources import bundled

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see a developer's real keys or workspace, and never reach a paid API by accident."""
    for name in list(os.environ):
        if name.startswith("SENDEMAST_") or name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "False")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Any]:
    """A fresh SQLite team database (the studio's jobs and the team layer's tests)."""
    from sendemast.team.db import forget, open_database

    url = f"sqlite:///{tmp_path / 'team.db'}"
    yield open_database(url)
    forget(url)


@pytest.fixture(scope="session")
def ingested_example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example workspace, ingested once per test session as a plain ``sendemast ingest`` does it (the
    values and every leader's posts); read-only for tests: copy to change."""
    from sendemast.corpus.ingest import ingest_organisation
    from sendemast.workspace import init_workspace, load_workspace

    root = init_workspace(tmp_path_factory.mktemp("ws") / "example", example=True)
    report = ingest_organisation(load_workspace(root))
    assert not report.failed, report.failed
    return root


@pytest.fixture
def example_workspace(tmp_path: Path) -> Path:
    """A fresh, writable, not yet ingested copy of the example workspace."""
    from sendemast.workspace import init_workspace

    return init_workspace(tmp_path / "ws", example=True)


@pytest.fixture
def copy_of_ingested(ingested_example: Path, tmp_path: Path) -> Path:
    """A writable copy of the ingested example workspace, index included."""
    target = tmp_path / "ws"
    shutil.copytree(ingested_example, target)
    return target


@pytest.fixture(scope="session")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Chroma server (``chroma run``) on a free loopback port, for the whole session."""
    from tests.support.servers import chroma_server

    with chroma_server(tmp_path_factory.mktemp("chroma") / "data") as server:
        yield server.url


def example_source() -> Path:
    return bundled("example-workspace")


@pytest.fixture(scope="session")
def postgres() -> Iterator[Any]:
    """A real PostgreSQL 15 server, initdb'd and started for this session on a free loopback port."""
    from tests.support.servers import PG_BIN, postgres_available, postgres_server

    if not postgres_available():
        pytest.skip(f"PostgreSQL binaries not found in {PG_BIN} (apt-get install postgresql-15)")
    with postgres_server() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def team_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty team database: SQLite in ``tmp_path``, and a new database on the PostgreSQL server."""
    from sendemast.team.db import forget

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'team.db'}"
    else:
        import secrets

        import psycopg

        server = request.getfixturevalue("postgres")
        name = f"t_{secrets.token_hex(6)}"
        with psycopg.connect(host=server.host, port=server.port, user=server.user, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        url = server.url(name)
    yield url
    forget(url)
