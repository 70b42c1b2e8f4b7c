"""``sendemast reply``: triage the comments of a thread and draft checked replies in the leader's voice."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from sendemast.cli.app import app
from sendemast.cli.common import LeaderOpt

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
    if as_json:
        print_json(result.to_json())
    else:
        _print_human(result)


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
