"""Logging in and out of a team studio (``/login``, ``/logout``). The login form's CSRF token is a
double-submit pair: there is no session yet to hold it (see ``studio.auth``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sendemast.studio import auth
from sendemast.studio.rendering import page

router = APIRouter()


def _login_page(request: Request, *, status: int = 200, error: str | None = None, name: str = "") -> Response:
    token = auth.new_login_token()
    response = page(request, "login.html", status=status, login_csrf=token, error=error, name=name)
    response.set_cookie(auth.LOGIN_CSRF_COOKIE, token, httponly=True, samesite="lax",
                        secure=auth.is_https(request), max_age=3600)
    return response


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> Response:
    if auth.current_account(request) is not None:
        return RedirectResponse("/board", status_code=303)
    return _login_page(request)


@router.post("/login", response_class=HTMLResponse)
def login_submit(
    request: Request, username: Annotated[str, Form()] = "", password: Annotated[str, Form()] = ""
) -> Response:
    from sendemast.team.accounts import authenticate
    from sendemast.team.errors import LoginFailed, LoginThrottled
    from sendemast.team.sessions import end_session, start_session

    db = auth.team_db(request)
    address = request.client.host if request.client else "unknown"
    try:
        account = authenticate(db, username, password, address)
    except LoginThrottled as exc:
        response = _login_page(request, status=429, error=exc.one_line(), name=username)
        response.headers["retry-after"] = str(exc.retry_after)
        return response
    except LoginFailed as exc:
        return _login_page(request, status=401, error=exc.one_line(), name=username)
    end_session(db, request.cookies.get(auth.SESSION_COOKIE))  # a new session id on every login
    token, _ = start_session(db, account)
    response = RedirectResponse("/board", status_code=303)
    response.set_cookie(auth.SESSION_COOKIE, token, httponly=True, samesite="lax",
                        secure=auth.is_https(request), max_age=12 * 3600)
    response.delete_cookie(auth.LOGIN_CSRF_COOKIE)
    return response


@router.post("/logout")
def logout(request: Request) -> Response:
    from sendemast.team.sessions import end_session

    end_session(auth.team_db(request), request.cookies.get(auth.SESSION_COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(auth.SESSION_COOKIE)
    return response
