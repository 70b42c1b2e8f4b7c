"""A leader's tools, assembled once from the workspace: the one place that does so.

:class:`Organisation` holds what every leader shares (the workspace's rules) and one
:class:`LeaderContext` per leader, built on first use: her profile, the guideline check bound to her
profile and the rules, her index and her history. The CLI, the studio (its pages, its live-check
workers and the approval view), the team commands and the evaluation harness all get them here, so no
face can check one leader's post against another leader's profile.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from sendemast.errors import ConfigError

if TYPE_CHECKING:
    from sendemast.drafting.style import StyleCard
    from sendemast.guidelines import CheckResult, Ruleset
    from sendemast.guidelines.engine.paragraphs import ParagraphCache
    from sendemast.leaders import Leader
    from sendemast.profile import Profile
    from sendemast.retrieval.hybrid import HybridRetriever
    from sendemast.stats import StatsReport
    from sendemast.team.accounts import Account
    from sendemast.team.db import Database
    from sendemast.team.history import HistoryStore
    from sendemast.team.quiet import QuietGate
    from sendemast.workspace import Workspace


def workspace_ruleset(workspace: Workspace) -> Ruleset:
    """The checker's rules, with the workspace's overrides (``[checker] rules``) when it names a file."""
    from sendemast.guidelines import load_ruleset

    path = workspace.settings.checker.rules
    return load_ruleset(workspace.path(path) if path else None)


def _stamp(path: os.PathLike[str]) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return -1


class LeaderContext:
    """One leader's profile, the workspace's rules and what is bound to them. Cheap to make: the
    profile is read on first use (and again when its file changes), her index opened on first use."""

    def __init__(self, workspace: Workspace, leader: Leader, ruleset: Ruleset) -> None:
        self.workspace = workspace
        self.leader = leader
        self.ruleset = ruleset
        self._lock = threading.Lock()
        self._profile: tuple[int, Profile | None, ConfigError | None] | None = None
        self._paragraphs: tuple[Profile | None, ParagraphCache] | None = None

    @property
    def id(self) -> str:
        return self.leader.id

    def _read(self) -> tuple[Profile | None, ConfigError | None]:
        # One stat per call: a long-running studio sees an edited profile at the next check, as its
        # pages do, without re-reading the YAML every time.
        stamp = _stamp(self.leader.profile_path)
        cached = self._profile
        if cached is None or cached[0] != stamp:
            with self._lock:
                cached = self._profile
                if cached is None or cached[0] != stamp:
                    try:
                        cached = (stamp, self.leader.read_profile(), None)
                    except ConfigError as exc:
                        cached = (stamp, None, exc)
                    self._profile = cached
        return cached[1], cached[2]

    @property
    def profile(self) -> Profile:
        """Her profile; a missing or broken one is the ConfigError naming the file and the field."""
        profile, error = self._read()
        if error is not None:
            raise error
        assert profile is not None
        return profile

    @property
    def check_profile(self) -> Profile | None:
        """The profile the check scores against: None (neutral tips) when it cannot be read, because
        the legal lines — CPR numbers, party politics — need no profile and must still be checked."""
        return self._read()[0]

    @property
    def profile_error(self) -> ConfigError | None:
        """Why there is no profile to check against (None when there is one)."""
        return self._read()[1]

    def check(self, text: str, channel: str, audience: str | None = None, *,
              id: str | None = None, source: str | None = None, source_kind: str = "notes",
              typing: bool = False, capacity: str | None = None) -> CheckResult:
        """``guidelines.check_post`` with her profile and the workspace's rules. ``source``: the notes or
        the original the post was written from (the measure of "written"). ``typing``: the live check as
        she types, which keeps the paragraphs' results between checks (same answer, less work).
        ``capacity``: the post's declared capacity (personal | official), None for the text alone."""
        from sendemast.guidelines import check_post

        profile = self.check_profile
        paragraphs = None
        if typing:
            from sendemast.guidelines.engine.paragraphs import ParagraphCache

            # one cache per profile as read: an edited profile starts a new one
            if self._paragraphs is None or self._paragraphs[0] is not profile:
                self._paragraphs = (profile, ParagraphCache())
            paragraphs = self._paragraphs[1]
        return check_post(text, channel, profile=profile, ruleset=self.ruleset, audience=audience, id=id,
                          paragraphs=paragraphs, source=source, source_kind=source_kind, capacity=capacity)

    @cached_property
    def retriever(self) -> HybridRetriever:
        """Her index: the shared values and her own posts (opened on first use, then kept)."""
        from sendemast.retrieval import open_retriever

        return open_retriever(self.workspace, self.leader)

    def history(self, user: Account | None = None) -> HistoryStore:
        """Her drafts in the team database; ``user`` is the account drafting (None: the command line)."""
        from sendemast.team.history import HistoryStore

        profile = self.check_profile
        return HistoryStore.for_workspace(self.workspace, leader=self.id, user=user,
                                          capacity=profile.capacity if profile is not None else "personal")

    def stats(self, *, since: dt.date | None = None, lang: str | None = None) -> StatsReport:
        """Her channel statistics (``sendemast stats``): the figures imported for her posts, analysed."""
        from sendemast.stats import stats_for

        return stats_for(self.workspace, self.leader, since=since, lang=lang)

    def style_card(self, text: str, lang: str | None) -> StyleCard | None:
        """The style card a draft from ``text`` is written with (see ``drafting.style.card_for_drafting``)."""
        from sendemast.drafting.style import card_for_drafting

        return card_for_drafting(self.workspace, text, lang, self.leader)


class Organisation:
    """A workspace's leaders and what they share: the rules, loaded once, and one
    :class:`LeaderContext` per leader, built the first time she is asked for and kept."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._contexts: dict[str, LeaderContext] = {}
        self._default: str | None = None
        self._lock = threading.Lock()

    @cached_property
    def ruleset(self) -> Ruleset:
        return workspace_ruleset(self.workspace)

    def leader(self, leader_id: str | None = None) -> LeaderContext:
        """``leader_id``'s context, else the default leader's (``Workspace.leader``): an unknown id, or
        several leaders and none chosen, is a UsageError naming them."""
        key = leader_id or self._default
        if key is not None:
            known = self._contexts.get(key)
            if known is not None:
                return known
        leader = self.workspace.leader(leader_id)
        ruleset = self.ruleset
        with self._lock:
            context = self._contexts.setdefault(leader.id, LeaderContext(self.workspace, leader, ruleset))
            if leader_id is None:
                self._default = leader.id
        return context

    def check(self, text: str, channel: str, leader: str, source: str | None = None,
              source_kind: str = "notes", capacity: str | None = None) -> dict[str, Any]:
        """The team layer's checker (``team.posts.Checker``): ``leader``'s check of a post, as
        ``CheckResult.to_dict()``. A post whose leader is no longer in the workspace is still checked,
        without a profile: an approval must not stop there, and the legal lines need none."""
        from sendemast.errors import UsageError
        from sendemast.guidelines import check_post

        try:
            context = self.leader(leader)
        except UsageError:
            data: dict[str, Any] = check_post(text, channel, ruleset=self.ruleset, source=source,
                                              source_kind=source_kind, capacity=capacity).to_dict()
            return data
        data = context.check(text, channel, source=source, source_kind=source_kind,
                             capacity=capacity).to_dict()
        return data

    def profile_of(self, leader: str) -> Profile | None:
        """``leader``'s profile, or None when she is no longer in the workspace or her profile cannot be
        read: what shows a name or offers a line still works without it."""
        from sendemast.errors import SendemastError

        try:
            return self.leader(leader).check_profile
        except SendemastError:
            return None

    def quiet_gate(self, db: Database) -> QuietGate:
        """The quiet periods covering a day for a leader (``team.approval.take_step``'s ``quiet``): the
        ones started in the team database and the planned ones in her profile."""
        from sendemast.team.quiet import quiet_on

        def gate(leader: str, day: date) -> list[dict[str, Any]]:
            profile = self.profile_of(leader)  # without one, the started periods still hold
            return quiet_on(db, leader, day, profile.quiet_periods if profile is not None else ())

        return gate

    def default_capacity(self, leader: str | None) -> str:
        """The capacity a new post of ``leader``'s takes when none is chosen (her profile's)."""
        profile = self.leader(leader).check_profile
        return profile.capacity if profile is not None else "personal"
