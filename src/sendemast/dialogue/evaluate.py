"""Measure triage and replies on labelled comment sets: ``python -m sendemast.dialogue.evaluate``.

For each set (JSON Lines of ``{"id", "lang", "post", "author", "text", "class", "personal_data"}``):
triage accuracy, accuracy per class, the confusions, and over every reply offered (the frames, checked
as ``sendemast reply`` checks them) the count that repeat a commenter's personal data or name a party or
take a side — counted by a second, independent look (the checker's privacy and neutrality rules on the
reply, the comment's sensitive words and numbers, any party name), not by the reply rules themselves.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from sendemast.dialogue.rules import CLASSES

DEFAULT_SETS = ("evals/dialogue/dev.jsonl", "evals/dialogue/heldout.jsonl")
_NUMBER = re.compile(r"\d[\d.\-]{2,}")


def _rows(path: Path) -> list[dict[str, Any]]:
    from sendemast.jsonlines import read_jsonl

    return [row for _, row in read_jsonl(path)]


def _leaks(reply: str, comment: str, found: Any, ruleset: Any, party: re.Pattern[str]) -> tuple[bool, bool]:
    """(repeats personal data, takes a party side), judged apart from the reply rules."""
    from sendemast.guidelines import check_post

    result = check_post(
        reply,
        "linkedin",
        ruleset=ruleset,
        only=("privacy.cpr", "privacy.contact", "privacy.sensitive", "neutrality.party"),
    )
    words = {w.lower() for w in re.findall(r"\w+", reply)}
    sensitive = {
        h.excerpt.lower() for h in found.hits if h.signal in ("case.health", "checker:privacy.sensitive")
    }
    numbers = set(_NUMBER.findall(comment))
    personal = (
        any(f.rule.startswith("privacy.") for f in result.findings)
        or any(s in words or (" " in s and s in reply.lower()) for s in sensitive)
        or any(n in reply for n in numbers)
    )
    political = any(f.rule == "neutrality.party" for f in result.findings) or bool(party.search(reply))
    return personal, political


def evaluate_set(path: Path, replier: Any, show: bool = False) -> dict[str, Any]:
    from sendemast.dialogue.thread import Comment
    from sendemast.dialogue.triage import party_pattern

    rows = _rows(path)
    party = party_pattern(replier.leader.ruleset, replier.rules)
    confusion: Counter[tuple[str, str]] = Counter()
    per_class: dict[str, list[int]] = {c: [0, 0] for c in CLASSES}
    replies = personal = political = dropped = over_length = 0
    warnings: list[str] = []
    for number, row in enumerate(rows, start=1):
        comment = Comment(number, str(row.get("author") or ""), str(row["text"]))
        result = replier.reply(comment, str(row.get("post") or ""), warnings)
        gold, got = str(row["class"]), result.triage.cls
        confusion[(gold, got)] += 1
        per_class.setdefault(gold, [0, 0])
        per_class[gold][0] += gold == got
        per_class[gold][1] += 1
        if show and gold != got:
            print(f"  {row.get('id')}: {gold} → {got}  {row['text'][:100]}")
        for reply in result.replies:
            replies += 1
            leak, side = _leaks(reply.text, comment.text, result.triage, replier.leader.ruleset, party)
            personal += leak
            political += side
            over_length += len(reply.text) > replier.max_chars
            if show and (leak or side):
                print(
                    f"  {row.get('id')}: reply flagged ({'personal data' if leak else 'party'}): {reply.text}"
                )
    dropped = sum(1 for w in warnings if "dropped" in w)
    correct = sum(v for (g, p), v in confusion.items() if g == p)
    return {
        "set": str(path),
        "n": len(rows),
        "accuracy": correct / len(rows) if rows else 0.0,
        "per_class": {c: (ok / n if n else None, n) for c, (ok, n) in per_class.items() if n},
        "confusions": [(g, p, v) for (g, p), v in confusion.most_common() if g != p],
        "replies": replies,
        "repeat_personal_data": personal,
        "party_side": political,
        "over_length": over_length,
        "comments_with_dropped_drafts": dropped,
    }


def _print(report: dict[str, Any]) -> None:
    print(f"{report['set']}: {report['n']} comments, triage accuracy {report['accuracy']:.3f}")
    print("  per class: " + ", ".join(f"{c} {acc:.2f} ({n})" for c, (acc, n) in report["per_class"].items()))
    if report["confusions"]:
        print(
            "  confusions (gold → triaged): " + ", ".join(f"{g}→{p} ×{v}" for g, p, v in report["confusions"])
        )
    print(
        f"  replies offered {report['replies']}: repeat personal data {report['repeat_personal_data']}, "
        f"take a party side {report['party_side']}, over the length limit {report['over_length']}, "
        f"comments with drafts dropped by the reply rules {report['comments_with_dropped_drafts']}"
    )


def main(argv: list[str] | None = None) -> int:
    from sendemast.assembly import Organisation
    from sendemast.dialogue.service import Replier
    from sendemast.workspace import find_workspace, init_workspace

    parser = argparse.ArgumentParser(
        prog="python -m sendemast.dialogue.evaluate", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "sets", nargs="*", help=f"JSON Lines files (default: {', '.join(DEFAULT_SETS)} where present)"
    )
    parser.add_argument(
        "--workspace", "-w", help="the workspace whose leader replies (default: the example one)"
    )
    parser.add_argument("--leader", "-l", default=None)
    parser.add_argument(
        "--show", action="store_true", help="print each misclassified comment and flagged reply"
    )
    parser.add_argument("--json", action="store_true", help="print the reports as JSON")
    args = parser.parse_args(argv)
    paths = [Path(p) for p in args.sets] or [Path(p) for p in DEFAULT_SETS if Path(p).is_file()]
    if not paths:
        print("no labelled sets found", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        if args.workspace:
            workspace = find_workspace(Path(args.workspace))
        else:
            workspace = find_workspace(init_workspace(Path(tmp) / "ws", example=True))
        replier = Replier(Organisation(workspace).leader(args.leader))
        reports = [evaluate_set(p, replier, show=args.show and not args.json) for p in paths]
    if args.json:
        print(json.dumps(reports, ensure_ascii=False, indent=2))
    else:
        for report in reports:
            _print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
