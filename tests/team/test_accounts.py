"""Accounts: argon2id hashes, roles and leaders, login with throttling per name and per address."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from sendemast.team import accounts
from sendemast.team.accounts import ThrottlePolicy, authenticate
from sendemast.team.errors import AccountError, LoginFailed, LoginThrottled
from tests.team.conftest import LEADER_A, PASSWORD


def test_passwords_are_stored_as_argon2id_and_never_shown(db: Any, people: dict[str, Any]) -> None:
    from sqlalchemy import select

    from sendemast.team.models import User

    with db.session() as session:
        hashes = list(session.scalars(select(User.password_hash)))
    assert len(hashes) == 5 and all(h.startswith("$argon2id$") for h in hashes)
    assert len(set(hashes)) == 5  # salted: the same password, five different hashes
    listed = str([u.to_dict() for u in accounts.list_users(db)])
    assert PASSWORD not in listed and "argon2" not in listed


def test_roles_and_leaders_are_validated(db: Any) -> None:
    with pytest.raises(AccountError, match="unknown role"):
        accounts.add_user(db, "x", "boss", PASSWORD)
    with pytest.raises(AccountError, match="needs the leaders"):
        accounts.add_user(db, "x", "adviser", PASSWORD)
    with pytest.raises(AccountError, match="too short"):
        accounts.add_user(db, "x", "admin", "kort")
    with pytest.raises(AccountError, match="not a leader id"):
        accounts.add_user(db, "x", "adviser", PASSWORD, ["../../etc"])
    with pytest.raises(AccountError, match="not a user name"):
        accounts.add_user(db, "<script>", "admin", PASSWORD)
    assert accounts.add_user(db, "Birgitte", "leader", PASSWORD).leaders == {"birgitte"}
    with pytest.raises(AccountError, match="already a user"):
        accounts.add_user(db, "Birgitte", "admin", PASSWORD)
    assert accounts.list_users(db)[0].name == "Birgitte"  # the failed add left nothing behind


def test_login_right_wrong_and_unknown(db: Any, people: dict[str, Any]) -> None:
    assert authenticate(db, "anna", PASSWORD, "10.0.0.1").leaders == {LEADER_A}
    with pytest.raises(LoginFailed) as wrong:
        authenticate(db, "anna", "forkert-kode", "10.0.0.1")
    with pytest.raises(LoginFailed) as unknown:
        authenticate(db, "nobody", PASSWORD, "10.0.0.1")
    assert str(wrong.value) == str(unknown.value)  # names cannot be probed


def test_wrong_passwords_are_throttled_and_the_right_one_works_afterwards(
    db: Any, people: dict[str, Any]
) -> None:
    policy = ThrottlePolicy(per_name=3, per_address=100, window_s=600, lockout_s=60)
    t0 = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    for n in range(3):
        with pytest.raises(LoginFailed):
            authenticate(db, "anna", "forkert", "10.0.0.1", policy=policy, now=t0 + timedelta(seconds=n))
    with pytest.raises(LoginThrottled) as throttled:  # even the right password, from another address
        authenticate(db, "anna", PASSWORD, "10.9.9.9", policy=policy, now=t0 + timedelta(seconds=10))
    assert 0 < throttled.value.retry_after <= 60 and throttled.value.status == 429
    assert authenticate(db, "carl", PASSWORD, "10.0.0.1", policy=policy, now=t0 + timedelta(seconds=10))
    assert authenticate(db, "anna", PASSWORD, "10.0.0.1", policy=policy, now=t0 + timedelta(seconds=70))
    # After a success the count starts again: one wrong password does not lock her out.
    with pytest.raises(LoginFailed):
        authenticate(db, "anna", "forkert", "10.0.0.1", policy=policy, now=t0 + timedelta(seconds=71))
    assert authenticate(db, "anna", PASSWORD, "10.0.0.1", policy=policy, now=t0 + timedelta(seconds=72))


def test_one_address_trying_many_names_is_throttled(db: Any, people: dict[str, Any]) -> None:
    policy = ThrottlePolicy(per_name=100, per_address=4, window_s=600, lockout_s=60)
    t0 = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    for n, name in enumerate(["anna", "carl", "dorte", "jonas"]):
        with pytest.raises(LoginFailed):
            authenticate(db, name, "forkert", "192.0.2.7", policy=policy, now=t0 + timedelta(seconds=n))
    with pytest.raises(LoginThrottled):
        authenticate(db, "birgitte", PASSWORD, "192.0.2.7", policy=policy, now=t0 + timedelta(seconds=5))
    assert authenticate(db, "birgitte", PASSWORD, "192.0.2.8", policy=policy, now=t0 + timedelta(seconds=5))


def test_a_new_password_replaces_the_old_and_ends_sessions(db: Any, people: dict[str, Any]) -> None:
    from sqlalchemy import func, select

    from sendemast.team.models import WebSession

    with db.session() as session:
        session.add(WebSession(token_hash="h" * 64, user_id=people["anna"].id, csrf_token="c",
                               expires_at=datetime.now(UTC) + timedelta(hours=1)))
    accounts.set_password(db, "anna", "et-helt-nyt-ord")
    with pytest.raises(LoginFailed):
        authenticate(db, "anna", PASSWORD, "10.0.0.1")
    assert authenticate(db, "anna", "et-helt-nyt-ord", "10.0.0.1")
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(WebSession)) == 0


def test_removing_a_user_keeps_what_she_did_on_record(db: Any, people: dict[str, Any]) -> None:
    from sendemast.team.posts import create_post, post_record
    from tests.team.conftest import checker_for

    post = create_post(db, people["anna"], LEADER_A, "linkedin", "Et opslag.", checker_for({}))
    accounts.remove_user(db, "anna")
    assert [u.name for u in accounts.list_users(db)] == ["birgitte", "carl", "dorte", "jonas"]
    assert post_record(db, None, post.id)["transitions"][0]["actor"] == "anna"
    with pytest.raises(AccountError, match="no user"):
        accounts.remove_user(db, "anna")


def test_no_password_reaches_a_log(db: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    accounts.add_user(db, "erik", "admin", "ingen-maa-se-mig")
    with pytest.raises(LoginFailed):
        authenticate(db, "erik", "heller-ikke-mig", "10.0.0.1")
    logged = caplog.text
    assert "ingen-maa-se-mig" not in logged and "heller-ikke-mig" not in logged and "$argon2" not in logged


def test_studio_sessions_live_in_the_database_hashed(db: Any, people: dict[str, Any]) -> None:
    from sqlalchemy import select

    from sendemast.team.models import WebSession
    from sendemast.team.sessions import csrf_ok, end_session, find_session, purge_expired, start_session

    t0 = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    token, started = start_session(db, people["anna"], ttl=timedelta(hours=1), now=t0)
    with db.session() as session:
        stored = list(session.scalars(select(WebSession.token_hash)))
    assert stored and token not in stored  # only a digest is kept
    found = find_session(db, token, now=t0 + timedelta(minutes=30))
    assert found is not None and found.account.name == "anna"
    assert csrf_ok(found, started.csrf_token) and not csrf_ok(found, "gæt") and not csrf_ok(found, None)
    assert find_session(db, "not-a-token", now=t0) is None
    assert find_session(db, token, now=t0 + timedelta(hours=2)) is None  # expired, and removed
    token2, _ = start_session(db, people["carl"], now=t0)
    end_session(db, token2)
    assert find_session(db, token2, now=t0) is None
    start_session(db, people["carl"], ttl=timedelta(minutes=1), now=t0)
    assert purge_expired(db, now=t0 + timedelta(minutes=2)) == 1
