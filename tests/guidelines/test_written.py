"""The measure of "written" (issue 25): copied share, fragments, first person, institutional voice, and
``voice.pasted`` — a post that is mostly its notes or its original never says pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from sendemast.errors import UsageError
from sendemast.guidelines import check_post, load_ruleset
from sendemast.guidelines.engine.post import Post
from sendemast.guidelines.rules.written import written_of
from sendemast.guidelines.text.verbs import Verbs

ROOT = Path(__file__).resolve().parents[2]
NOTES = (ROOT / "corpus" / "example-workspace" / "notes" / "besoeg-plejecenter.md").read_text("utf-8")
NOTE_LINES = [line[2:].strip() for line in NOTES.splitlines() if line.startswith("- ")]
OPENING = "Jeg vil gerne dele et par ting, som har fyldt hos mig."
# what the composer made of these notes before issue 25: the lines, capitalised, under a fixed opening
PASTED = OPENING + " " + " ".join(line[0].upper() + line[1:] for line in NOTE_LINES)
HAND_WRITTEN = "\n\n".join([
    "I tirsdags brugte jeg eftermiddagen sammen med plejepersonalet i Afsnit Øst på Plejecenter Engbo i "
    "Egeslev.",
    'De afprøver løsninger fra "Tryg i eget hjem": alle 48 boliger har fået vasketoilet, der er sat 6 '
    "loftlifte op, og de pårørende kan komme på skærmbesøg.",
    "Forflytningsvejlederen regner med, at hver vagt sparer omkring 10 tunge løft. "
    "Det kan man mærke i ryggen.",
    "Ikke alle beboere vil have vasketoilettet, og det respekterer vi. "
    "Personalet finder løsningen sammen med den enkelte.",
    "Jeg hørte også om det, der driller: I kælderen falder nettet ud midt i skærmbesøgene. Vores it-folk ser "
    "på det i næste uge.",
    "Vi vil have 40 % af borgerne i hjemmeplejen med på mindst én velfærdsteknologi i 2027. "
    "I dag er vi på 31 %.",
    "Tak for en lærerig dag, alle sammen!",
])
PRESS = (
    "Sundhedsstyrelsen anbefaler, at alle over 65 år bliver vaccineret mod influenza. Vaccinen tilbydes "
    "gratis fra 1. oktober. Region Midtjylland oplyser, at der forventes travlhed i de første uger. Borgere "
    "opfordres til at bestille tid på forhånd. Kommunalbestyrelsen har afsat 2 mio. kr. til ekstra "
    "vaccinationssteder, som etableres i november."
)


def test_a_pasted_draft_is_mostly_copied_and_never_passes() -> None:
    result = check_post(PASTED, source=NOTES, source_kind="notes")
    assert result.written is not None
    assert result.written.copied_share is not None and result.written.copied_share >= 0.6
    assert result.verdict != "pass"
    pasted = [f for f in result.findings if f.rule == "voice.pasted"]
    assert len(pasted) == 1 and pasted[0].severity == "review"
    assert pasted[0].message.startswith("Udkastet er mest noterne selv")
    assert (pasted[0].start, pasted[0].end) == (0, len(PASTED))


def test_a_hand_written_draft_of_the_same_facts_can_pass() -> None:
    result = check_post(HAND_WRITTEN, source=NOTES, source_kind="notes")
    assert result.written is not None
    assert result.written.copied_share is not None and result.written.copied_share <= 0.2
    assert "voice.pasted" not in result.rules_fired()
    assert result.verdict == "pass", result.findings
    assert result.written.fragments == 0
    pasted = check_post(PASTED, source=NOTES, source_kind="notes")
    assert result.tips["tone"] > pasted.tips["tone"]  # the tip sees the difference the pronoun did not


def test_an_unchanged_press_release_is_not_rewritten() -> None:
    opening = "Jeg vil gerne dele en nyhed med dig. "
    result = check_post(opening + PRESS, source=PRESS, source_kind="original")
    assert result.verdict == "review"
    assert any(f.message.startswith("Teksten er ikke skrevet om") for f in result.findings)
    data = result.to_dict()["written"]
    assert set(data) == {"copied_share", "fragments", "first_person_share", "institutional"}
    assert data["institutional"]["count"] >= 7  # 5 passive s-forms and 3 institutions as subject
    assert data["institutional"]["share"] >= 0.8


def test_english_messages() -> None:
    notes = "- Invited to give a 20-minute talk in Copenhagen.\n- Audience: about 250 public leaders."
    draft = "Some news. Invited to give a 20-minute talk in Copenhagen. Audience: about 250 public leaders."
    finding = next(f for f in check_post(draft, source=notes).findings if f.rule == "voice.pasted")
    assert finding.message.startswith("The draft is mostly the notes themselves")
    original = "The council has adopted a new climate plan. The plan is expected to cost 12 million."
    rewrite = next(f for f in check_post(original, source=original, source_kind="original").findings
                   if f.rule == "voice.pasted")
    assert rewrite.message.startswith("The text has not been rewritten")


def test_without_a_source_copied_share_is_none_and_nothing_is_pasted() -> None:
    result = check_post(PASTED)
    assert result.written is not None and result.written.copied_share is None
    assert "voice.pasted" not in result.rules_fired()
    data = result.to_dict()
    assert list(data["written"]) == ["copied_share", "fragments", "first_person_share"]
    assert data["written"]["copied_share"] is None
    assert check_post(PASTED, source="   ").written.copied_share is None  # type: ignore[union-attr]
    with pytest.raises(UsageError, match="source_kind"):
        check_post(PASTED, source=NOTES, source_kind="memo")


def test_hashtags_urls_and_mentions_are_not_words_of_the_measure() -> None:
    source = "Vi åbner den nye skole i Vestby på mandag kl. 9"
    copied = source + " #SkoleIVestby https://vestby.dk/skole @borgmester"
    assert check_post(copied, source=source).written.copied_share == 1.0  # type: ignore[union-attr]


def _written(text: str, lang: str = "da", source: str | None = None, kind: str = "notes"):  # type: ignore[no-untyped-def]
    return written_of(Post(text, "linkedin", lang, load_ruleset(), source=source, source_kind=kind))


def test_fragments_are_labels_and_sentences_without_a_finite_verb() -> None:
    notes = (
        "Personalet: færre tunge forflytninger.\n"
        "Udfordring: wifi i kælderen falder ud.\n"
        "Besøg tirsdag kl. 13-15 på Plejecenter Engbo.\n"
        "Ingen billeder af beboere – kun af loftliften.\n"
    )
    assert _written(notes).fragments == 4
    sentences = (
        "I dag tog jeg på Engbo. Personalet viste mig loftliften. Det mærker de i ryggen. "
        "Vi besøgte også kælderen. Tak til alle i Afsnit Øst. Min pointe: vi lytter.\n"
        "Godt gået, alle sammen!"
    )
    measured = _written(sentences)
    assert measured.fragments == 0 and measured.sentences == 7
    english = "Audience: 250 leaders.\nInvited to give a talk.\nWe learned a lot. The unit delivers the plan."
    assert _written(english, "en").fragments == 2


def test_first_person_share_counts_sentences_and_knows_danish_i() -> None:
    text = "Jeg var på Engbo. I dag er det tirsdag. Hvad siger I? Vores team lærte meget. Det regner."
    measured = _written(text)
    assert measured.first_person_share == 0.6  # Jeg, I (you, mid-sentence), Vores; not "I dag"
    assert _written("Ventetiden er 4 min. i gennemsnit. Det er godt.").first_person_share == 0.0
    assert _written("I learned a lot. The US team came too.", "en").first_person_share == 0.5


def test_passive_s_forms_are_counted_and_look_alikes_are_not() -> None:
    verbs = Verbs(load_ruleset(), "da")
    for word in ("etableres", "forventes", "tilbydes", "anbefales", "opfordres", "gennemføres", "afbrydes"):
        assert verbs.is_passive(word, None), word
    for word in ("mens", "hos", "hus", "tres", "blues", "kommunes", "borgeres", "ældres", "synes"):
        assert not verbs.is_passive(word, None), word
    assert not verbs.is_passive("ses", "vi")  # "vi ses": reciprocal
    text = "Vi ses på mandag, mens huset males. Kommunens borgere synes, det er fint. Stedet etableres nu."
    measured = _written(text, source=text, kind="original")
    assert measured.institutional == {"count": 2, "share": 0.67}  # males, etableres


def test_the_institution_as_subject_is_institutional_voice() -> None:
    def institutional(sentence: str, lang: str = "da") -> int:
        measured = _written(sentence, lang, source=sentence, kind="original").institutional
        assert measured is not None
        return int(measured["count"])

    for sentence in ("Kommunalbestyrelsen har vedtaget budgettet.", "Styrelsen anbefaler tre ting.",
                     "Region Midtjylland oplyser, at ventetiden falder.",
                     "Fjordmark Kommune har i dag åbnet et dige.",
                     "Sundhedsstyrelsen anbefaler vaccination."):
        assert institutional(sentence) == 1, sentence
    for sentence in ("Jeg har talt med kommunen.", "Vi har fået et nyt dige.", "Kommunens folk var gode."):
        assert institutional(sentence) == 0, sentence
    english = "The Health Authority recommends vaccination. Vaccines are offered for free. I was glad."
    assert institutional(english, "en") == 2
    assert _written("Jeg er glad.").institutional is None  # only a rewrite has an original to compare


def test_threshold_and_word_lists_are_the_workspaces_to_edit(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "rules:\n  voice.pasted: {threshold: {notes: 0.95}, kept: {share: 0.99}}\n"
        "words:\n  da: {not_labels: [personalet], passive_not: [etableres]}\n",
        encoding="utf-8",
    )
    custom = load_ruleset(rules)
    assert "voice.pasted" not in check_post(PASTED, source=NOTES, ruleset=custom).rules_fired()
    assert "voice.pasted" in check_post(PASTED, source=NOTES).rules_fired()
    assert not Verbs(custom, "da").is_passive("etableres", None)
    assert Verbs(custom, "da").not_labels >= {"personalet", "det"}  # extended, not replaced
