"""Login sessions for the studio, kept in the database (``web_sessions``) so that several studio
processes behind one address share them and no process holds state.

The cookie carries a random token; the table holds only its SHA-256, so a copy of the table opens no
session. Each session has its own CSRF token for the forms and the API to check on every
state-changing request. Nothing here logs a token.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sendemast.team.accounts import Account
    from sendemast.team.db import Database

DEFAULT_TTL = timedelta(hours=12)


@dataclass(frozen=True)
class StudioSession:
    account: Account
    csrf_token: str
    expires_at: datetime


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(
    db: Database, account: Account, *, ttl: timedelta = DEFAULT_TTL, now: datetime | None = None
) -> tuple[str, StudioSession]:
    """A new session for ``account``: ``(token for the cookie, session)``."""
    from sendemast.team.models import WebSession

    now = now or datetime.now(UTC)
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    with db.session() as session:
        session.add(WebSession(token_hash=_digest(token), user_id=account.id, csrf_token=csrf,
                               created_at=now, expires_at=now + ttl))
    return token, StudioSession(account, csrf, now + ttl)


def find_session(db: Database, token: str | None, *, now: datetime | None = None) -> StudioSession | None:
    """The live session for a cookie's token, or None (unknown, expired, or its user removed)."""
    from sendemast.team.accounts import _account
    from sendemast.team.models import User, WebSession

    if not token or len(token) > 200:
        return None
    now = now or datetime.now(UTC)
    with db.session() as session:
        row = session.get(WebSession, _digest(token))
        if row is None:
            return None
        expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=UTC)
        if expires <= now:
            session.delete(row)
            return None
        user = session.get(User, row.user_id)
        return StudioSession(_account(user), row.csrf_token, expires) if user is not None else None


def csrf_ok(studio_session: StudioSession | None, sent: str | None) -> bool:
    """Whether a state-changing request carries its session's CSRF token (compared in constant time)."""
    if not studio_session or not sent:
        return False
    # As bytes: compare_digest refuses non-ASCII str, and a hostile header must be a plain "no".
    return secrets.compare_digest(studio_session.csrf_token.encode(), sent.encode("utf-8", "replace"))


def end_session(db: Database, token: str | None) -> None:
    from sqlalchemy import delete

    from sendemast.team.models import WebSession

    if token:
        with db.session() as session:
            session.execute(delete(WebSession).where(WebSession.token_hash == _digest(token)))


def purge_expired(db: Database, *, now: datetime | None = None) -> int:
    from sqlalchemy import delete

    from sendemast.team.models import WebSession

    with db.session() as session:
        cutoff = now or datetime.now(UTC)
        result = session.execute(delete(WebSession).where(WebSession.expires_at <= cutoff))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
