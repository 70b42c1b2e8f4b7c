"""Quiet periods that hold: before an election the civil service helps no one with political
communication, and leaders pause.

Two kinds, asked together by :func:`quiet_on`:

- **planned** ones in the leader's ``profile.yaml`` (``quiet_periods``), which the plan leaves empty;
- **started at once** (an election called today): ``sendemast quiet start --until DATE --reason …`` for
  the whole organisation or one leader, in the ``quiet_periods`` table so that every studio process
  and the command line see it at once; ``quiet end`` closes it early (kept, with who ended it).

In a quiet period a post may still be drafted and edited, but approving or publishing it needs an
approver's written reason, which the step keeps with the periods it overrode
(``approval.take_step``). Starting and ending one is for admins (``permissions.can(…,
"manage_quiet")``); the local command line may.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sendemast.errors import UsageError
from sendemast.team.errors import Forbidden

if TYPE_CHECKING:
    from sendemast.team.accounts import Account
    from sendemast.team.db import Database
    from sendemast.team.models import QuietPeriodRow

# (leader, day) -> the quiet periods covering that day for that leader, as records (see ``as_record``)
QuietGate = Callable[[str, date], list[dict[str, Any]]]
MAX_DAYS = 366


def _may(user: Account | None) -> None:
    from sendemast.team.permissions import can

    if user is not None and not can(user, "manage_quiet"):
        raise Forbidden("only an admin may start or end a quiet period")


def as_record(row: QuietPeriodRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "kind": "started",
        "leader": row.leader,
        "start": row.start.isoformat(),
        "until": row.until.isoformat(),
        "reason": row.reason,
        "started_by": row.started_by,
        "ended_at": row.ended_at.isoformat(timespec="seconds") if row.ended_at else None,
        "ended_by": row.ended_by,
    }


def start_quiet(
    db: Database,
    user: Account | None,
    *,
    until: date,
    reason: str,
    leader: str | None = None,
    start: date | None = None,
) -> dict[str, Any]:
    """A quiet period from ``start`` (today) to ``until``, both included, for ``leader`` or everyone."""
    from sendemast.team.accounts import check_leader_id
    from sendemast.team.models import QuietPeriodRow
    from sendemast.team.posts import actor_name

    _may(user)
    begin = start or date.today()
    why = " ".join((reason or "").split())
    if not why:
        raise UsageError('a quiet period needs a reason (--reason "Folketingsvalg udskrevet")')
    if until < begin:
        raise UsageError(f"the quiet period ends {until.isoformat()}, before it starts ({begin.isoformat()})")
    if (until - begin).days > MAX_DAYS:
        raise UsageError(
            f"a quiet period of {(until - begin).days + 1} days is too long (at most {MAX_DAYS})"
        )
    if leader is not None:
        check_leader_id(leader)
    with db.session() as session:
        row = QuietPeriodRow(
            leader=leader, start=begin, until=until, reason=why[:2000], started_by=actor_name(user)
        )
        session.add(row)
        session.flush()
        return as_record(row)


def end_quiet(
    db: Database, user: Account | None, *, leader: str | None = None, today: date | None = None
) -> list[dict[str, Any]]:
    """Ends the started periods that cover ``today`` for exactly this scope (``leader``, or the whole
    organisation when None); an empty list when there was none."""
    from sqlalchemy import select

    from sendemast.team.models import QuietPeriodRow
    from sendemast.team.posts import actor_name

    _may(user)
    day = today or date.today()
    with db.session() as session:
        scope = QuietPeriodRow.leader.is_(None) if leader is None else QuietPeriodRow.leader == leader
        rows = list(
            session.scalars(
                select(QuietPeriodRow).where(
                    scope,
                    QuietPeriodRow.ended_at.is_(None),
                    QuietPeriodRow.start <= day,
                    QuietPeriodRow.until >= day,
                )
            )
        )
        for row in rows:
            row.ended_at = datetime.now(UTC)
            row.ended_by = actor_name(user)
        session.flush()
        return [as_record(r) for r in rows]


def started_periods(
    db: Database, *, leader: str | None = None, include_ended: bool = False
) -> list[dict[str, Any]]:
    """Started periods for ``leader`` (and the organisation's), newest first."""
    from sqlalchemy import or_, select

    from sendemast.team.models import QuietPeriodRow

    query = select(QuietPeriodRow).order_by(QuietPeriodRow.start.desc(), QuietPeriodRow.id.desc())
    if leader is not None:
        query = query.where(or_(QuietPeriodRow.leader.is_(None), QuietPeriodRow.leader == leader))
    if not include_ended:
        query = query.where(QuietPeriodRow.ended_at.is_(None))
    with db.session() as session:
        return [as_record(r) for r in session.scalars(query)]


def quiet_on(db: Database, leader: str, day: date, planned: Iterable[Any] = ()) -> list[dict[str, Any]]:
    """Every quiet period covering ``day`` for ``leader``: the started ones still open, and the
    ``planned`` ones (the profile's ``QuietPeriod``s)."""
    found = [p for p in started_periods(db, leader=leader) if p["start"] <= day.isoformat() <= p["until"]]
    for period in planned:
        if period.covers(day):
            found.append(
                {
                    "kind": "planned",
                    "leader": leader,
                    "start": period.start.isoformat(),
                    "until": period.end.isoformat(),
                    "reason": period.reason or "",
                }
            )
    return found


def describe(periods: list[dict[str, Any]]) -> str:
    """One line naming the periods: "Folketingsvalg udskrevet (til 2026-12-20)"."""
    return "; ".join(f"{p.get('reason') or 'quiet period'} (til {p['until']})" for p in periods)
