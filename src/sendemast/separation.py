"""How well a score tells two groups apart (the leader's posts from others', one leader from another):
AUC, the gap between the means, d', and the best threshold. The one place these are computed: the
meta-evaluation, the voice calibration and the style card's held-out test use it."""

from __future__ import annotations

import statistics
from collections.abc import Sequence


def auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    if not positives or not negatives:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def separation(own: list[float], other: list[float]) -> dict[str, float]:
    pooled = statistics.pstdev(own + other) or 1e-9
    def balanced_accuracy(threshold: float) -> float:
        return sum(v >= threshold for v in own) / len(own) + sum(v < threshold for v in other) / len(other)

    best = max(sorted(set(own + other)), key=balanced_accuracy)
    return {
        "auc": round(auc(own, other), 4),
        "own_mean": round(statistics.fmean(own), 4), "other_mean": round(statistics.fmean(other), 4),
        "gap": round(statistics.fmean(own) - statistics.fmean(other), 4),
        "d_prime": round((statistics.fmean(own) - statistics.fmean(other)) / pooled, 3),
        "own_min": round(min(own), 4), "other_max": round(max(other), 4),
        "best_threshold": round(best, 4),
        "own_above_other_max": round(sum(v > max(other) for v in own) / len(own), 4),
    }
