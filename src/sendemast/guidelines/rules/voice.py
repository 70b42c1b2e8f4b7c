"""Voice and plain language: first-person voice, officialese, personal opinions on policy, LIX."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sendemast.guidelines.engine.registry import rule
from sendemast.guidelines.text.lix import band, post_lix, word_count

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sendemast.guidelines.engine.model import Finding
    from sendemast.guidelines.engine.post import Post

_MINUTES = re.compile(r"\d\s*$")


def first_person_count(post: Post) -> int:
    """First-person singular words in the post's language. Danish "I" means "you"; "4 min." means minutes."""
    count = 0
    text = post.text
    for hit in post.lang_hits("first_person"):
        if hit.entry == "min" and _MINUTES.search(text, max(0, hit.start - 4), hit.start):
            continue
        count += 1
    if post.lang == "en":
        count += sum(1 for word in post.tokens.origs if word == "I")
    return count


@rule("tone.personal")
def check_personal(post: Post) -> Iterator[Finding]:
    if first_person_count(post) == 0:
        yield post.finding("tone.personal", 0, len(post.text))


@rule("plain.officialese")
def check_officialese(post: Post) -> Iterator[Finding]:
    for hit in post.lang_hits("officialese"):
        word = post.text[hit.start : hit.end]
        suggestion = None
        if hit.payload:
            template = post.rs.text("plain.officialese", "suggestion_template", post.lang, better=hit.payload)
            suggestion = template
        yield post.finding("plain.officialese", hit.start, hit.end, suggestion=suggestion or "", word=word)


@rule("stance.on_behalf")
def check_on_behalf(post: Post) -> Iterator[Finding]:
    if post.capacity is not None:
        return  # the post declares its capacity: capacity_rules judges the opinion against it
    markers = post.lang_hits("opinion_markers")
    if not markers:
        return
    policy = post.any_hits("policy_terms")
    if not policy or post.any_hits("behalf_disclaimers"):
        return
    reported: set[tuple[int, int]] = set()
    for marker in markers:
        sentence = post.sentence_of(marker.start)
        if sentence in reported:
            continue
        topics = post.hits_in(policy, sentence)
        if topics:
            reported.add(sentence)
            end = max(marker.end, topics[0].end)
            yield post.finding(
                "stance.on_behalf",
                min(marker.start, topics[0].start),
                end,
                policy=post.text[topics[0].start : topics[0].end],
            )


def lix_ceiling(post: Post) -> int:
    """The audience's ``lix_max`` from the profile when an audience is given, else the rule's ``max``."""
    ceiling = int(post.rs.param("readability.lix", "max", 45))
    if post.audience and post.profile is not None:
        audience = post.profile.audience(post.audience)
        if getattr(audience, "lix_max", None):
            ceiling = int(audience.lix_max)
    return ceiling


def lix_of(post: Post) -> float:
    cached = post.__dict__.get("_lix")
    if cached is None:
        cached = post.__dict__["_lix"] = post_lix(post)
    return float(cached)


@rule("readability.lix")
def check_lix(post: Post) -> Iterator[Finding]:
    value = lix_of(post)
    ceiling = lix_ceiling(post)
    if value <= ceiling:
        return
    if word_count(post.text) < int(post.rs.param("readability.lix", "min_words", 15)):
        return
    bands = post.rs.param("readability.lix", "bands", [])
    yield post.finding(
        "readability.lix",
        0,
        len(post.text),
        lix=round(value),
        max=ceiling,
        band=band(value, bands, post.lang),
    )
