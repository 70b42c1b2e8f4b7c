"""Facts of an original that a rewrite must keep: numbers, dates, names, URLs."""

from __future__ import annotations

from sendemast.drafting.facts import (
    distinct_facts,
    extract_facts,
    fact_findings,
    fact_survives,
    missing_facts,
)

PRESS = (
    "Fjordmark Kommune åbner den 1. marts 2026 plejecentret Havbakken i Bredstrand med 40 boliger. "
    "Byggeriet har kostet 212,5 mio. kr. og skaber 1.200 arbejdstimer. Læs mere på "
    "https://fjordmark.dk/havbakken. Borgmester Jens Kjær deltager kl. 14.00."
)


def kinds(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in extract_facts(text):
        out.setdefault(f.kind, []).append(f.text)
    return out


def test_extracts_each_kind() -> None:
    found = kinds(PRESS)
    assert found["date"] == ["1. marts 2026", "kl. 14.00"]
    assert found["number"] == ["40", "212,5", "1.200"]
    assert found["url"] == ["https://fjordmark.dk/havbakken"]
    assert {"Fjordmark Kommune", "Havbakken", "Bredstrand", "Borgmester Jens Kjær"} <= set(found["name"])


def test_sentence_initial_words_and_list_numbers_are_not_facts() -> None:
    found = kinds("Vi glæder os. Det bliver godt.\n1. Første punkt\n2. Andet punkt")
    assert found == {}


def test_a_faithful_rewrite_loses_nothing_even_when_formatted_differently() -> None:
    rewrite = (
        "Jeg glæder mig: 01-03-2026 åbner vi Havbakken i Bredstrand – fyrre? Nej, 40 boliger! "
        "212,5 mio. kr. og 1200 arbejdstimer. Jens Kjær kommer kl. 14.00. Fjordmark Kommunes "
        "nye plejecenter: fjordmark.dk/havbakken"
    )
    assert missing_facts(PRESS, rewrite) == []


def test_lost_facts_become_review_findings() -> None:
    rewrite = "Jeg glæder mig til at åbne Havbakken i Bredstrand med 40 boliger den 1. marts 2026."
    lost = {f.text for f in missing_facts(PRESS, rewrite)}
    assert lost == {
        "Fjordmark Kommune",
        "212,5",
        "1.200",
        "https://fjordmark.dk/havbakken",
        "Borgmester Jens Kjær",
        "kl. 14.00",
    }
    findings = fact_findings(PRESS, rewrite, "da")
    assert {f["rule"] for f in findings} == {"rewrite.fact_lost"}
    assert {f["severity"] for f in findings} == {"review"}
    assert any("212,5" in f["message"] for f in findings)


def test_a_changed_year_is_a_lost_date() -> None:
    assert [f.text for f in missing_facts("Vi åbner 1. marts 2026.", "Vi åbner 1. marts 2027.")] == [
        "1. marts 2026"
    ]


def test_number_words_count_as_the_number() -> None:
    assert missing_facts("Vi har 3 nye huse.", "Vi har tre nye huse.") == []


def test_month_and_year_is_one_date_not_a_day() -> None:
    # "oktober 2027" once matched as the day "oktober 20" followed by a stray "27".
    from sendemast.drafting.facts import extract_facts

    assert [(f.kind, f.text) for f in extract_facts("Vi åbner i oktober 2027.")] == [("date", "oktober 2027")]


def test_a_time_and_a_number_run_together_are_neither_kept() -> None:
    """Notes "kl. 16: 48 mm regn" drafted as "Kl. 16:48 mm regn" lost both facts and invented a time
    (found reading fresh drafts): a time of day is its hours and minutes, not its digits anywhere."""
    from sendemast.drafting.accounting import account_facts

    notes = "- kl. 16: 48 mm regn på en time\n- 12 kældre oversvømmet"
    run_together = account_facts(notes, "Kl. 16:48 mm regn på en time. 12 kældre blev oversvømmet.")
    assert {f.label for f in run_together.missing} == {"kl. 16", "48 mm"}
    assert [f.text for f in run_together.invented] == ["Kl. 16:48"]
    for kept in ("Klokken 16 faldt der 48 mm regn på en time, og 12 kældre blev oversvømmet.",
                 "Kl. 16.00 faldt der 48 mm regn, og 12 kældre blev oversvømmet."):
        account = account_facts(notes, kept)
        assert not account.missing and not account.invented, kept


def test_a_phone_number_is_one_fact_however_it_is_spaced() -> None:
    """ "70 10 20 30" was four numbers, the last with the unit "hverdage": a sentence that kept the line
    word for word lost and invented it at once, and the line was dropped from the draft."""
    note = "ring til visitationen på tlf. 70 10 20 30 hverdage kl. 8-12"
    facts = distinct_facts(note)
    assert [(f.kind, f.text) for f in facts] == [("phone", "70 10 20 30"), ("date", "kl. 8-12")]
    assert all(fact_survives(f, "Ring til visitationen på 70102030 kl. 8-12.") for f in facts)
    assert not fact_survives(facts[0], "Ring på 70 10 20 31.")
    assert [f.kind for f in distinct_facts("i 2024 2025")] == ["number", "number"]  # two years, no phone
