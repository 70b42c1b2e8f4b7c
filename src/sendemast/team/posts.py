"""Posts on the approval path: create, read, list, edit with optimistic locking, comment, and step
along the path (``workflow.STEPS``). Every function takes the acting account and asks
:func:`~sendemast.team.permissions.can` at the object; a post the user may not view is
:class:`NotFound`, exactly like one that does not exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, Protocol

from sendemast.errors import UsageError
from sendemast.team import workflow
from sendemast.team.errors import Forbidden, NotFound, PostConflict, TransitionError
from sendemast.team.permissions import can, visible_leaders

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from sendemast.team.accounts import Account
    from sendemast.team.db import Database
    from sendemast.team.models import Post


class Checker(Protocol):
    """The guideline check of a post: (text, channel, the post's leader) -> the check as
    ``CheckResult.to_dict()`` gives it (``{"verdict", "findings", ...}``), against that leader's profile
    (``sendemast.assembly.Organisation.check``); for a post drafted from notes (or rewritten from an
    original) also with ``source`` and ``source_kind`` ("notes" | "original"), so the check says how much
    of the post is copied (see ``check_post``); ``capacity`` is the post's (personal | official)."""

    def __call__(self, text: str, channel: str, leader: str, source: str | None = None,
                 source_kind: str = "notes", capacity: str | None = None) -> dict[str, Any]: ...


MAX_TEXT = 100_000


@dataclass(frozen=True)
class PostView:
    """A post as read, detached from the database. ``version`` is what an edit must send back."""

    id: int
    leader: str
    channel: str
    status: str
    version: int
    text: str
    verdict: str
    check: dict[str, Any] = field(repr=False)
    created_by: str | None
    created_at: datetime
    updated_by: str | None
    updated_at: datetime
    history_id: str | None
    approved_version: int | None
    published_url: str | None
    published_on: date | None
    published_file: str | None
    capacity: str = "personal"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "leader": self.leader,
            "channel": self.channel,
            "status": self.status,
            "status_label": workflow.LABELS[self.status],
            "version": self.version,
            "text": self.text,
            "verdict": self.verdict,
            "findings": self.check.get("findings", []),
            "written": self.check.get("written"),
            "language": self.check.get("language"),
            "created_by": self.created_by,
            "created_at": iso_time(self.created_at),
            "updated_by": self.updated_by,
            "updated_at": iso_time(self.updated_at),
            "history_id": self.history_id,
            "approved_version": self.approved_version,
            "published_url": self.published_url,
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "capacity": self.capacity,
        }


def iso_time(value: datetime) -> str:
    """A stored time as ISO 8601 in UTC, to the second (SQLite gives it back without a zone)."""
    return (value.replace(tzinfo=UTC) if value.tzinfo is None else value).isoformat(timespec="seconds")


def view_of(post: Post) -> PostView:
    return PostView(
        id=post.id, leader=post.leader, channel=post.channel, status=post.status, version=post.version,
        text=post.text, verdict=post.verdict, check=dict(post.check or {}), created_by=post.created_by,
        created_at=post.created_at, updated_by=post.updated_by, updated_at=post.updated_at,
        history_id=post.history_id, approved_version=post.approved_version,
        published_url=post.published_url, published_on=post.published_on,
        published_file=post.published_file, capacity=post.capacity or "personal",
    )


def actor_name(user: Account | None) -> str:
    return user.name if user is not None else "cli"


def _allowed(user: Account | None, action: str, target: Any) -> bool:
    # None is the local command line, which trusts whoever can open the database (see team/__init__).
    return user is None or can(user, action, target)


def _check_text(text: str) -> str:
    if not text.strip():
        raise UsageError("the post is empty")
    if len(text) > MAX_TEXT:
        raise UsageError(f"the post is too long: {len(text)} characters (at most {MAX_TEXT})")
    return text


def insert_post(
    session: Session, user: Account | None, leader: str, channel: str, text: str, check: dict[str, Any],
    *, history_id: str | None = None, capacity: str = "personal",
) -> Post:
    """A new post in ``kladde`` inside an open session (the history store uses this in its own
    transaction); the creation is recorded as the path's first step."""
    from sendemast.team.accounts import check_leader_id
    from sendemast.team.models import Post, PostVersion, Transition

    check_leader_id(leader)
    if not re.fullmatch(r"[a-z0-9_-]{1,32}", channel or ""):
        raise UsageError(f"not a channel: {channel!r}")
    if not _allowed(user, "create", leader):
        raise Forbidden(f"you may not write posts for {leader!r}")
    who = actor_name(user)
    post = Post(
        leader=leader, channel=channel, status=workflow.KLADDE, version=1, text=_check_text(text),
        verdict=str(check.get("verdict", "pass")), check=check, created_by=who, updated_by=who,
        history_id=history_id, capacity=check_capacity(capacity),
    )
    session.add(post)
    session.flush()
    session.add(PostVersion(post_id=post.id, version=1, text=post.text, actor=who))
    session.add(Transition(post_id=post.id, action="create", from_status=None, to_status=workflow.KLADDE,
                           version=1, actor=who, role=actor_role(user)))
    return post


def check_capacity(capacity: str | None) -> str:
    value = (capacity or "personal").strip().lower()
    aliases = {"personlig": "personal", "egne vegne": "personal", "på egne vegne": "personal",
               "officiel": "official", "embede": "official", "for myndigheden": "official"}
    value = aliases.get(value, value)
    if value not in ("personal", "official"):
        raise UsageError(f"capacity must be personal (på egne vegne) or official (for the authority), "
                         f"not {capacity!r}")
    return value


def actor_role(user: Account | None) -> str:
    """The role a step is taken in, kept on the step: ``cli`` for the local command line."""
    return user.role if user is not None else "cli"


def create_post(
    db: Database, user: Account | None, leader: str, channel: str, text: str, checker: Checker,
    *, capacity: str = "personal",
) -> PostView:
    capacity = check_capacity(capacity)
    check = checker(text, channel, leader, capacity=capacity)
    with db.session() as session:
        return view_of(insert_post(session, user, leader, channel, text, check, capacity=capacity))


def source_of(session: Session, post: Post) -> tuple[str, str] | None:
    """(text, kind) the post was written from: the notes of its draft or the original of its rewrite, as
    the drafting history keeps them (personal data already redacted there); None for a post typed in."""
    from sendemast.team.models import HistoryEntry

    entry = session.get(HistoryEntry, post.history_id) if post.history_id else None
    data = entry.data if entry is not None and isinstance(entry.data, dict) else {}
    text = (data.get("inputs") or {}).get("text")
    if not isinstance(text, str) or not text.strip():
        return None
    return text, "original" if data.get("command") == "rewrite" else "notes"


def run_check(session: Session, post: Post, text: str, checker: Checker) -> dict[str, Any]:
    """``checker`` on ``text`` for ``post``, against the notes or original it was written from when known."""
    source = source_of(session, post)
    capacity = post.capacity or "personal"
    if source is None:
        check = checker(text, post.channel, post.leader, capacity=capacity)
    else:
        check = checker(text, post.channel, post.leader, source=source[0], source_kind=source[1],
                        capacity=capacity)
    from sendemast.team.post_images import alt_text_findings

    return alt_text_findings(session, post, check)


def _load(session: Session, user: Account | None, post_id: int, *, fresh: bool = False) -> Post:
    from sendemast.team.models import Post

    post = session.get(Post, post_id, populate_existing=fresh)
    if post is None or not _allowed(user, "view", post):
        raise NotFound(f"no post {post_id}")
    return post


def get_post(db: Database, user: Account | None, post_id: int) -> PostView:
    with db.session() as session:
        return view_of(_load(session, user, post_id))


def list_posts(
    db: Database, user: Account | None, *, leader: str | None = None, status: str | None = None
) -> list[PostView]:
    """The posts ``user`` may view, newest first, optionally for one leader and status."""
    from sqlalchemy import select

    from sendemast.team.models import Post

    query = select(Post).order_by(Post.updated_at.desc(), Post.id.desc())
    allowed = visible_leaders(user) if user is not None else None
    if allowed is not None:
        query = query.where(Post.leader.in_(sorted(allowed)))
    if leader is not None:
        query = query.where(Post.leader == leader)
    if status is not None:
        query = query.where(Post.status == workflow.status_id(status))
    with db.session() as session:
        return [view_of(p) for p in session.scalars(query)]


def _conflict(session: Session, post_id: int, what: str) -> PostConflict:
    from sendemast.team.models import Post

    # A fresh read in the same transaction sees the winner's commit (PostgreSQL reads committed data
    # per statement; SQLite's writer saw the latest state); leaving the block then rolls back.
    current = session.get(Post, post_id, populate_existing=True)
    assert current is not None
    data = {k: v for k, v in view_of(current).to_dict().items()
            if k in ("version", "text", "status", "updated_by", "updated_at")}
    return PostConflict(
        f"post {post_id} was changed by {current.updated_by or 'someone'} (now version {current.version}, "
        f"{workflow.LABELS[current.status]['da']}); {what} was not saved",
        current=data, hint="read the post again, merge your change into it and save once more",
    )


def editable_post(session: Session, user: Account | None, post_id: int, version: int, what: str) -> Post:
    """The post ``user`` may edit, still at the ``version`` she read, in a status whose text may change;
    else Forbidden, :class:`PostConflict` (naming ``what`` was not saved) or TransitionError."""
    post = _load(session, user, post_id)
    if not _allowed(user, "edit", post):
        raise Forbidden(f"you may not edit post {post_id}")
    if post.version != version:
        raise _conflict(session, post_id, what)
    if post.status not in workflow.EDITABLE:
        raise TransitionError(
            f"post {post_id} is {workflow.LABELS[post.status]['da']}: only a kladde or a post with "
            "ændringer ønsket can be edited",
            hint="withdraw it first" if post.status != workflow.UDGIVET else None,
        )
    return post


def save_version(session: Session, user: Account | None, post: Post, version: int, check: dict[str, Any],
                 what: str, **values: Any) -> None:
    """The next version of ``post`` (its text, capacity or images changed), with its check, on record.

    The compare-and-set that makes every edit safe across processes: the row changes only if nobody
    saved since ``version`` was read (PostgreSQL re-checks the WHERE after waiting for a writer)."""
    from sqlalchemy import update

    from sendemast.team.models import Post, PostVersion

    who = actor_name(user)
    result = session.execute(
        update(Post)
        .where(Post.id == post.id, Post.version == version, Post.status.in_(sorted(workflow.EDITABLE)))
        .values(version=Post.version + 1, verdict=str(check.get("verdict", "pass")), check=check,
                updated_by=who, updated_at=datetime.now(UTC), **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise _conflict(session, post.id, what)
    text = values.get("text", post.text)
    session.add(PostVersion(post_id=post.id, version=version + 1, text=text, actor=who))


def save_text(
    db: Database, user: Account | None, post_id: int, text: str, version: int, checker: Checker
) -> PostView:
    """A new text based on ``version``. Refused with :class:`PostConflict` (carrying the other's
    version) when the post has moved on since that version was read: no update is ever lost."""
    _check_text(text)
    with db.session() as session:
        post = editable_post(session, user, post_id, version, "your edit")
        save_version(session, user, post, version, run_check(session, post, text, checker), "your edit",
                     text=text)
        session.flush()
        return view_of(_load(session, user, post_id, fresh=True))


def add_comment(db: Database, user: Account | None, post_id: int, text: str) -> dict[str, Any]:
    from sendemast.team.models import Comment

    if not text.strip():
        raise UsageError("the comment is empty")
    with db.session() as session:
        post = _load(session, user, post_id)
        if not _allowed(user, "comment", post):
            raise Forbidden(f"you may not comment on post {post_id}")
        comment = Comment(post_id=post_id, actor=actor_name(user), text=_check_text(text))
        session.add(comment)
        session.flush()
        return {"id": comment.id, "actor": comment.actor, "text": comment.text,
                "created_at": iso_time(comment.created_at)}


def post_record(db: Database, user: Account | None, post_id: int) -> dict[str, Any]:
    """The post with its comments, its path (every step with who, in which role, when and under what), its
    images and its versions."""
    from sqlalchemy import select

    from sendemast.team.models import Comment, PostVersion, Transition
    from sendemast.team.post_images import images_of

    with db.session() as session:
        post = _load(session, user, post_id)
        data = view_of(post).to_dict()
        data["comments"] = [
            {"id": c.id, "actor": c.actor, "text": c.text, "created_at": iso_time(c.created_at)}
            for c in session.scalars(select(Comment).where(Comment.post_id == post_id).order_by(Comment.id))
        ]
        data["transitions"] = [
            {"action": t.action, "from": t.from_status, "to": t.to_status, "version": t.version,
             "actor": t.actor, "role": t.role, "reason": t.reason, "detail": t.detail,
             "created_at": iso_time(t.created_at)}
            for t in session.scalars(
                select(Transition).where(Transition.post_id == post_id).order_by(Transition.id)
            )
        ]
        data["images"] = images_of(session, post_id)
        data["versions"] = [
            {"version": v.version, "actor": v.actor, "created_at": iso_time(v.created_at)}
            for v in session.scalars(
                select(PostVersion).where(PostVersion.post_id == post_id).order_by(PostVersion.version)
            )
        ]
        return data


def set_capacity(db: Database, user: Account | None, post_id: int, capacity: str, version: int,
                 checker: Checker) -> PostView:
    """Change the capacity a post is written in (a new version, re-checked: the rules depend on it)."""
    capacity = check_capacity(capacity)
    with db.session() as session:
        post = editable_post(session, user, post_id, version, "the change of capacity")
        post.capacity = capacity  # read by run_check; save_version's UPDATE is what is saved
        save_version(session, user, post, version, run_check(session, post, post.text, checker),
                     "the change of capacity", capacity=capacity)
        session.flush()
        return view_of(_load(session, user, post_id, fresh=True))
