"""Step 3: call the model and parse its answer into :class:`DraftOutput`, re-asking a bounded number of
times (instructor-style: the invalid answer and the validation error go back to the model).

Chat prompts want JSON and are parsed strictly. Completion prompts (base models such as the bundled
Gemma 270M) give plain text and are parsed leniently: the text is the post and hashtags are taken from it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from pydantic import ValidationError

from sendemast.drafting.types import DraftOutput
from sendemast.errors import ModelError
from sendemast.models.base import Completion, Message, ModelRequest

if TYPE_CHECKING:
    from sendemast.models.base import ChatModel
    from sendemast.prompts import PromptFile, RenderedPrompt

MAX_ATTEMPTS = 3
# What DraftOutput accepts, for servers that can constrain generation to a schema (llama.cpp grammars).
DRAFT_SCHEMA: dict[str, object] = {
    "type": "object",
    "properties": {
        "text": {"type": "string", "minLength": 20},
        "hashtags": {"type": "array", "items": {"type": "string"}, "maxItems": 5},
    },
    "required": ["text", "hashtags"],
}
_HASHTAG = re.compile(r"(?<![\w#])#([^\W_][\w-]*)", re.UNICODE)
_TRAILING_TAGS = re.compile(r"(?:\s*#[^\W_][\w-]*)+\s*$", re.UNICODE)
_MARKUP = re.compile(r"</?\s*[a-zæøå][\w-]*(?:\s[^<>]*)?>", re.I)
_HEADING = re.compile(r"^\s*#{1,6}(?:\s+\S|[^\W\d_][\w-]*:)")
_LABEL = re.compile(r"^\s*(?:opslag|post|udkast|draft)\s*\d*\s*:\s*", re.I)


class StructuredOutputError(ModelError):
    """The model never produced a valid answer. Carries the last completion, the attempts and the usage."""

    def __init__(self, message: str, *, last_completion: str, attempts: int, usage: dict[str, int]) -> None:
        super().__init__(message, hint="try again, or a stronger model with --model")
        self.last_completion = last_completion
        self.attempts = attempts
        self.usage = usage


@dataclass
class Parsed:
    output: DraftOutput
    completion: Completion
    attempts: int


def parse_json_output(text: str) -> DraftOutput:
    """Strict parse: one JSON object (code fences and chatter around it tolerated) → DraftOutput."""
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        raise ValueError("no JSON object found in the answer")
    try:
        data = json.loads(text[start : end + 1])
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON: {exc.msg} at position {exc.pos}") from None
    if not isinstance(data, dict):
        raise ValueError("the JSON is not an object")
    return DraftOutput.model_validate(data)


def parse_text_output(text: str) -> DraftOutput:
    """Lenient parse for base models: strip markup and labels, take trailing hashtags as the hashtags."""
    text = _MARKUP.sub("", text)
    lines = [
        _LABEL.sub("", line, count=1) if i == 0 else line for i, line in enumerate(text.strip().splitlines())
    ]
    # Markdown headings ("# Noter: …", "#Noter: …") are notes a base model copied, not part of a post.
    lines = [line for line in lines if not _HEADING.match(line)]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    trailing = _TRAILING_TAGS.search(text)
    tags = _HASHTAG.findall(trailing.group(0)) if trailing else []
    body = text[: trailing.start()].rstrip() if trailing else text
    return DraftOutput.model_validate({"text": body, "hashtags": tags})


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'answer'}: {e['msg']}" for e in exc.errors()
        )
    return str(exc)


def generate_structured(
    model: ChatModel,
    rendered: RenderedPrompt,
    prompt: PromptFile,
    *,
    max_tokens: int,
    seed: int | None = None,
    max_attempts: int = MAX_ATTEMPTS,
) -> Parsed:
    """Run ``rendered`` on ``model`` until the answer parses, at most ``max_attempts`` calls."""
    from sendemast.prompts import render_reask

    request: ModelRequest = rendered.request(max_tokens=max_tokens, seed=seed)
    if request.json_mode:
        request = replace(request, json_schema=DRAFT_SCHEMA)
    lenient = rendered.output == "text"
    usage = {"prompt_tokens": 0, "completion_tokens": 0}
    last = ""
    error = ""
    for attempt in range(1, max_attempts + 1):
        completion = model.execute(request)
        last = completion.text
        usage["prompt_tokens"] += completion.prompt_tokens or 0
        usage["completion_tokens"] += completion.completion_tokens or 0
        try:
            output = parse_text_output(last) if lenient else parse_json_output(last)
            return Parsed(output=output, completion=completion, attempts=attempt)
        except (ValueError, ValidationError) as exc:
            error = _error_text(exc)
        if lenient or request.prompt is not None:
            # A base model cannot read feedback; sample again with another seed instead.
            request = replace(request, seed=(request.seed or 0) + attempt * 7919)
        else:
            reask = render_reask(prompt, rendered.lang, error)
            request = replace(
                request, messages=(*request.messages, Message("assistant", last), Message("user", reask))
            )
    raise StructuredOutputError(
        f"{model.model_id} gave no usable answer after {max_attempts} attempts: {error}",
        last_completion=last,
        attempts=max_attempts,
        usage=usage,
    )
