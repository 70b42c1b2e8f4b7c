"""Check any post (the page behind the link "Tjek"), and the live check the editors call as you type."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from markupsafe import Markup
from pydantic import BaseModel, Field

from sendemast.errors import UsageError
from sendemast.studio.deps import Studio, get_studio
from sendemast.studio.rendering import fragment, lang_of, page

router = APIRouter()
MAX_POST = 20_000


class CheckBody(BaseModel):
    text: str = Field(max_length=MAX_POST)
    channel: str = "linkedin"
    audience: str | None = None


def run_check(studio: Studio, text: str, channel: str, audience: str | None) -> dict[str, Any]:
    """``guidelines.check_post`` with the workspace's profile and rules: the CLI's ``check``."""
    from sendemast.guidelines import check_post

    if channel not in studio.ruleset.channels:
        raise UsageError(f"unknown channel {channel!r} (known: {', '.join(studio.ruleset.channels)})")
    if audience and audience not in {a.id for a in studio.workspace.profile.audiences}:
        audience = None
    result = check_post(text, channel=channel, profile=studio.workspace.profile, ruleset=studio.ruleset,
                        audience=audience)
    return result.to_dict()


def check_html(studio: Studio, lang: str, text: str, check: dict[str, Any] | None) -> Markup:
    return fragment("_check.html", lang, text=text, check=check, uid="c",
                    linkedin_fold=studio.channel_conf("linkedin").get("hook_chars"))


@router.get("/check", response_class=HTMLResponse)
def check_page(request: Request, studio: Annotated[Studio, Depends(get_studio)]) -> Response:
    return page(request, "check.html", text="", channel=studio.channels()[0], result_html="")


@router.post("/check", response_class=HTMLResponse)
def check_submit(
    request: Request,
    studio: Annotated[Studio, Depends(get_studio)],
    post: Annotated[str, Form(max_length=MAX_POST)] = "",
    channel: Annotated[str, Form()] = "linkedin",
) -> Response:
    """The same check for a page without JavaScript: the form posts and the page comes back checked."""
    lang = lang_of(request)
    check = run_check(studio, post, channel, None) if post.strip() else None
    return page(request, "check.html", text=post, channel=channel,
                result_html=check_html(studio, lang, post, check))


@router.post("/api/check")
def live_check(request: Request, body: CheckBody, studio: Annotated[Studio, Depends(get_studio)]) -> Response:
    """The check as JSON plus its rendered fragment, which the page swaps in."""
    lang = lang_of(request)
    if not body.text.strip():
        return JSONResponse({"check": None, "html": check_html(studio, lang, "", None)})
    check = run_check(studio, body.text, body.channel, body.audience)
    return JSONResponse({"check": check, "html": check_html(studio, lang, body.text, check)})
