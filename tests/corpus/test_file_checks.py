"""What every loader shares: which files are claimed, and the checks made before any parsing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sendemast.corpus.loaders import load_file, supports
from sendemast.errors import CorpusError
from tests.corpus.builders import DANISH, load

MB = 2**20


@pytest.mark.parametrize(("name", "kind", "expected"), [
    ("a.md", "values", True), ("a.MARKDOWN", "values", True), ("a.txt", "values", True),
    ("a.html", "values", True), ("a.htm", "values", True), ("a.pdf", "values", True),
    ("a.docx", "values", True), ("a.doc", "values", False), ("a.jsonl", "values", False),
    ("Shares.csv", "values", False), ("a.md", "posts", True), ("posts.jsonl", "posts", True),
    ("Shares.csv", "posts", True), ("linkedin.csv", "posts", True), ("tweets.js", "posts", True),
    ("tweet.js", "posts", True), ("tweets-part2.js", "posts", True), ("app.js", "posts", False),
    ("a.pdf", "posts", False), ("a.txt", "posts", False), ("noext", "posts", False),
])
def test_supports_by_name_and_kind(name: str, kind: str, expected: bool) -> None:
    assert supports(Path("corpus") / name, kind) is expected  # type: ignore[arg-type]


def failure(tmp_path: Path, name: str, content: str | bytes, kind: str = "values", **options: int) -> str:
    with pytest.raises(CorpusError) as caught:
        load(tmp_path, name, content, kind, **options)  # type: ignore[arg-type]
    assert caught.value.path == name
    return caught.value.message


def test_size_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    with path.open("wb") as handle:
        handle.truncate(int(31.2 * MB))  # sparse: nothing is written, nothing should be read
    with pytest.raises(CorpusError, match=r"^file is 31.2 MB, over the 20 MB limit$"):
        load_file(path, "big.md", "values")


def test_a_custom_size_limit(tmp_path: Path) -> None:
    size = len(DANISH.encode())
    expected = f"file is {size} bytes, over the 100 bytes limit"
    assert failure(tmp_path, "a.md", DANISH, max_bytes=100) == expected
    assert failure(tmp_path, "a.md", "x" * 5000, max_bytes=2048) == "file is 4.9 KB, over the 2 KB limit"


@pytest.mark.parametrize(("name", "kind"), [("a.md", "values"), ("a.txt", "values"), ("a.html", "values"),
                                            ("a.md", "posts"), ("a.jsonl", "posts"), ("Shares.csv", "posts"),
                                            ("tweets.js", "posts")])
def test_text_formats_share_the_basic_checks(tmp_path: Path, name: str, kind: str) -> None:
    assert failure(tmp_path, name, b"", kind) == "empty file"
    assert failure(tmp_path, name, b" \n\t\r\n", kind) == "empty file (only whitespace)"
    assert failure(tmp_path, name, b"GIF89a\x00\x01\x02", kind) == "binary data, not text"
    assert failure(tmp_path, name, "Søren".encode("latin-1") + b" skriver", kind) == (
        "not UTF-8 text (invalid byte 0xf8 at offset 1)")
    assert failure(tmp_path, name, "Søren".encode("utf-16"), kind) == (
        "UTF-16 text, not UTF-8 (save the file as UTF-8)")


@pytest.mark.parametrize("name", ["a.pdf", "a.docx"])
def test_binary_formats_refuse_empty_files(tmp_path: Path, name: str) -> None:
    assert failure(tmp_path, name, b"") == "empty file"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match=r"^file not found$"):
        load_file(tmp_path / "gone.md", "gone.md", "values")


def test_directory_and_fifo_are_not_regular_files(tmp_path: Path) -> None:
    (tmp_path / "dir.md").mkdir()
    with pytest.raises(CorpusError, match=r"^not a regular file$"):
        load_file(tmp_path / "dir.md", "dir.md", "values")
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    # Opening a FIFO for reading would block forever without a writer; the loader must not.
    with pytest.raises(CorpusError, match=r"^not a regular file$"):
        load_file(fifo, "pipe.md", "values")


def test_unsupported_file(tmp_path: Path) -> None:
    assert failure(tmp_path, "a.exe", b"MZ") == "not a values file sendemast can read (.exe)"


def test_bom_and_windows_newlines_are_fine(tmp_path: Path) -> None:
    content = ("\ufeff---\r\ndate: 2025-01-01\r\n---\r\n" + DANISH + "\r\n").encode()
    [doc] = load(tmp_path, "p.md", content, "posts")
    assert doc.metadata["date"] == "2025-01-01" and "\r" not in doc.text


def test_control_characters_and_lone_surrogates_are_cleaned(tmp_path: Path) -> None:
    content = '{"id": "a\\u0000b", "text": "Hej \\ud800 med\\u0007 dig"}\n'
    [doc] = load(tmp_path, "p.jsonl", content, "posts")
    assert doc.text == "Hej ? med dig"
    assert doc.id == "posts:p.jsonl#ab"
    doc.text.encode("utf-8")  # storable


def test_importing_the_loaders_stays_cheap() -> None:
    code = ("import sys, sendemast.corpus.loaders; "
            "print(sorted(m for m in ('pypdf', 'docx', 'bs4', 'lxml', 'fpdf') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
