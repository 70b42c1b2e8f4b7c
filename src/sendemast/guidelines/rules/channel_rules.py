"""Channel fit and accessibility: length, hashtags, the LinkedIn hook, emoji, CamelCase hashtags."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING, Any

from sendemast.guidelines.channels.count import count_length, overflow_start
from sendemast.guidelines.engine.model import Length
from sendemast.guidelines.engine.registry import rule

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sendemast.guidelines.engine.model import Finding
    from sendemast.guidelines.engine.post import Post

_LETTER = re.compile(r"[^\W\d_]")
_LOWER_WORD_AFTER = re.compile(r"[ \t]*[a-zæøåäöü]")
_INNER_CAPITAL = re.compile(r".[A-ZÆØÅÄÖÜ]")
_NEWLINE = re.compile(r"\n")


def channel_conf(post: Post) -> dict[str, Any]:
    return post.rs.channels[post.channel]


def length_of(post: Post) -> Length:
    cached = post.__dict__.get("_length")
    if cached is None:
        conf = channel_conf(post)
        count, limit, unit = count_length(
            post.text, post.channel, limit=int(conf["limit"]), unit=str(conf["unit"])
        )
        cached = post.__dict__["_length"] = Length(count, limit, unit)
    return cached


@rule("channel.length")
def check_length(post: Post) -> Iterator[Finding]:
    length = length_of(post)
    if length.count <= length.limit:
        return
    start = overflow_start(post.text, post.channel, length.limit, length.unit)
    unit = post.rs.text("channel.length", f"units.{length.unit}", post.lang) or length.unit
    yield post.finding(
        "channel.length",
        start,
        len(post.text),
        channel=_channel_name(post.channel),
        count=length.count,
        limit=length.limit,
        unit=unit,
    )


@rule("channel.hashtags")
def check_hashtags(post: Post) -> Iterator[Finding]:
    most = channel_conf(post).get("hashtags_max")
    tags = post.hashtags
    if most is None or len(tags) <= int(most):
        return
    yield post.finding(
        "channel.hashtags",
        tags[int(most)][0],
        tags[-1][1],
        count=len(tags),
        max=most,
        channel=_channel_name(post.channel),
    )


@rule("channel.hook")
def check_hook(post: Post) -> Iterator[Finding]:
    fold = channel_conf(post).get("hook_chars")
    if not fold:
        return
    first_line = post.text.lstrip().split("\n", 1)[0].rstrip()
    offset = len(post.text) - len(post.text.lstrip())
    if len(first_line) > int(fold):
        yield post.finding(
            "channel.hook", offset + int(fold), offset + len(first_line), count=len(first_line), max=fold
        )


@rule("access.emoji")
def check_emoji(post: Post) -> Iterator[Finding]:
    spans = post.emoji
    if not spans:
        return
    text = post.text
    most = int(post.rs.param("access.emoji", "max", 3))
    if len(spans) > most:
        yield post.finding(
            "access.emoji", spans[0][0], spans[-1][1], key="message.count", count=len(spans), max=most
        )
    # Line starts are found once, and each emoji looks back only over the blanks before it: a 2 MB
    # one-line post full of emoji must not cost a scan of the line per emoji.
    line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    line_of = [line_starts[bisect_right(line_starts, start) - 1] for start, _ in spans]
    pairs = list(zip(spans, line_of, strict=True))
    bullets = [span for span, line in pairs if _back_over_blanks(text, span[0], line) == line]
    if len(bullets) >= int(post.rs.param("access.emoji", "bullet_lines_min", 2)):
        yield post.finding("access.emoji", bullets[0][0], bullets[-1][1], key="message.bullets")
    for (start, end), line in pairs:
        before = _back_over_blanks(text, start, line, " \t")
        if before > line and _LETTER.match(text[before - 1]) and _LOWER_WORD_AFTER.match(text, end):
            yield post.finding("access.emoji", start, end, key="message.word")


def _back_over_blanks(text: str, offset: int, floor: int, blanks: str | None = None) -> int:
    """The offset after stepping back from ``offset`` over whitespace (or ``blanks``), not below ``floor``."""
    while offset > floor and (text[offset - 1] in blanks if blanks else text[offset - 1].isspace()):
        offset -= 1
    return offset


@rule("access.hashtag_case")
def check_hashtag_case(post: Post) -> Iterator[Finding]:
    if not post.hashtags:
        return
    from sendemast.guidelines.text.hashtags import split_words

    long_lowercase = int(post.rs.param("access.hashtag_case", "long_lowercase", 20))
    for start, end, tag in post.hashtags:
        if _INNER_CAPITAL.search(tag) or tag.isupper() or any(ch.isdigit() for ch in tag):
            continue  # already CamelCase, an acronym (#DKPOL) or a code (#KV25)
        words = split_words(tag.lower(), post.rs)
        if len(words) < 2 and len(tag) < long_lowercase:
            continue
        camel = "".join(w[:1].upper() + w[1:] for w in words) if len(words) >= 2 else tag
        suggestion = f"#{camel}" if len(words) >= 2 else None
        yield post.finding("access.hashtag_case", start, end, suggestion=suggestion or "")


def _channel_name(channel: str) -> str:
    return {
        "linkedin": "LinkedIn",
        "x": "X",
        "bluesky": "Bluesky",
        "mastodon": "Mastodon",
        "threads": "Threads",
    }.get(channel, channel)
