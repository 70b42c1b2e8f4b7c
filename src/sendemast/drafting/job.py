"""The state that flows through the drafting chain: each step reads some fields and fills others."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sendemast.drafting.events import EventSink
from sendemast.drafting.types import Draft, DraftRequest, Lang

if TYPE_CHECKING:
    from sendemast.drafting.notes import ReadNotes
    from sendemast.drafting.repair import ChannelRules
    from sendemast.drafting.structured import Parsed
    from sendemast.models.base import ChatModel
    from sendemast.profile import Audience, Profile, Topic
    from sendemast.prompts import PromptFile, RenderedPrompt
    from sendemast.retrieval.types import Retriever, SearchHit
    from sendemast.settings import Settings

# check_post(text, channel=..., profile=..., ruleset=..., audience=...) -> an object with .to_dict()
CheckFn = Callable[..., Any]

# Output budget per channel, in tokens: about a full post of the channel's length in Danish.
MAX_TOKENS = {"linkedin": 700, "x": 120, "bluesky": 130, "mastodon": 220, "threads": 220}
DEMO_MAX_TOKENS = 300  # the bundled models write short posts; more tokens only buy more rambling


@dataclass
class DraftJob:
    request: DraftRequest
    model: ChatModel
    profile: Profile
    retriever: Retriever | None = None
    settings: Settings | None = None
    prompt_folders: list[Path] | None = None
    checker: CheckFn | None = None
    ruleset: Any = None
    on_event: EventSink | None = None  # progress for a person watching (see drafting/events.py)

    # filled by the steps
    channel: str = "linkedin"
    rules: ChannelRules | None = None  # the channel's limit, counting and hashtag budget
    lang: Lang = "da"
    variants: int = 1
    audience: Audience | None = None
    topic: Topic | None = None
    text: str = ""  # the notes or the original, after the privacy guard
    values: list[SearchHit] = field(default_factory=list)
    examples: list[SearchHit] = field(default_factory=list)
    redactions: list[dict[str, str]] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    prompt: PromptFile | None = None
    rendered: list[RenderedPrompt] = field(default_factory=list)
    parsed: list[Parsed] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    diff: str | None = None
    compose: bool = False  # realise the post sentence by sentence (drafting/compose.py)
    notes: ReadNotes | None = None  # drafts: the notes read as material, instructions and omissions
    style_card: Any = None  # the leader's style card, when one is known (drafting/style/)

    @property
    def min_fact_coverage(self) -> float:
        return self.settings.drafting.min_fact_coverage if self.settings is not None else 0.6

    @property
    def material(self) -> str:
        """What the post is written from and its facts are counted on: the notes' material lines, or the
        original of a rewrite."""
        return self.notes.material if self.notes is not None else self.text

    @property
    def max_tokens(self) -> int:
        if self.request.max_tokens:
            return self.request.max_tokens
        budget = MAX_TOKENS.get(self.channel, 400)
        return min(budget, DEMO_MAX_TOKENS) if self.model.is_demo else budget

    @property
    def prompt_name(self) -> str:
        base = "draft" if self.request.command == "draft" else "rewrite"
        return f"{base}-completion" if self.model.prompt_style == "completion" else base
