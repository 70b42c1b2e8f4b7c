"""The console report: a rich table of cases, the reasons for each failure, and the summary line.

Content from posts and models is printed as plain :class:`rich.text.Text`, never parsed as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

_STYLES = {"passed": "green", "failed": "red", "error": "red", "skipped": "yellow", "info": "dim"}
_SHOWN = ("checker", "voice", "grounded", "facts", "faithful", "mentions")


def _cell(score: dict[str, Any] | None) -> Any:
    from rich.text import Text

    if score is None:
        return Text("")
    value = score.get("value")
    shown = f"{value:.2f}" if isinstance(value, float) else ("—" if value is None else str(value))
    return Text(shown, style=_STYLES.get(str(score.get("status")), ""))


def print_report(report: dict[str, Any], console: Console) -> None:
    from rich.table import Table
    from rich.text import Text

    cases = report.get("cases", [])
    judges = sorted({name for c in cases for name in (c.get("scores") or {}) if name.startswith("judge.")})
    table = Table(title=f"sendemast eval · {report.get('suite')}", title_justify="left", expand=False)
    table.add_column("case", no_wrap=True)
    table.add_column("task")
    table.add_column("result")
    for name in (*_SHOWN, *judges):
        table.add_column(name.replace("judge.", "j."), justify="right")
    for case in cases:
        scores = case.get("scores") or {}
        result = Text("PASS", style="green") if case.get("passed") else Text("FAIL", style="bold red")
        if case.get("flaky"):
            result.append(" flaky", style="yellow")
        table.add_row(Text(str(case["id"])), Text(str(case.get("task", ""))), result,
                      *(_cell(scores.get(name)) for name in (*_SHOWN, *judges)))
    console.print(table)
    for case in cases:
        if case.get("passed"):
            continue
        for name, score in (case.get("scores") or {}).items():
            if score.get("status") in ("failed", "error"):
                line = Text("  ✗ ", style="red")
                line.append(f"{case['id']} · {name}: ", style="bold")
                line.append(str(score.get("explanation", "")))
                console.print(line)
    run = report.get("run") or {}
    summary = report.get("summary") or {}
    if run.get("judge_skipped"):
        console.print(Text(f"judge scores skipped: {run['judge_skipped']}", style="yellow"))
    for note in run.get("notes") or []:
        console.print(Text(f"note: {note}", style="dim"))
    for regression in (report.get("baseline") or {}).get("regressions", []):
        console.print(Text(f"regression: {regression['message']}", style="bold red"))
    cache = run.get("cache") or {}
    line = Text(f"{summary.get('passed', 0)}/{summary.get('total', 0)} passed "
                f"({summary.get('pass_rate', 0) * 100:.0f} %)", style="bold")
    line.append(f" · {summary.get('flaky', 0)} flaky · {summary.get('skipped_scores', 0)} skipped scores"
                f" · {cache.get('misses', 0)} model calls, {cache.get('hits', 0)} from cache"
                f" · {run.get('resumed', 0)} resumed · {run.get('elapsed_s', 0)} s")
    console.print(line)
    for task, figures in (summary.get("faithfulness") or {}).items():
        spelling = (f" · {figures['unknown_per_100_words']} unknown words per 100"
                    if figures.get("spelling_checked") else " · spelling not checked")
        person = (f" · first person {figures['first_person_da'] * 100:.0f} % (Danish)"
                  if figures.get("first_person_da") is not None else "")
        console.print(Text(
            f"{task}s: facts kept {figures['facts_kept'] * 100:.0f} % · {figures['invented']} invented"
            f"{spelling}{person} · {figures['dishonest_passes']} dishonest passes"
            f" · {figures['model_sentence_share'] * 100:.0f} % of composed sentences by the model"
            + (f", {figures['rule_sentence_share'] * 100:.0f} % by rule" if figures.get("rule_sentence_share")
               else ""),
            style="bold"))
    by_suite = summary.get("written_by_suite") or {"": summary.get("written") or {}}
    for suite, per_task in by_suite.items():
        for task, figures in per_task.items():
            console.print(Text(
                f"{suite + ': ' if suite else ''}{task}s: median copied share "
                f"{figures['median_copied_share'] * 100:.0f} % "
                f"(verbatim from the {'original' if task == 'rewrite' else 'notes'}) · "
                f"{figures['mostly_pasted']} of {figures['cases']} mostly pasted (60 % or more)",
                style="bold"))
