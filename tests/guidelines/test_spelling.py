"""language.spelling: the real da_DK / en_US + en_GB dictionaries, compounds, the workspace vocabulary, the
rate that makes the findings review, and the library function the drafting composer calls."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sendemast.guidelines import check_post, load_ruleset
from sendemast.guidelines.spelling import is_known, suggest, unknown_words
from sendemast.guidelines.vocabulary import Vocabulary, load_vocabulary, names_in

RULE = "language.spelling"


def spelling_findings(text: str, **kwargs: object) -> list:  # type: ignore[type-arg]
    return [f for f in check_post(text, **kwargs).findings if f.rule == RULE]  # type: ignore[arg-type]


def test_misspelt_danish_gets_findings_with_spans_and_suggestions() -> None:
    text = "Tak til alle medarbjderne i hjemmeplejen for en flot indsats i weekenden."
    findings = spelling_findings(text)
    assert len(findings) == 1
    finding = findings[0]
    assert text[finding.start : finding.end] == "medarbjderne"
    assert finding.severity == "warn"
    assert "medarbejderne" in (finding.suggestion or "")
    assert suggest("medarbjderne", "da")[0] == "medarbejderne"


def test_invented_words_are_unknown_and_real_compounds_are_not() -> None:
    assert not is_known("englepleje", "da")
    for word in ("velfærdsteknologi", "kælderafsnittet", "forflytningsvejlederen", "loftlifte", "ældrepleje"):
        assert is_known(word, "da"), word
    text = "Jeg så velfærdsteknologi i kælderafsnittet, men ingen englepleje."
    assert [text[f.start : f.end] for f in spelling_findings(text)] == ["englepleje"]


def test_hunspell_own_compounding_is_a_setting() -> None:
    # da_DK lists "engle-" as a free first part, so Hunspell itself accepts "englepleje"
    assert is_known("englepleje", "da", compounds="dictionary")
    assert not is_known("englepleje", "da", compounds="strict")
    # free first parts that are no word on their own still join: "cyber-"
    assert is_known("cybersikkerhed", "da")
    # one-letter and two-letter chains do not make nonsense a compound
    assert not is_known("velfærdsteknoli", "da")


def test_what_is_never_checked() -> None:
    text = (
        "Se https://www.example.dk/xqzvw og skriv til xqzvw@example.dk eller @xqzvwbot. "
        "Ca. 40 % brugte f.eks. selvbetjening i 3. kvartal, og SOSU-assistenterne og KLXQ var med på "
        "LinkedIn og iPhone med covid19xq. #Xqzvwtag #GrønOmstilling"
    )
    assert spelling_findings(text) == []


def test_english_posts_are_checked_against_english() -> None:
    text = "I spent the mornig with our night shift, and it's the colleagues who don't give up that matter."
    findings = spelling_findings(text)
    assert [text[f.start : f.end] for f in findings] == ["mornig"]
    assert "morning" in (findings[0].suggestion or "")
    # British and American spellings both pass; Danish words in an English post do not
    assert unknown_words("The colour and the color of the centre and the center.", "en") == []
    assert [u.word for u in unknown_words("I visited the plejecenter yesterday.", "en")] == ["plejecenter"]


def test_the_rate_turns_warn_into_review(tmp_path: Path) -> None:
    one = "Jeg er stolt af vores frivilige, som hver uge hjælper ældre borgere med at komme ud og gå en tur."
    assert [f.severity for f in spelling_findings(one)] == ["warn"]  # one unknown word is never review
    many = "Jeg er stolt af vores fantastike frivilige, som hver uge hjælper ældre borgere med at gå ture."
    result = check_post(many)
    assert {f.severity for f in result.findings if f.rule == RULE} == {"review"}
    assert result.verdict == "review"
    assert result.to_dict()["spelling"]["rate_per_100"] > 2
    # the rate is rules data: a workspace may allow more
    rules = tmp_path / "guidelines.yaml"
    rules.write_text("rules:\n  language.spelling: {review_above_per_100: 20}\n", encoding="utf-8")
    relaxed = check_post(many, ruleset=load_ruleset(rules))
    assert {f.severity for f in relaxed.findings if f.rule == RULE} == {"warn"}
    assert relaxed.verdict == "pass"


def test_known_words_and_disabling_are_rules_data(tmp_path: Path) -> None:
    rules = tmp_path / "guidelines.yaml"
    rules.write_text("rules:\n  language.spelling: {known_words: [Frivilige]}\n", encoding="utf-8")
    text = "Jeg er stolt af vores frivilige."
    assert spelling_findings(text) and not spelling_findings(text, ruleset=load_ruleset(rules))
    rules.write_text("rules:\n  language.spelling: {enabled: false}\n", encoding="utf-8")
    result = check_post(text, ruleset=load_ruleset(rules))
    assert "spelling" not in result.to_dict() and not [f for f in result.findings if f.rule == RULE]


def test_the_json_block() -> None:
    text = "Tak til alle medarbjderne i hjemmeplejen."
    block = check_post(text).to_dict()["spelling"]
    assert block["words"] == 6
    assert block["rate_per_100"] == pytest.approx(100 / 6, abs=0.01)
    [item] = block["unknown"]
    assert item["word"] == "medarbjderne" and text[item["start"] : item["end"]] == "medarbjderne"
    assert item["suggestions"][0] == "medarbejderne" and len(item["suggestions"]) <= 3


def test_a_post_full_of_the_example_workspace_places_passes(ingested_example: Path) -> None:
    from sendemast.workspace import load_workspace

    workspace = load_workspace(ingested_example)
    text = (
        "Jeg har i denne uge været rundt i hele Fjordmark: fra Plejecenter Engbo i Egeslev til havnen i "
        "Bredstrand, hvor Fjordstuen holdt åbent hus. I Tjørnvig mødte jeg lokalrådet, og i Engparken "
        "viste børnene mig deres nye legeplads. Tak til Birgitte og alle i Fjordmark Kommune. #Fjordmark"
    )
    result = check_post(text, profile=workspace.profile)
    assert result.to_dict()["spelling"]["unknown"] == []
    # without the workspace, its own names are unknown: the vocabulary is what makes them known
    assert {u.word for u in unknown_words(text, "da")} >= {"Engbo", "Engparken"}
    vocabulary = load_vocabulary(workspace)
    assert "Engbo" in vocabulary and "Engbos" in vocabulary
    assert unknown_words(text, "da", vocabulary) == []
    assert (ingested_example / ".sendemast" / "vocabulary.json").is_file()


def test_names_are_read_from_the_middle_of_sentences() -> None:
    texts = ["Vi mødtes på Plejecenter Engbo i Egeslev. Borgerne kom.", "Derfor var borgerne glade."]
    names = names_in(texts)
    assert {"Plejecenter", "Engbo", "Egeslev"} <= names
    assert "Borgerne" not in names  # sentence-initial, and written in small letters elsewhere
    vocabulary = Vocabulary(["Egeslev"])
    assert "egeslev" in vocabulary and "Egeslevs" in vocabulary and "Egeslevby" not in vocabulary


def test_check_cli_says_where_the_cache_cannot_be_written(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    env = {"XDG_CACHE_HOME": str(blocked), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "sendemast", "check", "-"],
        input="Jeg er stolt af vores frivillige.",
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 2  # a configuration problem, as for the model caches
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert str(blocked) in lines[0] and "XDG_CACHE_HOME" in lines[0]


def test_check_json_from_the_cli_carries_the_block() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sendemast", "check", "--json", "-"],
        input="Jeg så englepleje i dag.",
        capture_output=True,
        text=True,
    )
    data = json.loads(done.stdout)
    assert [u["word"] for u in data["spelling"]["unknown"]] == ["englepleje"]
    assert any(f["rule"] == RULE for f in data["findings"])


def test_check_in_the_workspace_knows_its_places(ingested_example: Path) -> None:
    text = "Jeg var på Plejecenter Engbo og i Engparken i dag, og jeg så en fin englepleje."
    done = subprocess.run(
        [sys.executable, "-m", "sendemast", "-w", str(ingested_example), "check", "--json", "-"],
        input=text,
        capture_output=True,
        text=True,
    )
    data = json.loads(done.stdout)
    assert [u["word"] for u in data["spelling"]["unknown"]] == ["englepleje"]


def test_the_organisations_own_long_words_are_known_once_two_documents_use_them() -> None:
    from sendemast.guidelines.vocabulary import repeated_words

    documents = [("a.md", "Vi holdt maskinrumsdag i borgerservice."),
                 ("b.md", "Næste maskinrumsdag er i maj."),
                 ("c.md", "En tastefjel, og endnu en tastefjel.")]
    words = repeated_words(documents)
    assert "maskinrumsdag" in words
    assert "tastefjel" not in words  # a typo repeated in one document stays a typo
    assert "borgerservice" not in words  # one document only


def test_the_example_workspaces_own_word_is_not_flagged(ingested_example: Path) -> None:
    from sendemast.workspace import load_workspace

    workspace = load_workspace(ingested_example)
    text = "Jeg glæder mig til næste maskinrumsdag i borgerservice, hvor jeg lærer af kollegerne."
    assert "maskinrumsdag" not in {u.word for u in unknown_words(text, "da", load_vocabulary(workspace))}
