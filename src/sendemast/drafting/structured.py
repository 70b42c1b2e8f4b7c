"""Step 3: call the model and parse its answer into :class:`DraftOutput`, re-asking a bounded number of
times (instructor-style: the invalid answer and the validation error go back to the model).

Chat prompts want JSON and are parsed strictly. Completion prompts (base models such as the bundled
Gemma 270M) give plain text and are parsed leniently: the text is the post and hashtags are taken from it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sendemast.drafting.types import DraftOutput
from sendemast.errors import ModelError
from sendemast.models.base import Completion, ModelRequest
from sendemast.models.reask import GaveUp, NextRequest, ask_until_valid, json_object, with_feedback

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
    return DraftOutput.model_validate(json_object(text))


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


def generate_structured(
    model: ChatModel,
    rendered: RenderedPrompt,
    prompt: PromptFile,
    *,
    max_tokens: int,
    seed: int | None = None,
    max_attempts: int = MAX_ATTEMPTS,
    on_token: Callable[[str], None] | None = None,
) -> Parsed:
    """Run ``rendered`` on ``model`` until the answer parses, at most ``max_attempts`` calls."""
    from sendemast.prompts import render_reask

    request: ModelRequest = rendered.request(max_tokens=max_tokens, seed=seed)
    if request.json_mode:
        request = replace(request, json_schema=DRAFT_SCHEMA)
    lenient = rendered.output == "text"
    next_request: NextRequest
    if lenient or request.prompt is not None:
        next_request = _reseed  # a base model cannot read feedback; sample again with another seed
    else:
        next_request = with_feedback(lambda error: render_reask(prompt, rendered.lang, error))
    try:
        answer = ask_until_valid(model, request, parse_text_output if lenient else parse_json_output,
                                 max_attempts=max_attempts, next_request=next_request, on_token=on_token)
    except GaveUp as gave_up:
        raise StructuredOutputError(
            f"{model.model_id} gave no usable answer after {max_attempts} attempts: {gave_up.error}",
            last_completion=gave_up.last_completion,
            attempts=max_attempts,
            usage=gave_up.usage,
        ) from None
    return Parsed(output=answer.value, completion=answer.completion, attempts=answer.attempts)


def _reseed(request: ModelRequest, answer: str, error: str, attempt: int) -> ModelRequest:
    return replace(request, seed=(request.seed or 0) + attempt * 7919)
