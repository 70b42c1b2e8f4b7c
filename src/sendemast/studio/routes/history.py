"""History: every draft and rewrite, from the studio and the CLI alike (one store under .sendemast)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from sendemast.studio.auth import current_account
from sendemast.studio.deps import Studio, get_studio
from sendemast.studio.rendering import page

router = APIRouter()
LIMIT = 200


@router.get("/history", response_class=HTMLResponse)
def history_page(request: Request, studio: Annotated[Studio, Depends(get_studio)]) -> Response:
    from sendemast.team.history import summarize

    account = current_account(request)  # team mode: only the drafts of leaders she may see
    shown = [e for e in studio.history().entries() if _visible(account, e)]
    entries = [summarize(e) for e in shown[:LIMIT]]
    return page(request, "history.html", entries=entries)


@router.get("/history/{entry_id}", response_class=HTMLResponse)
def history_entry(
    request: Request, entry_id: str, studio: Annotated[Studio, Depends(get_studio)]
) -> Response:
    entry = studio.history().get(entry_id)  # a bad or unknown id is a UsageError: the error page
    if not _visible(current_account(request), entry):
        from sendemast.team.errors import NotFound

        raise NotFound(f"no history entry {entry_id}")
    return page(request, "history_entry.html", entry=entry,
                linkedin_fold=studio.channel_conf("linkedin").get("hook_chars"))


def _visible(account: object, entry: dict) -> bool:
    """Every entry in the single-user studio; in team mode, those of leaders the account may view."""
    if account is None:
        return True
    from sendemast.team.permissions import can

    return can(account, "view", entry.get("leader"))  # type: ignore[arg-type]
