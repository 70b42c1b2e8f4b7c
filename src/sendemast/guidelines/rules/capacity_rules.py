"""The capacity a post is written in, and what the text does with it (tip 1; Justitsministeriet's
guidance on public employees' freedom of expression).

- ``personal`` (på egne vegne): an own opinion on policy is the leader's right and needs no magic words,
  but the text must not speak *as the authority* while giving that opinion ("vi har i kommunen besluttet
  …, og jeg mener …"): readers cannot tell the two apart.
- ``official`` (for the authority): the post speaks for the organisation, which states decided policy
  and does not take a stance of its own; an opinion on policy is at least ``review``.

A post that declares no capacity is judged by its words alone (``stance.on_behalf`` in voice.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sendemast.guidelines.engine.registry import rule

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sendemast.guidelines.engine.model import Finding
    from sendemast.guidelines.engine.post import Post

CAPACITIES: tuple[str, ...] = ("personal", "official")


@rule("capacity.official_stance")
def check_official_stance(post: Post) -> Iterator[Finding]:
    if post.capacity != "official":
        return
    policy = post.any_hits("policy_terms")
    if not policy:
        return
    reported: set[tuple[int, int]] = set()
    for marker in post.lang_hits("opinion_markers"):
        sentence = post.sentence_of(marker.start)
        topics = post.hits_in(policy, sentence)
        if sentence in reported or not topics:
            continue
        reported.add(sentence)
        organisation = getattr(post.profile, "organisation", None) or (
            "myndigheden" if post.lang == "da" else "the authority")
        yield post.finding("capacity.official_stance", min(marker.start, topics[0].start),
                           max(marker.end, topics[0].end), organisation=organisation,
                           policy=post.text[topics[0].start : topics[0].end])


@rule("capacity.personal_as_authority")
def check_personal_as_authority(post: Post) -> Iterator[Finding]:
    if post.capacity != "personal":
        return
    voice = post.lang_hits("authority_voice")
    if not voice or not post.lang_hits("opinion_markers"):
        return
    first = voice[0]
    yield post.finding("capacity.personal_as_authority", first.start, first.end,
                       phrase=post.text[first.start : first.end])
