"""INVENTED analytics exports for the example workspace's leaders, so the demo and the studio's results
page have something to show. Every figure is made up by a seeded random generator; the files say so.

    python -m sendemast.stats.example WORKSPACE [--leader ID] [--out FOLDER]

writes ``linkedin-analytics-INVENTED.xlsx`` (LinkedIn's layout: DISCOVERY, ENGAGEMENT, TOP POSTS,
FOLLOWERS, DEMOGRAPHICS) and ``x-analytics-INVENTED.csv`` (X's ``account_analytics_content`` layout) from
the leader's own posts, one row more in the X file than she has posts (to show what cannot be joined).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sendemast.planning.models import PastPost

NOTE = "INVENTED FIGURES: fictional example data made by sendemast (sendemast.stats.example), not LinkedIn's"
X_HEADER = ["Post id", "Date", "Post text", "Post Link", "Impressions", "Likes", "Engagements", "Bookmarks",
            "Shares", "New follows", "Replies", "Reposts", "Profile visits", "Detail Expands", "URL Clicks",
            "Hashtag Clicks", "Permalink Clicks"]
# (category, value, share): Danish titles, so that some meet the example profiles' audience keywords
DEMOGRAPHICS = [
    ("Job titles", "Leder", "9%"), ("Job titles", "Sygeplejerske", "7%"), ("Job titles", "Studerende", "6%"),
    ("Job titles", "Social- og sundhedsassistent", "5%"), ("Job titles", "Konsulent", "5%"),
    ("Job titles", "Kommunaldirektør", "2%"), ("Locations", "Fjordmark", "38%"),
    ("Locations", "Aarhus", "11%"),
    ("Industries", "Offentlig administration", "41%"), ("Industries", "Hospitaler og sundhedspleje", "17%"),
    ("Industries", "Uddannelse", "8%"), ("Seniority", "Senior", "31%"), ("Seniority", "Ledere", "12%"),
    ("Seniority", "Entry", "14%"), ("Company size", "1001-5000 employees", "36%"),
    ("Companies", "Fjordmark Kommune", "29%"),
]


def _us(day: dt.date) -> str:
    return f"{day.month}/{day.day}/{day.year}"


def _views(post: PastPost, rng: random.Random) -> int:
    base = {"linkedin": 1400.0, "x": 350.0}.get(post.channel, 500.0)
    lowered = post.text.lower()
    if "tak" in lowered or "thank" in lowered:  # the invented story: thanks travel further
        base *= 1.8
    if post.day.weekday() == 1:
        base *= 1.5
    return max(20, int(base * rng.lognormvariate(0, 0.45)))


def write_example(posts: list[PastPost], out: Path, seed: int = 22) -> tuple[Path, Path]:
    """The two invented files for ``posts`` (a leader's), in ``out``."""
    import openpyxl

    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    by_key: dict[str, PastPost] = {}
    for post in sorted(posts, key=lambda p: (p.day, p.id)):
        if post.url and post.channel in ("linkedin", "x"):
            by_key.setdefault(post.url.split("?")[0], post)
    linkedin = [p for p in by_key.values() if p.channel == "linkedin"]
    xs = [p for p in by_key.values() if p.channel == "x"]
    figures = {p.id: _views(p, rng) for p in by_key.values()}
    last = max((p.day for p in by_key.values()), default=dt.date(2026, 10, 31))
    first = last - dt.timedelta(days=364)

    book = openpyxl.Workbook()
    book.properties.title = "Invented LinkedIn analytics (sendemast example)"
    book.properties.description = NOTE
    discovery = book.active
    discovery.title = "DISCOVERY"
    daily = {first + dt.timedelta(days=i): rng.randint(30, 140) for i in range(365)}
    for post in linkedin:
        for lag, part in ((0, 0.55), (1, 0.3), (2, 0.15)):
            day = post.day + dt.timedelta(days=lag)
            if day in daily:
                daily[day] += int(figures[post.id] * part)
    discovery.append(["Overall Performance", f"{_us(first)} - {_us(last)}"])
    discovery.append(["Impressions", sum(daily.values())])
    discovery.append(["Members reached", int(sum(daily.values()) * 0.38)])
    discovery.append([NOTE])
    engagement = book.create_sheet("ENGAGEMENT")
    engagement.append(["Date", "Impressions", "Engagements"])
    for day, views in daily.items():
        engagement.append([_us(day), views, max(0, int(views * rng.uniform(0.01, 0.05)))])
    top = book.create_sheet("TOP POSTS")
    top.append([f"Maximum of 50 posts available to include in this list. {NOTE}"])
    top.append([])
    top.append(["Post URL", "Post publish date", "Engagements", None, "Post URL", "Post publish date",
                "Impressions"])
    engaged = {p.id: int(figures[p.id] * rng.uniform(0.015, 0.06)) for p in linkedin}
    left = sorted(linkedin, key=lambda p: -engaged[p.id])[:50]
    right = sorted(linkedin, key=lambda p: -figures[p.id])[:50]
    for i in range(max(len(left), len(right))):
        row: list[object] = [None] * 7
        if i < len(left):
            row[0:3] = [left[i].url, _us(left[i].day), str(engaged[left[i].id])]
        if i < len(right):
            # impressions as text with a thousands separator, as LinkedIn writes them
            row[4:7] = [right[i].url, _us(right[i].day), f"{figures[right[i].id]:,}"]
        top.append(row)
    followers = book.create_sheet("FOLLOWERS")
    new = {day: rng.randint(0, 9) for day in daily}
    followers.append([f"Total followers on {_us(last)}:", 4210])
    followers.append([])
    followers.append(["Date", "New followers"])
    for day, n in new.items():
        followers.append([_us(day), n])
    demographics = book.create_sheet("DEMOGRAPHICS")
    demographics.append(["Top Demographics", "Value", "Percentage"])
    for category, value, percent in DEMOGRAPHICS:
        demographics.append([category, value, percent])
    xlsx = out / "linkedin-analytics-INVENTED.xlsx"
    book.save(xlsx)

    x_path = out / "x-analytics-INVENTED.csv"
    with x_path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(X_HEADER)
        rows = [(p.url.rsplit("/", 1)[-1], p.day, p.text, p.url, figures[p.id]) for p in xs]
        rows.append(("1999999999999999999", last, "INVENTED: a post that is not in the workspace",
                     "https://x.com/example/status/1999999999999999999", 123))
        for post_id, day, text, url, views in rows:
            likes, replies, reposts = int(views * 0.02), int(views * 0.004), int(views * 0.006)
            clicks = int(views * 0.003)
            writer.writerow([post_id, day.strftime("%a, %b %d, %Y"), " ".join(text.split())[:200], url,
                             views, likes, likes + replies + reposts + clicks, 0, 0, 0, replies, reposts, 0,
                             0, clicks, 0, 0])
    return xlsx, x_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write INVENTED analytics exports for a leader's posts.")
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--leader", default=None)
    parser.add_argument("--out", type=Path, default=None, help="default: the leader's stats/examples/")
    args = parser.parse_args(argv)
    from sendemast.planning.inputs import load_posts
    from sendemast.workspace import load_workspace

    workspace = load_workspace(args.workspace)
    leader = workspace.leader(args.leader)
    posts, _ = load_posts(workspace, leader)
    for path in write_example(posts, args.out or leader.root / "stats" / "examples"):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
