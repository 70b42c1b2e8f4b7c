"""Studio benchmarks: the live check and page loads, as full HTTP round trips to ``sendemast studio``.

    python bench/bench_studio.py [--quick]      # prints JSON on the last line

The studio runs as a user starts it (its own process, uvicorn, on a free loopback port, example
workspace); clients are threads of this process with one keep-alive connection each.

- ``studio_check_p95_ms``: ``POST /api/check`` of a 3,000-character LinkedIn post (Danish sentences with
  URLs, emoji, hashtags, names and numbers; each request a different text, so nothing can be cached),
  answered with the check and its rendered scorecard, marks and previews; 20 concurrent clients.
- ``studio_check_one_ms``: the anchor, the same check and fragment in the benchmark process, one at a time,
  no HTTP: what one request costs in CPU (``load_average_1min`` says how busy the machine was).
- ``studio_page_p95_ms``: ``GET`` of the compose, rewrite, check, library, history and eval-report pages,
  one client after another as a person clicks; ``_5_clients`` with five at once.
"""

from __future__ import annotations

import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_check import _EMOJI, _SENTENCES, _TAGS, _URLS  # noqa: E402

PAGES = ["/", "/rewrite", "/check", "/library", "/history", "/reports"]


def post_of(length: int, variant: int) -> str:
    parts: list[str] = [f"Uge {variant}:"]
    i = variant
    while sum(len(p) + 1 for p in parts) < length:
        parts.append(_SENTENCES[i % len(_SENTENCES)])
        if i % 5 == 0:
            parts.append(_URLS[i % len(_URLS)])
        if i % 7 == 0:
            parts.append(_EMOJI[i % len(_EMOJI)])
        i += 1
    tail = "\n\n" + " ".join(_TAGS[:3])
    return " ".join(parts)[: length - len(tail)].rstrip().ljust(length - len(tail), ".") + tail


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def clients(n: int, per_client: int, port: int, request) -> list[float]:  # type: ignore[no-untyped-def]
    timings: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(n)

    def client(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        start.wait()
        for j in range(per_client):
            t0 = time.perf_counter()
            status = request(conn, k, j)
            mine.append((time.perf_counter() - t0) * 1000)
            assert status == 200, status
        conn.close()
        with lock:
            timings.extend(mine)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return timings


def main() -> None:
    quick = "--quick" in sys.argv
    from tests.support.servers import free_port, running

    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "ws"
        py = sys.executable
        subprocess.run([py, "-m", "sendemast", "init", str(ws), "--example"], check=True, capture_output=True)
        port = free_port()
        cmd = [py, "-m", "sendemast", "-w", str(ws), "studio", "--port", str(port), "--model", "fake/draft"]
        env_log = Path(tmp) / "studio.log"
        with running(cmd, f"http://127.0.0.1:{port}/check", env_log, timeout=60):
            posts = [post_of(3000, v) for v in range(64)]
            assert all(len(p) == 3000 for p in posts)
            headers = {"content-type": "application/json", "accept": "application/json"}

            def check(conn: http.client.HTTPConnection, k: int, j: int) -> int:
                body = json.dumps({"text": posts[(k * 31 + j) % len(posts)] , "channel": "linkedin"})
                conn.request("POST", "/api/check", body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                return response.status

            def page(conn: http.client.HTTPConnection, k: int, j: int) -> int:
                conn.request("GET", PAGES[(k + j) % len(PAGES)])
                response = conn.getresponse()
                response.read()
                return response.status

            clients(4, 10, port, check)  # warm: rules compiled, templates loaded, threads started
            clients(1, 2 * len(PAGES), port, page)
            per = 5 if quick else 25
            check_ms = clients(20, per, port, check)
            page_ms = clients(1, (5 if quick else 40) * len(PAGES), port, page)
            page5_ms = clients(5, (2 if quick else 10) * len(PAGES), port, page)
    # the anchor: the same work in this process, one call at a time, no HTTP (what a request costs)
    from sendemast.drafting.session import workspace_ruleset
    from sendemast.studio.checking import Checker
    from sendemast.workspace import init_workspace, load_workspace

    with tempfile.TemporaryDirectory() as tmp:
        workspace = load_workspace(init_workspace(Path(tmp) / "ws", example=True))
        checker = Checker(workspace, workspace_ruleset(workspace))
        for p in posts[:4]:
            checker.check_and_render(p, "linkedin", None, "da")
        alone = []
        for p in posts:
            t0 = time.perf_counter()
            checker.check_and_render(p, "linkedin", None, "da")
            alone.append((time.perf_counter() - t0) * 1000)
    print(json.dumps({
        "studio_check_one_ms": round(statistics.median(alone), 2),
        "load_average_1min": round(os.getloadavg()[0], 1),
        "studio_check_p95_ms": round(percentile(check_ms, 0.95), 1),
        "studio_check_p50_ms": round(statistics.median(check_ms), 1),
        "studio_check_requests": len(check_ms),
        "studio_page_p95_ms": round(percentile(page_ms, 0.95), 1),
        "studio_page_p50_ms": round(statistics.median(page_ms), 1),
        "studio_page_p95_ms_5_clients": round(percentile(page5_ms, 0.95), 1),
    }))


if __name__ == "__main__":
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    main()
