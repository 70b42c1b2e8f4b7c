"""``sendemast eval``: run evaluation suites, report, and gate CI on the pass rate and a baseline."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand

from sendemast.cli.app import app
from sendemast.cli.common import LeaderOpt

if TYPE_CHECKING:
    from sendemast.evaluation.runner import RunResult

# Report options may be given without a value: `sendemast eval --json --junit --html`.
BARE_REPORT_DEFAULTS = {"--json": "-", "--junit": "eval-junit.xml", "--html": "eval-report.html"}


def _with_report_defaults(args: list[str]) -> list[str]:
    """Give ``--json``/``--junit``/``--html`` their default path when no value follows. A following
    ``*.yaml`` is a suite, not a report path: writing a report over a suite would destroy it."""
    out: list[str] = []
    for i, arg in enumerate(args):
        out.append(arg)
        if arg in BARE_REPORT_DEFAULTS:
            following = args[i + 1] if i + 1 < len(args) else None
            if (following is None or (following.startswith("-") and following != "-")
                    or following.lower().endswith((".yaml", ".yml"))):
                out.append(BARE_REPORT_DEFAULTS[arg])
    return out


class _EvalCommand(TyperCommand):
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _with_report_defaults(list(args)))


@app.command("eval", cls=_EvalCommand)
def eval_command(
    ctx: typer.Context,
    suites: Annotated[list[Path] | None, typer.Argument(
        help="Suite files (default: the workspace's evals/suite.yaml, else the bundled example's).")] = None,
    model: Annotated[str | None, typer.Option(
        "--model", "-m", help="Model that drafts, provider/name.")] = None,
    judge_model: Annotated[str | None, typer.Option(
        "--judge-model", help="Model that judges (default: model.judge in sendemast.toml).")] = None,
    repeat: Annotated[int, typer.Option("--repeat", min=1, max=20, help="Judge each tip N times.")] = 1,
    concurrency: Annotated[int, typer.Option("--concurrency", min=1, max=64, help="Cases at once.")] = 4,
    json_path: Annotated[str | None, typer.Option(
        "--json", help="Write the JSON report to PATH ('-' or no value: standard output).")] = None,
    junit_path: Annotated[str | None, typer.Option(
        "--junit", help="Write JUnit XML to PATH (no value: eval-junit.xml).")] = None,
    html_path: Annotated[str | None, typer.Option(
        "--html", help="Write the HTML report to PATH (no value: eval-report.html).")] = None,
    baseline: Annotated[Path | None, typer.Option(
        "--baseline", help="An earlier run's JSON report: exit 1 on a regression past --tolerance.")] = None,
    tolerance: Annotated[float, typer.Option(
        "--tolerance", min=0.0, max=1.0, help="Allowed drop against the baseline, share of a scale.")] = 0.05,
    min_pass_rate: Annotated[float | None, typer.Option(
        "--min-pass-rate", min=0.0, max=1.0, help="Exit 1 when fewer cases pass (0-1).")] = None,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="Call the models again; do not resume.")] = False,
    cache_dir: Annotated[Path | None, typer.Option(
        "--cache-dir", help="Model outputs and run journals (default: the workspace state folder).")] = None,
    leader_id: LeaderOpt = None,
) -> None:
    """Evaluate drafts, rewrites and checks against a suite: guideline scores, voice, groundedness, judges."""
    from sendemast.cli.common import (
        leader_id_from,
        optional_workspace_from,
        stderr_console,
        stdout_console,
    )
    from sendemast.errors import UsageError
    from sendemast.evaluation.runner import RunOptions
    from sendemast.evaluation.suite import default_suite_paths, load_suite

    for path in (json_path, junit_path, html_path):
        if path not in (None, "-") and str(path).lower().endswith((".yaml", ".yml")):
            raise UsageError(f"refusing to write a report to {path}: it looks like a suite file")
    workspace = optional_workspace_from(ctx)
    chosen = leader_id_from(ctx, leader_id)
    if workspace is None and chosen:
        raise UsageError("--leader needs a workspace")
    # The leader's own evals/ (the workspace root's for a single-leader workspace).
    leader = workspace.leader(chosen) if workspace is not None else None
    paths = suites or default_suite_paths(leader.root if leader else None)
    if not suites and leader is not None and leader.root not in paths[0].parents:
        stderr_console().print("[yellow]note:[/yellow] this workspace has no evals/suite.yaml, so the "
                               "example suite runs; copy it there and adapt it to your profile")
    loaded = [load_suite(p) for p in paths]
    baseline_data = None
    if baseline is not None:
        from sendemast.evaluation.baseline import load_baseline

        baseline_data = load_baseline(baseline)
    json_to_stdout = json_path == "-"
    console = stderr_console() if json_to_stdout else stdout_console()
    if not console.is_terminal:
        console.width = max(console.width, 140)  # CI logs are wide; an 80-column table folds every id
    err = stderr_console()
    options = RunOptions(model_id=model, judge_model_id=judge_model, repeat=repeat, concurrency=concurrency,
                         use_cache=not no_cache, cache_dir=cache_dir,
                         leader=leader.id if leader is not None else None)
    runs = [_run_with_progress(s, workspace, options, err) for s in loaded]
    report = _report(runs, baseline_data, baseline, tolerance)
    _write_reports(report, json_path, junit_path, html_path, err)

    from sendemast.evaluation.reports.console import print_report
    from sendemast.evaluation.reports.github import emit_annotations

    print_report(report, console)
    # Workflow commands are read from standard output; standard error when that carries the JSON.
    emit_annotations(report, sys.stderr if json_to_stdout else sys.stdout)
    rate = report["summary"]["pass_rate"]
    failed_gate = min_pass_rate is not None and rate < min_pass_rate
    if failed_gate:
        err.print(f"[red]pass rate {rate:.0%} is below --min-pass-rate {min_pass_rate:.0%}[/red]")
    if failed_gate or (report.get("baseline") or {}).get("regressions"):
        raise typer.Exit(1)


def _run_with_progress(suite: Any, workspace: Any, options: Any, err: Any) -> RunResult:
    from sendemast.evaluation.runner import run_suite

    if not err.is_terminal:
        return run_suite(suite, workspace, options)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True) as bar:
        task = bar.add_task(f"eval {suite.name}", total=len(suite.cases))
        return run_suite(suite, workspace, options,
                         progress=lambda result, done, total: bar.update(task, completed=done))


def _report(runs: list[RunResult], baseline: dict[str, Any] | None, baseline_path: Path | None,
            tolerance: float) -> dict[str, Any]:
    """One report; several suites are merged into one, case ids prefixed by their suite's name."""
    from sendemast.evaluation.baseline import compare
    from sendemast.evaluation.reports import build_report

    reports = [build_report(run) for run in runs]
    report = dict(reports[0])
    if len(reports) > 1:
        report["suite"] = " + ".join(r["suite"] for r in reports)
        report["cases"] = [{**c, "id": f"{r['suite']}/{c['id']}", "suite_path": r["run"]["suite_path"]}
                           for r in reports for c in r["cases"]]
        passed = sum(c["passed"] for c in report["cases"])
        total = len(report["cases"])
        report["summary"] = {
            "passed": passed, "failed": total - passed, "total": total,
            "pass_rate": round(passed / total, 4) if total else 0.0,
            **{k: sum(r["summary"][k] for r in reports) for k in ("flaky", "errors", "skipped_scores")},
            # the median copied share is a figure of each suite, not of the merged cases
            "written_by_suite": {r["suite"]: r["summary"].get("written") or {} for r in reports}}
    if baseline is not None:
        report["baseline"] = compare(report, baseline, tolerance=tolerance, path=str(baseline_path))
    _log(report, runs[0])
    return report


def _log(report: dict[str, Any], run: RunResult) -> None:
    """Every run leaves a log next to its cache, to diff or re-read later (as inspect_ai does)."""
    import re
    from datetime import datetime

    from sendemast.evaluation.reports import write_json

    folder = run.log_dir
    if folder is None:
        return
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", report["suite"])[:60]
    write_json(report, folder / f"{datetime.now():%Y%m%d-%H%M%S}-{slug}.json")


def _write_reports(report: dict[str, Any], json_path: str | None, junit_path: str | None,
                   html_path: str | None, err: Any) -> None:
    from sendemast.evaluation.reports import write_json

    if json_path:
        write_json(report, json_path)
    if junit_path:
        from sendemast.evaluation.reports.junit import write_junit

        write_junit(report, junit_path)
    if html_path:
        from sendemast.evaluation.reports.html import write_html

        write_html(report, html_path)
    written = [p for p in (json_path, junit_path, html_path) if p and p != "-"]
    if written:
        err.print(f"[dim]wrote {', '.join(written)}[/dim]")
