"""Cut the sections of a values document into chunks of about ``chunk_tokens`` tokens.

Token counts are estimated, not computed with a tokenizer: each whitespace-separated word counts one token
per started four characters (``og`` = 1, ``borgerne`` = 2, ``kommunikationspolitik`` = 6). For Danish prose
that comes to about 1.3 tokens a word, close to what BPE and WordPiece tokenizers produce, and unlike a flat
``words × 1.3`` it does not undercount long compounds and URLs. It is cheap and deterministic, which is
what chunk boundaries need.

The rules, in order:

1. Sections without text are dropped; their headings live on in their children's title paths.
2. A tiny section (under a sixth of ``chunk_tokens``: a heading with a line of introduction, a contact
   line) is merged with the sections that follow it while they share its parent heading and the merged
   chunk stays under half of ``chunk_tokens``. The merged chunk keeps the common heading path and carries
   the deeper headings inline as lines of text. A tiny section followed by a large one stays on its own,
   so that the large one keeps its precise heading path.
3. A section longer than ``chunk_tokens`` is cut into windows at paragraph boundaries, then sentence
   boundaries, then word boundaries. Each window after the first starts with the last sentences (or, when
   a sentence is longer than the overlap, the last words) of the one before, about ``chunk_overlap``
   tokens. Words are never split, except a single "word" longer than a whole chunk (a base64 blob, a run
   of URLs without spaces), which is cut so that no chunk grows without bound.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sendemast.corpus.documents import Section

CHARS_PER_TOKEN = 4
_WORD = re.compile(r"\S+")
_TOKEN = re.compile(rf"\S{{1,{CHARS_PER_TOKEN}}}")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
# A sentence ends at . ! ? or … followed by space and something that can start a sentence; a line break
# always ends one (list items, headings, short lines). Lower-case after a period ("f.eks. når") does not.
# Both alternatives are anchored on a character (punctuation, newline) so that long runs of spaces cannot
# make the regex quadratic.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"”»)]*\s+(?=[\"“«(\[]?[A-ZÆØÅÄÖÜ0-9])|\n\s*")


def estimate_tokens(text: str) -> int:
    """Estimated token count of ``text`` (see the module docstring)."""
    # Each match is a started group of four characters within a word: the count, computed in C.
    return len(_TOKEN.findall(text))


def _word_tokens(length: int) -> int:
    return max(1, -(-length // CHARS_PER_TOKEN))


@dataclass(frozen=True)
class _Piece:
    """A paragraph, sentence or run of words, with the whitespace that joined it to what came before."""

    text: str
    tokens: int
    separator: str


def chunk_sections(sections: Iterable[Section], chunk_tokens: int = 300,
                   chunk_overlap: int = 40) -> list[Section]:
    """Chunks of the document, in order, each with the heading path it belongs under."""
    chunk_tokens = max(10, chunk_tokens)
    # More overlap than half a chunk would make every chunk mostly a copy of the one before.
    overlap = max(0, min(chunk_overlap, chunk_tokens // 2))
    chunks: list[Section] = []
    for group in _merge_tiny([s for s in sections if s.text.strip()], chunk_tokens):
        path, text = _join_group(group)
        for window in _windows(text, chunk_tokens, overlap):
            chunks.append(Section(path, window))
    return chunks


def _merge_tiny(sections: Sequence[Section], chunk_tokens: int) -> list[list[Section]]:
    tiny, merged_limit = chunk_tokens // 6, chunk_tokens // 2
    groups: list[list[Section]] = []
    i = 0
    while i < len(sections):
        group = [sections[i]]
        size = estimate_tokens(sections[i].text)
        parent = sections[i].title_path[:-1]
        i += 1
        while i < len(sections) and size < tiny:
            following = sections[i]
            extra = estimate_tokens(following.text) + estimate_tokens(" ".join(following.title_path))
            if following.title_path[: len(parent)] != parent or size + extra > merged_limit:
                break
            group.append(following)
            size += extra
            i += 1
        groups.append(group)
    return groups


def _join_group(group: Sequence[Section]) -> tuple[tuple[str, ...], str]:
    if len(group) == 1:
        return group[0].title_path, group[0].text.strip()
    common = _common_prefix([s.title_path for s in group])
    parts: list[str] = []
    for section in group:
        deeper = section.title_path[len(common):]
        if deeper:
            parts.append(" › ".join(deeper))
        parts.append(section.text.strip())
    return common, "\n\n".join(parts)


def _common_prefix(paths: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
    prefix = paths[0]
    for path in paths[1:]:
        n = 0
        while n < min(len(prefix), len(path)) and prefix[n] == path[n]:
            n += 1
        prefix = prefix[:n]
    return prefix


def _windows(text: str, chunk_tokens: int, overlap: int) -> list[str]:
    if estimate_tokens(text) <= chunk_tokens:
        return [text]
    # Pieces leave room for the overlap, so that overlap + piece always fits in one chunk.
    pieces = _pieces(text, chunk_tokens - overlap)
    windows: list[str] = []
    current: list[_Piece] = []
    size = 0
    for piece in pieces:
        if current and size + piece.tokens > chunk_tokens:
            rendered = _render(current)
            windows.append(rendered)
            tail = _tail(rendered, overlap) if overlap else ""
            current = [_Piece(tail, estimate_tokens(tail), "")] if tail else []
            size = current[0].tokens if current else 0
        current.append(piece)
        size += piece.tokens
    if current:
        windows.append(_render(current))
    return windows


def _render(pieces: Sequence[_Piece]) -> str:
    out = [pieces[0].text]
    for piece in pieces[1:]:
        out.append(piece.separator or " ")
        out.append(piece.text)
    return "".join(out).strip()


def _pieces(text: str, budget: int) -> list[_Piece]:
    """Split ``text`` into pieces of at most ``budget`` tokens, as coarse as possible."""
    pieces: list[_Piece] = []
    for paragraph in _PARAGRAPH_BREAK.split(text):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        tokens = estimate_tokens(paragraph)
        first = len(pieces)
        if tokens <= budget:
            pieces.append(_Piece(paragraph, tokens, ""))
        else:
            for sentence, separator in _split_with_separators(paragraph, _SENTENCE_BREAK):
                pieces.extend(_fit_sentence(sentence, separator, budget))
        if first < len(pieces) and first > 0:
            p = pieces[first]
            pieces[first] = _Piece(p.text, p.tokens, "\n\n")
    return pieces


def _split_with_separators(text: str, pattern: re.Pattern[str]) -> list[tuple[str, str]]:
    """``text`` split at ``pattern``; each part comes with the separator that preceded it."""
    parts: list[tuple[str, str]] = []
    start, pending = 0, ""
    for match in pattern.finditer(text):
        part = text[start:match.start()].strip()
        if part:
            parts.append((part, pending))
            pending = ""
        pending = "\n" if "\n" in match.group() or pending == "\n" else " "
        start = match.end()
    if text[start:].strip():
        parts.append((text[start:].strip(), pending))
    return parts


def _fit_sentence(sentence: str, separator: str, budget: int) -> list[_Piece]:
    tokens = estimate_tokens(sentence)
    if tokens <= budget:
        return [_Piece(sentence, tokens, separator)]
    pieces: list[_Piece] = []
    words: list[str] = []
    size = 0
    for word in _WORD.findall(sentence):
        for part in _cut_word(word, budget):
            cost = _word_tokens(len(part))
            if words and size + cost > budget:
                pieces.append(_Piece(" ".join(words), size, separator if not pieces else " "))
                words, size = [], 0
            words.append(part)
            size += cost
    if words:
        pieces.append(_Piece(" ".join(words), size, separator if not pieces else " "))
    return pieces


def _cut_word(word: str, budget: int) -> list[str]:
    limit = budget * CHARS_PER_TOKEN
    if len(word) <= limit:
        return [word]
    return [word[i:i + limit] for i in range(0, len(word), limit)]


def _tail(text: str, max_tokens: int) -> str:
    """The end of ``text``: whole sentences if any fit in ``max_tokens``, else whole words."""
    ends = [m.end() for m in _SENTENCE_BREAK.finditer(text)]
    best, size, stop = len(text), 0, len(text)
    for start in reversed([0, *ends]):
        size += estimate_tokens(text[start:stop])
        if size > max_tokens:
            break
        best, stop = start, start
    if best < len(text):
        return text[best:].strip()
    size = 0
    for match in reversed(list(_WORD.finditer(text))):
        size += _word_tokens(len(match.group()))
        if size > max_tokens:
            break
        best = match.start()
    return text[best:].strip()
