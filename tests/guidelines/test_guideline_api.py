"""The library interface others build on: result shape, verdicts, tips, languages, rules as data."""

from __future__ import annotations

from pathlib import Path

import pytest

from sendemast.errors import ConfigError, UsageError
from sendemast.guidelines import CheckResult, Finding, check_post, load_ruleset
from sendemast.guidelines.channels.count import CHANNEL_LIMITS, count_length
from sendemast.guidelines.engine.checker import find_personal_data

CPR_POST = "Jeg fik et brev med cpr 120384-1234 i emnefeltet. Venstres forslag er uansvarligt."


def test_to_dict_has_exactly_the_documented_shape() -> None:
    result = check_post(CPR_POST, "x", id="p1")
    data = result.to_dict()
    assert list(data) == [
        "id", "channel", "language", "length", "lix", "findings", "tips", "written", "spelling", "verdict"
    ]
    assert list(data["written"]) == ["copied_share", "fragments", "first_person_share"]
    assert data["id"] == "p1" and data["channel"] == "x" and data["language"] == "da"
    assert set(data["length"]) == {"count", "limit", "unit"} and data["length"]["unit"] == "weighted"
    assert list(data["tips"]) == ["mandate", "audience", "topics", "tone", "value", "channel"]
    assert all(0.0 <= v <= 1.0 for v in data["tips"].values())
    for finding in data["findings"]:
        assert set(finding) <= {"rule", "severity", "message", "start", "end", "suggestion"}
        assert {"rule", "severity", "message", "start", "end"} <= set(finding)
    assert "id" not in check_post(CPR_POST).to_dict()


def test_findings_point_into_the_original_text() -> None:
    text = "🎉 Første linje\r\n\r\nMit cpr er 120384-1234 – skriv til mig på mette.holm@nordby.dk"
    for finding in check_post(text).findings:
        assert 0 <= finding.start <= finding.end <= len(text)
    cpr = next(f for f in check_post(text).findings if f.rule == "privacy.cpr")
    assert text[cpr.start : cpr.end] == "120384-1234"


def test_verdict_follows_the_most_severe_finding() -> None:
    assert check_post(CPR_POST).verdict == "block"
    assert check_post("Venstres forslag er uansvarligt, siger jeg.").verdict == "review"
    clean = check_post("Jeg cyklede på arbejde i dag. 14 km og én punktering. Vi ses på cykelstien!")
    assert clean.verdict == "pass" and not clean.findings
    warned = check_post("Kommunen har åbnet et nyt bibliotek i Vestby.")
    assert warned.verdict == "pass" and warned.rules_fired() == {"tone.personal"}
    assert warned.reaches("warn") and not warned.reaches("review")


def test_messages_are_in_the_posts_language() -> None:
    danish = check_post("Jeg så cpr 120384-1234 i en kommentar i går.").findings[0]
    english = check_post("I saw the CPR number 120384-1234 in a comment today.").findings[0]
    assert "CPR-numre må aldrig" in danish.message and danish.suggestion == "Fjern nummeret."
    assert "Never publish CPR numbers" in english.message and english.suggestion == "Remove the number."


def test_tips_use_the_profile() -> None:
    from sendemast.profile import Mandate, Profile, Topic

    profile = Profile(
        name="A B",
        title="Direktør",
        organisation="Nordby Kommune",
        values=["tillid"],
        mandate=Mandate(may_speak_on=["cykelstier"]),
        topics=[Topic(id="mobilitet", title="Grøn mobilitet", keywords=["cykel", "cykelsti", "bus"])],
    )
    text = "Jeg cyklede på arbejde ad vores nye cykelsti i dag. Tillid handler om at holde det, man lover."
    with_profile = check_post(text, profile=profile).tips
    without = check_post(text).tips
    assert with_profile["topics"] == 1.0 and without["topics"] == 0.5
    assert with_profile["mandate"] == 1.0 > without["mandate"]
    assert with_profile["tone"] > without["tone"]
    off_topic = check_post("Jeg holdt fri i dag og læste en god bog.", profile=profile).tips
    assert off_topic["topics"] == 0.0


def test_tips_react_to_findings() -> None:
    assert check_post(CPR_POST).tips["mandate"] == 0.0
    assert check_post("Jeg skriver. " * 30, "x").tips["channel"] == 0.0
    concrete = check_post(
        "Jeg lærte i går, at 9 medarbejdere i vores vandværk sørger for vand til 52.000 borgere."
    )
    vague = check_post("Jeg synes, det er godt.")
    assert concrete.tips["value"] > vague.tips["value"]


def test_usage_errors_for_empty_posts_and_unknown_channels() -> None:
    with pytest.raises(UsageError):
        check_post("   \n ")
    with pytest.raises(UsageError, match="unknown channel"):
        check_post("Hej", "myspace")


def test_find_personal_data_returns_only_privacy_findings() -> None:
    text = CPR_POST + " Ring til Jens Poulsen på 23 45 67 89. #grønomstilling"
    found = find_personal_data(text)
    assert {f.rule for f in found} == {"privacy.cpr", "privacy.contact"}
    assert all(isinstance(f, Finding) for f in found)
    assert find_personal_data("Jeg cyklede på arbejde i dag.") == []


def test_count_length_and_limits() -> None:
    assert CHANNEL_LIMITS == {"linkedin": 3000, "x": 280, "bluesky": 300, "mastodon": 500, "threads": 500}
    assert count_length("Hi http://test.co", "x") == (26, 280, "weighted")
    assert count_length("👨‍👩‍👧‍👦 hej", "bluesky") == (5, 300, "graphemes")
    masto = "@mette@social.example.dk se https://www.nordby.dk/" + "a" * 100
    assert count_length(masto, "mastodon")[0] == len("@mette se ") + 23
    assert count_length("æøå", "linkedin") == (3, 3000, "characters")
    with pytest.raises(UsageError):
        count_length("x", "myspace")


def test_result_types() -> None:
    result = check_post("Jeg er glad i dag.")
    assert isinstance(result, CheckResult) and isinstance(result.lix, float)


# rules as data -----------------------------------------------------------------------------------------
def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "guidelines.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_workspace_adds_banned_words_and_lowers_a_threshold(tmp_path: Path) -> None:
    rules = _write(
        tmp_path,
        """
words:
  da:
    attack_person_words: [skvadderhoved]
    officialese: {hidtil: indtil nu}
rules:
  readability.lix: {max: 20}
  tone.personal: {enabled: false}
channels:
  mastodon: {limit: 1000}
""",
    )
    ruleset = load_ruleset(rules)
    text = "Han er et skvadderhoved, og hidtil har vi ventet. Kommunen åbner biblioteket i Vestby i morgen."
    shipped = check_post(text).rules_fired()
    custom = check_post(text, ruleset=ruleset).rules_fired()
    assert "civility.attack" in custom - shipped
    assert "plain.officialese" in custom - shipped
    assert "readability.lix" in custom - shipped
    assert "tone.personal" in shipped - custom
    assert "løgner" in ruleset.words["da"]["attack_person_words"]  # extended, not replaced
    assert count_length("x" * 700, "mastodon", limit=ruleset.channels["mastodon"]["limit"])[1] == 1000
    assert "channel.length" not in check_post("Jeg skriver. " * 50, "mastodon", ruleset=ruleset).rules_fired()


def test_a_workspace_can_replace_or_remove_list_entries(tmp_path: Path) -> None:
    ruleset = load_ruleset(
        _write(
            tmp_path,
            """
words:
  da:
    officialese: {replace: true, items: {hidtil: indtil nu}}
    confidential: {remove: [internt notat, interne notat*]}
""",
        )
    )
    assert list(ruleset.words["da"]["officialese"]) == ["hidtil"]
    assert (
        "plain.officialese" not in check_post("Vedrørende mødet siger jeg ja.", ruleset=ruleset).rules_fired()
    )
    # both entries go: with inflection each of them also matches the other's form
    text = "Et internt notat viser det, siger jeg."
    assert "confidential.internal" in check_post(text).rules_fired()
    assert "confidential.internal" not in check_post(text, ruleset=ruleset).rules_fired()


@pytest.mark.parametrize(
    "content, message",
    [
        ("rules: {privacy.cpr: {severity: fatal}}", "severity"),
        ("channels: {x: {limit: -1}}", "limit"),
        ("channels: {linkedin: {hashtags_min: 6}}", "hashtags_min: must not exceed hashtags_max"),
        ("channels: {x: {hashtags_max: many}}", "hashtags_max: must be a whole number"),
        ("colours: {red: 1}", "unknown section"),
        ("rules: [1, 2", "invalid YAML"),
        ("- just a list", "expected a mapping"),
    ],
)
def test_a_broken_rules_file_is_a_config_error_naming_it(tmp_path: Path, content: str, message: str) -> None:
    path = _write(tmp_path, content)
    with pytest.raises(ConfigError, match=message) as info:
        load_ruleset(path)
    assert str(path) in info.value.message


def test_shipped_data_is_valid_and_complete() -> None:
    ruleset = load_ruleset()
    required = {
        "privacy.cpr",
        "privacy.contact",
        "privacy.sensitive",
        "neutrality.party",
        "confidential.internal",
        "civility.attack",
        "channel.length",
        "channel.hashtags",
        "channel.hook",
        "access.emoji",
        "access.hashtag_case",
        "tone.personal",
        "readability.lix",
        "plain.officialese",
        "stance.on_behalf",
    }
    assert required <= set(ruleset.rules)
    assert {
        r: ruleset.severity(r)
        for r in ("privacy.cpr", "privacy.contact", "neutrality.party", "stance.on_behalf")
    } == {
        "privacy.cpr": "block",
        "privacy.contact": "review",
        "neutrality.party": "review",
        "stance.on_behalf": "warn",
    }
    for rule_id in ruleset.rules:  # every rule has a message in both languages
        for lang in ("da", "en"):
            message = ruleset.rules[rule_id]["message"]
            texts = [message[lang]] if lang in message else [v[lang] for v in message.values()]
            assert all(texts), (rule_id, lang)
    assert (
        ruleset.channels["linkedin"]["hashtags_max"] == 5 and ruleset.channels["threads"]["hashtags_max"] == 1
    )
