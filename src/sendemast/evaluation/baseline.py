"""Regressions against a baseline: an earlier run's JSON report (``--baseline PATH``).

Compared over the cases both runs have:

- a case that passed in the baseline and fails now is a regression (unless either run marked it flaky:
  a flaky judge is not evidence);
- the pass rate may not drop by more than the tolerance;
- for every numeric score, the mean may not drop by more than the tolerance, measured as a share of the
  score's scale (0.05 of a 1-5 judge scale is 0.2 points; of the voice lift's -0.5..0.5, 0.05).
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any

from sendemast.errors import UsageError

DEFAULT_TOLERANCE = 0.05


def load_baseline(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"no baseline file {path}") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UsageError(f"cannot read the baseline {path}: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        raise UsageError(f"{path} is not a 'sendemast eval --json' report (no 'cases' list)")
    return data


def _numeric(score: dict[str, Any] | None) -> float | None:
    if not score or score.get("status") in ("skipped", "error"):
        return None
    value = score.get("value")
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _scale(*scores: dict[str, Any] | None) -> float:
    for score in scores:
        scale = (score or {}).get("scale")
        if scale and scale[1] > scale[0]:
            return float(scale[1] - scale[0])
    return 1.0


def compare(report: dict[str, Any], baseline: dict[str, Any], *, tolerance: float = DEFAULT_TOLERANCE,
            path: str = "") -> dict[str, Any]:
    before = {str(c.get("id")): c for c in baseline["cases"] if isinstance(c, dict)}
    common = [(before[c["id"]], c) for c in report["cases"] if c["id"] in before]
    regressions: list[dict[str, Any]] = []
    for old, new in common:
        if old.get("passed") and not new.get("passed") and not (old.get("flaky") or new.get("flaky")):
            why = [f"{n}: {s.get('explanation', '')}" for n, s in (new.get("scores") or {}).items()
                   if s.get("status") in ("failed", "error")]
            message = f"{new['id']} passed in the baseline and fails now ({'; '.join(why)})"
            regressions.append({"kind": "case", "case": new["id"], "message": message})
    rate_before = statistics.fmean([bool(o.get("passed")) for o, _ in common]) if common else 0.0
    rate_after = statistics.fmean([bool(n.get("passed")) for _, n in common]) if common else 0.0
    if rate_before - rate_after > tolerance:
        message = f"pass rate fell from {rate_before:.0%} to {rate_after:.0%} over {len(common)} common cases"
        regressions.append({"kind": "pass_rate", "message": message})
    names = sorted({name for _, new in common for name in (new.get("scores") or {})})
    changes = {}
    for name in names:
        pairs = [(_numeric((o.get("scores") or {}).get(name)), _numeric((n.get("scores") or {}).get(name)),
                  _scale((n.get("scores") or {}).get(name), (o.get("scores") or {}).get(name)))
                 for o, n in common]
        usable = [(a, b, s) for a, b, s in pairs if a is not None and b is not None]
        if not usable:
            continue
        mean_before = statistics.fmean(a for a, _, _ in usable)
        mean_after = statistics.fmean(b for _, b, _ in usable)
        drop = (mean_before - mean_after) / usable[0][2]
        changes[name] = {"before": round(mean_before, 4), "after": round(mean_after, 4), "cases": len(usable)}
        if drop > tolerance:
            message = (f"mean {name} fell from {mean_before:.3f} to {mean_after:.3f} over {len(usable)} "
                       f"cases (more than {tolerance:.0%} of its scale)")
            regressions.append({"kind": "score", "score": name, "message": message})
    return {"path": path, "tolerance": tolerance, "compared": len(common),
            "pass_rate_before": round(rate_before, 4), "pass_rate_after": round(rate_after, 4),
            "scores": changes, "regressions": regressions}
