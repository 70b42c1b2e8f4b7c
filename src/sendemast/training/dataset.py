"""The training examples for the composer's sentences, checked and split.

    python -m sendemast.training.dataset [--failures]     # counts, and every example the verifier refuses

Each line of ``corpus/training/written/*.jsonl`` is ``{"id", "lang", "task", "role", "kind", "note",
"sentence"}``: a note (or one institutional sentence, for ``task: rewrite``) and the sentence a leader
would post. An example is used only when :func:`sendemast.drafting.sentences.judge_sentence` accepts its
sentence for its note, as the composer would accept it from the model: every fact kept, none added,
known words, first person where the role needs it. The split is by a hash of the id (10 % dev, to choose
the epochs), so it stays the same when examples are added.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sendemast.errors import UsageError
from sendemast.jsonlines import read_jsonl

REPO = Path(__file__).resolve().parents[3]
WRITTEN = REPO / "corpus" / "training" / "written"
DEV_SHARE = 0.10
FIELDS = ("id", "lang", "task", "role", "kind", "note", "sentence")


@dataclass(frozen=True)
class Example:
    id: str
    lang: str
    task: str
    role: str
    kind: str
    note: str
    sentence: str

    @property
    def split(self) -> str:
        digest = hashlib.sha256(self.id.encode()).digest()
        return "dev" if digest[0] < 256 * DEV_SHARE else "train"


def load_examples(folder: Path = WRITTEN) -> list[Example]:
    examples: list[Example] = []
    seen: set[str] = set()
    for path in sorted(folder.glob("*.jsonl")):
        for number, row in read_jsonl(path):
            missing = [f for f in FIELDS if not isinstance(row.get(f), str)]
            if missing:
                raise UsageError(f"{path.name} line {number}: missing {', '.join(missing)}")
            if row["id"] in seen:
                raise UsageError(f"{path.name} line {number}: the id {row['id']!r} is used twice")
            seen.add(row["id"])
            examples.append(Example(*(row[f] for f in FIELDS)))
    return examples


def verdict(example: Example) -> str:
    """'' when the composer's verifier accepts the example's sentence for its note, else the reason."""
    from sendemast.drafting.compose import _spelling_lookup
    from sendemast.drafting.sentences import judge_sentence, words_of
    from sendemast.lang import common_words

    judged = judge_sentence(
        example.sentence,
        example.note,
        lang=example.lang,
        known=words_of(example.note) | common_words(example.lang),
        unknown=_spelling_lookup(example.lang),
        need_first_person=example.role == "opening" and example.task == "draft",
        rewrite=example.task == "rewrite",
    )
    return "" if judged.ok else judged.reason


def checked(examples: list[Example]) -> tuple[list[Example], list[tuple[Example, str]]]:
    kept, refused = [], []
    for example in examples:
        reason = verdict(example)
        if reason:
            refused.append((example, reason))
        else:
            kept.append(example)
    return kept, refused


def summary(kept: list[Example], refused: list[tuple[Example, str]]) -> dict[str, Any]:
    return {
        "examples": len(kept) + len(refused),
        "kept": len(kept),
        "refused": len(refused),
        "by_lang": dict(Counter(e.lang for e in kept)),
        "by_task": dict(Counter(e.task for e in kept)),
        "by_split": dict(Counter(e.split for e in kept)),
        "refused_by_reason": dict(Counter(r.split(":")[0] for _, r in refused).most_common()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sendemast.training.dataset",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--failures", action="store_true", help="list every refused example and why")
    args = parser.parse_args(argv)
    kept, refused = checked(load_examples())
    print(json.dumps(summary(kept, refused), ensure_ascii=False, indent=2))
    if args.failures:
        for example, reason in refused:
            print(f"{example.id}\t{reason}\t{example.note}\t=>\t{example.sentence}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
