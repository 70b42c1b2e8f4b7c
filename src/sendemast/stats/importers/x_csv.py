"""X's post analytics CSV. Two generations, both one row per post:

- ``account_analytics_content_*.csv`` (X Premium analytics, 2024–): ``Post id, Date, Post text, Post Link,
  Impressions, Likes, Engagements, Bookmarks, Shares, New follows, Replies, Reposts, Profile visits,
  Detail Expands, URL Clicks, Hashtag Clicks, Permalink Clicks``; dates like ``"Tue, Jul 14, 2026"``;
- ``tweet_activity_metrics_*.csv`` (the old analytics.twitter.com): ``Tweet id, Tweet permalink, Tweet text,
  time, impressions, engagements, engagement rate, retweets, replies, likes, …, url clicks, …``.
"""

from __future__ import annotations

from sendemast.stats.importers.csvfile import column
from sendemast.stats.models import Export, PostFigures
from sendemast.stats.parsing import read_dates, whole_number

# our figure -> the column names of the two generations, lower case
_COLUMNS = {
    "url": ("post link", "tweet permalink"),
    "id": ("post id", "tweet id"),
    "date": ("date", "time"),
    "text": ("post text", "tweet text"),
    "impressions": ("impressions",),
    "engagements": ("engagements",),
    "reactions": ("likes",),
    "comments": ("replies",),
    "reposts": ("reposts", "retweets"),
    "clicks": ("url clicks",),
}


def matches_x(header: list[str]) -> bool:
    return column(header, *_COLUMNS["url"]) is not None and column(header, "impressions") is not None


def read_x(name: str, header: list[str], rows: list[tuple[int, dict[str, str]]]) -> Export:
    cols = {key: column(header, *names) for key, names in _COLUMNS.items()}
    if cols["date"] is None:
        from sendemast.stats.errors import UnknownLayout

        raise UnknownLayout("an X analytics CSV without its Date column", path=name)
    where = [f"{name}, row {n}, column {cols['date']}" for n, _ in rows]
    dates = read_dates([r[cols["date"]] for _, r in rows], where, month_first=True)
    posts = []
    for (number, row), day in zip(rows, dates, strict=True):
        url = row.get(cols["url"] or "", "")
        post_id = row.get(cols["id"] or "", "")
        if not url and post_id:
            url = f"https://x.com/i/web/status/{post_id}"
        figures = {key: _count(row, cols[key], f"{name}, row {number}, column {cols[key]}")
                   for key in ("impressions", "engagements", "reactions", "comments", "reposts", "clicks")}
        posts.append(PostFigures(url=url, date=day, channel="x", text=row.get(cols["text"] or "", ""),
                                 row=number, **figures))
    return Export(layout="x-csv", source=name, posts=posts)


def _count(row: dict[str, str], name: str | None, where: str) -> int | None:
    return None if name is None else whole_number(row.get(name, ""), where)
