"""Measure retrieval on a labelled set: recall@k and MRR for dense, lexical and hybrid search.

Relevance is by source document: a query is answered when a chunk of a relevant file (or the relevant
post of a multi-post file) ranks in the top k distinct documents. Recall@k is capped, as in BEIR: the
denominator is min(k, number of relevant documents), so a query with eight relevant posts can still
reach 1.0 at k=5.

    python -m sendemast.evaluation.retrieval evals/retrieval.yaml [--workspace DIR] [--json PATH] [--sweep]

Without --workspace it evaluates a fresh, freshly ingested copy of the bundled example workspace. Queries
may carry ``tags`` (``crosslang``, ``paraphrase``); each tag is also reported alone. ``--sweep`` scores
hybrid search over a grid of fusion weights from each query's dense and lexical rankings (how the
shipped weights were chosen).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MODES = ("dense", "lexical", "hybrid")


@dataclass(frozen=True)
class LabelledQuery:
    query: str
    kind: str | None
    relevant: frozenset[str]
    tags: frozenset[str] = frozenset()


def load_queries(path: Path) -> list[LabelledQuery]:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    queries = []
    for item in data["queries"]:
        kind = item.get("kind", "any")
        queries.append(
            LabelledQuery(item["query"], None if kind == "any" else kind, frozenset(item["relevant"]),
                          frozenset(item.get("tags", [])))
        )
    return queries


def ranked_documents(hits: list[Any], k: int) -> list[str]:
    """Distinct source documents in rank order."""
    seen: list[str] = []
    for hit in hits:
        if hit.source not in seen:
            seen.append(hit.source)
        if len(seen) == k:
            break
    return seen


def _metrics(ranked: list[list[str]], queries: list[LabelledQuery], k: int) -> dict[str, float]:
    recalls, reciprocal_ranks = [], []
    for docs, q in zip(ranked, queries, strict=True):
        found = [d for d in docs if d in q.relevant]
        recalls.append(len(found) / min(k, len(q.relevant)))
        first = next((rank for rank, d in enumerate(docs, start=1) if d in q.relevant), None)
        reciprocal_ranks.append(1 / first if first else 0.0)
    n = len(queries)
    return {
        f"recall@{k}": round(sum(recalls) / n, 4) if n else 0.0,
        "mrr": round(sum(reciprocal_ranks) / n, 4) if n else 0.0,
        "queries": n,
    }


def score(retriever: Any, queries: list[LabelledQuery], mode: str, k: int = 5) -> dict[str, float]:
    ranked = [ranked_documents(retriever.search(q.query, kind=q.kind, k=k * 6, mode=mode), k)
              for q in queries]
    return _metrics(ranked, queries, k)


def subsets(queries: list[LabelledQuery]) -> dict[str, list[LabelledQuery]]:
    """All queries, and each tag's queries alone."""
    groups = {"all": queries}
    for tag in sorted({t for q in queries for t in q.tags}):
        groups[tag] = [q for q in queries if tag in q.tags]
    return groups


def sweep(retriever: Any, queries: list[LabelledQuery], k: int = 5,
          dense_weights: tuple[float, ...] = (0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 10.0),
          rrf_ks: tuple[int, ...] = (5, 10, 20, 60)) -> list[dict[str, float]]:
    """Hybrid recall@k and MRR for each (dense weight, rrf k), the lexical weight held at 1.0. Each
    query is embedded and searched once; only the fusion is recomputed."""
    from sendemast.retrieval.hybrid import rrf

    cached = []
    for q in queries:
        kinds = retriever._available_kinds(q.kind)
        rankings, found = retriever.rankings(q.query, kinds, retriever.settings.candidates, "hybrid",
                                             retriever.embedder.embed_query(q.query))
        sources = {}
        for kind in {kind for kind, _ in found.values()}:
            ids = [i for i, (kd, _) in found.items() if kd == kind]
            got = retriever.store.get(kind, ids)
            sources.update({i: str((m or {}).get("source", "")) for i, m in
                            zip(got["ids"], got["metadatas"], strict=True)})
        cached.append((rankings, sources))
    rows = []
    for rrf_k in rrf_ks:
        for weight in dense_weights:
            ranked = []
            for rankings, sources in cached:
                fused = rrf(((ids, weight if which == "dense" else 1.0) for which, ids in rankings), rrf_k)
                docs: list[str] = []
                for chunk_id, _ in sorted(fused.items(), key=lambda item: -item[1]):
                    if sources[chunk_id] not in docs:
                        docs.append(sources[chunk_id])
                    if len(docs) == k:
                        break
                ranked.append(docs)
            row: dict[str, float] = {"dense_weight": weight, "rrf_k": rrf_k}
            for name, group in subsets(queries).items():
                picked = [ranked[i] for i, q in enumerate(queries) if q in group]
                metrics = _metrics(picked, group, k)
                row[f"{name}.recall@{k}"], row[f"{name}.mrr"] = metrics[f"recall@{k}"], metrics["mrr"]
            rows.append(row)
    return rows


def evaluate(labels: Path, workspace_dir: Path | None = None, k: int = 5,
             with_sweep: bool = False) -> dict[str, Any]:
    from sendemast.corpus.ingest import ingest
    from sendemast.retrieval import open_retriever
    from sendemast.workspace import init_workspace, load_workspace

    queries = load_queries(labels)
    with tempfile.TemporaryDirectory() as tmp:
        root = workspace_dir or init_workspace(Path(tmp) / "example", example=True)
        workspace = load_workspace(root)
        ingest(workspace)
        retriever = open_retriever(workspace)
        results: dict[str, Any] = {"embedder": retriever.embedder.id}
        for name, group in subsets(queries).items():
            results[name] = {mode: score(retriever, group, mode, k) for mode in MODES}
        if with_sweep:
            results["sweep"] = sweep(retriever, queries, k)
        return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("labels", type=Path)
    parser.add_argument("--workspace", type=Path)
    parser.add_argument("-k", type=int, default=5)
    parser.add_argument("--json", type=Path, dest="json_path")
    parser.add_argument("--sweep", action="store_true", help="also score a grid of fusion weights")
    args = parser.parse_args(argv)
    results = evaluate(args.labels, args.workspace, args.k, with_sweep=args.sweep)
    from rich.console import Console
    from rich.table import Table

    recall = f"recall@{args.k}"
    table = Table(title=f"Retrieval on {args.labels} ({results['all']['hybrid']['queries']} queries, "
                        f"{results['embedder']})")
    table.add_column("queries")
    table.add_column("mode")
    table.add_column(recall, justify="right")
    table.add_column("MRR", justify="right")
    for name in (n for n in results if n not in ("embedder", "sweep")):
        for mode, row in results[name].items():
            table.add_row(f"{name} ({row['queries']})", mode, f"{row[recall]:.3f}", f"{row['mrr']:.3f}")
    console = Console()
    console.print(table)
    if args.sweep:
        grid = Table(title="hybrid over fusion weights (lexical weight 1.0)")
        columns = [c for c in results["sweep"][0] if c not in ("dense_weight", "rrf_k")]
        for column in ("dense weight", "rrf k", *columns):
            grid.add_column(column, justify="right")
        for row in results["sweep"]:
            grid.add_row(f"{row['dense_weight']:g}", str(row["rrf_k"]), *(f"{row[c]:.3f}" for c in columns))
        console.print(grid)
    if args.json_path:
        args.json_path.parent.mkdir(parents=True, exist_ok=True)
        args.json_path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
