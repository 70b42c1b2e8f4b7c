"""A local OpenAI-compatible chat server for tests: answers every request with a judge verdict after a
delay, counts requests and keeps their bodies and headers. Stdlib only; runs in a thread."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.support.servers import free_port


@dataclass
class Stub:
    url: str
    delay: float
    answer: str
    requests: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()

    def prompts(self) -> list[str]:
        with self.lock:
            return [m["content"] for r in self.requests for m in r["body"].get("messages", [])
                    if m.get("role") == "user"]


@contextmanager
def openai_stub(delay: float = 0.2, answer: str = '{"reasoning": "Fint.", "score": 4}') -> Iterator[Stub]:
    stub = Stub(url="", delay=delay, answer=answer)

    class Handler(BaseHTTPRequestHandler):
        disable_nagle_algorithm = True  # TCP_NODELAY, as real servers set it (no 40 ms delayed-ACK stalls)
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
            with stub.lock:
                headers = {k.lower(): v for k, v in self.headers.items()}
                stub.requests.append({"path": self.path, "body": body, "headers": headers})
            time.sleep(stub.delay)
            reply = json.dumps({
                "id": "chatcmpl-test", "object": "chat.completion", "created": int(time.time()),
                "model": body.get("model", "stub"),
                "choices": [{"index": 0, "message": {"role": "assistant", "content": stub.answer},
                             "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
            }).encode()
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client was killed mid-request: that is what some tests do

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    server.daemon_threads = True
    stub.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()
