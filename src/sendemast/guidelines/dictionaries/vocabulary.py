"""A workspace's own words — its places, programmes, people and organisations — known to the spell checker.

Computed at ingest from the corpus (values documents and past posts) into ``.sendemast/vocabulary.json``:
every capitalised word in the middle of a sentence ("på Plejecenter Engbo", "i Egeslev"), capitalised
words at the start of a sentence that the corpus never writes in small letters, and the organisation's
own long words: a word of six letters or more that two or more of its documents use ("maskinrumsdag",
"udeskole"), which a dictionary of the language often lacks. The profile's name, organisation and the
capitalised words of its other fields are added when it is loaded. A genitive -s ("Egeslevs") is the same
name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sendemast.profile import Profile
    from sendemast.workspace import Workspace

FILENAME = "vocabulary.json"
VERSION = 2  # 2: the organisation's repeated long words too; an older file is rewritten at the next ingest
_WORD = re.compile(r"[^\W\d_]+")
# what before a word makes it the start of a sentence, line, quote or list item (its capital says nothing)
_INITIAL = re.compile(r"(?:^|[.!?:\n•·▪\-–—\"“”«»(#>*]\s*)$")


class Vocabulary:
    """Lowercase words; ``word in vocabulary`` ignores case and a genitive -s or -'s."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        self.words: frozenset[str] = frozenset(w.lower() for w in words if w)

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        lower = word.lower().replace("’", "'")
        if lower in self.words:
            return True
        for ending in ("'s", "s", "'"):
            if lower.endswith(ending) and lower[: -len(ending)] in self.words:
                return True
        return False

    def __len__(self) -> int:
        return len(self.words)

    def __or__(self, other: Vocabulary | Iterable[str]) -> Vocabulary:
        more = other.words if isinstance(other, Vocabulary) else frozenset(w.lower() for w in other)
        return Vocabulary(self.words | more)


def names_in(texts: Iterable[str]) -> set[str]:
    """The capitalised words of ``texts`` that read as names (see the module docstring)."""
    middle: set[str] = set()
    initial: set[str] = set()
    lowercase: set[str] = set()
    for text in texts:
        for match in _WORD.finditer(text):
            word = match.group()
            if len(word) < 2:
                continue
            if word[0].islower():
                lowercase.add(word)
            elif word[1:].islower() or word.isupper():
                before = text[max(0, match.start() - 3) : match.start()]
                (initial if _INITIAL.search(before) else middle).add(word)
    return middle | {w for w in initial if w.lower() not in lowercase}


def repeated_words(documents: Iterable[tuple[str, str]], *, min_documents: int = 2,
                   min_length: int = 6) -> set[str]:
    """Lower-case words of ``min_length`` letters or more in at least ``min_documents`` of the
    ``(source, text)`` documents: the organisation's own terms. Two documents, not two uses: a typo
    repeated in one post is still a typo."""
    seen: dict[str, set[str]] = {}
    for source, text in documents:
        for word in {m.group().lower() for m in _WORD.finditer(text) if len(m.group()) >= min_length}:
            seen.setdefault(word, set()).add(source)
    return {word for word, sources in seen.items() if len(sources) >= min_documents}


def profile_words(profile: Profile | Any) -> set[str]:
    words: set[str] = set()
    for field in ("name", "organisation"):
        words.update(_WORD.findall(str(getattr(profile, field, "") or "")))
    try:
        dumped = profile.model_dump()
    except AttributeError:
        return words
    words |= names_in(_strings(dumped))
    for tag in dumped.get("hashtags", []) or []:
        words.add(str(tag).lstrip("#"))
    return words


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def write_vocabulary(state_dir: Path, documents: Iterable[tuple[str, str]]) -> Path:
    """Compute the corpus vocabulary from its ``(source, text)`` pieces (several per long document) and
    write it into the workspace state folder."""
    pieces = list(documents)
    words = sorted(names_in(text for _, text in pieces) | repeated_words(pieces))
    path = state_dir / FILENAME
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps({"version": VERSION, "words": words}, ensure_ascii=False), encoding="utf-8")
    partial.replace(path)
    return path


def vocabulary_is_current(state_dir: Path) -> bool:
    try:
        data = json.loads((state_dir / FILENAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("version") == VERSION


def read_vocabulary(state_dir: Path) -> set[str]:
    """The corpus vocabulary written by the last ingest (empty before the first one, or if unreadable)."""
    try:
        data = json.loads((state_dir / FILENAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    words = data.get("words") if isinstance(data, dict) else None
    return {w for w in words if isinstance(w, str)} if isinstance(words, list) else set()


def load_vocabulary(workspace: Workspace) -> Vocabulary:
    """The workspace's vocabulary: its corpus's names (from the last ingest) and its profile's words."""
    from sendemast.errors import ConfigError

    words = read_vocabulary(workspace.path(workspace.settings.state_dir))
    with suppress(ConfigError):  # a broken profile is reported by the commands that need it
        words |= profile_words(workspace.profile)
    return Vocabulary(words)


def vocabulary_of(profile: Profile | Any, extra: Iterable[str] = ()) -> Vocabulary:
    """The vocabulary that goes with ``profile``: its own words, the corpus vocabulary of the workspace it
    was loaded from (see ``Workspace.profile``), and ``extra``. Built once per profile object."""
    key = (id(profile), frozenset(extra))
    cached = _BY_PROFILE.get(key)
    if cached is not None and cached[0] is profile:
        return cached[1]
    words = set(extra)
    if profile is not None:
        words |= profile_words(profile)
        state_dir = getattr(profile, "_state_dir", None)
        if state_dir is not None:
            words |= read_vocabulary(Path(state_dir))
    vocabulary = Vocabulary(words)
    if len(_BY_PROFILE) > 64:
        _BY_PROFILE.clear()
    _BY_PROFILE[key] = (profile, vocabulary)
    return vocabulary


_BY_PROFILE: dict[tuple[int, frozenset[str]], tuple[Any, Vocabulary]] = {}
