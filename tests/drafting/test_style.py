"""The style card: its numbers against values counted by hand on a small fictional fixture, its phrases,
favoured words, guidance, and the workspace cache keyed by the post files' hashes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from sendemast.drafting.facts import extract_facts
from sendemast.drafting.style import cache as style_cache
from sendemast.drafting.style import (
    closing_for,
    cues,
    learn_style,
    load_style_card,
    opening_for,
    style_guidance,
)
from sendemast.drafting.style.text import person, shape
from tests.support.cli import run_cli


@dataclass(frozen=True)
class P:
    text: str
    channel: str = "linkedin"
    language: str = "da"


# Four Danish posts; the counts by hand are in the comments (words per sentence in brackets).
A = P(
    "I dag besøgte jeg Plejecenter Lyngly. Vi så de nye loftlifte.\n\n"  # [6] jeg, time; [5] vi
    "Tak for en god dag!\n\n"  # [5] thanks
    "#FjordmarkKommune #Ældrepleje"
)
B = P(
    '"Det her gør en forskel," sagde en medarbejder til mig i går.\n\n'  # [12] mig, quote opening
    "Jeg tror, hun har ret. Hvad gør en forskel hos jer? 😊\n\n"  # [5] jeg; [6] question; emoji at line end
    "#FjordmarkKommune"
)
C = P(
    "Vi har åbnet 12 nye pladser i Bredstrand. Kom og se dem 🎉 #Dagtilbud",  # [8] vi, fact; [4] invitation
    channel="x",
)
D = P("Tak til alle, der hjalp i weekenden. I gjorde en forskel!", channel="x")  # [7] thanks; [4] "I" is you
E = P("Today I visited our new library. Thank you to the team!", language="en")
FIXTURE = [A, B, C, D, E]


def test_card_numbers_match_the_hand_count() -> None:
    card = learn_style(FIXTURE, "da")
    assert (card.lang, card.channel, card.posts) == ("da", None, 4)  # the English post is not counted
    # sentence lengths 6 5 5 12 5 6 8 4 7 4: sorted 4 4 5 5 5 6 6 7 8 12
    assert card.sentences.count == 10
    assert card.sentences.median_words == 5.5
    assert card.sentences.p90_words == 8  # nearest rank: the 9th of 10
    assert card.words_per_post == 14  # posts of 16, 23, 12 and 11 words
    assert card.question_share == 0.25
    assert card.openings.kinds == {
        "quote": 0.25,
        "question": 0.0,
        "time": 0.25,
        "fact": 0.25,
        "statement": 0.25,
    }
    assert card.openings.median_words == 7.5  # first sentences of 6, 12, 8 and 7 words
    assert card.closings.kinds == {"thanks": 0.5, "question": 0.25, "invitation": 0.25, "lesson": 0.0}
    assert card.emoji.post_share == 0.5 and card.emoji.per_post == 0.5
    assert {c.text for c in card.emoji.usual} == {"😊", "🎉"}
    assert card.emoji.positions == {"line_start": 0.0, "line_end": 1.0, "inline": 0.0}
    assert card.hashtags.per_post == 1.0 and card.hashtags.median == 1.0
    assert card.hashtags.at_end_share == 1.0
    assert [(c.text, c.count) for c in card.hashtags.usual] == [
        ("FjordmarkKommune", 2),
        ("Dagtilbud", 1),
        ("Ældrepleje", 1),
    ]
    # 10 sentences: jeg/mig in 3 (A1, B1, B2), vi in 2 (A2, C1); by post: A and B, A and C
    assert (card.person.singular_share, card.person.plural_share) == (0.3, 0.2)
    assert (card.person.singular_post_share, card.person.plural_post_share) == (0.5, 0.5)
    # paragraphs 2 2 1 1; of the six paragraphs two are a single sentence (A's thanks, B's quote)
    assert (card.layout.paragraphs_median, card.layout.paragraphs_mean) == (1.5, 1.5)
    assert card.layout.one_sentence_paragraphs == 0.333
    assert (card.layout.blank_line_share, card.layout.single_block_share) == (0.5, 0.5)
    assert card.by_channel == {}  # two posts a channel: too few for a channel of its own


def test_one_channel_and_the_other_language() -> None:
    x = learn_style(FIXTURE, "da", "x")
    assert (x.channel, x.posts, x.sentences.median_words) == ("x", 2, 5.5)  # 8 4 7 4
    assert x.hashtags.per_post == 0.5
    en = learn_style(FIXTURE, "en")
    assert en.posts == 1 and en.person.singular_share == 0.5 and en.person.plural_share == 0.5
    assert en.closings.kinds["thanks"] == 1.0


def test_first_person_in_danish_and_english() -> None:
    first = cues()["first_person"]
    assert person("I kan komme i morgen.", "da", first) == (False, False)  # "I" is you, "i" is in
    assert person("Det tog 10 min at nå derhen.", "da", first) == (False, False)  # minutes, not "my"
    assert person("Min dag startede tidligt, og vores team var klar.", "da", first) == (True, True)
    assert person("I'm proud of our team.", "en", first) == (True, True)
    assert person("In Fjordmark, people help.", "en", first) == (False, False)


def test_shape_strips_trailing_hashtags_and_keeps_inline_ones() -> None:
    post = shape("Vi fejrer #Sommer i dag.\nTak for i år #Fjordmark #Ferie")
    assert post.sentences == ("Vi fejrer #Sommer i dag.", "Tak for i år")
    assert post.hashtags == ("Sommer", "Fjordmark", "Ferie")
    assert post.hashtags_at_end is False  # one stands inside a sentence


def test_phrases_carry_no_facts_and_come_from_several_posts() -> None:
    posts = [
        P("Hvad tror du? Plejecenter Lyngly fik 4 nye lifte.\n\nTak for i dag."),
        P("Hvad tror du? Skolen i Egeslev fik en ny have.\n\nTak for i dag."),
        P("Tre nye lærere startede. Tak til Anne Holm for i dag."),
        P("Tre nye lærere startede. Tak for i dag."),
    ]
    card = learn_style(posts, "da")
    assert closing_for(card, "thanks") == "Tak for i dag."
    assert card.closings.phrases[0].posts == 3
    assert opening_for(card, "question") == "Hvad tror du?"
    # "Tre nye lærere startede." opens two posts too, but holds a number word
    assert opening_for(card) == "Hvad tror du?"
    assert [p.text for p in card.openings.phrases] == ["Hvad tror du?"]
    assert opening_for(card, "time") is None and closing_for(card, "lesson") is None
    assert closing_for(card, "thanks", avoid=["tak for i dag."]) is None
    for phrase in card.openings.phrases + card.closings.phrases:
        assert not extract_facts(phrase.text), phrase


def test_favoured_words_against_a_baseline() -> None:
    own = [
        P(f"Jeg drak kaffe med kolleger i Lyngly. Kaffe og kolleger gør dagen god. Opslag {i}.")
        for i in range(4)
    ]
    baseline = [
        P(f"Kommunen har vedtaget en strategi for området. Strategien gælder fra nummer {i}.")
        for i in range(4)
    ]
    words = [w.word for w in learn_style(own, "da", baseline=baseline).favoured_words]
    assert "kaffe" in words and "kolleger" in words
    assert "lyngly" not in words  # a name: written with a capital inside sentences
    assert "jeg" not in words and "og" not in words  # stop words
    assert "strategi" not in words
    assert learn_style(own, "da").favoured_words == []  # no baseline, no favoured words


def test_guidance_in_danish_and_english() -> None:
    card = learn_style(FIXTURE, "da")
    da = style_guidance(card, "da")
    assert "«jeg»" in da and "50 % af opslagene" in da
    assert "5,5 ord" in da and "#FjordmarkKommune" in da
    assert len(da.splitlines()) <= 8
    en = style_guidance(card, "en")
    assert 'Write as "I"' in en and "5.5 words" in en
    assert style_guidance(learn_style([], "da"), "da") == ""


def test_workspace_card_is_cached_by_the_posts_hashes(
    example_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sendemast.workspace import load_workspace

    ws = load_workspace(example_workspace)
    card = load_style_card(ws, "da", "linkedin")
    assert card.channel == "linkedin" and card.posts >= 40 and card.baseline_posts > 0
    assert (example_workspace / ".sendemast" / "style" / "birgitte-da-linkedin.json").is_file()  # per leader

    def no_learning(*args: object, **kwargs: object) -> None:
        raise AssertionError("learnt again")

    monkeypatch.setattr(style_cache, "learn_style", no_learning)
    assert load_style_card(ws, "da", "linkedin") == card  # read back, not learnt
    post = next((example_workspace / "posts" / "linkedin").glob("*.md"))
    post.write_text(post.read_text(encoding="utf-8") + "\nEn ny linje.\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="learnt again"):
        load_style_card(ws, "da", "linkedin")


def test_a_channel_with_too_few_posts_falls_back_to_all_channels(example_workspace: Path) -> None:
    from sendemast.workspace import load_workspace

    card = load_style_card(load_workspace(example_workspace), "en", "x")
    assert card.channel is None and card.lang == "en" and card.posts == 6


_cli = run_cli


def test_cli_profile_style_json_and_rich(
    example_workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    code, out, err = _cli(capsys, monkeypatch, "-w", str(example_workspace), "profile", "style", "--json")
    assert code == 0, err
    card = json.loads(out)
    assert card["lang"] == "da" and card["channel"] is None and card["posts"] >= 60
    assert set(card["by_channel"]) == {"linkedin", "x"}
    assert card["by_channel"]["x"]["words_median"] < card["by_channel"]["linkedin"]["words_median"]
    assert card["guidance"].startswith("- Skriv som «jeg»")
    code, out, err = _cli(
        capsys, monkeypatch, "-w", str(example_workspace), "profile", "style", "--channel", "linkedin"
    )
    assert code == 0, err
    assert out.startswith("Stilkort · da · linkedin ·") and "Stilen i korte træk" in out
    assert "#FjordmarkKommune" in out
    code, out, err = _cli(
        capsys,
        monkeypatch,
        "-w",
        str(example_workspace),
        "profile",
        "style",
        "--lang",
        "en",
        "--channel",
        "x",
    )
    assert code == 0, err
    assert out.startswith("too few posts on x (0); showing all channels")
    assert "Style card · en · all channels · 6 posts" in out


def test_cli_profile_style_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from sendemast.workspace import init_workspace

    empty = init_workspace(tmp_path / "empty")
    for args, expected_code, message in (
        (("profile", "style"), 1, "error: no Danish past posts in the workspace to learn a style from"),
        (("profile", "style", "--lang", "fr"), 2, "error: unknown language 'fr' (expected da or en)"),
        (("profile", "style", "--channel", "facebook"), 2, "error: unknown channel 'facebook'"),
    ):
        code, out, err = _cli(capsys, monkeypatch, "-w", str(empty), *args)
        assert code == expected_code and out == ""
        assert err.startswith(message) and err.count("\n") == 1, err


def test_style_fit_prefers_the_leaders_habits() -> None:
    from sendemast.drafting.style.fit import style_fit
    from sendemast.separation import auc

    card = learn_style(FIXTURE, "da")
    own = style_fit(
        card, "I dag mødte jeg nye kolleger. Vi fik kaffe.\n\nTak for en god dag!\n\n#FjordmarkKommune"
    )
    press = style_fit(
        card,
        "Kommunen meddeler hermed, at der pr. 1. marts 2026 iværksættes en omfattende reorganisering af "
        "den samlede administrative struktur med henblik på at understøtte en mere effektiv opgaveløsning "
        "på tværs af forvaltningerne samt at sikre en hensigtsmæssig anvendelse af ressourcerne.",
    )
    assert own.score > press.score
    assert own.habits["first_person"] == 0.5 and press.habits["first_person"] == 0.5
    assert own.habits["sentence_length"] > 0.9 and press.habits["sentence_length"] == 0.0  # 5 vs 5.5; 38
    assert (own.habits["hashtags"], press.habits["hashtags"]) == (1.0, 0.0)  # the median is one
    assert style_fit(card, "").score == 0.0
    assert auc([3, 2], [1, 2]) == 0.875  # 3>1, 3>2, 2>1, 2=2 (half): 3.5 of 4


def test_held_out_cards_tell_the_example_leader_from_other_authors() -> None:
    """The figure the README quotes from ``python -m sendemast.drafting.style``; a floor, not the value."""
    from sendemast.drafting.style.cache import baseline_posts, workspace_posts
    from sendemast.drafting.style.fit import cross_fitted_auc
    from sendemast.resources import bundled
    from sendemast.workspace import load_workspace

    own = workspace_posts(load_workspace(bundled("example-workspace")))
    separation = cross_fitted_auc(own, baseline_posts(), "da")
    assert (separation.own_posts, separation.other_posts) == (64, 22)
    assert separation.auc >= 0.9 and separation.without_length >= 0.85


def test_trailing_hashtags_and_emoji_positions() -> None:
    from sendemast.drafting.style.text import strip_trailing_tags

    assert strip_trailing_tags("Tak! #A #B") == "Tak!"
    assert strip_trailing_tags("Hej #A og mere") == "Hej #A og mere"
    assert strip_trailing_tags("x\t#A ") == "x" and strip_trailing_tags("#A #B") == ""
    assert strip_trailing_tags("Målet er 2027 #1") == "Målet er 2027 #1"  # "#1" is no hashtag
    post = shape("😀 Hej med dig 🎉 og dig 👍 #Tag\nTo 😊")
    assert post.emoji == (("😀", "line_start"), ("🎉", "inline"), ("👍", "line_end"), ("😊", "line_end"))


def test_a_huge_post_costs_one_pass() -> None:
    import time

    big = "ord 😀 " * 100_000 + "#tag " * 100_000  # about 1 MB on one line
    started = time.perf_counter()
    post = shape(big)
    assert len(post.emoji) == 100_000 and len(post.hashtags) == 100_000 and post.hashtags_at_end
    assert time.perf_counter() - started < 10  # 1.4 s here; quadratic was a minute


def test_cli_profile_style_defaults_to_the_profiles_first_language(
    example_workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import re

    profile = example_workspace / "profile.yaml"
    text, count = re.subn(r"(?m)^languages:.*$", "languages: [en, da]", profile.read_text(encoding="utf-8"))
    assert count == 1
    profile.write_text(text, encoding="utf-8")
    code, out, err = _cli(capsys, monkeypatch, "-w", str(example_workspace), "profile", "style")
    assert code == 0, err
    assert out.startswith("Style card · en · all channels · 6 posts")


_PIECES = [
    "Jeg",
    "vi",
    "I",
    "i dag",
    "Tak",
    "for",
    "Fjordmark",
    "12",
    "1.200",
    "kl. 8.15",
    "?",
    "!",
    ".",
    "…",
    ",",
    ":",
    '"',
    "«",
    "»",
    "😀",
    "🇩🇰",
    "👍🏽",
    "#Tag",
    "#1",
    "# ",
    "\n",
    "\n\n",
    "\t",
    " ",
    "https://fjordmark.dk/x#y",
    "@BirgitteVHolst",
    "–",
    "min",
    "10 min",
    "\u200d",
    "\ufe0f",
]


def test_any_text_gives_a_valid_card() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    texts = st.lists(st.sampled_from(_PIECES) | st.text(max_size=8), max_size=40).map(" ".join)

    @settings(max_examples=60, deadline=None, derandomize=True, database=None)
    @given(st.lists(texts, min_size=1, max_size=4), st.sampled_from(["da", "en"]))
    def check(bodies: list[str], lang: str) -> None:
        posts = [P(b, language=lang, channel=("x" if i % 2 else "linkedin")) for i, b in enumerate(bodies)]
        card = learn_style(posts, lang, baseline=posts[:1])  # type: ignore[arg-type]
        shares = [
            card.question_share,
            card.emoji.post_share,
            card.person.singular_share,
            card.hashtags.at_end_share,
            *card.openings.kinds.values(),
            *card.closings.kinds.values(),
        ]
        assert all(0.0 <= v <= 1.0 for v in shares)
        assert card.sentences.p90_words >= card.sentences.median_words or card.posts == 0
        for phrase in card.openings.phrases + card.closings.phrases:
            assert not extract_facts(phrase.text)
        style_guidance(card, lang)

    check()


def test_guidance_for_few_pronouns_and_one_hashtag() -> None:
    card = learn_style([D, C, P("Skolen åbner igen. God dag til alle! #Skole", channel="x")], "da")
    guidance = style_guidance(card, "da")
    # I/we by post: none in D, vi in C, none in the third; hashtags 0, 1, 1
    assert "- Sjældent jeg eller vi: jeg/mig/min i 0 % af opslagene, vi/os/vores i 33 %." in guidance
    assert "Typisk ét hashtag til sidst" in guidance
    assert "Typically one hashtag at the end" in style_guidance(card, "en")


def test_each_leader_has_her_own_card(example_workspace: Path) -> None:
    from sendemast.workspace import load_workspace

    ws = load_workspace(example_workspace)
    birgitte = load_style_card(ws, "da", None, ws.leader("birgitte"))
    hanne = load_style_card(ws, "da", None, ws.leader("hanne"))
    assert birgitte.posts != hanne.posts and birgitte.posts >= 40 and hanne.posts >= 20
    assert (example_workspace / ".sendemast" / "style" / "hanne-da-all.json").is_file()
