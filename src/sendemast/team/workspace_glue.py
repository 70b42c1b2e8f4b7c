"""Where the team layer meets a workspace: where a leader's past posts live, and the publisher that
feeds the voice. (The check a post is saved and approved with is its own leader's:
``sendemast.assembly.Organisation.check``.)

``leader_posts_folder`` is the one place that says where a leader's posts folder is: the leader's own
``posts/`` (``Workspace.leader(id).posts_dir``), the root's for the root leader.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sendemast.team.approval import Publisher
    from sendemast.team.posts import PostView
    from sendemast.workspace import Workspace


def leader_posts_folder(workspace: Workspace, leader: str) -> Path:
    """The folder of ``leader``'s past posts: her own ``posts/`` in an organisation workspace."""
    return workspace.leader(leader).posts_dir


def published_markdown(post: PostView) -> str:
    """The published post as a past post: Markdown with the front matter the posts loader reads."""
    assert post.published_on is not None and post.published_url is not None
    url = post.published_url.replace('"', "%22")
    return (
        f"---\ndate: {post.published_on.isoformat()}\nchannel: {post.channel}\nurl: \"{url}\"\n---\n\n"
        f"{post.text.strip()}\n"
    )


def workspace_publisher(workspace: Workspace, *, ingest: bool = True) -> Publisher:
    """Writes a published post into its leader's posts folder and ingests that one file, so the next
    draft already learns from it. A failed ingest is a warning: the file is there for the next
    ``sendemast ingest``."""

    def publish(post: PostView) -> tuple[str | None, list[str]]:
        folder = leader_posts_folder(workspace, post.leader) / post.channel
        folder.mkdir(parents=True, exist_ok=True)
        assert post.published_on is not None
        path = folder / f"{post.published_on.isoformat()}-sendemast-{post.id}.md"
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(published_markdown(post), encoding="utf-8")
        tmp.replace(path)
        rel = str(path.relative_to(workspace.root)) if path.is_relative_to(workspace.root) else str(path)
        if not ingest:
            return rel, []
        from sendemast.corpus.ingest import ingest as run_ingest
        from sendemast.errors import SendemastError

        try:
            report = run_ingest(workspace, [path], kind="posts", leader=workspace.leader(post.leader))
        except SendemastError as exc:
            return rel, [f"{rel} was written but not ingested: {exc.one_line()} (run 'sendemast ingest')"]
        return rel, [f"{rel}: {f['error']}" for f in report.failed]

    return publish
