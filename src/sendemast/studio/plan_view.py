"""A :class:`~sendemast.planning.models.Plan` made ready for ``plan.html``: dates in the page's language,
topic titles and audience names from the leader's profile, the weekly chart and its table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from sendemast.studio.charts import Bar, bar_chart
from sendemast.studio.i18n import translate

if TYPE_CHECKING:
    from markupsafe import Markup

    from sendemast.planning.models import Plan, Slot
    from sendemast.profile import Profile

WEEKDAY_IDS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def slot_link(leader: str, slot_id: str) -> str:
    """Where a slot's "Skriv udkast" goes: the compose page, filled in from the slot."""
    return "/?" + urlencode({"leader": leader, "slot": slot_id})


@dataclass(frozen=True)
class Dates:
    """Dates as the page's language writes them: "2. dec. 2026" / "2 Dec 2026"."""

    lang: str

    def _words(self, key: str) -> list[str]:
        return translate(key, self.lang).split()

    def day(self, day: dt.date | None, *, weekday: bool = False, year: bool = True) -> str:
        if day is None:
            return translate("plan_never", self.lang)
        month = self._words("months_short")[day.month - 1]
        text = f"{day.day}. {month}" if self.lang == "da" else f"{day.day} {month}"
        if year:
            text += f" {day.year}"
        if weekday:
            text = f"{self.weekday(day.weekday())} {text}"
        return text

    def weekday(self, index_or_id: int | str | None) -> str:
        if index_or_id is None:
            return translate("plan_unknown", self.lang)
        index = index_or_id if isinstance(index_or_id, int) else WEEKDAY_IDS.index(index_or_id)
        return self._words("weekdays")[index]

    def num(self, value: float | None, digits: int = 2) -> str:
        """A decimal number with the language's separator (Danish writes 0,58)."""
        if value is None:
            return "–"
        text = f"{value:.{digits}f}"
        return text.replace(".", ",") if self.lang == "da" else text

    def points(self, difference: float) -> str:
        """A share's difference from its target in percentage points, signed ("−15 procentpoint")."""
        n = round(100 * difference)
        sign = "+" if n > 0 else "−" if n < 0 else "±"
        return translate("plan_points", self.lang).format(n=f"{sign}{abs(n)}")

    def month(self, day: dt.date) -> str:
        return self._words("months_short")[day.month - 1]

    def week(self, start: dt.date) -> str:
        """ "Uge 48, 2025 (fra 24. nov. 2025)": the ISO week a Monday starts."""
        iso = start.isocalendar()
        return translate("plan_week_label", self.lang).format(week=iso.week, year=iso.year,
                                                              start=self.day(start))


@dataclass(frozen=True)
class PlanView:
    plan: Plan
    profile: Profile
    dates: Dates
    chart: Markup
    topic_titles: dict[str, str]
    audience_names: dict[str, str]

    def topic(self, topic_id: str) -> str:
        return self.topic_titles.get(topic_id, topic_id) or "–"

    def draft_link(self, slot: Slot) -> str:
        return slot_link(self.plan.leader, slot.id)

    def audience(self, audience_id: str) -> str:
        return self.audience_names.get(audience_id, audience_id) or "–"

    @property
    def quiet_periods(self) -> list[tuple[dt.date, dt.date, str]]:
        """The profile's quiet periods that touch the planned weeks."""
        end = self.plan.today + dt.timedelta(weeks=self.plan.weeks)
        return [(q.start, q.end, q.reason) for q in self.profile.quiet_periods
                if q.end > self.plan.today and q.start <= end]


def plan_view(plan: Plan, profile: Profile, lang: str) -> PlanView:
    dates = Dates(lang)
    return PlanView(
        plan=plan,
        profile=profile,
        dates=dates,
        chart=weekly_chart(plan, dates),
        topic_titles={t.id: t.title for t in plan.topics} | {t.id: t.title for t in profile.topics},
        audience_names={a.id: a.description for a in profile.audiences},
    )


def weekly_chart(plan: Plan, dates: Dates) -> Markup:
    """Posts per week over the last 52 complete weeks, a tick at each month's first week."""
    lang, c = dates.lang, plan.cadence
    bars, month = [], None
    for week in c.weeks:
        tick = ""
        if week.start.month != month:
            month = week.start.month
            tick = dates.month(week.start)
        label = translate("plan_bar", lang).format(week=dates.week(week.start), posts=week.posts)
        if week.quiet:
            label += f" ({translate('plan_quiet_week', lang)})"
        bars.append(Bar(value=week.posts, label=label, tick=tick, quiet=week.quiet))
    first, last = (c.weeks[0].start, c.weeks[-1].start) if c.weeks else (plan.today, plan.today)
    desc = translate("plan_chart_desc", lang).format(
        first=dates.day(first), last=dates.day(last),
        total=sum(w.posts for w in c.weeks), target=f"{c.target_per_week:g}",
        below=c.weeks_below_target.get("last_52_weeks", 0), quiet=c.quiet_weeks.get("last_52_weeks", 0))
    return bar_chart(
        bars,
        target=c.target_per_week,
        target_label=translate("plan_target_line", lang).format(target=f"{c.target_per_week:g}"),
        title=translate("plan_chart_title", lang).format(n=len(c.weeks)),
        desc=desc,
        chart_id="weekly-chart",
    )
