"""Where the team layer meets a workspace: which leader a workspace's drafts belong to, where a
leader's past posts live, the checker to run on posts, and the publisher that feeds the voice.

``leader_posts_folder`` is the one place that says where a leader's posts folder is: the leader's own
``posts/`` (``Workspace.leader(id).posts_dir``), the root's for the root leader.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sendemast.team.approval import Publisher
    from sendemast.team.posts import Checker, PostView
    from sendemast.workspace import Workspace

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})


def slug(text: str) -> str:  # a readable id from a name (user names, files)
    """``Birgitte Vang Holst`` → ``birgitte-vang-holst`` (æ, ø, å spelled out as Danes do in addresses)."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_DANISH)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:128] or "leder"


def workspace_leader(workspace: Workspace) -> str:
    """The workspace's default leader (``[workspace] default_leader``, else the only one)."""
    return workspace.leader(None).id


def leader_posts_folder(workspace: Workspace, leader: str) -> Path:
    """The folder of ``leader``'s past posts: her own ``posts/`` in an organisation workspace."""
    return workspace.leader(leader).posts_dir


def workspace_checker(workspace: Workspace) -> Checker:
    """The guideline checker with the workspace's rules and profile, as the team layer calls it."""
    from sendemast.guidelines import check_post, load_ruleset

    rules = workspace.settings.checker.rules
    ruleset = load_ruleset(workspace.path(rules) if rules else None)
    try:
        profile: Any = workspace.profile
    except Exception:  # a broken profile must not stop an approval; the legal lines need none
        profile = None

    def check(
        text: str, channel: str, source: str | None = None, source_kind: str = "notes"
    ) -> dict[str, Any]:
        data: dict[str, Any] = check_post(text, channel=channel, profile=profile, ruleset=ruleset,
                                          source=source, source_kind=source_kind).to_dict()
        return data

    return check


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
            report = run_ingest(workspace, [path], kind="posts")
        except SendemastError as exc:
            return rel, [f"{rel} was written but not ingested: {exc.one_line()} (run 'sendemast ingest')"]
        return rel, [f"{rel}: {f['error']}" for f in report.failed]

    return publish
