"""Profile phrase matching: the indexed search agrees with the definition, a scan of every word."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sendemast.guidelines import load_ruleset
from sendemast.guidelines.engine.post import Post
from sendemast.guidelines.text.stems import phrase_keys, phrase_spans, post_stems

RULESET = load_ruleset()
WORDS = ["klima", "klimaplan", "plan", "planen", "sol", "solenergi", "energi", "borgere", "borgerne",
         "grøn", "grønne", "omstilling", "omstillingen", "skole", "skolerne", "ungdomsskole", "bibliotek",
         "Fjordmark", "fjordmarks", "og", "i", "en", "the", "climate", "plans"]


def word_matches(stem: str, lower: str, key: str) -> bool:
    """The definition (``guidelines/text/stems.py``'s module docstring): equal stem, or a compound's start
    (keys of four letters or more) or end (five or more)."""
    return stem == key or (len(key) >= 4 and lower.startswith(key)) or (len(key) >= 5 and lower.endswith(key))


def scanned(post: Post, phrase: str) -> list[tuple[int, int]]:
    keys = phrase_keys(phrase, post.lang)
    stems, lowers, tokens = post_stems(post), post.tokens.lowers, post.tokens
    return [
        (tokens.starts[i], tokens.ends[i + len(keys) - 1])
        for i in range(len(stems) - len(keys) + 1)
        if keys and all(word_matches(stems[i + k], lowers[i + k], key) for k, key in enumerate(keys))
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40),
       st.lists(st.sampled_from(WORDS), min_size=1, max_size=3),
       st.sampled_from(["da", "en"]))
def test_indexed_phrase_search_finds_what_a_scan_of_every_word_finds(words: list[str], phrase: list[str],
                                                                     lang: str) -> None:
    post = Post(" ".join(words) + ".", "linkedin", lang, RULESET)
    assert phrase_spans(post, " ".join(phrase)) == scanned(post, " ".join(phrase))


def test_a_compound_matches_by_its_start_and_its_end() -> None:
    post = Post("Vi laver en klimaplan og mere solenergi i Fjordmark.", "linkedin", "da", RULESET)
    assert phrase_spans(post, "klima") and phrase_spans(post, "energi")
    assert phrase_spans(post, "mere solenergi") == [(25, 39)]  # "mere solenergi"
    assert phrase_spans(post, "solenergi mere") == []
