"""Check any post (the page behind the link "Tjek"), and the live check the editors call as you type."""

from __future__ import annotations

from typing import Annotated, Literal

import anyio
from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup
from pydantic import BaseModel, Field

from sendemast.studio.auth import current_account
from sendemast.studio.checking import answer_json
from sendemast.studio.deps import Studio, get_studio
from sendemast.studio.rendering import lang_of, page

router = APIRouter()
MAX_POST = 20_000


class CheckBody(BaseModel):
    text: str = Field(max_length=MAX_POST)
    channel: str = "linkedin"
    audience: str | None = None
    leader: str | None = Field(default=None, max_length=40)  # whose profile (None: the default leader's)
    # a draft's notes or a rewrite's original: the check then says how much of the text is copied
    source: str | None = Field(default=None, max_length=MAX_POST)
    source_kind: Literal["notes", "original"] = "notes"


def _page_leader(request: Request, studio: Studio, leader: str) -> str:
    """The leader the check page is for: the one chosen, else the first the user writes for."""
    if leader:
        return leader
    mine = studio.leaders_for(current_account(request))
    return mine[0].id if mine else studio.default_leader


@router.get("/check", response_class=HTMLResponse)
def check_page(request: Request, studio: Annotated[Studio, Depends(get_studio)],
               leader: Annotated[str, Query(max_length=40)] = "") -> Response:
    chosen = _page_leader(request, studio, leader)
    return page(request, "check.html", text="", channel=studio.channels(chosen)[0], leader=chosen,
                result_html=studio.checker.html(lang_of(request), "", None))


@router.post("/check", response_class=HTMLResponse)
def check_submit(
    request: Request,
    studio: Annotated[Studio, Depends(get_studio)],
    post: Annotated[str, Form(max_length=MAX_POST)] = "",
    channel: Annotated[str, Form()] = "linkedin",
    leader: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    """The same check for a page without JavaScript: the form posts and the page comes back checked."""
    chosen = _page_leader(request, studio, leader)
    _, html = studio.checker.check_and_render(post, channel, None, lang_of(request), chosen)
    return page(request, "check.html", text=post, channel=channel, leader=chosen, result_html=Markup(html))


@router.post("/api/check")
async def live_check(
    request: Request, body: CheckBody, studio: Annotated[Studio, Depends(get_studio)]
) -> Response:
    """The check as JSON plus its rendered fragment, which the page swaps in: against the profile of
    ``leader`` (default: the workspace's default leader; an unknown one is a 400 naming the leaders)."""
    lang = lang_of(request)
    leader = body.leader or studio.default_leader
    if studio.check_pool is not None:
        answer = await studio.check_pool.run(body.text, body.channel, body.audience, lang, leader,
                                             body.source, body.source_kind)
    else:
        answer = answer_json(*await anyio.to_thread.run_sync(
            studio.checker.check_and_render, body.text, body.channel, body.audience, lang, leader,
            body.source, body.source_kind))
    return Response(answer, media_type="application/json")
