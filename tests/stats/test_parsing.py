"""Numbers and dates as exports write them, and the one line a bad one gives."""

from __future__ import annotations

import datetime as dt

import pytest

from sendemast.errors import SendemastError
from sendemast.stats.errors import BadValue
from sendemast.stats.keys import channel_of, url_key
from sendemast.stats.parsing import read_dates, share, whole_number


@pytest.mark.parametrize("text, value", [
    ("1234", 1234), ("1.234", 1234), ("1,234", 1234), ("1 234", 1234), ("12.345.678", 12345678),
    ("", 0), (None, 0), (17.0, 17), ("1\u00a0234", 1234),
])
def test_counts_with_danish_or_english_thousands(text: object, value: int) -> None:
    assert whole_number(text, "here") == value


@pytest.mark.parametrize("text", ["1,5", "12.34", "abc", "1.2K", "1,23,4"])
def test_a_count_that_is_not_one_is_a_line(text: str) -> None:
    with pytest.raises(BadValue) as caught:
        whole_number(text, "f.csv, row 3, column Impressions")
    line = caught.value.one_line()
    assert "row 3" in line and repr(text) in line and "\n" not in line
    assert isinstance(caught.value, SendemastError)


def test_shares() -> None:
    assert share("5%", "x") == pytest.approx(0.05)
    assert share("5,5 %", "x") == pytest.approx(0.055)
    assert share("< 1%", "x") == pytest.approx(0.005)
    assert share(0.25, "x") == pytest.approx(0.25)


def test_dates_either_order_decided_by_the_column() -> None:
    where = ["r1", "r2"]
    assert read_dates(["3/11/2026", "25/11/2026"], where, month_first=True) == [
        dt.date(2026, 11, 3), dt.date(2026, 11, 25)]  # a day of 25 first: the column is day-first
    assert read_dates(["3/11/2026", "11/25/2026"], where, month_first=None) == [
        dt.date(2026, 3, 11), dt.date(2026, 11, 25)]
    assert read_dates(["2026-03-11", "Tue, Jul 14, 2026"], where, month_first=None) == [
        dt.date(2026, 3, 11), dt.date(2026, 7, 14)]


def test_mixed_or_undecidable_dates_are_refused() -> None:
    with pytest.raises(BadValue, match="mix day-first and month-first"):
        read_dates(["25/11/2026", "11/25/2026"], ["a, row 2", "a, row 3"], month_first=True)
    with pytest.raises(BadValue, match="either day-first or month-first"):
        read_dates(["3/11/2026"], ["a, row 2"], month_first=None)
    with pytest.raises(BadValue, match="not a date"):
        read_dates(["soon"], ["a, row 2"], month_first=True)


def test_address_keys_survive_the_platforms_spellings() -> None:
    a = url_key("https://www.linkedin.com/posts/birgitte_dige-activity-7437390603880376542-W25L")
    b = url_key("https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A7437390603880376542/")
    assert a == b == "linkedin:7437390603880376542"
    assert url_key("https://x.com/BirgitteVHolst/status/1996117194962679093") == url_key(
        "https://twitter.com/i/web/status/1996117194962679093?s=20")
    assert url_key("https://example.org/a/b/?x=1#c") == "example.org/a/b"
    assert channel_of("https://x.com/a/status/1") == "x" and channel_of("https://bsky.app/p") == "bluesky"
