"""``sendemast post …``: posts on the approval path, a thin face on ``sendemast.team``.

kladde → til godkendelse → ændringer ønsket → godkendt → udgivet. ``--as NAME`` acts as that account,
with her permissions; without it the command line acts for the workspace's owner (it can open the
database anyway), recorded as ``cli``.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from sendemast.cli.app import app

if TYPE_CHECKING:
    from sendemast.team.accounts import Account
    from sendemast.team.db import Database
    from sendemast.workspace import Workspace

post_app = typer.Typer(help="Posts on the approval path: list, show, edit, submit, approve, publish.",
                       no_args_is_help=True)
app.add_typer(post_app, name="post")

AsOpt = Annotated[str | None, typer.Option("--as", envvar="SENDEMAST_USER",
                                           help="Act as this account, with her permissions.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
IdArg = Annotated[int, typer.Argument(metavar="ID", help="The post's number.")]
CapacityOpt = Annotated[str | None, typer.Option(
    "--capacity", help="personal (på egne vegne) or official (for the authority); default: the profile's.")]
VersionOpt = Annotated[int | None, typer.Option("--version", help="The version you read: refused if it "
                                                "has changed since (optimistic locking).")]


def _open(ctx: typer.Context, as_user: str | None) -> tuple[Workspace, Database, Account | None]:
    from sendemast.cli.common import workspace_from
    from sendemast.team.accounts import get_user
    from sendemast.team.db import open_workspace_database

    workspace = workspace_from(ctx)
    db = open_workspace_database(workspace)
    return workspace, db, get_user(db, as_user) if as_user else None


def _show(post: dict[str, Any], as_json: bool, warnings: list[str] | None = None) -> None:
    from sendemast.cli.common import print_json, stderr_console, stdout_console

    for warning in warnings or []:
        stderr_console().print(f"warning: {warning}", markup=False)
    if as_json:
        print_json(post)
        return
    out = stdout_console()
    capacity = "på egne vegne" if post.get("capacity") == "personal" else "for myndigheden"
    out.print(f"Post {post['id']} · {post['leader']} · {post['channel']} · {capacity} · "
              f"{post['status_label']['da']} · version {post['version']} · check: {post['verdict']}",
              markup=False)
    if post.get("published_url"):
        out.print(f"udgivet {post['published_on']}: {post['published_url']}", markup=False)
    out.rule()
    out.print(post["text"], markup=False)
    for f in post.get("findings") or []:
        out.print(f"  {f.get('severity'):>6} {f.get('message')} ({f.get('rule')})", markup=False)
    for image in post.get("images") or []:
        alt = image.get("alt_text") or "MANGLER alternativ tekst / no alt text"
        out.print(f"  billede {image['position']}: {image['filename']} ({image['mime']}, "
                  f"{image['width']}×{image['height']}) — alt: {alt}", markup=False)
    if "transitions" in post:
        out.rule("Forløb / path")
        for t in post["transitions"]:
            why = f" — {t['reason']}" if t.get("reason") else ""
            role = f" ({t['role']})" if t.get("role") else ""
            out.print(f"  {t['created_at']}  {t['actor']}{role}: {t['action']} → {t['to']} "
                      f"(v{t['version']}){why}", markup=False)
    if post.get("comments"):
        out.rule("Kommentarer / comments")
        for c in post["comments"]:
            out.print(f"  {c['created_at']}  {c['actor']}: {c['text']}", markup=False)


@post_app.command("list")
def post_list(
    ctx: typer.Context,
    leader: Annotated[str | None, typer.Option("--leader", help="Only this leader's posts.")] = None,
    status: Annotated[str | None, typer.Option("--status", help="kladde, til_godkendelse, "
                                               "aendringer_oensket, godkendt or udgivet.")] = None,
    as_user: AsOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The posts you may see, newest first: the board per leader and status."""
    from sendemast.cli.common import print_json, stdout_console
    from sendemast.team.posts import list_posts

    _, db, user = _open(ctx, as_user)
    posts = list_posts(db, user, leader=leader, status=status)
    if as_json:
        print_json({"posts": [p.to_dict() for p in posts]})
        return
    out = stdout_console()
    if not posts:
        out.print("No posts.")
    for p in posts:
        snippet = " ".join(p.text.split())
        out.print(f"{p.id:>5}  {p.leader:<22} {p.status:<18} v{p.version:<3} {p.verdict:<6} "
                  f"{snippet[:50]}{'…' if len(snippet) > 50 else ''}", markup=False)


@post_app.command("show")
def post_show(ctx: typer.Context, post_id: IdArg, as_user: AsOpt = None, as_json: JsonOpt = False) -> None:
    """One post with its check, its images, its path (who did what when) and its comments, and the
    addresses that open it prefilled on its channel (sendemast never posts: you do)."""
    from sendemast.assembly import Organisation
    from sendemast.records.handoff import handoff_links
    from sendemast.team.posts import post_record

    workspace, db, user = _open(ctx, as_user)
    data = post_record(db, user, post_id)
    profile = Organisation(workspace).profile_of(data["leader"])
    data["handoff"] = handoff_links(data["text"], data["channel"], profile)
    _show(data, as_json)


@post_app.command("new")
def post_new(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="The post: a file, '-' for standard input, or the text.")],
    channel: Annotated[str, typer.Option("--channel", "-c", help="linkedin, x, bluesky, mastodon, threads.")]
    = "linkedin",
    leader: Annotated[str | None, typer.Option("--leader", help="Whose post (default: the workspace's).")]
    = None,
    capacity: CapacityOpt = None,
    as_user: AsOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """A post written by hand, as a kladde."""
    from sendemast.assembly import Organisation
    from sendemast.cli.common import read_text_arg
    from sendemast.team.posts import create_post

    workspace, db, user = _open(ctx, as_user)
    organisation = Organisation(workspace)
    whose = organisation.leader(leader).id  # an unknown leader: one line naming the leaders
    post = create_post(db, user, whose, channel, read_text_arg(text), organisation.check,
                       capacity=capacity or organisation.default_capacity(whose))
    _show(post.to_dict(), as_json)


@post_app.command("edit")
def post_edit(
    ctx: typer.Context,
    post_id: IdArg,
    text: Annotated[str, typer.Argument(help="The new text: a file, '-' for standard input, or the text.")],
    version: Annotated[int, typer.Option("--version", help="The version your edit is based on.")],
    as_user: AsOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Save a new text; refused when someone saved since the version you read (nothing is lost)."""
    from sendemast.assembly import Organisation
    from sendemast.cli.common import read_text_arg
    from sendemast.team.posts import save_text

    workspace, db, user = _open(ctx, as_user)
    post = save_text(db, user, post_id, read_text_arg(text), version, Organisation(workspace).check)
    _show(post.to_dict(), as_json)


@post_app.command("comment")
def post_comment(
    ctx: typer.Context,
    post_id: IdArg,
    text: Annotated[str, typer.Argument(help="The comment.")],
    as_user: AsOpt = None,
) -> None:
    """Comment on a post."""
    from sendemast.cli.common import stdout_console
    from sendemast.team.posts import add_comment

    _, db, user = _open(ctx, as_user)
    comment = add_comment(db, user, post_id, text)
    stdout_console().print(f"Comment {comment['id']} on post {post_id} by {comment['actor']}.", markup=False)


def _step(ctx: typer.Context, post_id: int, action: str, as_user: str | None, as_json: bool,
          **options: Any) -> None:
    from sendemast.assembly import Organisation
    from sendemast.team.approval import take_step
    from sendemast.team.workspace_glue import workspace_publisher

    workspace, db, user = _open(ctx, as_user)
    organisation = Organisation(workspace)
    if action in ("approve", "publish_unapproved"):
        options["checker"] = organisation.check
    if action in ("approve", "publish", "publish_unapproved"):
        options["quiet"] = organisation.quiet_gate(db)
    if action in ("publish", "publish_unapproved"):
        options["publisher"] = workspace_publisher(workspace)
    result = take_step(db, user, post_id, action, **options)
    _show(result.post.to_dict(), as_json, result.warnings)


@post_app.command("submit")
def post_submit(ctx: typer.Context, post_id: IdArg, version: VersionOpt = None, as_user: AsOpt = None,
                as_json: JsonOpt = False) -> None:
    """Send a kladde (or a post with ændringer ønsket) for approval."""
    _step(ctx, post_id, "submit", as_user, as_json, version=version)


@post_app.command("approve")
def post_approve(
    ctx: typer.Context,
    post_id: IdArg,
    reason: Annotated[str | None, typer.Option(
        "--reason", help="Why it may be published; required when the check has a review finding or in a "
        "quiet period.")] = None,
    version: VersionOpt = None,
    as_user: AsOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Approve a post (never one the checker blocks)."""
    _step(ctx, post_id, "approve", as_user, as_json, version=version, reason=reason)


@post_app.command("request-changes")
def post_request_changes(
    ctx: typer.Context,
    post_id: IdArg,
    reason: Annotated[str, typer.Option("--reason", help="What should change (kept as a comment).")],
    version: VersionOpt = None,
    as_user: AsOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Send a post back with what should change."""
    _step(ctx, post_id, "request_changes", as_user, as_json, version=version, reason=reason)


@post_app.command("withdraw")
def post_withdraw(ctx: typer.Context, post_id: IdArg, version: VersionOpt = None, as_user: AsOpt = None,
                  as_json: JsonOpt = False) -> None:
    """Take a submitted or approved post back to kladde (to edit it)."""
    _step(ctx, post_id, "withdraw", as_user, as_json, version=version)


@post_app.command("publish")
def post_publish(
    ctx: typer.Context,
    post_id: IdArg,
    url: Annotated[str, typer.Option("--url", help="Where it was posted (sendemast never posts).")],
    on: Annotated[str, typer.Option("--date", help="When it was posted, YYYY-MM-DD.")],
    without_approval: Annotated[bool, typer.Option(
        "--without-approval", help="It went out without a person's editorial approval: the record says so "
        "(\"ingen redaktionel godkendelse\").")] = False,
    reason: Annotated[str | None, typer.Option("--reason", help="Why it may go out in a quiet period (or "
                                               "with review findings, without approval).")] = None,
    as_user: AsOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Mark a post as published (approved, or --without-approval); it joins the leader's past posts and
    is ingested, and its public record is written (sendemast post record)."""
    from sendemast.errors import UsageError

    try:
        published_on = date.fromisoformat(on)
    except ValueError:
        raise UsageError(f"not a date: {on!r} (expected YYYY-MM-DD)") from None
    _step(ctx, post_id, "publish_unapproved" if without_approval else "publish", as_user, as_json, url=url,
          published_on=published_on, reason=reason)


image_app = typer.Typer(help="Images on a post (PNG, JPEG, WebP, GIF; up to 4), each with alt text.",
                        no_args_is_help=True)
post_app.add_typer(image_app, name="image")
PositionArg = Annotated[int, typer.Argument(metavar="N", help="The image's number on the post (1-4).")]
EditVersionOpt = Annotated[int, typer.Option("--version", help="The version you read (optimistic locking).")]


@image_app.command("add")
def image_add(
    ctx: typer.Context,
    post_id: IdArg,
    path: Annotated[Path, typer.Argument(help="The image file (its type is read from its content).")],
    version: EditVersionOpt,
    alt: Annotated[str | None, typer.Option("--alt", help="What the image shows, for those who cannot see "
                                            "it. Required before the post can be submitted.")] = None,
    as_user: AsOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Add an image to a kladde (a new version of the post)."""
    from sendemast.assembly import Organisation
    from sendemast.errors import UsageError
    from sendemast.team.images import MAX_BYTES, add_image
    from sendemast.team.posts import post_record

    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    if path.stat().st_size > MAX_BYTES:
        raise UsageError(f"{path.name} is too large: {path.stat().st_size / 1e6:.1f} MB "
                         f"(at most {MAX_BYTES // 2**20} MB)")
    workspace, db, user = _open(ctx, as_user)
    add_image(db, user, post_id, path.read_bytes(), path.name, version=version, alt=alt,
              checker=Organisation(workspace).check)
    _show(post_record(db, user, post_id), as_json)


@image_app.command("alt")
def image_alt(
    ctx: typer.Context,
    post_id: IdArg,
    position: PositionArg,
    text: Annotated[str, typer.Argument(help="The alt text: what the image shows.")],
    version: EditVersionOpt,
    as_user: AsOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Write an image's alt text."""
    from sendemast.assembly import Organisation
    from sendemast.team.images import set_alt_text
    from sendemast.team.posts import post_record

    workspace, db, user = _open(ctx, as_user)
    set_alt_text(db, user, post_id, position, text, version=version, checker=Organisation(workspace).check)
    _show(post_record(db, user, post_id), as_json)


@image_app.command("remove")
def image_remove(ctx: typer.Context, post_id: IdArg, position: PositionArg, version: EditVersionOpt,
                 as_user: AsOpt = None, as_json: JsonOpt = False) -> None:
    """Remove an image from a kladde."""
    from sendemast.assembly import Organisation
    from sendemast.team.images import remove_image
    from sendemast.team.posts import post_record

    workspace, db, user = _open(ctx, as_user)
    remove_image(db, user, post_id, position, version=version, checker=Organisation(workspace).check)
    _show(post_record(db, user, post_id), as_json)


@post_app.command("record")
def post_record_command(
    ctx: typer.Context,
    post_id: IdArg,
    out: Annotated[Path, typer.Option("--out", help="The folder to write record.pdf and record.json in.",
                                      file_okay=False)] = Path("."),
    as_user: AsOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The public record of a post — who wrote it, who approved it, from what, what the machine wrote and
    what people changed — as a PDF/A and a JSON (for aktindsigt, journalisering or an ESDH)."""
    from sendemast.assembly import Organisation
    from sendemast.cli.common import print_json, stdout_console
    from sendemast.records.pdf import record_pdf
    from sendemast.records.record import build_record

    workspace, db, user = _open(ctx, as_user)
    record = build_record(db, user, post_id, profile_of=Organisation(workspace).profile_of)
    folder = out / f"post-{post_id:04d}"
    folder.mkdir(parents=True, exist_ok=True)
    pdf_path, json_path = folder / "record.pdf", folder / "record.json"
    _atomic(pdf_path, record_pdf(record))
    _atomic(json_path, json.dumps(record, ensure_ascii=False, indent=2).encode("utf-8"))
    if as_json:
        print_json({"pdf": str(pdf_path), "json": str(json_path), "record": record})
        return
    editorial = record["editorial_control"]["statement"]
    stdout_console().print(f"Record of post {post_id} ({editorial}): {pdf_path}, {json_path}", markup=False)


def _atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
