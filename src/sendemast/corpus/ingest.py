"""Incremental, idempotent ingestion of a workspace's corpus into the index.

The index itself is the manifest: every stored chunk carries its file's path, content hash and chunk
count, so the same logic works for an embedded store and for a server a whole team shares. A file is
re-indexed when its hash changed or when fewer chunks are stored than it had (a run killed half-way),
and ids are deterministic, so a re-run never duplicates anything.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sendemast.errors import CorpusError, IndexError_, UsageError
from sendemast.leaders import LEADERS_DIR

if TYPE_CHECKING:
    from sendemast.corpus.documents import Document
    from sendemast.leaders import Leader
    from sendemast.retrieval.embedders import Embedder
    from sendemast.retrieval.store import VectorStore
    from sendemast.workspace import Workspace

KINDS = ("values", "posts")
EMBED_BATCH = 256
Progress = Callable[[str, int, int], None]  # (what, done, total)


@dataclass
class IngestReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: list[dict[str, str]] = field(default_factory=list)
    documents: dict[str, int] = field(default_factory=dict)  # chunks in the index per kind, afterwards

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "failed": self.failed,
        }


@dataclass
class _Pending:
    rel: str
    docs: list[Document]
    is_new: bool


def _inside(root: Path, path: Path) -> bool:
    try:
        path.resolve().relative_to(root)
        return True
    except ValueError:
        return False


def _walk(folder: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


class _Scan:
    """Which files belong to a kind, and which failed before they could be read."""

    def __init__(self, workspace: Workspace) -> None:
        self.root = workspace.root
        self.workspace = workspace
        self.files: dict[str, dict[str, Path]] = {k: {} for k in KINDS}  # kind -> rel -> path
        self.scopes: dict[str, list[str]] = {
            k: [] for k in KINDS
        }  # rel prefixes whose gone files are removed
        self.failed: list[dict[str, str]] = []

    def rel(self, path: Path) -> str:
        return path.absolute().relative_to(self.root).as_posix()

    def add_tree(self, kind: str, start: Path) -> None:
        from sendemast.corpus.loaders import supports

        if not start.exists():
            return
        self.scopes[kind].append("" if start == self.root else self.rel(start))
        for path in _walk(start) if start.is_dir() else iter([start]):
            rel = self.rel(path)
            if path.is_symlink() and not _inside(self.root, path):
                self.failed.append({"path": rel, "error": "symlink points outside the workspace; refused"})
            elif not supports(path, kind):  # type: ignore[arg-type]
                self.failed.append(
                    {"path": rel, "error": f"unsupported file type for {kind}: {path.suffix or path.name}"}
                )
            else:
                self.files[kind][rel] = path


def _kind_of(workspace: Workspace, path: Path, leader: Leader | None) -> str | None:
    for kind in KINDS:
        for root in workspace.corpus_roots(kind, leader):
            if _inside(root.resolve(), path):
                return kind
    return None


def scan(
    workspace: Workspace, paths: list[Path] | None, kind: str | None, leader: Leader | None = None
) -> _Scan:
    """The files to index: shared values and ``leader``'s posts (the root leader's when None)."""
    result = _Scan(workspace)
    kinds = [kind] if kind else list(KINDS)
    if not paths:
        for k in kinds:
            for root in workspace.corpus_roots(k, leader):
                result.add_tree(k, root)
        return result
    for given in paths:
        path = given if given.is_absolute() else Path.cwd() / given
        if ".." in given.parts or not _inside(workspace.root, path):
            raise UsageError(
                f"{given} is outside the workspace {workspace.root}; refused",
                hint="to bring in posts from elsewhere (an export ZIP, a Shares.csv, tweets.js), "
                "use 'sendemast import PATH'",
            )
        if not path.exists():
            raise UsageError(f"{given} does not exist")
        path_kind = kind or _kind_of(workspace, path, leader)
        if path_kind is None:
            raise UsageError(f"{given} is in neither a values nor a posts folder", hint="pass --kind")
        if (
            path_kind == "posts"
            and _inside(workspace.root / LEADERS_DIR, path)
            and not any(_inside(root.resolve(), path) for root in workspace.corpus_roots("posts", leader))
        ):
            # Posts of another leader must not land in this leader's collection.
            who = leader.id if leader is not None else "the default leader"
            raise UsageError(f"{given} is not in the posts folders of {who}", hint="pass --leader ID")
        result.add_tree(path_kind, Path(os.path.abspath(path)))
    return result


def _indexed_files(store: VectorStore, kind: str) -> dict[str, dict[str, Any]]:
    """rel path -> {"hash", "expected", "ids"} from what the index holds."""
    files: dict[str, dict[str, Any]] = {}
    for chunk in store.iter_all(kind):
        rel = str(chunk.metadata.get("file", ""))
        entry = files.setdefault(
            rel,
            {
                "hash": chunk.metadata.get("file_hash"),
                "expected": chunk.metadata.get("file_chunks", -1),
                "ids": [],
            },
        )
        entry["ids"].append(chunk.id)
        if entry["hash"] != chunk.metadata.get("file_hash"):
            entry["hash"] = None  # chunks of two versions: treat as changed
    return files


def _file_hash(path: Path, max_bytes: int) -> str:
    size = path.stat().st_size
    if size > max_bytes:
        raise CorpusError(f"file is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB limit")
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _load(path: Path, rel: str, kind: str, file_hash: str, workspace: Workspace) -> list[Document]:
    from dataclasses import replace

    from sendemast.corpus.loaders import load_file

    corpus = workspace.settings.corpus
    docs = load_file(
        path,
        rel,
        kind,  # type: ignore[arg-type]  # one of KINDS, checked by ingest()
        chunk_tokens=corpus.chunk_tokens,
        chunk_overlap=corpus.chunk_overlap,
        max_bytes=int(corpus.max_file_mb * 2**20),
    )
    if not docs:
        raise CorpusError("no text found", path=rel)
    extra = {"kind": kind, "file": rel, "file_hash": file_hash, "file_chunks": len(docs)}
    return [replace(d, metadata={**d.metadata, **extra}) for d in docs]


def _write(
    store: VectorStore,
    embedder: Embedder,
    kind: str,
    pending: list[_Pending],
    indexed: dict[str, dict[str, Any]],
    progress: Progress | None,
) -> None:
    docs = [d for p in pending for d in p.docs]
    for start in range(0, len(docs), EMBED_BATCH):
        batch = docs[start : start + EMBED_BATCH]
        vectors = embedder.embed([f"{d.title}\n{d.text}" if kind == "values" else d.text for d in batch])
        store.upsert(
            kind, [d.id for d in batch], vectors, [d.text for d in batch], [d.metadata for d in batch]
        )
        if progress:
            progress(f"embedding {kind}", min(start + EMBED_BATCH, len(docs)), len(docs))
    # Stale chunks go only after the new ones are in: a crash in between leaves extra chunks that the
    # next run sees (count != expected) and cleans up, never a file with nothing indexed.
    for p in pending:
        keep = {d.id for d in p.docs}
        store.delete(kind, [i for i in indexed.get(p.rel, {}).get("ids", []) if i not in keep])


def ingest(
    workspace: Workspace,
    paths: list[Path] | None = None,
    *,
    kind: str | None = None,
    rebuild: bool = False,
    progress: Progress | None = None,
    lock_timeout: float = 10.0,
    leader: Leader | None = None,
) -> IngestReport:
    """Index the shared values and ``leader``'s posts (default: the workspace's default leader).
    :func:`ingest_organisation` indexes every leader's."""
    _check_kind(kind)
    with _exclusive(workspace, lock_timeout) as embedder:
        leader = leader if leader is not None else workspace.leader(None)
        found = scan(workspace, paths, kind, leader)
        # Explicit paths touch only the kinds they belong to; the rest of the index is left alone.
        kinds = [kind] if kind else [k for k in KINDS if found.scopes[k] or not paths]
        report, changed = _index(workspace, embedder, leader, found, kinds, rebuild, progress)
        _spelling_vocabulary(workspace, embedder, changed)
        return report


@dataclass
class OrganisationReport:
    """A whole organisation's ingest: the shared values, then each leader's posts."""

    values: IngestReport
    leaders: dict[str, IngestReport]  # leader id -> her posts

    def _all(self) -> list[IngestReport]:
        return [self.values, *self.leaders.values()]

    @property
    def failed(self) -> list[dict[str, str]]:
        return [f for r in self._all() for f in r.failed]

    def to_dict(self) -> dict[str, Any]:
        """The totals as ``ingest --json`` has always printed them, and each part's own counts."""
        totals = {name: sum(getattr(r, name) for r in self._all())
                  for name in ("added", "updated", "removed", "unchanged")}
        return {**totals, "failed": self.failed, "values": self.values.to_dict(),
                "leaders": {who: r.to_dict() for who, r in self.leaders.items()}}


def ingest_organisation(
    workspace: Workspace,
    *,
    kind: str | None = None,
    rebuild: bool = False,
    progress: Progress | None = None,
    lock_timeout: float = 10.0,
) -> OrganisationReport:
    """Index the organisation: the shared values once, then every leader's posts (the root leader's and
    each ``leaders/<id>/``'s) — what a plain ``sendemast ingest`` does. A file that fails is reported
    under its leader; every other file, and every other leader, still lands."""
    from sendemast.leaders import leader_ids

    _check_kind(kind)
    ids = leader_ids(workspace)
    leaders = [workspace.leader(i) for i in ids] if ids else [workspace.leader(None)]
    with _exclusive(workspace, lock_timeout) as embedder:
        # Every folder is scanned before anything is written: one outside the workspace refuses the run.
        values = scan(workspace, None, "values", leaders[0]) if kind in (None, "values") else None
        posts = ([(leader, scan(workspace, None, "posts", leader)) for leader in leaders]
                 if kind in (None, "posts") else [])
        report = OrganisationReport(IngestReport(), {})
        changed = False
        if values is not None:
            report.values, changed = _index(workspace, embedder, leaders[0], values, ["values"], rebuild,
                                            progress)
        for leader, found in posts:
            what = _progress_for(progress, leader.id) if len(posts) > 1 else progress
            report.leaders[leader.id], more = _index(workspace, embedder, leader, found, ["posts"], rebuild,
                                                     what)
            changed = changed or more
        _spelling_vocabulary(workspace, embedder, changed)
        return report


def _progress_for(progress: Progress | None, leader_id: str) -> Progress | None:
    if progress is None:
        return None
    return lambda what, done, total: progress(f"{what} ({leader_id})", done, total)


def _check_kind(kind: str | None) -> None:
    if kind is not None and kind not in KINDS:
        raise UsageError(f"unknown kind {kind!r} (expected values or posts)")


@contextmanager
def _exclusive(workspace: Workspace, lock_timeout: float) -> Iterator[Embedder]:
    """One ingest at a time on this workspace (and, on a shared Chroma server, across machines); yields
    the embedder the settings name."""
    from filelock import FileLock, Timeout

    from sendemast.retrieval.embedders import get_embedder
    from sendemast.retrieval.store import VectorStore

    lock = FileLock(str(workspace.state_dir / "ingest.lock"))
    try:
        lock.acquire(timeout=lock_timeout)
    except Timeout:
        raise IndexError_(
            "another 'sendemast ingest' is running on this workspace",
            hint=f"waited {lock_timeout:.0f} s; try again when it has finished",
        ) from None
    lease = None
    try:
        embedder = get_embedder(workspace.settings.embedder)
        if workspace.settings.chroma.url:
            # A shared server: colleagues on other machines take turns too (see retrieval/lease.py).
            from sendemast.retrieval.lease import ServerLease

            lease = ServerLease(VectorStore(workspace.settings.chroma, workspace.state_dir, embedder.id))
            lease.acquire(timeout_s=lock_timeout)
        yield embedder
    finally:
        if lease is not None:
            lease.release()
        lock.release()


def _index(
    workspace: Workspace,
    embedder: Embedder,
    leader: Leader,
    found: _Scan,
    kinds: list[str],
    rebuild: bool,
    progress: Progress | None,
) -> tuple[IngestReport, bool]:
    """Bring ``kinds`` of ``leader``'s collections in line with the files ``found``; whether any changed."""
    from sendemast.retrieval.hybrid import rebuild_lexical
    from sendemast.retrieval.store import VectorStore

    store = VectorStore(
        workspace.settings.chroma, workspace.state_dir, embedder.id, leader=leader.collection_suffix
    )
    report = IngestReport(failed=list(found.failed))
    max_bytes = int(workspace.settings.corpus.max_file_mb * 2**20)
    changed = False
    for k in kinds:
        if rebuild:
            store.reset(k)
        indexed = _indexed_files(store, k)
        pending: list[_Pending] = []
        files = found.files[k]
        for n, (rel, path) in enumerate(sorted(files.items()), start=1):
            if progress:
                progress(f"reading {k}", n, len(files))
            try:
                digest = _file_hash(path, max_bytes)
                known = indexed.get(rel)
                if known and known["hash"] == digest and known["expected"] == len(known["ids"]):
                    report.unchanged += 1
                    continue
                pending.append(_Pending(rel, _load(path, rel, k, digest, workspace), is_new=known is None))
            except CorpusError as exc:
                report.failed.append({"path": rel, "error": exc.message})
            except OSError as exc:
                report.failed.append({"path": rel, "error": f"cannot read: {exc.strerror or exc}"})
        _write(store, embedder, k, pending, indexed, progress)
        report.added += sum(p.is_new for p in pending)
        report.updated += sum(not p.is_new for p in pending)
        failed_here = {f["path"] for f in report.failed}
        gone = [
            rel
            for rel in indexed
            if rel not in files
            and rel not in failed_here
            and any(rel == s or rel.startswith(s.rstrip("/") + "/") or s == "" for s in found.scopes[k])
        ]
        for rel in gone:
            store.delete(k, indexed[rel]["ids"])
        report.removed += len(gone)
        if pending or gone or rebuild or not (workspace.state_dir / "lexical").exists():
            store.bump_revision(k)
            rebuild_lexical(store, workspace.state_dir, k)
        report.documents[k] = store.count(k)
        changed = changed or bool(pending or gone or rebuild)
    return report, changed


def _spelling_vocabulary(workspace: Workspace, embedder: Embedder, changed: bool) -> None:
    """The spell checker's side of an ingest: the corpus's names — the shared values and every leader's
    posts, since one vocabulary serves the whole organisation — into the state folder, and the Hunspell
    dictionaries expanded now, so that the user's first check is not the slow one."""
    from sendemast.errors import ConfigError
    from sendemast.guidelines.dictionaries.dictionary import SOURCES, ensure_built
    from sendemast.guidelines.dictionaries.vocabulary import vocabulary_is_current, write_vocabulary

    if changed or not vocabulary_is_current(workspace.state_dir):
        write_vocabulary(workspace.state_dir, _corpus_texts(workspace, embedder))
    for lang in SOURCES:
        try:
            ensure_built(lang)
        except ConfigError:  # a read-only cache: the first check says so, in one line; the index is fine
            break


def _corpus_texts(workspace: Workspace, embedder: Embedder) -> Iterator[tuple[str, str]]:
    """(source, title and text) of every indexed chunk: the values, then each leader's posts that are
    indexed (a leader never ingested has no collection, and none is made for her here)."""
    from sendemast.leaders import leader_ids
    from sendemast.retrieval.store import VectorStore

    ids = leader_ids(workspace)
    leaders = [workspace.leader(i) for i in ids] if ids else [workspace.leader(None)]
    settings, state = workspace.settings.chroma, workspace.state_dir
    parts = [(VectorStore(settings, state, embedder.id), "values")]
    parts += [(VectorStore(settings, state, embedder.id, leader=x.collection_suffix), "posts")
              for x in leaders]
    for store, kind in parts:
        try:
            store.collection(kind, create=False)
        except IndexError_:
            continue
        for chunk in store.iter_all(kind, with_text=True):
            title = chunk.metadata.get("title", "")
            yield str(chunk.metadata.get("source", chunk.id)), f"{title}\n{chunk.text}"
