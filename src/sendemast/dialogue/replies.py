"""Reply drafts from the frames in ``data/replies.yaml``: the leader's voice, the commenter addressed.

Frames are written so that they carry nothing from the comment but the commenter's first name: a case
is never discussed, only pointed to the profile's contact line (``contact.citizens``), the press to
``contact.press``. The policy file's contact lines stand in where the profile has none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sendemast.dialogue.rules import text_in

if TYPE_CHECKING:
    from sendemast.dialogue.rules import DialogueRules
    from sendemast.dialogue.thread import Comment
    from sendemast.dialogue.triage import Triage


def contact_lines(profile: Any, rules: DialogueRules, lang: str) -> dict[str, str]:
    """``citizens`` and ``press``: the profile's lines, else the moderation policy's."""
    contact = getattr(profile, "contact", None)
    fallback = rules.policy.get("contact", {}) or {}
    return {
        key: (getattr(contact, key, "") or text_in(fallback.get(key), lang)).strip()
        for key in ("citizens", "press")
    }


def frame_values(comment: Comment, profile: Any, rules: DialogueRules, lang: str) -> dict[str, str]:
    name = comment.first_name
    title = str(getattr(profile, "title", "") or ("leder" if lang == "da" else "a leader"))
    if lang == "da" and title[:1].isupper() and not title[:2].isupper():
        title = title[:1].lower() + title[1:]  # "som kommunaldirektør i …"
    organisation = str(
        getattr(profile, "organisation", "") or ("organisationen" if lang == "da" else "the organisation")
    )
    return {
        "name_comma": f", {name}" if name else "",
        "name": name or ("du" if lang == "da" else "you"),
        "title": title,
        "organisation": organisation,
        **contact_lines(profile, rules, lang),
    }


def wants_replies(triage: Triage, rules: DialogueRules) -> bool:
    """No reply to spam, threats or hate: only a moderation action."""
    return not (triage.ground and triage.ground in rules.no_reply_grounds)


def frame_replies(
    triage: Triage, comment: Comment, rules: DialogueRules, profile: Any, count: int | None = None
) -> list[str]:
    """Up to ``count`` (default: the rules' ``max_replies``) replies from the class's frames."""
    if not wants_replies(triage, rules):
        return []
    lang = triage.lang
    frames = rules.replies.get(triage.cls, {}).get(lang) or rules.replies.get(triage.cls, {}).get("da") or []
    values = frame_values(comment, profile, rules, lang)
    out: list[str] = []
    for frame in frames[: count or rules.max_replies]:
        try:
            text = str(frame).format(**values)
        except (KeyError, IndexError, ValueError):
            continue  # a workspace frame with an unknown placeholder: skipped, not half-filled
        out.append(" ".join(text.split()))
    return out
