"""Fixtures for the team layer: a fresh SQLite team database with a few Fjordmark accounts."""

from __future__ import annotations

from typing import Any

import pytest

LEADER_A = "birgitte"  # kommunaldirektør, Fjordmark Kommune (fictional; the example workspace's root leader)
LEADER_B = "hanne"  # direktør for Sundhed og Omsorg, Fjordmark Kommune (fictional; leaders/hanne)
PASSWORD = "korrekt-hest-batteri"


def checker_for(verdicts: dict[str, str]) -> Any:
    """A checker giving the verdict of the first key found in the text (else pass), like the real one's
    to_dict(): a finding per non-pass verdict."""

    def check(text: str, channel: str, leader: str, source: str | None = None, source_kind: str = "notes",
              capacity: str | None = None) -> dict[str, Any]:
        for word, verdict in verdicts.items():
            if word in text:
                return {"verdict": verdict,
                        "findings": [{"rule": f"test.{verdict}", "severity": verdict, "message": word}]}
        return {"verdict": "pass", "findings": []}

    return check


@pytest.fixture
def people(db: Any) -> dict[str, Any]:
    from sendemast.team.accounts import add_user

    return {
        "birgitte": add_user(db, "birgitte", "leader", PASSWORD, [LEADER_A]),
        "jonas": add_user(db, "jonas", "leader", PASSWORD, [LEADER_B]),
        "anna": add_user(db, "anna", "adviser", PASSWORD, [LEADER_A]),
        "carl": add_user(db, "carl", "approver", PASSWORD, [LEADER_A]),
        "dorte": add_user(db, "dorte", "admin", PASSWORD),
    }
