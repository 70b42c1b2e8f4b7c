"""The privacy guard: nothing personal leaves the machine for a hosted model.

Before notes, a post to rewrite or retrieved text go to a non-local model they are screened with the
checker's privacy rules (``find_personal_data``). A CPR number always refuses the call — no flag overrides
that — unless ``redact`` replaces it; other personal data (phone numbers, e-mail addresses, a named person
with a health detail) refuses unless ``allow_personal_data`` or ``redact``. ``redact`` replaces what was
found with placeholders such as ``[CPR]`` and restores nothing afterwards. Local models are exempt: the
text never leaves the process.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from sendemast.errors import PrivacyError

if TYPE_CHECKING:
    from sendemast.retrieval.types import SearchHit

CPR_RULE = "privacy.cpr"
Finder = Callable[[str], Sequence[Any]]


@dataclass
class Screened:
    text: str
    hits: list[SearchHit]
    redactions: list[dict[str, str]] = field(default_factory=list)


def _finder() -> Finder:
    from sendemast.guidelines.engine.checker import find_personal_data

    return find_personal_data


def mask(value: str) -> str:
    """Keep the first two characters, hide every other letter and digit: ``120385-1234`` → ``12xxxx-xxxx``."""
    shown = 0
    out = []
    for char in value:
        if char.isalnum():
            out.append(char if shown < 2 else "x")
            shown += 1
        else:
            out.append(char)
    return "".join(out)


def _label(rule: str, value: str) -> tuple[str, str]:
    """(what it is, for a message; the placeholder that replaces it)."""
    if rule == CPR_RULE:
        return "CPR number", "[CPR]"
    if rule == "privacy.contact":
        return ("e-mail address", "[EMAIL]") if "@" in value else ("phone number", "[TELEFON]")
    return "personal details", "[PERSON]"


def _where(origin: str, text: str, start: int) -> str:
    if origin.startswith("source "):
        return origin
    return f"{origin} line {text.count(chr(10), 0, start) + 1}"


def _redact(text: str, findings: Sequence[Any], origin: str, log: list[dict[str, str]]) -> str:
    # Right to left, so earlier offsets stay valid; overlapping findings are merged into the first.
    spans = sorted({(int(f.start), int(f.end), f.rule) for f in findings}, reverse=True)
    last_start = len(text) + 1
    for start, end, rule in spans:
        if end > last_start:
            continue
        what, placeholder = _label(rule, text[start:end])
        log.append({"where": _where(origin, text, start), "what": what, "placeholder": placeholder})
        text = text[:start] + placeholder + text[end:]
        last_start = start
    return text


def screen(
    text: str,
    hits: Sequence[SearchHit] = (),
    *,
    model_id: str,
    origin: str = "notes",
    allow_personal_data: bool = False,
    redact: bool = False,
    finder: Finder | None = None,
) -> Screened:
    """Screen ``text`` and ``hits`` for a non-local model; raise :class:`PrivacyError` or redact."""
    find = finder or _finder()
    items: list[tuple[str, str, Sequence[Any]]] = [(origin, text, find(text))]
    items += [(f"source {hit.id}", hit.text, find(hit.text)) for hit in hits]
    if redact:
        log: list[dict[str, str]] = []
        new_text = _redact(text, items[0][2], origin, log) if items[0][2] else text
        new_hits = [
            replace(hit, text=_redact(hit.text, found, where, log)) if found else hit
            for hit, (where, _, found) in zip(hits, items[1:], strict=True)
        ]
        return Screened(new_text, new_hits, log)
    for cpr_only in (True, False):
        for where, body, found in items:
            for finding in found:
                if cpr_only != (finding.rule == CPR_RULE):
                    continue
                if not cpr_only and allow_personal_data:
                    continue
                value = body[int(finding.start) : int(finding.end)]
                what, _ = _label(finding.rule, value)
                override = (
                    "--allow-personal-data does not cover CPR numbers; remove it or pass --redact"
                    if cpr_only
                    else "remove it, or pass --redact or --allow-personal-data"
                )
                raise PrivacyError(
                    f"refusing to send personal data to {model_id}: {what} {mask(value)} in "
                    f"{_where(where, body, int(finding.start))}; nothing was sent",
                    hint=override,
                )
    return Screened(text, list(hits))


def redact_for_log(text: str, finder: Finder | None = None) -> str:
    """The text with CPR numbers masked, for history entries of refused requests."""
    find = finder or _finder()
    out = text
    for finding in sorted(find(text), key=lambda f: -int(f.start)):
        if finding.rule == CPR_RULE:
            out = (
                out[: int(finding.start)]
                + mask(out[int(finding.start) : int(finding.end)])
                + out[int(finding.end) :]
            )
    return re.sub(r"[ \t]+\n", "\n", out)
