"""Normalise the fields every document carries: dates, channels, languages, titles, clean text."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sendemast.lang import Language

TITLE_CHARS = 80
# Chroma accepts only these as metadata values; None and lists make it fail at insert time.
METADATA_TYPES = (str, int, float, bool)

_CHANNELS = {"linkedin": "linkedin", "x": "x", "twitter": "x", "bluesky": "bluesky", "bsky": "bluesky",
             "mastodon": "mastodon", "threads": "threads", "": ""}
_LANGUAGES: dict[str, Language] = {"da": "da", "dansk": "da", "danish": "da", "en": "en", "engelsk": "en",
                                   "english": "en"}
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class FieldError(ValueError):
    """A field has a value sendemast cannot use; the message is the one-line reason."""


def iso_date(value: Any, field: str = "date") -> str:
    """``YYYY-MM-DD`` from a YAML/JSON date, datetime or string starting with an ISO date; "" if empty."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        match = _ISO_DATE.match(value + " ")
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups())).isoformat()
            except ValueError:
                pass
    raise FieldError(f"{field} {_show(value)} is not a date (use YYYY-MM-DD)")


_ISO_TIME = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?\s*$")


def utc_time(value: str) -> str:
    """``YYYY-MM-DDTHH:MM:SS+00:00`` from an export's UTC timestamp (``2025-06-02 08:14:33``); "" without one.

    LinkedIn's data export writes its dates in UTC without saying so.
    """
    match = _ISO_TIME.match(value)
    if not match:
        return ""
    try:
        year, month, day, hour, minute, second = (int(g or 0) for g in match.groups())
        moment = dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC)
    except ValueError:
        return ""
    return moment.isoformat()


def date_time(value: Any) -> str:
    """The ISO date and time of a YAML datetime or an ISO string with a time; "" for a bare date.

    An offset is kept when given; without one, the time is local to the workspace.
    """
    if isinstance(value, str) and ("T" in value or ":" in value):
        try:
            value = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return ""
    return value.isoformat() if isinstance(value, dt.datetime) else ""


def channel_name(value: Any) -> str:
    """``linkedin``, ``x``, ``bluesky``, ``mastodon``, ``threads`` or "" from what people write."""
    if value is None:
        return ""
    if isinstance(value, str) and value.strip().lower() in _CHANNELS:
        return _CHANNELS[value.strip().lower()]
    raise FieldError(f"channel {_show(value)} is not linkedin, x, bluesky, mastodon or threads")


def language_code(value: Any) -> Language | None:
    """``da``/``en`` from a declared language, None when none is declared."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().lower() in _LANGUAGES:
        return _LANGUAGES[value.strip().lower()]
    raise FieldError(f"language {_show(value)} is not da or en")


def plain_string(value: Any, field: str) -> str:
    """A scalar field as a string; "" when absent. Lists and mappings are refused."""
    if value is None:
        return ""
    if isinstance(value, str | int | float | dt.date) and not isinstance(value, bool):
        return str(value).strip()
    raise FieldError(f"{field} must be a single value, not {type(value).__name__}")


def short_title(text: str, limit: int = TITLE_CHARS) -> str:
    """The first non-empty line of ``text``, cut at a word boundary to about ``limit`` characters."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    line = " ".join(line.lstrip("#> ").split())
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0] if " " in line[:limit] else line[:limit]
    return cut.rstrip(" ,.;:-–") + "…"


def clean_text(text: str) -> str:
    """Text safe to store: no control characters (NUL from JSON escapes) and no lone surrogates."""
    if text.isascii() and not _CONTROL.search(text):
        return text
    # "\ud800" is legal in JSON but cannot be encoded as UTF-8; Chroma and SQLite would choke later.
    text = text.encode("utf-8", "replace").decode("utf-8")
    return _CONTROL.sub("", text)


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:59] + "…'"
