"""The bundled MiniLM ONNX embedder (``onnx/minilm``; the default, e5, is tested in test_e5.py): offline,
normalised, batch-independent, and the same vectors as Chroma's stock function computes from the same
model files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sendemast.retrieval.embedders import get_embedder
from sendemast.retrieval.embedders.onnx_encoder import bundled_minilm_files
from sendemast.settings import EmbedderSettings

TEXTS = [
    "Jeg besøgte plejecentret Solhøj i dag og så skærmbesøg i praksis.",
    "Grøn omstilling kræver mod, og den kræver at vi prioriterer.",
    "Thank you to everyone who made the conference in Aarhus worth the trip.",
    "Kort.",
]


@pytest.fixture(scope="module")
def embedder():
    return get_embedder(EmbedderSettings(id="onnx/minilm", batch_size=2))  # MiniLM; e5: test_e5.py


def test_vectors_are_normalised_and_shaped(embedder) -> None:
    vectors = embedder.embed(TEXTS)
    assert vectors.shape == (4, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_dynamic_padding_does_not_change_a_vector(embedder) -> None:
    # Each text alone (no padding) must give the same vector as in a mixed-length batch.
    together = embedder.embed(TEXTS)
    for i, text in enumerate(TEXTS):
        assert float(embedder.embed([text])[0] @ together[i]) > 0.9999


def test_similar_texts_score_higher_than_unrelated(embedder) -> None:
    a, b, c = embedder.embed(
        [
            "elderly care with video visits",
            "video calls in care homes for the elderly",
            "the budget for road maintenance",
        ]
    )
    assert a @ b > a @ c + 0.2


def test_unknown_embedder_is_a_config_error() -> None:
    from sendemast.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown embedder"):
        get_embedder(EmbedderSettings(id="nope/thing"))


def test_matches_chromas_stock_function_on_the_same_files(tmp_path: Path, monkeypatch) -> None:
    """Chroma's function pads to 256 tokens; mean pooling over the mask must make that irrelevant."""
    from chromadb.utils.embedding_functions.onnx_mini_lm_l6_v2 import ONNXMiniLM_L6_V2

    from sendemast.retrieval.embedders.onnx_encoder import seed_chroma_model_folder

    folder = seed_chroma_model_folder(tmp_path / "all-MiniLM-L6-v2")
    monkeypatch.setattr(ONNXMiniLM_L6_V2, "DOWNLOAD_PATH", folder)
    stock = np.asarray(ONNXMiniLM_L6_V2(preferred_providers=["CPUExecutionProvider"])(TEXTS))
    ours = get_embedder(EmbedderSettings(id="onnx/minilm-exact")).embed(TEXTS)
    cosines = (stock / np.linalg.norm(stock, axis=1, keepdims=True) * ours).sum(axis=1)
    assert cosines.min() > 0.999


def _example_post_texts(limit: int = 60) -> list[str]:
    from sendemast.corpus.loaders import load_file
    from sendemast.resources import bundled

    texts: list[str] = []
    for path in sorted((bundled("example-workspace") / "posts").rglob("*")):
        if path.is_file():
            texts += [d.text for d in load_file(path, path.name, "posts", chunk_tokens=400, chunk_overlap=40)]
    return texts[:limit]


def test_default_is_the_quantized_model_and_stays_close_to_the_exact_one() -> None:
    """Dynamic quantization buys speed with a little precision: on real posts the default's vectors
    must stay within a small angle of the exact model's, or retrieval would silently change."""
    fast = get_embedder(EmbedderSettings(id="onnx/minilm"))
    exact = get_embedder(EmbedderSettings(id="onnx/minilm-exact"))
    assert fast.id != exact.id  # an index built by one is refused by the other, not silently mixed
    texts = _example_post_texts()
    assert len(texts) >= 40
    cosines = (fast.embed(texts) * exact.embed(texts)).sum(axis=1)
    assert cosines.mean() > 0.985
    assert cosines.min() > 0.96


def test_quantized_model_is_derived_once_and_cached(tmp_path: Path, monkeypatch) -> None:
    from sendemast.retrieval.embedders import quantize

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    source, _ = bundled_minilm_files()
    first = quantize.dynamic_int8(source)
    assert first.is_relative_to(tmp_path) and first.stat().st_size > 0
    stamp = first.stat().st_mtime_ns

    def fail(*args: object) -> None:
        raise AssertionError("quantized again although the cached file exists")

    monkeypatch.setattr(quantize, "_quantize", fail)
    assert quantize.dynamic_int8(source) == first
    assert first.stat().st_mtime_ns == stamp
    assert not list(first.parent.glob(".quantize-*"))  # no temporary folder left behind


def test_a_model_that_cannot_be_quantized_is_one_config_error(tmp_path: Path, monkeypatch) -> None:
    from sendemast.errors import ConfigError
    from sendemast.retrieval.embedders import quantize

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    broken = tmp_path / "model.onnx"
    broken.write_bytes(b"not an onnx model")
    with pytest.raises(ConfigError) as info:
        quantize.dynamic_int8(broken)
    assert "cannot quantize" in str(info.value) and "\n" not in str(info.value)
    assert "onnx/minilm-exact" in str(info.value)
    assert not list((tmp_path / "sendemast" / "models").glob("*.onnx"))


def test_quantizing_leaves_logging_as_it_was(tmp_path: Path, monkeypatch) -> None:
    """onnxruntime.quantization configures the root logger on import; after us, nothing of it remains
    (otherwise every library's INFO and DEBUG chatter reached the user's terminal)."""
    import logging
    import subprocess
    import sys

    code = (
        "import logging, sys\n"
        "from sendemast.retrieval.embedders.onnx_encoder import bundled_minilm_files\n"
        "from sendemast.retrieval.embedders.quantize import dynamic_int8\n"
        "dynamic_int8(bundled_minilm_files()[0])\n"
        "root = logging.getLogger()\n"
        "print(len(root.handlers), root.level)\n"
        "logging.getLogger('bm25s').info('chatter')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                          env={**__import__("os").environ, "XDG_CACHE_HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0", str(logging.WARNING)]
    assert done.stderr == "", done.stderr


def test_two_cold_processes_quantize_once_and_both_get_the_model(tmp_path: Path) -> None:
    """Two `sendemast` commands started at once on a fresh machine: the file lock makes one quantize
    while the other waits, and both end with the same, complete file."""
    import os
    import subprocess
    import sys

    code = (
        "from sendemast.retrieval.embedders.onnx_encoder import bundled_minilm_files\n"
        "from sendemast.retrieval.embedders.quantize import dynamic_int8\n"
        "print(dynamic_int8(bundled_minilm_files()[0]))\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    runs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=env) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    paths = {out.strip() for out, _ in outputs}
    assert len(paths) == 1
    (made,) = [p for p in (tmp_path / "sendemast" / "models").iterdir() if p.suffix == ".onnx"]
    assert str(made) in paths
    from sendemast.retrieval.embedders.onnx_encoder import OnnxEncoder

    loaded = OnnxEncoder(made, bundled_minilm_files()[1], embedder_id="t", per_text=True)
    assert loaded.embed(["Tak for i dag.", "Godt nytår"]).shape == (2, 384)  # complete, not half-written


@pytest.mark.parametrize(("flags", "machine", "needed"), [
    ("fpu sse4_2 avx2 fma", "x86_64", True),  # Haswell to Comet Lake: saturation possible
    ("avx2 avx512f avx512_vnni", "x86_64", False),
    ("avx2 avx_vnni", "AMD64", False),  # Alder Lake and later
    ("", "aarch64", False),  # ARM has no such instruction
])
def test_seven_bit_weights_exactly_where_the_cpu_can_saturate(flags: str, machine: str, needed: bool) -> None:
    from sendemast.retrieval.embedders.quantize import reduce_range_needed

    assert reduce_range_needed(flags, machine) is needed


def test_the_seven_bit_variant_stays_close_to_the_exact_model_too(tmp_path: Path, monkeypatch) -> None:
    """What a laptop without VNNI gets: measured here, as far as this CPU can (it runs the same weights)."""
    from sendemast.retrieval.embedders.onnx_encoder import OnnxEncoder
    from sendemast.retrieval.embedders.quantize import dynamic_int8

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    source, tokenizer = bundled_minilm_files()
    seven = dynamic_int8(source, reduce_range=True)
    assert "-7bit-" in seven.name and seven != dynamic_int8(source, reduce_range=False)
    texts = _example_post_texts()
    fast = OnnxEncoder(seven, tokenizer, embedder_id="t", per_text=True).embed(texts)
    exact = get_embedder(EmbedderSettings(id="onnx/minilm-exact")).embed(texts)
    cosines = (fast * exact).sum(axis=1)
    assert cosines.mean() > 0.98
    assert cosines.min() > 0.95


def test_an_unwritable_cache_is_one_config_error_with_a_way_out(tmp_path: Path, monkeypatch) -> None:
    from sendemast.errors import ConfigError
    from sendemast.retrieval.embedders import quantize

    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    with pytest.raises(ConfigError) as info:
        quantize.dynamic_int8(bundled_minilm_files()[0])
    message = str(info.value)
    assert "cannot write the quantized embedding model" in message and "\n" not in message
    assert "XDG_CACHE_HOME" in message and "onnx/minilm-exact" in message
