"""The live check: ``guidelines.check_post`` with the workspace's profile and rules, and its fragment.

Checking is pure Python and CPU-bound, so in one process every check waits for the GIL. ``CheckPool``
runs checks in worker processes (one per core, started with the studio), so concurrent checks use every
core and none holds up the event loop. Without a pool (tests, one core) checks run in a thread.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from sendemast.errors import UsageError
from sendemast.studio.rendering import fragment

if TYPE_CHECKING:
    from sendemast.guidelines import Ruleset
    from sendemast.workspace import Workspace


class Checker:
    def __init__(self, workspace: Workspace, ruleset: Ruleset) -> None:
        self.workspace = workspace
        self.ruleset = ruleset
        self.linkedin_fold = (ruleset.channels.get("linkedin") or {}).get("hook_chars")

    def check(self, text: str, channel: str, audience: str | None = None) -> dict[str, Any]:
        from sendemast.guidelines import check_post

        if channel not in self.ruleset.channels:
            raise UsageError(f"unknown channel {channel!r} (known: {', '.join(self.ruleset.channels)})")
        profile = self.workspace.profile
        if audience and audience not in {a.id for a in profile.audiences}:
            audience = None
        return check_post(text, channel=channel, profile=profile, ruleset=self.ruleset,
                          audience=audience).to_dict()

    def html(self, lang: str, text: str, check: dict[str, Any] | None) -> Markup:
        return fragment("_check.html", lang, text=text, check=check, uid="c",
                        linkedin_fold=self.linkedin_fold)

    def check_and_render(self, text: str, channel: str, audience: str | None, lang: str
                         ) -> tuple[dict[str, Any] | None, str]:
        check = self.check(text, channel, audience) if text.strip() else None
        return check, str(self.html(lang, text, check))


_worker: Checker | None = None


def _start_worker(root: str) -> None:
    global _worker
    from sendemast.drafting.session import workspace_ruleset
    from sendemast.workspace import load_workspace

    workspace = load_workspace(Path(root))
    _worker = Checker(workspace, workspace_ruleset(workspace))
    _worker.check_and_render("Varm op med et kort opslag om Fjordmark.", "linkedin", None, "da")


def _work(text: str, channel: str, audience: str | None, lang: str) -> tuple[dict[str, Any] | None, str]:
    assert _worker is not None, "the check worker was not started"
    return _worker.check_and_render(text, channel, audience, lang)


class CheckPool:
    """Worker processes that each hold the workspace's rules and profile."""

    def __init__(self, workspace: Workspace, workers: int) -> None:
        # spawn, not fork: the studio process runs threads (uvicorn, drafting) that a fork would copy
        # in whatever state they are in
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_start_worker, initargs=(str(workspace.root),))
        self.workers = workers

    def warm(self) -> None:
        """Start every worker now rather than at the first keystroke."""
        futures = [self._pool.submit(_work, "Hej.", "linkedin", None, "da") for _ in range(self.workers)]
        for f in futures:
            f.result()

    async def run(self, text: str, channel: str, audience: str | None, lang: str
                  ) -> tuple[dict[str, Any] | None, str]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, _work, text, channel, audience, lang)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
