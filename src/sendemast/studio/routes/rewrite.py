"""Rewrite: an institutional text in, a personal post out, with the diff and the facts check."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from sendemast.studio.deps import Studio, get_studio
from sendemast.studio.rendering import page
from sendemast.studio.routes.compose import _form, _wait_and_show

router = APIRouter()
StrForm = Annotated[str, Form()]


@router.get("/rewrite", response_class=HTMLResponse)
def rewrite_page(request: Request, studio: Annotated[Studio, Depends(get_studio)]) -> Response:
    return page(request, "rewrite.html", form=None, drafts_html=[], result=None)


@router.post("/rewrite", response_class=HTMLResponse)
def rewrite_submit(
    request: Request,
    studio: Annotated[Studio, Depends(get_studio)],
    original: StrForm = "", leader: StrForm = "", channel: StrForm = "", lang: StrForm = "",
) -> Response:
    """Without JavaScript: wait for the rewrite and show it."""
    form = _form(original, "rewrite", leader, channel, "", "", lang, "1")
    return _wait_and_show(request, studio, form, "rewrite.html")
