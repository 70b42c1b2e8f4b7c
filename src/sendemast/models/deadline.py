"""One deadline for a whole draft: a remote model that hangs holds the user at most ``[model] deadline_s``
(default 90 s) in all, however many calls and retries the draft needs.

The drafting chain opens ``with deadline(seconds):`` around a job; a remote model asks :func:`remaining`
before each attempt and shortens its timeout (and its backoff) to what is left, and gives up with one line
when nothing is. A context variable, so concurrent drafts in the studio's threads each keep their own.
Local models do not ask: they do not hang on a network.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("sendemast_deadline", default=None)


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Within this block, model calls end by ``seconds`` from now (None: no deadline)."""
    token = _DEADLINE.set((time.monotonic() + seconds, seconds) if seconds else None)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def remaining() -> float | None:
    """Seconds left before the deadline (0 when it has passed), or None without one."""
    current = _DEADLINE.get()
    return None if current is None else max(0.0, current[0] - time.monotonic())


def total() -> float | None:
    """The whole deadline in seconds, for the message when it has passed."""
    current = _DEADLINE.get()
    return None if current is None else current[1]
