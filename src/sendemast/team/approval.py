"""Taking a step on the approval path (``workflow.STEPS``): the gates, the compare-and-set, the record.

- ``approve`` refuses a post whose check has a ``block`` finding, and needs a reason when it has a
  ``review`` finding (a person took responsibility; the reason is on record). The check is run again
  on the text being approved when a checker is given, so a rule changed since the last save counts.
- ``request_changes`` needs a reason, recorded as the step's reason and as a comment.
- ``publish`` needs the real post's URL and date; the ``publisher`` then adds the post to the
  leader's past posts (see ``workspace_glue.workspace_publisher``).
- ``submit`` refuses a post with an image that has no alt text (``access.alt_text``, see images.py).
- In a quiet period (``quiet.py``; the ``quiet`` gate gives the periods covering a day) ``approve`` and
  ``publish`` need a written reason; the step keeps the periods it overrode in ``detail``.
- Every step keeps the actor's role at the time (``role``); an approval keeps the check it approved.
- Any step may carry the ``version`` the user saw: if the post has moved on, :class:`PostConflict`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sendemast.errors import UsageError
from sendemast.team import workflow
from sendemast.team.errors import Forbidden, TransitionError
from sendemast.team.posts import (
    Checker,
    PostView,
    _allowed,
    _conflict,
    _load,
    actor_name,
    actor_role,
    run_check,
    view_of,
)

if TYPE_CHECKING:
    from sendemast.team.accounts import Account
    from sendemast.team.db import Database
    from sendemast.team.quiet import QuietGate

# Called with the published post; returns the file it wrote (or None) and warnings (an ingest that
# failed, say). The status change is committed first: the post *was* published, whatever the file does.
Publisher = Callable[[PostView], tuple[str | None, list[str]]]


@dataclass
class StepResult:
    post: PostView
    warnings: list[str] = field(default_factory=list)


def take_step(
    db: Database,
    user: Account | None,
    post_id: int,
    action: str,
    *,
    version: int | None = None,
    reason: str | None = None,
    url: str | None = None,
    published_on: date | None = None,
    checker: Checker | None = None,
    publisher: Publisher | None = None,
    quiet: QuietGate | None = None,
) -> StepResult:
    from sqlalchemy import update

    from sendemast.team.models import Comment, Post, Transition
    from sendemast.team.post_images import ALT_RULE, alt_text_findings
    from sendemast.team.quiet import describe

    step = workflow.STEPS.get(action)
    if step is None:
        raise UsageError(f"unknown step {action!r} (expected {', '.join(workflow.STEPS)})")
    reason = (reason or "").strip() or None
    with db.session() as session:
        post = _load(session, user, post_id)
        if not _allowed(user, action, post):
            raise Forbidden(f"you may not {action.replace('_', ' ')} post {post_id}")
        if version is not None and post.version != version:
            raise _conflict(session, post_id, f"the step {action!r}")
        if post.status not in step.sources:
            raise TransitionError(
                f"post {post_id} is {workflow.LABELS[post.status]['da']}; {action.replace('_', ' ')} "
                f"needs {' or '.join(workflow.LABELS[s]['da'] for s in sorted(step.sources))}"
            )
        if step.needs_reason and not reason:
            raise TransitionError(f"{action.replace('_', ' ')} needs a reason (--reason)")
        values: dict[str, Any] = {"status": step.target, "updated_by": actor_name(user),
                                  "updated_at": datetime.now(UTC)}
        detail: dict[str, Any] = {}
        if action == "submit":
            current = alt_text_findings(session, post, dict(post.check or {}))
            if any(f.get("rule") == ALT_RULE for f in current.get("findings") or []):
                raise TransitionError(f"post {post_id} cannot be submitted: an image has no alt text "
                                      f"({ALT_RULE})", hint="describe each image: sendemast post image alt")
        if action in ("approve", "publish", "publish_unapproved") and quiet is not None:
            days = {date.today()} | ({published_on} if action != "approve" and published_on else set())
            periods = [p for day in sorted(days) for p in quiet(post.leader, day)]
            if periods and not reason:
                raise TransitionError(
                    f"post {post_id} cannot be {'approved' if action == 'approve' else 'published'} in a "
                    f"quiet period ({describe(periods)}) without a written reason",
                    hint="give the reason it may go out all the same: --reason \"…\"")
            if periods:
                detail["quiet_periods"] = periods
        if action in ("approve", "publish_unapproved"):
            check = (run_check(session, post, post.text, checker) if checker is not None
                     else alt_text_findings(session, post, dict(post.check or {})))
            _gate(post_id, check, reason)
            values.update(verdict=str(check.get("verdict", "pass")), check=check)
            if action == "approve":
                values["approved_version"] = post.version
            detail["check"] = {"verdict": check.get("verdict", "pass"),
                               "findings": [{k: f.get(k) for k in ("rule", "severity", "message")}
                                            for f in check.get("findings") or []]}
        if action == "publish_unapproved":
            detail["editorial_approval"] = False  # the record says "ingen redaktionel godkendelse"
        if action == "withdraw":
            values["approved_version"] = None
        elif action in ("publish", "publish_unapproved"):
            values.update(published_url=_url(url), published_on=published_on or _missing_date())
        # Compare-and-set on status and version: of two approvers acting at once, one wins.
        result = session.execute(
            update(Post)
            .where(Post.id == post_id, Post.status == post.status, Post.version == post.version)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise _conflict(session, post_id, f"the step {action!r}")
        session.add(Transition(post_id=post_id, action=action, from_status=post.status,
                               to_status=step.target, version=post.version, actor=actor_name(user),
                               reason=reason, role=actor_role(user), detail=detail or None))
        if action == "request_changes" and reason:
            session.add(Comment(post_id=post_id, actor=actor_name(user), text=reason))
        session.flush()
        done = view_of(_load(session, user, post_id, fresh=True))
    warnings: list[str] = []
    if action in ("publish", "publish_unapproved") and publisher is not None:
        path, warnings = publisher(done)
        if path is not None:
            done = _record_file(db, post_id, path)
    return StepResult(done, warnings)


def _gate(post_id: int, check: dict[str, Any], reason: str | None) -> None:
    findings = check.get("findings") or []
    blocks = [f for f in findings if f.get("severity") == "block"]
    if blocks or check.get("verdict") == "block":
        rules = ", ".join(sorted({str(f.get("rule")) for f in blocks})) or "block"
        raise TransitionError(f"post {post_id} cannot be approved: its check blocks it ({rules})",
                              hint="edit the text until no block finding is left")
    reviews = [f for f in findings if f.get("severity") == "review"]
    if (reviews or check.get("verdict") == "review") and not reason:
        rules = ", ".join(sorted({str(f.get("rule")) for f in reviews})) or "review"
        raise TransitionError(f"post {post_id} has findings a person must approve ({rules})",
                              hint="approve with --reason saying why it may be published")


def _url(url: str | None) -> str:
    value = (url or "").strip()
    if not value.startswith(("https://", "http://")) or any(c.isspace() for c in value) or len(value) > 2000:
        raise UsageError("publishing needs the post's address: --url https://…")
    return value


def _missing_date() -> date:
    raise UsageError("publishing needs the date it was posted: --date YYYY-MM-DD")


def _record_file(db: Database, post_id: int, path: str) -> PostView:
    """Remember which past-posts file a published post became (so it is never written twice)."""
    from sendemast.team.models import Post

    with db.session() as session:
        row = session.get(Post, post_id)
        assert row is not None
        row.published_file = path
        session.flush()
        return view_of(row)
