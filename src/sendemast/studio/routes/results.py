"""The results page ("Resultater"): what the leader's posts achieved, per topic, audience, form and time,
from the figures ``sendemast stats import`` stored — the same ``stats.stats_for`` the CLI calls.

Team mode: the leader picker offers, and the page shows, only leaders the account may view."""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from sendemast.errors import SendemastError
from sendemast.studio.auth import current_account
from sendemast.studio.deps import Leader, Studio, get_studio
from sendemast.studio.i18n import translate
from sendemast.studio.rendering import lang_of, page

if TYPE_CHECKING:
    from sendemast.studio.results_view import ResultsView

router = APIRouter()

# Pages already made, by leader, period, language and what they were made from (report_stamp): a
# leader's figures change when she imports, not between page loads (1,000 posts took 150 ms a page).
_VIEWS: OrderedDict[tuple[object, ...], ResultsView] = OrderedDict()
_VIEWS_MAX = 32
_LOCK = threading.Lock()

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
    lang = lang_of(request)
    leaders = visible_leaders(studio, current_account(request))
    chosen = leader.strip() or (leaders[0].id if leaders else "")
    form = {"leader": chosen, "since": since.strip()}
    context: dict[str, Any] = {"form": form, "visible": leaders, "view": None}
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
        context["view"] = _view(studio, chosen, day, lang)
    except SendemastError as exc:
        return page(request, "results.html", status=400 if exc.exit_code == 2 else 500, error=exc.one_line(),
                    **context)
    return page(request, "results.html", error=None, **context)


def _view(studio: Studio, leader_id: str, day: dt.date | None, lang: str) -> ResultsView:
    from sendemast.stats.report import report_stamp
    from sendemast.studio.results_view import results_view

    context = studio.leader(leader_id)
    key = (studio.workspace.root, leader_id, day, lang, report_stamp(studio.workspace, context.leader))
    found = _VIEWS.get(key)
    if found is None:
        found = results_view(context.stats(since=day, lang=lang), lang)
        with _LOCK:
            _VIEWS[key] = found
            while len(_VIEWS) > _VIEWS_MAX:
                _VIEWS.popitem(last=False)
    return found
