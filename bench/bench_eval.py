"""Evaluation concurrency (issue 6): 50-case suites against a local OpenAI-compatible stub that answers
every request after 200 ms, run with ``--concurrency 10``.

    python bench/bench_eval.py [--quick] [--concurrency N]      # prints JSON

Efficiency = ideal wall time / measured wall time, where the ideal is requests × 0.2 s / concurrency: what
a perfect pool of that size would take if every request waited 200 ms and nothing else cost time.
Everything else a case does counts against it. Concurrency 10 divides 50 cases into whole rounds, so the
ideal is reachable in principle (with 8 the last round holds 2 cases, capping the figure at 0.89 for
reasons that have nothing to do with the harness).

- ``eval_concurrency_efficiency``: 50 finished posts, each checked and judged on one tip by the stub
  (one model call per case, plus the checker and the judge's prompt) — the harness's own overhead.
- ``eval_concurrency_efficiency_draft``: 50 drafts through the whole drafting chain (retrieval, prompt,
  model, repair, checker) and every scorer. The chain spends about as much CPU per case as the stub
  waits, so on two cores this figure measures the chain more than the pool.

Setup — the example workspace, its ingest, the voice model — happens before the clock starts and is
reported as ``eval_setup_s``. Each run uses a fresh cache, so every case really calls the stub.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DELAY_S = 0.2
CASES = 50
VERDICT = json.dumps({"reasoning": "Personlig og konkret, med en tak til medarbejderne.", "score": 4},
                     ensure_ascii=False)
ANSWER = ("I dag var jeg en tur i maskinrummet hos vores medarbejdere, og jeg blev klogere. "
          "Det, der gjorde indtryk, var roen og omhuen i det daglige arbejde. Tak for at lade mig være med. "
          "Hvad har overrasket dig i din hverdag på det seneste?")
TOPICS = ["hjemmeplejen", "skolen", "vejafdelingen", "borgerservice", "jobcentret", "biblioteket",
          "plejecentret", "klimateamet", "it-afdelingen", "dagplejen"]


class StubHandler(BaseHTTPRequestHandler):
    """``POST /v1/chat/completions``: after ``DELAY_S``, one JSON draft in the OpenAI response shape."""

    protocol_version = "HTTP/1.1"
    # TCP_NODELAY, as uvicorn and llama.cpp's server set it: without it the headers and the body go out
    # as two small writes and Nagle's algorithm holds the second until the client's delayed ACK (40 ms
    # on Linux), which would be charged to the harness.
    disable_nagle_algorithm = True
    requests = 0
    lock = threading.Lock()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        with StubHandler.lock:
            StubHandler.requests += 1
        time.sleep(DELAY_S)
        judging = b'"reasoning"' in body or b"reasoning" in body
        content = VERDICT if judging else json.dumps(
            {"text": ANSWER, "hashtags": ["FjordmarkKommune", "OffentligLedelse"]}, ensure_ascii=False)
        body = json.dumps({
            "id": "chatcmpl-stub", "object": "chat.completion", "created": int(time.time()), "model": "stub",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                         "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 100, "completion_tokens": 60, "total_tokens": 160},
        }).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        body = str(StubHandler.requests).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def write_suite(path: Path, cases: int, task: str) -> None:
    """``draft``: notes to draft from; ``check``: finished posts, each judged on its tone."""
    lines = ["name: bench", "defaults:", "  channel: linkedin"]
    if task == "check":
        lines += ["  expect:", "    judge_min: {tone: 3}"]
    lines.append("cases:")
    for i in range(cases):
        topic = TOPICS[i % len(TOPICS)]
        if task == "draft":
            lines += [f"  - id: case-{i:02d}", "    task: draft", "    input: |",
                      f"      - Besøg i {topic} i denne uge, dag {i + 1}.",
                      "      - Medarbejderne viste mig, hvordan de planlægger ugen.",
                      "      - Tak for at lade mig være med."]
        else:
            lines += [f"  - id: case-{i:02d}", "    task: check", "    input: |",
                      f"      I dag var jeg på besøg i {topic} (dag {i + 1}). {ANSWER}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _served(port: int) -> int:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/count", timeout=5) as reply:
        return int(reply.read())


def _wait_for(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            _served(port)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _timed(workspace: object, suite_path: Path, cache: Path, port: int,
           concurrency: int) -> tuple[float, int, float]:
    """(wall seconds, stub requests, setup seconds) of one run with a fresh cache."""
    from sendemast.evaluation.runner import RunOptions, prepare
    from sendemast.evaluation.suite import load_suite

    started = time.perf_counter()
    options = RunOptions(model_id="openai/bench-stub", judge_model_id="openai/bench-judge",
                         concurrency=concurrency, use_cache=False, cache_dir=cache)
    prepared = prepare(load_suite(suite_path), workspace, options)  # type: ignore[arg-type]
    prepared.services.voice_model()  # built once per run: setup, not per-case work
    # One request per model before the clock starts: the first call imports the OpenAI client and builds
    # it (a second or more), which is start-up cost, not concurrency. The stub's counter skips it.
    from sendemast.models.base import Message

    for model in (prepared.services.model, prepared.services.judge):
        if model is not None:
            model.inner.generate([Message("user", "warm-up")], max_tokens=5)
    # And one case of the same suite, run apart with a cache of its own: the first case in a process
    # compiles prompt templates, builds the checker's lazy word lists and warms the SDK's request
    # building (measured: 0.58 s of CPU for the first run of 50 cases, 0.33 s for the next). That is
    # start-up too; the figure is about what concurrency costs.
    first = load_suite(suite_path)
    first.cases[:] = first.cases[:1]
    warm = RunOptions(model_id=options.model_id, judge_model_id=options.judge_model_id, concurrency=1,
                      use_cache=False, cache_dir=cache.with_name(cache.name + "-warm-up"))
    prepare(first, workspace, warm).run()  # type: ignore[arg-type]
    setup = time.perf_counter() - started
    before = _served(port)
    started = time.perf_counter()
    result = prepared.run()
    wall = time.perf_counter() - started
    errors = [c.error for c in result.cases if c.error]
    if errors:
        raise SystemExit(f"{len(errors)} cases failed to run, e.g.: {errors[0]}")
    return wall, _served(port) - before, setup


def run(quick: bool = False, concurrency: int = 10) -> dict[str, float]:
    from sendemast.corpus.ingest import ingest
    from sendemast.workspace import init_workspace, load_workspace

    cases = 20 if quick else CASES
    port = free_port()
    # The stub runs in its own process, as a real server would: in this one it would compete with the
    # harness for the GIL and the measurement would charge its HTTP parsing to the harness.
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(port)])
    _wait_for(port)
    saved = {k: os.environ.get(k) for k in ("OPENAI_BASE_URL", "OPENAI_API_KEY")}
    os.environ["OPENAI_BASE_URL"] = f"http://127.0.0.1:{port}/v1"
    os.environ.pop("OPENAI_API_KEY", None)
    figures: dict[str, float] = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            workspace = load_workspace(init_workspace(Path(tmp) / "ws", example=True))
            ingest(workspace)
            ingest_s = time.perf_counter() - started
            for task, suffix in (("check", ""), ("draft", "_draft")):
                suite_path = Path(tmp) / f"bench-{task}.yaml"
                write_suite(suite_path, cases, task)
                cache = Path(tmp) / f"cache-{task}"
                wall, requests, setup = _timed(workspace, suite_path, cache, port, concurrency)
                ideal = requests * DELAY_S / concurrency
                figures[f"eval_concurrency_efficiency{suffix}"] = round(ideal / wall, 3)
                figures[f"eval_wall_s{suffix}"] = round(wall, 3)
                figures[f"eval_ideal_s{suffix}"] = round(ideal, 3)
                figures[f"eval_requests{suffix}"] = float(requests)
                figures[f"eval_setup_s{suffix}"] = round(setup + (ingest_s if task == "draft" else 0.0), 2)
    finally:
        server.terminate()
        server.wait(timeout=10)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    figures["eval_cases"] = float(cases)
    figures["eval_concurrency"] = float(concurrency)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="20 cases instead of 50")
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--serve", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        server = ThreadingHTTPServer(("127.0.0.1", args.serve), StubHandler)
        server.daemon_threads = True
        server.serve_forever()
        return 0
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    print(json.dumps(run(quick=args.quick, concurrency=args.concurrency)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
