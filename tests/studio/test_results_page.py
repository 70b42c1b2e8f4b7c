"""The studio's results page ("Resultater") in-process: the numbers ``sendemast stats --json`` gives, a
chart per dimension as inline SVG with a table beside it, "too few" in words, the followers against the
profile's audiences, wrong choices as one line, and in team mode only the leaders an account may view."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import run_cli

BASE = "http://127.0.0.1:8000"


@pytest.fixture
def with_figures(example_workspace: Path) -> Path:
    """The example workspace with the invented exports imported for hanne."""
    from sendemast.planning.inputs import load_posts
    from sendemast.stats import import_figures
    from sendemast.stats.example import write_example
    from sendemast.workspace import load_workspace

    workspace = load_workspace(example_workspace)
    hanne = workspace.leader("hanne")
    posts, _ = load_posts(workspace, hanne)
    for path in write_example(posts, example_workspace / "exports"):
        import_figures(workspace, hanne, path)
    return example_workspace


@pytest.fixture
def client(with_figures: Path) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from sendemast.studio import create_app
    from sendemast.workspace import load_workspace

    app = create_app(load_workspace(with_figures), model_id="fake/draft")
    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as c:
        yield c


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


def test_the_page_shows_what_the_cli_says(client: Any, with_figures: Path, capsys: Any,
                                          monkeypatch: Any) -> None:
    code, out, err = run_cli(capsys, monkeypatch, "-w", str(with_figures), "stats", "-l", "hanne", "--json")
    assert code == 0, err
    expected = json.loads(out)
    page = client.get("/results?leader=hanne")
    assert page.status_code == 200
    body = page.text
    assert 'href="/results" aria-current="page"' in body
    for name, dimension in expected["dimensions"].items():
        section = body.split(f'id="h-{name}"')[1].split("</section>")[0]
        assert f'<svg class="chart interval-chart" id="chart-{name}"' in section
        assert "<title id=" in section and "<desc id=" in section
        rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th><td>(\d+)</td><td>(.*?)</td>", section)
        assert len(rows) == len(dimension["groups"])
        for (label, posts, views), group in zip(rows, dimension["groups"], strict=True):
            assert html.unescape(label) == group["label"] and int(posts) == group["posts"]
            if group["too_few"]:
                assert html.unescape(views) == "for få opslag til at sige noget"
            else:
                median = f"{group['median_impressions']['median']:,.0f}".replace(",", ".")
                assert html.unescape(views).startswith(median)
        for group in dimension["groups"]:  # a difference in words, on the chart and in the table
            if group["difference"]["impressions"] == "higher":
                assert "▲ højere end de øvrige" in section
    assert "https://x.com/example/status/1999999999999999999" in body  # listed, not dropped
    audiences = _text(body.split('id="h-audiences"')[1])
    assert "Andel af følgerne" in audiences and "Sygeplejerske" in audiences


def test_english_and_a_leader_without_figures(client: Any) -> None:
    page = client.get("/results?leader=hanne&lang=en")
    assert page.status_code == 200 and "too few posts to say anything" in page.text
    empty = client.get("/results?leader=birgitte")
    assert empty.status_code == 200 and "stats import" in empty.text and "<svg" not in empty.text


@pytest.mark.parametrize("query, words", [("leader=nobody", "findes ikke"), ("leader=hanne&since=juni",
                                                                            "er ikke en dato")])
def test_wrong_choices_are_one_line(client: Any, query: str, words: str) -> None:
    page = client.get(f"/results?{query}")
    assert page.status_code == 400
    alert = re.search(r'<p class="error-line" role="alert">([^<]*)</p>', page.text)
    assert alert and words in html.unescape(alert.group(1))


def test_since_narrows_the_posts(client: Any) -> None:
    every = re.search(r"<dd>(\d+) / \d+</dd>", client.get("/results?leader=hanne").text)
    later = re.search(r"<dd>(\d+) / \d+</dd>", client.get("/results?leader=hanne&since=2026-06-01").text)
    assert every and later and 0 < int(later.group(1)) < int(every.group(1))


def test_everything_shown_is_escaped(with_figures: Path, client: Any) -> None:
    profile = with_figures / "leaders" / "hanne" / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("title: Ældrepleje og hjemmepleje",
                                    "title: \"<script>alert(1)</script> Ældrepleje\""), encoding="utf-8")
    body = client.get("/results?leader=hanne").text
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_team_mode_shows_only_the_leaders_an_account_may_view(with_figures: Path) -> None:
    from fastapi.testclient import TestClient

    from sendemast.studio.team_mode import create_team_app
    from sendemast.workspace import load_workspace
    from tests.studio.team_support import add_accounts, login

    add_accounts(with_figures)
    app = create_team_app(load_workspace(with_figures), model_id="fake/draft")
    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as c:
        assert c.get("/results?leader=hanne", follow_redirects=False).status_code == 303  # log in first
        login(c, "anna")  # birgitte's adviser
        own = c.get("/results")
        assert own.status_code == 200 and 'value="birgitte"' in own.text and 'value="hanne"' not in own.text
        other = c.get("/results?leader=hanne")
        assert other.status_code == 400 and "Sygeplejerske" not in other.text
        c.post("/logout", data={})
    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as c:
        login(c, "bo")  # hanne's adviser
        assert c.get("/results?leader=hanne").status_code == 200


def test_a_new_import_shows_at_the_next_load(client: Any, with_figures: Path) -> None:
    from sendemast.stats import import_figures
    from sendemast.workspace import load_workspace
    from tests.stats.conftest import write_csv

    before = client.get("/results?leader=hanne").text
    assert "https://lnkd.in/fresh" not in before
    header = ["url", "date", "impressions", "reactions", "comments", "reposts", "clicks"]
    row = ["https://lnkd.in/fresh", "2020-01-02", 1, 0, 0, 0, 0]
    path = write_csv(with_figures / "fresh.csv", header, [row])
    workspace = load_workspace(with_figures)
    import_figures(workspace, workspace.leader("hanne"), path)
    assert "https://lnkd.in/fresh" in client.get("/results?leader=hanne").text
