"""Team mode: who is asking, and may she. One app-wide dependency (:func:`guard`) runs before every
route of a team studio; it keeps no state in the process (sessions live in the team database).

- A session cookie (``sendemast_session``: HttpOnly, SameSite=Lax, Secure when the request came over
  HTTPS, directly or through a proxy that sets ``X-Forwarded-Proto: https``). Trusting that header can
  only make the cookie stricter, never weaker, so it needs no proxy allow-list.
- Without a session, ``/api/…`` answers 401 and a page redirects to ``/login``.
- Every state-changing request carries a CSRF token: a ``csrf_token`` form field or an
  ``X-CSRF-Token`` header, checked against the session's token (constant time). The login form has no
  session yet: its token is a double-submit pair (a random cookie and the same value in the form).
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from fastapi import Request

from sendemast.team.errors import TeamError

if TYPE_CHECKING:
    from sendemast.team.accounts import Account
    from sendemast.team.db import Database

SESSION_COOKIE = "sendemast_session"
LOGIN_CSRF_COOKIE = "sendemast_login_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
# Reachable without a session: the login page and the API's description (static files are a mount).
OPEN_PATHS = ("/login", "/api/openapi.json", "/api/health")
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class LoginRequired(TeamError):
    """No live session: 401 for the API, a redirect to the login page for a page."""

    status = 401


class CsrfRefused(TeamError):
    status = 403


def team_db(request: Request) -> Database:
    db: Database = request.app.state.team_db
    return db


def is_team(request: Request) -> bool:
    return getattr(request.app.state, "team_db", None) is not None


def current_account(request: Request) -> Account | None:
    """The logged-in account in team mode; None in the single-user studio."""
    return getattr(request.state, "account", None)


def require_account(request: Request) -> Account:
    account = current_account(request)
    if account is None:
        raise LoginRequired("log in first")
    return account


def is_https(request: Request) -> bool:
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return request.url.scheme == "https" or forwarded == "https"


async def guard(request: Request) -> None:
    """Resolve the session, demand one outside the login page, and check the CSRF token of every
    state-changing request (the login POST included)."""
    from sendemast.team.sessions import csrf_ok, find_session

    if not is_team(request):
        return
    found = find_session(team_db(request), request.cookies.get(SESSION_COOKIE))
    request.state.account = found.account if found else None
    request.state.csrf = found.csrf_token if found else None
    open_path = request.url.path in OPEN_PATHS
    if found is None and not open_path:
        raise LoginRequired("log in first")
    if request.method in SAFE_METHODS:
        return
    sent = await _sent_token(request)
    if open_path and found is None:
        expected = request.cookies.get(LOGIN_CSRF_COOKIE) or ""
        ok = bool(sent) and bool(expected) and secrets.compare_digest(
            expected.encode(), (sent or "").encode("utf-8", "replace"))
    else:
        ok = csrf_ok(found, sent)
    if not ok:
        raise CsrfRefused("missing or wrong CSRF token; reload the page and try again")


async def _sent_token(request: Request) -> str | None:
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    kind = request.headers.get("content-type", "")
    if kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()  # cached on the request: the route reads the same form
        value = form.get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    return None


def new_login_token() -> str:
    return secrets.token_urlsafe(32)
