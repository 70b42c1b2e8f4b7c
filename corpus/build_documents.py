"""Build the PDF and DOCX values documents of the example workspace from their Markdown sources.

The example workspace must show that ``sendemast ingest`` reads PDF and DOCX as well as Markdown, so two of
its values documents are shipped in those formats. Their text lives in ``corpus/sources/*.md``; this script
turns them into:

- ``corpus/example-workspace/values/arbejdsmiljoepolitik.pdf`` (fpdf2, DejaVu Sans so æ, ø and å are real,
  extractable text; headings become PDF outline entries)
- ``corpus/example-workspace/values/digitaliseringsstrategi.docx`` (python-docx, headings in the real
  "Heading 1/2/3" styles, lists in "List Bullet"/"List Number")

Rerun it from the repository root after editing a source:

    .venv/bin/python corpus/build_documents.py

The output is deterministic: fixed creation dates in the metadata and fixed timestamps inside the DOCX zip,
so rebuilding unchanged sources gives byte-identical files. Only a small Markdown subset is understood:
``#``/``##``/``###`` headings, paragraphs, ``- `` bullets, ``1. `` numbered items, ``**bold**`` and
``*italic*`` (the emphasis markers are dropped in the PDF, kept as runs in the DOCX).
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
VALUES = HERE / "example-workspace" / "values"

FIXED_DATE = datetime(2025, 4, 8, 9, 0, 0, tzinfo=timezone.utc)
AUTHOR = "Fjordmark Kommune (fiktiv)"

FONT_CANDIDATES = [
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
]


@dataclass
class Block:
    kind: str  # "h1" | "h2" | "h3" | "p" | "bullet" | "number"
    text: str


def parse_markdown(text: str) -> list[Block]:
    """Split the Markdown subset into blocks; consecutive plain lines form one paragraph."""
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block("p", " ".join(paragraph)))
            paragraph.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        heading = re.match(r"^(#{1,3})\s+(.*)$", line)
        if heading:
            flush()
            blocks.append(Block(f"h{len(heading.group(1))}", heading.group(2)))
        elif line.startswith("- "):
            flush()
            blocks.append(Block("bullet", line[2:]))
        elif re.match(r"^\d+\.\s", line):
            flush()
            blocks.append(Block("number", re.sub(r"^\d+\.\s+", "", line)))
        else:
            paragraph.append(line)
    flush()
    return blocks


def plain(text: str) -> str:
    """Drop Markdown emphasis markers."""
    return re.sub(r"\*{1,2}([^*]+)\*{1,2}", r"\1", text)


def runs(text: str) -> list[tuple[str, bool, bool]]:
    """Split text into (text, bold, italic) runs."""
    parts: list[tuple[str, bool, bool]] = []
    for token in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not token:
            continue
        if token.startswith("**"):
            parts.append((token[2:-2], True, False))
        elif token.startswith("*") and token.endswith("*") and len(token) > 1:
            parts.append((token[1:-1], False, True))
        else:
            parts.append((token, False, False))
    return parts


def find_font(name: str) -> Path:
    for folder in FONT_CANDIDATES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    sys.exit(f"font {name} not found; install it with: apt-get install -y fonts-dejavu-core")


def build_pdf(source: Path, target: Path) -> None:
    from fpdf import FPDF

    blocks = parse_markdown(source.read_text(encoding="utf-8"))
    title = plain(next(b.text for b in blocks if b.kind == "h1"))

    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(title)
    pdf.set_author(AUTHOR)
    pdf.set_subject("Fiktivt eksempeldokument til sendemast")
    pdf.set_lang("da-DK")
    pdf.add_font("DejaVu", "", str(find_font("DejaVuSans.ttf")))
    pdf.add_font("DejaVu", "B", str(find_font("DejaVuSans-Bold.ttf")))
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()

    sizes = {"h1": 18, "h2": 14, "h3": 12}
    number = 0
    for block in blocks:
        text = plain(block.text)
        if block.kind in sizes:
            number = 0
            level = int(block.kind[1]) - 1
            pdf.ln(3 if level else 0)
            pdf.start_section(text, level=level)
            pdf.set_font("DejaVu", "B", sizes[block.kind])
            pdf.multi_cell(0, sizes[block.kind] * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
            pdf.ln(2)
        elif block.kind in ("bullet", "number"):
            if block.kind == "number":
                number += 1
            marker = "•" if block.kind == "bullet" else f"{number}."
            pdf.set_font("DejaVu", "", 10.5)
            pdf.set_x(pdf.l_margin + 4)
            pdf.cell(7, 5.5, marker)
            pdf.multi_cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
            pdf.ln(1)
        else:
            number = 0
            pdf.set_font("DejaVu", "", 10.5)
            pdf.multi_cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
            pdf.ln(2.5)

    target.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(target))


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a DOCX zip with fixed timestamps and order so the bytes are reproducible."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 4, 8, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def build_docx(source: Path, target: Path) -> None:
    from docx import Document

    blocks = parse_markdown(source.read_text(encoding="utf-8"))
    title = plain(next(b.text for b in blocks if b.kind == "h1"))

    doc = Document()
    props = doc.core_properties
    props.title = title
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.subject = "Fiktivt eksempeldokument til sendemast"
    props.language = "da-DK"
    naive = FIXED_DATE.replace(tzinfo=None)
    props.created = naive
    props.modified = naive
    props.last_printed = naive
    props.revision = 1

    styles = {"bullet": "List Bullet", "number": "List Number"}
    for block in blocks:
        if block.kind.startswith("h"):
            doc.add_heading(plain(block.text), level=int(block.kind[1]))
            continue
        paragraph = doc.add_paragraph(style=styles.get(block.kind))
        for text, bold, italic in runs(block.text):
            run = paragraph.add_run(text)
            run.bold = bold or None
            run.italic = italic or None

    buffer = io.BytesIO()
    doc.save(buffer)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(_normalise_zip(buffer.getvalue()))


def main() -> None:
    build_pdf(SOURCES / "arbejdsmiljoepolitik.md", VALUES / "arbejdsmiljoepolitik.pdf")
    build_docx(SOURCES / "digitaliseringsstrategi.md", VALUES / "digitaliseringsstrategi.docx")
    for name in ("arbejdsmiljoepolitik.pdf", "digitaliseringsstrategi.docx"):
        path = VALUES / name
        print(f"wrote {path.relative_to(HERE.parent)} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
