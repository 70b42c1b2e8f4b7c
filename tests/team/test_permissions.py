"""One permission function, asked at every object: the table of who may do what."""

from __future__ import annotations

import pytest

from sendemast.team.accounts import Account
from sendemast.team.permissions import ACTIONS, can, visible_leaders

A, B = "birgitte-vang-holst", "jonas-krogh"
leader = Account(1, "birgitte", "leader", frozenset({A}))
adviser = Account(2, "anna", "adviser", frozenset({A}))
approver = Account(3, "carl", "approver", frozenset({A}))
admin = Account(4, "dorte", "admin", frozenset())

EDITING = {"view", "create", "edit", "submit", "withdraw", "publish", "publish_unapproved", "comment"}
APPROVING = {"view", "comment", "approve", "request_changes"}


@pytest.mark.parametrize(
    ("user", "allowed_for_a"),
    [(leader, EDITING), (adviser, EDITING), (approver, APPROVING), (admin, set(ACTIONS))],
)
def test_each_role_may_do_exactly_its_actions(user: Account, allowed_for_a: set[str]) -> None:
    assert {a for a in ACTIONS if can(user, a, A)} == allowed_for_a

    class Post:  # anything with a leader attribute is a target
        leader = B

    on_b = {a for a in ACTIONS if can(user, a, Post())}
    assert on_b == (set(ACTIONS) if user is admin else set())


def test_no_one_approves_her_own_posts_but_an_admin() -> None:
    assert not can(leader, "approve", A) and not can(adviser, "approve", A)


def test_anonymous_unknown_actions_and_odd_targets_are_refused() -> None:
    assert not can(None, "view", A)
    assert not can(admin, "drop_tables", A)
    assert not can(adviser, "view", None) and not can(adviser, "view", 42)
    assert not can(adviser, "manage_users") and can(admin, "manage_users")


def test_visible_leaders_agrees_with_can() -> None:
    assert visible_leaders(adviser) == {A} and visible_leaders(admin) is None
