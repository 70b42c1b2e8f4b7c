"""``sendemast user add|list|remove|passwd``: team accounts (argon2id password hashes, never shown)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from sendemast.cli.app import app

if TYPE_CHECKING:
    from sendemast.team.db import Database

user_app = typer.Typer(help="Team accounts: leaders, advisers, approvers and admins.", no_args_is_help=True)
app.add_typer(user_app, name="user")


def _db(ctx: typer.Context) -> Database:
    from sendemast.cli.common import workspace_from
    from sendemast.team.db import open_workspace_database

    return open_workspace_database(workspace_from(ctx))


def read_new_password() -> str:
    """The password twice: at a prompt that does not echo, or as two lines on standard input."""
    from sendemast.team.errors import AccountError

    if sys.stdin.isatty():
        value = typer.prompt("Adgangskode / password", hide_input=True,
                             confirmation_prompt="Gentag / repeat", err=True)
        return str(value)
    lines = sys.stdin.read().splitlines()
    if len(lines) < 2:
        raise AccountError("give the password twice, on two lines of standard input")
    if lines[0] != lines[1]:
        raise AccountError("the two passwords differ")
    return lines[0]


@user_app.command("add")
def user_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The user name to log in with.")],
    role: Annotated[str, typer.Option("--role", help="leader, adviser, approver or admin.")],
    leader: Annotated[
        list[str] | None,
        typer.Option("--leader", help="A leader id she works for (repeat for several; a leader's own "
                     "defaults to her user name)."),
    ] = None,
) -> None:
    """Add an account; the password is read twice (prompt, or two lines on standard input)."""
    from sendemast.cli.common import stdout_console
    from sendemast.team.accounts import ROLES, add_user
    from sendemast.team.errors import AccountError

    if role not in ROLES:  # before asking for a password that would be thrown away
        raise AccountError(f"unknown role {role!r} (expected {', '.join(ROLES)})")
    account = add_user(_db(ctx), name, role, read_new_password(), leader or [])
    leaders = ", ".join(sorted(account.leaders)) or "all"
    stdout_console().print(f"Added {account.name} ({account.role}; leaders: {leaders}).", markup=False)


@user_app.command("list")
def user_list(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False
) -> None:
    """List accounts with their role and leaders (never a password or hash)."""
    from sendemast.cli.common import print_json, stdout_console
    from sendemast.team.accounts import list_users

    users = list_users(_db(ctx))
    if as_json:
        print_json({"users": [u.to_dict() for u in users]})
        return
    out = stdout_console()
    if not users:
        out.print("No users yet: sendemast user add NAME --role admin")
    for u in users:
        out.print(f"{u.name:<20} {u.role:<9} {', '.join(sorted(u.leaders)) or '-'}", markup=False)


@user_app.command("remove")
def user_remove(ctx: typer.Context, name: Annotated[str, typer.Argument(help="The user name.")]) -> None:
    """Remove an account; what she did stays on record under her name."""
    from sendemast.cli.common import stdout_console
    from sendemast.team.accounts import remove_user

    remove_user(_db(ctx), name)
    stdout_console().print(f"Removed {name}.", markup=False)


@user_app.command("passwd")
def user_passwd(ctx: typer.Context, name: Annotated[str, typer.Argument(help="The user name.")]) -> None:
    """Set a new password (read twice); her studio sessions end."""
    from sendemast.cli.common import stdout_console
    from sendemast.team.accounts import get_user, set_password

    db = _db(ctx)
    get_user(db, name)  # an unknown name fails before the password is asked for
    set_password(db, name, read_new_password())
    stdout_console().print(f"New password set for {name}.", markup=False)
