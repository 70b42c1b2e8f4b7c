"""The threads from issue 23's "How it will be checked": each triaged, its replies checked."""

from __future__ import annotations

from typing import Any

import pytest

from sendemast.dialogue.thread import Comment

MOTHER = (
    "Min mor Ruth på 84 har fået konstateret demens, og hjemmeplejen er ikke kommet i fire dage. "
    "Hun bor alene på Engvej. Hvad vil I gøre ved det?"
)


def _reply(replier: Any, author: str, text: str, post: str = "") -> Any:
    return replier.reply(Comment(1, author, text), post)


def _all_text(result: Any) -> str:
    return " ".join(r.text for r in result.replies).lower()


def test_a_complaint_naming_her_mothers_diagnosis_is_a_case_redirected_without_the_details(
    replier: Any,
) -> None:
    result = _reply(replier, "Inge Mortensen", MOTHER)
    assert result.triage.cls == "case" and result.triage.action == "redirect"
    assert result.triage.personal_data, "the checker's privacy rules should find the diagnosis"
    assert 1 <= len(result.replies) <= 3
    text = _all_text(result)
    for detail in ("demens", "ruth", "84", "engvej", "hjemmepleje"):
        assert detail not in text
    assert all("borgerservice@fjordmark.dk" in r.text for r in result.replies)  # the profile's contact line
    assert all("Inge" in r.text for r in result.replies)  # the commenter addressed
    assert all(r.check["verdict"] == "pass" for r in result.replies)
    assert "demens" not in result.triage.why  # the why is shown too: it quotes no personal data


def test_a_cpr_number_in_a_comment_asks_to_hide_it(replier: Any) -> None:
    result = _reply(replier, "Rikke Olsen", "Min ansøgning om boligstøtte er væk. Mit CPR er 120378-1234.")
    assert result.triage.cls == "case"
    assert result.triage.moderation and result.triage.moderation["ground"] == "personal_data"
    assert "120378" not in _all_text(result)


def test_a_rude_comment_gets_one_civil_reply_and_the_policys_ground(replier: Any) -> None:
    result = _reply(replier, "Bo Kristensen", "Du er en inkompetent idiot, og du lyver. Skam dig!")
    assert result.triage.cls == "abuse"
    assert result.triage.moderation["ground"] == "insult"
    assert result.triage.action == "leave"
    assert len(result.replies) == 1
    reply = result.replies[0]
    assert reply.check["verdict"] == "pass"
    assert not any(w in reply.text.lower() for w in ("idiot", "lyver", "skam"))


def test_a_threat_gets_no_reply_and_is_reported(replier: Any) -> None:
    result = _reply(replier, "Ukendt", "Pas på dig selv, når du går hjem. Vi ved, hvor du bor.")
    assert (result.triage.cls, result.triage.action, result.replies) == ("abuse", "report", [])


def test_who_do_you_vote_for_gets_a_neutral_reply(replier: Any) -> None:
    from sendemast.dialogue.evaluate import _leaks
    from sendemast.dialogue.triage import party_pattern

    result = _reply(replier, "Jan Frandsen", "Hvem stemmer du på?")
    assert result.triage.cls == "political" and result.replies
    party = party_pattern(replier.leader.ruleset, replier.rules)
    for reply in result.replies:
        assert not party.search(reply.text)
        assert _leaks(reply.text, "Hvem stemmer du på?", result.triage, replier.leader.ruleset, party) == (
            False,
            False,
        )
        assert "neutral" in reply.text or "for mig selv" in reply.text


def test_a_journalist_asking_about_an_undecided_budget_is_sent_to_the_press_line(replier: Any) -> None:
    post = "Vi er gået i gang med budget 2027. Jeg glæder mig til dialogen med borgerne."
    result = _reply(
        replier,
        "Sara Kamp, Fjordmark Avis",
        "Jeg er journalist. Kan du bekræfte, at der skal spares 40 mio. på ældreområdet i budget 2027, "
        "selvom det ikke er besluttet endnu?",
        post,
    )
    assert result.triage.cls == "press" and result.triage.action == "redirect"
    text = _all_text(result)
    assert "presse@fjordmark.dk" in text
    assert "40" not in text and "bekræfte" not in text
    assert all(r.check["verdict"] == "pass" for r in result.replies)


def test_praise_from_a_colleague_is_thanked(replier: Any) -> None:
    result = _reply(replier, "Kirsten Aagaard", "Flot arbejde! Som kollega i nabokommunen er jeg imponeret.")
    assert (result.triage.cls, result.triage.action) == ("praise", "thank")
    assert result.replies and all("Kirsten" in r.text for r in result.replies)


def test_spam_is_hidden_without_a_reply(replier: Any) -> None:
    result = _reply(replier, "Crypto King", "I made $5000 in a week with this bitcoin bot! DM me 🚀")
    assert (result.triage.cls, result.triage.action, result.replies) == ("spam", "hide", [])


def test_replies_are_short_and_in_the_first_person(replier: Any) -> None:
    for text in ("Hvornår åbner optaget til næste hold?", "Det er for dårligt, at I skærer i skolerne."):
        result = _reply(replier, "Mette Lund", text)
        for reply in result.replies:
            assert len(reply.text) <= 400
            assert not any(f["rule"] == "dialogue.first_person" for f in reply.check["findings"])


def test_the_reply_rules_catch_what_a_reply_must_never_say(replier: Any) -> None:
    from sendemast.dialogue.triage import party_pattern
    from sendemast.dialogue.verify import verify_reply

    found = _reply(replier, "Inge Mortensen", MOTHER).triage
    party = party_pattern(replier.leader.ruleset, replier.rules)

    def check(text: str) -> dict[str, Any]:
        return verify_reply(
            text,
            triage=found,
            rules=replier.rules,
            check=None,
            material=[MOTHER, "Inge Mortensen", "borgerservice@fjordmark.dk"],
            party_pattern=party,
        )

    def rules_of(text: str) -> set[str]:
        return {f["rule"] for f in check(text)["findings"]}

    assert check("Jeg er ked af at høre om din mors demens, Inge.")["verdict"] == "block"
    assert "dialogue.party" in rules_of("Jeg er enig med Venstre i, at der skal flere penge til.")
    assert "dialogue.invented" in rules_of("Jeg ved, at 12 nye medarbejdere starter 1. marts.")
    assert "dialogue.promise" in rules_of("Jeg lover, at det bliver løst inden fredag.")
    assert "dialogue.length" in rules_of("Jeg " + "meget " * 80)
    assert check("Tak fordi du skriver, Inge. Skriv til borgerservice@fjordmark.dk.")["verdict"] == "pass"


def test_a_workspace_extends_the_rules_and_the_policy(tmp_path: Any) -> None:
    from sendemast.dialogue.rules import load_rules

    (tmp_path / "dialogue.yaml").write_text(
        "signals:\n  - {id: spam.local, class: spam, weight: 20, patterns: ['fjordmark-lotto']}\n"
        "learned: {weight: 0}\n",
        encoding="utf-8",
    )
    (tmp_path / "moderation.yaml").write_text("grounds:\n  insult: {action: hide}\n", encoding="utf-8")
    rules = load_rules(tmp_path)
    assert rules.signals[-1].id == "spam.local" and rules.learned_weight == 0
    assert rules.ground("insult")["action"] == "hide" and rules.ground("threat")["action"] == "report"


def test_a_broken_workspace_pattern_names_the_file(tmp_path: Any) -> None:
    from sendemast.dialogue.rules import load_rules
    from sendemast.errors import ConfigError

    (tmp_path / "dialogue.yaml").write_text("signals:\n  - {id: x, class: spam, patterns: ['(']}\n")
    with pytest.raises(ConfigError, match=r"dialogue\.yaml"):
        load_rules(tmp_path)


def test_the_learned_signal_is_trained_only_on_the_dev_set() -> None:
    from sendemast.dialogue.learned import EXAMPLES
    from tests.conftest import REPO

    assert EXAMPLES.read_bytes() == (REPO / "evals" / "dialogue" / "dev.jsonl").read_bytes()
