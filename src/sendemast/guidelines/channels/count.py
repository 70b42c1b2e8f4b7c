"""Count a post the way each channel counts it.

- X: twitter-text's weighting (``twitter-text-parser``): NFC, URLs count 23, emoji and CJK count 2 —
  reproduced with fast paths in :mod:`sendemast.guidelines.channels.xcount`.
- Bluesky: grapheme clusters (``regex``'s ``\\X``); plain Latin text without combining marks is counted
  by its length (a CRLF is one grapheme).
- Mastodon: graphemes after URLs with a protocol count 23 and ``@user@domain`` counts as ``@user``.
- LinkedIn, Threads: characters.
"""

from __future__ import annotations

import re
from typing import Any

from sendemast.errors import UsageError
from sendemast.guidelines.channels.xcount import plain_fast_path, weighted_length

# characters that are one grapheme each: no combining marks, joiners, variation selectors or emoji
_SIMPLE_GRAPHEMES = re.compile(r"[\x00-\u02ff\u0370-\u0482\u048a-\u0590\u2010-\u2027\u2030-\u205e]*")
_MASTODON_URL = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
_MASTODON_MENTION = re.compile(r"(?<![\w@/])(@\w+)@[\w\-]+(?:\.[\w\-]+)+")
MASTODON_URL_LENGTH = 23

_grapheme_regex: Any = None


def _shipped_channels() -> dict[str, dict[str, Any]]:
    from sendemast.guidelines.engine.ruleset import DATA_DIR, read_yaml

    return dict(read_yaml(DATA_DIR / "channels.yaml")["channels"])


_SHIPPED = _shipped_channels()
CHANNEL_LIMITS: dict[str, int] = {name: int(conf["limit"]) for name, conf in _SHIPPED.items()}
CHANNEL_UNITS: dict[str, str] = {name: str(conf["unit"]) for name, conf in _SHIPPED.items()}
CHANNELS: tuple[str, ...] = tuple(_SHIPPED)


def count_length(
    text: str, channel: str, *, limit: int | None = None, unit: str | None = None
) -> tuple[int, int, str]:
    """``(count, limit, unit)`` for ``text`` on ``channel``; a workspace may pass its own limit and unit."""
    if channel not in CHANNEL_LIMITS and (limit is None or unit is None):
        raise UsageError(f"unknown channel {channel!r} (known: {', '.join(CHANNELS)})")
    unit = unit or CHANNEL_UNITS[channel]
    limit = limit if limit is not None else CHANNEL_LIMITS[channel]
    if unit == "weighted":
        return x_weighted_length(text), limit, unit
    if unit == "graphemes":
        if channel == "mastodon":
            text = mastodon_countable(text)
        return grapheme_count(text), limit, unit
    return len(text), limit, unit


def x_weighted_length(text: str) -> int:
    """X's weighted length, as twitter-text v3 counts it (see :mod:`sendemast.guidelines.channels.xcount`)."""
    return weighted_length(text)


def x_fast_path_applies(text: str) -> bool:
    """True when X's count needs no part of twitter-text at all (plain text, nothing URL-like)."""
    return plain_fast_path(text)


def grapheme_count(text: str) -> int:
    global _grapheme_regex
    if _SIMPLE_GRAPHEMES.fullmatch(text):
        return len(text) - text.count("\r\n")
    if _grapheme_regex is None:
        import regex

        _grapheme_regex = regex.compile(r"\X")
    return sum(1 for _ in _grapheme_regex.finditer(text))


def mastodon_countable(text: str) -> str:
    """The text Mastodon counts: each URL as 23 characters, ``@user@domain`` as ``@user``."""
    if "://" in text:
        text = _MASTODON_URL.sub("x" * MASTODON_URL_LENGTH, text)
    if "@" in text:
        text = _MASTODON_MENTION.sub(r"\1", text)
    return text


def overflow_start(text: str, channel: str, limit: int, unit: str) -> int:
    """Offset of the first character past the limit (for marking it); 0 when it cannot be placed."""
    if unit == "characters":
        return min(limit, len(text))
    if unit == "weighted" and plain_fast_path(text) and "\r" not in text:
        return min(limit, len(text))
    if unit == "graphemes" and channel != "mastodon":
        if _SIMPLE_GRAPHEMES.fullmatch(text) and "\r" not in text:
            return min(limit, len(text))
        import regex

        for index, match in enumerate(regex.finditer(r"\X", text)):
            if index == limit:
                return int(match.start())
    return 0
