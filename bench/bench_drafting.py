"""Drafting benchmarks (issue 4): generation speed through our model wrapper against raw
llama-cpp-python on the same model, prompt and ``max_tokens`` in the same run, and the time to a first
LinkedIn draft from a cold start with the bundled model.

    python bench/bench_drafting.py [--quick]      # prints JSON on the last line

- ``local_tokens_per_s_ratio_vs_llama_cpp``: ours / raw (goal ≥ 0.9). Both use one greedy setting and the
  same stop sequences; each side is warmed up once, then the sides alternate so neither gains from the
  machine's state. Tokens/s = completion tokens / wall time of the call.
- ``first_draft_cold_s``: a fresh ``sendemast draft … --json`` process against an ingested copy of the
  example workspace (ingestion is not timed): imports, model load, retrieval, generation and the checker.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

NOTES = "besoeg-plejecenter.md"


def _prompt(workspace_root: Path) -> tuple[str, tuple[str, ...]]:
    """The bundled model's real drafting prompt for the example notes, with past posts as examples."""
    from sendemast.drafting.generation import prompt_variables
    from sendemast.drafting.job import DraftJob
    from sendemast.drafting.types import DraftRequest
    from sendemast.models import BUNDLED_DEFAULT, get_model
    from sendemast.prompts import load_prompt, render
    from sendemast.retrieval.types import SearchHit
    from sendemast.workspace import load_workspace

    ws = load_workspace(workspace_root)
    notes = (ws.root / "notes" / NOTES).read_text(encoding="utf-8")
    posts = sorted((ws.root / "posts" / "linkedin").glob("*.md"))[:3]
    examples = [
        SearchHit(
            p.name, "posts", p.name, p.stem, p.read_text(encoding="utf-8").split("---", 2)[-1].strip(), 1.0
        )
        for p in posts
    ]
    job = DraftJob(
        request=DraftRequest(text=notes),
        model=get_model(BUNDLED_DEFAULT),
        profile=ws.profile,
        text=notes,
        examples=examples,
        lang="da",
    )
    prompt = load_prompt(job.prompt_name)
    rendered = render(prompt, "da", prompt_variables(job))
    request = rendered.request(max_tokens=1)
    return request.as_text(), request.stop


def tokens_per_s(max_tokens: int, rounds: int, workspace_root: Path) -> dict[str, float]:
    from llama_cpp import Llama

    from sendemast.models import BUNDLED_DEFAULT, get_model
    from sendemast.models.local_llama import N_CTX, N_THREADS

    model = get_model(BUNDLED_DEFAULT)
    prompt, _stop = _prompt(workspace_root)
    ours_llm = model.llama()  # type: ignore[attr-defined]
    raw = Llama(
        model_path=str(model.path),
        n_ctx=N_CTX,
        n_threads=N_THREADS,  # type: ignore[attr-defined]
        n_threads_batch=N_THREADS,
        verbose=False,
    )
    # No stop sequences: an early stop would make the figure measure call overhead, not generation.
    options = {
        "max_tokens": max_tokens,
        "temperature": 0.0,
        "repeat_penalty": model.repeat_penalty,  # type: ignore[attr-defined]
        "seed": 1,
    }

    def run_raw() -> float:
        started = time.perf_counter()
        out = raw.create_completion(prompt=prompt, **options)
        return out["usage"]["completion_tokens"] / (time.perf_counter() - started)

    def run_ours() -> float:
        started = time.perf_counter()
        done = model.complete(prompt, max_tokens=max_tokens, temperature=0.0, seed=1)
        return (done.completion_tokens or 0) / (time.perf_counter() - started)

    run_raw(), run_ours()  # warm-up: page in weights, fill each instance's prompt cache
    raw_rates: list[float] = []
    our_rates: list[float] = []
    ratios: list[float] = []
    for i in range(rounds):
        # Alternate which side goes first; a pair's ratio cancels slow drifts in the machine's load.
        if i % 2 == 0:
            raw_rate, our_rate = run_raw(), run_ours()
        else:
            our_rate, raw_rate = run_ours(), run_raw()
        raw_rates.append(raw_rate)
        our_rates.append(our_rate)
        ratios.append(our_rate / raw_rate)
    del ours_llm
    return {
        "local_tokens_per_s": round(statistics.median(our_rates), 2),
        "raw_llama_tokens_per_s": round(statistics.median(raw_rates), 2),
        "local_tokens_per_s_ratio_vs_llama_cpp": round(statistics.median(ratios), 3),
    }


def first_draft_cold_s(workspace_root: Path) -> dict[str, Any]:
    from sendemast.models import BUNDLED_DEFAULT

    cmd = [
        sys.executable,
        "-m",
        "sendemast",
        "-w",
        str(workspace_root),
        "draft",
        str(workspace_root / "notes" / NOTES),
        "--channel",
        "linkedin",
        "--model",
        BUNDLED_DEFAULT,
        "--json",
    ]
    started = time.perf_counter()
    done = subprocess.run(
        cmd, capture_output=True, text=True, env={**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        return {
            "first_draft_cold_s": None,
            "first_draft_error": (done.stderr.strip().splitlines() or ["?"])[-1],
        }
    data = json.loads(done.stdout)
    draft = data["drafts"][0]
    return {
        "first_draft_cold_s": round(elapsed, 2),
        "first_draft_chars": len(draft["text"]),
        "first_draft_verdict": draft["check"]["verdict"],
        "first_draft_sources": len(draft["sources"]),
    }


def run(quick: bool = False) -> dict[str, Any]:
    from sendemast.workspace import init_workspace

    with tempfile.TemporaryDirectory() as tmp:
        root = init_workspace(Path(tmp) / "example", example=True)
        # Ingest in a child process too: an embedder or store left running in this process would steal
        # the two cores from the cold start being measured.
        subprocess.run(
            [sys.executable, "-m", "sendemast", "-w", str(root), "ingest", "--json"],
            check=True,
            capture_output=True,
            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        )
        metrics: dict[str, Any] = {}
        metrics.update(first_draft_cold_s(root))  # first, before this process loads the model
        metrics.update(
            tokens_per_s(max_tokens=64 if quick else 128, rounds=3 if quick else 7, workspace_root=root)
        )
    return metrics


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv)))
