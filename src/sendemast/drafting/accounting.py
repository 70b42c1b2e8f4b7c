"""Fact accounting for every draft: which facts of the notes it keeps, which it misses, which it invents.

A fact of the notes is kept when the draft carries it (:func:`sendemast.drafting.facts.fact_survives`:
``tre`` is ``3``, ``1.200`` is ``1200``, a number keeps its unit). A fact of the draft is invented when it
stands in neither the notes, the values passages the draft drew on, nor the leader's profile. Past posts
used as style examples do not count as support: they are about other occasions, so a number copied from
one ("148 millioner kroner") is invented in this post. The evaluation's ``grounded`` scorer uses the same
functions, so the draft's scorecard and the harness agree.

An invented fact, or a draft that keeps less than ``min_coverage`` of the notes' facts, makes the verdict
at least ``review``: a scorecard never says ``pass`` for a draft that lost its facts or invented one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sendemast.drafting.facts import Fact, distinct_facts, fact_survives

DEFAULT_MIN_COVERAGE = 0.6
_TAG_OR_MENTION = re.compile(r"(?<!\w)[#@][\w-]+", re.UNICODE)
_RANK = {"block": 0, "review": 1, "warn": 2, "info": 3, "pass": 4}


def blank_tags(text: str) -> str:
    """Hashtags and mentions replaced by spaces of the same length, so offsets stay valid."""
    return _TAG_OR_MENTION.sub(lambda m: " " * len(m.group(0)), text)


def _variants(fact: Fact) -> list[Fact]:
    variants = [fact]
    if fact.kind == "name":  # a Danish or English genitive names the same thing
        for suffix in ("'s", "’s", "s"):
            if fact.text.endswith(suffix) and len(fact.text) > len(suffix) + 1:
                variants.append(replace(fact, text=fact.text[: -len(suffix)]))
    return variants


def is_supported(fact: Fact, material: Sequence[str]) -> bool:
    return any(fact_survives(v, text) for v in _variants(fact) for text in material if text)


def unsupported_facts(text: str, material: Sequence[str]) -> list[Fact]:
    """The facts of ``text`` (hashtags and mentions aside) that no text of ``material`` carries."""
    return [fact for fact in distinct_facts(blank_tags(text)) if not is_supported(fact, material)]


@dataclass
class FactAccount:
    kept: list[Fact] = field(default_factory=list)
    missing: list[Fact] = field(default_factory=list)
    invented: list[Fact] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.kept) + len(self.missing)

    @property
    def coverage(self) -> float:
        return 1.0 if self.total == 0 else len(self.kept) / self.total

    def to_dict(self) -> dict[str, Any]:
        return {
            "kept": [f.label for f in self.kept],
            "missing": [f.label for f in self.missing],
            "invented": [f.label for f in self.invented],
            "total": self.total,
            "coverage": round(self.coverage, 3),
        }

    def summary(self, lang: str = "da") -> str:
        """One line for a person: "7 af 9 fakta fra noterne er med; mangler: …; opfundet: …"."""
        head, missing, invented = _SUMMARY["en" if lang == "en" else "da"]
        line = head.format(kept=len(self.kept), total=self.total)
        for label, facts in ((missing, self.missing), (invented, self.invented)):
            if facts:
                line += f"; {label}: " + ", ".join(f.label for f in facts)
        return line


_SUMMARY = {
    "da": ("{kept} af {total} fakta fra noterne er med", "mangler", "opfundet"),
    "en": ("{kept} of {total} facts from the notes are in", "missing", "invented"),
}


def account_facts(notes: str, draft: str, support: Sequence[str] = ()) -> FactAccount:
    """Kept and missing facts of ``notes`` in ``draft``; the draft's facts found in neither ``notes`` nor
    ``support`` (values passages, the profile) are invented."""
    account = FactAccount()
    for fact in distinct_facts(notes):
        if notes[fact.start - 1 : fact.start] == "[" and notes[fact.end : fact.end + 1] == "]":
            continue  # a placeholder the privacy guard put there ("[CPR]"), not a fact to keep
        (account.kept if fact_survives(fact, draft) else account.missing).append(fact)
    account.invented = unsupported_facts(draft, [notes, *support])
    return account


def fact_findings(account: FactAccount, text: str, lang: str, min_coverage: float) -> list[dict[str, Any]]:
    """``draft.fact_missing`` (review below the coverage floor, else warn) and ``draft.invented`` (review)."""
    below = account.coverage < min_coverage
    da = lang != "en"
    findings: list[dict[str, Any]] = []
    for fact in account.missing:
        findings.append(
            {
                "rule": "draft.fact_missing",
                "severity": "review" if below else "warn",
                "message": (
                    f"Et faktum fra noterne mangler: «{fact.label}»"
                    if da
                    else f'A fact from the notes is missing: "{fact.label}"'
                ),
                "start": 0,
                "end": len(text),
                "suggestion": (
                    "Tag det med, eller stryg det bevidst fra noterne."
                    if da
                    else "Include it, or take it out of the notes on purpose."
                ),
                "fact": fact.to_dict(),
            }
        )
    for fact in account.invented:
        findings.append(
            {
                "rule": "draft.invented",
                "severity": "review",
                "message": (
                    f"«{fact.label}» står hverken i noterne, kilderne eller profilen"
                    if da
                    else f'"{fact.label}" is in neither the notes, the sources nor the profile'
                ),
                "start": fact.start,
                "end": fact.end,
                "suggestion": (
                    "Slet det, eller tjek det og skriv det i noterne."
                    if da
                    else "Remove it, or check it and add it to the notes."
                ),
                "fact": fact.to_dict(),
            }
        )
    return findings


def raise_verdict(check: dict[str, Any], findings: Sequence[dict[str, Any]]) -> None:
    """Add ``findings`` to ``check`` and lift its verdict to the most severe of them."""
    if not findings:
        return
    check["findings"] = [*check.get("findings", []), *findings]
    worst = min(
        (_RANK.get(str(f.get("severity")), 4) for f in findings if f.get("severity") != "info"), default=4
    )
    if worst < _RANK.get(str(check.get("verdict", "pass")), 4):
        check["verdict"] = next(k for k, v in _RANK.items() if v == worst)
