"""LinkedIn's analytics export: the workbook the profile's analytics page exports ("Export" on "Post
impressions"; creator analytics). Five sheets, as public parsers of it read them:

- ``DISCOVERY``: ``Overall Performance | M/D/YYYY - M/D/YYYY``, then ``Impressions`` and ``Members reached``;
- ``ENGAGEMENT``: ``Date | Impressions | Engagements``, a row per day;
- ``TOP POSTS``: a note in row 1, the header in row 3; two tables side by side, the top 50 by engagements
  (``Post URL | Post publish date | Engagements``, columns A–C) and by impressions (E–G);
- ``FOLLOWERS``: ``Total followers on M/D/YYYY: | N`` in row 1, then ``Date | New followers`` from row 3;
- ``DEMOGRAPHICS``: ``Top Demographics | Value | Percentage``, rows like ``Job titles | Nurse | 5%``.

Dates are month-first (``3/11/2026``) unless a column shows otherwise; numbers may be text with
thousands separators. Sheet names are matched without regard to case (newer exports write "Top posts").
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

from sendemast.stats.errors import MissingSheet, StatsImportError, UnknownLayout
from sendemast.stats.models import DailyFigures, Demographic, Export, PostFigures
from sendemast.stats.parsing import read_dates, share, whole_number

SHEETS = ("DISCOVERY", "ENGAGEMENT", "TOP POSTS", "FOLLOWERS", "DEMOGRAPHICS")
_HEADER_ROWS = 6  # how far down a sheet's header row is looked for


def read_linkedin(path: Path) -> Export:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, NotImplementedError) as exc:
        raise UnknownLayout(f"not a readable Excel workbook ({type(exc).__name__})", path=path.name) from None
    try:
        sheets = {name.strip().upper(): name for name in book.sheetnames}
        present = [s for s in SHEETS if s in sheets]
        if not present:
            raise UnknownLayout(
                f"a workbook with the sheets {', '.join(book.sheetnames[:6])} is not LinkedIn's analytics "
                "export", path=path.name, hint=f"its export has the sheets {', '.join(SHEETS)}")
        missing = [s for s in SHEETS if s not in sheets]
        if missing:
            raise MissingSheet(f"the LinkedIn analytics workbook has no {', '.join(missing)} sheet",
                               path=path.name, hint="export it again from the analytics page, unchanged")
        rows = {s: [tuple(r) for r in book[sheets[s]].iter_rows(values_only=True)] for s in SHEETS}
    finally:
        book.close()
    name = path.name
    export = Export(layout="linkedin-xlsx", source=name)
    export.posts = _top_posts(name, rows["TOP POSTS"])
    export.daily = _engagement(name, rows["ENGAGEMENT"])
    export.followers_total, export.followers_on = _followers(name, rows["FOLLOWERS"])
    export.demographics = _demographics(name, rows["DEMOGRAPHICS"])
    return export


def _text(cell: Any) -> str:
    return "" if cell is None else str(cell).strip()


def _cell(row: tuple[Any, ...], i: int) -> Any:
    return row[i] if i < len(row) else None


def _header_at(name: str, sheet: str, rows: list[tuple[Any, ...]], first: str) -> int:
    for i, row in enumerate(rows[:_HEADER_ROWS]):
        if _text(_cell(row, 0)).lower().startswith(first):
            return i
    raise StatsImportError(f"the {sheet} sheet has no header row starting {first.title()!r}", path=name,
                           hint="export it again from LinkedIn's analytics page, unchanged")


def _top_posts(name: str, rows: list[tuple[Any, ...]]) -> list[PostFigures]:
    head = _header_at(name, "TOP POSTS", rows, "post url")
    header = [_text(c).lower() for c in rows[head]]
    right = next((i for i in range(3, len(header)) if header[i].startswith("post url")), None)
    sides = [(0, "engagements")] + ([(right, "impressions")] if right is not None else [])
    found: list[tuple[int, str, Any, str, Any]] = []  # row number, url, raw date, figure, raw value
    for number, row in enumerate(rows[head + 1:], start=head + 2):
        for start, figure in sides:
            url = _text(_cell(row, start))
            if url:
                found.append((number, url, _cell(row, start + 1), figure, _cell(row, start + 2)))
    where = [f"{name}, TOP POSTS row {n}" for n, *_ in found]
    dates = read_dates([f[2] for f in found], where, month_first=True)
    posts: dict[str, PostFigures] = {}
    for (number, url, _, figure, raw), day in zip(found, dates, strict=True):
        value = whole_number(raw, f"{name}, TOP POSTS row {number}")
        post = posts.setdefault(url, PostFigures(url=url, date=day, channel="linkedin", row=number))
        setattr(post, figure, max(value, getattr(post, figure) or 0))  # a post in both tables: one row
    return list(posts.values())


def _engagement(name: str, rows: list[tuple[Any, ...]]) -> list[DailyFigures]:
    head = _header_at(name, "ENGAGEMENT", rows, "date")
    body = [(n, r) for n, r in enumerate(rows[head + 1:], start=head + 2) if _text(_cell(r, 0))]
    dates = read_dates([_cell(r, 0) for _, r in body], [f"{name}, ENGAGEMENT row {n}" for n, _ in body],
                       month_first=True)
    return [DailyFigures(day, whole_number(_cell(r, 1), f"{name}, ENGAGEMENT row {n}"),
                         whole_number(_cell(r, 2), f"{name}, ENGAGEMENT row {n}"))
            for (n, r), day in zip(body, dates, strict=True)]


def _followers(name: str, rows: list[tuple[Any, ...]]) -> tuple[int | None, dt.date | None]:
    if not rows:
        return None, None
    label = _text(_cell(rows[0], 0))
    found = re.search(r"(\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})", label)
    if not label.lower().startswith("total followers") or not found:
        raise StatsImportError(f"the FOLLOWERS sheet does not start with 'Total followers on …' ({label!r})",
                               path=name)
    on = read_dates([found.group(1)], [f"{name}, FOLLOWERS row 1"], month_first=True)[0]
    return whole_number(_cell(rows[0], 1), f"{name}, FOLLOWERS row 1"), on


def _demographics(name: str, rows: list[tuple[Any, ...]]) -> list[Demographic]:
    head = _header_at(name, "DEMOGRAPHICS", rows, "top demographics")
    out = []
    for number, row in enumerate(rows[head + 1:], start=head + 2):
        category, value = _text(_cell(row, 0)), _text(_cell(row, 1))
        if category and value:
            where = f"{name}, DEMOGRAPHICS row {number}"
            out.append(Demographic(category, value, share(_cell(row, 2), where)))
    return out
