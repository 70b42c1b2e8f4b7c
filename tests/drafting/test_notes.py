"""The notes' reader: post material, instructions to the writer, and what must stay out of a post."""

from __future__ import annotations

from sendemast.drafting.notes import Instruction, read_notes, violated
from sendemast.guidelines.engine.checker import find_personal_data

NOTES = """# Noter: åbning af legepladsen i Egeslev

- Vi åbner den nye legeplads i Egeslev lørdag kl. 10 – 14 nye legeredskaber.
- internt: budgettet er ikke vedtaget – nævn det ikke
- husk: ingen billeder af børnene
- Til kommunikation: send udkastet til Mette inden fredag
- NB: tjek stavningen af "Legeland"
- Tak til Jens Hansen, der er tilbage efter sygemelding med stress, og til hele vejteamet.
- Borgeren 120385-0006 har skrevet om klagen.
- Ingen spekulation om økonomi eller forsinkelser.
"""


def test_material_instructions_and_title_are_told_apart() -> None:
    read = read_notes(NOTES, find_personal_data)
    assert read.title == "åbning af legepladsen i Egeslev"
    points = [p.text for p in read.points]
    assert points[0].startswith("Vi åbner den nye legeplads i Egeslev lørdag kl. 10")
    texts = " ".join(i.text for i in read.instructions)
    for remark in ("budgettet", "billeder af børnene", "send udkastet til Mette", "Legeland", "spekulation"):
        assert remark in texts
        assert all(remark not in p for p in points)


def test_checkable_instructions_know_what_they_forbid() -> None:
    read = read_notes(NOTES, find_personal_data)
    forbids = {phrase for i in read.instructions for phrase in i.forbids}
    assert {"budgettet er ikke vedtaget", "økonomi", "forsinkelser"} <= forbids
    photos = next(i for i in read.instructions if "billeder" in i.text)
    assert photos.forbids == ()  # about pictures: not checkable in the text


def test_a_violated_instruction_is_found_in_inflected_form() -> None:
    rule = Instruction(
        "internt: budgettet er ikke vedtaget – nævn det ikke", 2, ("budgettet er ikke vedtaget",)
    )
    assert violated(rule, "Budgettet for legepladsen er endnu ikke vedtaget, men vi åbner.")
    assert not violated(rule, "Vi åbner legepladsen lørdag.")


def test_a_persons_health_detail_is_cut_and_the_thanks_kept() -> None:
    read = read_notes(NOTES, find_personal_data)
    thanks = next(p.text for p in read.points if p.text.startswith("Tak til Jens"))
    assert "sygemelding" not in thanks and "stress" not in thanks
    assert "Jens Hansen" in thanks and "vejteamet" in thanks
    assert any(o.reason == "privacy.sensitive" and "sygemelding" in o.text for o in read.omissions)


def test_a_cpr_number_never_becomes_material() -> None:
    read = read_notes(NOTES, find_personal_data)
    assert all("120385" not in p.text for p in read.points)
    assert [o.reason for o in read.omissions if o.reason == "privacy.cpr"] == ["privacy.cpr"]


def test_english_notes_and_prose_notes() -> None:
    read = read_notes(
        "Visited the harbour team on Tuesday. Do not mention the budget cuts. Thanks to the 12 divers.\n"
        "Note to self: ask Lise for photos"
    )
    assert [p.text for p in read.points] == ["Visited the harbour team on Tuesday. Thanks to the 12 divers."]
    assert len(read.instructions) == 2
    assert read.instructions[0].forbids == ("the budget cuts",)


def test_the_issues_own_example_becomes_a_plain_thank_you() -> None:
    read = read_notes(
        "- Tak til Jens, der er tilbage efter sin knæoperation, og til hele holdet.\n"
        "- Tak til Karen fra hjemmeplejen, der har været indlagt.",
        find_personal_data,
    )
    assert [p.text for p in read.points] == [
        "Tak til Jens, og til hele holdet.",
        "Tak til Karen fra hjemmeplejen.",
    ]
    assert [o.text for o in read.omissions] == [
        "der er tilbage efter sin knæoperation",
        "der har været indlagt.",
    ]


def test_a_remark_in_brackets_is_for_the_writer_and_can_keep_its_line_out() -> None:
    read = read_notes(
        "- gennemsnitlig ventetid nu 11 uger (var 19 uger)\n"
        "- forventet ventetid 8 uger ved årsskiftet (intern: tal ikke godkendt endnu – udelad)\n"
        "- besøg på Plejecenter Engbo (NB: spørg om billeder først)\n"
    )
    texts = [p.text for p in read.points]
    assert texts == ["gennemsnitlig ventetid nu 11 uger (var 19 uger)", "besøg på Plejecenter Engbo"]
    assert not any("8 uger" in t or "intern" in t for t in texts)
    assert [i.text for i in read.instructions] == [
        "(intern: tal ikke godkendt endnu – udelad)", "(NB: spørg om billeder først)"
    ]
    assert [(o.text, o.reason) for o in read.omissions] == [
        ("forventet ventetid 8 uger ved årsskiftet", "instruction")
    ]


def test_a_request_to_leave_something_out_is_an_instruction_in_either_language() -> None:
    """A held-out English draft published "Pls leave out the arbitration case with Kalkbro Entreprise"."""
    notes = read_notes(
        "- new North Quay finished 3 wks ahead of schedule\n"
        "- pls leave out the arbitration case w/ Kalkbro Entreprise\n"
        "- udelad sagen om budgetoverskridelsen\n"
    )
    assert [p.text for p in notes.points] == ["new North Quay finished 3 wks ahead of schedule"]
    assert [i.forbids for i in notes.instructions] == [
        ("the arbitration case w/ Kalkbro Entreprise",), ("sagen om budgetoverskridelsen",)
    ]


def test_a_line_marked_not_for_the_post_never_becomes_material() -> None:
    """Both lines were published by a held-out draft (reading 8) before their labels were known."""
    notes = read_notes(
        "- 41 timer uden elektronisk patientjournal\n"
        "- MÅ IKKE MED: leverandøren risikerer dagbøder\n"
        "- internal, don't post: the foundation has pulled its 2025 grant\n"
    )
    assert [p.text for p in notes.points] == ["41 timer uden elektronisk patientjournal"]
    assert len(notes.instructions) == 2


def test_a_remark_to_someone_before_its_colon_is_the_whole_line() -> None:
    """Set 9 published both: the first because "m." split the line, the second because "OBS Lise:" named
    a person before its colon."""
    notes = read_notes(
        "- energirenovering færdig: 212 lejligheder\n"
        "- NB ikke med i opslaget: tvisten m. Kvist & Søn om ekstraregningen – ligger hos advokaten\n"
        "- OBS Lise: frafaldstallet fra pilotholdet (23 %) holder vi internt til evalueringen er klar\n"
    )
    assert [p.text for p in notes.points] == ["energirenovering færdig: 212 lejligheder"]
    assert len(notes.instructions) == 2
