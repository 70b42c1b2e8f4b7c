"""Rebuild headings and paragraphs from the lines pypdf extracts, using font size, weight and position.

PDFs keep no structure, only positioned text. The heuristics here are cheap and conservative:

- body text is the font size that carries most characters;
- a short line (at most 15 words, 120 characters, not ending in , or ;) is a heading when it is set at
  least 15 % larger than body text, or entirely in bold at body size or larger and not ending like a
  sentence; the larger the size, the higher the level;
- a vertical gap clearly larger than the usual line spacing ends a paragraph, as does a line ending a
  sentence well short of the page's longest line;
- page numbers ("3", "Side 3 af 10") are dropped, and words hyphenated at a line end are rejoined.

A PDF whose text has one size and weight simply yields paragraphs under no headings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sendemast.corpus.documents import Section

HEADING_SCALE = 1.15
PARAGRAPH_GAP = 1.4
SHORT_LINE = 0.7  # of the longest line on the page
WRAPPED_LINE_SPACING = 1.6  # × font size: further apart, two headings are two headings
MAX_HEADING_WORDS = 15
MAX_HEADING_CHARS = 120
MAX_LEVELS = 5

_PAGE_NUMBER = re.compile(r"(?:side|page|s\.)?\s*\d+(?:\s*(?:af|of|/)\s*\d+)?", re.IGNORECASE)
_HYPHENATED = re.compile(r"[^\W\d_]-$")
# Danish writes "stats- og kommunale": a hyphen before these words is part of the text, not a line break.
_KEEP_HYPHEN_BEFORE = frozenset({"og", "eller", "samt", "til", "and", "or"})
_SENTENCE_END = re.compile(r"[.!?:…][\"”»)]*$")


@dataclass(frozen=True)
class Line:
    text: str
    size: float  # effective font size in points; 0 when unknown
    y: float | None  # baseline height on the page; None when unknown
    bold: bool
    page: int


def lines_to_sections(lines: Sequence[Line]) -> tuple[str, list[Section]]:
    """``(title from a leading top-level heading or "", sections)``."""
    lines = [ln for ln in lines if ln.text.strip() and not _PAGE_NUMBER.fullmatch(ln.text.strip())]
    levels = _heading_levels(lines)
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    paragraphs: list[str] = []
    current: list[str] = []
    gap = _typical_gap(lines, levels)
    full_width = {ln.page: 0 for ln in lines}
    for line, level in zip(lines, levels, strict=True):
        if not level:
            full_width[line.page] = max(full_width[line.page], len(line.text.strip()))

    def end_paragraph() -> None:
        if current:
            paragraphs.append(_join_lines(current))
            current.clear()

    def end_section() -> None:
        end_paragraph()
        if paragraphs:
            sections.append(Section(tuple(h for _, h in stack), "\n\n".join(paragraphs)))
            paragraphs.clear()

    previous: Line | None = None
    for index, line in enumerate(lines):
        level = levels[index]
        text = " ".join(line.text.split())
        if level:
            if previous is not None and levels[index - 1] == level and stack and _wraps(previous, line):
                # A heading wrapped over two lines: a line right under one of the same level.
                stack[-1] = (level, f"{stack[-1][1]} {text}")
            else:
                end_section()
                while stack and stack[-1][0] >= level:
                    stack.pop()
                stack.append((level, text))
        else:
            if previous is not None and _starts_paragraph(previous, line, gap, full_width[line.page]):
                end_paragraph()
            current.append(text)
        previous = line
    end_section()
    return _leading_title(lines, levels), sections


def _wraps(previous: Line, line: Line) -> bool:
    if previous.page != line.page:
        return False
    if previous.y is None or line.y is None or line.size <= 0:
        return True
    return 0 < previous.y - line.y <= line.size * WRAPPED_LINE_SPACING


def _leading_title(lines: Sequence[Line], levels: Sequence[int]) -> str:
    """The text of a top-level heading that opens the document (perhaps wrapped over lines), or ""."""
    words: list[str] = []
    for index, (line, level) in enumerate(zip(lines, levels, strict=True)):
        if level != 1 or (index and not _wraps(lines[index - 1], line)):
            break
        words.append(" ".join(line.text.split()))
    return " ".join(words)


def _heading_levels(lines: Sequence[Line]) -> list[int]:
    weights: Counter[float] = Counter()
    for line in lines:
        weights[round(line.size * 2) / 2] += len(line.text)
    if not weights:
        return []
    body = weights.most_common(1)[0][0]
    if body <= 0:
        return [0] * len(lines)
    heading = [_is_heading(ln, body) for ln in lines]
    sizes = sorted({round(ln.size * 2) / 2 for ln, yes in zip(lines, heading, strict=True) if yes},
                   reverse=True)
    rank = {size: min(n + 1, MAX_LEVELS) for n, size in enumerate(sizes)}
    return [rank[round(ln.size * 2) / 2] if yes else 0 for ln, yes in zip(lines, heading, strict=True)]


def _is_heading(line: Line, body: float) -> bool:
    if not _short(line):
        return False
    if line.size >= body * HEADING_SCALE:
        return True
    return line.bold and line.size >= body - 0.25 and not _SENTENCE_END.search(line.text.strip())


def _short(line: Line) -> bool:
    text = line.text.strip()
    return (len(text) <= MAX_HEADING_CHARS and len(text.split()) <= MAX_HEADING_WORDS
            and any(c.isalpha() for c in text) and not text.endswith((",", ";")))


def _typical_gap(lines: Sequence[Line], levels: Sequence[int]) -> float | None:
    gaps = []
    for (a, la), (b, lb) in zip(zip(lines, levels, strict=True), zip(lines[1:], levels[1:], strict=True),
                                strict=False):
        if not la and not lb and a.page == b.page and a.y is not None and b.y is not None and a.y > b.y:
            gaps.append(a.y - b.y)
    if not gaps:
        return None
    gaps.sort()
    return gaps[len(gaps) // 2]


def _starts_paragraph(previous: Line, line: Line, gap: float | None, full_width: int) -> bool:
    ends_sentence = bool(_SENTENCE_END.search(previous.text.strip()))
    if previous.page != line.page:
        return ends_sentence
    if (gap is not None and previous.y is not None and line.y is not None
            and (previous.y - line.y > gap * PARAGRAPH_GAP or previous.y < line.y)):
        return True
    # The last line of a paragraph is usually short; lines inside one run to the margin.
    return ends_sentence and len(previous.text.strip()) < SHORT_LINE * full_width


def _join_lines(lines: Sequence[str]) -> str:
    out = lines[0]
    for line in lines[1:]:
        first_word = line.split(" ", 1)[0]
        if (_HYPHENATED.search(out) and first_word[:1].islower()
                and first_word.lower() not in _KEEP_HYPHEN_BEFORE):
            out = out[:-1] + line
        else:
            out = f"{out} {line}"
    return out
