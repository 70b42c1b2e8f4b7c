"""Scores 0..1 for the article's six tips, from the findings and (when there is one) the profile.

Without a profile, the parts that need one take a neutral 0.5 (or 0.85 for the mandate's scope), so a
clean post scores well but not perfectly until the profile says what the leader's topics and audiences
are. The formulas are spelled out in README.md; keep the two in step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sendemast.guidelines.engine.model import Finding
    from sendemast.guidelines.engine.post import Post

NEUTRAL = 0.5
FIRST_PERSON_FULL = 0.6  # this share of sentences in first person (or to the reader) is a full voice
COPIED_FREE = 0.2  # a post may share this much with its notes (names, figures, set phrases) at no cost
_LINE_RULES = frozenset(
    {
        "neutrality.party",
        "confidential.internal",
        "civility.attack",
        "mandate.red_line",
        "privacy.contact",
        "privacy.sensitive",
    }
)


def score_tips(post: Post, findings: list[Finding]) -> dict[str, float]:
    fired: dict[str, int] = {}
    for finding in findings:
        fired[finding.rule] = fired.get(finding.rule, 0) + 1
    blocked = any(f.severity == "block" and f.rule.startswith("privacy.") for f in findings)
    scores = {
        "mandate": 0.0 if blocked else _mandate(post, fired),
        "audience": _audience(post),
        "topics": _topics(post),
        "tone": _tone(post, fired),
        "value": _value(post),
        "channel": _channel(fired),
    }
    return {name: round(min(1.0, max(0.0, value)), 2) for name, value in scores.items()}


def _profile_list(post: Post, *path: str) -> list[Any]:
    node: Any = post.profile
    for name in path:
        node = getattr(node, name, None) if node is not None else None
    return list(node or [])


def _mandate(post: Post, fired: dict[str, int]) -> float:
    from sendemast.guidelines.text.stems import count_matching

    may_speak_on = [str(p) for p in _profile_list(post, "mandate", "may_speak_on")]
    in_scope = bool(may_speak_on) and count_matching(post, may_speak_on) > 0
    scope = 0.85 if not may_speak_on else (1.0 if in_scope else 0.7)
    lines = sum(n for rule, n in fired.items() if rule in _LINE_RULES)
    return scope - 0.4 * lines - 0.2 * fired.get("stance.on_behalf", 0)


def _audience(post: Post) -> float:
    from sendemast.guidelines.rules.voice import lix_ceiling, lix_of

    audiences = _profile_list(post, "audiences")
    if post.audience and audiences:
        chosen = [a for a in audiences if getattr(a, "id", None) == post.audience]
        target = 1.0 if chosen and _keywords_match(post, chosen[0]) else 0.4
    elif audiences:
        matched = sum(1 for a in audiences if _keywords_match(post, a))
        target = 0.3 if matched == 0 else (1.0 if matched <= 2 else 0.6)  # three or more: talking to everyone
    else:
        target = NEUTRAL
    address = 1.0 if addresses_reader(post) else 0.4
    excess = lix_of(post) - lix_ceiling(post)
    readable = 1.0 if excess <= 0 else max(0.0, 1.0 - excess / 15.0)
    return (target + address + readable) / 3.0


def _keywords_match(post: Post, audience: Any) -> bool:
    from sendemast.guidelines.text.stems import count_matching

    keywords = [str(k) for k in getattr(audience, "keywords", []) or []]
    return bool(keywords) and count_matching(post, keywords) > 0


def addresses_reader(post: Post) -> bool:
    """ "du", "I", "jer", "you" – or a question – speaks to the reader."""
    if "?" in post.text or post.has_word("address"):
        return True
    if post.lang == "da":  # capital "I" is "you" (plural) unless it starts a sentence ("I dag …")
        return any(word == "I" and not post.is_initial(i) for i, word in enumerate(post.tokens.origs))
    return False


def _topics(post: Post) -> float:
    from sendemast.guidelines.text.stems import count_matching

    topics = _profile_list(post, "topics")
    if not topics:
        return NEUTRAL
    best = 0
    for topic in topics:
        phrases = [str(k) for k in getattr(topic, "keywords", []) or []] + [str(getattr(topic, "title", ""))]
        best = max(best, count_matching(post, [p for p in phrases if p.strip()]))
    return 1.0 if best >= 2 else (0.7 if best == 1 else 0.0)


def written_voice(post: Post) -> float:
    """0..1 from the measure of "written" (``written.py``): the sentences in first person or to the reader
    (full marks from 60 %: "Det var de ikke." belongs in a personal post too), less half the share of
    note-style fragments, and — when the source is known — scaled down by what was copied from it
    (nothing off up to 20 % copied, half at 60 %); for a rewrite, less half the share of sentences that
    keep the institution's voice."""
    from sendemast.guidelines.rules.written import written_of

    written = written_of(post)
    voice = min(1.0, written.first_person_share / FIRST_PERSON_FULL) * (1.0 - written.fragment_share / 2)
    if written.copied_share is not None:
        voice *= min(1.0, (1.0 - written.copied_share) / (1.0 - COPIED_FREE))
    if written.institutional is not None:
        voice *= 1.0 - float(written.institutional["share"]) / 2
    return voice


def _tone(post: Post, fired: dict[str, int]) -> float:
    from sendemast.guidelines.text.stems import count_matching

    voice = written_voice(post)
    values = _profile_list(post, "values")
    valued = (1.0 if count_matching(post, [str(v) for v in values]) else 0.4) if values else NEUTRAL
    plain = 1.0 - 0.25 * fired.get("plain.officialese", 0)
    press = 0.0 if post.lang_hits("press_release") else 1.0
    return 0.4 * voice + 0.2 * valued + 0.2 * max(0.0, plain) + 0.2 * press


def _value(post: Post) -> float:
    numbers = any(ch.isdigit() for word in post.tokens.origs for ch in word)
    return (
        0.3 * numbers
        + 0.25 * bool(post.lang_hits("examples"))
        + 0.3 * bool(post.lang_hits("lessons"))
        + 0.25 * bool(post.lang_hits("behind_the_scenes"))
    )


def _channel(fired: dict[str, int]) -> float:
    if fired.get("channel.length"):
        return 0.0  # cannot be published on the channel at all
    return (
        1.0
        - 0.15 * bool(fired.get("channel.hook"))
        - 0.15 * bool(fired.get("channel.hashtags"))
        - 0.1 * bool(fired.get("access.hashtag_case"))
        - 0.1 * bool(fired.get("access.emoji"))
    )
