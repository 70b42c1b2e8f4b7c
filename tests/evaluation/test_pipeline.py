"""Running suites end to end on the fake models: the cache, resume, concurrency and failure handling."""

from __future__ import annotations

import json
import re
import threading
import time
from pathlib import Path

import pytest

from sendemast.evaluation.cache import CachingModel
from sendemast.evaluation.runner import RunOptions, prepare, run_suite
from sendemast.evaluation.suite import load_suite
from sendemast.models import get_model
from sendemast.models.base import ChatModel, Completion, ModelRequest
from sendemast.workspace import load_workspace
from tests.evaluation.conftest import SMOKE, VERDICT, cli, enqueue_verdicts, write_suite

DRAFTS = """
name: drafts
cases:
  - id: one
    task: draft
    input: "- Besøg på Plejecenter Engbo i Egeslev.\\n- Tak til Afsnit Øst."
    expect: {must_mention: [Engbo]}
  - id: two
    task: rewrite
    input: "Fjordmark Kommune åbner den 3. marts 2026 et borgerservicecenter i Bredstrand."
  - id: three
    task: draft
    input: "- Karrieredag på Fjordmark Gymnasium med ca. 300 elever.\\n- 62 unge i sommerjob."
"""


def test_a_rerun_with_nothing_changed_makes_no_model_calls(ws: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    enqueue_verdicts()
    args = ["-w", str(ws), "eval", str(SMOKE), "--model", "fake/draft", "--judge-model", "fake/judge",
            "--json", str(ws / "first.json")]
    assert cli(args, capsys)[0] == 0
    drafter, judge = get_model("fake/draft"), get_model("fake/judge")
    first = (len(drafter.calls), len(judge.calls))  # type: ignore[attr-defined]
    assert first[0] >= 2 and first[1] >= 2
    args[-1] = str(ws / "second.json")
    assert cli(args, capsys)[0] == 0
    assert (len(drafter.calls), len(judge.calls)) == first  # type: ignore[attr-defined]
    second = json.loads((ws / "second.json").read_text(encoding="utf-8"))
    assert second["run"]["cache"]["misses"] == 0 and second["run"]["cache"]["hits"] == sum(first)
    assert second["run"]["resumed"] == 0  # a complete run is re-scored from the cache, not resumed
    before = json.loads((ws / "first.json").read_text(encoding="utf-8"))
    assert [c["output"] for c in second["cases"]] == [c["output"] for c in before["cases"]]
    # --no-cache calls the models again
    assert cli([*args, "--no-cache"], capsys)[0] == 0
    assert len(drafter.calls) == 2 * first[0]  # type: ignore[attr-defined]


def test_a_changed_case_or_prompt_calls_only_what_changed(ws: Path) -> None:
    workspace = load_workspace(ws)
    path = write_suite(ws / "drafts.yaml", DRAFTS)
    run_suite(load_suite(path), workspace, RunOptions(model_id="fake/draft"))
    drafter = get_model("fake/draft")
    calls = len(drafter.calls)  # type: ignore[attr-defined]
    write_suite(path, DRAFTS.replace("300 elever", "350 elever"))
    run_suite(load_suite(path), workspace, RunOptions(model_id="fake/draft"))
    # the changed draft and its one revision: fake/draft pastes the notes, which is review (voice.pasted)
    assert len(drafter.calls) == calls + 2  # type: ignore[attr-defined]
    # a workspace prompt override changes every draft prompt: both drafts are called again, not the rewrite
    prompts = ws / "prompts"
    prompts.mkdir()
    from sendemast.resources import bundled

    text = (bundled("prompts") / "draft.yaml").read_text(encoding="utf-8")
    text = re.sub(r'^version: "[^"]+"', 'version: "1.0.1-test"', text, count=1, flags=re.M)
    (prompts / "draft.yaml").write_text(text.replace("Skriv opslaget nu.", "Skriv opslaget nu, kort."),
                                        encoding="utf-8")
    result = run_suite(load_suite(path), workspace, RunOptions(model_id="fake/draft"))
    # both drafts again; their revisions (the revise prompt, the same draft text) come from the cache
    assert len(drafter.calls) == calls + 2 + 2  # type: ignore[attr-defined]
    assert result.cases[0].prompt == {"name": "draft", "version": "1.0.1-test"}


def test_an_interrupted_run_resumes_only_unfinished_cases(ws: Path) -> None:
    workspace = load_workspace(ws)
    path = write_suite(ws / "drafts.yaml", DRAFTS)
    prepared = prepare(load_suite(path), workspace, RunOptions(model_id="fake/draft"))
    prepared.run()
    # as if killed after two cases: the journal holds two results and is not marked complete
    (prepared.journal.folder / "complete.json").unlink()
    (prepared.journal.folder / "cases" / "three.json").unlink()
    drafter = get_model("fake/draft")
    calls = len(drafter.calls)  # type: ignore[attr-defined]
    result = run_suite(load_suite(path), workspace, RunOptions(model_id="fake/draft", use_cache=True,
                                                               cache_dir=None))
    assert [c.resumed for c in result.cases] == [True, True, False]
    assert result.resumed == 2
    # the unfinished case was re-scored; its model output came from the cache, so no call at all
    assert len(drafter.calls) == calls  # type: ignore[attr-defined]


class SlowJudge(ChatModel):
    provider = "slow"

    def __init__(self) -> None:
        super().__init__("judge")
        self.active = 0
        self.peak = 0
        self.lock = threading.Lock()

    def execute(self, request: ModelRequest) -> Completion:
        with self.lock:
            self.active += 1
            self.peak = max(self.peak, self.active)
        time.sleep(0.15)
        with self.lock:
            self.active -= 1
        return Completion(text=VERDICT, model="slow/judge")


@pytest.mark.parametrize("concurrency", [1, 3])
def test_cases_run_concurrently_within_the_bound(tmp_path: Path, concurrency: int) -> None:
    cases = "".join(f"  - {{id: c{i}, task: check, input: 'Jeg var på besøg nr. {i} i dag.'}}\n"
                    for i in range(9))
    head = "name: t\ndefaults:\n  expect:\n    judge_min: {tone: 3}\ncases:\n"
    path = write_suite(tmp_path / "s.yaml", head + cases)
    from sendemast.profile import load_profile
    from tests.evaluation.conftest import REPO

    options = RunOptions(judge_model_id="fake/judge", concurrency=concurrency, cache_dir=tmp_path / "cache")
    prepared = prepare(load_suite(path), None, options)
    slow = SlowJudge()
    prepared.services.judge = CachingModel(slow, prepared.cache)
    prepared.services.profile = load_profile(REPO / "corpus" / "example-workspace" / "profile.yaml")
    started = time.perf_counter()
    result = prepared.run()
    elapsed = time.perf_counter() - started
    assert all(c.passed for c in result.cases), [c.scores for c in result.cases]
    assert slow.peak == concurrency
    if concurrency > 1:
        assert elapsed < 9 * 0.15  # faster than one at a time


def test_a_failing_model_fails_its_case_and_the_run_goes_on(ws: Path) -> None:
    from sendemast.errors import ModelError

    path = write_suite(ws / "drafts.yaml", DRAFTS)
    get_model("fake/flaky").enqueue(ModelError("fake/flaky: HTTP 500"), ModelError("again"),  # type: ignore[attr-defined]
                                    ModelError("and again"), *["not json"] * 20)
    result = run_suite(load_suite(path), load_workspace(ws), RunOptions(model_id="fake/flaky", concurrency=1))
    assert not any(c.passed for c in result.cases)
    assert all(c.error and c.scores["solve"].status == "error" for c in result.cases)
    assert result.summary()["errors"] == 3 and result.summary()["pass_rate"] == 0.0


def test_check_only_suites_need_no_model_and_no_workspace(tmp_path: Path) -> None:
    path = write_suite(tmp_path / "s.yaml",
                       "name: t\ncases:\n  - {id: a, task: check, input: 'Jeg var på besøg.'}\n")
    result = run_suite(load_suite(path), None, RunOptions(cache_dir=tmp_path / "cache"))
    assert result.model is None and result.cases[0].passed


def test_cache_entries_unused_for_cache_days_are_pruned_and_used_ones_kept(tmp_path: Path) -> None:
    """The cache must not grow for ever: after a run, what no run has used for ``[eval] cache_days``
    goes; a cache hit counts as use, so a long-lived suite keeps its outputs."""
    import os

    from sendemast.evaluation.cache import prune

    path = tmp_path / "suite.yaml"
    path.write_text("name: s\ncases:\n  - {id: a, task: check, input: Tak til alle på Engbo for i dag.}\n",
                    encoding="utf-8")
    cache = tmp_path / "cache"
    old_time = time.time() - 40 * 86400
    stale = [cache / "outputs" / "ab" / "stale.json", cache / "embeddings" / "stale.npy",
             cache / "logs" / "old-run.json", cache / "runs" / "oldjournal" / "cases" / "x.json"]
    fresh = cache / "outputs" / "cd" / "fresh.json"
    for file in [*stale, fresh]:
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text("{}", encoding="utf-8")
    for file in stale:
        os.utime(file, (old_time, old_time))

    result = run_suite(load_suite(path), None, RunOptions(cache_dir=cache))
    assert not any(file.exists() for file in stale)
    assert not (cache / "runs" / "oldjournal").exists()
    assert fresh.exists()
    assert (cache / "runs").is_dir() and any((cache / "runs").iterdir())  # this run's journal stays
    assert any("removed 4 cache entries unused for 30 days" in note for note in result.notes)
    # 0 keeps everything
    os.utime(fresh, (old_time, old_time))
    assert prune(cache, 0) == 0 and fresh.exists()
    assert prune(cache, 30) == 1 and not fresh.exists()


def test_a_cache_hit_counts_as_use(tmp_path: Path) -> None:
    import os

    from sendemast.evaluation.cache import OutputCache

    cache = OutputCache(tmp_path)
    cache.put("ab" * 32, Completion(text="hej", model="fake/draft"))
    entry = next(tmp_path.rglob("*.json"))
    os.utime(entry, (time.time() - 40 * 86400,) * 2)
    assert cache.get("ab" * 32) is not None
    assert entry.stat().st_mtime > time.time() - 60
