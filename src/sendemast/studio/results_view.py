"""A :class:`~sendemast.stats.report.StatsReport` made ready for ``results.html``: a chart and a table per
dimension, numbers in the page's language, the followers against the profile's audiences."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sendemast.stats.charts import Row, interval_chart
from sendemast.studio.i18n import translate

if TYPE_CHECKING:
    from markupsafe import Markup

    from sendemast.stats.analysis import Dimension, Group
    from sendemast.stats.report import StatsReport


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    chart: Markup
    rows: list[dict[str, str]]


@dataclass(frozen=True)
class ResultsView:
    report: StatsReport
    sections: list[Section]
    lang: str

    def num(self, value: float) -> str:
        return _num(value, self.lang)

    def pct(self, value: float | None) -> str:
        return "–" if value is None else _pct(value, self.lang)


def _num(value: float, lang: str) -> str:
    text = f"{value:,.0f}"
    return text.replace(",", ".") if lang == "da" else text


def _pct(value: float, lang: str, digits: int = 1) -> str:
    text = f"{100 * value:.{digits}f} %"
    return text.replace(".", ",") if lang == "da" else text


def _verdict(group: Group, metric: str, lang: str) -> str:
    found = group.verdict[metric]
    return translate(f"results_{found}", lang) if found else ""


def _row(report: StatsReport, dimension: Dimension, group: Group, lang: str) -> dict[str, str]:
    label = report.label(dimension.id, group.id)
    if group.too_few or group.impressions is None:
        too_few = translate("results_too_few", lang)
        return {"label": label, "posts": str(group.posts), "views": too_few, "rate": "", "difference": ""}
    i, r = group.impressions, group.rate
    views = f"{_num(i.median, lang)} ({_num(i.low, lang)}–{_num(i.high, lang)})"
    rate = f"{_pct(r.median, lang)} ({_pct(r.low, lang)}–{_pct(r.high, lang)})" if r else "–"
    on_rate = _verdict(group, "rate", lang)
    parts = [_verdict(group, "impressions", lang),
             f"{translate('results_rate_short', lang)}: {on_rate}" if on_rate else ""]
    difference = " · ".join(p for p in parts if p)
    return {"label": label, "posts": str(group.posts), "views": views, "rate": rate, "difference": difference}


def _chart(report: StatsReport, dimension: Dimension, lang: str, overall: float | None) -> Markup:
    rows = []
    for g in dimension.groups:
        label = report.label(dimension.id, g.id)
        if g.too_few or g.impressions is None:
            note = translate("results_too_few_short", lang)
            tip = f"{label}: {translate('results_too_few', lang)} ({g.posts})"
            rows.append(Row(label, None, None, None, note, tip))
            continue
        i = g.impressions
        note = _verdict(g, "impressions", lang)
        tip = translate("results_tooltip", lang).format(
            label=label, posts=g.posts, median=_num(i.median, lang), low=_num(i.low, lang),
            high=_num(i.high, lang))
        rows.append(Row(label, i.low, i.median, i.high, note, tip))
    title = translate(f"results_dim_{dimension.id}", lang)
    return interval_chart(
        rows, overall=overall, overall_label=translate("results_all_posts", lang),
        title=f"{translate('results_chart_title', lang)}: {title}",
        desc=translate("results_chart_desc", lang).format(level=_pct(dimension.confidence, lang)),
        chart_id=f"chart-{dimension.id}", number=lambda v: _num(v, lang))


def results_view(report: StatsReport, lang: str) -> ResultsView:
    from sendemast.stats.intervals import median

    views = [float(i.impressions) for i in report.items if i.impressions is not None]
    overall = median(views) if views else None
    sections = []
    for dimension in report.dimensions:
        if not dimension.groups:
            continue
        sections.append(Section(
            id=dimension.id, title=translate(f"results_dim_{dimension.id}", lang),
            chart=_chart(report, dimension, lang, overall),
            rows=[_row(report, dimension, g, lang) for g in dimension.groups]))
    return ResultsView(report=report, sections=sections, lang=lang)
