"""Which loader reads which file: one table, matched by file name and corpus kind.

Format modules import their parsers (pypdf, python-docx, BeautifulSoup) inside their functions, so
importing this table is cheap.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from sendemast.corpus.documents import Document, Kind
from sendemast.corpus.loaders.html_page import load_html
from sendemast.corpus.loaders.json_lines import load_json_lines
from sendemast.corpus.loaders.linkedin_shares import load_linkedin_shares
from sendemast.corpus.loaders.markdown_text import load_markdown, load_text
from sendemast.corpus.loaders.pdf_document import load_pdf
from sendemast.corpus.loaders.posts_markdown import load_post_markdown
from sendemast.corpus.loaders.source import SourceFile
from sendemast.corpus.loaders.word_document import load_docx
from sendemast.corpus.loaders.x_archive import load_x_archive


@dataclass(frozen=True)
class Loader:
    """A format: its name, the corpus kind it serves, the file names it claims, and its reader."""

    name: str
    kind: Kind
    claims: Callable[[str], bool]  # called with the lower-cased file name
    load: Callable[[SourceFile], list[Document]]


def _suffixes(*suffixes: str) -> Callable[[str], bool]:
    return lambda name: name.endswith(suffixes)


def _pattern(regex: str) -> Callable[[str], bool]:
    compiled = re.compile(regex)
    return lambda name: compiled.fullmatch(name) is not None


LOADERS: tuple[Loader, ...] = (
    Loader("markdown", "values", _suffixes(".md", ".markdown"), load_markdown),
    Loader("text", "values", _suffixes(".txt"), load_text),
    Loader("html", "values", _suffixes(".html", ".htm"), load_html),
    Loader("pdf", "values", _suffixes(".pdf"), load_pdf),
    Loader("docx", "values", _suffixes(".docx"), load_docx),
    Loader("post-markdown", "posts", _suffixes(".md", ".markdown"), load_post_markdown),
    Loader("json-lines", "posts", _suffixes(".jsonl"), load_json_lines),
    # Any CSV: whether it really is a Shares.csv shows in its header, and the loader says so if not.
    Loader("linkedin-shares", "posts", _suffixes(".csv"), load_linkedin_shares),
    Loader("x-archive", "posts", _pattern(r"tweets?(?:-part\d+)?\.js"), load_x_archive),
)


def find_loader(file_name: str, kind: Kind) -> Loader | None:
    """The loader for a file of this name in this part of the corpus, or None."""
    name = file_name.lower()
    return next((loader for loader in LOADERS if loader.kind == kind and loader.claims(name)), None)
