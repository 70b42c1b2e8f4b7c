"""Every file of the shipped example workspace loads, quickly, into plausible documents."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest

from sendemast.corpus.chunking import estimate_tokens
from sendemast.corpus.documents import Document
from sendemast.corpus.loaders import load_file, supports

EXAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "example-workspace"
KINDS = ("values", "posts")
Loaded = tuple[dict[str, list[Document]], float]  # documents by kind, seconds it took


def corpus_files() -> list[tuple[str, Path]]:
    files = []
    for kind in KINDS:
        for path in sorted((EXAMPLE / kind).rglob("*")) if (EXAMPLE / kind).is_dir() else []:
            if path.is_file() and not path.name.startswith("."):
                files.append((kind, path))
    return files


pytestmark = pytest.mark.skipif(not corpus_files(), reason="the example workspace has no corpus files yet")


@pytest.fixture(scope="module")
def loaded() -> Loaded:
    start = time.perf_counter()
    documents: dict[str, list[Document]] = {kind: [] for kind in KINDS}
    for kind, path in corpus_files():
        assert supports(path, kind), f"{path} is in the example corpus but no loader claims it"
        documents[kind] += load_file(path, path.relative_to(EXAMPLE).as_posix(), kind)
    return documents, time.perf_counter() - start


def test_every_file_loads_fast(loaded: Loaded) -> None:
    _, seconds = loaded
    assert seconds < 2.0, f"loading the example corpus took {seconds:.2f} s"


def test_counts_and_ids_are_plausible(loaded: Loaded) -> None:
    documents, _ = loaded
    values, posts = documents["values"], documents["posts"]
    assert len({d.source for d in values}) >= 5
    assert len(values) >= 20, "values documents are chunked along their headings"
    assert len(posts) >= 40
    all_ids = [d.id for d in values + posts]
    assert len(set(all_ids)) == len(all_ids)


def test_every_format_is_exercised(loaded: Loaded) -> None:
    documents, _ = loaded
    suffixes = Counter(Path(d.source.split("#")[0]).suffix for d in documents["values"] + documents["posts"])
    for suffix in (".md", ".pdf", ".docx", ".csv", ".js", ".jsonl"):
        assert suffixes[suffix], f"no document from a {suffix} file"


def test_posts_carry_dates_channels_and_both_languages(loaded: Loaded) -> None:
    documents, _ = loaded
    posts = documents["posts"]
    assert all(len(d.metadata["date"]) == 10 for d in posts), "every example post is dated"
    assert {d.metadata["channel"] for d in posts} == {"linkedin", "x"}
    languages = Counter(d.metadata["language"] for d in posts)
    assert languages["da"] > languages["en"] > 0


def test_values_chunks_have_heading_paths_and_bounded_size(loaded: Loaded) -> None:
    documents, _ = loaded
    values = documents["values"]
    assert sum(1 for d in values if d.metadata["title_path"]) > len(values) / 2
    assert all(estimate_tokens(d.text) <= 1.5 * 300 for d in values)
    for doc in values:
        assert doc.metadata["title"] == doc.title
        assert doc.title.endswith(doc.metadata["title_path"])
