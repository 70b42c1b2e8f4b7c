"""The team path for replies and the record of moderation actions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sendemast.errors import UsageError
from sendemast.team.errors import Forbidden, NotFound, TransitionError
from tests.support.cli import run_cli

PASS = {"verdict": "pass", "findings": []}


@pytest.fixture
def people(db: Any) -> dict[str, Any]:
    from sendemast.team.accounts import add_user

    return {
        "anna": add_user(db, "anna", "adviser", "korrekt-hest-batteri", ["birgitte"]),
        "carl": add_user(db, "carl", "approver", "korrekt-hest-batteri", ["birgitte"]),
        "bo": add_user(db, "bo", "adviser", "korrekt-hest-batteri", ["hanne"]),
    }


def _save(db: Any, user: Any, cls: str) -> dict[str, Any]:
    from sendemast.dialogue.record import save_reply

    return save_reply(
        db, user, "birgitte", author="Inge", comment="…", cls=cls, text="Tak, Inge.", check=PASS
    )


def test_a_reply_to_a_case_is_sent_only_after_approval(db: Any, people: dict[str, Any]) -> None:
    from sendemast.dialogue.record import step_reply

    anna, carl = people["anna"], people["carl"]
    reply = _save(db, anna, "case")
    assert reply["sensitive"] and reply["status"] == "draft"
    with pytest.raises(TransitionError, match="approved before"):
        step_reply(db, anna, reply["id"], "send")
    step_reply(db, anna, reply["id"], "submit")
    with pytest.raises(Forbidden):
        step_reply(db, anna, reply["id"], "approve")  # an adviser does not approve
    approved = step_reply(db, carl, reply["id"], "approve")
    assert approved["approved_by"] == "carl" and approved["approved_at"]
    sent = step_reply(db, anna, reply["id"], "send")
    assert (sent["status"], sent["sent_by"]) == ("sent", "anna")


def test_a_thank_you_may_be_marked_sent_at_once(db: Any, people: dict[str, Any]) -> None:
    from sendemast.dialogue.record import step_reply

    reply = _save(db, people["anna"], "praise")
    assert not reply["sensitive"]
    assert step_reply(db, people["anna"], reply["id"], "send")["status"] == "sent"


def test_another_leaders_adviser_sees_nothing(db: Any, people: dict[str, Any]) -> None:
    from sendemast.dialogue.record import leader_record, save_reply, step_reply

    reply = _save(db, people["anna"], "question")
    with pytest.raises(NotFound):
        step_reply(db, people["bo"], reply["id"], "send")
    with pytest.raises(NotFound):
        leader_record(db, people["bo"], "birgitte")
    with pytest.raises(NotFound):
        save_reply(db, people["bo"], "birgitte", author="x", comment="x", cls="praise", text="x", check=PASS)


def test_a_blocked_reply_cannot_be_saved(db: Any, people: dict[str, Any]) -> None:
    from sendemast.dialogue.record import save_reply

    with pytest.raises(UsageError, match="block"):
        save_reply(
            db,
            people["anna"],
            "birgitte",
            author="x",
            comment="x",
            cls="case",
            text="x",
            check={"verdict": "block", "findings": []},
        )


def test_moderation_needs_a_policy_ground_and_for_a_block_a_reason(db: Any, people: dict[str, Any]) -> None:
    from sendemast.dialogue.record import leader_record, record_moderation
    from sendemast.dialogue.rules import load_rules

    rules = load_rules()
    anna = people["anna"]
    with pytest.raises(UsageError, match="not a ground"):
        record_moderation(db, anna, "birgitte", rules, action="hidden", ground="rude")
    with pytest.raises(UsageError, match="reason"):
        record_moderation(db, anna, "birgitte", rules, action="blocked", ground="threat")
    with pytest.raises(UsageError, match="unknown moderation action"):
        record_moderation(db, anna, "birgitte", rules, action="shadowbanned", ground="spam")
    done = record_moderation(
        db,
        anna,
        "birgitte",
        rules,
        action="blocked",
        ground="threat",
        reason="Gentagne trusler efter advarsel",
        author="Ukendt",
        comment="Vi ved, hvor du bor.",
    )
    assert (done["actor"], done["ground"], done["action"]) == ("anna", "threat", "blocked") and done["at"]
    record = leader_record(db, people["carl"], "birgitte")
    assert [m["reason"] for m in record["moderation"]] == ["Gentagne trusler efter advarsel"]


def test_save_from_the_cli_and_the_record(example_workspace: Path, capsys: Any, monkeypatch: Any) -> None:
    thread = "Inge Mortensen: Min mor har demens og har ikke fået hjælp.\n\nKirsten: Flot arbejde!"
    root = str(example_workspace)
    code, out, err = run_cli(
        capsys, monkeypatch, "-w", root, "reply", thread, "--comment", "1", "--save", "1", "--json"
    )
    assert code == 0, err
    saved = json.loads(out)
    assert saved["class"] == "case" and saved["sensitive"] and "demens" not in saved["text"]
    code, _, err = run_cli(capsys, monkeypatch, "-w", root, "dialogue", "sent", str(saved["id"]))
    assert code == 1 and "approved before" in err
    code, _, err = run_cli(
        capsys,
        monkeypatch,
        "-w",
        root,
        "dialogue",
        "moderate",
        "--action",
        "hidden",
        "--ground",
        "spam",
        "--author",
        "Crypto King",
        "--comment",
        "DM me",
    )
    assert code == 0, err
    code, out, _ = run_cli(capsys, monkeypatch, "-w", root, "dialogue", "record", "--json")
    record = json.loads(out)
    assert [r["status"] for r in record["replies"]] == ["draft"]
    assert [(m["action"], m["ground"], m["actor"]) for m in record["moderation"]] == [
        ("hidden", "spam", "cli")
    ]
