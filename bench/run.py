"""Run every benchmark on this machine and write one JSON file with each figure beside its goal.

    python bench/run.py [--out bench/results.json] [--quick] [--only NAME ...]

Each benchmark runs in its own process (so peak memory and cold starts are its own) and prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# name -> (script, extra args)
BENCHMARKS: dict[str, tuple[str, list[str]]] = {
    "retrieval": ("bench_retrieval.py", []),
    "retrieval_100k": ("bench_retrieval.py", ["--100k"]),
    "check": ("bench_check.py", []),
    "drafting": ("bench_drafting.py", []),
    "eval": ("bench_eval.py", []),
    "studio": ("bench_studio.py", []),
    "studio_first_words": ("bench_first_words.py", []),
    "stats": ("bench_stats.py", []),
}

# metric -> (goal, direction): ">=" higher is better, "<=" lower is better
GOALS: dict[str, tuple[float, str]] = {
    "ingest_speedup_vs_chroma_default": (5.0, ">="),
    "search_p95_ms_100k": (25.0, "<="),
    "ingest_posts_per_s_1k_mixed": (50.0, ">="),  # with the default (multilingual) embedder
    "cli_help_s": (0.3, "<="),
    "check_posts_per_s": (1000.0, ">="),
    "check_cold_one_post_s": (0.5, "<="),
    "local_tokens_per_s_ratio_vs_llama_cpp": (0.9, ">="),
    "eval_concurrency_efficiency": (0.8, ">="),
    "studio_check_p95_ms": (40.0, "<="),  # as the user types (issue 24); the cold figure has no goal
    "studio_page_p95_ms": (100.0, "<="),
    "studio_first_words_s": (3.0, "<="),
    "first_draft_cold_s": (30.0, "<="),
    "stats_1k_s": (1.0, "<="),  # sendemast stats, 1,000 posts and a year of daily figures (issue 22)
    "studio_results_p95_ms": (100.0, "<="),
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args()
    metrics: dict[str, float] = {}
    errors: dict[str, str] = {}
    if args.only and args.out.exists():
        # A partial run refreshes its own figures and keeps the others from the last full run.
        metrics.update(json.loads(args.out.read_text(encoding="utf-8")).get("metrics", {}))
    started = time.time()
    for name, (script, extra) in BENCHMARKS.items():
        if args.only and name not in args.only:
            continue
        path = HERE / script
        if not path.exists():
            errors[name] = f"{script} not written yet"
            continue
        print(f"running {name} …", file=sys.stderr, flush=True)
        cmd = [sys.executable, str(path), *extra, *(["--quick"] if args.quick else [])]
        done = subprocess.run(
            cmd, capture_output=True, text=True, env={**os.environ, "ANONYMIZED_TELEMETRY": "False"}
        )
        if done.returncode != 0:
            errors[name] = (done.stderr.strip().splitlines() or ["failed"])[-1]
            continue
        metrics.update(json.loads(done.stdout.strip().splitlines()[-1]))
    goals = {
        m: {
            "goal": g,
            "direction": d,
            "value": metrics.get(m),
            "met": None if metrics.get(m) is None else (metrics[m] >= g if d == ">=" else metrics[m] <= g),
        }
        for m, (g, d) in GOALS.items()
    }
    result = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "quick": args.quick,
        "seconds": round(time.time() - started, 1),
        "metrics": metrics,
        "goals": goals,
        "errors": errors,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"sendemast benchmarks ({result['seconds']} s)")
    for col in ("metric", "value", "goal", "met"):
        table.add_column(col)
    for metric, value in sorted(metrics.items()):
        goal = goals.get(metric)
        met = "" if goal is None else ("yes" if goal["met"] else "NO")
        table.add_row(metric, str(value), "" if goal is None else f"{goal['direction']} {goal['goal']}", met)
    Console().print(table)
    for name, error in errors.items():
        print(f"{name}: {error}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
