"""Turn the sections of any values document into chunk documents; shared by every values format."""

from __future__ import annotations

from collections.abc import Sequence

from sendemast.corpus.chunking import chunk_sections
from sendemast.corpus.documents import Document, Section
from sendemast.corpus.loaders.fields import clean_text
from sendemast.corpus.loaders.source import SourceFile
from sendemast.lang import detect_language

PATH_SEPARATOR = " › "
HEADING_CHARS = 120


def values_documents(src: SourceFile, title: str, sections: Sequence[Section], *, date: str = "",
                     url: str = "", empty_reason: str = "document has no text") -> list[Document]:
    """One document per chunk: ids ``values:{rel}#{n}``, titles ``{title} › {heading path}``."""
    title = clean_heading(title) or src.stem
    # PDF and DOCX text has not been through SourceFile.text(); clean it before chunking so that no chunk
    # ends up empty once control characters are gone.
    sections = [Section(_below_title(s.title_path, title), clean_text(s.text)) for s in sections]
    chunks = chunk_sections(sections, src.options.chunk_tokens, src.options.chunk_overlap)
    if not chunks:
        raise src.fail(empty_reason)
    # Short chunks carry little signal; the language of the whole document is the better default.
    default = detect_language(" ".join(c.text for c in chunks[:20]))
    documents = []
    for n, chunk in enumerate(chunks):
        title_path = PATH_SEPARATOR.join(chunk.title_path)
        documents.append(Document(
            id=f"values:{src.rel}#{n}",
            kind="values",
            source=src.rel,
            title=PATH_SEPARATOR.join((title, *chunk.title_path)),
            text=chunk.text,
            metadata={
                "kind": "values", "source": src.rel,
                "title": PATH_SEPARATOR.join((title, *chunk.title_path)),
                "date": date, "channel": "", "url": url,
                "language": detect_language(chunk.text, default=default),
                "title_path": title_path, "chunk": n,
            },
        ))
    return documents


def clean_heading(text: str) -> str:
    """A heading on one line, without Markdown emphasis, cut to a readable length."""
    text = " ".join(clean_text(text).replace("**", "").replace("__", "").replace("`", "").split())
    return text if len(text) <= HEADING_CHARS else text[: HEADING_CHARS - 1] + "…"


def _below_title(path: tuple[str, ...], title: str) -> tuple[str, ...]:
    """The heading path without the document's own title heading, which ``title`` already names.

    A heading counts as the title when either begins with the other as whole words: a PDF titled
    "Arbejdsmiljøpolitik" whose first heading reads "Arbejdsmiljøpolitik for Fjordmark Kommune" names
    itself once, not twice; "Strategiens mål" under a document titled "Strategi" stays.
    """
    path = tuple(h for h in (clean_heading(h) for h in path) if h)
    if path and _same_name(path[0], title):
        return path[1:]
    return path


def _same_name(heading: str, title: str) -> bool:
    a, b = heading.casefold(), title.casefold()
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")
