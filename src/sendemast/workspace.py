"""A workspace: a folder with ``sendemast.toml``, shared values, one or more leaders and a state folder.

Leaders (profile, posts, notes, evals of each) are described in :mod:`sendemast.leaders`; ``Leader`` is
re-exported here, so callers need only this module.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sendemast.errors import ConfigError, UsageError
from sendemast.leaders import Leader

if TYPE_CHECKING:
    from sendemast.profile import Profile
    from sendemast.settings import Settings

WORKSPACE_FILE = "sendemast.toml"
ENV_VAR = "SENDEMAST_WORKSPACE"


@dataclass
class Workspace:
    root: Path
    settings: Settings = field(repr=False)

    @cached_property
    def profile(self) -> Profile:
        """The profile of the leader commands use by default (a single-leader workspace's only one)."""
        return self.leader(None).profile

    def leader(self, leader_id: str | None = None) -> Leader:
        """The leader ``leader_id``, else ``[workspace] default_leader``, else the only one.

        Several leaders and none chosen is a UsageError listing them; an unknown id likewise.
        """
        from sendemast.leaders import resolve_leader

        return resolve_leader(self, leader_id)

    @property
    def state_dir(self) -> Path:
        path = self.path(self.settings.state_dir)
        path.mkdir(parents=True, exist_ok=True)
        return path

    def path(self, relative: str) -> Path:
        """A path from the settings, resolved against the workspace root."""
        candidate = Path(relative).expanduser()
        return candidate if candidate.is_absolute() else self.root / candidate

    def corpus_roots(self, kind: str, leader: Leader | None = None) -> list[Path]:
        """Corpus folders of ``kind``; one outside the workspace (``..``, absolute, a symlink) is refused.

        Values are shared; posts are ``leader``'s (the root leader's ``[corpus] posts`` when None).
        """
        if kind == "posts" and leader is not None and not leader.is_root:
            return leader.posts_roots()
        names = self.settings.corpus.values if kind == "values" else self.settings.corpus.posts
        roots = [self.path(name) for name in names]
        for name, root in zip(names, roots, strict=True):
            if not root.resolve().is_relative_to(self.root):
                raise ConfigError(
                    f"{name!r} is outside the workspace {self.root}; refused",
                    path=str(self.root / WORKSPACE_FILE),
                    field=f"corpus.{kind}",
                    hint="move or copy the folder into the workspace",
                )
        return roots


def load_workspace(root: Path) -> Workspace:
    from sendemast.settings import load_settings

    root = root.resolve()
    toml = root / WORKSPACE_FILE
    if not toml.is_file():
        raise ConfigError(f"no {WORKSPACE_FILE} in {root}", hint="create one with 'sendemast init DIR'")
    return Workspace(root=root, settings=load_settings(toml))


def find_workspace(explicit: Path | None = None, cwd: Path | None = None) -> Workspace:
    """``--workspace``, then ``$SENDEMAST_WORKSPACE``, then the current folder and its parents."""
    if explicit is not None:
        return load_workspace(Path(explicit))
    env = os.environ.get(ENV_VAR)
    if env:
        return load_workspace(Path(env))
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / WORKSPACE_FILE).is_file():
            return load_workspace(folder)
    raise ConfigError(
        f"no workspace found in {here} or its parents",
        hint="pass --workspace DIR, set SENDEMAST_WORKSPACE, or run 'sendemast init DIR --example'",
    )


def init_workspace(
    target: Path, *, example: bool = False, force: bool = False, leader: str | None = None
) -> Path:
    """Create a workspace: commented templates, or a copy of the bundled example organisation.

    With ``leader``, an organisation layout: ``values/`` and ``leaders/<leader>/`` with a profile
    template; on an existing workspace this adds the leader and leaves everything else alone.
    """
    from sendemast.resources import bundled

    target = target.resolve()
    if leader is not None:
        return _init_leader(target, leader, force=force)
    if (target / WORKSPACE_FILE).exists() and not force:
        raise UsageError(f"{target} is already a workspace", hint="pass --force to overwrite its files")
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} exists and is not a folder")
    source = bundled("example-workspace") if example else Path(__file__).parent / "templates" / "workspace"
    shutil.copytree(
        source, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".sendemast", "__pycache__")
    )
    for kind in ("values", "posts"):
        (target / kind).mkdir(exist_ok=True)
    return target


def _init_leader(target: Path, leader_id: str, *, force: bool) -> Path:
    from sendemast.leaders import LEADERS_DIR, PROFILE_FILE, check_leader_id

    check_leader_id(leader_id)
    templates = Path(__file__).parent / "templates" / "workspace"
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} exists and is not a folder")
    folder = target / LEADERS_DIR / leader_id
    if (folder / PROFILE_FILE).exists() and not force:
        raise UsageError(f"leader {leader_id!r} already exists in {target}", hint="pass --force to overwrite")
    target.mkdir(parents=True, exist_ok=True)
    if not (target / WORKSPACE_FILE).exists():
        text = (templates / WORKSPACE_FILE).read_text(encoding="utf-8")
        (target / WORKSPACE_FILE).write_text(text, encoding="utf-8")
    (target / "values").mkdir(exist_ok=True)
    for sub in ("posts", "notes", "evals"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    shutil.copyfile(templates / PROFILE_FILE, folder / PROFILE_FILE)
    return target
