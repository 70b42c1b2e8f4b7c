"""Values documents saved as HTML: visible text by section, headings h1–h6 as the heading path.

The tree is walked once, iteratively and without changing it: bs4's ``insert_after`` costs time in
proportion to the subtree, which made a page of 100,000 nested ``<div>`` take minutes; this walk is linear
and cannot overflow the stack.
"""

from __future__ import annotations

import warnings
from typing import Any

from sendemast.corpus.documents import Document, Section
from sendemast.corpus.loaders.source import SourceFile
from sendemast.corpus.loaders.values import values_documents

# Never content: code, styling, navigation and page furniture. <head> is not listed: pages often leave it
# unclosed, and html.parser would then put the whole body inside it. <title> is read on its own.
_DROP = frozenset({"script", "style", "nav", "noscript", "template", "svg", "iframe", "title", "form",
                   "button", "select", "textarea", "object"})
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = frozenset({"p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote",
                     "pre", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tr",
                     "figure", "figcaption", "address", "details", "summary", "hr", "br", "body", "html",
                     "head"})
_BREAK = object()  # pushed after a block's children: the block ends there


def load_html(src: SourceFile) -> list[Document]:
    """An ``.html``/``.htm`` values document; the title is the first h1, else ``<title>``, else the name."""
    from bs4 import BeautifulSoup

    with warnings.catch_warnings():
        # bs4 warns when a page "looks like a file name" or like XML; the text is what it is either way.
        warnings.simplefilter("ignore")
        # html.parser ships with Python: the same tree everywhere, whether or not lxml is installed.
        soup = BeautifulSoup(src.text(), "html.parser")
    title_tag = soup.find("title")
    page_title = " ".join(title_tag.get_text(" ").split()) if title_tag is not None else ""
    first_h1, sections = _sections(soup)
    return values_documents(src, first_h1 or page_title or src.stem, sections,
                            empty_reason="HTML page has no visible text")


def _sections(soup: Any) -> tuple[str, list[Section]]:
    from bs4 import NavigableString, Tag
    from bs4.element import PreformattedString

    sections: list[Section] = []
    headings: list[tuple[int, str]] = []
    paragraphs: list[str] = []
    words: list[str] = []
    first_h1 = ""

    def end_paragraph() -> None:
        paragraph = " ".join(" ".join(words).split())
        if paragraph:
            paragraphs.append(paragraph)
        words.clear()

    def end_section() -> None:
        end_paragraph()
        if paragraphs:
            sections.append(Section(tuple(h for _, h in headings), "\n\n".join(paragraphs)))
            paragraphs.clear()

    stack: list[Any] = [soup]
    while stack:
        node = stack.pop()
        if node is _BREAK:
            end_paragraph()
        elif isinstance(node, PreformattedString):  # comments, doctype, processing instructions
            continue
        elif isinstance(node, NavigableString):
            words.append(str(node))
        elif isinstance(node, Tag) and node.name not in _DROP:
            if node.name in _HEADINGS:
                level, text = _HEADINGS[node.name], " ".join(node.get_text(" ").split())
                if not text:
                    continue
                end_section()
                first_h1 = first_h1 or (text if level == 1 else "")
                while headings and headings[-1][0] >= level:
                    headings.pop()
                headings.append((level, text))
                continue
            if node.name in _BLOCKS:
                end_paragraph()
                stack.append(_BREAK)
            stack.extend(reversed(node.contents))
    end_section()
    return first_h1, sections
