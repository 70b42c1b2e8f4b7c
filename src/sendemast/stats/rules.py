"""The thresholds and word lists of the statistics, as data: ``rules.yaml`` in the package, or the
workspace's ``stats.yaml`` when it has one (then its keys replace the package's)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sendemast.errors import ConfigError

PACKAGE_RULES = Path(__file__).with_name("rules.yaml")
WORKSPACE_FILE = "stats.yaml"


@dataclass(frozen=True)
class StatsRules:
    min_posts: int
    confidence: float
    plan_min_posts: int
    plan_max_boost: float
    length_bands: dict[str, int | None]
    forms: dict[str, list[str]]


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read the statistics rules: {exc}", path=str(path)) from None
    if not isinstance(data, dict):
        raise ConfigError("the statistics rules must be a mapping", path=str(path))
    return data


def load_rules(workspace_root: Path | None = None) -> StatsRules:
    data = _read(PACKAGE_RULES)
    if workspace_root is not None and (workspace_root / WORKSPACE_FILE).is_file():
        data.update(_read(workspace_root / WORKSPACE_FILE))
    try:
        rules = StatsRules(
            min_posts=int(data["min_posts"]), confidence=float(data["confidence"]),
            plan_min_posts=int(data["plan_min_posts"]), plan_max_boost=float(data["plan_max_boost"]),
            length_bands={str(k): (None if v is None else int(v)) for k, v in data["length_bands"].items()},
            forms={str(k): [str(p).lower() for p in v] for k, v in data["forms"].items()},
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"the statistics rules are incomplete or malformed ({exc})",
                          path=str(workspace_root / WORKSPACE_FILE if workspace_root else PACKAGE_RULES)
                          ) from None
    if not 0.5 <= rules.confidence < 1 or rules.min_posts < 1:
        raise ConfigError("confidence must lie in [0.5, 1) and min_posts be at least 1", field="stats")
    return rules
