"""Assembling a team studio: the single-user app plus login, the board, the post pages and the JSON
API, with :func:`auth.guard` in front of every route and the team layer's errors as HTTP answers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import Depends, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from sendemast.studio import auth
from sendemast.team.errors import LoginThrottled, PostConflict, TeamError

if TYPE_CHECKING:
    from fastapi import FastAPI

    from sendemast.team.db import Database
    from sendemast.workspace import Workspace


def create_team_app(workspace: Workspace, *, db: Database | None = None, **kwargs: Any) -> FastAPI:
    """The studio in team mode on ``db`` (default: the workspace's team database)."""
    from sendemast.studio.app import create_app
    from sendemast.studio.jobs import JobBoard
    from sendemast.studio.routes import accounts, api, board, records
    from sendemast.team.db import open_workspace_database

    team_db = db or open_workspace_database(workspace)
    kwargs.setdefault("jobs", JobBoard(lambda: team_db))  # draft jobs beside the sessions they belong to
    app = create_app(workspace, routers=[accounts.router, board.router, records.router, api.router],
                     dependencies=[Depends(auth.guard)], **kwargs)
    app.state.team_db = team_db
    _team_errors(app)
    api.add_openapi(app)
    return app


def _team_errors(app: FastAPI) -> None:
    from sendemast.studio.app import error_response, wants_json

    async def team_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, TeamError)
        if isinstance(exc, auth.LoginRequired) and not wants_json(request):
            return RedirectResponse("/login", status_code=303)
        if wants_json(request):
            body: dict[str, Any] = {"error": exc.one_line()}
            if isinstance(exc, PostConflict):
                body["current"] = exc.current
            response: Response = JSONResponse(body, status_code=exc.status)
        else:
            response = error_response(request, exc.status, exc.one_line())
        if isinstance(exc, LoginThrottled):
            response.headers["retry-after"] = str(exc.retry_after)
        return response

    app.add_exception_handler(TeamError, team_error)
