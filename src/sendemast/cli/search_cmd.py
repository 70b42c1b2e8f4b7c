"""``sendemast search``: hybrid search over the indexed corpus."""

from __future__ import annotations

from typing import Annotated

import typer

from sendemast.cli.app import app
from sendemast.cli.common import LeaderOpt


@app.command("search")
def search_command(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="What to look for, in Danish or English.")],
    kind: Annotated[str | None, typer.Option("--kind", help="values or posts (default: both).")] = None,
    k: Annotated[int, typer.Option("-k", min=1, max=100, help="How many results.")] = 5,
    mode: Annotated[str, typer.Option("--mode", help="hybrid, dense or lexical.")] = "hybrid",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    leader_id: LeaderOpt = None,
) -> None:
    """Find values passages and past posts by meaning (embeddings) and by words (BM25), fused."""
    from sendemast.cli.common import leader_from, print_json, stdout_console, workspace_from
    from sendemast.errors import UsageError
    from sendemast.retrieval import open_retriever

    if not query.strip():
        raise UsageError("the query is empty")
    if mode not in ("hybrid", "dense", "lexical"):
        raise UsageError(f"unknown mode {mode!r} (expected hybrid, dense or lexical)")
    if kind is not None and kind not in ("values", "posts"):
        raise UsageError(f"unknown kind {kind!r} (expected values or posts)")
    workspace = workspace_from(ctx)
    retriever = open_retriever(workspace, leader_from(ctx, workspace, leader_id))
    hits = retriever.search(query, kind=kind, k=k, mode=mode)  # type: ignore[arg-type]
    if as_json:
        print_json({"results": [h.to_dict() for h in hits]})
        return
    console = stdout_console()
    if not hits:
        console.print("No results.")
    for rank, hit in enumerate(hits, start=1):
        snippet = " ".join(hit.text.split())
        snippet = snippet[:240] + ("…" if len(snippet) > 240 else "")
        console.print(
            f"[bold]{rank}. {hit.title}[/bold]  [dim]{hit.kind} · {hit.source} · {hit.score:.3f}[/dim]"
        )
        console.print(f"   {snippet}", markup=False)
