"""Charts drawn on the server as inline SVG: no chart library, no script (the policy forbids inline
script, and a chart should not need JavaScript to be read).

Colours come from classes in ``studio.css`` (``style-src 'self'`` rules out style attributes); geometry
is in SVG attributes. Every chart has a ``<title>`` and a ``<desc>``; the page puts a table with the same
numbers beside it, which is what a screen reader should read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

# Geometry in the viewBox's units; the CSS scales the whole drawing to the page's width.
BAR_W = 12
GAP = 4
LEFT = 30  # room for the y axis labels
TOP = 18  # room above a bar or target line at the top for the target's label
PLOT_H = 120
BOTTOM = 24  # room for the x axis labels


@dataclass(frozen=True)
class Bar:
    value: int
    label: str  # what a pointer's tooltip says about this bar, e.g. "Uge 48, 2025: 2 opslag"
    tick: str = ""  # an x axis label under this bar ("" for none)
    quiet: bool = False  # drawn on a shaded band: a quiet period of the profile


def bar_chart(
    bars: Sequence[Bar], *, target: float, target_label: str, title: str, desc: str, chart_id: str
) -> Markup:
    """A bar per value, a dashed line at ``target``, quiet bars on a shaded band; escaped throughout."""
    top = max([*(b.value for b in bars), target, 1])
    ceiling = int(top) + (0 if float(top).is_integer() else 1)
    width = LEFT + len(bars) * (BAR_W + GAP) + GAP
    height = TOP + PLOT_H + BOTTOM

    def y(v: float) -> float:
        return TOP + PLOT_H - PLOT_H * v / ceiling

    out = [
        f'<svg class="chart" id="{escape(chart_id)}" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>',
    ]
    for i, bar in enumerate(bars):  # the bands first, so bars and lines are drawn over them
        if bar.quiet:
            out.append(f'<rect class="quiet-band" x="{_x(i) - GAP / 2:g}" y="{TOP}" '
                       f'width="{BAR_W + GAP}" height="{PLOT_H}"/>')
    step = max(1, ceiling // 4)
    for v in range(0, ceiling + 1, step):
        out.append(f'<line class="grid" x1="{LEFT}" x2="{width}" y1="{y(v):g}" y2="{y(v):g}"/>')
        out.append(f'<text class="axis" x="{LEFT - 6}" y="{y(v) + 4:g}" text-anchor="end">{v}</text>')
    for i, bar in enumerate(bars):
        if bar.value > 0:
            out.append(f'<rect class="bar" x="{_x(i)}" y="{y(bar.value):g}" width="{BAR_W}" '
                       f'height="{PLOT_H * bar.value / ceiling:g}"><title>{escape(bar.label)}</title></rect>')
        else:  # an empty week still answers a pointer
            out.append(f'<rect class="bar-none" x="{_x(i)}" y="{TOP}" width="{BAR_W}" height="{PLOT_H}">'
                       f'<title>{escape(bar.label)}</title></rect>')
        if bar.tick:
            out.append(f'<text class="axis" x="{_x(i)}" y="{TOP + PLOT_H + 16}">{escape(bar.tick)}</text>')
    out.append(f'<line class="target" x1="{LEFT}" x2="{width}" y1="{y(target):g}" y2="{y(target):g}"/>')
    out.append(f'<text class="target-label" x="{width - 2}" y="{y(target) - 4:g}" text-anchor="end">'
               f'{escape(target_label)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def _x(i: int) -> int:
    return LEFT + GAP + i * (BAR_W + GAP)
