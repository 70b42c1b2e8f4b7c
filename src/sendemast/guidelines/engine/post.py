"""A post under check: its text cut up once — words, sentences, URLs, hashtags, emoji, quotes — for all rules.

Everything is computed lazily and kept, so a rule that needs the sentences pays for them once, and a
rule that does not, not at all. Offsets always refer to the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

from sendemast.guidelines.engine.model import Finding
from sendemast.guidelines.engine.ruleset import EAGER_LISTS
from sendemast.guidelines.text.lexicon import Hit, Tokens
from sendemast.guidelines.text.people import People

if TYPE_CHECKING:
    from sendemast.guidelines.engine.ruleset import Ruleset

_TLDS = r"(?:dk|com|org|net|eu|io|nu|se|no|de|uk|gov|info|example|social|app|me|ly|co)"
_PROTOCOL_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"“”]+", re.IGNORECASE)
# a bare domain ("nordby.dk/jobs") is found from its top-level domain, then widened to the left: a pattern
# that tried every position of a long post for a domain would cost more than all the rules together
_BARE_TLD = re.compile(r"\.(?i:" + _TLDS + r")\b")
_DOMAIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
_PATH = re.compile(r"/[^\s<>\"“”]*")
_EMAIL = re.compile(r"(?<![\w.+\-@])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_MENTION = re.compile(r"(?<![\w@/.])@\w+(?:@[\w\-]+(?:\.[\w\-]+)+)?")
# '#' first (the look-behind after it) lets the engine jump from '#' to '#'
HASHTAG = re.compile(r"#(?<![\w#&/]#)(?=\w*[^\W\d_])(\w+)")
_TRAILING_PUNCTUATION = ".,;:!?)]}'\"’”»"
_QUOTED = re.compile(
    r"\"[^\"\n]{1,400}\"|“[^”\n]{1,400}”|«[^»\n]{1,400}»|„[^“”\n]{1,400}[“”]|”[^”\n]{1,400}”"
)
# a sentence ends at . ! ? … : (and closing quotes) before anything but a small letter or a digit, and at
# every line break
_SENTENCE_END = re.compile(r"[.!?…:]+[\"'”’»)\]]*[ \t]+|\n+")
# a word starts a sentence (so its capital says nothing) when one of these stands before it
_INITIAL_GAP = re.compile(r"[.!?:\n•·▪\-–—\"“”«»(]")
# quick test: could the text contain an emoji at all? (most Danish posts have no character this high)
_MAYBE_EMOJI = re.compile(
    r"[\u2600-\u27bf\u2b00-\u2bff\u3030\u303d\u3297\u3299\U0001F000-\U0001FAFF\ufe0f\u20e3]"
)
_EMOJI_PATTERN = (
    r"\p{Regional_Indicator}\p{Regional_Indicator}"
    r"|[#*0-9]\uFE0F?\u20E3"
    r"|(?:\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F|[\u2600-\u27BF\U0001F000-\U0001FAFF])"
    r"[\U0001F3FB-\U0001F3FF\uFE0F]?(?:\u200D\p{Extended_Pictographic}\uFE0F?[\U0001F3FB-\U0001F3FF]?)*"
)
_emoji_regex: Any = None


def find_emoji(text: str) -> list[tuple[int, int]]:
    """Spans of emoji (a family or a flag is one) in ``text``."""
    global _emoji_regex
    if not _MAYBE_EMOJI.search(text):
        return []
    if _emoji_regex is None:
        import regex

        _emoji_regex = regex.compile(_EMOJI_PATTERN)
    return [m.span() for m in _emoji_regex.finditer(text)]


def find_urls(text: str) -> list[tuple[int, int]]:
    """Spans of URLs: with a protocol or www., or a bare domain with a common top-level domain."""
    spans: list[tuple[int, int]] = []
    if "://" in text or "www." in text or "WWW." in text:
        spans = [_trim_url(text, *m.span()) for m in _PROTOCOL_URL.finditer(text)]
    for match in _BARE_TLD.finditer(text):
        start = match.start()
        while start > 0 and text[start - 1] in _DOMAIN_CHARS:
            start -= 1
        while start < match.start() and text[start] in ".-":
            start += 1
        if start == match.start() or (start > 0 and (text[start - 1].isalnum() or text[start - 1] in "@/_")):
            continue  # no name before the dot, or part of an e-mail address, a path or a longer word
        if _overlaps((start, match.end()), spans):
            continue
        path = _PATH.match(text, match.end())
        spans.append(_trim_url(text, start, path.end() if path else match.end()))
    return sorted(spans)


def _trim_url(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in _TRAILING_PUNCTUATION:
        end -= 1
    return start, end


class Post:
    """One post, its channel, its language, the rules it is checked against and (optionally) the profile
    and the text it was written from."""

    def __init__(
        self,
        text: str,
        channel: str,
        lang: str,
        ruleset: Ruleset,
        profile: Any = None,
        audience: str | None = None,
        source: str | None = None,
        source_kind: str = "notes",
        capacity: str | None = None,
    ) -> None:
        self.text = text
        self.channel = channel
        self.lang = lang
        self.rs = ruleset
        self.profile = profile
        self.audience = audience
        # set by a ParagraphCache: the post's paragraphs as posts of their own, each at its offset, whose
        # word-list hits (kept between checks) make up this post's
        self.paragraphs: list[tuple[int, Post]] | None = None
        self.source = source  # the notes of a draft or the original of a rewrite, when known (written.py)
        self.source_kind = source_kind
        self.capacity = capacity  # personal | official | None (not declared: the text must say it)

    # spans that are not prose --------------------------------------------------------------------
    @cached_property
    def emails(self) -> list[tuple[int, int]]:
        return [m.span() for m in _EMAIL.finditer(self.text)] if "@" in self.text else []

    @cached_property
    def mentions(self) -> list[tuple[int, int]]:
        if "@" not in self.text:
            return []
        return [m.span() for m in _MENTION.finditer(self.text) if not _overlaps(m.span(), self.emails)]

    @cached_property
    def urls(self) -> list[tuple[int, int]]:
        return [s for s in find_urls(self.text) if not _overlaps(s, self.emails)]

    @cached_property
    def hashtags(self) -> list[tuple[int, int, str]]:
        """(start, end, tag without '#') for each hashtag outside URLs."""
        if "#" not in self.text:
            return []
        return [
            (m.start(), m.end(), m.group(1))
            for m in HASHTAG.finditer(self.text)
            if not _overlaps(m.span(), self.urls)
        ]

    @cached_property
    def emoji(self) -> list[tuple[int, int]]:
        return find_emoji(self.text)

    @cached_property
    def masked(self) -> list[tuple[int, int]]:
        """URLs, e-mail addresses and mentions: not prose, so no word rule looks inside them."""
        return sorted(self.urls + self.emails + self.mentions)

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        if not any(q in self.text for q in '"“«„”'):
            return []
        return [m.span() for m in _QUOTED.finditer(self.text)]

    # words and sentences --------------------------------------------------------------------------
    @cached_property
    def tokens(self) -> Tokens:
        return Tokens(self.text, self.masked)

    @cached_property
    def hits(self) -> dict[str, list[Hit]]:
        if self.paragraphs is not None:
            return _joined_hits([(at, part.hits) for at, part in self.paragraphs])
        return self.rs.lexicon.scan(self.text, self.tokens, self.masked)

    @cached_property
    def people(self) -> People:
        return People(self)

    def list_hits(self, name: str) -> list[Hit]:
        """Hits of one list: ``"da.officialese"``, ``"en.attack_targets"``, ``"names"`` …"""
        _, _, short = name.partition(".")
        short = short or name
        if short in EAGER_LISTS or short == "party_names":
            return self.hits.get(name, [])
        lazy = self.__dict__.setdefault("_lazy_hits", {})
        if short not in lazy:
            if self.paragraphs is not None:
                lazy[short] = _joined_hits([(at, part.lazy_hits(short)) for at, part in self.paragraphs])
            else:
                lazy[short] = self.rs.lazy_lexicon(short).scan(self.text, self.tokens, self.masked)
        return lazy[short].get(name, [])

    def lazy_hits(self, short: str) -> dict[str, list[Hit]]:
        """Every hit of the lazily compiled list ``short`` (both languages), scanned once."""
        self.list_hits(f"da.{short}")
        return cast(dict[str, list[Hit]], self.__dict__["_lazy_hits"][short])

    def has_word(self, name: str) -> bool:
        """Whether a word of the list ``name`` (post language) occurs; a set test for lists of plain words."""
        words = self.rs.plain_words(self.lang, name)
        if words is None:
            return bool(self.lang_hits(name))
        return not words.isdisjoint(self.tokens.lowers)

    def lang_hits(self, name: str) -> list[Hit]:
        """Hits of the list ``name`` in the post's language."""
        return self.list_hits(f"{self.lang}.{name}")

    def any_hits(self, name: str) -> list[Hit]:
        """Hits of the list ``name`` in either language (for lines that hold whatever the language)."""
        da, en = self.list_hits(f"da.{name}"), self.list_hits(f"en.{name}")
        if not da or not en:
            return da or en
        return sorted(da + en, key=lambda h: (h.start, -h.end))

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return sentence_spans(self.text)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def sentence_index(self, offset: int) -> int:
        return max(0, bisect_right(self._sentence_starts, offset) - 1)

    def sentence_of(self, offset: int) -> tuple[int, int]:
        return self.sentences[self.sentence_index(offset)] if self.sentences else (0, len(self.text))

    def hits_in(self, hits: list[Hit], span: tuple[int, int]) -> list[Hit]:
        return [h for h in hits if span[0] <= h.start and h.end <= span[1]]

    def is_initial(self, token: int) -> bool:
        """True if word ``token`` starts a sentence, line, quote or list item (its capital is no clue)."""
        tokens = self.tokens
        if token == 0:
            return True
        return _INITIAL_GAP.search(self.text, tokens.ends[token - 1], tokens.starts[token]) is not None

    def token_at(self, offset: int) -> int:
        """Index of the word starting at ``offset`` (or the first after it)."""
        return bisect_right(self.tokens.starts, offset - 1)

    def in_quote(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.quotes)

    # findings -------------------------------------------------------------------------------------
    def finding(
        self,
        rule_id: str,
        start: int,
        end: int,
        *,
        key: str = "message",
        suggestion: str | None = None,
        **fields: Any,
    ) -> Finding:
        """A finding for ``rule_id`` with its message in the post's language."""
        message = self.rs.text(rule_id, key, self.lang, **fields) or rule_id
        if suggestion is None:
            suggestion = self.rs.text(rule_id, "suggestion", self.lang, **fields)
        return Finding(rule_id, self.rs.severity(rule_id), message, start, end, suggestion)  # type: ignore[arg-type]


def _joined_hits(parts: list[tuple[int, dict[str, list[Hit]]]]) -> dict[str, list[Hit]]:
    """The hits of a post's paragraphs, each moved to its offset: in text order, as one scan gives them."""
    joined: dict[str, list[Hit]] = {}
    for at, hits in parts:
        for name, found in hits.items():
            joined.setdefault(name, []).extend(
                Hit(h.list, h.entry, h.start + at, h.end + at, h.payload) for h in found
            )
    return joined


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: ends at . ! ? … : before anything but a small letter or a digit
    ("kl. 19", "ca. 200", "mio. kr." are abbreviations), and at every line break."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        nxt = match.end()
        if match.group()[0] != "\n" and nxt < len(text) and (text[nxt].islower() or text[nxt].isdigit()):
            continue
        _add_span(spans, text, start, nxt)
        start = nxt
    _add_span(spans, text, start, len(text))
    return spans


def _add_span(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _overlaps(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in others)


_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph; blank lines between them belong to none."""
    spans, start = [], 0
    for match in _BLANK_LINE.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans
