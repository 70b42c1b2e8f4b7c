"""Step 4: deterministic repair of a model's post, so that small slips never reach the checker.

- emoji used as bullets become plain dashes (screen readers read each emoji's name aloud);
- sentences a small model repeated are dropped;
- hashtags are gathered at the end, CamelCased (the profile's spelling wins), deduplicated and brought to
  the channel's count;
- the post is shortened to the channel's limit at sentence boundaries, never in the middle of a word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sendemast.errors import UsageError

# A channel's hashtag budget (``hashtags_min``, ``hashtags_max``) comes from the checker's channel data
# (guidelines/data/channels.yaml), which a workspace can override: below the minimum repair tops up from
# the profile's tags that fit the post, above the maximum it trims.
# One to four words of letters and digits, at most 30 characters: anything else is not a hashtag.
_PLAUSIBLE_TAG = re.compile(r"(?=.{1,30}$)[^\W_][\w]*(?:[ _-][\w]+){0,3}")
_TAG = re.compile(r"(?<![\w#])#([^\W_][\w-]*)", re.UNICODE)
_TRAILING_TAGS = re.compile(r"(?:[ \t]*\n?[ \t]*#[^\W_][\w-]*)+\s*$", re.UNICODE)
# A sentence ends at . ! ? … followed by space and a capital or a quote (so "1. marts" and "ca. 40" do
# not end one), or at a line break. Missing a boundary only makes a cut coarser, never mid-word.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»)]?[ \t]+(?=[A-ZÆØÅ\"“«(])|\n+")


@dataclass(frozen=True)
class ChannelRules:
    """What repair needs to know about a channel: its limit, how it counts and its hashtag budget."""

    name: str
    limit: int
    hashtags_max: int
    count: Callable[[str], int] = len
    hashtags_min: int = 0


def channel_rules(channel: str, ruleset: Any = None) -> ChannelRules:
    """The channel as the checker sees it (shipped data, or a workspace's ``ruleset`` overrides)."""
    from sendemast.guidelines.channels.count import count_length
    from sendemast.guidelines.engine.ruleset import load_ruleset

    conf = (ruleset or load_ruleset()).channels.get(channel)
    if conf is None:
        raise UsageError(f"unknown channel {channel!r}")
    limit, unit = int(conf["limit"]), str(conf["unit"])
    return ChannelRules(
        name=channel,
        limit=limit,
        hashtags_max=int(conf.get("hashtags_max", 3)),
        count=lambda text: int(count_length(text, channel, limit=limit, unit=unit)[0]),
        hashtags_min=int(conf.get("hashtags_min", 0)),
    )


@dataclass
class Repaired:
    text: str
    hashtags: list[str]
    changes: list[str] = field(default_factory=list)


def _is_emoji(char: str) -> bool:
    import emoji

    return bool(char) and (emoji.is_emoji(char) or "\u2600" <= char <= "\u27bf")


def replace_emoji_bullets(text: str) -> tuple[str, int]:
    out, count = [], 0
    for line in text.split("\n"):
        stripped = line.lstrip()
        head = stripped[:2] if len(stripped) > 1 and _is_emoji(stripped[:2]) else stripped[:1]
        if head and _is_emoji(head) and not _is_emoji(stripped[len(head) : len(head) + 1] or "x"):
            # strip variation selectors / zero-width joiners that belong to the emoji
            rest = stripped[len(head) :].lstrip("\ufe0f\u200d ").lstrip()
            if rest:
                line, count = f"- {rest}", count + 1
        out.append(line)
    return "\n".join(out), count


def split_sentences(text: str) -> list[str]:
    """Pieces that keep their trailing separator, so ``"".join(pieces) == text``."""
    pieces, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        pieces.append(text[start : match.end()])
        start = match.end()
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def drop_repeats(text: str) -> tuple[str, int]:
    seen: set[str] = set()
    kept, dropped = [], 0
    for piece in split_sentences(text):
        key = " ".join(piece.lower().split())
        if len(key) > 12 and key in seen:
            dropped += 1
            continue
        seen.add(key)
        kept.append(piece)
    return "".join(kept).strip(), dropped


def drop_unfinished(text: str) -> tuple[str, bool]:
    """Without its last sentence when that has no end mark (and is not the only one)."""
    pieces = split_sentences(text.rstrip())
    if len(pieces) < 2 or re.search(r"[.!?…:)\"”»]\s*$", pieces[-1]):
        return text, False
    return "".join(pieces[:-1]).rstrip(), True


def camel_case(tag: str) -> str:
    """``grøn omstilling`` / ``grøn-omstilling`` / ``grønOmstilling`` → ``GrønOmstilling``."""
    parts = [p for p in re.split(r"[\s_\-]+", tag.lstrip("#")) if p]
    return "".join(p[0].upper() + p[1:] for p in parts)


def _tag_words(tag: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[A-ZÆØÅ]?[a-zæøå0-9]+|[A-ZÆØÅ]+(?![a-zæøå])", tag)]


def _relevant(tag: str, text: str) -> bool:
    """A profile hashtag fits when each of its words (first 5 letters, a crude stem) occurs in the text."""
    lowered = text.lower()
    words = _tag_words(tag)
    return bool(words) and all(w[:5] in lowered for w in words)


def normalise_hashtags(
    tags: Sequence[str], text: str, low: int, high: int, preferred: Sequence[str] = ()
) -> list[str]:
    """CamelCase, the profile's spelling, no duplicates; topped up to ``low`` and cut to ``high``."""
    spelled = {camel_case(p).lower(): camel_case(p) for p in preferred}
    result: list[str] = []
    for tag in (part for raw in tags for part in str(raw).split("#")):
        if not _PLAUSIBLE_TAG.fullmatch(tag.strip()):
            continue  # a sentence or junk a small model put in the hashtag list
        name = camel_case(tag)
        name = spelled.get(name.lower(), name)
        if name and name.lower() not in {t.lower() for t in result}:
            result.append(name)
    for pref in preferred:  # top up with the profile's own tags, but only those the post is about
        if len(result) >= low:
            break
        name = camel_case(pref)
        if name.lower() not in {t.lower() for t in result} and _relevant(name, text):
            result.append(name)
    return result[:high]


def _cut_at_word(text: str, room: int, count: Callable[[str], int]) -> str:
    words = text.split(" ")
    while len(words) > 1 and count(" ".join(words).rstrip(",;:–-") + "…") > room:
        words.pop()
    return " ".join(words).rstrip(",;:–- ") + "…"


def fit_length(body: str, tags: list[str], limit: int, count: Callable[[str], int]) -> tuple[str, list[str]]:
    """Drop whole sentences from the end, then hashtags, then (only for one giant sentence) words."""

    def compose(b: str, t: list[str]) -> str:
        return f"{b}\n\n{' '.join('#' + x for x in t)}" if t else b

    if count(compose(body, tags)) <= limit:
        return body, tags
    pieces = split_sentences(body)
    while len(pieces) > 1 and count(compose("".join(pieces).rstrip(), tags)) > limit:
        pieces.pop()
    body = "".join(pieces).rstrip()
    while tags and count(compose(body, tags)) > limit:
        tags = tags[:-1]
    if count(compose(body, tags)) > limit:
        body = _cut_at_word(body, limit, count)
    return body, tags


def repair(
    text: str,
    hashtags: Sequence[str],
    rules: ChannelRules,
    *,
    preferred: Sequence[str] = (),
    truncated: bool = False,
) -> Repaired:
    """All repairs in order, counting as ``rules`` (the channel) counts. ``truncated``: the model hit its
    token limit, so a last sentence without an end is dropped."""
    changes: list[str] = []
    text, bullets = replace_emoji_bullets(text.strip())
    if bullets:
        changes.append(f"replaced {bullets} emoji bullet(s)")
    text, repeats = drop_repeats(text)
    if repeats:
        changes.append(f"dropped {repeats} repeated sentence(s)")
    trailing = _TRAILING_TAGS.search(text)
    tags = list(hashtags)
    if trailing:
        tags = _TAG.findall(trailing.group(0)) + tags
        text = text[: trailing.start()].rstrip()
    if truncated:
        text, cut = drop_unfinished(text)
        if cut:
            changes.append("dropped an unfinished last sentence")
    room = max(0, rules.hashtags_max - len(_TAG.findall(text)))  # inline hashtags use up the budget too
    fixed = normalise_hashtags(tags, text, min(rules.hashtags_min, room), room, preferred)
    if fixed != [t.lstrip("#") for t in tags]:
        changes.append("hashtags normalised")
    new_text, new_tags = fit_length(text, fixed, rules.limit, rules.count)
    if new_text != text:
        changes.append(f"shortened to the {rules.name} limit")
    return Repaired(text=compose_post(new_text, new_tags), hashtags=new_tags, changes=changes)


def compose_post(body: str, tags: Sequence[str]) -> str:
    return f"{body}\n\n{' '.join('#' + t for t in tags)}" if tags else body
