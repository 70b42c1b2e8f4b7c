"""The team studio's pages: the board (a leader's posts by status) and a post's page with its text,
check, comments, path and the buttons its status allows. Forms post back here (each with its CSRF
field); the team layer decides, and its errors become the error page with their status."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sendemast.errors import UsageError
from sendemast.studio import auth
from sendemast.studio.deps import form_int
from sendemast.studio.rendering import lang_of, page
from sendemast.team import workflow
from sendemast.team.permissions import can

router = APIRouter()
PostId = Annotated[int, Path(ge=1, le=2**31 - 1)]
StrForm = Annotated[str, Form()]


@router.get("/board", response_class=HTMLResponse)
def board(request: Request, leader: Annotated[str, Query(max_length=128)] = "") -> Response:
    from sendemast.team.posts import list_posts

    account = auth.require_account(request)
    studio = request.app.state.studio
    mine = [x for x in studio.leaders() if can(account, "view", x.id)]
    chosen = leader if leader in {x.id for x in mine} else ""
    found = list_posts(auth.team_db(request), account, leader=chosen or None)
    columns = [(s, workflow.LABELS[s][lang_of(request)], [p for p in found if p.status == s])
               for s in workflow.STATUSES]
    names = {x.id: x.name for x in studio.leaders()}
    from sendemast.team.quiet import started_periods

    quiet = [p for p in started_periods(auth.team_db(request), leader=chosen or None)
             if p["leader"] is None or can(account, "view", p["leader"])]
    return page(request, "board.html", columns=columns, board_leaders=mine, chosen=chosen, names=names,
                quiet=quiet, may_quiet=can(account, "manage_quiet"), today=date.today().isoformat())


def _post_page(request: Request, post_id: int, *, status: int = 200, conflict: dict | None = None,
               mine: str | None = None) -> Response:
    from sendemast.records.handoff import handoff_links
    from sendemast.studio.routes.records import disclosure_line
    from sendemast.team.posts import post_record

    account = auth.require_account(request)
    db = auth.team_db(request)
    record = post_record(db, account, post_id)
    organisation = request.app.state.studio.organisation
    profile = organisation.profile_of(record["leader"])
    quiet = organisation.quiet_gate(db)(record["leader"], date.today())
    disclosure = disclosure_line(request, record["leader"], record.get("language"))
    findings = record.get("findings") or []
    blocked = record["verdict"] == "block" or any(f.get("severity") == "block" for f in findings)
    review = record["verdict"] == "review" or any(f.get("severity") == "review" for f in findings)
    steps = [a for a, s in workflow.STEPS.items()
             if record["status"] in s.sources and can(account, a, record["leader"])
             and not (a in ("approve", "publish_unapproved") and blocked)]
    lang = lang_of(request)
    return page(request, "post.html", status=status, post=record, steps=steps, blocked=blocked,
                review=review, conflict=conflict, mine=mine,
                editable=record["status"] in workflow.EDITABLE and can(account, "edit", record["leader"]),
                may_comment=can(account, "comment", record["leader"]),
                label=lambda s: workflow.LABELS.get(s, {}).get(lang, s or ""),
                today=date.today().isoformat(), quiet=quiet,
                handoff=handoff_links(record["text"], record["channel"], profile),
                disclosure=(disclosure if record.get("history_id") and disclosure not in record["text"]
                            else None),
                may_images=len(record.get("images") or []) < 4)


@router.get("/posts/{post_id}", response_class=HTMLResponse)
def post_page(request: Request, post_id: PostId) -> Response:
    return _post_page(request, post_id)


@router.post("/posts/{post_id}/text", response_class=HTMLResponse)
def post_save(request: Request, post_id: PostId, text: StrForm = "", version: StrForm = "") -> Response:
    from sendemast.studio.routes.api import checker_of
    from sendemast.team.errors import PostConflict
    from sendemast.team.posts import save_text

    account = auth.require_account(request)
    try:
        save_text(auth.team_db(request), account, post_id, text, form_int(version, "version"),
                  checker_of(request))
    except PostConflict as exc:  # show the other's version beside her own text; nothing was saved
        return _post_page(request, post_id, status=409, conflict=exc.current, mine=text)
    return RedirectResponse(f"/posts/{post_id}", status_code=303)


@router.post("/posts/{post_id}/comments", response_class=HTMLResponse)
def post_comment(request: Request, post_id: PostId, text: StrForm = "") -> Response:
    from sendemast.team.posts import add_comment

    add_comment(auth.team_db(request), auth.require_account(request), post_id, text)
    return RedirectResponse(f"/posts/{post_id}", status_code=303)


@router.post("/posts/{post_id}/steps", response_class=HTMLResponse)
def post_step(
    request: Request, post_id: PostId, action: StrForm = "", version: StrForm = "", reason: StrForm = "",
    url: StrForm = "", published_on: StrForm = "",
) -> Response:
    from sendemast.studio.routes.api import take

    when = None
    if published_on:
        try:
            when = date.fromisoformat(published_on)
        except ValueError:
            raise UsageError(f"not a date: {published_on!r} (expected YYYY-MM-DD)") from None
    take(request, auth.require_account(request), post_id, action, version=form_int(version, "version"),
         reason=reason, url=url, published_on=when)
    return RedirectResponse(f"/posts/{post_id}", status_code=303)
