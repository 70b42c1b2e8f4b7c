"""The team layer's errors: small, typed, each one line for the CLI (and a status code for the web)."""

from __future__ import annotations

from typing import Any

from sendemast.errors import SendemastError, UsageError


class TeamError(SendemastError):
    """Base of the team layer's errors. ``status`` is the HTTP status a web layer should answer with."""

    status = 400


class NotFound(TeamError):
    """No such object, *or* one the user may not see: the two are indistinguishable on purpose, so an
    adviser for leader A cannot learn that leader B's post 7 exists (the web layer answers 404)."""

    status = 404


class Forbidden(TeamError):
    """The user may see the object but not do this to it (the web layer answers 403)."""

    status = 403


class TransitionError(TeamError):
    """The approval path does not allow this step from the post's current status, or its conditions
    (a ``block`` finding, a missing reason) are not met."""

    status = 409


class PostConflict(TeamError):
    """A save or a step based on a stale version: someone else changed the post first. Carries the
    other's version so the caller can show it (optimistic locking: nothing was overwritten)."""

    status = 409

    def __init__(self, message: str, *, current: dict[str, Any], hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.current = current  # the post as it is now: version, text, status, updated_by, updated_at


class AccountError(UsageError):
    """A bad account command: unknown user, duplicate name, bad role, weak or mismatched password."""


class LoginFailed(TeamError):
    """Wrong user name or password (one message for both, so names cannot be probed)."""

    status = 401


class LoginThrottled(TeamError):
    """Too many wrong passwords for this user or address lately; ``retry_after`` seconds to wait."""

    status = 429

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
