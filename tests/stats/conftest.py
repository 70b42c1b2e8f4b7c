"""Exports laid out as the platforms lay them out, written by the tests themselves (figures invented)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest


def linkedin_workbook(path: Path, top: Sequence[tuple[str, str, Any, Any]], *, drop: str = "",
                      daily: Sequence[tuple[str, Any, Any]] = (("3/11/2026", "1.234", 40),)) -> Path:
    """LinkedIn's five sheets; ``top``: (url, M/D/YYYY, engagements, impressions) per post."""
    import openpyxl

    book = openpyxl.Workbook()
    sheets = {}
    for i, name in enumerate(("DISCOVERY", "ENGAGEMENT", "TOP POSTS", "FOLLOWERS", "DEMOGRAPHICS")):
        sheets[name] = book.active if i == 0 else book.create_sheet(name)
        sheets[name].title = name
    sheets["DISCOVERY"].append(["Overall Performance", "1/1/2026 - 12/31/2026"])
    sheets["DISCOVERY"].append(["Impressions", 5000])
    sheets["ENGAGEMENT"].append(["Date", "Impressions", "Engagements"])
    for row in daily:
        sheets["ENGAGEMENT"].append(list(row))
    t = sheets["TOP POSTS"]
    t.append(["Maximum of 50 posts available to include in this list"])
    t.append([])
    t.append(["Post URL", "Post publish date", "Engagements", None, "Post URL", "Post publish date",
              "Impressions"])
    for url, day, engagements, impressions in top:
        t.append([url, day, engagements, None, url, day, impressions])
    sheets["FOLLOWERS"].append(["Total followers on 12/31/2026:", "4.210"])
    sheets["FOLLOWERS"].append([])
    sheets["FOLLOWERS"].append(["Date", "New followers"])
    sheets["DEMOGRAPHICS"].append(["Top Demographics", "Value", "Percentage"])
    sheets["DEMOGRAPHICS"].append(["Job titles", "Sygeplejerske", "7%"])
    sheets["DEMOGRAPHICS"].append(["Industries", "Offentlig administration", "< 1%"])
    if drop:
        del book[drop]
    book.save(path)
    return path


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def hanne_posts(example_workspace: Path) -> list[Any]:
    from sendemast.planning.inputs import load_posts
    from sendemast.workspace import load_workspace

    ws = load_workspace(example_workspace)
    posts, _ = load_posts(ws, ws.leader("hanne"))
    return posts
