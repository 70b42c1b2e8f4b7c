"""The page "Dialog": paste a thread, choose the leader, see each comment's class, action, why and the
reply drafts with their check. The same library call as ``sendemast reply``; nothing is posted."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sendemast.dialogue.thread import MAX_THREAD_CHARS
from sendemast.errors import UsageError
from sendemast.studio.auth import current_account, is_team, require_account, team_db
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
        may_save=is_team(request),
        moderation=_moderation_choices(rules, lang) if is_team(request) else None,
    )


def _moderation_choices(rules: object, lang: str) -> dict[str, object]:
    from sendemast.dialogue.record import MODERATION_ACTIONS

    policy = getattr(rules, "policy", {}) or {}
    grounds = {
        key: (value.get("label") or {}).get(lang, key) for key, value in (policy.get("grounds") or {}).items()
    }
    return {"actions": list(policy.get("actions", MODERATION_ACTIONS)), "grounds": grounds}


# --- team mode: replies on their path, moderation on record (the same calls as 'sendemast dialogue') ---


@router.post("/dialogue/save")
def dialogue_save(
    request: Request,
    studio: Annotated[Studio, Depends(get_studio)],
    thread: Annotated[str, Form(max_length=MAX_THREAD_CHARS)] = "",
    post: Annotated[str, Form(max_length=MAX_POST)] = "",
    leader: Annotated[str, Form(max_length=40)] = "",
    comment: Annotated[int, Form(ge=1, le=10_000)] = 1,
    reply: Annotated[int, Form(ge=1, le=10)] = 1,
) -> Response:
    """Keep reply ``reply`` of comment ``comment`` as a draft on the path. The thread is triaged and the
    replies drafted again here — the page's copy is never trusted — and the same reply is kept."""
    from sendemast.dialogue.record import save_reply
    from sendemast.dialogue.service import reply_to_thread

    account = require_account(request)
    chosen = _leader(request, studio, leader)
    result = reply_to_thread(studio.leader(chosen), thread, post=post, comment=comment)
    item = result.comments[0]
    if not 1 <= reply <= len(item.replies):
        raise UsageError(f"no reply {reply}: comment {comment} has {len(item.replies)}")
    kept = item.replies[reply - 1]
    save_reply(
        team_db(request),
        account,
        chosen,
        author=item.comment.author,
        comment=item.comment.text,
        cls=item.triage.cls,
        text=kept.text,
        check=kept.check,
    )
    return RedirectResponse(f"/dialogue/replies?leader={quote(chosen)}", status_code=303)


@router.get("/dialogue/replies", response_class=HTMLResponse)
def dialogue_replies(
    request: Request,
    studio: Annotated[Studio, Depends(get_studio)],
    leader: Annotated[str, Query(max_length=40)] = "",
) -> Response:
    from sendemast.dialogue.record import leader_record
    from sendemast.dialogue.service import Replier
    from sendemast.team.permissions import can

    account = require_account(request)
    chosen = _leader(request, studio, leader)
    record = leader_record(team_db(request), account, chosen)
    rules = Replier(studio.leader(chosen)).rules
    lang = lang_of(request)
    return page(
        request,
        "dialogue_replies.html",
        leader=chosen,
        record=record,
        label=lambda cls: rules.label(cls, lang),
        may={a: can(account, a, chosen) for a in ("submit", "approve", "publish")},
        moderation=_moderation_choices(rules, lang),
    )


@router.post("/dialogue/replies/{reply_id}/{action}")
def dialogue_step(
    request: Request,
    reply_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    action: Annotated[str, Path(pattern="^(submit|approve|send)$")],
    leader: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    from sendemast.dialogue.record import step_reply

    done = step_reply(team_db(request), require_account(request), reply_id, action)
    return RedirectResponse(f"/dialogue/replies?leader={quote(done['leader'])}", status_code=303)


@router.post("/dialogue/moderation")
def dialogue_moderate(
    request: Request,
    studio: Annotated[Studio, Depends(get_studio)],
    leader: Annotated[str, Form(max_length=40)] = "",
    action: Annotated[str, Form(max_length=20)] = "",
    ground: Annotated[str, Form(max_length=40)] = "",
    reason: Annotated[str, Form(max_length=2000)] = "",
    author: Annotated[str, Form(max_length=200)] = "",
    comment: Annotated[str, Form(max_length=MAX_THREAD_CHARS)] = "",
) -> Response:
    from sendemast.dialogue.record import record_moderation
    from sendemast.dialogue.service import Replier

    account = require_account(request)
    chosen = _leader(request, studio, leader)
    record_moderation(
        team_db(request),
        account,
        chosen,
        Replier(studio.leader(chosen)).rules,
        action=action,
        ground=ground,
        reason=reason,
        author=author,
        comment=comment,
    )
    return RedirectResponse(f"/dialogue/replies?leader={quote(chosen)}", status_code=303)
