"""``check_post``: run every enabled rule over one post and score the six tips. Deterministic, no model."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sendemast.guidelines.engine.model import SEVERITY_RANK, CheckResult, Finding
from sendemast.guidelines.engine.paragraphs import LOCAL_RULES, ParagraphCache
from sendemast.guidelines.engine.post import Post
from sendemast.guidelines.engine.registry import RULES
from sendemast.guidelines.engine.ruleset import Ruleset, load_ruleset
from sendemast.guidelines.engine.tips import score_tips

# importing the rule modules registers their rules
from sendemast.guidelines.rules import capacity_rules, channel_rules, lines, privacy, spelling, voice, written  # noqa: F401
from sendemast.guidelines.rules.capacity_rules import CAPACITIES
from sendemast.guidelines.rules.channel_rules import length_of
from sendemast.guidelines.rules.privacy import PRIVACY_RULES
from sendemast.guidelines.rules.spelling import RULE as SPELLING
from sendemast.guidelines.rules.voice import lix_of
from sendemast.guidelines.rules.written import SOURCE_KINDS, written_of

if TYPE_CHECKING:
    from sendemast.profile import Profile


def check_post(
    text: str,
    channel: str = "linkedin",
    profile: Profile | Any | None = None,
    ruleset: Ruleset | None = None,
    audience: str | None = None,
    *,
    id: str | None = None,
    only: Iterable[str] | None = None,
    paragraphs: ParagraphCache | None = None,
    source: str | None = None,
    source_kind: str = "notes",
    capacity: str | None = None,
) -> CheckResult:
    """Check one post for ``channel``. ``profile`` (a :class:`~sendemast.profile.Profile`) feeds the tip
    scores and the LIX ceiling of ``audience``; ``only`` limits the run to some rule ids. ``source`` is
    the text the post was written from — the notes of a draft (``source_kind="notes"``) or the original
    of a rewrite (``"original"``): with it, the measure of "written" knows how much was copied.
    ``capacity``: "personal" (på egne vegne) or "official" (for the authority) when the post declares it;
    None checks the text alone (an own opinion on policy then needs the words "på egne vegne").

    ``paragraphs``: a cache kept between checks of the same profile and rules (the live check as the
    user types): the paragraph-local rules then run only on paragraphs it has not seen; same answer."""
    from sendemast.errors import UsageError
    from sendemast.lang import detect_language

    if not text.strip():
        raise UsageError("the post is empty")
    rs = ruleset or load_ruleset()
    if channel not in rs.channels:
        raise UsageError(f"unknown channel {channel!r} (known: {', '.join(rs.channels)})")
    if source_kind not in SOURCE_KINDS:
        raise UsageError(f"source_kind must be one of {', '.join(SOURCE_KINDS)} (got {source_kind!r})")
    if capacity is not None and capacity not in CAPACITIES:
        raise UsageError(f"capacity must be one of {', '.join(CAPACITIES)} (got {capacity!r})")
    if source is not None and not source.strip():
        source = None
    # the first 800 characters tell Danish from English as well as the whole post, at a fraction of the cost
    post = Post(text, channel, detect_language(text[:800]), rs, profile=profile, audience=audience,
                source=source, source_kind=source_kind, capacity=capacity)
    wanted = set(only) if only is not None else None
    running = [r for r in RULES if (wanted is None or r in wanted) and r in rs.rules and rs.enabled(r)]
    findings: list[Finding] = []
    if paragraphs is not None:
        local = [r for r in running if r in LOCAL_RULES]
        found, scan = paragraphs.local(post, local, SPELLING in running)
        findings += found
        if scan is not None:
            post.__dict__["spelling_scan"] = scan
        running = [r for r in running if r not in LOCAL_RULES]
    for rule_id in running:
        findings.extend(RULES[rule_id](post))
    findings.sort(key=lambda f: (f.start, SEVERITY_RANK[f.severity], f.rule))
    spelling_report = post.__dict__.get("spelling_report")  # set by language.spelling when it ran
    return CheckResult(
        text=text,
        channel=channel,
        language=post.lang,
        length=length_of(post),
        lix=lix_of(post),
        findings=findings,
        tips=score_tips(post, findings),
        id=id,
        written=written_of(post),
        extras={"spelling": spelling_report.to_dict()} if spelling_report is not None else {},
    )


def find_personal_data(text: str, *, ruleset: Ruleset | None = None, profile: Any = None) -> list[Finding]:
    """Only the privacy.* findings for ``text`` (CPR, contact details, a person with a sensitive detail).

    The drafting chain calls this before any text leaves the machine for a remote model.
    """
    if not text.strip():
        return []
    result = check_post(text, "linkedin", profile=profile, ruleset=ruleset, only=PRIVACY_RULES)
    return [f for f in result.findings if f.rule.startswith("privacy.")]
