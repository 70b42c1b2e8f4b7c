"""The plain CSV for any channel: ``url,date,impressions,reactions,comments,reposts,clicks`` (a ``channel``
column may be added; else the channel is read from the address)."""

from __future__ import annotations

from sendemast.stats.importers.csvfile import column
from sendemast.stats.keys import channel_of
from sendemast.stats.models import Export, PostFigures
from sendemast.stats.parsing import read_dates, whole_number

PLAIN_COLUMNS = ("url", "date", "impressions", "reactions", "comments", "reposts", "clicks")


def matches_plain(header: list[str]) -> bool:
    return all(column(header, name) for name in PLAIN_COLUMNS)


def read_plain(name: str, header: list[str], rows: list[tuple[int, dict[str, str]]]) -> Export:
    cols = {key: column(header, key) or key for key in (*PLAIN_COLUMNS, "channel", "text")}
    where = [f"{name}, row {n}, column {cols['date']}" for n, _ in rows]
    # day-first is the Danish habit, but a plain file must say which: an undecidable column is refused
    dates = read_dates([r[cols["date"]] for _, r in rows], where, month_first=None)
    posts = []
    for (number, row), day in zip(rows, dates, strict=True):
        url = row[cols["url"]]
        figures = {key: whole_number(row[cols[key]], f"{name}, row {number}, column {cols[key]}")
                   for key in PLAIN_COLUMNS[2:]}
        posts.append(PostFigures(url=url, date=day, channel=(row.get(cols["channel"]) or channel_of(url)),
                                 text=row.get(cols["text"], ""), row=number, **figures))
    return Export(layout="plain-csv", source=name, posts=posts)
