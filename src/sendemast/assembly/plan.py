"""The plan of a workspace's leader: the glue between a workspace (her posts, notes, quiet periods in
the team database, channel figures) and :func:`sendemast.planning.make_plan`.

The leader is the workspace's (``Workspace.leader(id)``): an organisation plans per leader, from her own
profile, posts and notes, with the shared values documents.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sendemast.errors import UsageError

if TYPE_CHECKING:
    from sendemast.planning.models import Plan
    from sendemast.profile import Profile
    from sendemast.workspace import Workspace


def slug(name: str) -> str:
    # æ, ø and å have no decomposition: spell them out the Danish way before the accents go
    spelled = name.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    ascii_only = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-") or "leader"


def leader_id(workspace: Workspace, requested: str | None = None) -> str:
    """The id of the leader to plan for: ``--leader``, else the workspace's default leader (one clear
    error listing the leaders when that is ambiguous or unknown)."""
    return workspace.leader(requested).id


def today_in(workspace: Workspace, given: str | None = None) -> dt.date:
    """``--today`` (YYYY-MM-DD), else today's date in the workspace's time zone."""
    if given is None:
        return dt.datetime.now(ZoneInfo(workspace.settings.timezone)).date()
    try:
        return dt.date.fromisoformat(given)
    except ValueError:
        raise UsageError(f"--today {given!r} is not a date (use YYYY-MM-DD)") from None


def plan_for(
    workspace: Workspace,
    *,
    weeks: int | None = None,
    today: dt.date | None = None,
    leader: str | None = None,
    save: bool = True,
    retriever: Any = None,
) -> Plan:
    """The plan of the workspace's leader for ``weeks`` weeks (None: ``DEFAULT_WEEKS``; more than
    ``MAX_WEEKS`` is a UsageError before any work), saved for ``draft --slot`` unless ``save`` is False.
    ``retriever``: the leader's, when the caller keeps one open (opening one loads the embedder)."""
    from sendemast.planning.core import DEFAULT_WEEKS, check_weeks, make_plan
    from sendemast.planning.inputs import load_notes, load_posts, values_passages
    from sendemast.planning.store import save_plan

    weeks = check_weeks(DEFAULT_WEEKS if weeks is None else weeks)
    chosen = workspace.leader(leader)
    who = chosen.id
    profile: Profile = with_started_quiet_periods(workspace, who, chosen.profile)
    posts, warnings = load_posts(workspace, chosen)
    passages, more = values_passages(workspace, profile, chosen, retriever)
    evidence, more = _evidence(workspace, chosen, posts, more)
    plan = make_plan(
        profile,
        posts,
        today=today or today_in(workspace),
        timezone=workspace.settings.timezone,
        weeks=weeks,
        passages=passages,
        notes=load_notes(workspace, chosen),
        leader=who,
        warnings=[*warnings, *more],
        evidence=evidence,
    )
    if save:
        save_plan(workspace.state_dir, plan)
    return plan


def with_started_quiet_periods(workspace: Workspace, leader: str, profile: Profile) -> Profile:
    """``profile`` with the quiet periods started at once in the team database (``sendemast quiet
    start``) beside its planned ones, so the plan leaves those days empty too."""
    from sendemast.errors import SendemastError
    from sendemast.profile import QuietPeriod
    from sendemast.team.db import open_workspace_database
    from sendemast.team.quiet import started_periods

    try:
        started = started_periods(open_workspace_database(workspace), leader=leader)
    except SendemastError:  # no usable team database: the profile's periods still hold
        return profile
    extra = [QuietPeriod(start=dt.date.fromisoformat(p["start"]), end=dt.date.fromisoformat(p["until"]),
                         reason=p["reason"]) for p in started]
    if not extra:
        return profile
    return profile.model_copy(update={"quiet_periods": [*profile.quiet_periods, *extra]})


def _evidence(workspace: Workspace, leader: Any, posts: list[Any],
              warnings: list[str]) -> tuple[Any, list[str]]:
    """What the leader's figures say (``sendemast stats``); unreadable figures are a warning, not a stop."""
    from sendemast.errors import SendemastError
    from sendemast.stats.evidence import plan_evidence

    try:
        return plan_evidence(workspace, leader, posts), warnings
    except SendemastError as exc:
        return None, [*warnings, f"the channel statistics were left out: {exc.one_line()}"]
