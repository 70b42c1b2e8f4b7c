"""Read corpus files into :class:`~sendemast.corpus.documents.Document` objects.

Two calls: :func:`supports` says whether a file belongs to a format (by its name), :func:`load_file`
reads it. Whatever is wrong with a file, :func:`load_file` raises :class:`~sendemast.errors.CorpusError`
with a one-line reason and the file's workspace-relative path, and nothing else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sendemast.corpus.documents import Document, Kind
from sendemast.corpus.loaders.fields import METADATA_TYPES, clean_text
from sendemast.corpus.loaders.registry import LOADERS, Loader, find_loader
from sendemast.corpus.loaders.source import ChunkOptions, corpus_error, read_source
from sendemast.errors import CorpusError

__all__ = ["LOADERS", "Loader", "load_file", "supports"]

DEFAULT_MAX_BYTES = 20 * 2**20
REQUIRED_METADATA = ("kind", "source", "title", "date", "channel", "language", "url")


def supports(path: Path, kind: Kind) -> bool:
    """Whether a file of this name is a format of the ``values`` or ``posts`` corpus."""
    return find_loader(path.name, kind) is not None


def load_file(path: Path, rel: str, kind: Kind, *, chunk_tokens: int = 300, chunk_overlap: int = 40,
              max_bytes: int = DEFAULT_MAX_BYTES) -> list[Document]:
    """The documents in one corpus file: chunks of a values document, or posts.

    ``rel`` is the workspace-relative POSIX path, used as the documents' ``source``. Raises only
    :class:`CorpusError`.
    """
    loader = find_loader(path.name, kind)
    if loader is None:
        raise corpus_error(f"not a {kind} file sendemast can read ({path.suffix or path.name})", rel)
    try:
        src = read_source(path, rel, kind, max_bytes=max_bytes,
                          options=ChunkOptions(chunk_tokens=chunk_tokens, chunk_overlap=chunk_overlap))
        documents = loader.load(src)
    except CorpusError as exc:
        raise corpus_error(exc.message, rel) from None
    except RecursionError:
        raise corpus_error("structure nested too deeply to read", rel) from None
    except MemoryError:
        raise corpus_error("file too large to read into memory", rel) from None
    except Exception as exc:
        # Last line of defence: a bug in a loader must not become a traceback in `sendemast ingest`.
        # Tests fuzz every loader and fail on this message, so such bugs do not hide here.
        raise corpus_error(f"internal error in the {loader.name} loader: {type(exc).__name__}: {exc}",
                           rel) from None
    return [_checked(document, rel) for document in documents]


def _checked(document: Document, rel: str) -> Document:
    """The document with clean text and metadata Chroma accepts (str/int/float/bool, no None)."""
    metadata: dict[str, Any] = {}
    for key, value in document.metadata.items():
        if isinstance(value, str):
            metadata[key] = clean_text(value)
        elif isinstance(value, METADATA_TYPES):
            metadata[key] = value
        else:
            raise corpus_error(f"internal error: metadata {key!r} is {type(value).__name__}", rel)
    missing = [key for key in REQUIRED_METADATA if key not in metadata]
    if missing:
        raise corpus_error(f"internal error: metadata lacks {', '.join(missing)}", rel)
    return Document(id=clean_text(document.id), kind=document.kind, source=clean_text(document.source),
                    title=clean_text(document.title), text=clean_text(document.text), metadata=metadata)
