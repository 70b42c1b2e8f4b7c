"""The results page ("Resultater"): what the leader's posts achieved, per topic, audience, form and time,
from the figures ``sendemast stats import`` stored — the same ``stats.stats_for`` the CLI calls.

Team mode: the leader picker offers, and the page shows, only leaders the account may view."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from sendemast.errors import SendemastError
from sendemast.studio.auth import current_account
from sendemast.studio.deps import Leader, Studio, get_studio
from sendemast.studio.i18n import translate
from sendemast.studio.rendering import lang_of, page

router = APIRouter()

ShortQuery = Annotated[str, Query(max_length=40)]


def visible_leaders(studio: Studio, account: object) -> list[Leader]:
    if account is None:
        return studio.leaders()
    from sendemast.team.permissions import can

    return [leader for leader in studio.leaders() if can(account, "view", leader.id)]  # type: ignore[arg-type]


@router.get("/results", response_class=HTMLResponse)
def results_page(
    request: Request,
    studio: Annotated[Studio, Depends(get_studio)],
    leader: ShortQuery = "", since: ShortQuery = "",
) -> Response:
    from sendemast.stats import stats_for
    from sendemast.studio.results_view import results_view

    lang = lang_of(request)
    leaders = visible_leaders(studio, current_account(request))
    chosen = leader.strip() or (leaders[0].id if leaders else "")
    form = {"leader": chosen, "since": since.strip()}
    context = {"form": form, "visible": leaders, "view": None}
    if chosen not in {item.id for item in leaders}:
        error = translate("results_bad_leader", lang).format(value=chosen)
        return page(request, "results.html", status=400 if leaders else 403, error=error, **context)
    day = None
    if form["since"]:
        try:
            day = dt.date.fromisoformat(form["since"])
        except ValueError:
            error = translate("results_bad_since", lang).format(value=form["since"])
            return page(request, "results.html", status=400, error=error, **context)
    try:
        report = stats_for(studio.workspace, studio.leader(chosen).leader, since=day, lang=lang)
    except SendemastError as exc:
        return page(request, "results.html", status=400 if exc.exit_code == 2 else 500, error=exc.one_line(),
                    **context)
    context["view"] = results_view(report, lang)
    return page(request, "results.html", error=None, **context)
