"""The exact interval for a median, checked against the binomial distribution computed another way, and
the analysis's refusal to name a winner in noise."""

from __future__ import annotations

import math
import random

import pytest

from sendemast.stats.analysis import Item, analyse
from sendemast.stats.intervals import median_interval, order_rank
from sendemast.stats.rules import load_rules


def _binom_cdf(k: int, n: int) -> float:
    return sum(math.comb(n, i) for i in range(k + 1)) / 2**n


@pytest.mark.parametrize("n", [6, 9, 10, 23, 50, 200])
def test_order_rank_is_the_largest_with_the_coverage(n: int) -> None:
    k = order_rank(n, 0.95)
    assert 1 - 2 * _binom_cdf(k - 1, n) >= 0.95  # the coverage holds ...
    assert 1 - 2 * _binom_cdf(k, n) < 0.95  # ... and one step narrower it would not


def test_too_few_values_for_the_confidence_have_no_interval() -> None:
    assert median_interval([1.0, 2.0, 3.0, 4.0, 5.0], 0.95) is None  # 5 values cannot give 95 %
    found = median_interval([float(v) for v in range(1, 11)], 0.95)
    assert found is not None and found.median == 5.5 and (found.low, found.high) == (2.0, 9.0)


def _items(rng: random.Random, n: int, effect: float = 1.0) -> list[Item]:
    out = []
    for i in range(n):
        weekday = rng.randrange(5)
        topic = rng.choice(["a", "b", "c", "d"])
        views = rng.lognormvariate(7, 0.8) * (effect if weekday == 1 else 1.0)
        out.append(Item(id=str(i), channel="linkedin", weekday=weekday, hour=8, impressions=int(views),
                        engagements=int(views * rng.uniform(0.01, 0.05)),
                        groups={"weekday": (str(weekday),), "topic": (topic,)}))
    return out


@pytest.mark.parametrize("seed", range(12))
def test_noise_names_no_winner(seed: int) -> None:
    rules = load_rules()
    items = _items(random.Random(seed), 120)
    for name in ("weekday", "topic"):
        dimension = analyse(items, name, [], rules)
        assert dimension.winners() == [] and dimension.winners("rate") == []
        assert all(g.verdict == {"impressions": None, "rate": None} for g in dimension.groups)


def test_a_real_difference_is_found_and_only_that_one() -> None:
    rules = load_rules()
    items = _items(random.Random(5), 200, effect=3.0)
    weekday = analyse(items, "weekday", [], rules)
    assert weekday.winners() == ["1"]
    tuesday = next(g for g in weekday.groups if g.id == "1")
    assert tuesday.ratio is not None and tuesday.ratio > 2
    assert analyse(items, "topic", [], rules).winners() == []


def test_below_the_floor_there_are_no_figures() -> None:
    rules = load_rules()
    items = _items(random.Random(1), 40)
    small = [i for i in items if i.groups["topic"] == ("a",)][: rules.min_posts - 1]
    rest = [i for i in items if i.groups["topic"] != ("a",)]
    dimension = analyse(small + rest, "topic", ["a"], rules)
    a = next(g for g in dimension.groups if g.id == "a")
    assert a.too_few and a.impressions is None and a.verdict["impressions"] is None
    assert a.to_json("A", "da")["note"] == "for få opslag til at sige noget"
    assert a.to_json("A", "en")["note"] == "too few posts to say anything"
