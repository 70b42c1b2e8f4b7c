"""A local OpenAI-compatible server that misbehaves on demand, for fault-injection and security tests.

Stdlib only (``http.server`` in a thread, a free loopback port). It answers ``GET /v1/models`` and
``POST /v1/chat/completions``, non-streaming and streaming (SSE), and records every request it receives,
body included, before it decides how to answer — so a test can assert what arrived (and what never did).

Each chat request takes the next behaviour from a queue; with the queue empty it answers normally
(:attr:`FaultyOpenAI.default`, a fixed text or a function of the request)::

    faulty_openai.enqueue(status(429, retry_after=1), status(500), hang(5), malformed_json(), cut_stream())

The fixture :func:`faulty_openai` (import it into a ``conftest.py``) yields a started server; ``.url`` is
the base URL ending in ``/v1``, ready for ``OPENAI_BASE_URL``.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.support.servers import free_port

DEFAULT_DRAFT = json.dumps(
    {"text": "I dag besøgte jeg et af vores plejecentre. Tak til medarbejderne for en god snak.",
     "hashtags": ["FjordmarkKommune"]},
    ensure_ascii=False,
)


@dataclass(frozen=True)
class Behaviour:
    """How to answer one chat request. Build with :func:`ok`, :func:`status`, :func:`hang` …"""

    kind: str
    text: str | None = None
    code: int = 200
    retry_after: float | None = None
    seconds: float = 0.0
    message: str = ""


def ok(text: str | None = None) -> Behaviour:
    """A normal completion with ``text`` as the assistant's content (None: the server's default)."""
    return Behaviour("ok", text=text)


def status(code: int, retry_after: float | None = None, message: str = "") -> Behaviour:
    """An OpenAI-style error body with this HTTP status; ``retry_after`` sets the ``Retry-After`` header."""
    return Behaviour("status", code=code, retry_after=retry_after, message=message or f"injected {code}")


def hang(seconds: float) -> Behaviour:
    """Say nothing for ``seconds`` (past the client's timeout), then answer normally if anyone listens."""
    return Behaviour("hang", seconds=seconds)


def malformed_json() -> Behaviour:
    """HTTP 200, ``Content-Type: application/json``, and a body that is not JSON."""
    return Behaviour("malformed")


def cut_stream(text: str | None = None) -> Behaviour:
    """For a streaming request: a few SSE chunks, then the connection drops mid-message, no ``[DONE]``.
    For a non-streaming one: half the JSON body, then the connection drops."""
    return Behaviour("cut", text=text)


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    raw: bytes
    at: float  # time.monotonic() when the request arrived

    @property
    def text(self) -> str:
        """Every message's content, joined: what a model would have read."""
        messages = self.body.get("messages") or []
        return "\n".join(str(m.get("content", "")) for m in messages if isinstance(m, dict))


Responder = Callable[[dict[str, Any]], str]


@dataclass
class FaultyOpenAI:
    url: str = ""
    default: str | Responder = DEFAULT_DRAFT
    requests: list[Recorded] = field(default_factory=list)
    queue: deque[Behaviour] = field(default_factory=deque)
    lock: threading.Lock = field(default_factory=threading.Lock)
    closing: threading.Event = field(default_factory=threading.Event)

    def enqueue(self, *behaviours: Behaviour) -> FaultyOpenAI:
        with self.lock:
            self.queue.extend(behaviours)
        return self

    def next_behaviour(self) -> Behaviour:
        with self.lock:
            return self.queue.popleft() if self.queue else ok()

    @property
    def chat_requests(self) -> list[Recorded]:
        with self.lock:
            return [r for r in self.requests if r.method == "POST" and r.path.endswith("/chat/completions")]

    def all_text(self) -> str:
        """Everything that arrived, raw bodies and headers included, for 'this never arrived' assertions."""
        with self.lock:
            return "\n".join(
                r.raw.decode("utf-8", "replace") + json.dumps(r.headers) for r in self.requests
            )

    def answer_for(self, body: dict[str, Any], text: str | None) -> str:
        if text is not None:
            return text
        return self.default(body) if callable(self.default) else self.default


def _completion(content: str, model: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-faulty",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
        ],
        "usage": {"prompt_tokens": 12, "completion_tokens": 7, "total_tokens": 19},
    }


def _chunk(model: str, delta: dict[str, Any], finish: str | None = None) -> bytes:
    data = {
        "id": "chatcmpl-faulty",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return f"data: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


def _make_handler(server: FaultyOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        disable_nagle_algorithm = True  # TCP_NODELAY, as real servers set it (no 40 ms delayed-ACK stalls)
        protocol_version = "HTTP/1.1"  # chunked streams, so that a cut stream is detectably incomplete

        def log_message(self, format: str, *args: object) -> None:  # keep test output clean
            pass

        def _record(self, body: dict[str, Any], raw: bytes) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            with server.lock:
                server.requests.append(
                    Recorded(self.command, self.path, headers, body, raw, time.monotonic())
                )

        def _send(self, code: int, payload: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(payload)
            self.wfile.flush()

        def do_GET(self) -> None:
            self._record({}, b"")
            if self.path.rstrip("/").endswith("/models"):
                models = {"object": "list", "data": [{"id": "faulty", "object": "model", "owned_by": "test"}]}
                self._send(200, json.dumps(models).encode())
            else:
                self._send(404, json.dumps({"error": {"message": "not found"}}).encode())

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                body = {}
            self._record(body if isinstance(body, dict) else {}, raw)
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._send(404, json.dumps({"error": {"message": "not found"}}).encode())
                return
            # the client may give up (a timeout) and go away mid-answer: that is what some tests do
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._answer(body if isinstance(body, dict) else {})

        def _answer(self, body: dict[str, Any]) -> None:
            behaviour = server.next_behaviour()
            model = str(body.get("model", "faulty"))
            stream = bool(body.get("stream"))
            if behaviour.kind == "hang":
                if server.closing.wait(behaviour.seconds):
                    return
                behaviour = ok()
            if behaviour.kind == "status":
                kinds = {429: "rate_limit_exceeded", 401: "invalid_api_key"}
                kind = kinds.get(behaviour.code, "server_error")
                error = {"error": {"message": behaviour.message, "type": kind, "code": str(behaviour.code)}}
                headers = {}
                if behaviour.retry_after is not None:
                    headers["Retry-After"] = f"{behaviour.retry_after:g}"
                self._send(behaviour.code, json.dumps(error).encode(), headers)
            elif behaviour.kind == "malformed":
                self._send(200, b'{"id": "chatcmpl-faulty", "choices": [{"message": {"content": "ha')
            elif behaviour.kind == "cut":
                self._cut(body, model, stream, behaviour)
            elif stream:
                self._stream(model, server.answer_for(body, behaviour.text))
            else:
                content = server.answer_for(body, behaviour.text)
                self._send(200, json.dumps(_completion(content, model), ensure_ascii=False).encode())

        def _start_stream(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()

        def _write_chunk(self, data: bytes) -> None:
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()

        def _stream(self, model: str, content: str) -> None:
            self._start_stream()
            self._write_chunk(_chunk(model, {"role": "assistant", "content": ""}))
            for start in range(0, len(content), 16):
                self._write_chunk(_chunk(model, {"content": content[start : start + 16]}))
            self._write_chunk(_chunk(model, {}, finish="stop"))
            self._write_chunk(b"data: [DONE]\n\n")
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()

        def _cut(self, body: dict[str, Any], model: str, stream: bool, behaviour: Behaviour) -> None:
            content = server.answer_for(body, behaviour.text)
            self.close_connection = True
            if not stream:
                payload = json.dumps(_completion(content, model)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload[: len(payload) // 2])
                self.wfile.flush()
                return
            self._start_stream()
            self._write_chunk(_chunk(model, {"role": "assistant", "content": ""}))
            self._write_chunk(_chunk(model, {"content": content[:16]}))
            # announce a chunk, send half of it, and hang up: the message is incomplete, not just short
            half = _chunk(model, {"content": content[16:32]})
            self.wfile.write(f"{len(half):x}\r\n".encode() + half[: len(half) // 2])
            self.wfile.flush()

    return Handler


@dataclass
class _Running:
    state: FaultyOpenAI
    httpd: ThreadingHTTPServer
    thread: threading.Thread


def start(default: str | Responder = DEFAULT_DRAFT) -> _Running:
    state = FaultyOpenAI(default=default)
    httpd = ThreadingHTTPServer(("127.0.0.1", free_port()), _make_handler(state))
    httpd.daemon_threads = True
    httpd.block_on_close = False  # a hanging handler must not hold up the test's teardown
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="faulty-openai", daemon=True
    )
    thread.start()
    return _Running(state, httpd, thread)


def stop(running: _Running) -> None:
    running.state.closing.set()  # wakes every hanging handler
    running.httpd.shutdown()
    running.httpd.server_close()
    running.thread.join(timeout=5)


def serve(default: str | Responder = DEFAULT_DRAFT) -> Iterator[FaultyOpenAI]:
    """Generator for a fixture: a started server, stopped afterwards."""
    running = start(default)
    try:
        yield running.state
    finally:
        stop(running)


@pytest.fixture
def faulty_openai() -> Iterator[FaultyOpenAI]:
    """A started :class:`FaultyOpenAI` on a free loopback port, stopped after the test."""
    yield from serve()
