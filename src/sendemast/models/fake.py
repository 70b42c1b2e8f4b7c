"""``fake/<name>``: a deterministic model for tests, CI smoke runs and demos of the pipeline.

Queue canned outputs with :meth:`FakeModel.enqueue` (strings, or exceptions to raise); with the queue
empty the name decides what it computes from the prompt:

- ``…echo…`` returns the last user message (or the completion prompt) unchanged;
- ``…draft…`` turns the fenced notes / original / draft in the prompt into a short first-person post
  (JSON when the request asks for JSON), so ``--model fake/draft`` runs the whole chain offline;
- anything else raises :class:`ModelError` ("nothing queued").

Name prefixes change what the model claims to be: ``remote-…`` is treated as a hosted model (the privacy
guard screens it), ``small-…`` as a small demonstration model (one variant, no judging), and
``…completion…`` wants completion-style prompts like a base model. Instances are cached per name, so a
test can enqueue on ``get_model("fake/x")`` and the CLI, run in-process, uses the same object.
Every request is recorded in ``calls``.
"""

from __future__ import annotations

import html
import json
import re
from collections import deque
from typing import TYPE_CHECKING, ClassVar

from sendemast.errors import ModelError
from sendemast.models.base import ChatModel, Completion, ModelRequest, PromptStyle
from sendemast.models.registry import register

if TYPE_CHECKING:
    from sendemast.settings import Settings

# A fence as sendemast.prompts.fence writes it: the opening tag alone on its line.
_FENCE = re.compile(r"<(noter|notes|original|udkast|draft)(?:\s[^>\n]*)?>\n(.*?)\n</\1>", re.S | re.I)
_PRIORITY = ("udkast", "draft", "original", "noter", "notes")


@register("fake")
class FakeModel(ChatModel):
    _instances: ClassVar[dict[str, FakeModel]] = {}

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.queue: deque[str | BaseException] = deque()
        self.calls: list[ModelRequest] = []
        self.local = not name.startswith("remote")
        self.strong = not name.startswith("small")
        self.style: PromptStyle = "completion" if "completion" in name else "chat"

    @classmethod
    def from_id(cls, name: str, settings: Settings | None = None) -> FakeModel:
        if name not in cls._instances:
            cls._instances[name] = cls(name)
        return cls._instances[name]

    @classmethod
    def reset(cls) -> None:
        """Forget every cached instance (tests call this between cases)."""
        cls._instances.clear()

    @property
    def is_local(self) -> bool:
        return self.local

    @property
    def capable(self) -> bool:
        return self.strong

    @property
    def is_demo(self) -> bool:
        return not self.strong

    @property
    def prompt_style(self) -> PromptStyle:
        return self.style

    def enqueue(self, *outputs: str | BaseException) -> FakeModel:
        self.queue.extend(outputs)
        return self

    def execute(self, request: ModelRequest) -> Completion:
        self.calls.append(request)
        if self.queue:
            item = self.queue.popleft()
            if isinstance(item, BaseException):
                raise item
            text = item
        elif "echo" in self.name:
            text = _last_input(request)
        elif "draft" in self.name and _SENTENCE_PROMPT.search(_last_input(request)):
            text = _sentence_from(request)
        elif "draft" in self.name:
            text = _draft_from(request)
        else:
            raise ModelError(f"{self.model_id}: nothing queued", hint="enqueue outputs or use fake/echo")
        return Completion(
            text=text,
            model=self.model_id,
            prompt_tokens=len(_last_input(request).split()),
            completion_tokens=len(text.split()),
            finish_reason="stop",
        )


def _last_input(request: ModelRequest) -> str:
    if request.prompt is not None:
        return request.prompt
    users = [m.content for m in request.messages if m.role == "user"]
    return users[-1] if users else ""


_SENTENCE_PROMPT = re.compile(r"\n(?:Note): (.+)\n(Sætning|Sentence):\s*$")


def _sentence_from(request: ModelRequest) -> str:
    """The composer's one-note prompt: the note as a first-person sentence, every word and fact kept."""
    match = _SENTENCE_PROMPT.search(_last_input(request))
    assert match is not None
    note = match.group(1).strip().rstrip(".")
    lead = "I can tell you this:" if match.group(2) == "Sentence" else "Jeg kan fortælle:"
    return f"{lead} {note}."


def _draft_from(request: ModelRequest) -> str:
    """A first-person post built from the most relevant fenced block: predictable and fact-keeping."""
    everything = "\n".join(m.content for m in request.messages if m.role == "user") + (request.prompt or "")
    blocks = {m.group(1).lower(): html.unescape(m.group(2)).strip() for m in _FENCE.finditer(everything)}
    source = next((blocks[tag] for tag in _PRIORITY if tag in blocks), "")
    lines = [re.sub(r"^\s*(?:[-*•]|\d+[.)])\s*", "", line).strip() for line in source.splitlines()]
    lines = [line[0].upper() + line[1:].rstrip(".") + "." for line in lines if line]
    english = bool(re.search(r"\b(the|and|we|our)\b", source, re.I)) and not re.search(r"[æøå]", source)
    lead = (
        "This week I want to share something I'm proud of."
        if english
        else ("I denne uge vil jeg gerne dele noget, jeg er stolt af.")
    )
    text = " ".join([lead, *lines]) if lines else lead
    if request.json_mode or "json" in everything.lower():
        return json.dumps({"text": text, "hashtags": []}, ensure_ascii=False)
    return text
