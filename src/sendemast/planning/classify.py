"""Which strategic topics, audiences, purposes and values a text serves, by the profile's own words.

The same stemmed matching the checker's tip scores use (``guidelines/text/stems.py``), so a post the checker
calls on-topic is counted for that topic here too. A text belongs to every topic (or audience) with two
keyword hits or more, and otherwise to its single best one with one hit: most posts touch one or two
topics, and a stray "kolleger" should not put a post on every topic that lists the word.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from typing import TYPE_CHECKING

from sendemast.planning.models import Tags

if TYPE_CHECKING:
    from sendemast.guidelines.engine.post import Post
    from sendemast.guidelines.engine.ruleset import Ruleset
    from sendemast.profile import Profile

# a purpose is a sentence: it is served when this many of its longer words occur (all of them if fewer)
PURPOSE_WORDS = 2
_MIN_PURPOSE_WORD = 5


# Tags of texts already seen, by (profile's keywords, language, text): the plan page tags every past post
# on every load, and a leader's posts rarely change (this was half the page's time).
_SEEN: OrderedDict[tuple[str, str, str], Tags] = OrderedDict()
_SEEN_MAX = 4096


def tag_text(text: str, lang: str, profile: Profile, ruleset: Ruleset) -> Tags:
    key = (_profile_key(profile), lang, text)
    seen = _SEEN.get(key)
    if seen is None:
        seen = _SEEN[key] = _tag_text(text, lang, profile, ruleset)
        while len(_SEEN) > _SEEN_MAX:
            _SEEN.popitem(last=False)
    return seen.model_copy(deep=True)  # the caller may change its copy


def _profile_key(profile: Profile) -> str:
    """What tagging reads from the profile, as one string."""
    return json.dumps([[t.id, t.title, t.keywords] for t in profile.topics]
                      + [[a.id, a.keywords] for a in profile.audiences]
                      + [list(profile.purposes), list(profile.values)], ensure_ascii=False)


def _tag_text(text: str, lang: str, profile: Profile, ruleset: Ruleset) -> Tags:
    from sendemast.guidelines.engine.post import Post
    from sendemast.guidelines.text.stems import phrase_occurs

    post = Post(text, "linkedin", lang if lang in ("da", "en") else "da", ruleset, profile=profile)
    found: dict[str, list[str]] = {}
    for topic in profile.topics:
        phrases = [k for k in [*topic.keywords, topic.title] if k.strip()]
        found[topic.id] = [p for p in phrases if phrase_occurs(post, p)]
    audience_hits = {
        a.id: sum(1 for k in a.keywords if k.strip() and phrase_occurs(post, k)) for a in profile.audiences
    }
    return Tags(
        topics=_chosen({tid: len(hits) for tid, hits in found.items()}),
        audiences=_chosen(audience_hits),
        purposes=[i for i, purpose in enumerate(profile.purposes) if _serves(post, purpose)],
        values=[v for v in profile.values if v.strip() and phrase_occurs(post, v)],
        keywords={tid: hits for tid, hits in found.items() if hits},
    )


def _chosen(counts: dict[str, int]) -> list[str]:
    strong = [key for key, n in counts.items() if n >= 2]
    if strong:
        return strong
    best = max(counts.values(), default=0)
    return [next(key for key, n in counts.items() if n == best)] if best == 1 else []


def purpose_words(purpose: str, lang: str = "da") -> list[str]:
    """The purpose's longer words, the ones that say what it is about."""
    from sendemast.guidelines.text.lexicon import WORD

    words = [w for w in WORD.findall(purpose) if len(w) >= _MIN_PURPOSE_WORD]
    return list(dict.fromkeys(w.lower() for w in words))


def _serves(post: Post, purpose: str) -> bool:
    from sendemast.guidelines.text.stems import phrase_occurs

    words = purpose_words(purpose, post.lang)
    if not words:
        return False
    hits = sum(1 for w in words if phrase_occurs(post, w))
    return hits >= min(PURPOSE_WORDS, len(words))
