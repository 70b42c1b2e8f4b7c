"""Per-rule precision and recall of the checker on labelled posts (``evals/labelled/``).

    python -m sendemast.guidelines.meta [DIR] [--json PATH] [--errors]

Posts in ``heldout*.yaml`` are scored separately from the rest (the development set); a file may name its
own split (``split: heldout-3``), so a fresh held-out batch is reported apart from the older ones. The file
format and the labelling convention are described in ``evals/labelled/README.md``.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sendemast.errors import EvalError, SendemastError

HELDOUT_PREFIX = "heldout"  # heldout.yaml, heldout-2.yaml …
DEFAULT_DIR = Path("evals/labelled")


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
        }


@dataclass
class Split:
    posts: int = 0
    rules: dict[str, Tally] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def tally(self, rule_id: str) -> Tally:
        return self.rules.setdefault(rule_id, Tally())

    def combined(self, rule_ids: set[str]) -> Tally:
        total = Tally()
        for rule_id, t in self.rules.items():
            if rule_id in rule_ids:
                total.tp, total.fp, total.fn = total.tp + t.tp, total.fp + t.fp, total.fn + t.fn
        return total


def load_labelled(directory: Path) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(file name, file header, post) for every post in every ``*.yaml`` file of ``directory``."""
    import yaml

    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise EvalError(f"no labelled posts (*.yaml) in {directory}")
    out = []
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise EvalError(f"{path}: cannot read labelled posts: {exc}") from None
        if not isinstance(data, dict) or not isinstance(data.get("posts"), list):
            raise EvalError(f"{path}: expected a mapping with a 'posts' list")
        for post in data["posts"]:
            if not isinstance(post, dict) or "text" not in post or "id" not in post:
                raise EvalError(f"{path}: every post needs an id and a text")
            out.append((path.name, data, post))
    return out


def split_of(filename: str, header: dict[str, Any]) -> str:
    """The split a file's posts are scored in: its ``split`` key, else held-out or development by name."""
    named = header.get("split")
    if isinstance(named, str) and named.strip():
        return named.strip()
    return "heldout" if filename.startswith(HELDOUT_PREFIX) else "dev"


def evaluate(directory: Path) -> dict[str, Split]:
    from sendemast.guidelines import check_post, load_ruleset

    ruleset = load_ruleset()
    all_rules = set(ruleset.rules)
    splits: dict[str, Split] = {"dev": Split(), "heldout": Split()}
    seen: set[str] = set()
    for filename, header, post in load_labelled(directory):
        if post["id"] in seen:
            raise EvalError(f"{filename}: duplicate id {post['id']!r}")
        seen.add(post["id"])
        split = splits.setdefault(split_of(filename, header), Split())
        split.posts += 1
        expected = set(post.get("expect") or [])
        unknown = expected - all_rules
        if unknown:
            raise EvalError(f"{filename}: {post['id']}: unknown rule id(s) {', '.join(sorted(unknown))}")
        unjudged = (set(header.get("unjudged") or []) | set(post.get("unjudged") or [])) - set(
            post.get("judged") or []
        )
        fired = check_post(
            post["text"], post.get("channel", "linkedin"), ruleset=ruleset,
            source=post.get("source"), source_kind=post.get("source_kind", "notes"),
            capacity=post.get("capacity"),
        ).rules_fired()
        for rule_id in sorted(all_rules - unjudged):
            t = split.tally(rule_id)
            if rule_id in expected and rule_id in fired:
                t.tp += 1
            elif rule_id in fired:
                t.fp += 1
                split.errors.append({"id": post["id"], "rule": rule_id, "kind": "false positive"})
            elif rule_id in expected:
                t.fn += 1
                split.errors.append({"id": post["id"], "rule": rule_id, "kind": "missed"})
    return splits


def report(splits: dict[str, Split], show_errors: bool = False) -> None:
    from rich.console import Console
    from rich.table import Table

    from sendemast.guidelines import load_ruleset

    ruleset = load_ruleset()
    console = Console(highlight=False)
    table = Table(title="Guideline checker: per-rule precision / recall on labelled posts")
    table.add_column("rule")
    table.add_column("severity")
    for name in splits:
        table.add_column(f"{name} P", justify="right")
        table.add_column(f"{name} R", justify="right")
        table.add_column(f"{name} tp/fp/fn", justify="right")
    rule_ids = sorted(
        {r for split in splits.values() for r in split.rules},
        key=lambda r: (["block", "review", "warn", "info"].index(ruleset.severity(r)), r),
    )
    for rule_id in rule_ids:
        row = [rule_id, ruleset.severity(rule_id)]
        for split in splits.values():
            t = split.rules.get(rule_id, Tally())
            row += [_fmt(t.precision), _fmt(t.recall), f"{t.tp}/{t.fp}/{t.fn}"]
        table.add_row(*row)
    strict = {r for r in rule_ids if ruleset.severity(r) in ("block", "review")}
    row = ["block+review (micro)", ""]
    for split in splits.values():
        t = split.combined(strict)
        row += [_fmt(t.precision), _fmt(t.recall), f"{t.tp}/{t.fp}/{t.fn}"]
    table.add_row(*row, style="bold")
    console.print(table)
    console.print(" · ".join(f"{name}: {split.posts} posts" for name, split in splits.items()))
    if show_errors:
        for name, split in splits.items():
            for error in split.errors:
                console.print(f"[dim]{name}[/] {error['id']}: {error['kind']} {error['rule']}")


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def to_json(splits: dict[str, Split]) -> dict[str, Any]:
    from sendemast.guidelines import load_ruleset

    ruleset = load_ruleset()
    strict = {r for r in ruleset.rules if ruleset.severity(r) in ("block", "review")}
    return {
        name: {
            "posts": split.posts,
            "rules": {rule_id: t.to_dict() for rule_id, t in sorted(split.rules.items())},
            "block_review": split.combined(strict).to_dict(),
            "errors": split.errors,
        }
        for name, split in splits.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sendemast.guidelines.meta", description=__doc__.split("\n")[0]
    )
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR, help="labelled posts folder")
    parser.add_argument("--json", type=Path, help="also write the numbers to this JSON file")
    parser.add_argument("--errors", action="store_true", help="list every false positive and miss")
    args = parser.parse_args(argv)
    try:
        splits = evaluate(args.directory)
    except SendemastError as exc:
        sys.stderr.write(f"error: {exc.one_line()}\n")
        return 2
    report(splits, show_errors=args.errors)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(to_json(splits), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
