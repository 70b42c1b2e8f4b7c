"""Channel statistics (tip 6: know your channel): import what the platforms' analytics exports say about
a leader's posts, join it to her posts, and say per topic, audience, form and time what reached people —
with intervals, and without naming a winner the numbers do not support.

``import_figures`` and ``stats_for`` (:mod:`.report`) are what the CLI and the studio call;
``plan_evidence`` (:mod:`.evidence`) is what the plan learns from.
"""

from __future__ import annotations

from sendemast.stats.report import ImportReport, StatsReport, import_figures, stats_for

__all__ = ["ImportReport", "StatsReport", "import_figures", "stats_for"]
