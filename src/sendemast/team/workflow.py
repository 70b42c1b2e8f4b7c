"""The approval path as data: statuses, the steps between them, and who may take each step.

    kladde ──submit──▶ til_godkendelse ──approve──▶ godkendt ──publish──▶ udgivet
      ▲                  │        ▲                    │
      └────withdraw──────┘        └──submit── aendringer_oensket ◀──request_changes── (til_godkendelse)
      ▲                                                │
      └──────────────────────withdraw──────────────────┘ (from godkendt too)

Text is edited only in ``kladde`` and ``aendringer_oensket``: an approval is of one version, so a
changed text must be submitted again. ``udgivet`` is final (sendemast never posts; the URL and date of
the real post are entered by hand). ``publish_unapproved`` records a post that went out without
approval: its public record then says "ingen redaktionel godkendelse".
"""

from __future__ import annotations

from dataclasses import dataclass

KLADDE = "kladde"
TIL_GODKENDELSE = "til_godkendelse"
AENDRINGER_OENSKET = "aendringer_oensket"
GODKENDT = "godkendt"
UDGIVET = "udgivet"

STATUSES: tuple[str, ...] = (KLADDE, TIL_GODKENDELSE, AENDRINGER_OENSKET, GODKENDT, UDGIVET)
LABELS: dict[str, dict[str, str]] = {
    KLADDE: {"da": "kladde", "en": "draft"},
    TIL_GODKENDELSE: {"da": "til godkendelse", "en": "submitted"},
    AENDRINGER_OENSKET: {"da": "ændringer ønsket", "en": "changes requested"},
    GODKENDT: {"da": "godkendt", "en": "approved"},
    UDGIVET: {"da": "udgivet", "en": "published"},
}
EDITABLE = frozenset({KLADDE, AENDRINGER_OENSKET})


@dataclass(frozen=True)
class Step:
    action: str  # also the permission asked (see permissions.can)
    sources: frozenset[str]
    target: str
    needs_reason: bool = False


STEPS: dict[str, Step] = {
    s.action: s
    for s in (
        Step("submit", frozenset({KLADDE, AENDRINGER_OENSKET}), TIL_GODKENDELSE),
        Step("request_changes", frozenset({TIL_GODKENDELSE}), AENDRINGER_OENSKET, needs_reason=True),
        Step("approve", frozenset({TIL_GODKENDELSE}), GODKENDT),
        Step("withdraw", frozenset({TIL_GODKENDELSE, GODKENDT}), KLADDE),
        Step("publish", frozenset({GODKENDT}), UDGIVET),
        # a post that went out without a person's editorial approval: allowed (a leader may speak without
        # one), but its record says so, and the studio offers the AI-assistance disclosure line
        Step("publish_unapproved", frozenset({KLADDE, AENDRINGER_OENSKET, TIL_GODKENDELSE}), UDGIVET),
    )
}


def status_id(value: str) -> str:
    """A status from its id or its Danish or English label (``"til godkendelse"``, ``"submitted"``)."""
    from sendemast.team.errors import AccountError

    wanted = " ".join(value.strip().lower().replace("_", " ").split())
    for status, labels in LABELS.items():
        if wanted in (status.replace("_", " "), labels["da"], labels["en"]):
            return status
    raise AccountError(f"unknown status {value!r} (expected {', '.join(STATUSES)})")
