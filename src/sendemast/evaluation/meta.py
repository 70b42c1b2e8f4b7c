"""Meta-evaluation: can the scorers be trusted? (``make eval``)

    python -m sendemast.evaluation.meta [--workspace DIR] [--judge-model ID] [--json PATH]

- **Voice separation**: leave-one-out over the leader's past posts and the contrast set of other authors
  (``evals/generic-public-sector``): each post is scored against all the others, and the leader's own posts
  must score clearly above other authors'. Reported per view (character n-grams, embeddings) and combined:
  AUC, the means and the gap, d′, and the threshold that best separates them.
- **Voice across leaders** (a workspace with several leaders, as the example organisation): each leader's
  held-out posts against another leader's of the same organisation and topics
  (:mod:`sendemast.evaluation.voice_leaders`).
- **Judge agreement** (only with a capable judge model: ``--judge-model`` or ``SENDEMAST_MODEL__JUDGE``):
  the judge's scores against the human labels in ``evals/judge-labels.yaml`` — exact and within-one
  agreement, mean absolute error, and pass/fail agreement at 4.
- **Checker** precision/recall per rule comes from ``python -m sendemast.guidelines.meta``, run first
  when it is installed (``--no-checker`` skips it).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sendemast.errors import SendemastError
from sendemast.separation import auc, separation

if TYPE_CHECKING:
    from sendemast.evaluation.voice import VoiceModel, VoiceScore

REPO = Path(__file__).resolve().parents[3]
PASS_AT = 4


def voice_calibration(model: VoiceModel) -> dict[str, Any]:
    """Leave-one-out separation of the leader's posts from other authors', per view and combined."""
    own, other = model.leave_one_out()

    def view(key: str, scores: list[VoiceScore]) -> list[float]:
        return [s.lift if key == "combined" else s.parts[f"{key}_lift"] for s in scores]

    views = ["combined", "tfidf", *(["embedding"] if model.embedder is not None else [])]
    result: dict[str, Any] = {"leader_posts": len(own), "other_posts": len(other),
                              "views": {v: separation(view(v, own), view(v, other)) for v in views}}
    if model.embedder is not None:
        # The combined AUC at other n-gram weights (the lift is linear in them): how the weight was checked.
        def mixed(weight: float, scores: list[VoiceScore]) -> list[float]:
            return [weight * s.parts["tfidf_lift"] + (1 - weight) * s.parts["embedding_lift"] for s in scores]

        result["auc_by_tfidf_weight"] = {w: round(auc(mixed(w, own), mixed(w, other)), 4)
                                         for w in (0.5, 0.6, 0.7, 0.8, 0.9)}
    return result


def build_voice_model(workspace_root: Path | None, generic: Path | None, embeddings: bool) -> VoiceModel:
    """The default leader's voice model; its embedder and cache are reused for the other leaders."""
    from sendemast.corpus.past_posts import generic_posts, leader_posts
    from sendemast.evaluation.cache import EmbeddingCache
    from sendemast.evaluation.setup import cache_root_for
    from sendemast.evaluation.voice import VoiceModel
    from sendemast.resources import bundled
    from sendemast.workspace import load_workspace

    workspace = load_workspace(workspace_root or bundled("example-workspace"))
    embedder = cache = None
    if embeddings:
        from sendemast.retrieval.embedders import get_embedder

        embedder = get_embedder(workspace.settings.embedder)
        cache = EmbeddingCache(cache_root_for(None, None) / "embeddings", embedder.id)
    return VoiceModel(leader_posts(workspace), generic_posts(generic), embedder, cache=cache)


def judge_agreement(judge_id: str, labels_path: Path, workspace_root: Path | None) -> dict[str, Any]:
    """The judge's verdicts against human labels, tip by tip."""
    import yaml

    from sendemast.evaluation.cache import CachingModel, OutputCache
    from sendemast.evaluation.judge import judge_once, load_rubric
    from sendemast.evaluation.setup import cache_root_for
    from sendemast.lang import detect_language
    from sendemast.models import get_model
    from sendemast.prompts import prompt_folders
    from sendemast.resources import bundled
    from sendemast.workspace import load_workspace

    workspace = load_workspace(workspace_root or bundled("example-workspace"))
    model = get_model(judge_id, workspace.settings)
    if not model.capable:
        return {"skipped": f"{model.model_id} is too small to judge reliably"}
    judge = CachingModel(model, OutputCache(cache_root_for(None, None) / "outputs"))
    data = yaml.safe_load(labels_path.read_text(encoding="utf-8"))
    folders = prompt_folders(workspace.root)
    pairs: dict[str, list[tuple[int, int]]] = {}
    for post in data["posts"]:
        variables = {"profile": workspace.profile.model_dump(), "audience": None, "topic": None,
                     "channel": {"id": data.get("channel", "linkedin"), "name": "LinkedIn", "limit": 3000},
                     "post": post["text"]}
        for tip, label in post["labels"].items():
            verdict = judge_once(judge, load_rubric(tip, folders), detect_language(post["text"]), variables)
            pairs.setdefault(tip, []).append((int(label), verdict.score))
    report = {}
    for tip, scored in pairs.items():
        report[tip] = {
            "n": len(scored),
            "exact": round(sum(a == b for a, b in scored) / len(scored), 3),
            "within_one": round(sum(abs(a - b) <= 1 for a, b in scored) / len(scored), 3),
            "mae": round(statistics.fmean(abs(a - b) for a, b in scored), 3),
            "pass_fail_agreement": round(
                sum((a >= PASS_AT) == (b >= PASS_AT) for a, b in scored) / len(scored), 3),
        }
    return {"judge": model.model_id, "labels": str(labels_path), "tips": report}


def _checker_meta(as_json: bool) -> dict[str, Any] | None:
    import importlib.util

    labelled = REPO / "evals" / "labelled"
    if importlib.util.find_spec("sendemast.guidelines.meta") is None or not labelled.is_dir():
        return None
    from sendemast.guidelines import meta as checker_meta

    if not as_json:
        checker_meta.main([str(labelled)])
        return None
    import contextlib
    import tempfile

    # Its table goes to stderr here, so that '--json -' leaves standard output pure JSON.
    with tempfile.TemporaryDirectory() as tmp, contextlib.redirect_stdout(sys.stderr):
        out = Path(tmp) / "checker.json"
        checker_meta.main([str(labelled), "--json", str(out)])
        return json.loads(out.read_text(encoding="utf-8")) if out.is_file() else None


def _print_voice(voice: dict[str, Any]) -> None:
    print(f"Voice scorer: {voice['leader_posts']} of the leader's posts vs {voice['other_posts']} by other "
          "authors, leave-one-out (lift over the contrast set)")
    print(f"  {'view':<10} {'AUC':>6} {'leader':>8} {'others':>8} {'gap':>7} {'d′':>6} {'threshold':>10}")
    for name, s in voice["views"].items():
        print(f"  {name:<10} {s['auc']:>6.3f} {s['own_mean']:>8.3f} {s['other_mean']:>8.3f} {s['gap']:>7.3f} "
              f"{s['d_prime']:>6.2f} {s['best_threshold']:>10.3f}")
    if "auc_by_tfidf_weight" in voice:
        print("  combined AUC by n-gram weight: "
              + ", ".join(f"{w:g} → {a:.3f}" for w, a in voice["auc_by_tfidf_weight"].items()))


def _voice_leaders(workspace_root: Path | None, model: VoiceModel) -> dict[str, Any]:
    from sendemast.evaluation.voice_leaders import cross_leader_separation
    from sendemast.resources import bundled
    from sendemast.workspace import load_workspace

    workspace = load_workspace(workspace_root or bundled("example-workspace"))
    cache = getattr(model, "cache", None)
    return cross_leader_separation(workspace, model.generic, model.embedder, cache)


def _print_voice_leaders(result: dict[str, Any]) -> None:
    if not result["pairs"]:
        return
    print("Voice across leaders: a leader's held-out posts vs another leader's (same organisation, topics)")
    print(f"  {'leader':<12} {'vs':<12} {'view':<10} {'AUC':>6} {'gap':>7} {'d′':>6}")
    for pair in result["pairs"]:
        for name, s in pair["views"].items():
            print(f"  {pair['leader']:<12} {pair['other']:<12} {name:<10} {s['auc']:>6.3f} {s['gap']:>7.3f} "
                  f"{s['d_prime']:>6.2f}")


def main(argv: list[str] | None = None) -> int:
    import os

    parser = argparse.ArgumentParser(prog="python -m sendemast.evaluation.meta",
                                     description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--workspace", type=Path, help="whose posts define the voice (default: the example)")
    parser.add_argument("--generic", type=Path, help="contrast set (default: evals/generic-public-sector)")
    parser.add_argument("--judge-model", default=None,
                        help="judge to check against the labels (default: SENDEMAST_MODEL__JUDGE)")
    parser.add_argument("--labels", type=Path, default=REPO / "evals" / "judge-labels.yaml")
    parser.add_argument("--no-embeddings", action="store_true", help="character n-grams only")
    parser.add_argument("--no-checker", action="store_true", help="skip the checker's precision/recall")
    parser.add_argument("--json", dest="json_path", default=None, help="write JSON here ('-': stdout)")
    args = parser.parse_args(argv)
    result: dict[str, Any] = {}
    try:
        if not args.no_checker:
            result["checker"] = _checker_meta(as_json=args.json_path is not None)
        model = build_voice_model(args.workspace, args.generic, not args.no_embeddings)
        result["voice"] = voice_calibration(model)
        result["voice_leaders"] = _voice_leaders(args.workspace, model)
        judge_id = args.judge_model or os.environ.get("SENDEMAST_MODEL__JUDGE")
        if judge_id and args.labels.is_file():
            result["judge"] = judge_agreement(judge_id, args.labels, args.workspace)
        else:
            reason = "no judge model configured (--judge-model or SENDEMAST_MODEL__JUDGE)"
            result["judge"] = {"skipped": reason}
    except SendemastError as exc:
        print(f"error: {exc.one_line()}", file=sys.stderr)
        return exc.exit_code
    if args.json_path:
        text = json.dumps(result, ensure_ascii=False, indent=2)
        if args.json_path == "-":
            print(text)
        else:
            Path(args.json_path).write_text(text + "\n", encoding="utf-8")
    if args.json_path != "-":
        _print_voice(result["voice"])
        _print_voice_leaders(result["voice_leaders"])
        judge = result["judge"]
        if "skipped" in judge:
            print(f"Judge agreement: skipped — {judge['skipped']}")
        else:
            print(f"Judge agreement ({judge['judge']} vs {judge['labels']}):")
            for tip, s in judge["tips"].items():
                print(f"  {tip:<9} n={s['n']:<3} exact {s['exact']:.2f} · within one {s['within_one']:.2f} · "
                      f"MAE {s['mae']:.2f} · pass/fail agreement {s['pass_fail_agreement']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
