"""Alembic's environment: always run from :func:`sendemast.team.db.migrate`, which passes the open
connection in ``config.attributes["connection"]`` (no ``alembic.ini``, no URL on the command line)."""

from __future__ import annotations

from alembic import context

from sendemast.team.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them; batch mode does that for us
)
with context.begin_transaction():
    context.run_migrations()
