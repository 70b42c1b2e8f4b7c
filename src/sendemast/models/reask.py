"""Asking a model until its answer parses — the bounded re-ask the drafting chain and the judge share.

instructor-style: a chat model gets its invalid answer back with the validation error and is asked
again; what "again" means is the caller's (``next_request``), since a base model cannot read feedback
and is simply re-sampled with another seed. After ``max_attempts`` calls :class:`GaveUp` carries the
last answer, the last error and the tokens spent, and the caller turns it into its own error.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import ValidationError

from sendemast.models.base import Completion, Message, ModelRequest

if TYPE_CHECKING:
    from sendemast.models.base import ChatModel

T = TypeVar("T")
NextRequest = Callable[[ModelRequest, str, str, int], ModelRequest]  # (request, answer, error, attempt)


@dataclass
class Answer(Generic[T]):
    value: T
    completion: Completion
    attempts: int
    usage: dict[str, int]


@dataclass
class GaveUp(Exception):
    last_completion: str
    error: str
    attempts: int
    usage: dict[str, int] = field(default_factory=dict)


def json_object(text: str) -> dict[str, Any]:
    """The one JSON object in a model's answer; code fences and chatter around it are tolerated."""
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        raise ValueError("no JSON object found in the answer")
    try:
        data = json.loads(text[start : end + 1])
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON: {exc.msg} at position {exc.pos}") from None
    if not isinstance(data, dict):
        raise ValueError("the JSON is not an object")
    return data


def error_text(exc: Exception) -> str:
    """What was wrong with an answer, in words a model can act on."""
    if isinstance(exc, ValidationError):
        return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'answer'}: {e['msg']}"
                         for e in exc.errors())
    return str(exc)


def with_feedback(reask: Callable[[str], str]) -> NextRequest:
    """The chat re-ask: the invalid answer as the assistant's turn, ``reask(error)`` as the user's."""

    def next_request(request: ModelRequest, answer: str, error: str, attempt: int) -> ModelRequest:
        turns = (*request.messages, Message("assistant", answer), Message("user", reask(error)))
        return replace(request, messages=turns)

    return next_request


def ask_until_valid(model: ChatModel, request: ModelRequest, parse: Callable[[str], T], *,
                    max_attempts: int, next_request: NextRequest,
                    on_token: Callable[[str], None] | None = None) -> Answer[T]:
    """Run ``request`` until ``parse`` accepts the answer (it raises ValueError or ValidationError when
    it does not), at most ``max_attempts`` calls. ``on_token`` sees the text as it is written."""
    usage = {"prompt_tokens": 0, "completion_tokens": 0}
    last, error = "", ""
    for attempt in range(1, max_attempts + 1):
        completion = model.stream(request, on_token) if on_token else model.execute(request)
        last = completion.text
        usage["prompt_tokens"] += completion.prompt_tokens or 0
        usage["completion_tokens"] += completion.completion_tokens or 0
        try:
            return Answer(parse(last), completion, attempt, usage)
        except (ValueError, ValidationError) as exc:
            error = error_text(exc)
        if attempt < max_attempts:
            request = next_request(request, last, error, attempt)
    raise GaveUp(last, error, max_attempts, usage)
