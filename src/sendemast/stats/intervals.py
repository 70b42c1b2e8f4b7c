"""The median and an exact, distribution-free confidence interval for it (order statistics and the
binomial distribution): no resampling, so the same posts always give the same interval, and nothing
assumed about how views are spread (a few posts with far more views than the rest are the rule)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Interval:
    median: float
    low: float
    high: float

    def above(self, other: Interval) -> bool:
        return self.low > other.high

    def below(self, other: Interval) -> bool:
        return self.high < other.low


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    n = len(ordered)
    mid = n // 2
    return float(ordered[mid]) if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2


@lru_cache(maxsize=4096)
def order_rank(n: int, confidence: float) -> int:
    """The largest k with P(Binomial(n, ½) < k) ≤ (1 − confidence)/2: the interval runs from the k-th
    smallest to the k-th largest value. 0 when n is too small for the confidence asked."""
    alpha = (1 - confidence) / 2
    log_half = n * math.log(0.5)
    cumulative, k = 0.0, 0
    while k < n:
        cumulative += math.exp(math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1) + log_half)
        if cumulative > alpha:
            break
        k += 1
    return k


def median_interval(values: Sequence[float], confidence: float) -> Interval | None:
    """The median with its interval, or None when there are too few values for ``confidence``."""
    n = len(values)
    k = order_rank(n, confidence) if n else 0
    if k < 1:
        return None
    ordered = sorted(values)
    mid = n // 2
    middle = float(ordered[mid]) if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2
    return Interval(middle, float(ordered[k - 1]), float(ordered[n - k]))
