"""Accounts: users with a role and the leaders they work for; logging in with throttling.

Roles: ``leader`` (her own posts; her leader id defaults to her user name), ``adviser`` (the leaders
assigned to her), ``approver`` (approves for the leaders assigned to her), ``admin`` (everything).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sendemast.team.errors import AccountError, LoginFailed, LoginThrottled
from sendemast.team.passwords import burn_time, hash_password, needs_rehash, verify_password

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from sendemast.team.db import Database
    from sendemast.team.models import User

ROLES = ("leader", "adviser", "approver", "admin")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
_LEADER = re.compile(r"[a-z0-9][a-z0-9._-]{0,127}")


@dataclass(frozen=True)
class Account:
    """A user as the rest of the code sees her: never with her password hash."""

    id: int
    name: str
    role: str
    leaders: frozenset[str]
    created_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role,
            "leaders": sorted(self.leaders),
            "created_at": self.created_at.isoformat(timespec="seconds") if self.created_at else None,
        }


@dataclass(frozen=True)
class ThrottlePolicy:
    """Wrong passwords allowed within ``window_s`` before logins are refused for ``lockout_s``: per user
    name (counting since her last successful login) and, more loosely, per address."""

    per_name: int = 5
    per_address: int = 20
    window_s: int = 15 * 60
    lockout_s: int = 5 * 60


def check_leader_id(leader: str) -> str:
    if not _LEADER.fullmatch(leader or ""):
        raise AccountError(
            f"not a leader id: {leader!r}",
            hint="lower-case letters, digits, '.', '_' and '-', e.g. birgitte-holst",
        )
    return leader


def _account(user: User) -> Account:
    created = user.created_at.replace(tzinfo=UTC) if user.created_at.tzinfo is None else user.created_at
    return Account(user.id, user.name, user.role, frozenset(link.leader for link in user.leaders), created)


def _find(session: Session, name: str) -> User | None:
    from sqlalchemy import select

    from sendemast.team.models import User

    return session.scalars(select(User).where(User.name == name)).one_or_none()


def add_user(db: Database, name: str, role: str, password: str, leaders: list[str] | None = None) -> Account:
    from sendemast.team.models import User, UserLeader

    if not _NAME.fullmatch(name or ""):
        raise AccountError(
            f"not a user name: {name!r}", hint="letters, digits, '.', '_', '@' and '-', at most 64"
        )
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r} (expected {', '.join(ROLES)})")
    wanted = sorted({check_leader_id(x) for x in leaders or []})
    if role == "leader" and not wanted:
        wanted = [check_leader_id(name.lower())]
    if role == "leader" and len(wanted) > 1:
        raise AccountError("a leader works on her own posts: give at most one --leader")
    if role in ("adviser", "approver") and not wanted:
        raise AccountError(f"an {role} needs the leaders she works for: --leader ID")
    hashed = hash_password(password)
    with db.session() as session:
        if _find(session, name) is not None:
            raise AccountError(f"there is already a user {name!r}")
        links = [UserLeader(leader=x) for x in wanted]
        user = User(name=name, role=role, password_hash=hashed, leaders=links)
        session.add(user)
        session.flush()
        return _account(user)


def get_user(db: Database, name: str) -> Account:
    with db.session() as session:
        user = _find(session, name)
        if user is None:
            raise AccountError(f"no user {name!r}", hint="see 'sendemast user list'")
        return _account(user)


def list_users(db: Database) -> list[Account]:
    from sqlalchemy import select

    from sendemast.team.models import User

    with db.session() as session:
        return [_account(u) for u in session.scalars(select(User).order_by(User.name))]


def remove_user(db: Database, name: str) -> None:
    with db.session() as session:
        user = _find(session, name)
        if user is None:
            raise AccountError(f"no user {name!r}", hint="see 'sendemast user list'")
        session.delete(user)


def set_password(db: Database, name: str, password: str) -> None:
    """A new password; the user's web sessions end, so a stolen session dies with the old password."""
    from sqlalchemy import delete

    from sendemast.team.models import WebSession

    hashed = hash_password(password)
    with db.session() as session:
        user = _find(session, name)
        if user is None:
            raise AccountError(f"no user {name!r}", hint="see 'sendemast user list'")
        user.password_hash = hashed
        session.execute(delete(WebSession).where(WebSession.user_id == user.id))


def authenticate(
    db: Database,
    name: str,
    password: str,
    address: str,
    *,
    policy: ThrottlePolicy | None = None,
    now: datetime | None = None,
) -> Account:
    """The account for a right password; :class:`LoginFailed` for a wrong one or an unknown name (same
    message, same time), :class:`LoginThrottled` while too many recent attempts failed. Every attempt
    that is checked is recorded in ``login_attempts``; refused ones are not, so waiting ends a lockout."""
    from sendemast.team.models import LoginAttempt

    policy = policy or ThrottlePolicy()
    now = now or datetime.now(UTC)
    name = (name or "")[:64]
    address = (address or "unknown")[:64]
    with db.session() as session:
        wait = _throttled_for(session, name, address, policy, now)
        if wait > 0:
            raise LoginThrottled(f"too many failed logins; try again in {wait} s", retry_after=wait)
        user = _find(session, name)
        if user is None:
            burn_time()
            ok = False
        else:
            ok = verify_password(user.password_hash, password)
            if ok and needs_rehash(user.password_hash):
                user.password_hash = hash_password(password)
        session.add(LoginAttempt(name=name, address=address, ok=ok, created_at=now))
        account = _account(user) if ok and user is not None else None
    if account is None:
        raise LoginFailed("wrong user name or password")
    return account


def _throttled_for(session: Session, name: str, address: str, policy: ThrottlePolicy, now: datetime) -> int:
    """Seconds until a login for ``name`` from ``address`` is accepted again (0: now)."""
    from sqlalchemy import func, select

    from sendemast.team.models import LoginAttempt as A

    since = now - timedelta(seconds=policy.window_s)
    last_ok = session.scalar(select(func.max(A.created_at)).where(A.name == name, A.ok.is_(True)))
    name_since = max(since, _aware(last_ok)) if last_ok is not None else since
    waits = []
    for column, value, limit, start in (
        (A.name, name, policy.per_name, name_since),
        (A.address, address, policy.per_address, since),
    ):
        failures = select(A.created_at).where(column == value, A.ok.is_(False), A.created_at > start)
        count = session.scalar(select(func.count()).select_from(failures.subquery())) or 0
        if count >= limit:
            latest = _aware(session.scalar(select(func.max(failures.subquery().c.created_at))))
            remaining = (latest + timedelta(seconds=policy.lockout_s) - now).total_seconds()
            if remaining > 0:
                waits.append(math.ceil(remaining))
    return max(waits, default=0)


def _aware(value: datetime | None) -> datetime:
    """SQLite hands back naive datetimes; every time in this database is UTC."""
    assert value is not None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value
