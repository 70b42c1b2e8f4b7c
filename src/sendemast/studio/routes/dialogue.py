"""The page "Dialog": paste a thread, choose the leader, see each comment's class, action, why and the
reply drafts with their check. The same library call as ``sendemast reply``; nothing is posted."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from sendemast.dialogue.thread import MAX_THREAD_CHARS
from sendemast.errors import UsageError
from sendemast.studio.auth import current_account
from sendemast.studio.deps import Studio, get_studio
from sendemast.studio.rendering import lang_of, page

router = APIRouter()
MAX_POST = 20_000


def _leader(request: Request, studio: Studio, leader: str) -> str:
    """The leader chosen, if the account may write for her; else the first she may write for. In team
    mode a leader she may not write for is the same answer as an unknown one (as for drafts)."""
    allowed = studio.leaders_for(current_account(request))
    if not leader:
        return allowed[0].id if allowed else studio.default_leader
    if current_account(request) is not None and leader not in {x.id for x in allowed}:
        raise UsageError(f"unknown leader {leader!r}")
    return leader


@router.get("/dialogue", response_class=HTMLResponse)
def dialogue_page(
    request: Request,
    studio: Annotated[Studio, Depends(get_studio)],
    leader: Annotated[str, Query(max_length=40)] = "",
) -> Response:
    return page(
        request,
        "dialogue.html",
        thread="",
        post="",
        leader=_leader(request, studio, leader),
        result=None,
        label=None,
    )


@router.post("/dialogue", response_class=HTMLResponse)
def dialogue_submit(
    request: Request,
    studio: Annotated[Studio, Depends(get_studio)],
    thread: Annotated[str, Form(max_length=MAX_THREAD_CHARS)] = "",
    post: Annotated[str, Form(max_length=MAX_POST)] = "",
    leader: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    from sendemast.dialogue.service import Replier, reply_to_thread

    chosen = _leader(request, studio, leader)
    context = studio.leader(chosen)
    result = reply_to_thread(context, thread, post=post)
    rules = Replier(context).rules
    lang = lang_of(request)
    return page(
        request,
        "dialogue.html",
        thread=thread,
        post=post,
        leader=chosen,
        result=result.to_json(),
        label=lambda cls: rules.label(cls, lang),
    )
