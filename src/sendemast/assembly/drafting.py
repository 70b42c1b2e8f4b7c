"""One draft or rewrite in a workspace: the assembly the CLI and the studio share.

Both faces call :func:`draft_in_workspace`; it takes the leader's profile, index, style card and history
(the team database: the draft becomes a post in status kladde) from her :class:`LeaderContext`, and the
prompt folders and the model from the workspace, so neither face holds its own copy of that. A caller
that keeps a model or a leader's context open between requests (the studio) passes it in.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sendemast.assembly.leader_context import LeaderContext
    from sendemast.drafting.events import EventSink
    from sendemast.drafting.types import DraftRequest, DraftResult
    from sendemast.guidelines import Ruleset
    from sendemast.leaders import Leader
    from sendemast.models.base import ChatModel
    from sendemast.retrieval.types import Retriever
    from sendemast.team.accounts import Account
    from sendemast.workspace import Workspace

_MODEL_LOCKS: dict[str, threading.Lock] = {}
_MODEL_LOCKS_GUARD = threading.Lock()


def open_model(workspace: Workspace, model_id: str | None = None) -> ChatModel:
    """The model ``model_id`` names, else the workspace's default (see ``default_model_id``)."""
    from sendemast.models import default_model_id, get_model

    return get_model(model_id or default_model_id(workspace.settings), workspace.settings)


def model_lock(model_id: str) -> threading.Lock:
    """The one lock per model id in this process. An in-process llama.cpp model runs on one context:
    two calls at once would corrupt each other, so whoever calls it holds this lock."""
    with _MODEL_LOCKS_GUARD:
        return _MODEL_LOCKS.setdefault(model_id, threading.Lock())


def draft_in_workspace(
    workspace: Workspace,
    request: DraftRequest,
    model_id: str | None = None,
    on_event: EventSink | None = None,
    *,
    leader: LeaderContext | Leader | str | None = None,
    model: ChatModel | None = None,
    retriever: Retriever | None = None,
    ruleset: Ruleset | None = None,
    user: Account | None = None,
) -> DraftResult:
    """Draft or rewrite per ``request`` for ``leader`` (the default leader when None) with her profile,
    index and style card, the workspace's history and rules; ``user`` is the account drafting (None: the
    local command line). The result names the post the draft became (``post_id``)."""
    from sendemast.assembly.leader_context import LeaderContext, Organisation, workspace_ruleset
    from sendemast.drafting.chain import run
    from sendemast.prompts import prompt_folders

    if isinstance(leader, LeaderContext):
        context = leader
    elif leader is None or isinstance(leader, str):
        context = Organisation(workspace).leader(leader)
    else:
        context = LeaderContext(workspace, leader, ruleset or workspace_ruleset(workspace))
    history = context.history(user)
    result = run(
        request,
        model=model or open_model(workspace, model_id),
        profile=context.profile,
        retriever=retriever if retriever is not None else context.retriever,
        history=history,
        settings=workspace.settings,
        prompt_folders=prompt_folders(workspace.root),
        ruleset=ruleset or context.ruleset,
        on_event=on_event,
        style_card=context.style_card(request.text, request.lang),
    )
    if result.history_id:
        post = history.get(result.history_id).get("post_id")
        result.post_id = int(post) if post is not None else None
    return result
