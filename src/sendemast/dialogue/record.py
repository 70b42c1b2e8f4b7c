"""The record of dialogue: replies on their short path, and moderation actions with who, when and why.

Replies: draft → submitted → approved → sent. A reply to a sensitive comment (an individual case, the
press, criticism) is sent only once approved, by someone who may approve for the leader; any other reply
may be marked "svar sendt" by whoever drafted it. Moderation: every hide, delete, report or block is kept
with the policy's ground and a reason (required for delete and block: they can be administrative
decisions). Permissions are the team layer's (``team.permissions.can``); ``user=None`` is the local
command line, trusted like every other command on the database.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sendemast.errors import UsageError
from sendemast.team.errors import Forbidden, NotFound, TransitionError
from sendemast.team.posts import iso_time

if TYPE_CHECKING:
    from sendemast.dialogue.rules import DialogueRules
    from sendemast.team.accounts import Account
    from sendemast.team.db import Database
    from sendemast.team.models import DialogueReply, ModerationAction

SENSITIVE = frozenset({"case", "press", "criticism"})
MODERATION_ACTIONS = ("hidden", "deleted", "reported", "blocked")
NEEDS_REASON = frozenset({"deleted", "blocked"})
_STEPS = {  # action: (from statuses, to status, permission)
    "submit": (("draft",), "submitted", "submit"),
    "approve": (("submitted",), "approved", "approve"),
    "send": (("draft", "approved"), "sent", "publish"),
}


def _actor(user: Account | None) -> str:
    return user.name if user is not None else "cli"


def _may(user: Account | None, action: str, leader: str) -> bool:
    from sendemast.team.permissions import can

    return user is None or can(user, action, leader)


def _reply_dict(row: DialogueReply) -> dict[str, Any]:
    def iso(value: datetime | None) -> str | None:
        return iso_time(value) if value is not None else None

    return {
        "id": row.id,
        "leader": row.leader,
        "post_id": row.post_id,
        "author": row.author,
        "comment": row.comment,
        "class": row.kind,
        "sensitive": row.sensitive,
        "text": row.text,
        "verdict": (row.check or {}).get("verdict"),
        "status": row.status,
        "created_by": row.created_by,
        "created_at": iso(row.created_at),
        "approved_by": row.approved_by,
        "approved_at": iso(row.approved_at),
        "sent_by": row.sent_by,
        "sent_at": iso(row.sent_at),
    }


def _moderation_dict(row: ModerationAction) -> dict[str, Any]:
    return {
        "id": row.id,
        "leader": row.leader,
        "post_id": row.post_id,
        "author": row.author,
        "comment": row.comment,
        "action": row.action,
        "ground": row.ground,
        "reason": row.reason,
        "actor": row.actor,
        "at": iso_time(row.created_at),
    }


def save_reply(
    db: Database,
    user: Account | None,
    leader: str,
    *,
    author: str,
    comment: str,
    cls: str,
    text: str,
    check: dict[str, Any],
    post_id: int | None = None,
) -> dict[str, Any]:
    """A reply draft on the path. A reply the check blocks is refused: it is never offered."""
    from sendemast.team.models import DialogueReply

    if not _may(user, "create", leader):
        raise NotFound(f"unknown leader {leader!r}")
    if check.get("verdict") == "block":
        raise UsageError("the reply fails the reply rules (verdict block) and cannot be saved")
    row = DialogueReply(
        leader=leader,
        post_id=post_id,
        author=author[:200],
        comment=comment,
        kind=cls,
        sensitive=cls in SENSITIVE,
        text=text,
        check=check,
        status="draft",
        created_by=_actor(user),
    )
    with db.session() as session:
        session.add(row)
        session.flush()
        return _reply_dict(row)


def step_reply(db: Database, user: Account | None, reply_id: int, action: str) -> dict[str, Any]:
    """``submit``, ``approve`` or ``send`` (mark "svar sendt") one reply."""
    from sendemast.team.models import DialogueReply

    if action not in _STEPS:
        raise UsageError(f"unknown step {action!r} (known: {', '.join(_STEPS)})")
    sources, target, permission = _STEPS[action]
    with db.session() as session:
        row = session.get(DialogueReply, reply_id, with_for_update=True)
        if row is None or not _may(user, "view", row.leader):
            raise NotFound(f"no reply {reply_id}")
        if not _may(user, permission, row.leader):
            raise Forbidden(f"you may not {action} replies for {row.leader}")
        if action == "send" and row.sensitive and row.status != "approved":
            raise TransitionError(
                f"reply {reply_id} answers a sensitive comment ({row.kind}): it must be approved before it "
                "is sent",
                hint=f"sendemast dialogue submit {reply_id}, then an approver: approve {reply_id}",
            )
        if row.status not in sources:
            raise TransitionError(f"reply {reply_id} is {row.status}: cannot {action} it")
        now = datetime.now(UTC)
        row.status = target
        if action == "approve":
            row.approved_by, row.approved_at = _actor(user), now
        if action == "send":
            row.sent_by, row.sent_at = _actor(user), now
        session.flush()
        return _reply_dict(row)


def record_moderation(
    db: Database,
    user: Account | None,
    leader: str,
    rules: DialogueRules,
    *,
    action: str,
    ground: str,
    reason: str = "",
    author: str = "",
    comment: str = "",
    post_id: int | None = None,
) -> dict[str, Any]:
    """Keep one moderation action. ``ground`` must be one of the policy's grounds; delete and block
    need a reason in words too."""
    from sendemast.team.models import ModerationAction

    allowed = [str(a) for a in rules.policy.get("actions", MODERATION_ACTIONS)]
    if action not in allowed:
        raise UsageError(f"unknown moderation action {action!r} (known: {', '.join(allowed)})")
    grounds = sorted((rules.policy.get("grounds") or {}).keys())
    if ground not in grounds:
        raise UsageError(
            f"{ground!r} is not a ground in the moderation policy (grounds: {', '.join(grounds)})"
        )
    if action in NEEDS_REASON and not reason.strip():
        raise UsageError(f"{action!r} needs a reason in words (--reason), besides the ground")
    if not _may(user, "publish", leader):
        raise NotFound(f"unknown leader {leader!r}")
    row = ModerationAction(
        leader=leader,
        post_id=post_id,
        author=author[:200],
        comment=comment,
        action=action,
        ground=ground,
        reason=reason.strip(),
        actor=_actor(user),
    )
    with db.session() as session:
        session.add(row)
        session.flush()
        return _moderation_dict(row)


def leader_record(db: Database, user: Account | None, leader: str) -> dict[str, Any]:
    """The leader's dialogue record: replies (every status) and moderation actions, oldest first."""
    from sqlalchemy import select

    from sendemast.team.models import DialogueReply, ModerationAction

    if not _may(user, "view", leader):
        raise NotFound(f"unknown leader {leader!r}")
    with db.session() as session:
        replies = session.scalars(
            select(DialogueReply).where(DialogueReply.leader == leader).order_by(DialogueReply.id)
        ).all()
        actions = session.scalars(
            select(ModerationAction).where(ModerationAction.leader == leader).order_by(ModerationAction.id)
        ).all()
        return {
            "leader": leader,
            "replies": [_reply_dict(r) for r in replies],
            "moderation": [_moderation_dict(a) for a in actions],
        }
