"""Steps 5-6 of the chain: run the checker on each draft and, where a block or review finding remains,
one revise round with the findings as feedback. For ``rewrite`` a fact of the original missing from the
post is a ``rewrite.fact_lost`` finding, and the result carries a diff against the original.
"""

from __future__ import annotations

import difflib
import json
from typing import Any

from sendemast.drafting.accounting import FactAccount, account_facts, raise_verdict
from sendemast.drafting.accounting import fact_findings as draft_fact_findings
from sendemast.drafting.facts import fact_findings
from sendemast.drafting.generation import prompt_variables, to_draft
from sendemast.drafting.job import DraftJob
from sendemast.drafting.repair import split_sentences
from sendemast.drafting.structured import generate_structured
from sendemast.drafting.types import Draft
from sendemast.errors import ModelError

NEEDS_REVISION = ("block", "review")
_RANK = {"block": 0, "review": 1, "warn": 2, "info": 3}


def _default_checker() -> Any:
    from sendemast.guidelines import check_post

    return check_post


def check_text(job: DraftJob, text: str) -> dict[str, Any]:
    checker = job.checker or _default_checker()
    result = checker(
        text,
        channel=job.channel,
        profile=job.profile,
        ruleset=job.ruleset,
        audience=job.audience.id if job.audience else None,
        # the notes or the original: the measure of "written" says how much of the post is copied
        source=job.text or None,
        source_kind="original" if job.request.command == "rewrite" else "notes",
        capacity=job.request.capacity or getattr(job.profile, "capacity", None),
    )
    data: dict[str, Any] = result.to_dict() if hasattr(result, "to_dict") else dict(result)
    account = account_for(job, text)
    if job.request.command == "rewrite":
        # a rewrite keeps every fact of the original: a lost one is review, whatever the coverage
        findings = fact_findings(job.text, text, job.lang)
        findings += [f for f in draft_fact_findings(account, text, job.lang, 0.0)
                     if f["rule"] == "draft.invented"]
    else:
        findings = draft_fact_findings(account, text, job.lang, job.min_fact_coverage)
        findings += instruction_findings(job, text)
    raise_verdict(data, findings)
    return data


def account_for(job: DraftJob, text: str) -> FactAccount:
    """The draft's facts against the notes (material lines only), the values passages and the profile."""
    support = [json.dumps(job.profile.model_dump(), ensure_ascii=False), *(h.text for h in job.values)]
    return account_facts(job.material, text, support)


def instruction_findings(job: DraftJob, text: str) -> list[dict[str, Any]]:
    """``draft.instruction``: the draft says what the notes asked to leave out ("nævn det ikke")."""
    if job.notes is None:
        return []
    from sendemast.drafting.notes import content_words, violated

    found = []
    for instruction in job.notes.instructions:
        for phrase in violated(instruction, text):
            first = content_words(phrase)[0][:5]
            at = text.lower().find(first)
            found.append({
                "rule": "draft.instruction",
                "severity": "review",
                "message": (f"Noterne bad om ikke at nævne «{phrase}» ({instruction.text})"
                            if job.lang != "en"
                            else f'The notes asked not to mention "{phrase}" ({instruction.text})'),
                "start": max(at, 0),
                "end": max(at, 0) + len(first) if at >= 0 else len(text),
            })
    return found


def check_drafts(job: DraftJob) -> DraftJob:
    for draft in job.drafts:
        draft.check = check_text(job, draft.text)
        draft.facts = account_for(job, draft.text).to_dict()
    return job


def _score(check: dict[str, Any]) -> tuple[int, int, int, int, int]:
    """Lower is better: blocks, reviews, invented facts, missing facts, then the verdict."""
    findings = check.get("findings", [])
    blocks = sum(1 for f in findings if f.get("severity") == "block")
    reviews = sum(1 for f in findings if f.get("severity") == "review")
    invented = sum(1 for f in findings if f.get("rule") == "draft.invented")
    missing = sum(1 for f in findings if f.get("rule") in ("draft.fact_missing", "rewrite.fact_lost"))
    return blocks, reviews, invented, missing, -_RANK.get(str(check.get("verdict")), 3)


def _needs_revision(draft: Draft) -> bool:
    """A block or review finding, or any fact missing or invented: the one revision names them."""
    facts = draft.facts or {}
    return draft.verdict in NEEDS_REVISION or bool(facts.get("missing") or facts.get("invented"))


def feedback(draft: Draft) -> list[dict[str, Any]]:
    """The findings worth a revision, with the offending excerpt, most severe first."""
    items = []
    for f in draft.check.get("findings", []):
        if f.get("severity") not in ("block", "review", "warn"):
            continue
        start, end = f.get("start"), f.get("end")
        whole = start == 0 and end == len(draft.text)  # a finding about the whole post has no excerpt
        excerpt = (
            draft.text[start:end] if isinstance(start, int) and isinstance(end, int) and not whole else ""
        )
        items.append(
            {
                "rule": f.get("rule", ""),
                "severity": f.get("severity", ""),
                "message": f.get("message", ""),
                "excerpt": excerpt[:120],
                "suggestion": f.get("suggestion") or "",
            }
        )
    return sorted(items, key=lambda f: _RANK.get(f["severity"], 3))


def _revise_one(job: DraftJob, index: int, draft: Draft) -> Draft:
    from sendemast.prompts import load_prompt, render

    if job.model.prompt_style == "completion" or job.prompt is None or job.prompt.style == "completion":
        # A base model cannot follow feedback: sample the same prompt again and keep the better draft.
        assert job.prompt is not None
        base = job.request.seed if job.request.seed is not None else 0
        parsed = generate_structured(
            job.model, job.rendered[index], job.prompt, max_tokens=job.max_tokens, seed=base + 1000 + index
        )
    else:
        prompt = load_prompt("revise", job.prompt_folders)
        variables = {**prompt_variables(job, index + 1), "draft": draft.text, "findings": feedback(draft)}
        parsed = generate_structured(
            job.model,
            render(prompt, job.lang, variables),
            prompt,
            max_tokens=job.max_tokens,
            seed=job.request.seed,
        )
    candidate = to_draft(job, parsed)
    candidate.check = check_text(job, candidate.text)
    return candidate


def revise_drafts(job: DraftJob) -> DraftJob:
    if job.compose:  # every composed sentence is verified already; sampling again cannot add facts
        return job
    for i, draft in enumerate(job.drafts):
        if not _needs_revision(draft):
            continue
        try:
            candidate = _revise_one(job, i, draft)
        except ModelError as exc:  # a failed revision leaves the draft as it was, with its scorecard
            job.warnings.append(f"draft {i + 1}: revision failed: {exc.one_line()}")
            continue
        if _score(candidate.check) < _score(draft.check):
            candidate.revised = True
            candidate.before_revision = draft.text
            candidate.facts = account_for(job, candidate.text).to_dict()
            job.drafts[i] = candidate
    return job


def drop_invented(job: DraftJob) -> DraftJob:
    """After the one revision: sentences that still carry an invented fact are removed, as long as the
    draft keeps at least two sentences; what is left is checked and counted again."""
    for draft in job.drafts:
        if not (draft.facts or {}).get("invented"):
            continue
        account = account_for(job, draft.text)
        spans = [(f.start, f.end) for f in account.invented]
        pieces = split_sentences(draft.text)
        kept, offset, dropped = [], 0, 0
        for piece in pieces:
            end = offset + len(piece)
            if any(offset <= s < end for s, _ in spans):
                dropped += 1
            else:
                kept.append(piece)
            offset = end
        if dropped and len([p for p in kept if p.strip()]) >= 2:
            draft.text = "".join(kept).strip()
            draft.repairs.append(f"removed {dropped} sentence(s) with invented facts")
            draft.check = check_text(job, draft.text)
            draft.facts = account_for(job, draft.text).to_dict()
    return job


def unified_diff(original: str, rewritten: str) -> str:
    """A sentence-per-line unified diff: paragraphs are too long to diff line by line."""

    def lines(text: str) -> list[str]:
        return [piece.strip() + "\n" for piece in split_sentences(text) if piece.strip()]

    return "".join(difflib.unified_diff(lines(original), lines(rewritten), "original", "rewrite"))


def attach_diff(job: DraftJob) -> DraftJob:
    if job.request.command == "rewrite":
        for draft in job.drafts:
            draft.diff = unified_diff(job.request.text, draft.text)
        job.diff = job.drafts[0].diff if job.drafts else None
    return job
