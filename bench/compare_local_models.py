"""Which bundled model should be the offline default? Draft from the example workspace's notes with
each and measure speed and a few checker-based quality signals.

    python bench/compare_local_models.py [--seeds 2] [--max-tokens 300] [--models gemma-3-270m smollm2-135m]

Signals per draft (on the model's own text, before repair, and on the final draft):
- ``lang_ok``: the detected language is the one asked for (Danish for the Danish notes);
- ``first_person``: the post speaks as "jeg/vi" ("I/we");
- ``length_ok``: non-trivial (≥ 150 characters) and within the channel's limit after repair;
- ``repetition``: share of repeated word trigrams in the raw output (degeneration; lower is better);
- ``notes_overlap``: share of the notes' content words that the draft uses (on topic; higher is better);
- ``verdict``: the checker's verdict on the final draft.
Prints a JSON summary (per model: averages and tokens/s) on the last line.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

FIRST_PERSON = {"da": r"\b(jeg|vi|mig|os|min|mit|mine|vores)\b", "en": r"\b(I|we|me|us|my|our)\b"}
STOP = set(
    [
        "og",
        "i",
        "at",
        "det",
        "en",
        "den",
        "til",
        "er",
        "som",
        "på",
        "de",
        "med",
        "af",
        "for",
        "ikke",
        "der",
        "var",
        "har",
        "om",
        "vi",
        "kan",
        "fra",
        "ved",
        "nu",
        "the",
        "and",
        "of",
        "to",
        "in",
        "is",
        "that",
        "it",
        "for",
        "on",
        "with",
        "as",
        "at",
        "by",
        "be",
        "this",
        "are",
        "from",
        "or",
        "an",
        "have",
        "we",
        "our",
    ]
)


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[^\W\d_]{3,}", text)]


def repetition(text: str) -> float:
    words = _words(text)
    grams = [tuple(words[i : i + 3]) for i in range(len(words) - 2)]
    return 0.0 if not grams else round(1 - len(set(grams)) / len(grams), 3)


def overlap(notes: str, text: str) -> float:
    wanted = {w for w in _words(notes) if w not in STOP}
    have = set(_words(text))
    return 0.0 if not wanted else round(len(wanted & have) / len(wanted), 3)


def prepare_workspace(base: Path) -> Path:
    from sendemast.corpus.ingest import ingest
    from sendemast.workspace import init_workspace, load_workspace

    root = init_workspace(base / "example", example=True)
    ingest(load_workspace(root))
    return root


def draft_once(
    workspace: Any,
    retriever: Any,
    model: Any,
    notes: str,
    lang: str,
    seed: int,
    max_tokens: int,
    prompts: Path | None = None,
) -> dict[str, Any]:
    from sendemast.drafting.chain import build_chain
    from sendemast.drafting.job import DraftJob
    from sendemast.drafting.types import DraftRequest
    from sendemast.guidelines.channels import count_length
    from sendemast.lang import detect_language
    from sendemast.resources import bundled

    request = DraftRequest(text=notes, lang=lang, variants=1, seed=seed, max_tokens=max_tokens)  # type: ignore[arg-type]
    job = DraftJob(
        request=request,
        model=model,
        profile=workspace.profile,
        retriever=retriever,
        settings=workspace.settings,
        prompt_folders=[prompts, bundled("prompts")] if prompts else None,
    )
    started = time.perf_counter()
    try:
        job = build_chain().invoke(job)
    except Exception as exc:  # a model that never gives a usable answer counts as a failure, not a crash
        return {
            "ok": False,
            "error": f"{type(exc).__name__}: {exc}"[:200],
            "seconds": round(time.perf_counter() - started, 2),
        }
    elapsed = time.perf_counter() - started
    raw = job.parsed[0].completion
    draft = job.drafts[0]
    count, limit, _ = count_length(draft.text, draft.channel)
    return {
        "ok": True,
        "seconds": round(elapsed, 2),
        "tokens": raw.completion_tokens,
        "gen_tokens_per_s": round((raw.completion_tokens or 0) / raw.elapsed_s, 2) if raw.elapsed_s else None,
        "attempts": job.parsed[0].attempts,
        "lang_ok": detect_language(raw.text, default="en" if lang == "da" else "da") == lang,
        "starts_with_bullet": raw.text.lstrip().startswith(("-", "#", "*")),
        "first_person": bool(re.search(FIRST_PERSON[lang], raw.text, re.I if lang == "da" else 0)),
        "length_ok": len(draft.text) >= 150 and count <= limit,
        "repetition": repetition(raw.text),
        "notes_overlap": overlap(notes, draft.text),
        "verdict": draft.verdict,
        "revised": draft.revised,
        "text": draft.text,
    }


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    ok = [r for r in rows if r["ok"]]

    def share(key: str) -> float:
        return round(sum(1 for r in ok if r[key]) / len(rows), 3) if rows else 0.0

    def mean(key: str) -> float | None:
        values = [r[key] for r in ok if r.get(key) is not None]
        return round(statistics.mean(values), 3) if values else None

    return {
        "drafts": len(rows),
        "usable": share("ok"),
        "lang_ok": share("lang_ok"),
        "first_person": share("first_person"),
        "length_ok": share("length_ok"),
        "repetition": mean("repetition"),
        "notes_overlap": mean("notes_overlap"),
        "verdict_pass": round(sum(1 for r in ok if r["verdict"] == "pass") / len(rows), 3) if rows else 0,
        "seconds_per_draft": mean("seconds"),
        "gen_tokens_per_s": mean("gen_tokens_per_s"),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", nargs="*", default=["gemma-3-270m", "smollm2-135m"])
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--max-tokens", type=int, default=300)
    parser.add_argument("--show", action="store_true", help="print every draft to stderr")
    parser.add_argument("--prompts", type=Path, help="a folder of prompt files to try instead of the bundled")
    args = parser.parse_args()

    from sendemast.lang import detect_language
    from sendemast.models import get_model
    from sendemast.retrieval import open_retriever
    from sendemast.workspace import load_workspace

    with tempfile.TemporaryDirectory() as tmp:
        workspace = load_workspace(prepare_workspace(Path(tmp)))
        retriever = open_retriever(workspace)
        notes = {
            p.name: p.read_text(encoding="utf-8") for p in sorted((workspace.root / "notes").glob("*.md"))
        }
        summary: dict[str, Any] = {}
        for name in args.models:
            model = get_model(f"local/{name}", workspace.settings)
            model.llama()  # type: ignore[attr-defined]  # load outside the timings
            rows: list[dict[str, Any]] = []
            for file, text in notes.items():
                lang = detect_language(text)
                for seed in range(args.seeds):
                    row = draft_once(
                        workspace, retriever, model, text, lang, seed, args.max_tokens, args.prompts
                    )
                    row.update(model=name, notes=file, lang=lang, seed=seed)
                    rows.append(row)
                    if args.show:
                        print(
                            json.dumps({k: v for k, v in row.items()}, ensure_ascii=False, indent=1),
                            file=sys.stderr,
                        )
            summary[name] = {
                "all": summarise(rows),
                "danish_notes": summarise([r for r in rows if r["lang"] == "da"]),
                "english_notes": summarise([r for r in rows if r["lang"] == "en"]),
            }
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
