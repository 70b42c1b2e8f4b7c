"""Values documents as PDF: text per page with pypdf, headings recovered by :mod:`.pdf_layout`."""

from __future__ import annotations

import io
import logging
import math
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sendemast.corpus.documents import Document
from sendemast.corpus.loaders.pdf_layout import Line, lines_to_sections
from sendemast.corpus.loaders.source import SourceFile
from sendemast.corpus.loaders.values import values_documents
from sendemast.errors import CorpusError

# Titles that PDF writers fill in on their own and that say nothing about the document.
_USELESS_TITLE = re.compile(r"(?i)^(untitled|microsoft word - .*|.*\.(docx?|pdf|odt|pages))$")
_BOLD_FONT = re.compile(r"(?i)bold|black|heavy|semibold|demi")


def load_pdf(src: SourceFile) -> list[Document]:
    """A ``.pdf`` values document. Damaged, encrypted and image-only PDFs raise :class:`CorpusError`."""
    if b"%PDF-" not in src.data[:1024]:
        raise src.fail("not a PDF file (no %PDF header)")
    try:
        with _quiet_pypdf():
            metadata_title, lines = _read(src)
    except CorpusError:
        raise
    except RecursionError:
        raise src.fail("unreadable PDF: objects nested too deeply") from None
    except Exception as exc:  # pypdf raises a dozen exception types on damaged files
        raise src.fail(f"unreadable PDF: {_describe(exc)}") from None
    if not any(line.text.strip() for line in lines):
        raise src.fail("PDF has no extractable text (scanned?)")
    leading_title, sections = lines_to_sections(lines)
    return values_documents(src, metadata_title or leading_title or src.stem, sections,
                            empty_reason="PDF has no extractable text (scanned?)")


def _read(src: SourceFile) -> tuple[str, list[Line]]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(src.data))
    if reader.is_encrypted:
        try:
            opened = bool(reader.decrypt(""))
        except Exception:  # e.g. a missing AES backend; either way we cannot read it
            opened = False
        if not opened:
            raise src.fail("PDF is encrypted")
    lines: list[Line] = []
    for number, page in enumerate(reader.pages):
        lines.extend(_page_lines(page, number))
    return _metadata_title(reader), lines


def _page_lines(page: Any, number: int) -> list[Line]:
    parts: list[tuple[str, float, float | None, bool]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, font_size: Any) -> None:
        if text:
            parts.append((text, *_geometry(cm, tm, font_size), _is_bold(font)))

    page.extract_text(visitor_text=visit)
    lines: list[Line] = []
    chars: list[str] = []
    size, y, bold, seen = 0.0, None, True, False

    def close_line() -> None:
        nonlocal size, y, bold, seen
        if "".join(chars).strip():
            lines.append(Line("".join(chars), size, y, bold and seen, number))
        chars.clear()
        size, y, bold, seen = 0.0, None, True, False

    for text, part_size, part_y, part_bold in parts:
        pieces = text.split("\n")
        for n, piece in enumerate(pieces):
            if n:
                close_line()
            if piece.strip():
                size = max(size, part_size)
                y = part_y if y is None else y
                bold, seen = bold and part_bold, True
            chars.append(piece)
    close_line()
    return lines


def _geometry(cm: Any, tm: Any, font_size: Any) -> tuple[float, float | None]:
    """Effective font size and baseline height; (0, None) when the matrices are odd."""
    try:
        size = float(font_size) * math.hypot(float(tm[2]), float(tm[3])) * math.hypot(float(cm[2]),
                                                                                       float(cm[3]))
        y = float(tm[5]) * float(cm[3]) + float(cm[5])
    except (TypeError, ValueError, IndexError, OverflowError):
        return 0.0, None
    if not (math.isfinite(size) and math.isfinite(y)):
        return 0.0, None
    return size, y


def _is_bold(font: Any) -> bool:
    try:
        return bool(_BOLD_FONT.search(str(font.get("/BaseFont", "")))) if font else False
    except Exception:  # a damaged font dictionary is simply not bold
        return False


def _metadata_title(reader: Any) -> str:
    try:
        title = reader.metadata.title if reader.metadata else None
    except Exception:  # a damaged info dictionary should not sink a readable PDF
        return ""
    title = " ".join(str(title or "").split())
    return "" if _USELESS_TITLE.match(title) else title


def _describe(exc: Exception) -> str:
    message = " ".join(str(exc).split())
    name = type(exc).__name__
    if not message:
        return name
    return message if name in ("PdfReadError", "PdfStreamError", "EmptyFileError") else f"{name}: {message}"


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Silence pypdf's warnings about damaged files: the one-line CorpusError is the report."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)
