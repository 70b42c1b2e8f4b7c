"""The plan page: a leader's cadence and coverage against her profile, the next weeks' slots, each drafted
with one click, and the same plan as a calendar file.

Everything comes from the CLI's library calls: ``assembly.plan_for`` (saved, as ``sendemast plan`` saves
it, so a slot's "Skriv udkast" resolves exactly the slot that was shown), ``planning.calendar.
profile_calendar`` for ``/plan.ics`` and ``planning.resolve_slot`` for the compose page a slot opens.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from sendemast.errors import SendemastError, UsageError
from sendemast.planning.core import DEFAULT_WEEKS, MAX_WEEKS, check_weeks
from sendemast.studio.deps import Studio, get_studio
from sendemast.studio.i18n import translate
from sendemast.studio.rendering import lang_of, page

if TYPE_CHECKING:
    from sendemast.planning.models import Plan
    from sendemast.studio.drafts import DraftForm

router = APIRouter()

ShortQuery = Annotated[str, Query(max_length=40)]


@dataclass(frozen=True)
class PlanForm:
    """The page's choices as typed (shown back in the form) and as understood."""

    leader: str
    weeks_text: str
    today_text: str
    weeks: int = DEFAULT_WEEKS
    today: dt.date | None = None  # None: today in the workspace's time zone

    def query(self) -> str:
        """The choices as a query string, for the calendar link (the same plan as the page)."""
        params = {"leader": self.leader, "weeks": str(self.weeks)}
        if self.today is not None:
            params["today"] = self.today.isoformat()
        return urlencode(params)


def read_form(studio: Studio, lang: str, leader: str, weeks: str, today: str) -> PlanForm:
    """The choices checked one by one; the first wrong one is a UsageError in the page's language."""
    known = [item.id for item in studio.leaders()]
    chosen = leader.strip() or studio.default_leader
    typed = PlanForm(leader=chosen, weeks_text=weeks.strip(), today_text=today.strip())
    if chosen not in known:
        raise PlanInputError(typed, translate("plan_bad_leader", lang).format(
            value=chosen, known=", ".join(known)))
    n = DEFAULT_WEEKS
    if typed.weeks_text:
        try:
            n = check_weeks(int(typed.weeks_text))  # the limit `sendemast plan --weeks` has too
        except (ValueError, UsageError):
            raise PlanInputError(typed, translate("plan_bad_weeks", lang).format(
                value=typed.weeks_text, max=MAX_WEEKS)) from None
    day = None
    if typed.today_text:
        try:
            day = dt.date.fromisoformat(typed.today_text)
        except ValueError:
            raise PlanInputError(typed, translate("plan_bad_today", lang).format(
                value=typed.today_text)) from None
    return PlanForm(leader=chosen, weeks_text=typed.weeks_text, today_text=typed.today_text,
                    weeks=n, today=day)


class PlanInputError(UsageError):
    """A wrong choice on the plan page; carries the form as typed, so the page can show it again."""

    def __init__(self, form: PlanForm, message: str) -> None:
        super().__init__(message)
        self.form = form


def make(studio: Studio, form: PlanForm) -> Plan:
    from sendemast.assembly.plan import plan_for
    from sendemast.errors import SendemastError

    try:  # the studio's open retriever: opening one per page load cost 0.5 s (the embedder loads)
        retriever = studio.retriever(form.leader)
    except SendemastError:  # plan_for tries again and turns the problem into the plan's warning
        retriever = None
    return plan_for(studio.workspace, weeks=form.weeks, today=form.today, leader=form.leader, save=True,
                    retriever=retriever)


@router.get("/plan", response_class=HTMLResponse)
def plan_page(
    request: Request,
    studio: Annotated[Studio, Depends(get_studio)],
    leader: ShortQuery = "", weeks: ShortQuery = "", today: ShortQuery = "",
) -> Response:
    from sendemast.studio.plan_view import plan_view

    lang = lang_of(request)
    try:
        form = read_form(studio, lang, leader, weeks, today)
    except PlanInputError as exc:  # the form again, with the one line that says what is wrong
        return page(request, "plan.html", status=400, form=exc.form, error=exc.one_line(), view=None)
    try:
        plan = make(studio, form)
    except SendemastError as exc:  # e.g. a broken profile: the page says so and keeps the form
        return page(request, "plan.html", status=400 if exc.exit_code == 2 else 500, form=form,
                    error=exc.one_line(), view=None)
    profile = studio.leader(form.leader).profile
    return page(request, "plan.html", form=form, error=None, view=plan_view(plan, profile, lang))


@router.get("/plan.ics")
def plan_calendar(
    request: Request,
    studio: Annotated[Studio, Depends(get_studio)],
    leader: ShortQuery = "", weeks: ShortQuery = "", today: ShortQuery = "",
) -> Response:
    """The plan as ``sendemast plan --ics`` writes it: the same function, the same bytes."""
    from sendemast.planning.calendar import profile_calendar

    form = read_form(studio, lang_of(request), leader, weeks, today)  # a wrong one: the error page
    plan = make(studio, form)
    body = profile_calendar(plan, studio.leader(form.leader).profile)
    name = f"sendemast-plan-{form.leader}-{plan.today.isoformat()}.ics"
    return Response(body, media_type="text/calendar; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{name}"'})


def slot_form(studio: Studio, leader: str, slot_id: str) -> DraftForm:
    """The compose form filled in from a slot of the leader's last plan, as ``draft --slot`` fills it."""
    from sendemast.planning import resolve_slot
    from sendemast.studio.drafts import DraftForm

    chosen = leader or studio.default_leader
    if chosen not in {item.id for item in studio.leaders()}:
        raise UsageError(f"unknown leader {chosen!r}")
    ws = studio.workspace
    planned = resolve_slot(ws.state_dir, chosen, slot_id, ws.root)
    return DraftForm(text=planned.notes, leader=chosen, channel=planned.channel,
                     audience=planned.audience, topic=planned.topic)
