"""What every page needs: the studio's shared state (the workspace's organisation — rules and one
leader context per leader —, models, indexes) and the leader picker. Routers get it through a FastAPI
dependency."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fastapi import Request

if TYPE_CHECKING:
    from sendemast.assembly import LeaderContext
    from sendemast.guidelines import Ruleset
    from sendemast.models.base import ChatModel
    from sendemast.retrieval.types import Retriever
    from sendemast.studio.checking import Checker, CheckPool
    from sendemast.studio.jobs import JobBoard
    from sendemast.team.history import HistoryStore
    from sendemast.workspace import Workspace


@dataclass(frozen=True)
class Leader:
    id: str
    name: str
    title: str
    organisation: str


def available_leaders(workspace: Workspace) -> list[Leader]:
    """The leaders a user may write for: the organisation workspace's leaders, the default one first."""
    from sendemast.leaders import leader_ids

    ids = leader_ids(workspace)
    default = workspace.leader(None).id if len(ids) == 1 else _default_id(workspace)
    found = []
    for leader_id in ids:
        profile = workspace.leader(leader_id).profile
        found.append(Leader(id=leader_id, name=profile.name, title=profile.title,
                            organisation=profile.organisation))
    return sorted(found, key=lambda leader: leader.id != default)


def _default_id(workspace: Workspace) -> str | None:
    from sendemast.errors import UsageError

    try:
        return workspace.leader(None).id
    except UsageError:  # several leaders and no default: the first is preselected
        return None


class Studio:
    """State shared by all requests. Models and the index are opened once, on first use, and kept."""

    def __init__(self, workspace: Workspace, *, model_id: str | None, jobs: JobBoard) -> None:
        from sendemast.assembly import Organisation

        self.workspace = workspace
        self.organisation = Organisation(workspace)  # the rules, and each leader's profile and check
        self.model_id = model_id
        self.jobs = jobs
        self._lock = threading.Lock()  # models
        self._index_lock = threading.Lock()  # the retriever: a search need not wait for a model to load
        self._leaders: tuple[Any, list[Leader]] | None = None
        # Set once :meth:`warm` has loaded the model, the index and the check workers (``/api/health``
        # says so: a load balancer or a benchmark waits for it before sending work).
        self.warmed = threading.Event()
        self._models: dict[str, ChatModel] = {}
        self._checker: Checker | None = None
        self.check_pool: CheckPool | None = None  # set by start_check_pool

    @property
    def ruleset(self) -> Ruleset:
        return self.organisation.ruleset

    def leader(self, leader: str | None = None) -> LeaderContext:
        """``leader``'s context (her profile, the rules, her check and index); None: the default leader.
        An unknown leader is a UsageError naming the leaders."""
        return self.organisation.leader(leader or self.default_leader)

    @property
    def checker(self) -> Checker:
        if self._checker is None:
            from sendemast.studio.checking import Checker

            self._checker = Checker(self.organisation)
        return self._checker

    def start_check_pool(self, workers: int) -> None:
        """Run live checks in ``workers`` processes (see ``studio.checking``); 0 keeps them in threads."""
        if workers > 0:
            from sendemast.studio.checking import CheckPool

            self.check_pool = CheckPool(self.workspace, workers)

    def close(self) -> None:
        self.jobs.shutdown()
        if self.check_pool is not None:
            self.check_pool.shutdown()

    def resolved_model_id(self) -> str:
        from sendemast.models import default_model_id

        return self.model_id or default_model_id(self.workspace.settings)

    def model(self) -> tuple[ChatModel, threading.Lock]:
        """The model and the lock that keeps its calls one at a time (an in-process llama is not
        safe to call from two threads; a hosted model does not mind the wait)."""
        from sendemast.assembly import model_lock, open_model

        model_id = self.resolved_model_id()
        with self._lock:
            if model_id not in self._models:
                self._models[model_id] = open_model(self.workspace, model_id)
            return self._models[model_id], model_lock(model_id)

    def add_model(self, model: ChatModel) -> None:
        """Keep ``model`` open under its id (a caller that built one already, or a test's model)."""
        with self._lock:
            self._models[model.model_id] = model

    def warm(self) -> threading.Thread:
        """Open the model and the index in the background, so the first draft does not wait for them.
        A failure here is not reported: the first draft meets the same error and shows it."""

        def work() -> None:
            try:
                self.model()
                self.retriever()
                self.leader().check("Varm op.", "linkedin")
                if self.check_pool is not None:
                    self.check_pool.warm()
            except Exception:  # the page shows it when it matters
                pass
            finally:
                self.warmed.set()

        thread = threading.Thread(target=work, name="studio-warm", daemon=True)
        thread.start()
        return thread

    def retriever(self, leader: str | None = None) -> Retriever:
        """``leader``'s index (her posts, the shared values), opened once and kept."""
        context = self.leader(leader)
        with self._index_lock:  # opened by one request; the others wait for it
            return context.retriever

    @property
    def default_leader(self) -> str:
        return self.leaders()[0].id

    def history(self) -> HistoryStore:
        """One store with the CLI: the team database, every leader's entries."""
        return self.leader().history()

    def leaders(self) -> list[Leader]:
        """Every page shows the leader picker: re-read only when a leader's folder or profile changed."""
        from sendemast.leaders import leaders_fingerprint

        stamp = leaders_fingerprint(self.workspace)
        cached = self._leaders
        if cached is None or cached[0] != stamp:
            cached = self._leaders = (stamp, available_leaders(self.workspace))
        return list(cached[1])

    def leaders_for(self, account: Any) -> list[Leader]:
        """The leaders ``account`` may write for (every leader in the single-user studio: None)."""
        if account is None:
            return self.leaders()
        from sendemast.team.permissions import can

        return [leader for leader in self.leaders() if can(account, "create", leader.id)]

    def channels(self, leader: str | None = None) -> list[str]:
        """``leader``'s channels first (her first is the default; None: the default leader), then every
        other known channel."""
        profile = self.leader(leader).check_profile
        own = [c for c in (profile.channels if profile is not None else []) if c in self.ruleset.channels]
        return own + [c for c in self.ruleset.channels if c not in own]

    def channel_conf(self, channel: str) -> dict[str, Any]:
        return dict(self.ruleset.channels.get(channel) or {})


async def get_studio(request: Request) -> Studio:
    # async on purpose: FastAPI runs a plain ``def`` dependency in its thread pool, a thread hop (and a
    # GIL hand-over) per request that cost the live check more than its routing
    studio: Studio = request.app.state.studio
    return studio


def form_int(value: str, name: str) -> int:
    """A whole number from a form field (a post's ``version``); anything else is a UsageError."""
    from sendemast.errors import UsageError

    try:
        return int(value)
    except ValueError:
        raise UsageError(f"{name} must be a whole number, not {value!r}") from None
