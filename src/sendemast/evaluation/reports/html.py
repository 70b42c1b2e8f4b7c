"""A single-file HTML report: per case the input, the output with findings highlighted, the sources, the
scores and the judges' reasoning. No external assets and no scripts.

Every piece of content is escaped by Jinja2's autoescaping; the highlighted output is built as a list of
plain-text segments, never as pre-made HTML, so a ``<script>`` in a post is shown as text. A
Content-Security-Policy that allows no scripts at all is a second line of defence.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import Template

SEVERITY_RANK = {"block": 0, "review": 1, "warn": 2, "info": 3}


def segments(text: str, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``text`` cut into plain pieces and highlighted pieces, one per finding with a span. Where spans
    overlap, the more severe finding wins; the other is still listed under the output."""
    spans = [f for f in findings if isinstance(f.get("start"), int) and isinstance(f.get("end"), int)
             and 0 <= f["start"] < f["end"] <= len(text)]
    spans.sort(key=lambda f: (SEVERITY_RANK.get(str(f.get("severity")), 4), f["start"]))
    chosen: list[dict[str, Any]] = []
    for finding in spans:
        if all(finding["end"] <= c["start"] or finding["start"] >= c["end"] for c in chosen):
            chosen.append(finding)
    chosen.sort(key=lambda f: f["start"])
    pieces: list[dict[str, Any]] = []
    position = 0
    for finding in chosen:
        if finding["start"] > position:
            pieces.append({"text": text[position:finding["start"]], "finding": None})
        pieces.append({"text": text[finding["start"]:finding["end"]], "finding": finding})
        position = finding["end"]
    if position < len(text):
        pieces.append({"text": text[position:], "finding": None})
    return pieces


@lru_cache(maxsize=1)
def _template() -> Template:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(str(Path(__file__).parent)), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["segments"] = segments
    return env.get_template("report.html.j2")


def render_html(report: dict[str, Any]) -> str:
    return _template().render(report=report, run=report.get("run") or {}, summary=report.get("summary") or {},
                              baseline=report.get("baseline"))


def write_html(report: dict[str, Any], path: str | Path) -> None:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_html(report), encoding="utf-8")
