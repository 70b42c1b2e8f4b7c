"""A leader's past posts as read from her folders, and other authors' posts: what the voice scorer
compares against, what the style card learns from and what ``sendemast leaders`` counts.

The leader's posts are read straight from the workspace's posts folders with the corpus loaders — the
index is not needed, and every format the corpus accepts (Markdown, Shares.csv, tweets.js, JSON Lines)
counts. The contrast set is ``evals/generic-public-sector/`` (shipped), or a folder a suite names, plus in
an organisation the other leaders' posts.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sendemast.errors import EvalError

if TYPE_CHECKING:
    from sendemast.leaders import Leader
    from sendemast.workspace import Workspace

GENERIC_FOLDER = "generic-public-sector"


@dataclass(frozen=True)
class RefPost:
    id: str
    text: str
    author: str = ""
    channel: str = ""
    language: str = ""


@dataclass(frozen=True)
class LeaderInfo:
    """One line of ``sendemast leaders``: who, and how many past posts the leader's folders hold."""

    id: str
    name: str
    title: str
    posts: int
    channels: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def count_posts(leader: Leader) -> int:
    """Past posts in the leader's folders, read with the corpus loaders; unreadable files count nothing."""
    return len(leader_posts(leader.workspace, leader=leader))


def list_leaders(workspace: Workspace) -> list[LeaderInfo]:
    """Every leader: id, name, title, how many past posts, channels (``sendemast leaders``)."""
    from sendemast.leaders import leader_ids, make_leader

    infos = []
    for leader_id in leader_ids(workspace):
        leader = make_leader(workspace, leader_id)
        profile = leader.profile
        infos.append(LeaderInfo(id=leader.id, name=profile.name, title=profile.title,
                                posts=count_posts(leader), channels=list(profile.channels)))
    return infos


def leader_posts(workspace: Workspace, leader: Leader | None = None) -> list[RefPost]:
    """Every past post in ``leader``'s posts folders (the default leader's when None); unreadable files
    are skipped (ingest says why)."""
    from sendemast.corpus.ingest import scan
    from sendemast.corpus.loaders import load_file
    from sendemast.errors import CorpusError

    found = scan(workspace, None, "posts", leader if leader is not None else workspace.leader(None))
    posts: list[RefPost] = []
    for rel, path in sorted(found.files["posts"].items()):
        try:
            documents = load_file(path, rel, "posts")
        except CorpusError:
            continue
        posts.extend(RefPost(id=d.id, text=d.text, author="leader",
                             channel=str(d.metadata.get("channel", "")),
                             language=str(d.metadata.get("language", "")))
                     for d in documents if d.text.strip())
    return posts


def colleague_posts(workspace: Workspace, leader: Leader) -> list[RefPost]:
    """The posts of the workspace's other leaders: in an organisation, the nearest other voices."""
    from sendemast.leaders import leader_ids

    return [p for other in leader_ids(workspace) if other != leader.id
            for p in leader_posts(workspace, workspace.leader(other))]


def contrast_posts(generic: list[RefPost], colleagues: list[RefPost]) -> list[RefPost]:
    """The voice scorer's contrast set: other authors' posts, and the leader's colleagues' when she has
    any (ids prefixed ``colleague:``), so that a draft in a colleague's voice does not pass as hers."""
    from dataclasses import replace

    return [*generic, *(replace(p, id=f"colleague:{p.id}", author="colleague") for p in colleagues)]


def bundled_generic_folder() -> Path:
    """The shipped contrast set: inside the wheel, or ``evals/`` of a source checkout."""
    from sendemast.resources import bundled

    try:
        return bundled(GENERIC_FOLDER)
    except FileNotFoundError:
        return Path(__file__).resolve().parents[3] / "evals" / GENERIC_FOLDER


def generic_posts(folder: Path | None = None) -> list[RefPost]:
    """Posts of the contrast set: one Markdown file each, front matter ``author``/``channel`` optional."""
    from sendemast.corpus.loaders.frontmatter import FrontMatterError, split_front_matter
    from sendemast.lang import detect_language

    folder = folder or bundled_generic_folder()
    if not folder.is_dir():
        raise EvalError(f"no contrast set for the voice scorer at {folder}",
                        hint="point the suite's 'generic:' at a folder of other authors' posts")
    posts = []
    for path in sorted(folder.glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        try:
            fields, body = split_front_matter(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, FrontMatterError) as exc:
            raise EvalError(f"cannot read contrast post {path}: {exc}") from None
        if body.strip():
            posts.append(RefPost(id=f"generic:{path.stem}", text=body.strip(),
                                 author=str(fields.get("author", "")), channel=str(fields.get("channel", "")),
                                 language=detect_language(body)))
    if len(posts) < 3:
        raise EvalError(f"the contrast set in {folder} has {len(posts)} posts; the voice scorer needs three")
    return posts
