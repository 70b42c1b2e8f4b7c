"""Values documents as DOCX: paragraphs and tables in order; "Heading N" and "Title" styles give headings."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from sendemast.corpus.documents import Document, Section
from sendemast.corpus.loaders.source import MB, SourceFile
from sendemast.corpus.loaders.values import values_documents
from sendemast.errors import CorpusError

# A DOCX is a ZIP; refuse one that unpacks to far more than any real document (a "zip bomb").
MAX_UNPACKED_BYTES = 200 * MB
# Word stores built-in style names in English; Danish templates sometimes carry translated custom ones.
_HEADING_STYLE = re.compile(r"(?i)(?:heading|overskrift)\s*(\d)")
_TITLE_STYLE = re.compile(r"(?i)title|titel")
TITLE_LEVEL = 0  # above Heading 1, so that the document's title heads every path


def load_docx(src: SourceFile) -> list[Document]:
    """A ``.docx`` values document; the title is the core-properties title, else a Title paragraph."""
    _check_package(src)
    try:
        core_title, blocks = _read(src)
    except CorpusError:
        raise
    except RecursionError:
        raise src.fail("unreadable DOCX: XML nested too deeply") from None
    except Exception as exc:  # python-docx and lxml raise many exception types on damaged files
        raise src.fail(f"unreadable DOCX: {type(exc).__name__}: {exc}") from None
    title, sections = _sections(blocks)
    return values_documents(src, core_title or title or src.stem, sections,
                            empty_reason="DOCX document has no text")


def _check_package(src: SourceFile) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(src.data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise src.fail("not a DOCX file (not a ZIP archive)") from None
    except NotImplementedError as exc:  # zipfile: "zip file version 6.4", an unsupported compression
        raise src.fail(f"unreadable DOCX: {exc}") from None
    names = {entry.filename for entry in entries}
    if "word/document.xml" not in names:
        raise src.fail("not a DOCX file (no word/document.xml inside)")
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED_BYTES:
        raise src.fail(f"DOCX unpacks to {unpacked / MB:.0f} MB, over the {MAX_UNPACKED_BYTES / MB:g} MB "
                       "limit")


def _read(src: SourceFile) -> tuple[str, list[tuple[int | None, str]]]:
    """``(core title, blocks)``; a block is ``(heading level or None, text)``."""
    import docx

    document = docx.Document(io.BytesIO(src.data))
    core_title = " ".join((document.core_properties.title or "").split())
    blocks: list[tuple[int | None, str]] = []
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):
            blocks.append((None, _table_text(item)))
        else:
            blocks.append((_heading_level(item), item.text))
    return core_title, blocks


def _heading_level(paragraph: Any) -> int | None:
    name = paragraph.style.name if paragraph.style is not None else ""
    name = name or ""
    if match := _HEADING_STYLE.fullmatch(name.strip()):
        return max(1, int(match.group(1)))
    if _TITLE_STYLE.fullmatch(name.strip()):
        return TITLE_LEVEL
    return None


def _table_text(table: Any) -> str:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            # A merged cell appears once per grid column it spans; say it once.
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
    return "\n".join(rows)


def _sections(blocks: list[tuple[int | None, str]]) -> tuple[str, list[Section]]:
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    paragraphs: list[str] = []
    title = ""

    def close_section() -> None:
        if paragraphs:
            sections.append(Section(tuple(h for _, h in stack), "\n\n".join(paragraphs)))
            paragraphs.clear()

    for level, text in blocks:
        text = text.strip()
        if not text:
            continue
        if level is None:
            paragraphs.append(text)
            continue
        heading = " ".join(text.split())
        close_section()
        if level == TITLE_LEVEL and not title:
            title = heading
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, heading))
    close_section()
    return title, sections
