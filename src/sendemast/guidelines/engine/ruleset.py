"""The rules as data: the shipped YAML merged with a workspace's overrides, compiled once.

Merging is deep. Mappings merge key by key; a list in an override extends the shipped list (an organisation
adds banned words without repeating ours); ``{replace: true, items: [...]}`` replaces it, and
``{remove: [...]}`` takes entries out. Scalars (thresholds, severities) are replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any

from sendemast.errors import ConfigError
from sendemast.guidelines.engine.model import SEVERITIES
from sendemast.guidelines.text.lexicon import Lexicon
from sendemast.yamlfile import read_yaml

DATA_DIR = Path(__file__).parents[1] / "data"
_SHIPPED = {
    "rules": "rules.yaml",
    "channels": "channels.yaml",
    "words.da": "words-da.yaml",
    "words.en": "words-en.yaml",
    "names": "names.yaml",
}
# more word lists, kept in their own file: the measure of "written" (written.py); they join words.da/en
_EXTRA_WORDS = ("written.yaml",)
_TOP_LEVEL = ("rules", "channels", "words", "names")
LANGUAGES = ("da", "en")
_DIRECTIVE_KEYS = {"replace", "items", "remove"}
# word lists scanned in every post; all others (context words, names) are scanned only when a rule asks
EAGER_LISTS = frozenset(
    {
        "first_person",
        "officialese",
        "sensitive_terms",
        "vote_calls",
        "confidential",
        "attack_person_words",
        "attack_words",
        "opinion_markers",
        "address",
        "press_release",
        "examples",
        "lessons",
        "behind_the_scenes",
    }
)


class Ruleset:
    """Merged rule data plus what is compiled from it (the word index). Build with :func:`load_ruleset`."""

    def __init__(self, data: dict[str, Any], source: str = "shipped") -> None:
        self.data = data
        self.source = source
        self.rules: dict[str, dict[str, Any]] = data["rules"]
        self.channels: dict[str, dict[str, Any]] = data["channels"]
        self.words: dict[str, dict[str, Any]] = data["words"]
        self.names: dict[str, Any] = data["names"]
        self._memo: dict[str, Any] = {}
        _validate(self)

    # rules and messages -------------------------------------------------------------------------------
    def enabled(self, rule_id: str) -> bool:
        return bool(self.rules.get(rule_id, {}).get("enabled", True))

    def severity(self, rule_id: str) -> str:
        return str(self.rules[rule_id]["severity"])

    def param(self, rule_id: str, name: str, default: Any = None) -> Any:
        return self.rules.get(rule_id, {}).get(name, default)

    def text(self, rule_id: str, path: str, lang: str, **fields: Any) -> str | None:
        """A message from the rule's data: ``path`` like ``message`` or ``message.phone``, in ``lang``."""
        node: Any = self.rules.get(rule_id, {})
        for part in path.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node = node.get(lang) or node.get("en") or node.get("da")
        if node is None:
            return None
        try:
            return str(node).format(**fields)
        except (KeyError, IndexError, ValueError):  # a workspace message with an unknown {field}
            return str(node)

    def memo(self, key: str, build: Callable[[], Any]) -> Any:
        """A value derived from this ruleset, built once (word sets for the rules that need them)."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    # words ------------------------------------------------------------------------------------------
    def wordlist(self, lang: str, name: str) -> list[Any]:
        value = self.words.get(lang, {}).get(name, [])
        return list(value) if isinstance(value, list | tuple) else list(value or [])

    @cached_property
    def lexicon(self) -> Lexicon:
        """The lists every post needs (``EAGER_LISTS``), both languages, as ``"<lang>.<list>"``."""
        lexicon = Lexicon()
        for lang in LANGUAGES:
            for name, entries in self.words.get(lang, {}).items():
                if name in EAGER_LISTS and _is_word_list(entries):
                    lexicon.add(f"{lang}.{name}", entries, **self._list_options(lang, name))
            for party in self.words.get(lang, {}).get("parties", []):
                names: dict[str, Any] = {}
                for name in party.get("names", []):
                    names[name] = {"party": party, "name": name, "genitive": False}
                    if not name.endswith("s"):  # "Venstres forslag" is always the party
                        names[name + "s"] = {"party": party, "name": name, "genitive": True}
                lexicon.add(f"{lang}.party_names", names, case_sensitive=True)
        return lexicon

    def plain_words(self, lang: str, name: str) -> frozenset[str] | None:
        """The list as a set of lowercase words, or None if it has phrases, globs or expressions."""

        def build() -> frozenset[str] | None:
            entries = self.wordlist(lang, name)
            if not all(isinstance(e, str) and e.isalpha() for e in entries):
                return None
            return frozenset(e.lower() for e in entries)

        return self.memo(f"plain:{lang}:{name}", build)

    def lazy_lexicon(self, name: str) -> Lexicon:
        """One list of context words ("names" or any words list), compiled the first time a rule needs it.

        Most posts never need them (no sensitive word, no insult), so they are not scanned for every post.
        """

        def build() -> Lexicon:
            lexicon = Lexicon()
            if name == "names":
                lexicon.add(
                    "names",
                    [n for n in self.names.get("given", []) if isinstance(n, str)],
                    case_sensitive=True,
                )
            for lang in LANGUAGES:
                entries = self.words.get(lang, {}).get(name)
                if entries is not None and _is_word_list(entries):
                    lexicon.add(f"{lang}.{name}", entries, **self._list_options(lang, name))
            return lexicon

        return self.memo(f"lexicon:{name}", build)

    def _list_options(self, lang: str, name: str) -> dict[str, Any]:
        """Slots for every list; an inflector for the lists ``inflected_lists`` names (``forms.py``)."""
        words = self.words.get(lang, {})
        options: dict[str, Any] = {"slots": words.get("slots") or {}}
        if name in (words.get("inflected_lists") or []):
            from sendemast.guidelines.dictionaries.forms import inflector

            options["inflect"] = self.memo(
                f"inflector:{lang}",
                lambda: inflector(lang, words.get("uninflected") or [], words.get("not_forms") or []),
            )
        return options

    @cached_property
    def ambiguous_names(self) -> frozenset[str]:
        return frozenset(self.names.get("ambiguous", []))

    @cached_property
    def broad_places(self) -> frozenset[str]:
        return frozenset(self.names.get("broad_places", []))

    @cached_property
    def party_abbreviations(self) -> dict[str, dict[str, Any]]:
        """Abbreviation -> party, over both languages ("S", "SF", "DF" ...)."""
        out: dict[str, dict[str, Any]] = {}
        for lang in LANGUAGES:
            for party in self.words.get(lang, {}).get("parties", []):
                for abbreviation in party.get("abbreviations", []):
                    out.setdefault(str(abbreviation), party)
        return out

    @cached_property
    def ambiguous_party_names(self) -> frozenset[str]:
        names: set[str] = set()
        for lang in LANGUAGES:
            for party in self.words.get(lang, {}).get("parties", []):
                names.update(party.get("ambiguous", []))
        return frozenset(names)


def load_ruleset(overrides: Path | None = None) -> Ruleset:
    """The shipped rules, merged with ``overrides`` (a workspace YAML file) when given.

    Compiled rulesets are cached by file and modification time, so a batch compiles once.
    """
    if overrides is None:
        key: tuple[str, float] = ("", 0.0)
    else:
        try:
            key = (str(overrides.resolve()), overrides.stat().st_mtime)
        except OSError as exc:
            raise ConfigError(
                f"cannot read the rules file: {exc.strerror or exc}", path=str(overrides)
            ) from None
    cached = _CACHE.get(key)
    if cached is None:
        data = _shipped_data()
        source = "shipped"
        if overrides is not None:
            data = merge(data, _read_override(overrides))
            source = str(overrides)
        cached = _CACHE[key] = Ruleset(data, source)
    return cached


_CACHE: dict[tuple[str, float], Ruleset] = {}


def _shipped_data() -> dict[str, Any]:
    data: dict[str, Any] = {"words": {}}
    for key, filename in _SHIPPED.items():
        loaded = read_yaml(DATA_DIR / filename)
        if key.startswith("words."):
            data["words"][key.split(".", 1)[1]] = loaded
        else:
            data[key] = loaded.get(key, loaded)
    for filename in _EXTRA_WORDS:
        for lang, lists in (read_yaml(DATA_DIR / filename).get("words") or {}).items():
            data["words"].setdefault(lang, {}).update(lists)
    return data


def _read_override(path: Path) -> dict[str, Any]:
    raw = read_yaml(path)
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ConfigError("expected a mapping with rules, channels, words or names", path=str(path))
    unknown = sorted(set(raw) - set(_TOP_LEVEL))
    if unknown:
        raise ConfigError(
            f"unknown section(s) {', '.join(unknown)} (known: {', '.join(_TOP_LEVEL)})", path=str(path)
        )
    return raw


def merge(base: Any, override: Any) -> Any:
    """Deep-merge ``override`` into a copy of ``base`` (see the module docstring)."""
    if isinstance(override, dict) and override and set(override) <= _DIRECTIVE_KEYS:
        return _merge_directive(base, override)
    if isinstance(base, dict) and isinstance(override, dict):
        out = dict(base)
        for key, value in override.items():
            out[key] = merge(base[key], value) if key in base else value
        return out
    if isinstance(base, list) and isinstance(override, list):
        return base + [item for item in override if item not in base]
    return override


def _merge_directive(base: Any, directive: dict[str, Any]) -> Any:
    items = directive.get("items", [] if isinstance(base, list) else {})
    if directive.get("replace"):
        result = items
    elif isinstance(base, list):
        result = base + [item for item in items if item not in base]
    elif isinstance(base, dict):
        result = {**base, **items}
    else:
        result = items
    remove = directive.get("remove") or []
    if isinstance(result, list):
        return [item for item in result if item not in remove]
    if isinstance(result, dict):
        return {key: value for key, value in result.items() if key not in remove}
    return result


def _validate(ruleset: Ruleset) -> None:
    where = ruleset.source
    for rule_id, rule in ruleset.rules.items():
        if not isinstance(rule, dict):
            raise ConfigError("each rule must be a mapping", path=where, field=f"rules.{rule_id}")
        if rule.get("severity") not in SEVERITIES:
            raise ConfigError(
                f"severity must be one of {', '.join(SEVERITIES)}",
                path=where,
                field=f"rules.{rule_id}.severity",
            )
    for channel, conf in ruleset.channels.items():
        limit = conf.get("limit") if isinstance(conf, dict) else None
        if not isinstance(limit, int) or limit <= 0:
            raise ConfigError(
                "limit must be a positive whole number", path=where, field=f"channels.{channel}.limit"
            )
        if conf.get("unit") not in ("characters", "graphemes", "weighted"):
            raise ConfigError(
                "unit must be characters, graphemes or weighted", path=where, field=f"channels.{channel}.unit"
            )
        for key in ("hashtags_min", "hashtags_max"):
            value = conf.get(key, 0)
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 30:
                raise ConfigError(
                    "must be a whole number from 0 to 30", path=where, field=f"channels.{channel}.{key}"
                )
        if conf.get("hashtags_min", 0) > conf.get("hashtags_max", 30):
            raise ConfigError(
                "must not exceed hashtags_max", path=where, field=f"channels.{channel}.hashtags_min"
            )
    for lang in ruleset.words:
        if lang not in LANGUAGES:
            raise ConfigError(f"unknown language {lang!r} (known: da, en)", path=where, field="words")


def _is_word_list(entries: Any) -> bool:
    return isinstance(entries, dict) or (
        isinstance(entries, list) and all(isinstance(e, str) for e in entries)
    )
