"""Numbers and dates as exports write them: Danish or English thousands separators, dates day-first or
month-first. A column of dates is read in one order, decided by the whole column; a value that cannot
be read is a :class:`BadValue` naming the row and the column."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from sendemast.stats.errors import BadValue

_GROUPED = re.compile(r"\d{1,3}(?:[., \u00a0]\d{3})+")
_MONTHS = {m: i + 1 for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))}
_MONTHS.update({"maj": 5, "okt": 10})
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_WORDY_DATE = re.compile(r"(?:[A-Za-z]+,\s*)?([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})")


def whole_number(value: object, where: str) -> int:
    """A count: ``1234``, ``1.234``, ``1,234``, ``1 234`` or a spreadsheet number; empty is 0."""
    if value is None:
        return 0
    if isinstance(value, bool):
        raise BadValue(f"{where}: {value!r} is not a number")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise BadValue(f"{where}: {value:g} is not a whole number")
    text = str(value).strip().replace("\u202f", " ")
    if not text or text in ("-", "–"):
        return 0
    if text.isdigit():
        return int(text)
    if _GROUPED.fullmatch(text):
        return int(re.sub(r"\D", "", text))
    raise BadValue(f"{where}: {text!r} is not a whole number",
                   hint="counts are written like 1234, 1.234 or 1,234")


def share(value: object, where: str) -> float:
    """A share of 1: ``0.05``, ``5%``, ``5,2 %``, ``< 1%`` (read as half a percent)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value) if value <= 1 else float(value) / 100
    text = str(value or "").strip()
    if not text:
        return 0.0
    below = text.startswith("<")
    body = text.lstrip("<").strip()
    percent = body.endswith("%")
    body = body.rstrip("%").strip().replace(",", ".")
    try:
        number = float(body)
    except ValueError:
        raise BadValue(f"{where}: {text!r} is not a percentage") from None
    if below:
        number /= 2
    return number / 100 if percent or number > 1 else number


def read_dates(values: Sequence[object], where: Sequence[str], *, month_first: bool | None) -> list[dt.date]:
    """Every value of a date column as a date. ISO dates and spreadsheet dates are read as they are;
    ``3/11/2026`` is read day-first or month-first as the whole column shows (a day above 12 on either
    side), else as ``month_first`` says (the layout's documented order; None: refuse to guess)."""
    found: list[tuple[int, int, int] | dt.date] = []
    first_big = second_big = False
    for value, at in zip(values, where, strict=True):
        parsed = _one(value, at)
        if isinstance(parsed, tuple):
            first_big |= parsed[0] > 12
            second_big |= parsed[1] > 12
        found.append(parsed)
    if first_big and second_big:
        raise BadValue(f"{where[0].split(',')[0]}: the dates mix day-first and month-first",
                       hint="write them one way, best as YYYY-MM-DD")
    order = False if first_big else True if second_big else month_first
    dates = []
    for parsed, at in zip(found, where, strict=True):
        if isinstance(parsed, dt.date):
            dates.append(parsed)
            continue
        a, b, year = parsed
        if a != b and a <= 12 and b <= 12 and order is None:
            raise BadValue(f"{at}: {a}/{b}/{year} could be either day-first or month-first",
                           hint="write dates as YYYY-MM-DD")
        month, day = (a, b) if order else (b, a)
        try:
            dates.append(dt.date(year, month, day))
        except ValueError:
            raise BadValue(f"{at}: {a}/{b}/{year} is not a date") from None
    return dates


def _one(value: object, where: str) -> tuple[int, int, int] | dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    if not text:
        raise BadValue(f"{where}: the date is missing")
    iso = text[:10]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
        try:
            return dt.date.fromisoformat(iso)
        except ValueError:
            raise BadValue(f"{where}: {text!r} is not a date") from None
    m = _NUMERIC_DATE.match(text)
    if m:
        return int(m.group(1)), int(m.group(2)), int(m.group(3))
    m = _WORDY_DATE.match(text)
    if m and m.group(1).lower() in _MONTHS:
        try:
            return dt.date(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
        except ValueError:
            pass
    raise BadValue(f"{where}: {text!r} is not a date", hint="write dates as YYYY-MM-DD")
