"""The form a post takes: a question, numbers, a story, behind the scenes, thanks, an image, and its
length band. Phrases and bands come from the rules (``rules.yaml``); a post may have several forms.
"Image" is read from the text (a caption's "på billedet", a camera emoji): post files do not record
their media."""

from __future__ import annotations

import re

from sendemast.stats.rules import StatsRules

_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def forms_of(text: str, rules: StatsRules) -> list[str]:
    lowered = f"{text.lower()} "
    found = []
    if "?" in text:
        found.append("question")
    if len(_FIGURE.findall(text)) >= 2:
        found.append("numbers")
    for form, phrases in rules.forms.items():
        if any(p in lowered for p in phrases):
            found.append(form)
    return found


def length_band(text: str, rules: StatsRules) -> str:
    n = len(text)
    for band, limit in rules.length_bands.items():
        if limit is None or n <= limit:
            return band
    return list(rules.length_bands)[-1]


FORM_IDS = ("question", "numbers", "story", "behind_the_scenes", "thanks", "image")
