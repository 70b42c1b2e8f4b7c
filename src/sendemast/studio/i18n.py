"""The studio's words in Danish and English, from ``texts.yaml`` (Danish first, the fallback)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import yaml

UiLang = Literal["da", "en"]
UI_LANGS: tuple[UiLang, ...] = ("da", "en")
LANG_COOKIE = "sendemast_lang"


@cache
def texts() -> dict[str, dict[str, str]]:
    data = yaml.safe_load((Path(__file__).parent / "texts.yaml").read_text(encoding="utf-8"))
    return {str(k): {str(lang): str(v) for lang, v in value.items()} for k, value in data.items()}


def translate(key: str, lang: str) -> str:
    """The text for ``key`` in ``lang``, else in Danish, else the key itself (visible, never a crash)."""
    entry = texts().get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry.get("da") or key


def pick_lang(query: str | None, cookie: str | None) -> UiLang:
    for value in (query, cookie):
        if value in UI_LANGS:
            return value
    return "da"
