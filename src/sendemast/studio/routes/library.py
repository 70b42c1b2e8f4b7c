"""The library: the leader's past posts and the organisation's values documents, searchable."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from sendemast.errors import SendemastError
from sendemast.retrieval.types import Kind
from sendemast.studio.deps import Studio, get_studio
from sendemast.studio.rendering import page

router = APIRouter()


@dataclass(frozen=True)
class Document:
    kind: str
    path: str
    size_kb: float


def documents(studio: Studio) -> list[Document]:
    """Every file in the workspace's values and posts folders (what ``sendemast ingest`` reads)."""
    ws = studio.workspace
    found = []
    for kind in ("values", "posts"):
        for root in ws.corpus_roots(kind):
            if not root.is_dir():
                continue
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    found.append(Document(kind, str(path.relative_to(ws.root)), path.stat().st_size / 1024))
    return found


@router.get("/library", response_class=HTMLResponse)
def library_page(
    request: Request,
    studio: Annotated[Studio, Depends(get_studio)],
    q: Annotated[str, Query(max_length=500)] = "",
    kind: Annotated[str, Query()] = "",
    leader: Annotated[str, Query(max_length=40)] = "",
) -> Response:
    hits, error = [], None
    if q.strip():
        try:
            wanted: Kind | None = "values" if kind == "values" else "posts" if kind == "posts" else None
            hits = studio.retriever(leader or None).search(q, kind=wanted, k=10)
        except SendemastError as exc:  # e.g. not ingested yet: say so on the page, keep the listing
            error = exc.one_line()
    return page(request, "library.html", q=q, kind=kind, hits=hits, error=error, documents=documents(studio))
