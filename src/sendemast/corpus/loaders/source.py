"""Read one corpus file safely: size limit before reading, regular files only, text checks on demand."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from sendemast.corpus.documents import Kind
from sendemast.corpus.loaders.fields import clean_text
from sendemast.errors import CorpusError

MB = 2**20
BINARY_SNIFF_BYTES = 8192


@dataclass(frozen=True)
class ChunkOptions:
    chunk_tokens: int = 300
    chunk_overlap: int = 40


@dataclass(frozen=True)
class SourceFile:
    """A corpus file's bytes and where it came from; loaders get this rather than a path."""

    path: Path
    rel: str
    kind: Kind
    data: bytes
    options: ChunkOptions = ChunkOptions()

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def stem(self) -> str:
        return self.path.stem

    def fail(self, reason: str) -> CorpusError:
        """A :class:`CorpusError` for this file with ``reason`` squeezed onto one line."""
        return corpus_error(reason, self.rel)

    def text(self) -> str:
        """The file as UTF-8 text (BOM and control characters dropped, newlines normalised), refusing binary
        data and empty files."""
        data = self.data
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise self.fail("UTF-16 text, not UTF-8 (save the file as UTF-8)")
        if b"\x00" in data[:BINARY_SNIFF_BYTES]:
            raise self.fail("binary data, not text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            bad = data[exc.start]
            raise self.fail(f"not UTF-8 text (invalid byte 0x{bad:02x} at offset {exc.start})") from None
        if not text.strip():
            raise self.fail("empty file (only whitespace)")
        text = clean_text(text.replace("\r\n", "\n").replace("\r", "\n"))
        if not text.strip():
            raise self.fail("no text, only control characters")
        return text


def read_source(path: Path, rel: str, kind: Kind, *, max_bytes: int, options: ChunkOptions) -> SourceFile:
    """Read ``path`` if it is a regular, non-empty file of at most ``max_bytes``."""
    try:
        # O_NONBLOCK: opening a FIFO must not hang; fstat on the open descriptor then refuses it, with no
        # window between checking and reading.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise corpus_error("file not found", rel) from None
    except OSError as exc:
        raise corpus_error(f"cannot open file: {exc.strerror or exc}", rel) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise corpus_error("not a regular file", rel)
        if info.st_size > max_bytes:
            raise corpus_error(_too_big(info.st_size, max_bytes), rel)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)  # +1: a file that grew since fstat is still caught
    except OSError as exc:
        raise corpus_error(f"cannot read file: {exc.strerror or exc}", rel) from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise corpus_error(_too_big(len(data), max_bytes), rel)
    if not data:
        raise corpus_error("empty file", rel)
    return SourceFile(path=path, rel=rel, kind=kind, data=data, options=options)


def _too_big(size: int, max_bytes: int) -> str:
    return f"file is {_human(size, '.1f')}, over the {_human(max_bytes, '.3g')} limit"


def _human(size: int, spec: str) -> str:
    """31.2 MB, 20 MB, 12.5 KB or 100 bytes: limits below a megabyte happen in tests and tight settings."""
    if size >= MB:
        return f"{size / MB:{spec}} MB"
    if size >= 1024:
        return f"{size / 1024:{spec}} KB"
    return f"{size} bytes"


def corpus_error(reason: str, rel: str) -> CorpusError:
    one_line = " ".join(str(reason).split())
    if len(one_line) > 300:
        one_line = one_line[:299] + "…"
    return CorpusError(one_line, path=rel)
