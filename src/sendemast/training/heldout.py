"""The composer's sentences on held-out notes: how often each model's sentence passes the verifier.

    python -m sendemast.training.heldout [--models local/gemma-3-270m-tuned,local/gemma-3-270m]
                                         [--out out/heldout] [--limit N] [--heldout FILE] [--tries N]

For every note of ``evals/written/heldout-sentences.jsonl`` (written before any training, never trained or
tuned on; ``--heldout`` takes another set) each model writes the sentence as the composer asks for it —
the tuned prompt for a tuned model, the few-shot prompt otherwise; up to three candidates, as the composer
asks for each sentence — and the verifier (:func:`sendemast.drafting.sentences.judge_sentence`) judges it.
Reported per model: the share passing, the share passing at the first try, the median share of the
sentence's word 4-grams copied from the note, and seconds per sentence. ``OUT/sentences.jsonl`` keeps
every sentence, with the verifier's verdict, for the blind reading (:mod:`sendemast.training.blind`).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sendemast.errors import SendemastError
from sendemast.jsonlines import read_jsonl, write_jsonl, write_summary
from sendemast.lang import Language
from sendemast.training.dataset import Example

REPO = Path(__file__).resolve().parents[3]
HELDOUT = REPO / "evals" / "written" / "heldout-sentences.jsonl"
DEFAULT_MODELS = ("local/gemma-3-270m-tuned", "local/gemma-3-270m")
@dataclass
class Written:
    id: str
    model: str
    note: str
    sentence: str
    ok: bool
    reason: str
    attempt: int
    copied_share: float
    seconds: float


def load_heldout(path: Path = HELDOUT) -> list[Example]:
    rows = [row for _, row in read_jsonl(path)]
    return [Example(r["id"], r["lang"], r["task"], r["role"], r["kind"], r["note"], r.get("reference", ""))
            for r in rows]


def copied_share(sentence: str, source: str) -> float:
    """Share of the sentence's word 4-grams that stand verbatim in ``source`` (the checker's
    ``written.copied_share``, which reads whole posts, for one sentence)."""
    from sendemast.guidelines.text.lexicon import WORD

    def grams(text: str) -> list[tuple[str, ...]]:
        words = [w.lower() for w in WORD.findall(text)]
        return [tuple(words[i : i + 4]) for i in range(len(words) - 3)]

    mine = grams(sentence)
    if not mine:
        return 0.0
    have = set(grams(source))
    return sum(1 for g in mine if g in have) / len(mine)


def _prompt(model: Any, example: Example) -> Any:
    from sendemast.prompts import load_prompt, render

    lang: Language = "en" if example.lang == "en" else "da"
    if model.tuned_prompt:
        variables: dict[str, Any] = {"note": example.note, "task": example.task, "role": example.role}
        return render(load_prompt(model.tuned_prompt), lang, variables)
    variables = {
        "profile": {"name": "Lederen", "title": "direktør" if lang == "da" else "director"},
        "channel": {"id": "linkedin", "name": "LinkedIn", "limit": 3000, "hashtags_max": 3},
        "note": " ".join(example.note.split()),
    }
    return render(load_prompt("compose-sentence"), lang, variables)


def write(model: Any, example: Example, tries: int = 0) -> Written:
    from sendemast.drafting.sentences import judge_likelihood
    from sendemast.training.dataset import verdict

    started = time.perf_counter()
    rendered = _prompt(model, example)
    sentence, reason, attempt = "", "", 0
    from sendemast.drafting.compose import TEMPERATURES  # the candidates the composer asks for

    for attempt, temperature in enumerate(TEMPERATURES[: tries or len(TEMPERATURES)]):
        request = rendered.request(max_tokens=min(160, len(example.note) // 3 + 24), seed=101 + attempt,
                                   temperature=temperature)
        text = model.execute(request).text.strip()
        sentence = text.splitlines()[0].strip() if text else ""
        reason = verdict(Example(example.id, example.lang, example.task, example.role, example.kind,
                                 example.note, sentence))
        if not reason:
            reason = judge_likelihood(model, example.note, sentence)  # as the composer judges it
        if not reason:
            break
    return Written(example.id, model.model_id, example.note, sentence, not reason, reason, attempt,
                   round(copied_share(sentence, example.note), 3), round(time.perf_counter() - started, 2))


def summarise(rows: list[Written]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for model in dict.fromkeys(r.model for r in rows):
        mine = [r for r in rows if r.model == model]
        out[model] = {
            "sentences": len(mine),
            "passing": round(sum(r.ok for r in mine) / len(mine), 3),
            "passing_first_try": round(sum(r.ok and r.attempt == 0 for r in mine) / len(mine), 3),
            "copied_share_median": round(statistics.median(r.copied_share for r in mine), 3),
            "seconds_per_sentence": round(statistics.median(r.seconds for r in mine), 2),
            "refused_by_reason": _reasons(mine),
        }
    return out


def _reasons(rows: list[Written]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in rows:
        if not r.ok:
            key = r.reason.split(":")[0]
            counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: -kv[1]))


def main(argv: list[str] | None = None) -> int:
    from sendemast.models.registry import get_model

    parser = argparse.ArgumentParser(prog="python -m sendemast.training.heldout",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--models", default=",".join(DEFAULT_MODELS))
    parser.add_argument("--out", type=Path, default=Path("out/heldout"))
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--heldout", type=Path, default=HELDOUT,
                        help="the notes (JSONL, as heldout-sentences)")
    parser.add_argument("--tries", type=int, default=0, help="candidates per note (default: the composer's)")
    args = parser.parse_args(argv)
    examples = load_heldout(args.heldout)[: args.limit or None]
    rows: list[Written] = []
    try:
        for model_id in args.models.split(","):
            model = get_model(model_id.strip())
            rows += [write(model, example, args.tries) for example in examples]
    except SendemastError as exc:
        sys.stderr.write(f"error: {exc.one_line()}\n")
        return 2
    write_jsonl(args.out / "sentences.jsonl", (row.__dict__ for row in rows))
    write_summary(args.out / "summary.json", summarise(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
