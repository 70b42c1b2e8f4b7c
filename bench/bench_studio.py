"""Studio benchmarks: the live check and page loads, as full HTTP round trips to ``sendemast studio``.

    python bench/bench_studio.py [--quick]      # prints JSON on the last line

The studio runs as a user starts it (its own process, uvicorn, on a free loopback port, example
workspace); clients are threads of this process with one keep-alive connection each.

- ``studio_check_p95_ms``: ``POST /api/check`` as a user types: each of 20 concurrent clients edits its
  own 3,000-character LinkedIn post of eight paragraphs (Danish sentences with URLs, emoji, hashtags, names
  and numbers), one keystroke a request in one paragraph, answered with the check and its rendered
  scorecard, marks and previews. The paragraphs not typed in are answered from the check workers'
  paragraph cache (``guidelines/engine/paragraphs.py``), as in use.
- ``studio_check_cold_p95_ms``: the same, but each request a different whole text (nothing in the cache):
  what pasting a new post costs.
- ``studio_check_one_ms``: the anchor, the same check and fragment in the benchmark process, one at a time,
  no HTTP: what one request costs in CPU (``load_average_1min`` says how busy the machine was).
- ``studio_page_p95_ms``: ``GET`` of the compose, rewrite, check, plan, library, history and eval-report
  pages, one client after another as a person clicks; ``_5_clients`` with five at once.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_check import _EMOJI, _SENTENCES, _TAGS, _URLS  # noqa: E402

PAGES = ["/", "/rewrite", "/check", "/plan", "/library", "/history", "/reports"]


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


def typing_post(variant: int, typed: int) -> str:
    """A 3,000-character post of eight paragraphs, with ``typed`` characters of a sentence typed at the
    end of its fourth paragraph."""
    text = post_of(3000, variant)
    body, _, tags = text.rpartition("\n\n")
    words = body.split(" ")
    size = len(words) // 8 + 1
    paragraphs = [" ".join(words[i : i + size]) for i in range(0, len(words), size)]
    sentence = " Tak til alle i hjemmeplejen i Egeslev, som tog de ekstra vagter i weekenden."
    paragraphs[3] += (sentence * 40)[:typed]
    return "\n\n".join([*paragraphs, tags])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def clients(n: int, per_client: int, port: int, request: Callable[[int, int], bytes]) -> list[float]:
    """``n`` keep-alive connections at once, each sending ``per_client`` requests one after another;
    the time of each full round trip (request written, whole answer read), in ms.

    The clients are one asyncio loop writing raw HTTP/1.1, not threads of ``http.client``: on this
    2-core machine the clients share the cores with the studio, and 20 client threads cost a third of
    what the studio spends on a live check (measured: 1.0 ms per request against 0.2 ms), time a
    browser on another machine never takes from the server."""
    return asyncio.run(_clients(n, per_client, port, request))


async def _clients(n: int, per_client: int, port: int, request: Callable[[int, int], bytes]) -> list[float]:
    timings: list[float] = []
    start = asyncio.Event()

    async def client(k: int) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        await start.wait()
        for j in range(per_client):
            t0 = time.perf_counter()
            writer.write(request(k, j))
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                          if line.lower().startswith(b"content-length:"))
            await reader.readexactly(length)
            timings.append((time.perf_counter() - t0) * 1000)
            assert status == 200, (status, head[:200], (await reader.read(300)) if status != 200 else b"")
        writer.close()

    tasks = [asyncio.create_task(client(k)) for k in range(n)]
    await asyncio.sleep(0.2)  # every connection open before the first request
    start.set()
    await asyncio.gather(*tasks)
    return timings


def http_request(method: str, path: str, body: bytes = b"", content_type: str = "") -> bytes:
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    if body:
        head += f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
    return head.encode() + b"\r\n" + body


def main() -> None:
    quick = "--quick" in sys.argv
    from tests.support.servers import free_port, running, wait_until_ready

    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "ws"
        py = sys.executable
        subprocess.run([py, "-m", "sendemast", "init", str(ws), "--example"], check=True, capture_output=True)
        port = free_port()
        cmd = [py, "-m", "sendemast", "-w", str(ws), "studio", "--port", str(port), "--model", "fake/draft"]
        env_log = Path(tmp) / "studio.log"
        with running(cmd, f"http://127.0.0.1:{port}/check", env_log, timeout=60):
            wait_until_ready(port)  # the model, the index and the check workers loaded, as a user finds it
            posts = [post_of(3000, v) for v in range(64)]
            assert all(len(p) == 3000 for p in posts)
            bodies = [json.dumps({"text": p, "channel": "linkedin"}).encode() for p in posts]
            check_requests = [http_request("POST", "/api/check", b, "application/json") for b in bodies]
            page_requests = [http_request("GET", p) for p in PAGES]

            def check(k: int, j: int) -> bytes:
                return check_requests[(k * 31 + j) % len(posts)]

            def page(k: int, j: int) -> bytes:
                return page_requests[(k + j) % len(PAGES)]

            per = 5 if quick else 25
            typing_bodies = [
                [json.dumps({"text": typing_post(k, j), "channel": "linkedin"}).encode()
                 for j in range(per + 1)]
                for k in range(20)
            ]
            typing_requests = [[http_request("POST", "/api/check", b, "application/json") for b in bodies]
                               for bodies in typing_bodies]

            def keystroke(k: int, j: int) -> bytes:
                return typing_requests[k][j + 1]

            clients(4, 10, port, check)  # warm: rules compiled, templates loaded, threads started
            clients(1, 2 * len(PAGES), port, page)
            clients(20, 1, port, lambda k, j: typing_requests[k][0])  # each client opens its post
            check_ms = clients(20, per, port, keystroke)
            cold_ms = clients(20, per, port, check)
            page_ms = clients(1, (5 if quick else 40) * len(PAGES), port, page)
            page5_ms = clients(5, (2 if quick else 10) * len(PAGES), port, page)
    # the anchor: the same work in this process, one call at a time, no HTTP (what a request costs)
    from sendemast.assembly import Organisation
    from sendemast.studio.checking import Checker
    from sendemast.workspace import init_workspace, load_workspace

    with tempfile.TemporaryDirectory() as tmp:
        workspace = load_workspace(init_workspace(Path(tmp) / "ws", example=True))
        checker = Checker(Organisation(workspace))
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
        "studio_check_cold_p95_ms": round(percentile(cold_ms, 0.95), 1),
        "studio_check_requests": len(check_ms),
        "studio_page_p95_ms": round(percentile(page_ms, 0.95), 1),
        "studio_page_p50_ms": round(statistics.median(page_ms), 1),
        "studio_page_p95_ms_5_clients": round(percentile(page5_ms, 0.95), 1),
    }))


if __name__ == "__main__":
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    main()
