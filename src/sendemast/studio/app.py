"""The app factory. Routers are one module per page family; ``routers`` and ``middleware`` let later
features (accounts and sign-in, the approval path) add theirs without touching this file's callers."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware import Middleware

from sendemast.errors import SendemastError
from sendemast.studio.deps import Studio
from sendemast.studio.i18n import translate
from sendemast.studio.jobs import JobBoard
from sendemast.studio.rendering import HERE, lang_of, page
from sendemast.studio.security import Security, allowed_hosts
from sendemast.team.db import open_workspace_database

if TYPE_CHECKING:
    from fastapi import APIRouter

    from sendemast.workspace import Workspace

_log = logging.getLogger(__name__)


def default_routers() -> list[APIRouter]:
    from sendemast.studio.routes import (
        check,
        compose,
        dialogue,
        health,
        history,
        library,
        plan,
        reports,
        results,
        rewrite,
    )

    return [compose.router, rewrite.router, check.router, dialogue.router, plan.router, results.router,
            library.router, history.router, reports.router, health.router]


def create_app(
    workspace: Workspace,
    *,
    model_id: str | None = None,
    host: str = "127.0.0.1",
    routers: Iterable[APIRouter] = (),
    middleware: Sequence[Middleware] = (),
    jobs: JobBoard | None = None,
    check_workers: int = 0,
    dependencies: Sequence[Any] = (),
) -> FastAPI:
    """The studio for ``workspace``. ``routers`` are added after the built-in ones; ``middleware`` runs
    inside the security layer (so an auth layer sees only same-origin requests to a known host).
    ``check_workers`` > 0 runs live checks in that many processes (``sendemast studio`` uses the cores).
    ``dependencies`` run before every route (team mode's login and CSRF guard). ``jobs`` keeps draft jobs
    (default: in the workspace's team database, opened when the first draft starts)."""
    board = jobs or JobBoard(lambda: open_workspace_database(workspace))

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.studio.close()

    app = FastAPI(
        lifespan=lifespan,
        title="sendemast studio",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        middleware=[Middleware(Security, hosts=allowed_hosts(host)), *middleware],
        dependencies=list(dependencies),
    )
    app.state.studio = Studio(workspace, model_id=model_id, jobs=board)
    app.state.studio.start_check_pool(check_workers)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for router in [*default_routers(), *routers]:
        app.include_router(router)
    _error_pages(app)
    return app


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, status: int, message: str) -> Response:
    if wants_json(request):
        return JSONResponse({"error": message}, status_code=status)
    return page(request, "error.html", status=status, message=message)


def _error_pages(app: FastAPI) -> None:
    @app.exception_handler(SendemastError)
    async def _sendemast(request: Request, exc: SendemastError) -> Response:
        return error_response(request, 400 if exc.exit_code == 2 else 500, exc.one_line())

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        lang = lang_of(request)
        message = translate("not_found", lang) if exc.status_code == 404 else str(exc.detail)
        return error_response(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 422, _validation_line(exc.errors()))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        _log.exception("studio request failed")
        message = f"{translate('unexpected', lang_of(request))}: {type(exc).__name__}"
        return error_response(request, 500, message)


def _validation_line(errors: Sequence[Any]) -> str:
    parts = []
    for e in errors[:3]:
        where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("body", "query", "form"))
        parts.append(f"{where}: {e.get('msg', 'invalid')}" if where else str(e.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"
