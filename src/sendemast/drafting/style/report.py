"""``python -m sendemast.drafting.style``: the example leader's style card beside the card of the generic
public-sector posts by other authors (``evals/generic-public-sector/``), per language, so the difference a
card captures is visible. Part of ``make eval``. ``--json`` prints both cards.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable
from pathlib import Path

from sendemast.drafting.style.card import StyleCard
from sendemast.drafting.style.fit import Separation
from sendemast.drafting.style.learn import learn_style

Row = tuple[str, Callable[[StyleCard], str]]


def _pct(value: float) -> str:
    return f"{round(value * 100)} %"


def _top_kind(kinds: dict[str, float]) -> str:
    if not kinds:
        return "-"
    kind, value = max(kinds.items(), key=lambda kv: kv[1])
    return f"{kind} {_pct(value)}"


ROWS: list[Row] = [
    ("posts", lambda c: str(c.posts)),
    ("words per post (median)", lambda c: f"{c.words_per_post:g}"),
    (
        "words per sentence (median / p90)",
        lambda c: f"{c.sentences.median_words:g} / {c.sentences.p90_words}",
    ),
    ("posts with a question", lambda c: _pct(c.question_share)),
    (
        "sentences with jeg/I (posts)",
        lambda c: f"{_pct(c.person.singular_share)} ({_pct(c.person.singular_post_share)})",
    ),
    (
        "sentences with vi/we (posts)",
        lambda c: f"{_pct(c.person.plural_share)} ({_pct(c.person.plural_post_share)})",
    ),
    ("commonest opening", lambda c: _top_kind(c.openings.kinds)),
    ("closing with thanks", lambda c: _pct(c.closings.kinds.get("thanks", 0.0))),
    ("closing with a question", lambda c: _pct(c.closings.kinds.get("question", 0.0))),
    ("posts with emoji", lambda c: _pct(c.emoji.post_share)),
    ("hashtags per post (mean)", lambda c: f"{round(c.hashtags.per_post, 1):g}"),
    ("paragraphs per post (median)", lambda c: f"{c.layout.paragraphs_median:g}"),
    ("one-sentence paragraphs", lambda c: _pct(c.layout.one_sentence_paragraphs)),
    (
        "reusable phrases (openings + closings)",
        lambda c: f"{len(c.openings.phrases)} + {len(c.closings.phrases)}",
    ),
]


def compare(workspace_root: Path | None = None) -> dict[str, tuple[StyleCard, StyleCard, Separation]]:
    """lang → (the leader's card, the generic posts' card, how well held-out cards separate the two); the
    leader's favoured words are measured against the generic posts."""
    from sendemast.drafting.style.cache import baseline_posts, workspace_posts
    from sendemast.drafting.style.fit import cross_fitted_auc
    from sendemast.resources import bundled
    from sendemast.workspace import load_workspace

    workspace = load_workspace(workspace_root or bundled("example-workspace"))
    own, generic = workspace_posts(workspace), baseline_posts()
    return {
        lang: (
            learn_style(own, lang, None, generic),
            learn_style(generic, lang),
            cross_fitted_auc(own, generic, lang),
        )
        for lang in ("da", "en")
    }


def timing(workspace_root: Path | None = None) -> tuple[float, float]:
    """(seconds to learn the Danish LinkedIn card, seconds to read it back): ``load_style_card`` on a
    fresh copy of the workspace, so the first call learns and the second finds the cache."""
    import shutil
    import tempfile
    import time

    from sendemast.drafting.style.cache import load_style_card
    from sendemast.resources import bundled
    from sendemast.workspace import load_workspace

    source = workspace_root or bundled("example-workspace")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "ws"
        shutil.copytree(source, copy, ignore=shutil.ignore_patterns(".sendemast"))
        workspace = load_workspace(copy)
        started = time.perf_counter()
        load_style_card(workspace, "da", "linkedin")
        learnt = time.perf_counter()
        load_style_card(workspace, "da", "linkedin")
        return learnt - started, time.perf_counter() - learnt


def render(cards: dict[str, tuple[StyleCard, StyleCard, Separation]]) -> str:
    lines = []
    for lang, (leader, generic, separation) in cards.items():
        lines.append(f"## {lang}: the example leader vs generic public-sector posts")
        lines.append("")
        lines.append("| measure | leader | generic |")
        lines.append("|---|---|---|")
        lines.extend(f"| {name} | {value(leader)} | {value(generic)} |" for name, value in ROWS)
        words = ", ".join(w.word for w in leader.favoured_words) or "-"
        lines.append("")
        lines.append(f"Favoured words (log-odds z ≥ 1 against the generic posts): {words}")
        lines.append("")
        lines.append(
            f"Style fit, cross-fitted (cards learnt on one half, {separation.own_posts} leader and "
            f"{separation.other_posts} other posts scored): AUC {separation.auc:.3f}; "
            f"without post length and paragraphs {separation.without_length:.3f}"
        )
        alone = ", ".join(f"{k} {v:.2f}" for k, v in sorted(separation.habits.items(), key=lambda kv: -kv[1]))
        lines.append(f"Each habit alone: {alone}")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m sendemast.drafting.style", description=__doc__)
    parser.add_argument("--workspace", type=Path, default=None, help="a workspace (default: the example)")
    parser.add_argument("--json", action="store_true", help="print both cards per language as JSON")
    args = parser.parse_args(argv)
    from sendemast.errors import SendemastError

    try:
        cards = compare(args.workspace)
    except SendemastError as exc:
        sys.stderr.write(f"error: {exc.one_line()}\n")
        raise SystemExit(exc.exit_code) from None
    learn_s, cached_s = timing(args.workspace)
    if args.json:
        payload: dict[str, dict[str, object]] = {
            lang: {
                "leader": a.model_dump(mode="json"),
                "generic": b.model_dump(mode="json"),
                "separation": dataclasses.asdict(sep),
            }
            for lang, (a, b, sep) in cards.items()
        }
        payload["timing"] = {"learn_s": round(learn_s, 3), "cached_s": round(cached_s, 4)}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render(cards) + "\n")
        sys.stdout.write(
            f"load_style_card (da, linkedin) on a fresh copy: learnt in {learn_s:.2f} s, "
            f"read back from the cache in {cached_s * 1000:.0f} ms\n"
        )


if __name__ == "__main__":
    main()
