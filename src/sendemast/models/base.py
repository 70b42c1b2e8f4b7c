"""The one interface every chat model implements, and the request/response types it speaks.

Models are addressed as ``provider/name``. A provider subclasses :class:`ChatModel`, implements
:meth:`ChatModel.execute` and registers itself with :func:`sendemast.models.registry.register`.
Provider SDK types (LangChain, OpenAI, llama.cpp) never leave their adapter module.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal

if TYPE_CHECKING:
    from sendemast.settings import Settings

Role = Literal["system", "user", "assistant"]
PromptStyle = Literal["chat", "completion"]


@dataclass(frozen=True)
class Message:
    role: Role
    content: str

    def to_dict(self) -> dict[str, str]:
        return {"role": self.role, "content": self.content}


@dataclass(frozen=True)
class ModelRequest:
    """One call: chat ``messages`` or a raw completion ``prompt`` (exactly one of them)."""

    messages: tuple[Message, ...] = ()
    prompt: str | None = None
    max_tokens: int = 400
    temperature: float | None = None
    stop: tuple[str, ...] = ()
    seed: int | None = None
    json_mode: bool = False  # ask the server to constrain output to a JSON object where it can
    # With json_mode: the object's JSON schema, for servers that can enforce one (llama.cpp grammars).
    json_schema: dict[str, Any] | None = field(default=None, hash=False, compare=False)

    def as_messages(self) -> list[Message]:
        """Messages for a chat endpoint; a bare prompt becomes one user message."""
        if self.messages:
            return list(self.messages)
        return [Message("user", self.prompt or "")]

    def as_text(self) -> str:
        """A single text for a completion endpoint; chat messages are flattened, roles as headers."""
        if self.prompt is not None:
            return self.prompt
        parts = [f"{m.role.upper()}:\n{m.content}" for m in self.messages]
        return "\n\n".join(parts) + "\n\nASSISTANT:\n"


@dataclass
class Completion:
    text: str
    model: str
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    elapsed_s: float | None = None
    finish_reason: str | None = None
    attempts: int = 1
    extra: dict[str, Any] = field(default_factory=dict)

    def usage(self) -> dict[str, int | None]:
        return {"prompt_tokens": self.prompt_tokens, "completion_tokens": self.completion_tokens}


class ChatModel(ABC):
    """Base class of every model. Subclasses set ``provider`` and implement :meth:`execute`."""

    provider: ClassVar[str] = ""

    def __init__(self, name: str) -> None:
        self.name = name

    @classmethod
    def from_id(cls, name: str, settings: Settings | None = None) -> ChatModel:
        """Build the model for ``provider/name``; providers that need settings or caching override this."""
        return cls(name)

    @property
    def model_id(self) -> str:
        return f"{self.provider}/{self.name}"

    @property
    def is_local(self) -> bool:
        """True when nothing leaves the machine; the privacy guard screens only non-local models."""
        return False

    @property
    def capable(self) -> bool:
        """True when the model is strong enough for several variants, revisions and judging."""
        return True

    @property
    def is_demo(self) -> bool:
        """True for the small bundled demonstration models, so the CLI can say so plainly."""
        return False

    @property
    def tuned_prompt(self) -> str | None:
        """The name of the prompt a model was fine-tuned on for the composer's sentences, if any: the
        composer then sends that prompt rather than its few-shot one."""
        return None

    @property
    def prompt_style(self) -> PromptStyle:
        """``completion`` for base models (few-shot text), ``chat`` for instruction-tuned ones."""
        return "chat"

    def likelihood(self, note: str, sentence: str) -> float | None:
        """How likely ``sentence`` reads after ``note`` to the model's base weights (mean log-probability per
        token), where that has been measured against a reader; None where it cannot say."""
        return None

    @abstractmethod
    def execute(self, request: ModelRequest) -> Completion:
        """Run one request. Raise :class:`sendemast.errors.ModelError` on failure."""

    def stream(self, request: ModelRequest, on_token: Callable[[str], None]) -> Completion:
        """Run ``request``, handing text to ``on_token`` as it is written; the full completion is returned.
        Providers that can stream override this; the default hands over the whole text at once."""
        completion = self.execute(request)
        if completion.text:
            on_token(completion.text)
        return completion

    def generate(self, messages: list[Message], **options: Any) -> Completion:
        """Chat: messages in, one completion out."""
        return self.execute(ModelRequest(messages=tuple(messages), **options))

    def complete(self, prompt: str, **options: Any) -> Completion:
        """Completion: a text to continue."""
        return self.execute(ModelRequest(prompt=prompt, **options))

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.model_id}>"
