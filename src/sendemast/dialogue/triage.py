"""Triage: each comment's class, the suggested action and a one-line why.

Rules first and only: weighted signals from ``data/triage.yaml`` (extendable per workspace) plus the
checker's own rules run on the comment — its personal-data detection (``privacy.*``), party politics
(``neutrality.party``) and insults (``civility.attack``). The class with the highest sum wins; ties go to
the more careful class. Every decision can be explained by the signals that made it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sendemast.dialogue.rules import CLASSES, DialogueRules, text_in

if TYPE_CHECKING:
    from sendemast.dialogue.thread import Comment
    from sendemast.guidelines import Ruleset

_CHECKER_RULES = (
    "privacy.cpr",
    "privacy.contact",
    "privacy.sensitive",
    "neutrality.party",
    "civility.attack",
)


@dataclass(frozen=True)
class Hit:
    signal: str
    cls: str
    weight: float
    why: str
    excerpt: str
    start: int = -1
    end: int = -1
    ground: str | None = None


@dataclass
class Triage:
    """What triage decided for one comment, and what a reply must never repeat (``private``)."""

    cls: str
    action: str
    why: str
    lang: str
    ground: str | None = None
    moderation: dict[str, str] | None = None
    scores: dict[str, float] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    personal_data: list[dict[str, str]] = field(default_factory=list)
    private: list[str] = field(default_factory=list)  # words of the comment a reply must not repeat

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"class": self.cls, "action": self.action, "why": self.why, "lang": self.lang}
        if self.ground:
            out["ground"] = self.ground
        if self.moderation:
            out["moderation"] = self.moderation
        out["personal_data"] = [p["rule"] for p in self.personal_data]
        out["signals"] = [h.signal for h in self.hits]
        return out


def party_pattern(ruleset: Ruleset, rules: DialogueRules) -> re.Pattern[str]:
    def build() -> re.Pattern[str]:
        names: list[str] = list(rules.party_extra)
        for lang in ("da", "en"):
            for party in ruleset.words.get(lang, {}).get("parties", []) or []:
                ambiguous = set(party.get("ambiguous", []))
                names += [n for n in party.get("names", []) if n not in ambiguous]
                # "Venstre", "Konservative": the party only with a capital, or in the genitive
                names += [f"{n}s" for n in ambiguous] + [n for n in ambiguous if n != "Venstre"]
        names = sorted(set(names), key=len, reverse=True)
        body = "|".join(re.escape(n) for n in names)
        return re.compile(rf"(?<!\w)(?:{body})(?:s)?(?!\w)|(?<=[a-zæøå,] )Venstre(?!\w)")

    return ruleset.memo("dialogue.party_names", build)


def _personal_words(text: str, start: int, end: int) -> list[str]:
    """The words of a finding worth guarding: digits and words of four letters or more."""
    return [
        w for w in re.findall(r"[\wæøåÆØÅ'-]+", text[start:end]) if len(w) >= 4 or any(c.isdigit() for c in w)
    ]


def triage(comment: Comment, rules: DialogueRules, ruleset: Ruleset, profile: Any = None) -> Triage:
    """Class, action and why for one comment."""
    from sendemast.guidelines import check_post
    from sendemast.lang import detect_language

    text = comment.text
    lang = detect_language(text)
    hits: list[Hit] = []
    for signal in rules.signals:
        targets = [text] + ([comment.author] if signal.author and comment.author else [])
        for target in targets:
            matches = [m for p in signal.patterns if (m := p.search(target))]
            if matches:
                match = matches[0]
                on_text = target is text
                # several of a signal's patterns at once are surer than one: up to twice its weight
                weight = signal.weight * min(2.0, 1 + 0.5 * (len(matches) - 1))
                hits.append(
                    Hit(
                        signal.id,
                        signal.cls,
                        weight,
                        text_in(signal.why, lang),
                        match.group(0).strip(),
                        match.start() if on_text else -1,
                        match.end() if on_text else -1,
                        signal.ground,
                    )
                )
                break
    personal: list[dict[str, str]] = []
    private: list[str] = []
    result = check_post(text, "linkedin", profile=profile, ruleset=ruleset, only=_CHECKER_RULES)
    seen_rules: set[str] = set()
    for finding in result.findings:
        if finding.rule.startswith("privacy."):
            personal.append({"rule": finding.rule, "message": finding.message})
            words = _personal_words(text, finding.start, finding.end)
            # a person-and-detail finding spans the words between them: only its two ends are private
            private += words if finding.rule != "privacy.sensitive" else words[:1] + words[-1:]
        setting = rules.checker_signals.get(finding.rule)
        if setting and finding.rule not in seen_rules:
            seen_rules.add(finding.rule)
            why = text_in(setting.get("why"), lang) or finding.message.split(".")[0]
            hits.append(
                Hit(
                    f"checker:{finding.rule}",
                    str(setting["class"]),
                    float(setting.get("weight", 1)),
                    why,
                    text[finding.start : finding.end],
                    finding.start,
                    finding.end,
                    setting.get("ground"),
                )
            )
    party = party_pattern(ruleset, rules).search(text)
    if party:
        hits.append(
            Hit(
                "party_name",
                "political",
                rules.party_weight,
                "nævner et parti" if lang == "da" else "names a party",
                party.group(0),
                party.start(),
                party.end(),
            )
        )
    # What the comment says about a person's health or situation: never to be repeated in a reply.
    for signal in rules.signals:
        if signal.private:
            for pattern in signal.patterns:
                private += [m.group(0) for m in pattern.finditer(text)]
    scores = {cls: 0.0 for cls in CLASSES}
    for hit in hits:
        scores[hit.cls] += hit.weight
    if rules.learned_weight > 0:
        from sendemast.dialogue.learned import class_probabilities

        for cls, probability in class_probabilities(text, comment.author).items():
            if cls in scores:
                scores[cls] += rules.learned_weight * probability
    best = max(CLASSES, key=lambda c: (scores[c], -CLASSES.index(c)))
    if scores[best] <= 0:
        best = rules.fallback["question_mark" if "?" in text else "otherwise"]
    return _decide(best, hits, scores, lang, rules, personal, sorted(set(private), key=str.lower))


def _decide(
    cls: str,
    hits: list[Hit],
    scores: dict[str, float],
    lang: str,
    rules: DialogueRules,
    personal: list[dict[str, str]],
    private: list[str],
) -> Triage:
    settings = rules.classes[cls]
    action = str(settings.get("action", "answer"))
    mine = sorted((h for h in hits if h.cls == cls), key=lambda h: -h.weight)
    ground = next((h.ground for h in mine if h.ground), None)
    if cls == "spam":
        ground = "spam"
    if cls == "abuse" and ground is None:
        ground = "insult"
    moderation = None
    if ground:
        policy = rules.ground(ground)
        action = str(policy.get("action", action))
        moderation = {
            "ground": ground,
            "label": text_in(policy.get("label"), lang),
            "rule": text_in(policy.get("rule"), lang),
        }
    if any(p["rule"] == "privacy.cpr" for p in personal):
        policy = rules.ground("personal_data")
        moderation = {
            "ground": "personal_data",
            "action": str(policy.get("action", "hide")),
            "label": text_in(policy.get("label"), lang),
            "rule": text_in(policy.get("rule"), lang),
        }
    because = text_in(settings.get("why"), lang)
    if mine:
        top = mine[0]
        # a case's or personal finding's words are not quoted back, even to the adviser's screen
        quote = (
            "" if cls == "case" or top.signal.startswith("checker:privacy") else f" («{top.excerpt[:40]}»)"
        )
        why = f"{top.why[:1].upper()}{top.why[1:]}{quote}. {because}."
    else:  # the learned signal alone: it resembles the labelled examples of this class
        like = (
            "Ligner eksemplerne på denne slags kommentar"
            if lang == "da"
            else "Resembles the labelled examples of this kind"
        )
        why = f"{like}. {because}."
    if moderation and moderation.get("ground") == "personal_data":
        why += " " + moderation["rule"]
    return Triage(
        cls, action, " ".join(why.split()), lang, ground, moderation, scores, hits, personal, private
    )
