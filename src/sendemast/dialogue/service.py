"""What the CLI and the studio call: a thread in, each comment triaged with its checked reply drafts out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sendemast.errors import UsageError

if TYPE_CHECKING:
    from sendemast.assembly.leader_context import LeaderContext
    from sendemast.dialogue.rules import DialogueRules
    from sendemast.dialogue.thread import Comment
    from sendemast.dialogue.triage import Triage
    from sendemast.models.base import ChatModel
    from sendemast.workspace import Workspace

DEFAULT_MAX_CHARS = 400


@dataclass
class ReplyDraft:
    text: str
    check: dict[str, Any]
    source: str = "frame"  # "frame" (data/replies.yaml) or the model's id

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "check": self.check, "source": self.source}


@dataclass
class CommentResult:
    comment: Comment
    triage: Triage
    replies: list[ReplyDraft] = field(default_factory=list)
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        t = self.triage
        out: dict[str, Any] = {
            "number": self.comment.index,
            "author": self.comment.author,
            "text": self.comment.text,
            "class": t.cls,
            "label": self.label,
            "action": t.action,
            "why": t.why,
            "lang": t.lang,
            "replies": [r.to_dict() for r in self.replies],
        }
        if t.moderation:
            out["moderation"] = t.moderation
        out["personal_data"] = sorted({p["rule"] for p in t.personal_data})
        return out


@dataclass
class ThreadResult:
    leader: str
    comments: list[CommentResult]
    warnings: list[str] = field(default_factory=list)
    model: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "leader": self.leader,
            "model": self.model,
            "warnings": self.warnings,
            "comments": [c.to_dict() for c in self.comments],
        }


class Replier:
    """One leader's triage and reply drafting, with the rules loaded once (the studio keeps one)."""

    def __init__(
        self,
        leader: LeaderContext,
        rules: DialogueRules | None = None,
        *,
        model: ChatModel | None = None,
        max_chars: int = DEFAULT_MAX_CHARS,
        channel: str | None = None,
    ) -> None:
        from sendemast.dialogue.rules import load_rules

        self.leader = leader
        self.rules = rules or load_rules(leader.workspace.root)
        self.model = model
        self.max_chars = max_chars
        profile = leader.check_profile
        self.profile = profile
        self.channel = channel or (profile.default_channel if profile is not None else "linkedin")

    def _material(self, comment: Comment, post: str, contact: dict[str, str]) -> list[str]:
        p = self.profile
        parts = [post, comment.text, comment.author, *contact.values()]
        if p is not None:
            parts += [p.name, p.title, p.organisation]
        return [x for x in parts if x]

    def _check(self, text: str, triage: Triage, material: list[str]) -> dict[str, Any]:
        from sendemast.dialogue.triage import party_pattern
        from sendemast.dialogue.verify import verify_reply

        result = self.leader.check(text, self.channel, source="\n".join(material))
        return verify_reply(
            text,
            triage=triage,
            rules=self.rules,
            check=result,
            material=material,
            party_pattern=party_pattern(self.leader.ruleset, self.rules),
            max_chars=self.max_chars,
        )

    def triage(self, comment: Comment) -> Triage:
        from sendemast.dialogue.triage import triage

        return triage(comment, self.rules, self.leader.ruleset, self.profile)

    def reply(self, comment: Comment, post: str = "", warnings: list[str] | None = None) -> CommentResult:
        from sendemast.dialogue.replies import contact_lines, frame_replies, wants_replies

        found = self.triage(comment)
        label = self.rules.label(found.cls, found.lang)
        result = CommentResult(comment, found, label=label)
        if not wants_replies(found, self.rules):
            return result
        contact = contact_lines(self.profile, self.rules, found.lang)
        material = self._material(comment, post, contact)
        texts: list[tuple[str, str]] = []
        if self.model is not None:
            from sendemast.dialogue.model_reply import model_replies

            kind = f"{label} – {found.action}: {found.why}"
            written, notes = model_replies(
                self.model,
                comment=comment,
                triage=found,
                post=post,
                profile=self.profile,
                contact=contact,
                kind=kind,
                count=self.rules.max_replies,
                max_chars=self.max_chars,
                workspace_root=self.leader.workspace.root,
            )
            if warnings is not None:
                warnings.extend(notes)
            texts += [(t, self.model.model_id) for t in written]
        frames = frame_replies(found, comment, self.rules, self.profile)
        for text in frames:
            if len(texts) >= self.rules.max_replies:
                break
            texts.append((text, "frame"))
        dropped = 0
        for text, source in texts:
            check = self._check(text, found, material)
            if check["verdict"] == "block":
                dropped += 1  # never offered: it repeats personal data, names a party or is uncivil
                continue
            result.replies.append(ReplyDraft(text, check, source))
        if dropped and warnings is not None:
            warnings.append(
                f"comment {comment.index}: {dropped} reply draft(s) failed the reply rules and were dropped"
            )
        return result


def resolve_post(workspace: Workspace, post: str | None) -> str:
    """The post's text: a number is a post on the board (``sendemast post``), else a file's text."""
    if not post:
        return ""
    if post.isdigit():
        from sendemast.team.db import open_workspace_database
        from sendemast.team.posts import get_post

        return get_post(open_workspace_database(workspace), None, int(post)).text
    path = workspace.path(post)
    if path.is_file():
        return path.read_text(encoding="utf-8")
    raise UsageError(f"--post {post!r}: neither a post number on the board nor a file")


def reply_to_thread(
    leader: LeaderContext,
    thread: str,
    *,
    post: str = "",
    comment: int | None = None,
    model: ChatModel | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> ThreadResult:
    """Triage ``thread`` (or only comment number ``comment``) and draft replies for each comment."""
    from sendemast.dialogue.thread import parse_thread, pick

    comments = pick(parse_thread(thread), comment)
    replier = Replier(leader, model=model, max_chars=max_chars)
    warnings: list[str] = []
    results = [replier.reply(c, post, warnings) for c in comments]
    return ThreadResult(leader.id, results, warnings, model.model_id if model else None)
