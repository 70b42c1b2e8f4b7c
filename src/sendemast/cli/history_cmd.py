"""``sendemast history list`` and ``sendemast history show ID``: every draft and rewrite, with inputs."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from sendemast.cli.app import app

history_app = typer.Typer(
    help="Every draft and rewrite, with its inputs, model, prompt and scorecard.", no_args_is_help=True
)
app.add_typer(history_app, name="history")


def _store(ctx: typer.Context) -> Any:
    from sendemast.cli.common import workspace_from
    from sendemast.drafting.history import HistoryStore

    return HistoryStore(workspace_from(ctx).state_dir / "history")


@history_app.command("list")
def history_list(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many entries, newest first.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List history entries, newest first."""
    from rich.markup import escape

    from sendemast.cli.common import print_json, stdout_console

    entries = _store(ctx).entries()[:limit]
    if as_json:
        print_json({"entries": [_summary(e) for e in entries]})
        return
    console = stdout_console()
    if not entries:
        console.print("No history yet.")
    for e in entries:
        s = _summary(e)
        verdicts = ",".join(s["verdicts"]) or "-"
        console.print(
            f"[bold]{s['id']}[/bold]  {s['time']}  {s['command']:<7} {s['status']:<8} "
            f"{escape(str(s['model']))}  [dim]{verdicts}[/dim]  {escape(s['snippet'])}",
            markup=True,
            highlight=False,
        )


def _summary(entry: dict[str, Any]) -> dict[str, Any]:
    from sendemast.drafting.history import summarize

    return summarize(entry)


@history_app.command("show")
def history_show(
    ctx: typer.Context,
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="An entry id, or a unique start of one.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole entry as JSON.")] = False,
) -> None:
    """Show one entry: its inputs, model, prompt, outputs and scorecards."""
    from sendemast.cli.common import print_json, stdout_console

    entry = _store(ctx).get(entry_id)
    if as_json:
        print_json(entry)
        return
    out = stdout_console()
    prompt = entry.get("prompt") or {}
    out.print(
        f"[bold]{entry['id']}[/bold]  {entry.get('time')}  {entry.get('command')}  "
        f"status: {entry.get('status')}",
        highlight=False,
    )
    out.print(
        f"model: {entry.get('model')}  prompt: {prompt.get('name', '-')} v{prompt.get('version', '-')}",
        markup=False,
        highlight=False,
    )
    if entry.get("error"):
        out.print(f"[red]error:[/red] {entry['error']}", highlight=False)
    inputs = entry.get("inputs") or {}
    options = {k: v for k, v in inputs.items() if k != "text" and v not in (None, False)}
    out.rule("Input")
    out.print(str(inputs.get("text", "")), markup=False, highlight=False)
    out.print(f"[dim]{options}[/dim]", markup=True, highlight=False)
    for n, output in enumerate(entry.get("outputs") or [], start=1):
        out.rule(f"Output {n} · {output.get('channel')} · {(output.get('check') or {}).get('verdict')}")
        out.print(str(output.get("text", "")), markup=False, highlight=False)
        for f in (output.get("check") or {}).get("findings", []):
            out.print(f"  {f.get('severity'):>6} {f.get('message')} ({f.get('rule')})", markup=False)
    if entry.get("sources"):
        out.rule("Sources")
        for s in entry["sources"]:
            out.print(f"  {s.get('kind')}: {s.get('title') or s.get('id')}  ({s.get('id')})", markup=False)
