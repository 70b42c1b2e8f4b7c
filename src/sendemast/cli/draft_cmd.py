"""``sendemast draft`` and ``sendemast rewrite``: notes or an institutional text in, posts out."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any, Literal, cast

import typer

from sendemast.cli.app import app
from sendemast.cli.common import LeaderOpt

if TYPE_CHECKING:
    from sendemast.drafting.types import DraftRequest, DraftResult, Lang

ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        "-m",
        help="provider/name: openai/gpt-4o-mini, local/gemma-3-270m, local/PATH.gguf, fake/draft.",
    ),
]
CapacityOpt = Annotated[str | None, typer.Option(
    "--capacity", help="personal (på egne vegne) or official (for the authority); default: the profile's.")]
ChannelOpt = Annotated[
    str | None,
    typer.Option(
        "--channel", "-c", help="linkedin, x, bluesky, mastodon or threads (default: the profile's first)."
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
AllowOpt = Annotated[
    bool,
    typer.Option(
        "--allow-personal-data",
        help="Send phone numbers, e-mails and names to a hosted model (never CPR numbers).",
    ),
]
RedactOpt = Annotated[
    bool,
    typer.Option(
        "--redact", help="Replace personal data with placeholders like [CPR] before a hosted model sees it."
    ),
]
LangOpt = Annotated[str | None, typer.Option("--lang", help="da or en (default: the notes' language).")]
SeedOpt = Annotated[int | None, typer.Option("--seed", help="Sampling seed, for repeatable drafts.")]


def _run(
    ctx: typer.Context,
    request: DraftRequest,
    model_id: str | None,
    as_json: bool,
    leader_id: str | None = None,
) -> None:
    from sendemast.assembly import Organisation, draft_in_workspace, open_model
    from sendemast.cli.common import (
        leader_id_from,
        print_json,
        stderr_console,
        stdout_console,
        workspace_from,
    )

    workspace = workspace_from(ctx)
    leader = Organisation(workspace).leader(leader_id_from(ctx, leader_id))
    model = open_model(workspace, model_id)
    err = stderr_console()
    watching = not as_json and sys.stderr.isatty()  # progress chatter only for a person watching
    if watching:
        err.print(f"[dim]Writing with {model.model_id}…[/dim]")
    from sendemast.cli.progress import Progress

    result = draft_in_workspace(
        workspace, request, model=model, leader=leader, on_event=Progress() if watching else None
    )
    for warning in result.warnings:
        err.print(f"[yellow]warning:[/yellow] {warning}", markup=True)
    if as_json:
        print_json(result.to_json())
    else:
        _print_human(result)
        if result.post_id is not None:  # every draft is a post on the approval path (sendemast post …)
            stdout_console().print(
                f"Saved as post {result.post_id} (kladde): sendemast post show {result.post_id}", markup=False
            )


def _print_accounting(out: Any, result: DraftResult, draft: Any) -> None:
    """Facts kept / missing / invented, where each sentence came from, and what the notes kept out."""
    from rich.markup import escape

    da = result.lang != "en"
    facts = draft.facts or {}
    if facts.get("total") or facts.get("invented"):
        kept, total = len(facts.get("kept", [])), facts.get("total", 0)
        line = (
            f"{kept} af {total} fakta fra noterne er med"
            if da
            else f"{kept} of {total} facts from the notes are in"
        )
        if result.command == "rewrite":
            line = (
                f"{kept} af {total} fakta fra originalen er med"
                if da
                else f"{kept} of {total} facts of the original are in"
            )
        colour = "green" if not facts.get("missing") and not facts.get("invented") else "yellow"
        out.print(
            f"[bold]Fakta:[/bold] [{colour}]{escape(line)}[/]"
            if da
            else f"[bold]Facts:[/bold] [{colour}]{escape(line)}[/]"
        )
        if facts.get("missing"):
            out.print(("  mangler: " if da else "  missing: ") + escape(", ".join(facts["missing"])))
        if facts.get("invented"):
            out.print(
                ("  [red]opfundet:[/red] " if da else "  [red]invented:[/red] ")
                + escape(", ".join(facts["invented"]))
            )
    if draft.composition:
        by = {"model": 0, "rules": 0, "notes": 0, "template": 0}
        for sentence in draft.composition:
            by[sentence.get("origin", "notes")] = by.get(sentence.get("origin", "notes"), 0) + 1
        rules_da = f"{by['rules']} omskrevet efter regler, " if by["rules"] else ""
        rules_en = f"{by['rules']} rewritten by rule, " if by["rules"] else ""
        out.print(
            f"[bold]Sætninger:[/bold] {by['model']} skrevet af modellen, {rules_da}{by['notes']} lavet "
            f"direkte fra noterne, {by['template']} fast indledning"
            if da
            else f"[bold]Sentences:[/bold] {by['model']} written by the model, {rules_en}{by['notes']} made "
            f"from the notes themselves, {by['template']} fixed opening"
        )
        if draft.left_out:
            out.print(
                ("  uden plads på kanalen: " if da else "  no room on the channel: ")
                + escape(" | ".join(draft.left_out))
            )
    notes = result.notes or {}
    for item in notes.get("instructions", []):
        checked = (" (tjekket)" if da else " (checked)") if item.get("checkable") else ""
        out.print(
            (
                "[bold]Læst som instruks[/bold], ikke opslag: "
                if da
                else "[bold]Read as an instruction[/bold], not post text: "
            )
            + escape(item["text"])
            + checked
        )
    for item in notes.get("omitted", []):
        why = (
            ("personlige oplysninger om en navngiven person" if da else "a named person's private details")
            if item.get("reason") == "privacy.sensitive"
            else ("CPR-nummer" if da else "a CPR number")
        )
        text = "[CPR]" if item.get("reason") == "privacy.cpr" else item["text"]
        out.print(("[bold]Udeladt:[/bold] " if da else "[bold]Left out:[/bold] ") + escape(f"{text} — {why}"))


def _print_human(result: DraftResult) -> None:
    from rich.markup import escape

    from sendemast.cli.common import stdout_console

    out = stdout_console()
    colours = {"block": "red", "review": "yellow", "warn": "yellow", "pass": "green", "info": "blue"}
    total = len(result.drafts)
    for n, draft in enumerate(result.drafts, start=1):
        verdict = draft.verdict
        label = "Rewrite" if result.command == "rewrite" else "Draft"
        revised = " · revised once" if draft.revised else ""
        out.rule(f"{label} {n}/{total} · {draft.channel}{revised}")
        out.print(draft.text, markup=False, highlight=False)
        out.print()
        length = draft.check.get("length") or {}
        size = f" · {length.get('count')}/{length.get('limit')} {length.get('unit', '')}" if length else ""
        if isinstance(draft.check.get("lix"), int | float):
            size += f" · LIX {draft.check['lix']:.0f}"
        out.print(f"[bold]Scorecard:[/bold] [{colours.get(verdict, 'white')}]{verdict}[/]{escape(size)}")
        tips = draft.check.get("tips") or {}
        if tips:
            # The article's six tips, 0..1 each (see the checker's README for how each is computed).
            out.print("  " + " · ".join(f"{name} {float(score):.2f}" for name, score in tips.items()))
        if isinstance(draft.check.get("written"), dict):
            from sendemast.guidelines.engine.render import written_line

            out.print("  " + escape(written_line(draft.check["written"], result.lang)))
        for f in draft.check.get("findings", []):
            sev = str(f.get("severity", ""))
            out.print(
                f"  [{colours.get(sev, 'white')}]{sev:>6}[/] {escape(str(f.get('message', '')))} "
                f"[dim]({escape(str(f.get('rule', '')))})[/dim]"
            )
        _print_accounting(out, result, draft)
        if draft.sources:
            out.print("[bold]Sources:[/bold]")
            for s in draft.sources:
                out.print(f"  {escape(s.kind)}: {escape(s.title or s.id)} [dim]{escape(s.id)}[/dim]")
        if draft.diff:
            out.print("[bold]Diff against the original:[/bold]")
            out.print(draft.diff.rstrip(), markup=False, highlight=False)
    out.rule()
    out.print(
        f"Model: {result.model} · prompt {result.prompt_name} v{result.prompt_version}"
        f" · saved as history {result.history_id}",
        markup=False,
    )
    if result.model_is_demo:
        out.print(
            "[yellow]This is a small bundled demonstration model: expect shaky drafts. For real use set "
            "OPENAI_API_KEY or pick a stronger model with --model.[/yellow]"
        )


@app.command("draft")
def draft_command(
    ctx: typer.Context,
    notes: Annotated[
        str | None, typer.Argument(help="Bullet notes: a file, '-' for standard input, or the text.")
    ] = None,
    channel: ChannelOpt = None,
    audience: Annotated[
        str | None, typer.Option("--audience", help="An audience id from the profile.")
    ] = None,
    topic: Annotated[str | None, typer.Option("--topic", help="A topic id from the profile.")] = None,
    variants: Annotated[
        int | None,
        typer.Option(
            "--variants",
            "-n",
            help="How many drafts (default 3, or 1 with the bundled model).",
        ),
    ] = None,
    lang: LangOpt = None,
    model: ModelOpt = None,
    as_json: JsonOpt = False,
    allow_personal_data: AllowOpt = False,
    redact: RedactOpt = False,
    seed: SeedOpt = None,
    slot: Annotated[
        str | None,
        typer.Option("--slot", help="A slot id from 'sendemast plan': its idea, topic, audience, channel."),
    ] = None,
    leader_id: LeaderOpt = None,
    capacity: CapacityOpt = None,
) -> None:
    """Write posts from bullet notes, in your voice, checked against the guidelines."""
    if slot is not None:  # the slot gives notes and options; anything given on the command line wins
        from sendemast.cli.common import leader_from, read_text_arg, workspace_from
        from sendemast.planning import resolve_slot

        workspace = workspace_from(ctx)
        chosen = leader_from(ctx, workspace, leader_id)
        planned = resolve_slot(workspace.state_dir, chosen.id, slot, workspace.root)
        notes = planned.notes + ("\n" + read_text_arg(notes) if notes is not None else "")
        channel, topic = channel or planned.channel, topic or planned.topic or None
        audience = audience or planned.audience or None
    if notes is None:
        from sendemast.errors import UsageError

        raise UsageError("no notes to draft from", hint="give NOTES (a file, '-' or the text) or --slot ID")
    request = _request("draft", notes, channel=channel, variants=variants, lang=lang, seed=seed,
                       allow_personal_data=allow_personal_data, redact=redact, audience=audience, topic=topic,
                       capacity=_capacity(capacity))
    _run(ctx, request, model, as_json, leader_id)


@app.command("rewrite")
def rewrite_command(
    ctx: typer.Context,
    post: Annotated[
        str, typer.Argument(help="The institutional text: a file, '-' for standard input, or the text.")
    ],
    channel: ChannelOpt = None,
    variants: Annotated[
        int | None, typer.Option("--variants", "-n", help="How many rewrites (default 1).")
    ] = None,
    lang: LangOpt = None,
    model: ModelOpt = None,
    as_json: JsonOpt = False,
    allow_personal_data: AllowOpt = False,
    redact: RedactOpt = False,
    seed: SeedOpt = None,
    leader_id: LeaderOpt = None,
    capacity: CapacityOpt = None,
) -> None:
    """Rewrite a press release or news item as a first-person post, keeping every fact, with a diff."""
    request = _request("rewrite", post, channel=channel, variants=variants, lang=lang, seed=seed,
                       allow_personal_data=allow_personal_data, redact=redact, capacity=_capacity(capacity))
    _run(ctx, request, model, as_json, leader_id)


def _capacity(value: str | None) -> str | None:
    from sendemast.team.posts import check_capacity

    return None if value is None else check_capacity(value)


def _request(
    command: Literal["draft", "rewrite"], text_arg: str, *, lang: str | None, **options: Any
) -> DraftRequest:
    """The request both commands build: the text (a file, '-' or the text itself) and the options."""
    from sendemast.cli.common import read_text_arg
    from sendemast.drafting.types import DraftRequest

    return DraftRequest(text=read_text_arg(text_arg), command=command, lang=_lang(lang), **options)


def _lang(value: str | None) -> Lang | None:
    from sendemast.errors import UsageError

    if value is None:
        return None
    if value in ("da", "en"):
        return cast("Lang", value)
    raise UsageError(f"unknown language {value!r} (expected da or en)")
