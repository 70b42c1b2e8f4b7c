"""Headers on every response and a same-origin rule for every request that changes something.

The studio runs on the organisation's own machine, often on 127.0.0.1: a web page elsewhere must not be
able to make the browser post to it (no cross-site POST, checked with ``Origin`` and
``Sec-Fetch-Site``), nor reach it under another host name (DNS rebinding: the ``Host`` header must
be one the studio serves). Pure ASGI, so streamed responses pass through untouched.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# No inline script or style anywhere; the studio's own files only. Eval reports get their own policy.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def allowed_hosts(host: str) -> list[str] | None:
    """Host names the studio answers to when bound to ``host``; None means any (bound to all)."""
    if host in ("0.0.0.0", "::", ""):
        return None
    return sorted({host, *LOOPBACK}) if host in LOOPBACK else [host]


class Security:
    def __init__(self, app: ASGIApp, hosts: Iterable[str] | None = None) -> None:
        self.app = app
        self.hosts = None if hosts is None else {h.lower() for h in hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        problem = self._problem(scope["method"], host, headers)
        if problem:
            await _refuse(send, problem)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in HEADERS.items() if k.encode() not in present]
                if b"content-security-policy" not in present:
                    extra.append((b"content-security-policy", CSP.encode()))
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)

    def _problem(self, method: str, host: str, headers: dict[str, str]) -> str | None:
        name = _host_name(host)
        if self.hosts is not None and name not in self.hosts:
            return f"unknown host {name!r}"
        if method in SAFE_METHODS:
            return None
        if headers.get("sec-fetch-site") == "cross-site":
            return "cross-site request refused"
        origin = headers.get("origin")
        if origin and origin != "null" and urlsplit(origin).netloc.lower() != host.lower():
            return "cross-origin request refused"
        # A plain form POST under "Referrer-Policy: no-referrer" carries "Origin: null" in Chromium; the
        # browser's own Sec-Fetch-Site (no page can set it) then tells a same-origin form from a sandbox.
        if origin == "null" and headers.get("sec-fetch-site") != "same-origin":
            return "cross-origin request refused"
        return None


def _host_name(host: str) -> str:
    host = host.lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


async def _refuse(send: Send, reason: str) -> None:
    body = f"403 Forbidden: {reason}\n".encode()
    await send(
        {
            "type": "http.response.start",
            "status": 403,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
