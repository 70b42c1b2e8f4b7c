"""The team studio's JSON API under ``/api/``: the posts a user may see and the steps along the
approval path. Pydantic models, so the OpenAPI document (``/api/openapi.json``) describes it. Every
call goes through the team layer, which asks ``permissions.can`` at the object: a post the user may
not see is 404, exactly like a missing one."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, Field

from sendemast.studio import auth

if TYPE_CHECKING:
    from fastapi import FastAPI

router = APIRouter(prefix="/api", tags=["team"])
PostId = Annotated[int, Path(ge=1, le=2**31 - 1, description="the post's id")]
StatusName = Literal["kladde", "til_godkendelse", "aendringer_oensket", "godkendt", "udgivet"]


class PostOut(BaseModel):
    id: int
    leader: str
    channel: str
    status: StatusName
    status_label: dict[str, str]
    version: int
    text: str
    verdict: str
    findings: list[dict[str, Any]]
    written: dict[str, Any] | None = Field(
        default=None, description="how written the post is: copied_share (against the notes or original it "
        "was drafted from; null when unknown), fragments, first_person_share (+ institutional for a rewrite)")
    created_by: str | None
    created_at: str
    updated_by: str | None
    updated_at: str
    history_id: str | None
    approved_version: int | None
    published_url: str | None
    published_on: str | None
    capacity: Literal["personal", "official"] = Field(
        default="personal", description="personal (på egne vegne) or official (for the authority)")


class CommentOut(BaseModel):
    id: int
    actor: str | None
    text: str
    created_at: str


class TransitionOut(BaseModel):
    action: str
    from_: str | None = Field(alias="from")
    to: str
    version: int | None
    actor: str | None
    reason: str | None
    created_at: str


class VersionOut(BaseModel):
    version: int
    actor: str | None
    created_at: str


class PostRecordOut(PostOut):
    comments: list[CommentOut]
    transitions: list[TransitionOut]
    versions: list[VersionOut]


class MeOut(BaseModel):
    name: str
    role: str
    leaders: list[str]


class TextIn(BaseModel):
    text: str = Field(min_length=1, max_length=100_000)
    version: int = Field(ge=1, le=2**31 - 1, description="the version the edit is based on")


class CommentIn(BaseModel):
    text: str = Field(min_length=1, max_length=100_000)


class StepIn(BaseModel):
    action: Literal["submit", "approve", "request_changes", "withdraw", "publish", "publish_unapproved"]
    version: int | None = Field(default=None, ge=1, le=2**31 - 1)
    reason: str | None = Field(default=None, max_length=10_000)
    url: str | None = Field(default=None, max_length=2000, description="publish: the real post's address")
    published_on: date | None = Field(default=None, description="publish: the date it was posted")


class StepOut(BaseModel):
    post: PostOut
    warnings: list[str]


class ConflictOut(BaseModel):
    error: str
    current: dict[str, Any]


class ErrorOut(BaseModel):
    error: str


ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 404: {"model": ErrorOut},
}


@router.get("/me", responses=ERRORS)
def me(request: Request) -> MeOut:
    account = auth.require_account(request)
    return MeOut(name=account.name, role=account.role, leaders=sorted(account.leaders))


@router.get("/posts", responses=ERRORS)
def posts(
    request: Request,
    leader: Annotated[str | None, Query(max_length=128)] = None,
    status: StatusName | None = None,
) -> list[PostOut]:
    """The posts the user may see, newest first."""
    from sendemast.team.posts import list_posts

    account = auth.require_account(request)
    found = list_posts(auth.team_db(request), account, leader=leader, status=status)
    return [PostOut(**p.to_dict()) for p in found]


@router.get("/posts/{post_id}", responses=ERRORS)
def post(request: Request, post_id: PostId) -> PostRecordOut:
    """A post with its comments, the steps it took and its versions."""
    from sendemast.team.posts import post_record

    account = auth.require_account(request)
    return PostRecordOut.model_validate(post_record(auth.team_db(request), account, post_id))


@router.put("/posts/{post_id}/text", responses={**ERRORS, 409: {"model": ConflictOut}})
def save(request: Request, post_id: PostId, body: TextIn) -> PostOut:
    """A new version of the text, based on ``version``; 409 with the other's version when someone saved
    first (nothing is overwritten)."""
    from sendemast.team.posts import save_text

    account = auth.require_account(request)
    studio = request.app.state
    saved = save_text(studio.team_db, account, post_id, body.text, body.version, checker_of(request))
    return PostOut(**saved.to_dict())


@router.post("/posts/{post_id}/comments", status_code=201, responses=ERRORS)
def comment(request: Request, post_id: PostId, body: CommentIn) -> CommentOut:
    from sendemast.team.posts import add_comment

    account = auth.require_account(request)
    return CommentOut(**add_comment(auth.team_db(request), account, post_id, body.text))


@router.post("/posts/{post_id}/steps", responses={**ERRORS, 409: {"model": ConflictOut}})
def step(request: Request, post_id: PostId, body: StepIn) -> StepOut:
    """A step on the approval path: submit, approve (a reason when the check has review findings; never
    with a block finding), request_changes (a reason), withdraw, publish (url and published_on)."""
    account = auth.require_account(request)
    result = take(request, account, post_id, body.action, version=body.version, reason=body.reason,
                  url=body.url, published_on=body.published_on)
    return StepOut(post=PostOut(**result.post.to_dict()), warnings=result.warnings)


def checker_of(request: Request) -> Any:
    """The check a post is saved and approved with: its own leader's (her profile, the rules)."""
    return request.app.state.studio.organisation.check


def take(request: Request, account: Any, post_id: int, action: str, **kwargs: Any) -> Any:
    """``approval.take_step`` with the workspace's checker and publisher (shared with the post page)."""
    from sendemast.team.approval import take_step
    from sendemast.team.workspace_glue import workspace_publisher

    studio = request.app.state.studio
    db = auth.team_db(request)
    publisher = (workspace_publisher(studio.workspace) if action in ("publish", "publish_unapproved")
                 else None)
    return take_step(db, account, post_id, action, checker=checker_of(request), publisher=publisher,
                     quiet=studio.organisation.quiet_gate(db), **kwargs)


def add_openapi(app: FastAPI) -> None:
    """``/api/openapi.json``: the JSON API only (the pages are HTML, not an API)."""
    from fastapi.openapi.utils import get_openapi
    from fastapi.responses import JSONResponse

    def document() -> JSONResponse:
        if not getattr(app.state, "api_schema", None):
            app.state.api_schema = get_openapi(title="sendemast team API", version="1",
                                               routes=router.routes)
        return JSONResponse(app.state.api_schema)

    app.add_api_route("/api/openapi.json", document, include_in_schema=False)
