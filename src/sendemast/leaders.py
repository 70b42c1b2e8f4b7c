"""The leaders of a workspace: one organisation, shared values, a voice and posts of each leader's own.

Two layouts, which may be combined:

- the **root leader** of a single-leader workspace (today's layout): ``profile.yaml``, ``posts/``,
  ``notes/`` and ``evals/`` at the workspace root; their id is ``[workspace] leader``, else ``default``;
- **organisation leaders** in ``leaders/<id>/``, each with ``profile.yaml``, ``posts/``, ``notes/`` and
  ``evals/``.

``values/`` is always shared. Which leader a command serves: ``--leader ID``, else ``[workspace]
default_leader``, else the only one; with several and none chosen, one error line names them all.
The studio and the plan call :meth:`Workspace.leader` (re-exported from ``sendemast.workspace``), the CLI
the same; :func:`sendemast.corpus.past_posts.list_leaders` lists them with their posts counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sendemast.errors import ConfigError, UsageError

if TYPE_CHECKING:
    from sendemast.profile import Profile
    from sendemast.workspace import Workspace

LEADERS_DIR = "leaders"
ROOT_LEADER_ID = "default"
PROFILE_FILE = "profile.yaml"
# Leader ids name Chroma collections (3-63 characters of [a-zA-Z0-9._-]) and folders: kept plain.
ID_PATTERN = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?")


def check_leader_id(leader_id: str, *, where: str = "leader id") -> str:
    if not ID_PATTERN.fullmatch(leader_id or ""):
        raise UsageError(
            f"{where} {leader_id!r} is not valid",
            hint="use lower-case letters, digits and '-', at most 40 characters, e.g. 'sundhed-omsorg'",
        )
    return leader_id


@dataclass
class Leader:
    """A leader's context: profile, folders and the suffix of the posts collection in the index."""

    id: str
    root: Path  # the leader's folder: the workspace root for the root leader
    workspace: Workspace = field(repr=False)
    is_root: bool = False

    @cached_property
    def profile(self) -> Profile:
        """The profile as first read (see :meth:`read_profile` for the file as it is now)."""
        return self.read_profile()

    @property
    def profile_path(self) -> Path:
        if self.is_root:
            return self.workspace.path(self.workspace.settings.profile)
        return self.root / PROFILE_FILE

    def read_profile(self) -> Profile:
        """The profile file, read and validated now (a ConfigError names the file and the field)."""
        from sendemast.profile import load_profile

        profile = load_profile(self.profile_path)
        # the spell checker finds the workspace's corpus vocabulary in its state folder
        profile._state_dir = self.workspace.state_dir
        return profile

    @property
    def posts_dir(self) -> Path:
        """Where new posts go (``sendemast import``): the first of the leader's posts folders."""
        roots = self.posts_roots()
        return roots[0] if roots else self.root / "posts"

    @property
    def notes_dir(self) -> Path:
        return self.root / "notes"

    @property
    def evals_dir(self) -> Path:
        return self.root / "evals"

    @property
    def collection_suffix(self) -> str | None:
        """None for the root leader: her posts stay in ``<prefix>-posts``, so existing indexes still work."""
        return None if self.is_root else self.id

    @property
    def ingest_hint(self) -> str:
        """The exact command that indexes her posts, for a message about an empty index: a plain
        ``sendemast ingest`` does every leader, ``--leader`` just her (and the shared values)."""
        try:
            is_default = self.workspace.leader(None).id == self.id
        except (ConfigError, UsageError):  # several leaders and no default
            is_default = False
        if is_default:
            return "run 'sendemast ingest'"
        return f"run 'sendemast ingest' or 'sendemast --leader {self.id} ingest'"

    def posts_roots(self) -> list[Path]:
        """The folders of this leader's past posts (the root leader's come from ``[corpus] posts``)."""
        if not self.is_root:
            return [self.root / "posts"]
        return self.workspace.corpus_roots("posts", leader=None)


def _root_has_leader(workspace: Workspace) -> bool:
    return workspace.path(workspace.settings.profile).is_file()


def leader_ids(workspace: Workspace) -> list[str]:
    """Every leader's id: the root leader first (when the root has a profile), then ``leaders/*``."""
    ids = [root_leader_id(workspace)] if _root_has_leader(workspace) else []
    folder = workspace.root / LEADERS_DIR
    if folder.is_dir():
        for child in sorted(folder.iterdir()):
            if child.is_dir() and (child / PROFILE_FILE).is_file() and ID_PATTERN.fullmatch(child.name):
                if child.name in ids:
                    raise ConfigError(
                        f"leader id {child.name!r} is both the root leader and {LEADERS_DIR}/{child.name}",
                        field="workspace.leader",
                    )
                ids.append(child.name)
    return ids


def leaders_fingerprint(workspace: Workspace) -> tuple[tuple[str, int], ...]:
    """What :func:`leader_ids` and the leaders' profiles depend on, as (path, mtime) pairs: a few stat
    calls, so a long-running studio notices a leader added or a profile edited without re-reading
    every profile on every page (that took 70 ms a page on the example workspace)."""
    paths = [workspace.path(workspace.settings.profile), workspace.root / LEADERS_DIR]
    folder = workspace.root / LEADERS_DIR
    if folder.is_dir():
        paths += [child / PROFILE_FILE for child in folder.iterdir()]
    stamps = []
    for path in paths:
        try:
            stamps.append((str(path), path.stat().st_mtime_ns))
        except OSError:
            stamps.append((str(path), -1))
    return tuple(sorted(stamps))


def root_leader_id(workspace: Workspace) -> str:
    configured = workspace.settings.workspace.leader
    if configured and not ID_PATTERN.fullmatch(configured):
        raise ConfigError(f"{configured!r} is not a valid leader id", field="workspace.leader",
                          hint="lower-case letters, digits and '-'")
    return configured or ROOT_LEADER_ID


def make_leader(workspace: Workspace, leader_id: str) -> Leader:
    if _root_has_leader(workspace) and leader_id == root_leader_id(workspace):
        return Leader(id=leader_id, root=workspace.root, workspace=workspace, is_root=True)
    return Leader(id=leader_id, root=workspace.root / LEADERS_DIR / leader_id, workspace=workspace)


def resolve_leader(workspace: Workspace, leader_id: str | None) -> Leader:
    """``leader_id``, else ``[workspace] default_leader``, else the only leader (see the module docstring)."""
    ids = leader_ids(workspace)
    listing = ", ".join(ids) or "none"
    if leader_id:
        if leader_id not in ids:
            raise UsageError(f"no leader {leader_id!r} in this workspace (leaders: {listing})",
                             hint="see 'sendemast leaders'")
        return make_leader(workspace, leader_id)
    default = workspace.settings.workspace.default_leader
    if default:
        if default not in ids:
            raise ConfigError(f"default leader {default!r} is not in this workspace (leaders: {listing})",
                              field="workspace.default_leader")
        return make_leader(workspace, default)
    if len(ids) > 1:
        raise UsageError(f"this workspace has {len(ids)} leaders ({listing}); choose one with --leader ID",
                         hint="or set [workspace] default_leader in sendemast.toml")
    if not ids:  # no profile anywhere: today's single-leader layout, which says so when a profile is read
        return Leader(id=root_leader_id(workspace), root=workspace.root, workspace=workspace, is_root=True)
    return make_leader(workspace, ids[0])
