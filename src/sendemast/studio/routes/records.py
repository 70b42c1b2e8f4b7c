"""The team studio's public-record features on a post: capacity, images with alt text, the hand-off to
the channel, the AI-assistance disclosure line, the record as PDF/JSON; and quiet periods (admins).
Every form posts back with its CSRF field; the team layer decides (permissions, versions, gates)."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

from fastapi import APIRouter, File, Form, Path, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from sendemast.errors import UsageError
from sendemast.studio import auth
from sendemast.studio.deps import form_int

router = APIRouter()
PostId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Position = Annotated[int, Path(ge=1, le=4)]
StrForm = Annotated[str, Form()]


def _back(post_id: int) -> RedirectResponse:
    return RedirectResponse(f"/posts/{post_id}", status_code=303)


@router.post("/posts/{post_id}/capacity")
def post_capacity(
    request: Request, post_id: PostId, capacity: StrForm = "", version: StrForm = ""
) -> Response:
    from sendemast.studio.routes.api import checker_of
    from sendemast.team.posts import set_capacity

    set_capacity(
        auth.team_db(request),
        auth.require_account(request),
        post_id,
        capacity,
        form_int(version, "version"),
        checker_of(request),
    )
    return _back(post_id)


@router.post("/posts/{post_id}/images")
async def image_upload(
    request: Request,
    post_id: PostId,
    image: Annotated[UploadFile, File()],
    version: StrForm = "",
    alt: StrForm = "",
) -> Response:
    from starlette.concurrency import run_in_threadpool

    from sendemast.studio.routes.api import checker_of
    from sendemast.team.images import MAX_BYTES, ImageError, add_image

    account = auth.require_account(request)
    data = await image.read(MAX_BYTES + 1)  # never more than the limit in memory
    if len(data) > MAX_BYTES:
        raise ImageError(f"{image.filename or 'the file'} is too large (at most {MAX_BYTES // 2**20} MB)")
    await run_in_threadpool(
        add_image,
        auth.team_db(request),
        account,
        post_id,
        data,
        image.filename or "",
        version=form_int(version, "version"),
        alt=alt,
        checker=checker_of(request),
    )
    return _back(post_id)


@router.post("/posts/{post_id}/images/{position}/alt")
def image_alt(
    request: Request, post_id: PostId, position: Position, alt: StrForm = "", version: StrForm = ""
) -> Response:
    from sendemast.studio.routes.api import checker_of
    from sendemast.team.images import set_alt_text

    set_alt_text(
        auth.team_db(request),
        auth.require_account(request),
        post_id,
        position,
        alt,
        version=form_int(version, "version"),
        checker=checker_of(request),
    )
    return _back(post_id)


@router.post("/posts/{post_id}/images/{position}/remove")
def image_remove(request: Request, post_id: PostId, position: Position, version: StrForm = "") -> Response:
    from sendemast.studio.routes.api import checker_of
    from sendemast.team.images import remove_image

    remove_image(
        auth.team_db(request),
        auth.require_account(request),
        post_id,
        position,
        version=form_int(version, "version"),
        checker=checker_of(request),
    )
    return _back(post_id)


@router.get("/posts/{post_id}/images/{position}")
def image_file(request: Request, post_id: PostId, position: Position) -> Response:
    from sendemast.team.images import image_data

    data, mime = image_data(auth.team_db(request), auth.require_account(request), post_id, position)
    # served as the type its content was verified to be; never sniffed, never a page
    return Response(
        data,
        media_type=mime,
        headers={
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'",
            "Cache-Control": "private, max-age=300",
        },
    )


@router.post("/posts/{post_id}/disclosure")
def add_disclosure(request: Request, post_id: PostId, version: StrForm = "") -> Response:
    """Adds the profile's AI-assistance line to the end of the text (a new version)."""
    from sendemast.studio.routes.api import checker_of
    from sendemast.team.posts import get_post, save_text

    account = auth.require_account(request)
    db = auth.team_db(request)
    post = get_post(db, account, post_id)
    line = disclosure_line(request, post.leader, post.check.get("language"))
    if line and line not in post.text:
        save_text(
            db,
            account,
            post_id,
            f"{post.text.rstrip()}\n\n{line}",
            form_int(version, "version"),
            checker_of(request),
        )
    return _back(post_id)


def disclosure_line(request: Request, leader: str, lang: str | None) -> str:
    from sendemast.profile import DEFAULT_AI_DISCLOSURE

    profile = request.app.state.studio.organisation.profile_of(leader)
    wanted = "en" if lang == "en" else "da"
    return profile.disclosure(wanted) if profile is not None else DEFAULT_AI_DISCLOSURE[wanted]


def _record(request: Request, post_id: int) -> dict:
    from sendemast.records.record import build_record

    return build_record(auth.team_db(request), auth.require_account(request), post_id,
                        profile_of=request.app.state.studio.organisation.profile_of)


@router.get("/posts/{post_id}/record.json")
def record_json(request: Request, post_id: PostId) -> Response:
    body = json.dumps(_record(request, post_id), ensure_ascii=False, indent=2)
    return Response(
        body,
        media_type="application/json; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="post-{post_id:04d}-record.json"'},
    )


@router.get("/posts/{post_id}/record.pdf")
def record_pdf(request: Request, post_id: PostId) -> Response:
    from sendemast.records.pdf import record_pdf as render

    return Response(
        render(_record(request, post_id)),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="post-{post_id:04d}-record.pdf"'},
    )


@router.post("/quiet")
def quiet_start(
    request: Request, until: StrForm = "", reason: StrForm = "", leader: StrForm = ""
) -> Response:
    from sendemast.team.quiet import start_quiet

    try:
        last = date.fromisoformat(until)
    except ValueError:
        raise UsageError(f"not a date: {until!r} (expected YYYY-MM-DD)") from None
    start_quiet(
        auth.team_db(request), auth.require_account(request), until=last, reason=reason, leader=leader or None
    )
    return RedirectResponse("/board", status_code=303)


@router.post("/quiet/end")
def quiet_end(request: Request, leader: StrForm = "") -> Response:
    from sendemast.team.quiet import end_quiet

    end_quiet(auth.team_db(request), auth.require_account(request), leader=leader or None)
    return RedirectResponse("/board", status_code=303)
