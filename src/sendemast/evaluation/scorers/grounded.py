"""``grounded``: every name, number, place, date, link and e-mail address in a draft must come from
somewhere — the notes (or the original, for a rewrite), the retrieved sources, or the leader's profile.
Anything else is a hallucination and a finding ("Odense Kommune" out of nowhere).

Facts are found and matched with the drafting chain's own rules (:mod:`sendemast.drafting.facts`), read in
the other direction: here the *draft's* facts must be found in the material. A Danish genitive counts as
the name ("Fjordmark Kommunes" is grounded by "Fjordmark Kommune").
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from sendemast.evaluation.registry import ScoreContext, scorer
from sendemast.evaluation.types import Score, checked

if TYPE_CHECKING:
    from sendemast.drafting.facts import Fact

_TAG_OR_MENTION = re.compile(r"(?<!\w)[#@][\w-]+", re.UNICODE)


def _blank_tags(text: str) -> str:
    """Hashtags and mentions replaced by spaces of the same length, so offsets stay valid."""
    return _TAG_OR_MENTION.sub(lambda m: " " * len(m.group(0)), text)


def _variants(fact: Fact) -> list[Fact]:
    from dataclasses import replace

    variants = [fact]
    if fact.kind == "name":
        for suffix in ("'s", "’s", "s"):
            if fact.text.endswith(suffix) and len(fact.text) > len(suffix) + 1:
                variants.append(replace(fact, text=fact.text[: -len(suffix)]))
    return variants


def is_supported(fact: Fact, material: list[str]) -> bool:
    from sendemast.drafting.facts import fact_survives

    return any(fact_survives(v, text) for v in _variants(fact) for text in material if text)


def _profile_text(ctx: ScoreContext) -> str:
    profile = ctx.services.profile
    return json.dumps(profile.model_dump(), ensure_ascii=False) if profile is not None else ""


def unsupported_facts(text: str, material: list[str]) -> list[Fact]:
    from sendemast.drafting.facts import distinct_facts

    return [fact for fact in distinct_facts(_blank_tags(text)) if not is_supported(fact, material)]


@scorer("grounded", tasks=("draft", "rewrite"))
def groundedness(ctx: ScoreContext) -> dict[str, Score]:
    """Groundedness: the draft's facts appear in the notes, the retrieved sources or the profile."""
    from sendemast.drafting.facts import extract_facts

    out = ctx.output
    material = [out.input, _profile_text(ctx), *(str(s.get("text", "")) for s in out.sources)]
    total = len({f"{f.kind}:{f.text.lower()}" for f in extract_facts(_blank_tags(out.text))})
    missing = unsupported_facts(out.text, material)
    lang = out.lang
    findings: list[dict[str, Any]] = [{
        "rule": "eval.ungrounded", "severity": "review", "start": f.start, "end": f.end,
        "message": (f"«{f.text}» står hverken i noterne, kilderne eller profilen" if lang == "da"
                    else f"\"{f.text}\" is in neither the notes, the sources nor the profile"),
        "fact": f.to_dict()} for f in missing]
    value = 1.0 if total == 0 else (total - len(missing)) / total
    wanted = ctx.expect.grounded is not False
    explanation = (f"{total - len(missing)} of {total} facts have a source" +
                   (f"; unsupported: {', '.join(f.text for f in missing)}" if missing else ""))
    return {"grounded": Score(round(value, 4), explanation, status=checked(not missing) if wanted else "info",
                              scale=(0.0, 1.0), findings=findings,
                              metadata={"total": total, "unsupported": [f.to_dict() for f in missing]})}
