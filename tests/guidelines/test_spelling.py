"""language.spelling: the real da_DK / en_US + en_GB dictionaries, compounds, the workspace vocabulary, the
rate that makes the findings review, and the library function the drafting composer calls."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sendemast.guidelines import check_post, load_ruleset
from sendemast.guidelines.dictionaries.vocabulary import Vocabulary, load_vocabulary, names_in
from sendemast.guidelines.rules.spelling import is_known, suggest, unknown_words

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
    for word in ("englepelje", "velfærdsteknoli", "ældreomsorgn", "sundhedsplejersek", "forældr"):
        assert not is_known(word, "da"), word
    for word in ("velfærdsteknologi", "kælderafsnittet", "forflytningsvejlederen", "loftlifte", "ældrepleje"):
        assert is_known(word, "da"), word
    text = "Jeg så velfærdsteknologi i kælderafsnittet, men ingen englepelje."
    assert [text[f.start : f.end] for f in spelling_findings(text)] == ["englepelje"]


def test_productive_compounds_beyond_the_dictionarys_flags_are_known() -> None:
    words = ("ungeindsats", "ældreudspil", "pårørendepolitik", "dagsinstitutionsområdet", "samskabelse",
             "infrastrukturaftalen", "havvindsopstillerne", "elcykler", "borgerinddragelsesprocessen")
    for word in words:
        assert is_known(word, "da"), word
        assert not is_known(word, "da", compounds="strict"), word  # da_DK's flags alone do not take them
    # a well-formed compound of real words is not a misspelling, whatever it means: a real-word slip
    assert is_known("englepleje", "da")


def test_wrongly_joined_words_are_unknown_with_the_split_as_suggestion() -> None:
    for word, right in (("igår", "i går"), ("tilsidst", "til sidst"), ("ihvertfald", "i hvert fald")):
        assert not is_known(word, "da"), word
        assert suggest(word, "da")[0] == right
    text = "Igår var jeg i Egeslev, og tilsidst talte jeg med personalet."
    findings = spelling_findings(text)
    assert [text[f.start : f.end] for f in findings] == ["Igår", "tilsidst"]
    assert "I går" in (findings[0].suggestion or "")


def test_names_are_info_and_never_count_towards_the_rate() -> None:
    text = "I går besøgte jeg Kløvergården i Qvortrup med Trine Ahlgreen og Jens Uhrenholdt fra Mwanza."
    result = check_post(text)
    names = [f for f in result.findings if f.rule == "language.name"]
    assert {text[f.start : f.end] for f in names} >= {"Ahlgreen", "Uhrenholdt", "Mwanza"}
    assert all(f.severity == "info" and "navn" in f.message.lower() for f in names)
    assert not spelling_findings(text) and result.verdict != "review"
    assert result.to_dict()["spelling"]["rate_per_100"] == 0
    # at a sentence start a capital says nothing: an unknown word there is still a misspelling
    assert [u.word for u in unknown_words("Bessøget gik godt.", "da")] == ["Bessøget"]
    # ... unless a capitalised word follows it (a name of two words)
    assert unknown_words("Ahlgreen Consult har vundet opgaven.", "da") == []


def test_hyphenated_first_parts_english_runs_and_abbreviations(tmp_path: Path) -> None:
    text = (
        "Tak til Børne- og Undervisningsministeriet og til social- og sundhedsassistenterne, der bl.a. "
        "delte deres know-how om onboarding; ring på tlf. 70 10 20 30 afdl. kl. 9 og 15, jf. aftalen, inkl. "
        "weekender."
    )
    assert [u.word for u in unknown_words(text, "da")] == ["afdl"]  # "afdl." is no Danish abbreviation
    # a hyphen that ends a word inside a compound is no first part: "Børnx- og"
    assert [u.word for u in unknown_words("Tak til børnx- og ungeområdet.", "da")] == ["børnx"]
    # the organisation's own abbreviations and joined words are rules data
    rules = tmp_path / "guidelines.yaml"
    rules.write_text("rules:\n  language.spelling: {abbreviations: [afdl.], joined: {heltud: helt ud}}\n",
                     encoding="utf-8")
    assert not spelling_findings(text, ruleset=load_ruleset(rules))
    other = "Jeg vil gerne sige det heltud: tak."
    assert [f.suggestion for f in spelling_findings(other, ruleset=load_ruleset(rules))] == [
        "Mente du: helt ud?"
    ]


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
    assert result.to_dict()["spelling"]["names"] == []
    # without the workspace, its own names are unknown names: the vocabulary is what makes them known
    assert "Engbo" in check_post(text).to_dict()["spelling"]["names"]
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
        input="Jeg så englepelje i dag.",
        capture_output=True,
        text=True,
    )
    data = json.loads(done.stdout)
    assert [u["word"] for u in data["spelling"]["unknown"]] == ["englepelje"]
    assert any(f["rule"] == RULE for f in data["findings"])


def test_check_in_the_workspace_knows_its_places(ingested_example: Path) -> None:
    text = "Jeg var på Plejecenter Engbo og i Engparken i dag, og jeg så en fin englepelje."
    done = subprocess.run(
        [sys.executable, "-m", "sendemast", "-w", str(ingested_example), "check", "--json", "-"],
        input=text,
        capture_output=True,
        text=True,
    )
    data = json.loads(done.stdout)
    assert [u["word"] for u in data["spelling"]["unknown"]] == ["englepelje"]


def test_the_organisations_own_long_words_are_known_once_two_documents_use_them() -> None:
    from sendemast.guidelines.dictionaries.vocabulary import repeated_words

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


def test_the_labelled_spelling_sets_meet_their_goals_on_the_development_set() -> None:
    from sendemast.guidelines.spelling_set import DEFAULT_FILES, score

    dev = score(DEFAULT_FILES[0])
    assert dev.sentences >= 270 and dev.errors >= 70
    assert dev.precision >= 0.95 and dev.recall >= 0.9, (dev.false_flags, dev.missed)
    # held out: written before the change and measured once after it; a floor, so a change that makes
    # it worse is seen (README: 0.897 / 0.875)
    heldout = score(DEFAULT_FILES[1])
    assert heldout.precision >= 0.85 and heldout.recall >= 0.85
