"""The team database's tables (SQLAlchemy 2, declarative). Alembic migrations in ``migrations/`` create
them; a change here needs a new migration (``tests/team/test_database.py`` compares the two).

Who did something is stored as the user *name* (``actor`` columns), not a foreign key: the record of a
post's path must survive the removal of an account. A leader is a plain string id (``leader``), the
same one organisation workspaces use to find her folder.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: DateTime(timezone=True), dict[str, Any]: JSON}


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))  # leader | adviser | approver | admin
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    leaders: Mapped[list[UserLeader]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )


class UserLeader(Base):
    """The leaders a user works for: her own id for a leader, the assigned ones for advisers and
    approvers. Admins need none."""

    __tablename__ = "user_leaders"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    leader: Mapped[str] = mapped_column(String(128), primary_key=True)
    user: Mapped[User] = relationship(back_populates="leaders")


class Post(Base):
    __tablename__ = "posts"
    __table_args__ = (Index("ix_posts_leader_status", "leader", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    leader: Mapped[str] = mapped_column(String(128))
    channel: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(32))
    # The revision counter for optimistic locking: every text save is
    # UPDATE … SET version = version + 1 WHERE id = ? AND version = <the version the editor read>.
    version: Mapped[int] = mapped_column(Integer, default=1)
    text: Mapped[str] = mapped_column(Text)
    verdict: Mapped[str] = mapped_column(String(16), default="pass")
    check: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    history_id: Mapped[str | None] = mapped_column(String(64), index=True)
    approved_version: Mapped[int | None] = mapped_column(Integer)
    published_url: Mapped[str | None] = mapped_column(String(2000))
    published_on: Mapped[date | None] = mapped_column(Date)
    published_file: Mapped[str | None] = mapped_column(String(1000))
    # personal (på egne vegne) | official (for the authority): which hat the leader wears in this post
    capacity: Mapped[str] = mapped_column(String(16), default="personal", server_default="personal")


class PostVersion(Base):
    """Every saved text of a post, so an editor refused by a conflict can compare and nothing is lost."""

    __tablename__ = "post_versions"

    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    actor: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Comment(Base):
    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    actor: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Transition(Base):
    """One step on the approval path: who moved the post from which status to which, when and why."""

    __tablename__ = "transitions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[str | None] = mapped_column(String(32))
    to_status: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer)
    actor: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # the actor's role when she took the step (a role may change later; the record must not)
    role: Mapped[str | None] = mapped_column(String(16))
    # what the step was taken under: the quiet periods it overrode, the check it approved
    detail: Mapped[dict[str, Any] | None] = mapped_column()


class ImageBlob(Base):
    """An image's bytes, once per content (SHA-256). In the database for SQLite and PostgreSQL alike, so
    that a post and its images are saved in one transaction and every studio process sees them."""

    __tablename__ = "image_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    mime: Mapped[str] = mapped_column(String(32))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PostImage(Base):
    """An image on a post, in order, with the alt text a person wrote (``None`` until she has)."""

    __tablename__ = "post_images"

    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("image_blobs.sha256"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    alt_text: Mapped[str | None] = mapped_column(Text)
    added_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class QuietPeriodRow(Base):
    """A quiet period started at once (an election called), for one leader or, with ``leader`` None, the
    whole organisation. The profile's planned periods live in ``profile.yaml``; these are the sudden
    ones, in the database so that every studio process and the command line see them at once."""

    __tablename__ = "quiet_periods"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    leader: Mapped[str | None] = mapped_column(String(128), index=True)
    start: Mapped[date] = mapped_column(Date)
    until: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    started_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column()
    ended_by: Mapped[str | None] = mapped_column(String(64))


class LoginAttempt(Base):
    """Every login attempt, for throttling per user name and per address (see ``accounts.authenticate``)."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_name_time", "name", "created_at"),
        Index("ix_login_attempts_address_time", "address", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(64))
    ok: Mapped[bool] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class WebSession(Base):
    """Login sessions of the studio, in the database so several studio processes share them. Only a
    hash of the session token is stored: a leaked table gives no usable cookie."""

    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(128), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()


class HistoryEntry(Base):
    """A draft or rewrite request and its outcome (the drafting history), the whole entry as JSON."""

    __tablename__ = "history"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sorts by time
    time: Mapped[str] = mapped_column(String(40))
    command: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    leader: Mapped[str | None] = mapped_column(String(128), index=True)
    data: Mapped[dict[str, Any]] = mapped_column()


class DraftJob(Base):
    """A draft or rewrite the studio runs, in the database so that any studio process can stream it: the
    process that got the request runs it and writes its events; the page may follow it through
    another. ``heartbeat_at`` moves while the job runs, so a reader can tell a job whose process died
    (still "running", no heartbeat) from a slow one."""

    __tablename__ = "draft_jobs"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # the random token the page holds
    owner: Mapped[str | None] = mapped_column(String(64))  # the account that started it (team mode)
    leader: Mapped[str | None] = mapped_column(String(128))
    command: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))  # running | done | failed
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    heartbeat_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(index=True)  # the purge looks for old ones


class DraftJobEvent(Base):
    """One event of a draft job, numbered from 1 in the order it happened (the stream's event ids)."""

    __tablename__ = "draft_job_events"

    job_id: Mapped[str] = mapped_column(ForeignKey("draft_jobs.id", ondelete="CASCADE"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    data: Mapped[dict[str, Any]] = mapped_column()


class DialogueReply(Base):
    """A reply to a comment on a leader's post (``sendemast reply --save``), on its own short path:
    draft → submitted → approved → sent. Replies to sensitive comments (a case, the press, criticism)
    must be approved before they are marked sent; others may be marked sent at once."""

    __tablename__ = "dialogue_replies"
    __table_args__ = (Index("ix_dialogue_replies_leader_status", "leader", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    leader: Mapped[str] = mapped_column(String(128))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"))
    author: Mapped[str] = mapped_column(String(200))  # who wrote the comment
    comment: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))  # the comment's class
    sensitive: Mapped[bool] = mapped_column()
    text: Mapped[str] = mapped_column(Text)
    check: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(16))
    created_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    approved_by: Mapped[str | None] = mapped_column(String(64))
    approved_at: Mapped[datetime | None] = mapped_column()
    sent_by: Mapped[str | None] = mapped_column(String(64))
    sent_at: Mapped[datetime | None] = mapped_column()


class ModerationAction(Base):
    """A comment hidden, deleted, reported, or its writer blocked: who, when, on which ground of the
    moderation policy and why. Part of the leader's record: blocking or deleting can be a decision under
    administrative law."""

    __tablename__ = "moderation_actions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    leader: Mapped[str] = mapped_column(String(128), index=True)
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"))
    author: Mapped[str] = mapped_column(String(200))
    comment: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(16))  # hidden | deleted | reported | blocked
    ground: Mapped[str] = mapped_column(String(32))  # a ground of the policy (moderation.yaml)
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


__all__ = [
    "Base",
    "Comment",
    "DialogueReply",
    "DraftJob",
    "DraftJobEvent",
    "HistoryEntry",
    "ImageBlob",
    "LoginAttempt",
    "ModerationAction",
    "Post",
    "PostImage",
    "PostVersion",
    "QuietPeriodRow",
    "Transition",
    "User",
    "UserLeader",
    "WebSession",
]
