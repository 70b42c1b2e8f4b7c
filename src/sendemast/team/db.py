"""Opening the team database: SQLite in the workspace's state folder by default, PostgreSQL by URL
(``[studio] database = "postgresql+psycopg://user@host/db"``). Migrations run on open, once per process
and database, under a lock so that two processes starting together do not both migrate.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sendemast.errors import ConfigError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine
    from sqlalchemy.orm import Session, sessionmaker

    from sendemast.workspace import Workspace

DB_FILE = "team.db"
_MIGRATIONS = Path(__file__).parent / "migrations"
# The newest migration. Checked with one query at open, so that a command on an up-to-date database
# never imports Alembic (a test keeps this equal to the migrations' head).
HEAD_REVISION = "0004"
_PG_LOCK_KEY = 0x73656E64  # "send": the advisory lock migrations hold on PostgreSQL
_opened: dict[str, Database] = {}
_opened_lock = threading.Lock()


@dataclass
class Database:
    url: str
    engine: Engine = field(repr=False)
    sessions: sessionmaker[Session] = field(repr=False)

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A session in a transaction: committed when the block ends, rolled back on an error."""
        with self.sessions.begin() as session:
            yield session

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name


def database_url(workspace: Workspace) -> str:
    """``[studio] database`` when set, else SQLite in the workspace's state folder."""
    url = workspace.settings.studio.database.strip()
    if url:
        return url
    return f"sqlite:///{workspace.state_dir / DB_FILE}"


def open_workspace_database(workspace: Workspace) -> Database:
    return open_database(database_url(workspace))


def open_database(url: str) -> Database:
    """An engine for ``url`` with the schema migrated to the newest revision (cached per URL)."""
    with _opened_lock:
        if url in _opened:
            return _opened[url]
        db = _connect(url)
        migrate(db)
        _opened[url] = db
        return db


def forget(url: str) -> None:
    """Drop a cached database (tests that delete or recreate one)."""
    with _opened_lock:
        db = _opened.pop(url, None)
    if db is not None:
        db.engine.dispose()


def _connect(url: str) -> Database:
    from sqlalchemy import create_engine, event
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError
    from sqlalchemy.orm import sessionmaker

    shown = _masked(url)
    for bare in ("postgresql://", "postgres://"):
        if url.startswith(bare):  # psycopg 3 is the driver sendemast ships; psycopg2 is not installed
            url = "postgresql+psycopg://" + url[len(bare):]
    kwargs: dict[str, Any] = {}
    if url.startswith("sqlite"):
        # Several processes (CLI runs, studio workers) share the file: wait for a writer instead of failing.
        kwargs["connect_args"] = {"timeout": 30}
    elif not url.startswith("postgresql"):
        raise ConfigError(
            f"unsupported database {shown}", field="studio.database",
            hint="use postgresql+psycopg://user@host/db, or leave it empty for SQLite in the state folder",
        )
    try:
        engine = create_engine(url, **kwargs)
    except (ArgumentError, NoSuchModuleError, ImportError, ValueError) as exc:
        raise ConfigError(f"cannot use database {shown}: {exc}", field="studio.database") from None
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
            cursor.close()

    return Database(url=url, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))


def migrate(db: Database) -> None:
    """Bring the schema to Alembic's head; one query when it is there already."""
    from sqlalchemy.exc import DBAPIError

    try:
        if _current_revision(db) == HEAD_REVISION:
            return
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(_MIGRATIONS))
        with _migration_lock(db) as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    except DBAPIError as exc:  # unreachable, refused, wrong password, no right to create tables …
        raise ConfigError(
            f"cannot open the team database {_masked(db.url)}: {_first_line(exc)}", field="studio.database"
        ) from None


def _current_revision(db: Database) -> str | None:
    from sqlalchemy import inspect, text

    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


@contextlib.contextmanager
def _migration_lock(db: Database) -> Iterator[Connection]:
    """A connection holding the database-wide migration lock: an advisory lock on PostgreSQL, a lock
    file beside the database on SQLite."""
    if db.dialect == "postgresql":
        from sqlalchemy import text

        with db.engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _PG_LOCK_KEY})
            conn.commit()
            try:
                yield conn
                conn.commit()
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _PG_LOCK_KEY})
                conn.commit()
        return
    from filelock import FileLock

    path = db.engine.url.database
    lock = FileLock(f"{path}.migrate.lock") if path and path != ":memory:" else contextlib.nullcontext()
    with lock, db.engine.connect() as conn:
        yield conn
        conn.commit()


def _masked(url: str) -> str:
    """The URL with any password replaced, for messages: a database password never reaches a log."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(unparseable database URL)"


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
