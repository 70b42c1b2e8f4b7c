"""``sendemast check``: run the guideline checker over posts (files, standard input or JSON Lines).

Exit codes: 0 no finding reaches ``--fail-on``; 1 one does; 2 usage errors (no input, empty input, an
unreadable or non-UTF-8 file, an unknown channel) and batches with malformed lines (reported per line).
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sendemast.cli.app import app
from sendemast.cli.common import LeaderOpt

if TYPE_CHECKING:
    from sendemast.guidelines import CheckResult
    from sendemast.guidelines.engine.batch import PostCheck

_FAIL_ON = ("block", "review", "warn")
_SOURCE_KINDS = ("notes", "original")


@app.command("check")
def check_command(
    ctx: typer.Context,
    files: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files with one post each; '-' reads standard input (the default when input is piped).",
            show_default=False,
        ),
    ] = None,
    channel: Annotated[
        str | None,
        typer.Option(
            "--channel",
            "-c",
            help="linkedin, x, bluesky, mastodon or threads (default: the workspace's, else linkedin).",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on", help="Exit 1 when a finding is at least this severe: block, review or warn."
        ),
    ] = "block",
    batch: Annotated[
        str | None,
        typer.Option(
            "--batch",
            help='JSON Lines of {"id", "text", "channel"?} (\'-\' for standard input); '
            "writes one JSON result per line.",
            show_default=False,
        ),
    ] = None,
    audience: Annotated[
        str | None,
        typer.Option(
            "--audience",
            help="An audience id from the profile: its LIX ceiling and keywords apply.",
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            help="The text the post was written from: the notes of a draft (or, with --source-kind "
            "original, the original of a rewrite); the check then says how much of the post is copied.",
            show_default=False,
        ),
    ] = None,
    source_kind: Annotated[
        str, typer.Option("--source-kind", help="What --source is: notes or original.")
    ] = "notes",
    leader_id: LeaderOpt = None,
) -> None:
    """Check posts against the guidelines: the six tips, the public sector's lines and channel limits."""
    from sendemast.errors import UsageError

    if fail_on not in _FAIL_ON:
        raise UsageError(f"--fail-on must be one of {', '.join(_FAIL_ON)} (got {fail_on!r})")
    if batch is not None and files:
        raise UsageError("give either FILE arguments or --batch, not both")
    if source_kind not in _SOURCE_KINDS:
        raise UsageError(f"--source-kind must be one of {', '.join(_SOURCE_KINDS)} (got {source_kind!r})")
    if batch is not None and source is not None:
        raise UsageError("--source is for FILE arguments; give each batch line its own \"source\"")
    if source == "-" and (not files or "-" in files):
        raise UsageError("--source and the post cannot both be standard input")
    source_text = _read(source, "source to compare with") if source is not None else None
    default_channel, channels, check = _leader_check(ctx, audience, leader_id)
    channel = channel or default_channel
    if channel not in channels:
        raise UsageError(f"unknown channel {channel!r} (known: {', '.join(channels)})")
    if batch is not None:
        _run_batch(batch, channel=channel, check=check, fail_on=fail_on)
        return
    results = [_check_one(name, channel, check, source_text, source_kind) for name in _sources(files)]
    if as_json:
        from sendemast.cli.common import print_json

        many = len(results) > 1
        print_json([r.to_dict() for r in results] if many else results[0].to_dict())
    else:
        _print_human(results)
    if any(r.reaches(fail_on) for r in results):
        raise typer.Exit(1)


def _leader_check(
    ctx: typer.Context, audience: str | None, leader_id: str | None
) -> tuple[str, list[str], PostCheck]:
    """The default channel, the known channels and the check: the leader's, bound to her profile, the
    workspace's rules and ``audience`` (see ``sendemast.assembly``); without a workspace, the shipped
    rules alone."""
    from sendemast.cli.common import leader_id_from, optional_workspace_from
    from sendemast.errors import UsageError

    workspace = optional_workspace_from(ctx)
    chosen = leader_id_from(ctx, leader_id)
    if workspace is None:
        if audience or chosen:
            raise UsageError(f"{'--audience' if audience else '--leader'} needs a workspace with a profile")
        from sendemast.guidelines import check_post, load_ruleset

        ruleset = load_ruleset()
        return "linkedin", list(ruleset.channels), partial(check_post, ruleset=ruleset)
    from sendemast.assembly import Organisation

    context = Organisation(workspace).leader(chosen)  # several leaders, none chosen: one line naming them
    profile = context.check_profile
    if profile is None:
        assert context.profile_error is not None
        if audience:
            raise context.profile_error
        sys.stderr.write(
            f"warning: profile not used ({context.profile_error.one_line()}); tips use neutral defaults\n"
        )
    elif audience:
        profile.audience(audience)  # an unknown audience is a ConfigError naming the known ones
    configured = workspace.settings.checker.channel
    channel = configured or (profile.default_channel if profile is not None else "linkedin")
    return channel, list(context.ruleset.channels), partial(context.check, audience=audience)


def _sources(files: list[str] | None) -> list[str]:
    from sendemast.errors import UsageError

    if files:
        return files
    if sys.stdin is None or sys.stdin.isatty():
        raise UsageError(
            "no post to check", hint="pass a FILE, '-' for standard input, or --batch FILE.jsonl"
        )
    return ["-"]


def _read(source: str, what: str = "post to check") -> str:
    """The text of a file or of standard input ('-'); unreadable, binary, non-UTF-8 or empty: UsageError."""
    from sendemast.errors import UsageError

    name = "standard input" if source == "-" else source
    try:
        data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except IsADirectoryError:
        raise UsageError(f"{name} is a folder, not a file") from None
    except OSError as exc:
        raise UsageError(f"cannot read {name}: {exc.strerror or exc}") from None
    if b"\x00" in data:
        raise UsageError(f"{name} is not a text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{name} is not UTF-8 text") from None
    if not text.strip():
        raise UsageError(f"{name} is empty: there is no {what}")
    return text


def _check_one(
    name: str, channel: str, check: PostCheck, source: str | None = None, source_kind: str = "notes"
) -> CheckResult:
    return check(_read(name), channel, id=None if name == "-" else name, source=source,
                 source_kind=source_kind)


def _print_human(results: list[CheckResult]) -> None:
    from rich.console import Console

    from sendemast.guidelines.engine.render import render

    console = Console(highlight=False)  # not soft-wrapped: panels must wrap the post
    for index, result in enumerate(results):
        if index:
            console.print()
        render(console, result, title=result.id)


def _run_batch(source: str, *, channel: str, check: PostCheck, fail_on: str) -> None:
    import json

    from sendemast.errors import UsageError
    from sendemast.guidelines.engine.batch import BatchSummary, check_lines

    text = _read(source)
    summary = BatchSummary()
    out = sys.stdout
    for item in check_lines(
        # JSON Lines are split on "\n" only: str.splitlines() would also cut at U+2028, U+0085 and
        # friends, which JSON allows unescaped inside a string.
        text.split("\n"),
        channel=channel,
        check=check,
        fail_on=fail_on,
        summary=summary,
    ):
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
    out.flush()
    if summary.errors:
        raise UsageError(
            f"{summary.errors} of {summary.errors + summary.posts} batch line(s) could not be checked",
            hint="see the objects with an 'error' field",
        )
    if summary.reached:
        raise typer.Exit(1)
