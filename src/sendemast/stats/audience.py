"""The followers' demographics (LinkedIn's top job titles, industries, seniority …) against the
profile's audiences: a demographic row counts for an audience when one of its words begins like one of
the audience's keywords (Danish endings vary: "sygeplejersker" meets "Sygeplejerske"). The description's
words are not used: "Fjordmark Kommune" in one would claim every "Kommunaldirektør" for it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sendemast.profile import Profile

_WORD = re.compile(r"\w+")
_SKIP_CATEGORIES = ("location", "compan")  # places and employers say nothing of a role


def _stems(words: list[str]) -> set[str]:
    return {w[: max(4, len(w) - 2)] for w in (x.lower() for x in words) if len(w) >= 4}


def audience_match(profile: Profile, demographics: list[dict[str, Any]]) -> list[dict[str, Any]]:
    total_priority = sum(a.priority for a in profile.audiences) or 1.0
    rows = [d for d in demographics
            if not any(s in str(d.get("category", "")).lower() for s in _SKIP_CATEGORIES)]
    out = []
    for audience in profile.audiences:
        stems = _stems([w for k in audience.keywords for w in _WORD.findall(k)])
        matched = [d for d in rows
                   if any(w.lower().startswith(s) for w in _WORD.findall(str(d["value"])) for s in stems)]
        out.append({
            "id": audience.id,
            "description": audience.description,
            "target_share": round(audience.priority / total_priority, 3),
            "followers_share": _share(matched) if rows else None,
            "matched": [f"{d['category']}: {d['value']}" for d in matched],
        })
    return out


def _share(matched: list[dict[str, Any]]) -> float:
    """The largest share one category gives (a nurse is both a job title and an industry's member:
    adding the categories up would count her twice)."""
    per_category: dict[str, float] = {}
    for d in matched:
        per_category[str(d["category"])] = per_category.get(str(d["category"]), 0.0) + float(d["share"])
    return round(min(1.0, max(per_category.values(), default=0.0)), 3)
