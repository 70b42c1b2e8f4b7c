"""The check of a reply: the leader's guideline check plus the reply rules.

A reply never repeats the commenter's personal data (the words triage marked private, and anything the
checker's privacy rules find), names no party, stays civil, promises and confirms nothing, invents no
number, date or name (the facts account: its facts must come from the post, the comment or the profile)
and keeps to the length. ``verdict``: block (never offered), review (a person looks first) or pass.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sendemast.dialogue.rules import text_in

if TYPE_CHECKING:
    from sendemast.dialogue.rules import DialogueRules
    from sendemast.dialogue.triage import Triage
    from sendemast.guidelines import CheckResult

_RANK = {"block": 0, "review": 1, "warn": 2, "info": 3}


def _rule(rules: DialogueRules, rule_id: str) -> dict[str, Any]:
    return dict(rules.reply_rules.get(rule_id) or {})


def _finding(rules: DialogueRules, rule_id: str, lang: str, **fields: Any) -> dict[str, str]:
    rule = _rule(rules, rule_id)
    message = text_in(rule.get("message"), lang)
    with contextlib.suppress(KeyError, IndexError, ValueError):  # a workspace message with an odd {field}
        message = message.format(**fields)
    return {"rule": rule_id, "severity": str(rule.get("severity", "review")), "message": message}


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[\w'’-]+", text)}


def verify_reply(
    reply: str,
    *,
    triage: Triage,
    rules: DialogueRules,
    check: CheckResult | None,
    material: Sequence[str],
    party_pattern: re.Pattern[str] | None = None,
    max_chars: int | None = None,
) -> dict[str, Any]:
    """The reply's check as a dict: ``verdict``, ``findings`` (rule, severity, message) and ``length``."""
    from sendemast.drafting.accounting import unsupported_facts

    lang = triage.lang
    findings: list[dict[str, str]] = []
    ignore = set(rules.reply_rules.get("checker_ignore", []))
    if check is not None:
        for f in check.findings:
            if f.rule in ignore or f.severity == "info":
                continue
            severity = "block" if f.rule.startswith(("privacy.", "neutrality.", "civility.")) else f.severity
            findings.append({"rule": f.rule, "severity": severity, "message": f.message})
    reply_words = _words(reply)
    repeated = sorted({w for w in triage.private if w.lower() in reply_words}, key=str.lower)
    if repeated:
        findings.append(_finding(rules, "dialogue.personal_data", lang, words=", ".join(repeated)))
    if party_pattern is not None:
        party = party_pattern.search(reply)
        if party:
            findings.append(_finding(rules, "dialogue.party", lang, party=party.group(0)))
    invented = unsupported_facts(reply, list(material))
    if invented:
        findings.append(
            _finding(rules, "dialogue.invented", lang, facts=", ".join(f.label for f in invented))
        )
    for rule_id in ("dialogue.promise", "dialogue.confirms"):
        for pattern in _rule(rules, rule_id).get("patterns", []):
            match = re.search(pattern, reply, re.IGNORECASE)
            if match:
                findings.append(_finding(rules, rule_id, lang, phrase=match.group(0)))
                break
    limit = int(max_chars or rules.reply_rules.get("max_chars", 400))
    if len(reply) > limit:
        findings.append(_finding(rules, "dialogue.length", lang, count=len(reply), limit=limit))
    person_words = _rule(rules, "dialogue.first_person").get("words", {})
    if not reply_words & {str(w).lower() for w in person_words.get(lang, [])}:
        findings.append(_finding(rules, "dialogue.first_person", lang))
    findings.sort(key=lambda f: _RANK.get(f["severity"], 9))
    verdict = "pass"
    if any(f["severity"] == "block" for f in findings):
        verdict = "block"
    elif any(f["severity"] == "review" for f in findings):
        verdict = "review"
    return {"verdict": verdict, "findings": findings, "length": len(reply)}


def repeats_personal_data(check: dict[str, Any]) -> bool:
    return any(
        f["rule"] in ("dialogue.personal_data",) or f["rule"].startswith("privacy.")
        for f in check["findings"]
    )


def takes_party_side(check: dict[str, Any]) -> bool:
    return any(f["rule"] in ("dialogue.party", "neutrality.party") for f in check["findings"])
