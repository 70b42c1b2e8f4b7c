"""Measure retrieval on a labelled set: recall@k and MRR for dense, lexical and hybrid search.

Relevance is by source document: a query is answered when a chunk of a relevant file (or the relevant
post of a multi-post file) ranks in the top k distinct documents. Recall@k is capped, as in BEIR: the
denominator is min(k, number of relevant documents), so a query with eight relevant posts can still
reach 1.0 at k=5.

    python -m sendemast.retrieval.evaluate evals/retrieval.yaml [--workspace DIR] [--json PATH]

Without --workspace it evaluates a fresh, freshly ingested copy of the bundled example workspace.
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


def load_queries(path: Path) -> list[LabelledQuery]:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    queries = []
    for item in data["queries"]:
        kind = item.get("kind", "any")
        queries.append(
            LabelledQuery(item["query"], None if kind == "any" else kind, frozenset(item["relevant"]))
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


def score(retriever: Any, queries: list[LabelledQuery], mode: str, k: int = 5) -> dict[str, float]:
    recalls, reciprocal_ranks = [], []
    for q in queries:
        docs = ranked_documents(retriever.search(q.query, kind=q.kind, k=k * 6, mode=mode), k)
        found = [d for d in docs if d in q.relevant]
        recalls.append(len(found) / min(k, len(q.relevant)))
        first = next((rank for rank, d in enumerate(docs, start=1) if d in q.relevant), None)
        reciprocal_ranks.append(1 / first if first else 0.0)
    n = len(queries)
    return {
        f"recall@{k}": round(sum(recalls) / n, 4),
        "mrr": round(sum(reciprocal_ranks) / n, 4),
        "queries": n,
    }


def evaluate(labels: Path, workspace_dir: Path | None = None, k: int = 5) -> dict[str, dict[str, float]]:
    from sendemast.corpus.ingest import ingest
    from sendemast.retrieval import open_retriever
    from sendemast.workspace import init_workspace, load_workspace

    queries = load_queries(labels)
    with tempfile.TemporaryDirectory() as tmp:
        root = workspace_dir or init_workspace(Path(tmp) / "example", example=True)
        workspace = load_workspace(root)
        ingest(workspace)
        retriever = open_retriever(workspace)
        return {mode: score(retriever, queries, mode, k) for mode in MODES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("labels", type=Path)
    parser.add_argument("--workspace", type=Path)
    parser.add_argument("-k", type=int, default=5)
    parser.add_argument("--json", type=Path, dest="json_path")
    args = parser.parse_args(argv)
    results = evaluate(args.labels, args.workspace, args.k)
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Retrieval on {args.labels} ({results['hybrid']['queries']} queries)")
    table.add_column("mode")
    table.add_column(f"recall@{args.k}", justify="right")
    table.add_column("MRR", justify="right")
    for mode, row in results.items():
        table.add_row(mode, f"{row[f'recall@{args.k}']:.3f}", f"{row['mrr']:.3f}")
    Console().print(table)
    if args.json_path:
        args.json_path.parent.mkdir(parents=True, exist_ok=True)
        args.json_path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
