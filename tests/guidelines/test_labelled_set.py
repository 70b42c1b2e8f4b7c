"""The labelled posts: well-formed, covering every rule both ways, and the checker's quality on them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from sendemast.guidelines import load_ruleset
from sendemast.guidelines.meta import HELDOUT_PREFIX, evaluate, load_labelled

LABELLED = Path(__file__).resolve().parents[2] / "evals" / "labelled"
BLOCK_REVIEW = {r for r in load_ruleset().rules if load_ruleset().severity(r) in ("block", "review")}


@pytest.fixture(scope="module")
def splits():  # type: ignore[no-untyped-def]
    return evaluate(LABELLED)


def test_the_set_is_large_enough_and_well_formed() -> None:
    posts = load_labelled(LABELLED)
    assert len(posts) >= 400
    ids = Counter(post["id"] for _, _, post in posts)
    assert not [i for i, n in ids.items() if n > 1]
    heldout = sum(1 for name, _, _ in posts if name.startswith(HELDOUT_PREFIX))
    assert heldout >= 0.2 * len(posts)
    languages = {("en" if " the " in f" {p['text']} " else "da") for _, _, p in posts}
    assert languages == {"da", "en"}


def test_every_rule_is_hit_and_missed_somewhere() -> None:
    rules = set(load_ruleset().rules) - {"mandate.red_line"}  # needs a profile; tested in the unit tests
    posts = [post for _, _, post in load_labelled(LABELLED)]
    positives = Counter(rule for post in posts for rule in post.get("expect") or [])
    assert rules <= set(positives), rules - set(positives)
    for rule in rules:
        assert sum(1 for post in posts if rule not in (post.get("expect") or [])) > 0


def test_block_and_review_rules_reach_the_goal_on_the_development_set(splits) -> None:  # type: ignore[no-untyped-def]
    combined = splits["dev"].combined(BLOCK_REVIEW)
    assert combined.precision is not None and combined.precision >= 0.9
    assert combined.recall is not None and combined.recall >= 0.9


def test_held_out_quality_has_a_floor(splits) -> None:  # type: ignore[no-untyped-def]
    # a floor against regressions, below the goal: the held-out set is not tuned against
    combined = splits["heldout"].combined(BLOCK_REVIEW)
    assert combined.precision is not None and combined.precision >= 0.8
    assert combined.recall is not None and combined.recall >= 0.8


def test_the_fresh_held_out_set_reaches_the_goal(splits) -> None:  # type: ignore[no-untyped-def]
    # heldout-3.yaml: 125 posts written before the rules of issue 11 were changed, not tuned against
    assert splits["heldout-3"].posts >= 120
    combined = splits["heldout-3"].combined(BLOCK_REVIEW)
    assert combined.precision is not None and combined.precision >= 0.95
    assert combined.recall is not None and combined.recall >= 0.95
