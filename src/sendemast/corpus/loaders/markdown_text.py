"""Values documents in Markdown and plain text, split into sections along their headings.

ATX (``## Heading``) and setext (a line underlined with ``===`` or ``---``) headings count; ``#hashtag``
does not (CommonMark wants a space after the hashes), and nothing inside fenced code blocks does. Plain
text goes through the same parser: a ``.txt`` file with Markdown-style headings gets sections, one
without gets a single section.
"""

from __future__ import annotations

import re

from sendemast.corpus.documents import Document, Section
from sendemast.corpus.loaders.fields import FieldError, iso_date, plain_string
from sendemast.corpus.loaders.frontmatter import FrontMatterError, split_front_matter
from sendemast.corpus.loaders.source import SourceFile
from sendemast.corpus.loaders.values import values_documents

_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_NOT_A_PARAGRAPH = re.compile(r" {0,3}(?:[-*+>|]|\d+[.)])(?:\s|$)")
# No brackets or parentheses inside, and bounded repeats: a line of ten thousand "[" or "[a](" stays linear.
# A URL with parentheses in it is left as written, which is harmless.
_IMAGE = re.compile(r"!\[([^\[\]\n]{0,500})\]\([^()\[\]\s]{0,2000}\)")
_LINK = re.compile(r"\[([^\[\]\n]{1,500})\]\([^()\[\]\s]{0,2000}\)")


def load_markdown(src: SourceFile) -> list[Document]:
    """A values Markdown file: front matter (``title``, ``date``, ``url``) stripped, then sections."""
    try:
        fields, body = split_front_matter(src.text())
        date = iso_date(fields.get("date"))
        url = plain_string(fields.get("url"), "url")
        declared_title = plain_string(fields.get("title"), "title")
    except (FrontMatterError, FieldError) as exc:
        raise src.fail(str(exc)) from None
    h1, sections = parse_sections(body)
    return values_documents(src, declared_title or h1 or src.stem, sections, date=date, url=url)


def load_text(src: SourceFile) -> list[Document]:
    """A plain-text values file; Markdown-style headings in it still give sections."""
    h1, sections = parse_sections(src.text())
    return values_documents(src, h1 or src.stem, sections)


def parse_sections(text: str) -> tuple[str, list[Section]]:
    """``(first level-1 heading or "", sections)`` of a Markdown text."""
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    lines: list[str] = []
    title = ""
    fence = ""

    def close_section() -> None:
        if not lines:
            return
        body = _inline_cleanup("\n".join(lines)).strip()
        if body:
            sections.append(Section(tuple(h for _, h in stack), body))
        lines.clear()

    def open_heading(level: int, heading: str) -> None:
        nonlocal title
        close_section()
        heading = _inline_cleanup(heading).strip()
        if level == 1 and not title:
            title = heading
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, heading))

    for line in text.split("\n"):
        if fence:
            lines.append(line)
            if line.strip().startswith(fence):
                fence = ""
            continue
        if match := _FENCE.match(line):
            fence = match.group(1)
            lines.append(line)
            continue
        if match := _ATX.match(line):
            open_heading(len(match.group(1)), match.group(2) or "")
            continue
        if (match := _SETEXT_UNDERLINE.match(line)) and _is_setext_text(lines):
            heading = lines.pop()
            open_heading(1 if match.group(1)[0] == "=" else 2, heading)
            continue
        lines.append(line)
    close_section()
    return title, sections


def _is_setext_text(lines: list[str]) -> bool:
    """Whether the last line is a one-line paragraph that an underline turns into a heading."""
    if not lines or not lines[-1].strip() or _NOT_A_PARAGRAPH.match(lines[-1]):
        return False
    return len(lines) == 1 or not lines[-2].strip()


def _inline_cleanup(text: str) -> str:
    # Link targets and image URLs are noise for retrieval; the link text and alt text are the content.
    if "[" not in text and "<!--" not in text:
        return text
    text = _drop_comments(text)
    text = _IMAGE.sub(r"\1", text)
    return _LINK.sub(r"\1", text)


def _drop_comments(text: str) -> str:
    # A loop with str.find rather than a regex: an unclosed "<!--" repeated many times would make a
    # lazy regex scan to the end of the text once per occurrence.
    out: list[str] = []
    start = 0
    while (opening := text.find("<!--", start)) != -1:
        closing = text.find("-->", opening + 4)
        if closing == -1:
            break
        out.append(text[start:opening])
        start = closing + 3
    out.append(text[start:])
    return "".join(out)
