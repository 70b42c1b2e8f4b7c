"""Replies written by a model (``--model openai/…`` or any other), from ``prompts/reply.yaml``.

The comment is screened first: for a model that is not local, personal data in it (CPR numbers always)
is replaced by placeholders before anything is sent (``drafting.privacy_guard``). What comes back is
parsed with a bounded re-ask; the caller checks each reply like a frame and drops the failing ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from sendemast.errors import ModelError

if TYPE_CHECKING:
    from pathlib import Path

    from sendemast.dialogue.thread import Comment
    from sendemast.dialogue.triage import Triage
    from sendemast.models.base import ChatModel

PROMPT = "reply"


def _parse(text: str) -> list[str]:
    from sendemast.models.reask import json_object

    data = json_object(text)
    replies = data.get("replies")
    if not isinstance(replies, list) or not all(isinstance(r, str) for r in replies):
        raise ValueError('"replies" must be a list of strings')
    cleaned = [" ".join(r.split()) for r in replies if r.strip()]
    if not cleaned:
        raise ValueError('"replies" is empty')
    return cleaned


def screened_comment(text: str, model: ChatModel) -> tuple[str, list[dict[str, str]]]:
    """The comment as the model may see it: unchanged for a local model, redacted for any other."""
    if model.is_local:
        return text, []
    from sendemast.drafting.privacy_guard import screen

    screened = screen(text, model_id=model.model_id, origin="comment", redact=True)
    return screened.text, screened.redactions


def model_replies(
    model: ChatModel,
    *,
    comment: Comment,
    triage: Triage,
    post: str,
    profile: Any,
    contact: dict[str, str],
    kind: str,
    count: int,
    max_chars: int,
    workspace_root: Path | None = None,
) -> tuple[list[str], list[str]]:
    """(replies, warnings). A model that fails or gives up yields no replies and a warning."""
    from sendemast.models.reask import GaveUp, ask_until_valid, with_feedback
    from sendemast.prompts import load_prompt, prompt_folders, render, render_reask

    prompt = load_prompt(PROMPT, prompt_folders(workspace_root))
    lang = "en" if triage.lang == "en" else "da"
    text, redactions = screened_comment(comment.text, model)
    post_text, _ = screened_comment(post, model) if post else ("", [])
    tone = getattr(profile, "tone", None)
    variables = {
        "profile": {
            "name": getattr(profile, "name", ""),
            "title": getattr(profile, "title", ""),
            "organisation": getattr(profile, "organisation", ""),
            "tone": {
                "descriptors": list(getattr(tone, "descriptors", []) or []),
                "do": list(getattr(tone, "do", []) or []),
                "dont": list(getattr(tone, "dont", []) or []),
            },
        },
        "post": post_text,
        "comment": text,
        "first_name": comment.first_name,
        "kind": kind,
        "contact": contact,
        "count": count,
        "max_chars": max_chars,
    }
    prompt_lang: Literal["da", "en"] = "en" if lang == "en" else "da"
    rendered = render(prompt, prompt_lang, variables)
    request = rendered.request(max_tokens=600)
    warnings = (
        [f"{len(redactions)} personal detail(s) in the comment were replaced before {model.model_id} saw it"]
        if redactions
        else []
    )
    try:
        answer = ask_until_valid(
            model,
            request,
            _parse,
            max_attempts=2,
            next_request=with_feedback(lambda error: render_reask(prompt, prompt_lang, error)),
        )
    except GaveUp as exc:
        return [], [*warnings, f"{model.model_id} gave no usable replies ({exc.error}); the frames are used"]
    except ModelError as exc:
        return [], [*warnings, f"{model.model_id} failed ({exc.one_line()}); the frames are used"]
    return answer.value[:count], warnings
