"""Helpers the command modules share: finding the workspace, printing JSON, reading input."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from sendemast.workspace import Leader, Workspace

# The same option on each command that uses a profile or posts, so that it may come after the command
# name too (``sendemast search --leader hanne …``); given there, it wins over the global one.
LeaderOpt = Annotated[
    str | None,
    typer.Option(
        "--leader", "-l", help="Leader id (default: [workspace] default_leader, else the only one)."
    ),
]


def leader_id_from(ctx: typer.Context, explicit: str | None = None) -> str | None:
    """``--leader`` of the command, else the global ``--leader`` before it, else None (the default)."""
    return explicit or (ctx.find_root().obj or {}).get("leader")


def leader_from(ctx: typer.Context, workspace: Workspace, explicit: str | None = None) -> Leader:
    return workspace.leader(leader_id_from(ctx, explicit))


def workspace_from(ctx: typer.Context) -> Workspace:
    """The workspace named by ``--workspace``, ``SENDEMAST_WORKSPACE`` or the current folder's ancestry."""
    from sendemast.workspace import find_workspace

    explicit = (ctx.find_root().obj or {}).get("workspace")
    return find_workspace(explicit)


def optional_workspace_from(ctx: typer.Context) -> Workspace | None:
    """Like :func:`workspace_from`, but None when no workspace is found (the checker works without one)."""
    from sendemast.errors import ConfigError
    from sendemast.workspace import find_workspace

    explicit = (ctx.find_root().obj or {}).get("workspace")
    try:
        return find_workspace(explicit)
    except ConfigError:
        if explicit is not None:
            raise
        return None


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()


def stdout_console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def read_text_arg(value: str) -> str:
    """``-`` reads standard input; an existing file is read; anything else is taken as the text itself."""
    from sendemast.errors import UsageError

    if value == "-":
        data = sys.stdin.buffer.read()
        origin = "standard input"
    else:
        path = Path(value)
        try:
            is_file = path.is_file()
        except (OSError, ValueError):
            is_file = False
        if not is_file:
            return value
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UsageError(f"cannot read {value}: {exc.strerror or exc}") from None
        origin = value
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{origin} is not UTF-8 text") from None
