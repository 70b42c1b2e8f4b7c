"""Check any post (the page behind the link "Tjek"), and the live check the editors call as you type."""

from __future__ import annotations

from typing import Annotated, Literal

import anyio
from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup
from pydantic import BaseModel, Field

from sendemast.studio.checking import answer_json
from sendemast.studio.deps import Studio, get_studio
from sendemast.studio.rendering import lang_of, page

router = APIRouter()
MAX_POST = 20_000


class CheckBody(BaseModel):
    text: str = Field(max_length=MAX_POST)
    channel: str = "linkedin"
    audience: str | None = None
    # a draft's notes or a rewrite's original: the check then says how much of the text is copied
    source: str | None = Field(default=None, max_length=MAX_POST)
    source_kind: Literal["notes", "original"] = "notes"


@router.get("/check", response_class=HTMLResponse)
def check_page(request: Request, studio: Annotated[Studio, Depends(get_studio)]) -> Response:
    return page(request, "check.html", text="", channel=studio.channels()[0],
                result_html=studio.checker.html(lang_of(request), "", None))


@router.post("/check", response_class=HTMLResponse)
def check_submit(
    request: Request,
    studio: Annotated[Studio, Depends(get_studio)],
    post: Annotated[str, Form(max_length=MAX_POST)] = "",
    channel: Annotated[str, Form()] = "linkedin",
) -> Response:
    """The same check for a page without JavaScript: the form posts and the page comes back checked."""
    _, html = studio.checker.check_and_render(post, channel, None, lang_of(request))
    return page(request, "check.html", text=post, channel=channel, result_html=Markup(html))


@router.post("/api/check")
async def live_check(
    request: Request, body: CheckBody, studio: Annotated[Studio, Depends(get_studio)]
) -> Response:
    """The check as JSON plus its rendered fragment, which the page swaps in."""
    lang = lang_of(request)
    if studio.check_pool is not None:
        answer = await studio.check_pool.run(body.text, body.channel, body.audience, lang, body.source,
                                             body.source_kind)
    else:
        answer = answer_json(*await anyio.to_thread.run_sync(
            studio.checker.check_and_render, body.text, body.channel, body.audience, lang, body.source,
            body.source_kind))
    return Response(answer, media_type="application/json")
