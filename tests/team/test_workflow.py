"""The approval path: every step with its gates, its record and its permission, and no lost update."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from sendemast.errors import UsageError
from sendemast.team.approval import take_step
from sendemast.team.errors import Forbidden, NotFound, PostConflict, TransitionError
from sendemast.team.posts import add_comment, create_post, get_post, list_posts, post_record, save_text
from tests.team.conftest import LEADER_A, LEADER_B, checker_for

CHECK = checker_for({"CPR": "block", "Venstre": "review"})


def draft(db: Any, user: Any, text: str = "Vi åbner 40 nye boliger i Bredstrand.",
          leader: str = LEADER_A) -> Any:
    return create_post(db, user, leader, "linkedin", text, CHECK)


def test_the_whole_path_is_recorded_with_who_and_when(db: Any, people: dict[str, Any]) -> None:
    anna, carl = people["anna"], people["carl"]
    post = draft(db, anna)
    assert post.status == "kladde" and post.version == 1 and post.created_by == "anna"
    take_step(db, anna, post.id, "submit")
    back = take_step(db, carl, post.id, "request_changes", reason="Nævn beboerne først.").post
    assert back.status == "aendringer_oensket"
    edited = save_text(db, anna, post.id, "Beboerne i Bredstrand får 40 nye boliger.", 1, CHECK)
    assert edited.version == 2
    take_step(db, anna, post.id, "submit", version=2)
    approved = take_step(db, carl, post.id, "approve").post
    assert approved.status == "godkendt" and approved.approved_version == 2
    published = take_step(db, people["birgitte"], post.id, "publish",
                          url="https://www.linkedin.com/posts/bvh-1", published_on=date(2026, 11, 30)).post
    assert published.status == "udgivet" and published.published_on == date(2026, 11, 30)

    record = post_record(db, anna, post.id)
    assert [(t["action"], t["actor"], t["to"]) for t in record["transitions"]] == [
        ("create", "anna", "kladde"),
        ("submit", "anna", "til_godkendelse"),
        ("request_changes", "carl", "aendringer_oensket"),
        ("submit", "anna", "til_godkendelse"),
        ("approve", "carl", "godkendt"),
        ("publish", "birgitte", "udgivet"),
    ]
    assert all(t["created_at"] for t in record["transitions"])
    assert record["comments"][0] == {**record["comments"][0], "actor": "carl", "text": "Nævn beboerne først."}
    assert [v["version"] for v in record["versions"]] == [1, 2]
    with pytest.raises(TransitionError):  # udgivet is final
        take_step(db, anna, post.id, "withdraw")


def test_a_blocked_post_cannot_be_approved_and_a_review_needs_a_reason(
    db: Any, people: dict[str, Any]
) -> None:
    anna, carl = people["anna"], people["carl"]
    blocked = draft(db, anna, "Borgerens CPR står i sagen.")
    take_step(db, anna, blocked.id, "submit")
    with pytest.raises(TransitionError, match="cannot be approved"):
        take_step(db, carl, blocked.id, "approve", reason="Jeg tager ansvaret")
    assert get_post(db, carl, blocked.id).status == "til_godkendelse"

    review = draft(db, anna, "Jeg er enig med Venstre i, at skolerne skal styrkes.")
    take_step(db, anna, review.id, "submit")
    with pytest.raises(TransitionError, match="a person must approve"):
        take_step(db, carl, review.id, "approve")
    done = take_step(db, carl, review.id, "approve", reason="Aftalt med borgmesteren; det er et citat.")
    assert done.post.status == "godkendt"
    assert post_record(db, carl, review.id)["transitions"][-1]["reason"].startswith("Aftalt")


def test_the_check_is_run_again_at_approval(db: Any, people: dict[str, Any]) -> None:
    anna, carl = people["anna"], people["carl"]
    post = draft(db, anna, "Et CPR-nummer, som den gamle regel ikke så.")
    assert post.verdict == "block"
    post = create_post(db, anna, LEADER_A, "linkedin", "Et CPR-nummer her.", checker_for({}))
    take_step(db, anna, post.id, "submit")
    with pytest.raises(TransitionError, match="blocks"):
        take_step(db, carl, post.id, "approve", checker=CHECK)  # the rules of today decide


def test_steps_need_the_right_status_role_and_reason(db: Any, people: dict[str, Any]) -> None:
    anna, carl, birgitte = people["anna"], people["carl"], people["birgitte"]
    post = draft(db, anna)
    with pytest.raises(TransitionError, match="needs til godkendelse"):
        take_step(db, carl, post.id, "approve")
    take_step(db, anna, post.id, "submit")
    with pytest.raises(Forbidden):
        take_step(db, birgitte, post.id, "approve")  # not her own
    with pytest.raises(Forbidden):
        save_text(db, carl, post.id, "Approvers do not edit.", 1, CHECK)
    with pytest.raises(TransitionError, match="only a kladde"):
        save_text(db, anna, post.id, "Not while it is submitted.", 1, CHECK)
    with pytest.raises(TransitionError, match="needs a reason"):
        take_step(db, carl, post.id, "request_changes")
    take_step(db, carl, post.id, "approve")
    with pytest.raises(UsageError, match="--url"):
        take_step(db, anna, post.id, "publish", url="javascript:alert(1)", published_on=date(2026, 1, 1))
    with pytest.raises(UsageError, match="--date"):
        take_step(db, anna, post.id, "publish", url="https://x.com/a/status/1")
    withdrawn = take_step(db, anna, post.id, "withdraw").post
    assert withdrawn.status == "kladde" and withdrawn.approved_version is None


def test_an_adviser_never_sees_another_leaders_posts(db: Any, people: dict[str, Any]) -> None:
    anna, jonas = people["anna"], people["jonas"]
    hers = draft(db, anna)
    other = draft(db, jonas, "Ny legeplads ved Søndervang Skole.", leader=LEADER_B)
    assert [p.id for p in list_posts(db, anna)] == [hers.id]
    assert list_posts(db, anna, leader=LEADER_B) == []
    for attempt in (
        lambda: get_post(db, anna, other.id),
        lambda: post_record(db, anna, other.id),
        lambda: save_text(db, anna, other.id, "Overtaget.", 1, CHECK),
        lambda: add_comment(db, anna, other.id, "Hej"),
        lambda: take_step(db, anna, other.id, "submit"),
        lambda: get_post(db, anna, 999_999),
    ):
        with pytest.raises(NotFound, match="no post"):  # the same answer as for a post that does not exist
            attempt()
    with pytest.raises(Forbidden):
        create_post(db, anna, LEADER_B, "linkedin", "Til en anden leder.", CHECK)
    assert {p.id for p in list_posts(db, people["dorte"])} == {hers.id, other.id}
    assert [p.id for p in list_posts(db, jonas, status="kladde")] == [other.id]


def test_a_stale_save_is_refused_with_the_others_version(db: Any, people: dict[str, Any]) -> None:
    anna, birgitte = people["anna"], people["birgitte"]
    post = draft(db, anna)
    save_text(db, birgitte, post.id, "Birgittes udgave.", post.version, CHECK)
    with pytest.raises(PostConflict) as conflict:
        save_text(db, anna, post.id, "Annas udgave.", post.version, CHECK)
    assert conflict.value.current["version"] == 2
    assert conflict.value.current["text"] == "Birgittes udgave."
    assert conflict.value.current["updated_by"] == "birgitte"
    assert "changed by birgitte" in str(conflict.value)
    assert get_post(db, anna, post.id).text == "Birgittes udgave."
    with pytest.raises(PostConflict):  # a step based on what she saw is refused as well
        take_step(db, anna, post.id, "submit", version=1)


def test_a_draft_by_an_account_becomes_her_post_only_for_her_leaders(
    db: Any, people: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    from sendemast.team.history import HistoryStore

    def finished(store: HistoryStore) -> dict[str, Any]:
        entry = store.start("draft", {"text": "- noter"}, "fake/draft")
        entry.update(status="ok", outputs=[{"text": "Et opslag om Bredstrand.", "channel": "linkedin",
                                            "check": {"verdict": "pass", "findings": []}}])
        store.save(entry)
        return store.get(entry["id"])

    mine = finished(HistoryStore(db, leader=LEADER_A, user=people["anna"]))
    post = get_post(db, people["anna"], mine["post_id"])
    assert post.created_by == "anna" and post.history_id == mine["id"] and post.status == "kladde"
    # For a leader she is not assigned to, the entry is kept but no post is made, and it says so.
    other = finished(HistoryStore(db, leader=LEADER_B, user=people["anna"]))
    assert "post_id" not in other and other["status"] == "ok"
    assert "did not become a post" in caplog.text
    assert [p.leader for p in list_posts(db, None)] == [LEADER_A]
