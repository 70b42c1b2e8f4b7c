"""Checking as the user types: the rules that look no further than a paragraph run once per paragraph text.

A keystroke changes one paragraph of a post; the live check used to re-run every rule over all of them.
``ParagraphCache`` keeps, per paragraph text (and language, channel, audience), the findings of the
paragraph-local rules and the spelling scan, so a check of an edited post re-runs those rules on the
changed paragraph only. The rules that judge the post as a whole (length, hashtags, the hook, the tone,
readability, the tips) run over the whole text each time, but the word-list hits they read are the
paragraphs' hits, kept with each paragraph (a phrase never runs across a blank line: lexicon.py), and
so are the profile's phrases the tips look for (stems.count_matching). The answer is the same as a full
check: ``tests/guidelines/test_paragraphs.py`` compares the two on many posts and edits. The one
exception is a hand-written ``re:`` entry of a rules file that spans a blank line.

A paragraph ends at a blank line. Which rules are local is a fact about each rule, kept in
``LOCAL_RULES``: they read the sentence a word stands in and its neighbours, never another paragraph.
privacy.sensitive is not among them: a person named at the end of one paragraph and "Hun er sygemeldt" at
the start of the next is still a person's health on a public page.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sendemast.guidelines.engine.post import paragraph_spans

if TYPE_CHECKING:
    from sendemast.guidelines.engine.model import Finding
    from sendemast.guidelines.engine.post import Post
    from sendemast.guidelines.rules.spelling import Scan

# rules whose findings in a paragraph depend on that paragraph alone (and the profile and rules)
LOCAL_RULES = frozenset({
    "privacy.cpr",
    "privacy.contact",
    "neutrality.party",
    "confidential.internal",
    "civility.attack",
    "mandate.red_line",
    "plain.officialese",
})


@dataclass
class _Part:
    post: Post  # the paragraph as a post: its word-list hits are computed once and kept with it
    findings: list[Finding]
    scan: Scan | None


class ParagraphCache:
    """Per paragraph text: the local rules' findings and the spelling scan, least recently used dropped.

    One cache serves one profile and one ruleset (the studio keeps one per leader and worker)."""

    def __init__(self, size: int = 2048) -> None:
        self.size = size
        self._parts: OrderedDict[tuple[Any, ...], _Part] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def local(self, post: Post, rules: list[str], spelling: bool) -> tuple[list[Finding], Scan | None]:
        """The local rules' findings for the whole post, and its spelling scan (offsets of the post)."""
        from sendemast.guidelines.engine.post import Post as PostClass
        from sendemast.guidelines.engine.registry import RULES
        from sendemast.guidelines.rules.spelling import Scan, scan_post

        findings: list[Finding] = []
        scans: list[tuple[int, Scan]] = []
        post.paragraphs = []
        for start, end in paragraph_spans(post.text):
            key = (post.text[start:end], post.lang, post.channel, post.audience, tuple(rules), spelling)
            part = self._parts.get(key)
            if part is None:
                self.misses += 1
                piece = PostClass(key[0], post.channel, post.lang, post.rs, profile=post.profile,
                                  audience=post.audience)
                found = [f for rule_id in rules for f in RULES[rule_id](piece)]
                part = _Part(piece, found, scan_post(piece) if spelling else None)
                self._parts[key] = part
                if len(self._parts) > self.size:
                    self._parts.popitem(last=False)
            else:
                self.hits += 1
                self._parts.move_to_end(key)
            post.paragraphs.append((start, part.post))
            findings += [replace(f, start=f.start + start, end=f.end + start) for f in part.findings]
            if part.scan is not None:
                scans.append((start, part.scan))
        return findings, Scan.joined(scans) if spelling else None
