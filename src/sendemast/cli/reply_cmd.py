"""``sendemast reply``: triage the comments of a thread and draft checked replies in the leader's voice."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from sendemast.cli.app import app
from sendemast.cli.common import LeaderOpt
from sendemast.errors import UsageError

if TYPE_CHECKING:
    from sendemast.dialogue.service import ThreadResult


@app.command("reply")
def reply_command(
    ctx: typer.Context,
    thread: Annotated[
        str,
        typer.Argument(
            metavar="THREAD",
            help="A file with the comments (blank lines between them, each may start 'Navn:'; or JSON Lines "
            'of {"author", "text"}); \'-\' reads standard input.',
        ),
    ],
    post: Annotated[
        str | None,
        typer.Option("--post", help="The post the comments answer: its number on the board, or a file."),
    ] = None,
    comment: Annotated[
        int | None, typer.Option("--comment", "-n", help="Only comment N (1 is the first).", min=1)
    ] = None,
    model_id: Annotated[
        str | None,
        typer.Option(
            "--model",
            "-m",
            help="Let a model write the replies (openai/gpt-4o-mini, fake/…); default: the "
            "reply frames, offline.",
        ),
    ] = None,
    max_chars: Annotated[int, typer.Option("--max-chars", help="The longest a reply may be.", min=40)] = 400,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    save: Annotated[
        int | None,
        typer.Option(
            "--save", help="Keep reply K of the comment (--comment N) on the path, as a draft.", min=1
        ),
    ] = None,
    as_user: AsOpt = None,
    leader: LeaderOpt = None,
) -> None:
    """Triage each comment (question, praise, criticism, case, political, press, abuse, spam), suggest an
    action and draft one to three replies, each checked. Nothing is posted: a person replies."""
    from sendemast.assembly import Organisation
    from sendemast.cli.common import leader_id_from, print_json, read_text_arg, stderr_console, workspace_from
    from sendemast.dialogue.service import reply_to_thread, resolve_post

    workspace = workspace_from(ctx)
    context = Organisation(workspace).leader(leader_id_from(ctx, leader))
    text = read_text_arg(thread)
    post_text = resolve_post(workspace, post)
    model = None
    if model_id:
        from sendemast.assembly import open_model

        model = open_model(workspace, model_id)
    result = reply_to_thread(context, text, post=post_text, comment=comment, model=model, max_chars=max_chars)
    for warning in result.warnings:
        stderr_console().print(f"warning: {warning}", markup=False)
    if save is not None:
        _save(context, result, save, post, as_user, as_json)
        return
    if as_json:
        print_json(result.to_json())
    else:
        _print_human(result)


AsOpt = Annotated[
    str | None,
    typer.Option("--as", envvar="SENDEMAST_USER", help="Act as this account, with her permissions."),
]


def _save(
    context: Any, result: ThreadResult, number: int, post: str | None, as_user: str | None, as_json: bool
) -> None:
    from sendemast.cli.common import print_json, stdout_console
    from sendemast.dialogue.record import save_reply

    if len(result.comments) != 1:
        raise UsageError("--save needs --comment N: which comment's reply to keep")
    item = result.comments[0]
    if not 1 <= number <= len(item.replies):
        raise UsageError(f"no reply {number}: comment {item.comment.index} has {len(item.replies)}")
    reply = item.replies[number - 1]
    db, user = _database(context.workspace, as_user)
    saved = save_reply(
        db,
        user,
        context.id,
        author=item.comment.author,
        comment=item.comment.text,
        cls=item.triage.cls,
        text=reply.text,
        check=reply.check,
        post_id=int(post) if post and post.isdigit() else None,
    )
    if as_json:
        print_json(saved)
        return
    path = (
        "it must be submitted and approved before it is sent"
        if saved["sensitive"]
        else "mark it sent when you have posted it"
    )
    stdout_console().print(f"Reply {saved['id']} saved as a draft ({saved['class']}): {path}.", markup=False)


def _database(workspace: Any, as_user: str | None) -> tuple[Any, Any]:
    from sendemast.team.accounts import get_user
    from sendemast.team.db import open_workspace_database

    db = open_workspace_database(workspace)
    return db, get_user(db, as_user) if as_user else None


dialogue_app = typer.Typer(
    help="Replies on their path and the record of moderation actions.", no_args_is_help=True
)
app.add_typer(dialogue_app, name="dialogue")
IdArg = Annotated[int, typer.Argument(metavar="ID", help="The reply's number (sendemast reply --save).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _step(ctx: typer.Context, reply_id: int, action: str, as_user: str | None, as_json: bool) -> None:
    from sendemast.cli.common import print_json, stdout_console, workspace_from
    from sendemast.dialogue.record import step_reply

    db, user = _database(workspace_from(ctx), as_user)
    done = step_reply(db, user, reply_id, action)
    if as_json:
        print_json(done)
    else:
        stdout_console().print(f"Reply {done['id']} · {done['leader']} · {done['status']}", markup=False)


@dialogue_app.command("submit")
def submit_command(
    ctx: typer.Context, reply_id: IdArg, as_user: AsOpt = None, as_json: JsonOpt = False
) -> None:
    """Send a reply draft for approval."""
    _step(ctx, reply_id, "submit", as_user, as_json)


@dialogue_app.command("approve")
def approve_command(
    ctx: typer.Context, reply_id: IdArg, as_user: AsOpt = None, as_json: JsonOpt = False
) -> None:
    """Approve a submitted reply (an approver for the leader)."""
    _step(ctx, reply_id, "approve", as_user, as_json)


@dialogue_app.command("sent")
def sent_command(
    ctx: typer.Context, reply_id: IdArg, as_user: AsOpt = None, as_json: JsonOpt = False
) -> None:
    """Mark a reply as sent ("svar sendt"): a sensitive one only once approved."""
    _step(ctx, reply_id, "send", as_user, as_json)


@dialogue_app.command("moderate")
def moderate_command(
    ctx: typer.Context,
    action: Annotated[str, typer.Option("--action", help="hidden, deleted, reported or blocked.")],
    ground: Annotated[
        str, typer.Option("--ground", help="A ground of the moderation policy (moderation.yaml).")
    ],
    reason: Annotated[
        str, typer.Option("--reason", help="Why, in words (required to delete or block).")
    ] = "",
    author: Annotated[str, typer.Option("--author", help="Who wrote the comment.")] = "",
    comment: Annotated[str, typer.Option("--comment", help="The comment, as it stood.")] = "",
    post: Annotated[int | None, typer.Option("--post", help="The post on the board it was under.")] = None,
    as_user: AsOpt = None,
    leader: LeaderOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Record a moderation action: who, when, on which ground and why."""
    from sendemast.assembly import Organisation
    from sendemast.cli.common import leader_id_from, print_json, stdout_console, workspace_from
    from sendemast.dialogue.record import record_moderation
    from sendemast.dialogue.rules import load_rules

    workspace = workspace_from(ctx)
    context = Organisation(workspace).leader(leader_id_from(ctx, leader))
    db, user = _database(workspace, as_user)
    done = record_moderation(
        db,
        user,
        context.id,
        load_rules(workspace.root),
        action=action,
        ground=ground,
        reason=reason,
        author=author,
        comment=comment,
        post_id=post,
    )
    if as_json:
        print_json(done)
    else:
        stdout_console().print(
            f"Recorded: {done['action']} ({done['ground']}) by {done['actor']} at {done['at']}", markup=False
        )


@dialogue_app.command("record")
def record_command(
    ctx: typer.Context, as_user: AsOpt = None, leader: LeaderOpt = None, as_json: JsonOpt = False
) -> None:
    """The leader's dialogue record: replies and moderation actions."""
    from sendemast.assembly import Organisation
    from sendemast.cli.common import leader_id_from, print_json, stdout_console, workspace_from
    from sendemast.dialogue.record import leader_record

    workspace = workspace_from(ctx)
    context = Organisation(workspace).leader(leader_id_from(ctx, leader))
    db, user = _database(workspace, as_user)
    data = leader_record(db, user, context.id)
    if as_json:
        print_json(data)
        return
    out = stdout_console()
    for r in data["replies"]:
        out.print(
            f"reply {r['id']} · {r['class']} · {r['status']} · {r['created_by']} {r['created_at']}: "
            f"{r['text']}",
            markup=False,
        )
    for m in data["moderation"]:
        out.print(f"{m['action']} · {m['ground']} · {m['actor']} {m['at']}: {m['reason']}", markup=False)


def _print_human(result: ThreadResult) -> None:
    from sendemast.cli.common import stdout_console

    out = stdout_console()
    for item in result.comments:
        data: dict[str, Any] = item.to_dict()
        who = data["author"] or "(ukendt)"
        out.rule(f"{data['number']}. {who}", align="left")
        out.print(data["text"], markup=False)
        out.print(f"→ {data['label']} · {data['action']}", markup=False, style="bold")
        out.print(f"  {data['why']}", markup=False)
        if data.get("moderation") and data["moderation"].get("rule"):
            out.print(
                f"  moderation: {data['moderation']['label']} – {data['moderation']['rule']}", markup=False
            )
        if not data["replies"]:
            out.print("  (no reply)", markup=False)
        for number, reply in enumerate(data["replies"], start=1):
            check = reply["check"]
            out.print(f"  [{number}] {reply['text']}", markup=False)
            out.print(f"      check: {check['verdict']} · {check['length']} chars", markup=False)
            for finding in check["findings"]:
                out.print(
                    f"      {finding['severity']:>6} {finding['message']} ({finding['rule']})", markup=False
                )
