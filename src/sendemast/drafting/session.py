"""One draft or rewrite in a workspace: the assembly the CLI and the studio share.

Both faces call :func:`draft_in_workspace`; it picks the leader's profile, her index and style card, the
history store (the team database: the draft becomes a post in status kladde), the prompt folders and the
checker's rules from the workspace, so neither face holds its own copy of that. A caller that keeps a
model or a retriever open between requests (the studio) passes it in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sendemast.drafting.events import EventSink
    from sendemast.drafting.types import DraftRequest, DraftResult
    from sendemast.guidelines import Ruleset
    from sendemast.leaders import Leader
    from sendemast.models.base import ChatModel
    from sendemast.retrieval.types import Retriever
    from sendemast.team.accounts import Account
    from sendemast.workspace import Workspace


def open_model(workspace: Workspace, model_id: str | None = None) -> ChatModel:
    """The model ``model_id`` names, else the workspace's default (see ``default_model_id``)."""
    from sendemast.models import default_model_id, get_model

    return get_model(model_id or default_model_id(workspace.settings), workspace.settings)


def workspace_ruleset(workspace: Workspace) -> Ruleset:
    """The checker's rules, with the workspace's overrides (``[checker] rules``) when it names a file."""
    from sendemast.guidelines import load_ruleset

    path = workspace.settings.checker.rules
    return load_ruleset(workspace.path(path) if path else None)


def draft_in_workspace(
    workspace: Workspace,
    request: DraftRequest,
    model_id: str | None = None,
    on_event: EventSink | None = None,
    *,
    leader: Leader | str | None = None,
    model: ChatModel | None = None,
    retriever: Retriever | None = None,
    ruleset: Ruleset | None = None,
    user: Account | None = None,
) -> DraftResult:
    """Draft or rewrite per ``request`` for ``leader`` (the default leader when None) with her profile,
    index and style card, the workspace's history and rules; ``user`` is the account drafting (None: the
    local command line). The result names the post the draft became (``post_id``)."""
    from sendemast.drafting.chain import run
    from sendemast.drafting.history import HistoryStore
    from sendemast.drafting.style import card_for_drafting
    from sendemast.prompts import prompt_folders

    chosen = leader if leader is not None and not isinstance(leader, str) else workspace.leader(leader)
    if retriever is None:
        from sendemast.retrieval import open_retriever

        retriever = open_retriever(workspace, chosen)
    history = HistoryStore.for_workspace(workspace, leader=chosen.id, user=user)
    result = run(
        request,
        model=model or open_model(workspace, model_id),
        profile=chosen.profile,
        retriever=retriever,
        history=history,
        settings=workspace.settings,
        prompt_folders=prompt_folders(workspace.root),
        ruleset=ruleset or workspace_ruleset(workspace),
        on_event=on_event,
        style_card=card_for_drafting(workspace, request.text, request.lang, chosen),
    )
    if result.history_id:
        post = history.get(result.history_id).get("post_id")
        result.post_id = int(post) if post is not None else None
    return result
