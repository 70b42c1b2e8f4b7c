"""What the drafting chain takes and gives: requests, the model's parsed output, drafts and results."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Lang = Literal["da", "en"]
Command = Literal["draft", "rewrite"]
MAX_VARIANTS = 10  # drafts or rewrites one request may ask for, from the CLI and the studio alike

_LEFTOVER_FENCE = re.compile(
    r"</?\s*(?:materiale|material|noter|notes|original|udkast|draft|opslag|post)\b[^>]*>", re.I
)


class DraftOutput(BaseModel):
    """The structure a model must return: the post text and its hashtags (without '#')."""

    # Models add harmless keys ("title", "notes"); ignoring them beats a needless re-ask.
    model_config = ConfigDict(extra="ignore")

    text: str = Field(min_length=20, description="the post, without hashtags")
    hashtags: list[str] = Field(default_factory=list)

    @field_validator("text", mode="before")
    @classmethod
    def _clean_text(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        if _LEFTOVER_FENCE.search(value):
            raise ValueError("the text contains prompt markup such as <noter>; write only the post")
        return value.strip()

    @field_validator("hashtags", mode="before")
    @classmethod
    def _clean_tags(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.replace(",", " ").split()
        if not isinstance(value, list):
            return value
        return [str(tag).strip().lstrip("#").strip() for tag in value if str(tag).strip().lstrip("#").strip()]


@dataclass(frozen=True)
class DraftRequest:
    """Options of ``sendemast draft`` / ``rewrite``; None means "decide from profile and model"."""

    text: str  # the notes (draft) or the institutional text (rewrite)
    command: Command = "draft"
    channel: str | None = None
    audience: str | None = None
    topic: str | None = None
    variants: int | None = None
    lang: Lang | None = None
    allow_personal_data: bool = False
    redact: bool = False
    values_k: int = 3
    examples_k: int = 3
    max_tokens: int | None = None
    seed: int | None = None
    capacity: str | None = None  # personal | official; None: the profile's

    def __post_init__(self) -> None:
        # checked here, where the CLI and the studio both build a request, so the two accept the same
        if self.variants is not None and not 1 <= self.variants <= MAX_VARIANTS:
            from sendemast.errors import UsageError

            raise UsageError(f"variants must be between 1 and {MAX_VARIANTS} (got {self.variants})")
        if self.capacity is not None and self.capacity not in ("personal", "official"):
            from sendemast.errors import UsageError

            raise UsageError(f"capacity must be personal or official (got {self.capacity!r})")

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class Source:
    id: str
    kind: str
    title: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "kind": self.kind, "title": self.title}


@dataclass
class Draft:
    text: str
    channel: str
    hashtags: list[str]
    sources: list[Source]
    check: dict[str, Any] = field(default_factory=dict)
    revised: bool = False
    repairs: list[str] = field(default_factory=list)
    attempts: int = 1
    before_revision: str | None = None
    diff: str | None = None  # rewrite only: against the original
    facts: dict[str, Any] | None = None  # kept / missing / invented (drafting/accounting.py)
    composition: list[dict[str, Any]] | None = None  # composed drafts: each sentence and its origin
    left_out: list[str] = field(default_factory=list)  # composed sentences that did not fit the channel

    @property
    def verdict(self) -> str:
        return str(self.check.get("verdict", "pass"))

    def to_dict(self) -> dict[str, Any]:
        data = {
            "text": self.text,
            "channel": self.channel,
            "hashtags": list(self.hashtags),
            "sources": [s.to_dict() for s in self.sources],
            "check": self.check,
        }
        if self.facts is not None:
            data["facts"] = self.facts
        if isinstance(self.check.get("written"), dict):  # beside the facts: how much is copied, as words
            data["written"] = self.check["written"]
        if self.composition is not None:
            data["composition"] = self.composition
            data["left_out"] = list(self.left_out)
        if self.diff is not None:
            data["diff"] = self.diff
        return data


@dataclass
class DraftResult:
    command: Command
    model: str
    model_is_demo: bool
    prompt_name: str
    prompt_version: str
    lang: Lang
    drafts: list[Draft]
    history_id: str | None = None
    post_id: int | None = None  # the post on the approval path this draft became (team database)
    original: str | None = None
    diff: str | None = None
    warnings: list[str] = field(default_factory=list)
    notes: dict[str, Any] | None = None  # drafts: instructions read and lines left out (drafting/notes.py)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "model": self.model,
            "prompt": {"name": self.prompt_name, "version": self.prompt_version},
            "drafts": [d.to_dict() for d in self.drafts],
        }
        if self.notes is not None:
            data["notes"] = self.notes
        if self.command == "rewrite":
            data["original"] = self.original
            data["diff"] = self.diff
        data["history_id"] = self.history_id
        data["post_id"] = self.post_id
        return data
