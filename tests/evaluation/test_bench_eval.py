"""The concurrency benchmark runs and reports its figure (the goal itself is checked by ``make bench``)."""

from __future__ import annotations

import pytest


@pytest.mark.slow
@pytest.mark.server
def test_bench_eval_quick_reports_efficiency() -> None:
    from bench.bench_eval import run

    result = run(quick=True, concurrency=10)
    assert result["eval_requests"] == result["eval_cases"] == 20
    assert 0 < result["eval_concurrency_efficiency"] <= 1.05
