"""Step 4: deterministic repair — length at sentence boundaries, hashtags, emoji bullets, repeats."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sendemast.drafting.repair import (
    ChannelRules,
    camel_case,
    fit_length,
    normalise_hashtags,
    repair,
    replace_emoji_bullets,
    split_sentences,
)


def rules(limit: int, hashtags_max: int = 2, hashtags_min: int = 0) -> ChannelRules:
    return ChannelRules("test", limit, hashtags_max, len, hashtags_min)


def test_sentences_do_not_split_on_danish_dates_or_abbreviations() -> None:
    text = "Den 1. marts åbner vi. Det koster ca. 40 mio. kr. i alt! Kom forbi.\nTak."
    assert split_sentences(text) == [
        "Den 1. marts åbner vi. ",
        "Det koster ca. 40 mio. kr. i alt! ",
        "Kom forbi.\n",
        "Tak.",
    ]
    assert "".join(split_sentences(text)) == text


def test_shortening_drops_whole_sentences_from_the_end() -> None:
    body = "Første sætning er kort. Anden sætning er lidt længere end den første. Tredje sætning."
    fitted, tags = fit_length(body, ["A", "B"], 60, len)
    assert fitted == "Første sætning er kort." and len(f"{fitted}\n\n#A #B") <= 60 and tags == ["A", "B"]


def test_one_giant_sentence_is_cut_at_a_word_with_an_ellipsis() -> None:
    body = "Dette er en meget lang sætning uden punktum som bliver ved og ved og ved"
    fitted, tags = fit_length(body, ["Tag"], 30, len)
    assert len(fitted) <= 30 and fitted.endswith("…") and tags == []
    assert body.startswith(fitted[:-1])


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå", min_size=1, max_size=12)
sentences = st.lists(words, min_size=1, max_size=12).map(lambda ws: " ".join(ws).capitalize() + ".")


@settings(max_examples=200, deadline=None)
@given(st.lists(sentences, min_size=1, max_size=15), st.integers(min_value=15, max_value=400))
def test_repair_never_cuts_a_word_and_always_fits(parts: list[str], limit: int) -> None:
    text = " ".join(parts)
    result = repair(text, ["grøn omstilling"], rules(limit))
    assert len(result.text) <= limit
    original_words = set(re.findall(r"\w+", text))
    kept = re.findall(r"\w+", result.text.split("\n\n#")[0])
    assert all(w in original_words for w in kept), "a word was cut in the middle"


def test_hashtags_are_camel_cased_deduplicated_and_spelled_as_the_profile_does() -> None:
    tags = normalise_hashtags(
        ["grøn omstilling", "#grønomstilling", "velfærd", "ledelse"],
        "tekst",
        3,
        5,
        preferred=["#GrønOmstilling"],
    )
    assert tags == ["GrønOmstilling", "Velfærd", "Ledelse"]
    assert camel_case("offentlig-ledelse") == "OffentligLedelse"


def test_hashtags_are_trimmed_to_the_channel_and_topped_up_only_when_relevant() -> None:
    text = "Vi arbejder med grøn omstilling i Fjordmark Kommune."
    assert len(normalise_hashtags(["A", "B", "C"], text, 0, 2)) == 2
    topped = normalise_hashtags(
        ["Klima"], text, 3, 5, preferred=["#GrønOmstilling", "#FjordmarkKommune", "#Velfærdsteknologi"]
    )
    assert topped == ["Klima", "GrønOmstilling", "FjordmarkKommune"]


def test_trailing_hashtags_in_the_text_are_gathered_at_the_end() -> None:
    result = repair(
        "Tak til hjemmeplejen for en god dag.\n\n#tak #hjemmepleje",
        ["ældre"],
        rules(3000, 5, 3),
    )
    assert result.text == "Tak til hjemmeplejen for en god dag.\n\n#Tak #Hjemmepleje #Ældre"
    assert result.hashtags == ["Tak", "Hjemmepleje", "Ældre"]


def test_emoji_bullets_become_dashes_but_emoji_in_text_stay() -> None:
    text, n = replace_emoji_bullets("Tre ting:\n✅ Nye boliger\n👉 Flere hænder\n- Mere tid\nGod dag 😊")
    assert n == 2
    assert text == "Tre ting:\n- Nye boliger\n- Flere hænder\n- Mere tid\nGod dag 😊"


def test_repeated_sentences_from_a_small_model_are_dropped() -> None:
    result = repair(
        "Vi er stolte af vores team. Vi er stolte af vores team. Tak for i dag.",
        [],
        rules(280),
    )
    assert result.text == "Vi er stolte af vores team. Tak for i dag."
    assert any("repeated" in c for c in result.changes)


def test_an_unfinished_last_sentence_is_dropped_when_the_model_ran_out_of_tokens() -> None:
    text = "Vi åbnede et nyt plejecenter. Tak til alle.\n- I begyndelsen har jeg"
    assert repair(text, [], rules(280), truncated=True).text == "Vi åbnede et nyt plejecenter. Tak til alle."
    assert repair(text, [], rules(280)).text == text  # finished on purpose: left alone
    assert (
        repair("Kun én sætning uden punktum", [], rules(280), truncated=True).text
        == "Kun én sætning uden punktum"
    )


def test_sentences_and_glued_tags_from_a_small_model_are_not_hashtags() -> None:
    tags = normalise_hashtags(
        ["Stormflod#Beredskab", "kommunikation værdi forfakturer af borgere. Krigsøvningen fører", "x" * 31],
        "tekst",
        0,
        5,
    )
    assert tags == ["Stormflod", "Beredskab"]


def test_the_hashtag_budget_comes_from_the_channel_data_and_a_workspace_can_change_it(tmp_path) -> None:
    from sendemast.drafting.repair import channel_rules
    from sendemast.guidelines import load_ruleset

    assert (channel_rules("linkedin").hashtags_min, channel_rules("linkedin").hashtags_max) == (3, 5)
    assert channel_rules("x").hashtags_min == 0
    path = tmp_path / "rules.yaml"
    path.write_text("channels: {linkedin: {hashtags_min: 0, hashtags_max: 2}}\n", encoding="utf-8")
    custom = channel_rules("linkedin", load_ruleset(path))
    assert (custom.hashtags_min, custom.hashtags_max) == (0, 2)
