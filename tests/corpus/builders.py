"""Build corpus files for tests: PDFs with fpdf2, DOCX with python-docx, and the text formats by hand.

Binary fixtures are generated into tmp_path rather than committed, so that what they contain is readable
right here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sendemast.corpus.documents import Document, Kind
from sendemast.corpus.loaders import load_file

LINKEDIN_HEADER = "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility"

DANISH = ("Vi skal tale med borgerne om det, der betyder noget for dem i hverdagen. Tillid er ikke noget, "
          "man får forærende; den bygges op i mødet mellem medarbejdere og borgere. Derfor vil vi være "
          "åbne om både det, der lykkes, og det, vi skal blive bedre til.")
ENGLISH = ("We are proud of the work our staff do every day, and we want citizens to know what we have "
           "learned this year. Trust is built when people can see how decisions are made.")


def load(tmp_path: Path, name: str, content: str | bytes, kind: Kind, **options: Any) -> list[Document]:
    """Write ``content`` to ``tmp_path/name`` and load it with ``rel`` = ``name``."""
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return load_file(path, name, kind, **options)


def pdf_bytes(blocks: Sequence[tuple[str, str]], *, title: str | None = None) -> bytes:
    """A PDF from ``(style, text)`` blocks; style is ``h1``/``h2``/``h3`` (bold, larger), ``b`` (bold at
    body size) or ``p``. Core fonts are Latin-1 only, so texts must be too."""
    from fpdf import FPDF

    sizes = {"h1": ("B", 20), "h2": ("B", 15), "h3": ("B", 12.5), "b": ("B", 11), "p": ("", 11)}
    pdf = FPDF()
    if title:
        pdf.set_title(title)
    pdf.add_page()
    for style, text in blocks:
        weight, size = sizes[style]
        pdf.set_font("Helvetica", weight, size)
        if style == "p":
            pdf.ln(3)
        pdf.multi_cell(0, size * 0.55, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def docx_bytes(blocks: Sequence[tuple[str, Any]], *, title: str | None = None) -> bytes:
    """A DOCX from ``(style, content)`` blocks: ``Title``, ``Heading N``, ``p`` (a paragraph), or ``table``
    with a list of rows."""
    import io

    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    for style, content in blocks:
        if style == "table":
            table = document.add_table(rows=len(content), cols=len(content[0]))
            for r, row in enumerate(content):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        elif style == "Title":
            document.add_heading(content, level=0)
        elif style.startswith("Heading"):
            document.add_heading(content, level=int(style.split()[1]))
        else:
            document.add_paragraph(content)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def tweets_js(tweets: Sequence[dict[str, Any]], variable: str = "tweets") -> str:
    items = [{"tweet": t} for t in tweets]
    return f"window.YTD.{variable}.part0 = {json.dumps(items, ensure_ascii=False, indent=2)}"


def tweet(tweet_id: str, text: str, created_at: str = "Wed Mar 05 07:41:12 +0000 2025",
          urls: Sequence[tuple[str, str]] = (), media: Sequence[str] = ()) -> dict[str, Any]:
    return {
        "id_str": tweet_id, "full_text": text, "created_at": created_at, "retweeted": False,
        "entities": {"urls": [{"url": u, "expanded_url": e, "display_url": e} for u, e in urls],
                     "media": [{"url": m} for m in media]},
    }


def long_markdown(sections: int = 3, paragraphs: int = 6) -> str:
    parts = ["# Strategi for Fjordmark", "", DANISH, ""]
    for n in range(1, sections + 1):
        parts += [f"## Indsats {n}", ""]
        for p in range(paragraphs):
            parts += [f"Afsnit {p + 1} i indsats {n}. {DANISH}", ""]
    return "\n".join(parts)
