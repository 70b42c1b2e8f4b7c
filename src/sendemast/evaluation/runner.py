"""Run a suite: set up what the cases share, run the cases concurrently (a thread pool bounded by
``--concurrency``; model calls wait on the network, so threads are enough), score them, journal each
result as it finishes, and collect everything a report needs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sendemast.errors import SendemastError, UsageError
from sendemast.evaluation.journal import Journal, digest
from sendemast.evaluation.registry import ScoreContext
from sendemast.evaluation.scorers import scorers_for
from sendemast.evaluation.suite import read_input
from sendemast.evaluation.types import CaseResult, Score

if TYPE_CHECKING:
    from sendemast.evaluation.cache import OutputCache
    from sendemast.evaluation.services import Services
    from sendemast.evaluation.suite import Case, Suite
    from sendemast.workspace import Workspace

Progress = Callable[[CaseResult, int, int], None]


@dataclass
class RunOptions:
    model_id: str | None = None
    judge_model_id: str | None = None
    repeat: int = 1
    concurrency: int = 4
    use_cache: bool = True
    cache_dir: Path | None = None
    use_embeddings: bool = True
    leader: str | None = None  # whose profile, posts and voice (None: the workspace's default leader)

    def validate(self) -> None:
        if not 1 <= self.repeat <= 20:
            raise UsageError("--repeat must be between 1 and 20")
        if not 1 <= self.concurrency <= 64:
            raise UsageError("--concurrency must be between 1 and 64")


@dataclass
class RunResult:
    suite: Suite
    model: str | None
    judge_model: str | None
    cases: list[CaseResult]
    started: str
    elapsed_s: float
    repeat: int = 1
    cache: dict[str, int] = field(default_factory=dict)
    resumed: int = 0
    notes: list[str] = field(default_factory=list)
    judge_skipped: str | None = None
    log_dir: Path | None = None

    def summary(self) -> dict[str, Any]:
        from sendemast.evaluation.scorers.faithful import faithfulness_summary
        from sendemast.evaluation.scorers.written import written_summary

        passed = sum(c.passed for c in self.cases)
        total = len(self.cases)
        statuses = [s.status for c in self.cases for s in c.scores.values()]
        return {"passed": passed, "failed": total - passed, "total": total,
                "pass_rate": round(passed / total, 4) if total else 0.0,
                "flaky": sum(c.flaky for c in self.cases),
                "errors": sum(c.error is not None for c in self.cases),
                "skipped_scores": statuses.count("skipped"),
                "faithfulness": faithfulness_summary(self.cases),
                "written": written_summary(self.cases)}


def case_result(case: Case, suite: Suite, text: str, services: Services) -> CaseResult:
    """Solve and score one case; a failure becomes an ``error`` score, never an exception."""
    from sendemast.evaluation.solvers import solve

    started = time.perf_counter()
    result = CaseResult(id=case.id, task=case.task, passed=False, scores={}, output=None, input=text,
                        description=case.description, line=suite.line_of(case.id))
    try:
        output = solve(suite, case, text, services)
    except Exception as exc:  # a broken case must not end the run; it is reported with its reason
        message = exc.one_line() if isinstance(exc, SendemastError) else f"{type(exc).__name__}: {exc}"
        result.error = message
        result.scores = {"solve": Score(None, message, status="error")}
        result.elapsed_s = time.perf_counter() - started
        return result
    result.output, result.channel, result.lang = output.text, output.channel, output.lang
    result.sources, result.prompt, result.warnings = output.sources, output.prompt, output.warnings
    context = ScoreContext(case=case, expect=suite.expectation(case), output=output, services=services)
    for spec in scorers_for(case.task):
        try:
            result.scores.update(spec.fn(context))
        except Exception as exc:
            message = exc.one_line() if isinstance(exc, SendemastError) else f"{type(exc).__name__}: {exc}"
            result.scores[spec.name] = Score(None, f"scorer failed: {message}", status="error")
    seen: set[tuple[Any, ...]] = set()
    for score in result.scores.values():
        for finding in score.findings:
            key = (finding.get("rule"), finding.get("start"), finding.get("end"), finding.get("message"))
            if key not in seen:
                seen.add(key)
                result.findings.append(finding)
    result.passed = all(s.status not in ("failed", "error") for s in result.scores.values())
    result.flaky = any(bool(s.metadata.get("flaky")) for s in result.scores.values())
    result.elapsed_s = time.perf_counter() - started
    return result


@dataclass
class PreparedRun:
    """A run set up and ready: inputs read, models and shared services built, journal loaded."""

    suite: Suite
    options: RunOptions
    services: Services
    cache: OutputCache
    cache_root: Path
    inputs: dict[str, str]
    journal: Journal
    fingerprints: dict[str, str]

    def run(self, progress: Progress | None = None) -> RunResult:
        suite, services = self.suite, self.services
        started_at = datetime.now(UTC).isoformat(timespec="seconds")
        started = time.perf_counter()
        done = self.journal.load(self.fingerprints)
        for result in done.values():
            result.resumed = True
        total = len(suite.cases)
        for n, result in enumerate(done.values(), start=1):
            if progress:
                progress(result, n, total)
        pending = [c for c in suite.cases if c.id not in done]
        pool = ThreadPoolExecutor(max_workers=self.options.concurrency, thread_name_prefix="eval")
        futures: dict[Future[CaseResult], Case] = {
            pool.submit(case_result, case, suite, self.inputs[case.id], services): case for case in pending}
        try:
            remaining = set(futures)
            while remaining:
                finished, remaining = wait(remaining, return_when=FIRST_COMPLETED)
                for future in finished:
                    result = future.result()
                    self.journal.save(result, self.fingerprints[result.id])
                    done[result.id] = result
                    if progress:
                        progress(result, len(done), total)
        except BaseException:
            # Ctrl-C: drop what has not started; what finished is in the journal for the next run.
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()
        cases = [done[c.id] for c in suite.cases]
        cache = {"hits": self.cache.hits, "misses": self.cache.misses}
        run = RunResult(suite=suite, model=services.model.model_id if services.model else None,
                        judge_model=services.judge.model_id if services.judge else services.judge_requested,
                        cases=cases, started=started_at, elapsed_s=time.perf_counter() - started,
                        repeat=self.options.repeat, cache=cache,
                        resumed=sum(c.resumed for c in cases), notes=list(services.notes),
                        judge_skipped=services.judge_skip_reason, log_dir=self.cache_root / "logs")
        self.journal.mark_complete(run.summary())
        from sendemast.evaluation.cache import prune

        days = services.settings.eval.cache_days if services.settings is not None else 30
        pruned = prune(self.cache_root, days, keep=self.journal.folder)
        if pruned:
            run.notes.append(f"removed {pruned} cache entries unused for {days} days ([eval] cache_days)")
        return run


def _inputs_state(workspace: Workspace | None, prompt_folders: list[Path]) -> list[Any]:
    """What else a case's result depends on: edit a prompt, the profile or the settings, and a killed
    run is not resumed with results made before the edit."""
    files = [p for folder in prompt_folders for p in sorted(folder.rglob("*.yaml"))]
    if workspace is not None:
        files += [workspace.root / "sendemast.toml", workspace.path(workspace.settings.profile)]
    state = []
    for path in files:
        try:
            stat = path.stat()
            state.append([str(path), stat.st_size, stat.st_mtime_ns])
        except OSError:
            continue
    return state


def prepare(suite: Suite, workspace: Workspace | None, options: RunOptions) -> PreparedRun:
    """Everything before the first case: validate, read inputs, build models and services, open the
    journal (a complete one, or any with ``use_cache`` off, is cleared: only a killed run resumes)."""
    from sendemast.evaluation import solvers
    from sendemast.evaluation.setup import build_services, cache_root_for

    options.validate()
    inputs = {case.id: read_input(suite, case, workspace.root if workspace else None) for case in suite.cases}
    cache_root = cache_root_for(workspace, options.cache_dir)
    services, cache = build_services(suite, workspace, options, cache_root)
    run_key = digest(suite.digest, str(suite.path), services.model.model_id if services.model else None,
                     services.judge.model_id if services.judge else None, options.repeat,
                     options.use_embeddings, _inputs_state(workspace, services.prompt_folders))
    expectations = [suite.expectation(case) for case in suite.cases]
    services.warm(tasks={case.task for case in suite.cases},
                  channels={solvers.channel_of(suite, case, services) for case in suite.cases},
                  judge_tips={tip for expect in expectations for tip in expect.judge_min})
    journal = Journal(cache_root / "runs" / run_key[:24])
    if journal.complete or not options.use_cache:
        journal.reset()
    fingerprints = {c.id: digest(run_key, c.model_dump(mode="json"), inputs[c.id]) for c in suite.cases}
    return PreparedRun(suite, options, services, cache, cache_root, inputs, journal, fingerprints)


def run_suite(suite: Suite, workspace: Workspace | None, options: RunOptions,
              progress: Progress | None = None) -> RunResult:
    """Prepare and run ``suite``; each case's result is journaled as it finishes."""
    return prepare(suite, workspace, options).run(progress)
