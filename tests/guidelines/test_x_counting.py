"""Channel counting: twitter-text's conformance suite, and our fast paths against the libraries."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendemast.guidelines.channels.count import (
    count_length,
    grapheme_count,
    x_fast_path_applies,
    x_weighted_length,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
SECTION = "WeightedTweetsWithDiscountedEmojiCounterTest"


def _conformance_file() -> Path:
    folder = os.environ.get("SENDEMAST_CONFORMANCE_DIR")
    base = Path(folder) if folder else REPO_ROOT.parent / "shared" / "conformance"
    return base / "twitter-text-validate.yml"


def _conformance_cases() -> list[Any]:
    path = _conformance_file()
    if not path.is_file():
        return [
            pytest.param(
                None, marks=pytest.mark.skip(reason=f"{path} not found (set SENDEMAST_CONFORMANCE_DIR)")
            )
        ]
    import yaml

    cases = yaml.safe_load(path.read_text(encoding="utf-8"))["tests"][SECTION]
    return [pytest.param(case, id=case["description"][:60]) for case in cases]


@pytest.mark.parametrize("case", _conformance_cases())
def test_twitter_text_conformance(case: dict[str, Any]) -> None:
    text, expected = case["text"], case["expected"]
    count, limit, unit = count_length(text, "x")
    assert unit == "weighted"
    assert count == expected["weightedLength"]
    assert (0 < count <= limit) == expected["valid"]


def test_the_conformance_section_is_not_empty() -> None:
    path = _conformance_file()
    if not path.is_file():
        pytest.skip(f"{path} not found")
    import yaml

    assert len(yaml.safe_load(path.read_text(encoding="utf-8"))["tests"][SECTION]) >= 20


# generated text: prose, URLs, emoji, keycaps, CJK, combining marks, line endings -----------------------
_PIECES = st.sampled_from(
    [
        "Hej",
        "æøå",
        "Søholm",
        " ",
        "  ",
        "\n",
        "\r\n",
        "\r",
        ".",
        ",",
        ":",
        "/",
        "-",
        "@",
        "#",
        "?",
        "!",
        "(",
        ")",
        "1",
        "2",
        "45",
        "http://",
        "https://",
        "www.",
        "t.co/",
        ".dk",
        ".com",
        "nordby",
        "x.com",
        "example.org",
        "😀",
        "👍🏽",
        "👨‍👩‍👧",
        "❤️",
        "❤",
        "🇩🇰",
        "1️⃣",
        "#️⃣",
        "©",
        "®",
        "™",
        "‼",
        "↔",
        "☕",
        "\ufe0f",
        "\u200d",
        "\u20e3",
        "日本語",
        "한국",
        "é",
        "e\u0301",
        "\u0301",
        "\u2013",
        "\u2019",
        "\u201c",
        "\u2026",
        "\u00a0",
        "\u2009",
        "\ufeff",
        "ã",
        "Ω",
        "ж",
        "\u0d15",
        "\U00010348",
        "\u202e",
        "\t",
        "\u3000",
        "\u2028",
        "e.org",
        "ée.org",
        "🧑🏻‍🤝‍🧑🏿",
        "https://t.co/abcdef?x=1",
        "*️⃣",
        "🏳️‍🌈",
    ]
)
_TEXTS = st.lists(_PIECES, max_size=40).map("".join)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_x_count_matches_twitter_text(text: str) -> None:
    from twitter_text import parse_tweet

    assert x_weighted_length(text) == parse_tweet(text).weightedLength


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x2100), max_size=120))
def test_x_count_matches_twitter_text_on_arbitrary_text(text: str) -> None:
    from twitter_text import parse_tweet

    assert x_weighted_length(text) == parse_tweet(text).weightedLength


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcæøå .,;:!?-\n\r/@#0123456789ABCÆØÅ", max_size=300))
def test_plain_fast_path_equals_twitter_text(text: str) -> None:
    from twitter_text import parse_tweet

    if x_fast_path_applies(text):
        assert len(text) - text.count("\r\n") == parse_tweet(text).weightedLength


def test_the_fast_path_is_taken_for_plain_danish_and_not_for_urls_or_emoji() -> None:
    assert x_fast_path_applies("Jeg var ude i dag, kl. 10. Tak til alle – også jer!\n#Nordby")
    assert not x_fast_path_applies("Læs mere på nordby.dk")
    assert not x_fast_path_applies("Tak 🎉")
    assert not x_fast_path_applies("e\u0301")  # not NFC


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_grapheme_fast_path_matches_regex(text: str) -> None:
    import regex

    assert grapheme_count(text) == len(regex.findall(r"\X", text))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x3000), max_size=80))
def test_grapheme_count_matches_regex_on_arbitrary_text(text: str) -> None:
    import regex

    assert grapheme_count(text) == len(regex.findall(r"\X", text))
