"""Each rule: what it must catch, what it must leave alone, and where its finding points."""

from __future__ import annotations

import pytest

from sendemast.guidelines import check_post


def fired(text: str, channel: str = "linkedin", **kwargs: object) -> set[str]:
    return check_post(text, channel, **kwargs).rules_fired()  # type: ignore[arg-type]


def spans(text: str, rule: str, channel: str = "linkedin") -> list[str]:
    return [text[f.start : f.end] for f in check_post(text, channel).findings if f.rule == rule]


# privacy.cpr -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("number", ["120384-1234", "0507921234", "311299-4321", "290200-1234"])
def test_cpr_numbers_block_and_the_span_is_the_number(number: str) -> None:
    text = f"Jeg så nummeret {number} i en kommentar i går."
    result = check_post(text)
    assert result.verdict == "block"
    assert spans(text, "privacy.cpr") == [number]


@pytest.mark.parametrize(
    "text",
    [
        "Borgermødet er 24-12-2025 kl. 19, og jeg glæder mig.",  # a date, not a CPR number
        "Ordre 01020312345 blev leveret i dag, sagde jeg.",  # eleven digits
        "Sag nr. 9912345678 er lukket, og jeg er glad.",  # no valid date in the first six
        "Jeg har nummeret 300284-1234 fra en gammel sag.",  # 30 February
        "Ring til mig på +45 40 12 34 56 i morgen.",  # a phone number
        "Jeg fandt 150675 2233 i regnearket.",  # the space form needs a cpr label
        "Journalnummer 2024-123456 står på sagen, skrev jeg.",
    ],
)
def test_cpr_leaves_dates_phones_and_order_numbers_alone(text: str) -> None:
    assert "privacy.cpr" not in fired(text)


def test_cpr_space_form_with_a_label_and_the_modulus_note() -> None:
    assert spans("Mit cpr er 150675 2233, skrev hun.", "privacy.cpr") == ["150675 2233"]
    # 010190-1111 does not pass modulus 11; 070761-4285 does (a test number), and the message says so
    passing = check_post("cpr 070761-4285 i teksten, jeg fjerner den").findings[0]
    failing = check_post("cpr 010190-1111 i teksten, jeg fjerner den").findings[0]
    assert "modulus 11" in passing.message and "modulus 11" not in failing.message


# privacy.contact ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "number", ["23 45 67 89", "+45 40 12 34 56", "2233 4455", "61234567", "0045 22334455"]
)
def test_a_persons_phone_number_needs_review(number: str) -> None:
    text = f"Ring til vores projektleder Jens Poulsen på {number}, sagde jeg."
    assert spans(text, "privacy.contact") == [number]
    assert check_post(text).verdict == "review"


@pytest.mark.parametrize(
    "text",
    [
        "Ring til Borgerservice på 70 20 30 40, så hjælper jeg gerne.",
        "Telefon: 70 10 20 30 (omstillingen) – jeg har bedt om længere åbningstid.",
        "Vores CVR-nummer er 29189854, hvis du skal fakturere mig.",
        "Projektet koster 12 500 000 kr., og jeg er stolt.",
        "Jeg har været her fra 2024 2025 og frem.",
        "Mødet er 24-11-2025 kl. 19, og jeg kommer.",
    ],
)
def test_switchboards_amounts_and_dates_are_not_a_persons_number(text: str) -> None:
    assert "privacy.contact" not in fired(text)


def test_personal_and_role_email_addresses() -> None:
    assert spans("Skriv til mig på mette.holm@nordby.dk i dag.", "privacy.contact") == [
        "mette.holm@nordby.dk"
    ]
    assert spans("Mail me at sarah@gmail.com, I read it.", "privacy.contact") == ["sarah@gmail.com"]
    assert spans("Skriv til mig på mho@nordby.dk, jeg svarer.", "privacy.contact") == ["mho@nordby.dk"]
    for role in ("kontakt@nordby.dk", "post@vestby.example", "job@nordby.dk", "vej@nordby.dk"):
        assert "privacy.contact" not in fired(f"Jeg minder om, at du kan skrive til {role}.")


def test_a_mastodon_handle_is_not_an_email_address() -> None:
    text = "Tak til @mette@social.nordby.example for en god snak, siger jeg."
    assert "privacy.contact" not in fired(text, "mastodon")


# privacy.sensitive -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Stor respekt til Anna Sørensen, der er tilbage efter et forløb med kræft. Jeg er glad.",
        "En 84-årig kvinde fra Nørreby blev i weekenden indlagt. Jeg har bedt om en gennemgang.",
        "Vores kollega Jonas er sygemeldt med stress, så jeg tager hans vagter.",
        "Today I visited a 92-year-old man in Vestby who has lived with dementia for years.",
        "Min far fik konstateret demens sidste år.",
        "Mette fra lønkontoret er desværre indlagt igen, skriver jeg.",
    ],
)
def test_identifiable_person_with_a_sensitive_detail(text: str) -> None:
    assert "privacy.sensitive" in fired(text)


@pytest.mark.parametrize(
    "text",
    [
        "Stress er den hyppigste årsag til sygemeldinger. Derfor har jeg sat trivsel på dagsordenen.",
        "Tak til Mette Holm for et oplæg om forebyggelse af stress. Jeg lærte meget.",
        "En 84-årig kvinde fra Nørreby har strikket 200 huer. Jeg blev rørt.",
        "Jeg var selv sygemeldt med stress i 2019.",
        "Drej til venstre, og sig hej til Per på vej ind. Jeg har kræft i tankerne som tema for oplægget.",
    ],
)
def test_topics_unnamed_people_and_the_author_are_not_sensitive(text: str) -> None:
    assert "privacy.sensitive" not in fired(text)


def test_the_authors_own_name_is_not_someone_else() -> None:
    from sendemast.profile import Profile

    profile = Profile(name="Mette Holm", title="Direktør", organisation="Nordby Kommune")
    text = "Mette Holm her: jeg var selv sygemeldt med stress sidste år."
    assert "privacy.sensitive" in fired(text)
    assert "privacy.sensitive" not in fired(text, profile=profile)


def test_sensitive_finding_spans_person_and_detail() -> None:
    text = "Vores kollega Jonas er sygemeldt med stress."
    assert spans(text, "privacy.sensitive") == ["Jonas er sygemeldt"]


# neutrality.party --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Stem på Socialdemokratiet den 18. november!",
        "Venstres forslag om at lukke skolerne er dybt uansvarligt, mener jeg.",
        "Jeg er glad for, at Enhedslisten og De Konservative fandt sammen.",
        "Tillykke til Venstre med valgsejren, siger jeg.",
        "Det er en skam, at SF stemte imod, synes jeg.",
        "Liberal Alliance har fuldstændig ret i det, synes jeg.",
        "Vote for the Social Democrats on Tuesday!",
        "Sæt dit kryds ved Moderaterne.",
    ],
)
def test_party_with_a_stance_or_a_vote_call(text: str) -> None:
    assert "neutrality.party" in fired(text)


@pytest.mark.parametrize(
    "text",
    [
        "Drej til venstre ved rundkørslen, så ser jeg dig.",
        "Venstre-siden af salen var fyldt, og jeg blev glad.",
        "Alternativet er at lukke hallen, og det vil jeg undgå.",
        "Husk at stemme til kommunalvalget, jeg har selv brevstemt.",
        "Tak til udvalgsformand Pia Lund (SF) for et godt møde, siger jeg.",
        "Jeg holdt oplæg for Liberal Alliances byrådsgruppe i dag.",
        "Budgettet blev vedtaget af et bredt flertal, og jeg går i gang.",
    ],
)
def test_directions_neutral_mentions_and_calls_to_vote_are_not_party_politics(text: str) -> None:
    assert "neutrality.party" not in fired(text)


# confidential.internal ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Det er ikke besluttet endnu, men jeg kan fortælle, at skolen lukker.",
        "Et internt notat viser, at vi mangler penge, siger jeg.",
        "Fra lukket punkt på byrådsmødet kan jeg fortælle nyt.",
        "EMBARGO til torsdag: jeg kan fortælle nyt.",
        "Det er endnu ikke vedtaget, men jeg vil sige det.",
        "This is still confidential, but I can tell you.",
    ],
)
def test_confidential_or_undecided_matters(text: str) -> None:
    assert "confidential.internal" in fired(text)


@pytest.mark.parametrize(
    "text",
    [
        "Vi behandler din henvendelse fortroligt, lover jeg.",
        "Nu er embargoen ophævet, og jeg kan fortælle det.",
        "Spareforslagene er sendt i høring, og jeg håber, I læser dem.",
    ],
)
def test_confidential_exceptions(text: str) -> None:
    assert "confidential.internal" not in fired(text)


# civility.attack ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Ministeren lyver, når hun siger det, og jeg kan bevise det.",
        "Journalisterne er nogle klovne, synes jeg.",
        "Borgmesteren er en løgner, siger jeg.",
        "The minister is lying about it, I say.",
    ],
)
def test_attacks_on_people_and_bodies(text: str) -> None:
    assert "civility.attack" in fired(text)


@pytest.mark.parametrize(
    "text",
    [
        "Vi bekæmper socialt bedrageri, og jeg er stolt af teamet.",
        "Jeg lyver ikke, når jeg siger, at året var hårdt.",
        '"I er nogle idioter!" råbte en borger. Den tone accepterer jeg ikke.',
        "Straffeloven er klar: Løgn i retten er strafbart, lærte jeg.",
        "Hvilken lortedag! Kaffemaskinen er i stykker, og jeg er træt.",
        "We fight benefit fraud, and I am proud of the team.",
    ],
)
def test_topics_self_talk_and_quotes_are_not_attacks(text: str) -> None:
    assert "civility.attack" not in fired(text)


# tone.personal -----------------------------------------------------------------------------------------
def test_first_person_is_language_aware() -> None:
    assert "tone.personal" in fired("Kære forældre: I har været fantastiske. Tak for jeres tålmodighed.")
    assert "tone.personal" in fired("Ventetiden er nede på 4 min. i gennemsnit. Stærkt gået af teamet!")
    assert "tone.personal" not in fired("Min første uge er gået. Tak for velkomsten.")
    assert "tone.personal" not in fired("What I learned this week: small things matter.")
    assert "tone.personal" in fired("Our council opened a new library this week.")


# readability.lix ---------------------------------------------------------------------------------------
_HARD = (
    "Implementeringen af den tværkommunale digitaliseringsstrategi forudsætter en systematisk "
    "kompetenceudvikling blandt medarbejderne i samtlige forvaltninger, hvilket jeg betragter som afgørende "
    "for organisationens fremtidige konkurrencedygtighed og borgernes oplevelse af sammenhængende services."
)


def test_lix_over_the_threshold_warns_and_short_plain_text_does_not() -> None:
    result = check_post(_HARD)
    assert result.lix > 45 and "readability.lix" in result.rules_fired()
    easy = "Jeg var ude i dag. Vi kørte tolv besøg. Det var en god dag. Tak til Lone og Kim for turen."
    assert check_post(easy).lix < 25 and "readability.lix" not in fired(easy)


def test_lix_ignores_urls_hashtags_and_treats_lines_as_sentences() -> None:
    plain = check_post("Jeg var ude i dag\nVi kørte tolv besøg\nDet var en god dag").lix
    decorated = check_post(
        "Jeg var ude i dag https://www.nordby.dk/nyheder/sundhedsinformationssystemet\n"
        "Vi kørte tolv besøg #Sundhedsinformationssystemet\nDet var en god dag"
    ).lix
    assert plain == decorated


def test_lix_ceiling_comes_from_the_profile_audience() -> None:
    from sendemast.profile import Audience, Profile

    text = (
        "Jeg har i dag talt med medarbejderne fra hjemmeplejen og sygeplejen om sammenhængende forløb. "
        "Jeg blev imponeret af deres engagement og deres mange gode idéer til næste år."
    )
    lix = check_post(text).lix
    assert 25 < lix < 45
    strict = Profile(
        name="A B",
        title="C",
        organisation="D",
        audiences=[Audience(id="borgere", description="x", lix_max=int(lix) - 5)],
    )
    assert "readability.lix" not in fired(text)
    assert "readability.lix" in fired(text, profile=strict, audience="borgere")


# plain.officialese, stance.on_behalf -------------------------------------------------------------------
def test_officialese_comes_with_a_plainer_word() -> None:
    finding = next(
        f
        for f in check_post("Vedrørende mødet kan jeg sige, at det flyttes.").findings
        if f.rule == "plain.officialese"
    )
    assert finding.severity == "info" and finding.suggestion and '"om"' in finding.suggestion
    assert (finding.start, finding.end) == (0, len("Vedrørende"))


def test_opinion_on_policy_needs_on_my_own_behalf() -> None:
    assert "stance.on_behalf" in fired("Jeg mener, at regeringens reform rammer os skævt.")
    assert "stance.on_behalf" not in fired("Jeg mener – på egne vegne – at reformen rammer os skævt.")
    assert "stance.on_behalf" not in fired("Jeg synes, det er fantastisk med så mange frivillige.")
    assert "stance.on_behalf" in fired("I believe the government's budget cuts will hurt.")


# channel rules -----------------------------------------------------------------------------------------
def test_length_is_counted_the_channels_way() -> None:
    long_plain = "Jeg skriver. " * 24  # 312 characters
    assert "channel.length" in fired(long_plain, "x")
    assert "channel.length" not in fired(long_plain, "linkedin")
    with_url = "Jeg skriver. " * 19 + "https://www.nordby.dk/" + "a" * 80  # 349 characters, 23 + 247 on X
    assert "channel.length" not in fired(with_url, "x")
    family = "Jeg er glad 👨‍👩‍👧‍👦 " * 20  # 300 characters, 260 graphemes
    assert len(family) > 300 and "channel.length" not in fired(family, "bluesky")
    result = check_post(long_plain, "x")
    finding = next(f for f in result.findings if f.rule == "channel.length")
    assert finding.severity == "block" and finding.start == 280 and result.length.count == 312


def test_hashtag_count_and_hook() -> None:
    assert "channel.hashtags" in fired("Jeg er stolt. #Tryghed #Nordby", "threads")
    assert "channel.hashtags" not in fired("Jeg er stolt. #Tryghed #Nordby", "linkedin")
    hook = "Jeg " + "har haft en lang og god dag med mange møder og samtaler, " * 4 + "\nTak."
    finding = next(f for f in check_post(hook).findings if f.rule == "channel.hook")
    assert finding.start == 210
    assert "channel.hook" not in fired(hook, "x") - {"channel.length"}


def test_emoji_count_bullets_and_words() -> None:
    assert "access.emoji" in fired("Jeg er glad 🎉 🎉 🎉 🎉")
    assert "access.emoji" in fired("Det lærte jeg:\n✅ Lyt\n✅ Spørg\n✅ Tak")
    assert "access.emoji" in fired("Vi ❤️ vores frivillige, siger jeg.")
    assert "access.emoji" not in fired("Tak for i dag, siger jeg 🙏")


def test_hashtag_case_suggests_camel_case() -> None:
    finding = next(
        f
        for f in check_post("Jeg var ude i dag. #grønomstilling").findings
        if f.rule == "access.hashtag_case"
    )
    assert finding.suggestion == "#GrønOmstilling"
    assert "access.hashtag_case" in fired("I met the team. #publicsector")
    for fine in ("#GrønOmstilling", "#folkeskole", "#dkpol", "#ældrepleje", "#KV25", "#healthcare"):
        assert "access.hashtag_case" not in fired(f"Jeg var ude i dag. {fine}"), fine


# mandate.red_line --------------------------------------------------------------------------------------
def test_red_lines_from_the_profile() -> None:
    from sendemast.profile import Mandate, Profile

    profile = Profile(
        name="A B", title="C", organisation="D", mandate=Mandate(red_lines=["lønforhandlinger"])
    )
    assert "mandate.red_line" in fired("Jeg kan sige lidt om lønforhandlingerne i dag.", profile=profile)
    assert "mandate.red_line" not in fired("Jeg kan sige lidt om lønforhandlingerne i dag.")
