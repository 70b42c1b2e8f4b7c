"""The composer: each model sentence is verified, a failing one is replaced by the note's own sentence,
and the draft records which is which."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sendemast.drafting import run
from sendemast.drafting.chain import build_chain
from sendemast.drafting.compose import plan_post
from sendemast.drafting.events import DraftEvent
from sendemast.drafting.facts import distinct_facts, fact_survives
from sendemast.drafting.notes import Point
from sendemast.drafting.sentences import judge_sentence, plain_sentence
from sendemast.drafting.types import DraftRequest
from sendemast.models import get_model

NOTES = (
    "# Noter: besøg på Plejecenter Engbo\n"
    "- Besøg tirsdag på Plejecenter Engbo i Egeslev med plejepersonalet i Afsnit Øst.\n"
    "- Vasketoiletter i alle 48 boliger og 6 loftlifte.\n"
    "- internt: budgettet er ikke vedtaget – nævn det ikke\n"
    "- Tak til terapeuterne i Afsnit Øst."
)
SMALL = "fake/small-completion-queue"


def test_a_sentence_must_keep_every_fact_and_add_none() -> None:
    note = "Vasketoiletter i alle 48 boliger og 6 loftlifte."
    kwargs: dict[str, Any] = {"lang": "da", "known": {"jeg", "har", "set", "vi"}}
    assert judge_sentence("Jeg har set vasketoiletter i alle 48 boliger og 6 loftlifte.", note, **kwargs).ok
    lost = judge_sentence("Jeg har set vasketoiletter i alle 48 boliger.", note, **kwargs)
    assert not lost.ok and lost.reason == "lost 6 loftlifte"
    added = judge_sentence(
        "Jeg har set vasketoiletter i alle 48 boliger og 6 loftlifte i Nordby.", note, **kwargs
    )
    assert not added.ok and added.reason == "added Nordby"
    garbled = judge_sentence(
        "Jeg har set englepleje med vasketoiletter i alle 48 boliger og 6 loftlifte.", note, **kwargs
    )
    assert not garbled.ok and "englepleje" in garbled.reason


def test_a_sentence_must_keep_the_meaning_and_the_voice() -> None:
    note = "Nogle beboere vil ikke bruge vasketoilettet – det respekteres."
    kwargs: dict[str, Any] = {"lang": "da", "known": {"jeg", "gerne", "vil"}}
    assert (
        judge_sentence(
            "Nogle beboere vil gerne bruge vasketoilettet – det respekteres.", note, **kwargs
        ).reason
        == "lost a negation"
    )
    assert not judge_sentence("Det respekteres.", note, **kwargs).ok
    third = judge_sentence(
        "Birgitte Vang Holst ved, at nogle beboere ikke vil bruge vasketoilettet – det respekteres.",
        note,
        lang="da",
        known={"ved", "at"},
        self_names=["Birgitte Vang Holst"],
        support="Birgitte Vang Holst, Kommunaldirektør",
    )
    assert not third.ok and "third person" in third.reason


def test_a_sentence_may_frame_a_note_but_not_swap_its_subject() -> None:
    kwargs: dict[str, Any] = {"known": {"jeg", "var", "i", "can", "get"}}
    assert judge_sentence(
        "Jeg kan få hjælp til MitID af kommunens frivillige.",
        "Borgere kan få hjælp til MitID af kommunens frivillige.",
        lang="da",
        **kwargs,
    ).reason == ("put the leader in the place of the note's subject")
    assert (
        judge_sentence(
            "I will deliver the cloudburst plan adopted on 12 March 2026.",
            "The unit will deliver the cloudburst plan adopted on 12 March 2026.",
            lang="en",
            **kwargs,
        ).reason
        == "put the leader in the place of the note's subject"
    )
    assert judge_sentence(
        "Jeg var tirsdag på Plejecenter Engbo med plejepersonalet.",
        "Besøg tirsdag på Plejecenter Engbo med plejepersonalet.",
        lang="da",
        **kwargs,
    ).ok


def test_plain_sentences_are_clean_and_faithful() -> None:
    assert plain_sentence(
        "personalet: færre løft; forflytningsvejlederen anslår ca. 10 færre løft pr. vagt"
    ) == ("Personalet: færre løft. Forflytningsvejlederen anslår ca. 10 færre løft pr. vagt.")
    assert plain_sentence("Spørgsmål til læserne: Hvad fik dig til at søge job hos os?") == (
        "Hvad fik dig til at søge job hos os?"
    )


def test_the_plan_keeps_the_writers_order_and_ends_with_thanks() -> None:
    points = [
        Point("Kort møde i går.", 1),
        Point("Vi har 62 unge i sommerjob, 9 er nu studentermedhjælpere.", 2),
        Point("Tak til HR-teamet.", 3),
        Point("Hvad fik dig til at søge dit første job?", 4),
    ]
    plan = plan_post(points)
    # the first note opens the post even where a later one has more facts: it says what happened
    assert plan.hook.line == 1
    assert [p.line for p in plan.body] == [2]
    assert [p.line for p in plan.closing] == [3, 4]
    # a thanks first in the notes still closes the post
    assert plan_post([Point("Tak til HR-teamet.", 9), *points[:2]]).hook.line == 1


def _drafting(make_job: Callable[..., Any], outputs: list[str], notes: str = NOTES) -> Any:
    model = get_model(SMALL)
    model.enqueue(*outputs)  # type: ignore[attr-defined]
    return build_chain().invoke(make_job(notes, model=SMALL))


def test_bad_model_sentences_are_replaced_by_the_notes_and_recorded(make_job: Callable[..., Any]) -> None:
    job = _drafting(
        make_job,
        [
            # the hook is a sentence in the notes already, and stands without the model (readings 11 to 15);
            # three candidates for the fragment, each refused (loses 6 loftlifte, garbled): the note stands in
            "Vi har 48 boliger med englepleje.",
            "Vi har 48 boliger med englepleje.",
            "Vi har 48 boliger med englepleje.",
        ],
    )
    draft = job.drafts[0]
    origins = [(c["role"], c["origin"]) for c in draft.composition]
    # the thanks is a note's line the rules make a sentence of: the model is not asked for it
    assert origins == [("hook", "notes"), ("body", "notes"), ("closing", "rules")]
    assert not draft.composition[0].get("rejected")  # the model was not asked, so nothing was refused
    assert "Jeg vil gerne sige tak til terapeuterne i Afsnit Øst." in draft.text
    assert "Vasketoiletter i alle 48 boliger og 6 loftlifte." in draft.text
    assert "englepleje" not in draft.text and "Nordby" not in draft.text and "budget" not in draft.text
    assert draft.facts["missing"] == [] and draft.facts["invented"] == []
    assert draft.composition[1]["rejected"].startswith("lost 6 loftlifte")
    assert job.variants == 1


def test_only_a_crisis_gets_a_fixed_opening(make_job: Callable[..., Any]) -> None:
    """A blind reader cut the fixed "Jeg vil gerne dele et par ting, som har fyldt hos mig" from nearly
    every draft; without the model's or the leader's own opening, the first note opens the post. A crisis
    keeps its fact-free "overblik" line, which the reader found fitting."""
    notes = NOTES.replace("- Besøg tirsdag på", "- Åbent hus tirsdag på")  # no "jeg" anywhere
    job = _drafting(make_job, ["x"] * 20, notes)  # every sentence unusable
    draft = job.drafts[0]
    assert {c["origin"] for c in draft.composition} == {"notes", "rules"}  # no template, no model
    assert draft.text.startswith("Der er åbent hus tirsdag på Plejecenter Engbo")  # the rules gave it a verb
    assert draft.facts["coverage"] == 1.0
    crisis = ("# Stormflod\n- stormflodsvarsel for Egeslev i nat, vandstand op til 1,8 m\n"
              "- sandsække på Havnegade 4 kl. 7-19\n- tak til beredskabet")
    draft = _drafting(make_job, ["x"] * 20, crisis).drafts[0]
    assert draft.composition[0]["role"] == "opening" and draft.composition[0]["origin"] == "template"
    assert draft.text.startswith("Jeg vil gerne give dig et klart overblik")


def test_a_visit_note_opens_in_the_first_person_without_a_fixed_opening(make_job: Callable[..., Any]) -> None:
    job = _drafting(make_job, ["x", "x", "x", "x", "x", "x", "x", "x"])  # every model sentence is unusable
    draft = job.drafts[0]
    assert draft.text.startswith("Jeg var på besøg tirsdag på Plejecenter Engbo")
    assert all(c["origin"] in ("notes", "rules") for c in draft.composition)  # no template sentence at all
    assert draft.facts["coverage"] == 1.0


def test_events_stream_only_accepted_sentences_with_the_step_in_words(profile: Any) -> None:
    events: list[DraftEvent] = []
    result = run(
        DraftRequest(text=NOTES),
        model=get_model("fake/small-completion-draft"),
        profile=profile,
        on_event=events.append,
    )
    kinds = [e.kind for e in events]
    # never the raw words of a sentence that may still be refused: only settled sentences
    assert "token" not in kinds and "sentence" in kinds
    steps = [e.step for e in events if e.kind == "step"]
    assert "write_hook" in steps and "write_body" in steps
    first_write = next(i for i, e in enumerate(events) if e.kind == "step" and e.step.startswith("write_"))
    assert first_write < kinds.index("sentence") < kinds.index("draft") < kinds.index("done")
    assert kinds[-1] == "done" and events[-1].data["drafts"][0]["text"] == result.drafts[0].text
    settled = [e.text for e in events if e.kind == "sentence"]
    assert all(s in result.drafts[0].text for s in settled)


def test_a_plain_sentence_writes_out_note_shorthand_and_keeps_every_fact() -> None:
    """The blind reading marked notes pasted with arrows and abbreviations as unusable; written out they
    read as a sentence, and the facts account finds nothing lost or added."""
    from sendemast.drafting.accounting import account_facts

    cases = {
        "ventetid genoptræning 9 uger → 4 uger siden jan., tak til terapeuterne":
            "Ventetid genoptræning fra 9 uger til 4 uger siden januar, tak til terapeuterne.",
        "konf. Digital Velfærd Nord, panel m. 3 kommuner: AI kræver klare regler":
            "Konferencen Digital Velfærd Nord, panel med 3 kommuner: AI kræver klare regler.",
        "distrikt Nord ift. nye ruteplaner → 12 min. mindre kørsel pr. vagt":
            "Distrikt Nord i forhold til nye ruteplaner – 12 minutter mindre kørsel pr. vagt.",
        "ventetiden ca. 11 mdr., ikke godt nok": "Ventetiden ca. 11 måneder, ikke godt nok.",
        "højde 3 m. over havet": "Højde 3 m. over havet.",  # a metre stays a metre
        "Besøg tirsdag kl. 13-15 på Engbo": "Jeg var på besøg tirsdag kl. 13-15 på Engbo.",
        "Besøg af ministeren på rådhuset torsdag": "Besøg af ministeren på rådhuset torsdag.",  # not hers
    }
    for note, expected in cases.items():
        assert plain_sentence(note) == expected
        account = account_facts(note, expected)
        assert not account.missing and not account.invented, note
    # and the other way round: a model that writes the unit out keeps the note's "mdr."
    assert not account_facts("ventetid 11 mdr.", "Ventetiden er 11 måneder.").missing


def test_the_leader_put_in_the_notes_subject_is_refused_in_any_tense() -> None:
    """Read in a fresh demo draft: "Engbo tester …" came back as "Jeg testede …" — the leader doing what
    the care home does. The same verb in another tense is the same swap when the subject is a name."""
    from sendemast.drafting.sentences import _swapped_subject

    def unknown(words: Any) -> set[str]:  # a dictionary that knows the common nouns, not the name
        return {w for w in words if w not in {"kommunen", "borgere", "vagtcentralen"}}

    note = 'Engbo tester "Tryg i eget hjem"-løsninger: vasketoiletter i alle 48 boliger'
    swapped = 'Jeg testede "Tryg i eget hjem" løsninger: vasketoiletter i alle 48 boliger'
    assert _swapped_subject(note, swapped, "da", unknown)
    assert _swapped_subject(note, 'Jeg tester "Tryg i eget hjem"-løsninger i alle 48 boliger', "da", unknown)
    assert not _swapped_subject("Besøg tirsdag på Engbo", "Jeg besøgte Engbo tirsdag", "da", unknown)
    # an institution's voice turned into the leader's is what a rewrite is for
    rewrite = ("Kommunen beklager forsinkelsen.", "Jeg beklagede forsinkelsen.")
    assert not _swapped_subject(*rewrite, "da", unknown)


def test_a_sentence_that_drops_the_thanks_of_its_note_is_refused() -> None:
    """Read in a fresh demo draft: "Tak til plejepersonalet og terapeuterne i Afsnit Øst." came back as
    "Jeg har været glad for at have haft en god hverdag med plejepersonalet og terapeuterne i Afsnit Øst."."""
    note = "Tak til plejepersonalet og terapeuterne i Afsnit Øst."
    dropped = ("Jeg har været glad for at have haft en god hverdag med plejepersonalet og terapeuterne i "
               "Afsnit Øst.")
    kept = "Jeg vil gerne takke plejepersonalet og terapeuterne i Afsnit Øst."
    known = {"jeg", "har", "været", "glad", "for", "at", "have", "haft", "en", "god", "hverdag", "med", "vil",
             "gerne", "takke"}
    assert judge_sentence(dropped, note, lang="da", known=known).reason == "lost the thanks"
    assert judge_sentence(kept, note, lang="da", known=known).ok


def test_note_lines_that_are_no_sentences_become_a_list_in_a_linkedin_post(
    make_job: Callable[..., Any],
) -> None:
    """A body line made from the notes that has no verb reads as a note posing as a sentence; two or more
    of them are set out as a list, where the first stood."""
    notes = (
        "- Besøg tirsdag på Plejecenter Engbo i Egeslev med plejepersonalet.\n"
        "- budget overholdt og færdig 2 måneder før tid\n"
        "- morgenmadsklub på 6 skoler og fast kontaktlærer\n"
        "- Tak til terapeuterne i Afsnit Øst."
    )
    job = _drafting(make_job, ["x"] * 20, notes=notes)  # every model sentence refused: the notes stand in
    text = job.drafts[0].text
    listed = "– Budget overholdt og færdig 2 måneder før tid\n– Morgenmadsklub på 6 skoler og fast"
    assert listed in text
    assert text.index("Engbo") < text.index("– Budget overholdt") < text.index("tak til terapeuterne")


def test_a_cut_off_or_lower_case_model_sentence_is_refused() -> None:
    kwargs: dict[str, Any] = {"lang": "da", "known": {"vi", "har", "et", "godt"}}
    note = "Vi har fået 2 nye kolleger i jobcentret."
    cut = "Vi har fået 2 nye kolleger i jobcentret, og det har vist sig at have et godt"
    assert judge_sentence(cut, note, **kwargs).reason == "unfinished"
    assert judge_sentence("vi har fået 2 nye kolleger i jobcentret.", note, **kwargs).reason == (
        "starts in lower case")
    question = "spm. til netværket: hvordan fastholder I nye kolleger?"
    assert judge_sentence("Jeg vil fortælle, hvordan I fastholder nye kolleger.", question,
                          lang="da", known={"jeg", "vil", "fortælle"}).reason == "lost the note's question"


def test_a_model_sentence_its_own_base_model_finds_improbable_is_refused() -> None:
    from sendemast.drafting.sentences import LIKELIHOOD_MIN, judge_likelihood

    class Scorer:
        def __init__(self, score: float | None) -> None:
            self.score = score

        def likelihood(self, note: str, sentence: str) -> float | None:
            return self.score

    assert judge_likelihood(Scorer(LIKELIHOOD_MIN - 0.5), "note", "sætning").startswith("improbable")
    assert judge_likelihood(Scorer(LIKELIHOOD_MIN + 0.5), "note", "sætning") == ""
    assert judge_likelihood(Scorer(None), "note", "sætning") == ""  # a model that cannot say is not judged


def test_a_burst_water_main_is_a_crisis_but_an_old_fire_station_is_not() -> None:
    crisis = [Point("vandledningsbrud på Søvej i nat, 300 husstande uden vand", 1),
              Point("tankvogn kl. 8", 2)]
    assert plan_post(crisis).kind == "crisis"
    assert plan_post([Point("branden på genbrugspladsen er under kontrol", 1)]).kind == "crisis"
    club = [Point("ny ungdomsklub i den gl. brandstation på Møllevej", 1), Point("brud på traditionen", 2)]
    assert plan_post(club).kind == "default"
    thanks = [Point("tak til alle der holdt sygehuset kørende under IT-nedbruddet", 1),
              Point("41 timer uden elektronisk patientjournal", 2)]
    assert plan_post(thanks).kind == "default"  # a thanks looking back on an outage is no crisis update


def test_a_plain_sentence_writes_out_more_shorthand_and_stops_shouting() -> None:
    """Read in set 8's drafts: "v. Mikkel Sand", "u. 30", "kvalitetsafd.", "TAK", "SAMMEN", "prev.", "!!"."""
    assert plain_sentence("TAK til IT-vagten v. Mikkel Sand", "da") == "Tak til IT-vagten ved Mikkel Sand."
    assert plain_sentence("proceduren laves SAMMEN med personalet (kvalitetsafd.)", "da") == \
        "Proceduren laves sammen med personalet (kvalitetsafdelingen)."
    assert plain_sentence("ledige u. 30: før: 412 – nu: 287", "da") == "Ledige under 30: fra 412 til 287."
    assert plain_sentence("CPR-numre og NATO", "da") == "CPR-numre og NATO."  # abbreviations keep capitals
    assert plain_sentence("48,300 visitors (prev. record 29,000) – thank you!!", "en") == \
        "48,300 visitors (previous record 29,000) – thank you!"


def test_a_basin_against_cloudbursts_and_a_talk_on_warnings_are_no_crisis() -> None:
    """Read in set 11: both drafts opened on "Jeg vil gerne give dig et klart overblik over, hvad vi ved lige
    nu", the crisis opening; the crisis words stood in a later point, about what the basin or talk is for."""
    basin = [Point("Sivmosebassinet færdigt: plads til 38.000 m³ regnvand", 1),
             Point("beskytter ca. 650 boliger mod oversvømmelse ved skybrud", 2)]
    assert plan_post(basin).kind == "default"
    talk = [Point("Speaking at Nordic Coastal Resilience Forum, 24 Sept", 1),
            Point("topic: how 4 municipalities share one storm surge warning system", 2)]
    assert plan_post(talk).kind == "default"
    water = [Point("kogeanbefaling for ca. 2.300 husstande", 1), Point("årsag: bakterier", 2)]
    assert plan_post(water).kind == "crisis"


def test_advice_to_the_reader_is_kept_first_when_a_short_post_must_lose_something(
    make_job: Callable[..., Any],
) -> None:
    """Read in set 14: an X storm post kept the wind speed and the crews and left out what to do."""
    notes = ("- stormvarsel: vindstød op til 32 m/s fra tirs. kl. 18 til ons. morgen\n"
             "- 40 frivillige + 6 mandskabsvogne i beredskab\n"
             "- råd: bind trampoliner og havemøbler fast, bliv inde under stormen, undgå kystvejen\n"
             "- ring kun 112 ved fare for liv – ellers følg med her\n")
    model = get_model(SMALL)
    model.enqueue(*(["x"] * 30))  # type: ignore[attr-defined]
    job = build_chain().invoke(make_job(notes, model=SMALL, channel="x"))
    text = job.drafts[0].text
    assert "Bind trampoliner og havemøbler fast" in text and "Ring kun 112" in text
    assert "Der er bind" not in text  # advice is no thing "there is"


def test_one_minute_written_out_is_the_notes_fact() -> None:
    """Read in set 14: "kog vandet i min. 1 min." written "1 minut" counted as invented, and the sentence
    that told citizens to boil their water was removed from the post."""
    note = "kog vandet i min. 1 min., før du drikker det"
    written = "Kog vandet i min. 1 minut, før du drikker det."
    assert all(fact_survives(f, note) for f in distinct_facts(written))
