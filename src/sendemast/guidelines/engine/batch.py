"""Check JSON Lines of posts (``{"id", "text", "channel"?}``), one result object per line.

A line that cannot be checked (bad JSON, no text, an unknown channel) gives ``{"id", "line", "error"}``
and the batch goes on; the caller decides the exit code from :class:`BatchSummary`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from sendemast.errors import SendemastError
from sendemast.guidelines.engine.model import CheckResult


class PostCheck(Protocol):
    """A check bound to a profile and rules (``LeaderContext.check``, or ``check_post`` with them)."""

    def __call__(self, text: str, channel: str, *, id: Any = None, source: str | None = None,
                 source_kind: str = "notes") -> CheckResult: ...


@dataclass
class BatchSummary:
    posts: int = 0
    errors: int = 0
    reached: int = 0  # posts with a finding at or above fail_on


def check_lines(
    lines: Iterable[str],
    *,
    channel: str,
    check: PostCheck,
    fail_on: str = "block",
    summary: BatchSummary | None = None,
) -> Iterator[dict[str, Any]]:
    """Yield one JSON-ready dict per non-blank line; ``summary`` (if given) counts posts and errors."""
    summary = summary if summary is not None else BatchSummary()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        post_id: Any = number  # a line without an id is named by its line number
        try:
            try:
                item = json.loads(line)
            except RecursionError:
                raise ValueError("invalid JSON (nested too deeply)") from None
            if not isinstance(item, dict):
                raise ValueError("expected a JSON object")
            _encodable(item)  # before the id is echoed back: an unencodable id would break the output
            post_id = item.get("id", number)
            text = item.get("text")
            if not isinstance(text, str) or not text.strip():
                raise ValueError("'text' must be a non-empty string")
            post_channel = item.get("channel") or channel
            if not isinstance(post_channel, str):
                raise ValueError("'channel' must be a string")
            source = item.get("source")
            if source is not None and not isinstance(source, str):
                raise ValueError("'source' must be a string")
            source_kind = item.get("source_kind") or "notes"
            if not isinstance(source_kind, str):
                raise ValueError("'source_kind' must be a string")
            result = check(text, post_channel, id=post_id, source=source, source_kind=source_kind)
        except (ValueError, SendemastError) as exc:
            summary.errors += 1
            message = exc.one_line() if isinstance(exc, SendemastError) else str(exc)
            yield {"id": post_id, "line": number, "error": message}
            continue
        summary.posts += 1
        if result.reaches(fail_on):
            summary.reached += 1
        out = result.to_dict()
        out["id"] = post_id
        yield out


def _encodable(item: dict[str, Any]) -> None:
    """Refuse a line whose strings hold unpaired surrogates (JSON escapes such as \\ud800): not text."""
    try:
        json.dumps(item, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        bad = [k for k, v in item.items() if _is_text(k) and isinstance(v, str) and not _is_text(v)]
        name = f"'{bad[0]}'" if bad else "a field"
        raise ValueError(f"{name} holds an unpaired surrogate (\\ud800-\\udfff), not text") from None


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
