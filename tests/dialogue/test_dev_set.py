"""The labelled set's shape, and the goals measured on it (the held-out figure is measured separately)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from sendemast.dialogue.rules import CLASSES
from tests.conftest import REPO

DEV = REPO / "evals" / "dialogue" / "dev.jsonl"
FIELDS = {"id", "lang", "post", "author", "text", "class", "personal_data"}


def test_the_dev_set_is_well_formed_and_covers_every_class() -> None:
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 120
    assert all(set(r) >= FIELDS and r["class"] in CLASSES and r["lang"] in ("da", "en") for r in rows)
    assert len({r["id"] for r in rows}) == len(rows)
    counts = Counter(r["class"] for r in rows)
    assert set(counts) == set(CLASSES) and min(counts.values()) >= 12
    assert Counter(r["lang"] for r in rows)["en"] >= 40


def test_goals_on_the_dev_set(replier: Any) -> None:
    from sendemast.dialogue.evaluate import evaluate_set

    report = evaluate_set(DEV, replier)
    # the rules and the learned signal were built on this set: a floor against regressions, not a claim
    assert report["accuracy"] >= 0.95
    assert report["repeat_personal_data"] == 0 and report["party_side"] == 0 and report["over_length"] == 0
