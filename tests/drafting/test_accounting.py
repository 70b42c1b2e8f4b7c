"""Fact accounting: kept, missing and invented facts, and the verdict they force."""

from __future__ import annotations

from sendemast.drafting.accounting import account_facts, fact_findings, raise_verdict
from sendemast.drafting.facts import distinct_facts

NOTES = (
    "- Besøg tirsdag kl. 13-15 på Plejecenter Engbo i Egeslev.\n"
    '- Engbo tester "Tryg i eget hjem": vasketoiletter i alle 48 boliger og 6 loftlifte.\n'
    "- Mål i Strategi 2030: 40 % bruger velfærdsteknologi i 2027 (nu 31 %).\n"
    "- Se mere på fjordmark.dk/engbo"
)


def test_numbers_carry_units_quotes_and_programmes_are_facts() -> None:
    labels = [f.label for f in distinct_facts(NOTES)]
    for fact in (
        "tirsdag",
        "kl. 13-15",
        "Plejecenter Engbo",
        "Egeslev",
        "Tryg i eget hjem",
        "48 boliger",
        "6 loftlifte",
        "Strategi 2030",
        "40 %",
        "31 %",
        "fjordmark.dk/engbo",
    ):
        assert fact in labels, fact


def test_a_number_with_the_wrong_unit_is_not_kept() -> None:
    account = account_facts("- 48 boliger og 6 loftlifte", "Vi har 48 loftlifte og seks loftlifte.")
    assert [f.label for f in account.missing] == ["48 boliger"]
    assert [f.label for f in account.kept] == ["6 loftlifte"]


def test_invented_facts_are_those_without_any_source() -> None:
    draft = (
        "I tirsdags var jeg på Plejecenter Engbo i Egeslev. Ring på 70 20 30 40 – det kostede 148 mio. kr."
    )
    account = account_facts(NOTES, draft, support=["Fjordmark Kommune, Birgitte Vang Holst"])
    invented = {f.label for f in account.invented}
    assert "148 mio" in " ".join(invented) or any("148" in label for label in invented)
    assert not {"Plejecenter Engbo", "Egeslev"} & invented
    assert 0 < account.coverage < 0.5


def test_a_weak_draft_is_never_pass() -> None:
    account = account_facts(NOTES, "Jeg var på besøg i dag. Tak til alle for en god dag.")
    check = {"verdict": "pass", "findings": []}
    raise_verdict(check, fact_findings(account, "Jeg var på besøg.", "da", 0.6))
    assert check["verdict"] == "review"
    assert {f["rule"] for f in check["findings"]} == {"draft.fact_missing"}
    assert account.summary("da").startswith(
        f"0 af {account.total} fakta fra noterne er med; mangler: tirsdag"
    )


def test_above_the_floor_missing_facts_only_warn_and_invented_always_review() -> None:
    notes = "- 48 boliger\n- 6 loftlifte\n- besøg i Egeslev"
    account = account_facts(notes, "Jeg så 48 boliger og 6 loftlifte.")
    findings = fact_findings(account, "x", "da", 0.6)
    assert [(f["rule"], f["severity"]) for f in findings] == [("draft.fact_missing", "warn")]
    invented = account_facts(notes, "Jeg så 48 boliger, 6 loftlifte i Egeslev og Nordby.")
    findings = fact_findings(invented, "x", "en", 0.6)
    assert [(f["rule"], f["severity"]) for f in findings] == [("draft.invented", "review")]
    assert "Nordby" in findings[0]["message"]


def test_placeholders_are_not_facts() -> None:
    assert account_facts("- borger [CPR] ringede", "Jeg talte med en borger.").total == 0
