"""Rules register here by decorator; the checker runs every enabled one. A rule is a function of a post."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sendemast.guidelines.engine.model import Finding
    from sendemast.guidelines.engine.post import Post

RuleCheck = Callable[["Post"], "Iterable[Finding]"]
RULES: dict[str, RuleCheck] = {}


def rule(rule_id: str) -> Callable[[RuleCheck], RuleCheck]:
    """Register ``check`` as the implementation of ``rule_id`` (ids are part of the interface)."""

    def register(check: RuleCheck) -> RuleCheck:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id!r} is registered twice")
        RULES[rule_id] = check
        return check

    return register
