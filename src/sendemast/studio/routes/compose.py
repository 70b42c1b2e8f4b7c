"""The start page: notes in, drafts streamed out (``POST /api/drafts`` then Server-Sent Events)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse

from sendemast.errors import UsageError
from sendemast.studio import drafts
from sendemast.studio.auth import current_account
from sendemast.studio.deps import Studio, get_studio
from sendemast.studio.jobs import stream
from sendemast.studio.rendering import lang_of, page

router = APIRouter()
WAIT_S = 600  # how long the page without JavaScript waits for its drafts


def _form(text: str, command: str, leader: str, channel: str, audience: str, topic: str, lang: str,
          variants: str) -> drafts.DraftForm:
    try:
        n = int(variants or 0)
    except ValueError:
        raise UsageError(f"variants must be a whole number, not {variants!r}") from None
    return drafts.DraftForm(text=text, command=command, leader=leader, channel=channel,
                            audience=audience, topic=topic, lang=lang, variants=n)


StrForm = Annotated[str, Form()]


@router.get("/", response_class=HTMLResponse)
def compose_page(
    request: Request,
    studio: Annotated[Studio, Depends(get_studio)],
    slot: Annotated[str, Query(max_length=80)] = "",
    leader: Annotated[str, Query(max_length=40)] = "",
) -> Response:
    """The compose form; ``?slot=ID&leader=…`` (the plan page's "Skriv udkast") fills it from that slot."""
    form = None
    if slot:
        from sendemast.studio.routes.plan import slot_form

        form = slot_form(studio, leader, slot)
    return page(request, "compose.html", form=form, drafts_html=[], result=None)


@router.post("/", response_class=HTMLResponse)
def compose_submit(
    request: Request,
    studio: Annotated[Studio, Depends(get_studio)],
    notes: StrForm = "", leader: StrForm = "", channel: StrForm = "", audience: StrForm = "",
    topic: StrForm = "", lang: StrForm = "", variants: StrForm = "",
) -> Response:
    """Without JavaScript: start the draft, wait for it and show the page with the drafts."""
    form = _form(notes, "draft", leader, channel, audience, topic, lang, variants)
    return _wait_and_show(request, studio, form, "compose.html")


def _wait_and_show(request: Request, studio: Studio, form: drafts.DraftForm, template: str) -> Response:
    ui = lang_of(request)
    job = drafts.start(studio, form.to_request(studio, ui), ui, form.leader,
                       user=current_account(request))
    job.wait(WAIT_S)  # this process runs the job: the result is here, not only its events
    if job.error is not None:
        raise UsageError(job.error)
    shown = drafts.result_html(job.result, form.command, ui, studio, job.leader, source=form.text)
    return page(request, template, form=form, drafts_html=shown,
                result=job.result)


@router.post("/api/drafts")
def start_draft(
    request: Request,
    studio: Annotated[Studio, Depends(get_studio)],
    text: StrForm = "", command: StrForm = "draft", leader: StrForm = "", channel: StrForm = "",
    audience: StrForm = "", topic: StrForm = "", lang: StrForm = "", variants: StrForm = "",
) -> JSONResponse:
    """Start a draft or rewrite; the answer names the event stream to follow."""
    ui = lang_of(request)
    form = _form(text, command, leader, channel, audience, topic, lang, variants)
    job = drafts.start(studio, form.to_request(studio, ui), ui, form.leader,
                       user=current_account(request))
    return JSONResponse({"job": job.id, "events": f"/api/drafts/{job.id}/events"}, status_code=202)


@router.get("/api/drafts/{job_id}/events")
def draft_events(request: Request, job_id: str, studio: Annotated[Studio, Depends(get_studio)]) -> Response:
    """The job's events as Server-Sent Events, from whichever studio process runs it (the database has
    them); ``Last-Event-ID`` resumes after the last one the page saw."""
    job = studio.jobs.get(job_id)
    account = current_account(request)
    if job is None or (account is not None and job.owner != account.name):  # another's draft: "no such"
        return JSONResponse({"error": "no such draft job"}, status_code=404)
    try:
        cursor = max(0, int(request.headers.get("last-event-id", "0")))
    except ValueError:
        cursor = 0
    return StreamingResponse(
        stream(studio.jobs, job.id, cursor, lang_of(request)),
        media_type="text/event-stream",
        headers={"cache-control": "no-cache", "x-accel-buffering": "no"},
    )
