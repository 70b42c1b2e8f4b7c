"""``sendemast stats``: the invented example export imported for the second example leader and read back
as JSON — joins, intervals, the floor — and the example files saying that they are invented."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.support.cli import run_cli


def _example(ws: Path, capsys: Any, monkeypatch: Any) -> list[Path]:
    from sendemast.stats.example import main

    assert main([str(ws), "--leader", "hanne", "--out", str(ws / "exports")]) == 0
    capsys.readouterr()
    files = sorted((ws / "exports").iterdir())
    for path in files:
        code, _, err = run_cli(capsys, monkeypatch, "-w", str(ws), "stats", "import", str(path),
                               "-l", "hanne")
        assert code == 0, err
    return files


def test_the_example_export_says_it_is_invented(example_workspace: Path, capsys: Any,
                                                monkeypatch: Any) -> None:
    import openpyxl

    xlsx, x_csv = _example(example_workspace, capsys, monkeypatch)
    assert "INVENTED" in xlsx.name and "INVENTED" in x_csv.name
    book = openpyxl.load_workbook(xlsx, read_only=True)
    assert "INVENTED" in (book.properties.description or "")
    assert "INVENTED" in str(next(book["TOP POSTS"].iter_rows(values_only=True))[0])


def test_stats_json_reads_back_joins_intervals_and_the_floor(
        example_workspace: Path, capsys: Any, monkeypatch: Any) -> None:
    _example(example_workspace, capsys, monkeypatch)
    ws = str(example_workspace)
    code, out, err = run_cli(capsys, monkeypatch, "-w", ws, "stats", "-l", "hanne", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["leader"] == "hanne" and report["posts_with_figures"] > 20
    assert [u["url"] for u in report["unjoined"]] == ["https://x.com/example/status/1999999999999999999"]
    assert set(report["dimensions"]) == {"topic", "audience", "purpose", "value", "form", "length", "weekday",
                                         "hour", "channel"}
    groups = [g for d in report["dimensions"].values() for g in d["groups"]]
    floor = report["method"]["min_posts"]
    for g in groups:
        if g["posts"] < floor:
            assert g["too_few"] and g["note"] == "for få opslag til at sige noget"
            assert g["median_impressions"] is None and g["difference"]["impressions"] is None
        if not g["too_few"]:
            m = g["median_impressions"]
            assert m["low"] <= m["median"] <= m["high"]
    assert any(g["too_few"] for g in groups) and any(not g["too_few"] for g in groups)
    channels = {g["id"]: g for g in report["dimensions"]["channel"]["groups"]}
    assert channels["linkedin"]["posts"] + channels["x"]["posts"] == report["posts_with_figures"]
    # every winner named is one whose interval lies above the others'
    for d in report["dimensions"].values():
        assert d["winners"] == [g["id"] for g in d["groups"] if g["difference"]["impressions"] == "higher"]
    assert report["followers"]["total"] == 4210 and report["days"]["days"] == 365
    nurses = {a["id"]: a for a in report["audiences"]}
    assert nurses["medarbejdere"]["followers_share"] > 0  # "Sygeplejerske" meets her keyword "sygeplejersker"


def test_since_and_no_figures(example_workspace: Path, capsys: Any, monkeypatch: Any) -> None:
    ws = str(example_workspace)
    code, out, err = run_cli(capsys, monkeypatch, "-w", ws, "stats", "-l", "hanne")
    assert code == 0 and "No figures yet" in out
    _example(example_workspace, capsys, monkeypatch)
    code, out, _ = run_cli(capsys, monkeypatch, "-w", ws, "stats", "-l", "hanne", "--json")
    everything = json.loads(out)["posts_with_figures"]
    code, out, _ = run_cli(capsys, monkeypatch, "-w", ws, "stats", "-l", "hanne", "--since", "2026-06-01",
                           "--json")
    assert 0 < json.loads(out)["posts_with_figures"] < everything
    code, out, err = run_cli(capsys, monkeypatch, "-w", ws, "stats", "--since", "June")
    assert code == 2 and err.count("\n") == 1 and "YYYY-MM-DD" in err
