"""The results page in Chromium: no axe-core violation (WCAG 2.1 A/AA) in Danish and English, with
figures and without, and the charts readable as text (their titles, the words beside the rows)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.studio.conftest import LiveStudio, _need_browser, axe_violations, serve

pytestmark = [pytest.mark.browser, pytest.mark.server]


@pytest.fixture(scope="module")
def results_studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStudio]:
    """The example workspace (no index needed for this page) with the invented figures imported."""
    import subprocess
    import sys

    from sendemast.workspace import init_workspace

    _need_browser()
    root = init_workspace(tmp_path_factory.mktemp("results") / "ws", example=True)
    script = Path(__file__).resolve().parents[2] / "scripts" / "make_example_stats.py"
    subprocess.run([sys.executable, str(script), str(root), "--leader", "hanne"], check=True,
                   capture_output=True)
    yield from serve(root, "fake/draft", root.parent / "studio.log")


@pytest.mark.parametrize("path", ["/results?leader=hanne", "/results?leader=hanne&lang=en",
                                  "/results?leader=birgitte", "/results?leader=hanne&since=x"])
def test_no_axe_violation(page: Any, results_studio: LiveStudio, path: str) -> None:
    page.goto(results_studio.url + path)
    assert axe_violations(page) == []


def test_the_charts_speak_without_colour(page: Any, results_studio: LiveStudio) -> None:
    page.goto(results_studio.url + "/results?leader=hanne")
    chart = page.locator("svg#chart-channel")
    assert chart.get_attribute("role") == "img"
    assert "Kanal" in chart.locator("title").first.text_content()
    notes = chart.locator("text.row-note").all_text_contents()
    assert notes and all(n.startswith(("▲", "▼", "for få")) for n in notes)  # words and shapes, not hues
    assert page.get_by_role("table").count() >= 9
