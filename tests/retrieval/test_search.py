"""Search over the ingested example workspace: JSON shape, kinds, modes, and the style-example MMR."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sendemast.retrieval import open_retriever
from sendemast.workspace import load_workspace


@pytest.fixture(scope="module")
def retriever(ingested_example: Path):
    return open_retriever(load_workspace(ingested_example))


def test_kind_restricts_results(retriever) -> None:
    assert {h.kind for h in retriever.search("tillid og ordentlighed", kind="values", k=5)} == {"values"}
    assert {h.kind for h in retriever.search("tillid og ordentlighed", kind="posts", k=5)} == {"posts"}


def test_modes_all_answer_and_scores_are_ordered(retriever) -> None:
    for mode in ("hybrid", "dense", "lexical"):
        hits = retriever.search("krisekommunikation ved stormflod", k=5, mode=mode)
        assert hits, mode
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_lexical_side_finds_danish_inflections(retriever) -> None:
    hits = retriever.search("krisekommunikationen", kind="values", k=3, mode="lexical")
    assert any("krisekommunikation" in h.source for h in hits)


def test_style_examples_are_posts_and_distinct(retriever) -> None:
    examples = retriever.style_examples(
        "besøg på plejecenter velfærdsteknologi", channel="linkedin", language="da", k=4
    )
    assert len(examples) == 4
    assert all(h.kind == "posts" for h in examples)
    assert len({h.id for h in examples}) == 4
    assert sum(h.metadata.get("language") == "da" for h in examples) >= 3


def test_cli_search_json(ingested_example: Path) -> None:
    cmd = [
        sys.executable,
        "-m",
        "sendemast",
        "-w",
        str(ingested_example),
        "search",
        "rekruttering af unge",
        "--json",
        "-k",
        "3",
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)["results"]
    assert len(results) == 3
    assert set(results[0]) == {"id", "kind", "source", "title", "text", "score"}


def test_cli_search_without_index_says_ingest(example_workspace: Path) -> None:
    cmd = [sys.executable, "-m", "sendemast", "-w", str(example_workspace), "search", "tillid"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "sendemast ingest" in done.stderr and "Traceback" not in done.stderr
