"""The results page's chart, drawn on the server as inline SVG like the plan page's: one row per group,
a line from the interval's low to its high end and a dot at the median, a dashed line at the median of
all posts. Readable without colour: a group called higher or lower says so in words at the row's end,
a group below the floor says "too few" in its row; the page puts a table with the same numbers beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

LABEL_W = 240  # room for the group's name (LABEL_CHARS at 11px)
LABEL_CHARS = 32
PLOT_W = 330
NOTE_W = 150  # room for "higher" / "too few"
ROW_H = 22
TOP = 20  # room for the label of the all-posts line
BOTTOM = 22


@dataclass(frozen=True)
class Row:
    label: str
    low: float | None  # None: no interval (too few posts)
    median: float | None
    high: float | None
    note: str  # "higher", "lower", "too few posts to say anything", or ""
    tooltip: str


def _danish(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".")


def interval_chart(rows: Sequence[Row], *, overall: float | None, overall_label: str, title: str, desc: str,
                   chart_id: str, number: Callable[[float], str] = _danish) -> Markup:
    """``number`` writes the axis's numbers in the page's language (Danish by default)."""
    top = max([r.high for r in rows if r.high is not None] + [overall or 0, 1.0])
    width = LABEL_W + PLOT_W + NOTE_W
    height = TOP + ROW_H * max(1, len(rows)) + BOTTOM

    def x(v: float) -> float:
        return LABEL_W + PLOT_W * v / top

    cid = escape(chart_id)
    out = [
        f'<svg class="chart interval-chart" id="{cid}" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{cid}-title {cid}-desc">',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(desc)}</desc>',
    ]
    axis_y = TOP + ROW_H * max(1, len(rows))
    for i in range(5):
        v = top * i / 4
        out.append(f'<line class="grid" x1="{x(v):.1f}" x2="{x(v):.1f}" y1="{TOP}" y2="{axis_y}"/>')
        out.append(f'<text class="axis" x="{x(v):.1f}" y="{axis_y + 14}" text-anchor="middle">'
                   f'{escape(number(v))}</text>')
    for i, row in enumerate(rows):
        y = TOP + ROW_H * i + ROW_H / 2
        label = row.label if len(row.label) <= LABEL_CHARS else row.label[:LABEL_CHARS - 1] + "…"
        out.append(f'<g><title>{escape(row.tooltip)}</title>')
        out.append(f'<text class="row-label" x="{LABEL_W - 8}" y="{y + 4:.1f}" text-anchor="end">'
                   f'{escape(label)}</text>')
        if row.low is not None and row.high is not None and row.median is not None:
            out.append(f'<line class="ci" x1="{x(row.low):.1f}" x2="{x(row.high):.1f}" '
                       f'y1="{y:.1f}" y2="{y:.1f}"/>')
            for end in (row.low, row.high):
                out.append(f'<line class="ci" x1="{x(end):.1f}" x2="{x(end):.1f}" y1="{y - 5:.1f}" '
                           f'y2="{y + 5:.1f}"/>')
            out.append(f'<circle class="ci-median" cx="{x(row.median):.1f}" cy="{y:.1f}" r="4"/>')
        if row.note:
            out.append(f'<text class="row-note" x="{LABEL_W + PLOT_W + 8}" y="{y + 4:.1f}">'
                       f'{escape(row.note)}</text>')
        out.append("</g>")
    if overall is not None:
        at = x(overall)
        out.append(f'<line class="target" x1="{at:.1f}" x2="{at:.1f}" y1="{TOP}" y2="{axis_y}"/>')
        out.append(f'<text class="target-label" x="{at + 3:.1f}" y="{TOP - 6}">'
                   f'{escape(overall_label)}</text>')
    out.append("</svg>")
    return Markup("".join(out))
