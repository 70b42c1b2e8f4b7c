"""INVENTED analytics for the example workspace's leaders: write a LinkedIn-layout workbook and an X
analytics CSV per leader (``sendemast.stats.example``; every figure made up, the files say so) and import
them, so the studio's results page and ``sendemast stats`` have something to show.

    python scripts/make_example_stats.py WORKSPACE [--leader ID ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--leader", action="append", default=None, help="default: every leader")
    args = parser.parse_args()
    from sendemast.leaders import leader_ids
    from sendemast.planning.inputs import load_posts
    from sendemast.stats import import_figures
    from sendemast.stats.example import write_example
    from sendemast.workspace import load_workspace

    workspace = load_workspace(args.workspace)
    for leader_id in args.leader or leader_ids(workspace):
        leader = workspace.leader(leader_id)
        posts, _ = load_posts(workspace, leader)
        for path in write_example(posts, leader.root / "stats" / "examples"):
            report = import_figures(workspace, leader, path)
            print(f"{leader.id}: {path.relative_to(workspace.root)} (INVENTED): {report.joined} of "
                  f"{report.rows} posts joined, {len(report.unjoined)} not")
    return 0


if __name__ == "__main__":
    sys.exit(main())
