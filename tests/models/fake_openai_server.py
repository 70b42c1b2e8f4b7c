"""A tiny OpenAI-compatible server (stdlib ``http.server``) that records requests and plays a script.

Each scripted reply is ``(status, headers, body, delay_s)``; with the script empty it answers a normal
chat completion with ``content``. Loopback only, started and stopped by a fixture.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] | None = None
    delay_s: float = 0.0


def completion(content: str, model: str = "fake") -> dict[str, Any]:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": model,
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
        ],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }


def error(status: int, message: str, kind: str = "server_error") -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "code": str(status)}}


class FakeOpenAIServer:
    def __init__(
        self, content: str = '{"text": "Et helt almindeligt opslag om vores nye skole.", "hashtags": []}'
    ):
        self.content = content
        self.requests: list[Recorded] = []
        self.script: deque[Reply] = deque()
        server = self

        class Handler(BaseHTTPRequestHandler):
            disable_nagle_algorithm = True  # TCP_NODELAY, as real servers set it (no delayed-ACK stalls)

            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def _reply(self, reply: Reply) -> None:
                data = json.dumps(
                    reply.body if reply.body is not None else completion(server.content)
                ).encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client timed out and went away

            def do_GET(self) -> None:
                server.requests.append(
                    Recorded("GET", self.path, {k.lower(): v for k, v in self.headers.items()}, {})
                )
                self._reply(Reply(body={"object": "list", "data": [{"id": "fake", "object": "model"}]}))

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                raw = self.rfile.read(length) if length else b"{}"
                server.requests.append(
                    Recorded(
                        "POST",
                        self.path,
                        {k.lower(): v for k, v in self.headers.items()},
                        json.loads(raw or b"{}"),
                    )
                )
                reply = server.script.popleft() if server.script else Reply()
                if reply.delay_s:
                    time.sleep(reply.delay_s)
                self._reply(reply)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    @property
    def posts(self) -> list[Recorded]:
        return [r for r in self.requests if r.method == "POST"]

    def then(self, *replies: Reply) -> FakeOpenAIServer:
        self.script.extend(replies)
        return self

    def __enter__(self) -> FakeOpenAIServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
