"""One past post read the way the style card needs it: prose sentences and paragraphs without the trailing
hashtags, the hashtags, the emoji and where they stand, and which sentences speak as "I" or as "we".

Pure functions over text; :mod:`sendemast.drafting.style.learn` aggregates them over many posts.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import deque
from dataclasses import dataclass
from functools import cache
from typing import Any

from sendemast.guidelines.engine.post import HASHTAG, find_emoji, find_urls

# A sentence ends at . ! ? … (and closing quotes) before anything but a small letter or a digit — "kl. 8.15",
# "ca. 10" and "mio. kr." are abbreviations — and at every line break. Unlike the checker, a colon does not
# end one here: "Det er nærdemokrati, når det virker bedst: Dem, der …" is one sentence of the leader's.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*[ \t]+|\n+")
_WORD = re.compile(r"[^\W_]+(?:[-.,'’][^\W_]+)*")
_LETTER_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_TAG_TOKEN = re.compile(r"#[^\W\d_]\w*")
_QUOTE_START = tuple('"“«„”')
_EDGE_JUNK = " \t.,;:!?-–—…\"'”’»)]"


@dataclass(frozen=True)
class PostShape:
    """What the style card counts in one post."""

    paragraphs: tuple[str, ...]  # prose paragraphs, trailing hashtags removed
    sentences: tuple[str, ...]  # prose sentences in order
    hashtags: tuple[str, ...]  # as written, without '#'
    hashtags_at_end: bool  # every hashtag stands after the last prose sentence
    emoji: tuple[tuple[str, str], ...]  # (emoji, "line_start" | "line_end" | "inline")
    blank_lines: bool  # paragraphs separated by blank lines

    @property
    def words(self) -> int:
        return sum(word_count(s) for s in self.sentences)


def word_count(sentence: str) -> int:
    return len(_WORD.findall(_without_urls(sentence)))


def letter_words(text: str) -> list[str]:
    """Words made of letters (numbers and URLs left out), as written."""
    return _LETTER_WORD.findall(_without_urls(text))


def _without_urls(text: str) -> str:
    spans = find_urls(text)
    for start, end in reversed(spans):
        text = text[:start] + " " + text[end:]
    return text


def shape(text: str) -> PostShape:
    text = text.replace("\r\n", "\n").strip()
    url_spans = find_urls(text)
    tags = tuple(
        m.group(1)
        for m in HASHTAG.finditer(text)
        if not any(a < m.end() and m.start() < b for a, b in url_spans)
    )
    paragraphs: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [strip_trailing_tags(line).strip() for line in block.split("\n")]
        prose = "\n".join(line for line in lines if _LETTER_WORD.search(line.replace("#", " ")))
        if prose:
            paragraphs.append(prose)
    sentences = tuple(s for p in paragraphs for s in split_sentences(p))
    in_prose = sum(1 for p in paragraphs for m in HASHTAG.finditer(p))
    emoji = _emoji_positions(text)
    return PostShape(
        paragraphs=tuple(paragraphs),
        sentences=sentences,
        hashtags=tags,
        hashtags_at_end=bool(tags) and in_prose == 0,
        emoji=emoji,
        blank_lines=re.search(r"\n[ \t]*\n", text) is not None,
    )


def split_sentences(text: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        nxt = match.end()
        if match.group()[0] != "\n" and nxt < len(text) and (text[nxt].islower() or text[nxt].isdigit()):
            continue
        sentences.append(text[start:nxt].strip())
        start = nxt
    sentences.append(text[start:].strip())
    return [s for s in sentences if _LETTER_WORD.search(s)]


def strip_trailing_tags(line: str) -> str:
    """The line without the run of hashtags that ends it; token by token from the end, with offsets
    rather than copies, so a line of a hundred thousand hashtags costs one pass."""
    spaced = line.replace("\t", " ")
    end = len(spaced.rstrip())
    while end > 0:
        cut = spaced.rfind(" ", 0, end)
        if not _TAG_TOKEN.fullmatch(spaced, cut + 1, end):
            break
        end = max(cut, 0)
        while end > 0 and spaced[end - 1] == " ":
            end -= 1
    return line[:end]


def _emoji_positions(text: str) -> tuple[tuple[str, str], ...]:
    """Each emoji with where it stands: at the start of its line (nothing but emoji or punctuation before
    it), at its end (no words after it but hashtags), or inline."""
    spans = find_emoji(text)
    if not spans:
        return ()
    # per line: where its first word starts and where its prose (trailing hashtags cut) ends
    bounds: list[tuple[int, int, int]] = []
    offset = 0
    for line in text.split("\n"):
        first = _LETTER_WORD.search(line)
        prose = strip_trailing_tags(line)
        tail = deque(_LETTER_WORD.finditer(prose), maxlen=1)
        last = tail[0] if tail else None
        bounds.append(
            (offset, offset + (first.start() if first else len(line)), offset + (last.end() if last else 0))
        )
        offset += len(line) + 1
    starts = [b[0] for b in bounds]
    found = []
    for start, end in spans:
        _, first_word, prose_end = bounds[bisect_right(starts, start) - 1]
        where = "line_start" if start < first_word else "line_end" if start >= prose_end else "inline"
        found.append((text[start:end], where))
    return tuple(found)


def person(sentence: str, lang: str, cues: dict[str, Any]) -> tuple[bool, bool]:
    """(speaks as "I", speaks as "we") for one sentence. "10 min" is minutes, not "my"."""
    singular, plural = _pronouns(lang, _freeze(cues))
    words = _WORD.findall(sentence)
    lowered = [w.lower().replace("’", "'").split("'")[0] for w in words]
    one = False
    for i, word in enumerate(lowered):
        if word in singular and not (word == "min" and i > 0 and words[i - 1][:1].isdigit()):
            one = True
            break
    return one, any(w in plural for w in lowered)


def _freeze(cues: dict[str, Any]) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    return tuple((lang, tuple(v["singular"]), tuple(v["plural"])) for lang, v in cues.items())


@cache
def _pronouns(
    lang: str, frozen: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]
) -> tuple[frozenset[str], frozenset[str]]:
    for name, singular, plural in frozen:
        if name == lang:
            return frozenset(singular), frozenset(plural)
    return frozenset(), frozenset()


def starts_with(sentence: str, phrases: list[str]) -> bool:
    low = _normal(sentence)
    return any(
        low == p or low.startswith(p + " ") or (p.endswith(".") and low.startswith(p))
        for p in _normals(tuple(phrases))
    )


def contains(sentence: str, phrases: list[str]) -> bool:
    low = f" {_normal(sentence)} "
    return any(f" {p} " in low for p in _normals(tuple(phrases)))


@cache
def _normals(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_normal(str(p)) for p in phrases)


def _normal(text: str) -> str:
    text = text.lower().lstrip(_EDGE_JUNK)
    return " ".join(re.sub(r"[,;:!?…\"“”«»()–—]", " ", text).split())


def opening_kind(sentence: str, lang: str, time_cues: list[str]) -> str:
    """quote, question, time, fact or statement: the shape of a post's first sentence."""
    from sendemast.drafting.facts import extract_facts

    if sentence.startswith(_QUOTE_START):
        return "quote"
    if sentence.rstrip(_EDGE_JUNK.replace("?", "")).endswith("?"):
        return "question"
    if starts_with(sentence, time_cues):
        return "time"
    if extract_facts(sentence):
        return "fact"
    return "statement"


def is_question(sentence: str) -> bool:
    return "?" in _without_urls(sentence)


def clean_phrase(sentence: str) -> str:
    """A sentence as a reusable phrase: one line, no hashtags, spaces squeezed."""
    return " ".join(HASHTAG.sub(lambda m: m.group(1), sentence).split())
