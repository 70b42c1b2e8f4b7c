"""``sendemast stats import``: the three layouts read for the second example leader, joins by address and
by day, re-imports that keep the history, and bad input as one line with nothing stored."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.stats.conftest import linkedin_workbook, write_csv
from tests.support.cli import run_cli

X_HEADER = ["Post id", "Date", "Post text", "Post Link", "Impressions", "Likes", "Engagements", "Bookmarks",
            "Shares", "New follows", "Replies", "Reposts", "Profile visits", "Detail Expands", "URL Clicks",
            "Hashtag Clicks", "Permalink Clicks"]


def _us(day: Any) -> str:
    return f"{day.month}/{day.day}/{day.year}"


def _figures(ws: Path) -> list[dict[str, Any]]:
    path = ws / "leaders" / "hanne" / "stats" / "figures.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _import(capsys: Any, monkeypatch: Any, ws: Path, path: Path) -> tuple[int, dict[str, Any], str]:
    code, out, err = run_cli(capsys, monkeypatch, "-w", str(ws), "stats", "import", str(path),
                             "--leader", "hanne", "--json")
    return code, (json.loads(out) if code == 0 else {}), err


def test_linkedin_workbook_joins_by_address_and_keeps_history(
        example_workspace: Path, hanne_posts: list[Any], tmp_path: Path, capsys: Any,
        monkeypatch: Any) -> None:
    linkedin = [p for p in hanne_posts if p.channel == "linkedin" and "activity-" in p.url][:5]
    assert len(linkedin) == 5
    top = [(p.url, _us(p.day), 10 + i, f"{1000 * (i + 1):,}") for i, p in enumerate(linkedin)]
    top.append(("https://www.linkedin.com/posts/someone-else-activity-1111111111111111111-abcd",
                "3/11/2026", 3, "99"))
    code, report, err = _import(capsys, monkeypatch, example_workspace,
                                linkedin_workbook(tmp_path / "Content.xlsx", top))
    assert code == 0, err
    assert (report["layout"], report["rows"], report["joined"]) == ("linkedin-xlsx", 6, 5)
    assert [u["url"] for u in report["unjoined"]] == [top[-1][0]]  # listed, not dropped
    assert report["added"] == 6 and report["days"] == 1 and report["followers"] == 4210
    stored = _figures(example_workspace)
    first = next(r for r in stored if r.get("url") == linkedin[1].url)
    assert first["impressions"] == 2000 and first["engagements"] == 11  # "2,000" read as a count
    assert next(r for r in stored if r["kind"] == "day")["impressions"] == 1234  # "1.234" likewise

    # the same export again: nothing new; a newer one: a second snapshot, the first kept
    code, again, _ = _import(capsys, monkeypatch, example_workspace, tmp_path / "Content.xlsx")
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 6)
    newer = [(u, d, e + 5, "5.000") if u == linkedin[1].url else (u, d, e, i) for u, d, e, i in top]
    code, later, _ = _import(capsys, monkeypatch, example_workspace,
                             linkedin_workbook(tmp_path / "Content-later.xlsx", newer))
    assert (later["updated"], later["unchanged"]) == (1, 5)
    history = [r for r in _figures(example_workspace) if r.get("url") == linkedin[1].url]
    assert [(r["impressions"], r["source"]) for r in history] == [
        (2000, "Content.xlsx"), (5000, "Content-later.xlsx")]
    assert all(r["imported_at"] for r in history)


def test_x_csv_and_plain_csv_join_by_address_and_by_day(
        example_workspace: Path, hanne_posts: list[Any], tmp_path: Path, capsys: Any,
        monkeypatch: Any) -> None:
    xs = [p for p in hanne_posts if p.channel == "x" and "/status/" in p.url]
    assert xs
    rows = [[p.url.rsplit("/", 1)[-1], p.day.strftime("%a, %b %d, %Y"), p.text[:80], p.url, "1,234", 20, 31,
             0, 0, 0, 4, 5, 0, 0, 2, 0, 0] for p in xs]
    code, report, err = _import(capsys, monkeypatch, example_workspace,
                                write_csv(tmp_path / "account_analytics_content.csv", X_HEADER, rows))
    assert code == 0, err
    assert report["layout"] == "x-csv" and report["joined"] == report["rows"] == len(rows)
    snap = next(r for r in _figures(example_workspace) if r.get("channel") == "x")
    assert (snap["impressions"], snap["reactions"], snap["comments"], snap["reposts"], snap["clicks"],
            snap["engagements"]) == (1234, 20, 4, 5, 2, 31)

    # the plain layout, semicolon-separated as Danish Excel saves it: one row by a LinkedIn address
    # spelled another way, one without a known address on a day with a single LinkedIn post (its date
    # day-first; a day above 12 tells the column's order)
    linkedin = [p for p in hanne_posts if p.channel == "linkedin" and "activity-" in p.url]
    by_day: dict[Any, list[Any]] = {}
    for p in hanne_posts:
        if p.channel == "linkedin":
            by_day.setdefault(p.day, set()).add(p.text[:40])  # type: ignore[attr-defined]
    alone = next(p for p in linkedin if len(by_day[p.day]) == 1 and p is not linkedin[0] and p.day.day > 12)
    activity = linkedin[0].url.split("activity-")[1].split("-")[0]
    plain = [[f"https://www.linkedin.com/feed/update/urn:li:activity:{activity}/",
              linkedin[0].day.isoformat(), "1.500", 30, 4, 2, 7],
             ["https://lnkd.in/unknown", alone.day.strftime("%d/%m/%Y"), "800", 10, 1, 0, 3],
             ["https://lnkd.in/nowhere", "2020-01-01", "5", 0, 0, 0, 0]]
    header = ["url", "date", "impressions", "reactions", "comments", "reposts", "clicks"]
    code, report, err = _import(capsys, monkeypatch, example_workspace,
                                write_csv(tmp_path / "other.csv", header, plain, delimiter=";"))
    assert code == 0, err
    assert report["layout"] == "plain-csv" and report["joined"] == 2
    assert [u["url"] for u in report["unjoined"]] == ["https://lnkd.in/nowhere"]


def _bad(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    import openpyxl

    foreign = openpyxl.Workbook()
    foreign.active.title = "Budget"
    foreign.save(tmp_path / "budget.xlsx")
    url = "https://www.linkedin.com/posts/x-activity-7437390603880376542-W25L"
    header = ["url", "date", "impressions", "reactions", "comments", "reposts", "clicks"]
    return {
        "foreign workbook": (tmp_path / "budget.xlsx", "not LinkedIn's analytics export"),
        "missing sheet": (linkedin_workbook(tmp_path / "nosheet.xlsx", [(url, "3/11/2026", 1, 2)],
                                            drop="TOP POSTS"), "no TOP POSTS sheet"),
        "other csv": (write_csv(tmp_path / "other.csv", ["name", "likes"], [["a", 1]]),
                      "none of the layouts"),
        "bad number": (write_csv(tmp_path / "n.csv", header, [[url, "2026-03-11", "1,5", 0, 0, 0, 0]]),
                       "row 2, column impressions: '1,5' is not a whole number"),
        "mixed dates": (write_csv(tmp_path / "d.csv", header, [[url, "25/03/2026", 1, 0, 0, 0, 0],
                                                                [url, "03/25/2026", 1, 0, 0, 0, 0]]),
                        "mix day-first and month-first"),
        "not a zip": (write_csv(tmp_path / "fake.xlsx", ["a"], [["b"]]), "not a readable Excel workbook"),
    }


@pytest.mark.parametrize("case", ["foreign workbook", "missing sheet", "other csv", "bad number",
                                  "mixed dates", "not a zip"])
def test_bad_input_is_one_line_and_nothing_is_stored(
        case: str, example_workspace: Path, hanne_posts: list[Any], tmp_path: Path, capsys: Any,
        monkeypatch: Any) -> None:
    good = linkedin_workbook(tmp_path / "good.xlsx", [(hanne_posts[0].url, _us(hanne_posts[0].day), 1, 10)])
    assert _import(capsys, monkeypatch, example_workspace, good)[0] == 0
    before = (example_workspace / "leaders/hanne/stats/figures.jsonl").read_bytes()
    path, words = _bad(tmp_path)[case]
    code, out, err = run_cli(capsys, monkeypatch, "-w", str(example_workspace), "stats", "import", str(path),
                             "--leader", "hanne")
    assert code == 2 and out == ""
    assert err.startswith("error: ") and err.count("\n") == 1 and words in err, err
    assert (example_workspace / "leaders/hanne/stats/figures.jsonl").read_bytes() == before
    assert not list((example_workspace / "leaders/hanne/stats").glob(".figures-*"))
