"""``sendemast history list`` and ``sendemast history show ID``: every draft and rewrite, with inputs."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from sendemast.cli.app import app
from sendemast.cli.common import LeaderOpt

history_app = typer.Typer(
    help="Every draft and rewrite, with its inputs, model, prompt and scorecard.", no_args_is_help=True
)
app.add_typer(history_app, name="history")


def _store(ctx: typer.Context, leader_id: str | None) -> Any:
    """The history of the chosen leader: entries of other leaders are left out, and an entry from before
    entries carried a leader counts as the root leader's."""
    from sendemast.cli.common import leader_from, workspace_from
    from sendemast.team.history import HistoryStore

    workspace = workspace_from(ctx)
    leader = leader_from(ctx, workspace, leader_id)
    return _LeaderHistory(HistoryStore.for_workspace(workspace, leader=leader.id), leader.id, leader.is_root)


class _LeaderHistory:
    def __init__(self, store: Any, leader: str, is_root: bool) -> None:
        self.store, self.leader, self.is_root = store, leader, is_root

    def _mine(self, entry: dict[str, Any]) -> bool:
        owner = entry.get("leader")
        return owner == self.leader or (owner is None and self.is_root)

    def entries(self) -> list[dict[str, Any]]:
        return [e for e in self.store.entries() if self._mine(e)]

    def get(self, entry_id: str) -> dict[str, Any]:
        from sendemast.errors import UsageError

        entry: dict[str, Any] = self.store.get(entry_id)
        if not self._mine(entry):
            raise UsageError(f"history entry {entry['id']} belongs to leader {entry.get('leader')!r}",
                             hint=f"pass --leader {entry.get('leader')}")
        return entry


@history_app.command("list")
def history_list(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many entries, newest first.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    leader_id: LeaderOpt = None,
) -> None:
    """List history entries, newest first."""
    from rich.markup import escape

    from sendemast.cli.common import print_json, stdout_console

    entries = _store(ctx, leader_id).entries()[:limit]
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
    from sendemast.team.history import summarize

    return summarize(entry)


@history_app.command("show")
def history_show(
    ctx: typer.Context,
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="An entry id, or a unique start of one.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole entry as JSON.")] = False,
    leader_id: LeaderOpt = None,
) -> None:
    """Show one entry: its inputs, model, prompt, outputs and scorecards."""
    from sendemast.cli.common import print_json, stdout_console

    entry = _store(ctx, leader_id).get(entry_id)
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
