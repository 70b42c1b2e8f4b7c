"""The dialogue's rules as data: triage signals, reply frames and the moderation policy.

Shipped in ``data/``; a workspace extends them with ``dialogue.yaml`` (signals are added, class settings
and reply lists replace ours) and replaces the policy with ``moderation.yaml`` key by key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sendemast.errors import ConfigError

DATA_DIR = Path(__file__).parent / "data"
CLASSES = ("abuse", "spam", "case", "press", "political", "criticism", "question", "praise")
WORKSPACE_RULES = "dialogue.yaml"
WORKSPACE_POLICY = "moderation.yaml"


@dataclass(frozen=True)
class Signal:
    id: str
    cls: str
    weight: float
    patterns: tuple[re.Pattern[str], ...]
    why: dict[str, str]
    ground: str | None = None
    author: bool = False
    private: bool = False  # what it matches is never repeated in a reply


@dataclass
class DialogueRules:
    """Everything triage and the reply frames need, merged and compiled once."""

    classes: dict[str, dict[str, Any]]
    signals: list[Signal]
    checker_signals: dict[str, dict[str, Any]]
    party_weight: float
    party_extra: list[str]
    fallback: dict[str, str]
    replies: dict[str, dict[str, list[str]]]
    max_replies: int
    no_reply_grounds: frozenset[str]
    policy: dict[str, Any]
    reply_rules: dict[str, Any] = field(default_factory=dict)
    learned_weight: float = 0.0
    sources: list[str] = field(default_factory=list)

    def label(self, cls: str, lang: str) -> str:
        return _lang(self.classes[cls].get("label"), lang) or cls

    def ground(self, name: str) -> dict[str, Any]:
        return dict(self.policy.get("grounds", {}).get(name) or {})


def _lang(value: Any, lang: str) -> str:
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("en") or value.get("da") or "")
    return "" if value is None else str(value)


def _read(path: Path) -> dict[str, Any]:
    from sendemast.yamlfile import read_yaml

    data = read_yaml(path, fast=False)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError("expected a mapping", path=str(path))
    return data


def _compile(raw: dict[str, Any], where: str) -> Signal:
    for key in ("id", "class", "patterns"):
        if key not in raw:
            raise ConfigError(f"a signal needs {key!r}", path=where, field=str(raw.get("id", "signals")))
    if raw["class"] not in CLASSES:
        raise ConfigError(
            f"unknown class {raw['class']!r} (known: {', '.join(CLASSES)})", path=where, field=str(raw["id"])
        )
    compiled = []
    for pattern in raw["patterns"]:
        try:
            compiled.append(re.compile(str(pattern), re.IGNORECASE))
        except re.error as exc:
            raise ConfigError(f"bad pattern {pattern!r}: {exc}", path=where, field=str(raw["id"])) from None
    why = raw.get("why") or {}
    return Signal(
        str(raw["id"]),
        str(raw["class"]),
        float(raw.get("weight", 1)),
        tuple(compiled),
        why if isinstance(why, dict) else {"da": str(why), "en": str(why)},
        raw.get("ground"),
        bool(raw.get("author", False)),
        bool(raw.get("private", False)),
    )


def load_rules(root: Path | None = None) -> DialogueRules:
    """The shipped rules, extended by ``root/dialogue.yaml`` and ``root/moderation.yaml`` when present."""
    triage = _read(DATA_DIR / "triage.yaml")
    replies = _read(DATA_DIR / "replies.yaml")
    policy = _read(DATA_DIR / "policy.yaml")
    sources = ["shipped"]
    classes = {k: dict(v) for k, v in triage["classes"].items()}
    signals = [_compile(s, str(DATA_DIR / "triage.yaml")) for s in triage["signals"]]
    frames = {
        cls: {lang: list(v) for lang, v in (langs or {}).items()} for cls, langs in replies["replies"].items()
    }
    max_replies = int(replies.get("max_replies", 3))
    no_reply = set(replies.get("no_reply_grounds", []))
    learned_weight = float((triage.get("learned") or {}).get("weight", 0))
    if root is not None:
        own = root / WORKSPACE_RULES
        if own.is_file():
            extra = _read(own)
            sources.append(str(own))
            for cls, settings in (extra.get("classes") or {}).items():
                if cls not in classes:
                    raise ConfigError(f"unknown class {cls!r}", path=str(own), field="classes")
                classes[cls].update(settings or {})
            signals += [_compile(s, str(own)) for s in extra.get("signals") or []]
            for cls, langs in (extra.get("replies") or {}).items():
                frames.setdefault(cls, {}).update({lang: list(v) for lang, v in (langs or {}).items()})
            max_replies = int(extra.get("max_replies", max_replies))
            if "learned" in extra:
                learned_weight = float((extra["learned"] or {}).get("weight", 0))
        own_policy = root / WORKSPACE_POLICY
        if own_policy.is_file():
            extra = _read(own_policy)
            sources.append(str(own_policy))
            grounds = {**policy.get("grounds", {}), **(extra.get("grounds") or {})}
            policy = {**policy, **extra, "grounds": grounds}
    party = triage.get("party_names") or {}
    return DialogueRules(
        classes=classes,
        signals=signals,
        checker_signals=dict(triage.get("checker_signals") or {}),
        party_weight=float(party.get("weight", 3)),
        party_extra=[str(n) for n in party.get("extra", [])],
        fallback=dict(triage.get("fallback") or {"question_mark": "question", "otherwise": "praise"}),
        replies=frames,
        max_replies=max(1, min(3, max_replies)),
        no_reply_grounds=frozenset(no_reply),
        policy=policy,
        reply_rules=dict(replies.get("reply_rules") or {}),
        learned_weight=learned_weight,
        sources=sources,
    )


def text_in(value: Any, lang: str) -> str:
    """A ``{da, en}`` text (or a plain one) in ``lang``."""
    return _lang(value, lang)
