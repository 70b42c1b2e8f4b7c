"""The server-drawn SVG chart: bars to scale, the target line where the target is, quiet weeks shaded,
everything it names escaped, no inline style (the Content-Security-Policy would drop it)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from sendemast.studio.charts import PLOT_H, TOP, Bar, bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def chart(bars: list[Bar], target: float = 2) -> ET.Element:
    svg = bar_chart(bars, target=target, target_label="Mål: 2 om ugen", title="Opslag <pr.> uge",
                    desc="4 uger & et mål", chart_id="c")
    assert "style=" not in svg
    return ET.fromstring(str(svg))  # well-formed XML, or this raises


def test_bars_are_to_scale_and_the_target_line_sits_at_the_target() -> None:
    root = chart([Bar(4, "uge 1: 4"), Bar(0, "uge 2: 0"), Bar(1, "uge 3: 1"), Bar(2, "uge 4: 2")])
    bars = root.findall(f"{SVG}rect[@class='bar']")
    assert [float(b.get("height", "")) for b in bars] == [PLOT_H, PLOT_H / 4, PLOT_H / 2]
    assert all(float(b.get("y", "")) + float(b.get("height", "")) == TOP + PLOT_H for b in bars)
    assert len(root.findall(f"{SVG}rect[@class='bar-none']")) == 1  # the empty week still has a tooltip
    line = root.find(f"{SVG}line[@class='target']")
    assert line is not None and float(line.get("y1", "")) == TOP + PLOT_H / 2  # 2 of a ceiling of 4
    assert [t.text for t in root.iter(f"{SVG}title")] == ["Opslag <pr.> uge", "uge 1: 4", "uge 2: 0",
                                                          "uge 3: 1", "uge 4: 2"]


def test_a_target_above_every_bar_raises_the_ceiling() -> None:
    root = chart([Bar(1, "a"), Bar(1, "b")], target=2.5)
    bar = root.find(f"{SVG}rect[@class='bar']")
    assert bar is not None and float(bar.get("height", "")) == PLOT_H / 3  # ceiling 3: the target fits
    assert [t.text for t in root.findall(f"{SVG}text[@class='axis']")] == ["0", "1", "2", "3"]


def test_quiet_weeks_are_shaded_and_ticks_written() -> None:
    root = chart([Bar(0, "a", tick="dec.", quiet=True), Bar(1, "b"), Bar(0, "c", tick="jan.", quiet=True)])
    assert len(root.findall(f"{SVG}rect[@class='quiet-band']")) == 2
    ticks = [t.text for t in root.findall(f"{SVG}text[@class='axis']") if t.text and not t.text.isdigit()]
    assert ticks == ["dec.", "jan."]


def test_everything_named_is_escaped() -> None:
    svg = str(bar_chart([Bar(1, '<script>alert("x")</script>', tick="<b>")], target=1,
                        target_label="</svg><svg onload=x>", title="<t>", desc="&", chart_id='c" x="'))
    assert "<script>" not in svg and "<b>" not in svg and "<svg onload" not in svg
    assert re.search(r'id="c&#34; x=&#34;"', svg)
