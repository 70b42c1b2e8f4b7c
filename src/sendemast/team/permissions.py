"""Who may do what: one function, asked at every object (CLI, library and web alike).

``can(user, action, target)`` where ``target`` is a post (anything with a ``leader`` attribute) or a
leader id. The rules:

- **leader** — her own posts (the leader ids on her account, normally one): view, create, edit, submit,
  withdraw, publish, comment. She does not approve her own posts: that is the point of the path.
- **adviser** — the same, for the leaders assigned to her.
- **approver** — for the leaders assigned to her: view, comment, approve, request changes.
- **admin** — everything, and managing accounts and quiet periods started at once.

A user who may not ``view`` a post must be told it does not exist (:class:`~sendemast.team.errors.NotFound`),
never that it is forbidden: that would tell her it is there.
"""

from __future__ import annotations

from typing import Any, Literal

from sendemast.team.accounts import Account

Action = Literal[
    "view", "create", "edit", "submit", "withdraw", "publish", "publish_unapproved", "comment", "approve",
    "request_changes", "manage_users", "manage_quiet",
]
ACTIONS: tuple[str, ...] = Action.__args__  # type: ignore[attr-defined]

_BY_ROLE: dict[str, frozenset[str]] = {
    "leader": frozenset({"view", "create", "edit", "submit", "withdraw", "publish", "publish_unapproved",
                         "comment"}),
    "adviser": frozenset({"view", "create", "edit", "submit", "withdraw", "publish", "publish_unapproved",
                          "comment"}),
    "approver": frozenset({"view", "comment", "approve", "request_changes"}),
}


def can(user: Account | None, action: str, target: Any = None) -> bool:
    """Whether ``user`` may do ``action`` to ``target`` (a post, a leader id, or None for actions on the
    whole installation such as ``manage_users``). Unknown actions and anonymous users get False."""
    if user is None or action not in ACTIONS:
        return False
    if user.role == "admin":
        return True
    if action in ("manage_users", "manage_quiet"):
        return False
    leader = target if isinstance(target, str) else getattr(target, "leader", None)
    if not isinstance(leader, str):
        return False
    return leader in user.leaders and action in _BY_ROLE.get(user.role, frozenset())


def visible_leaders(user: Account) -> frozenset[str] | None:
    """The leaders whose posts ``user`` may view, or None for all (an admin): for filtering lists in
    the query, consistent with :func:`can`."""
    if user.role == "admin":
        return None
    return user.leaders if "view" in _BY_ROLE.get(user.role, frozenset()) else frozenset()
