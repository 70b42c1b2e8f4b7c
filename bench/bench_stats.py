"""Channel statistics benchmarks: ``sendemast stats`` on 1,000 posts with a year of daily figures, and the
studio's results page warm.

    python bench/bench_stats.py [--quick]      # prints JSON on the last line

A copy of the example workspace gets a leader ``bench`` (Hanne's profile) with 1,000 posts in a JSON Lines
file — her texts, varied, over two years, LinkedIn and X, at varied hours — and INVENTED figures for every
one of them (a plain CSV) plus a LinkedIn workbook with 365 days of daily figures and its top 50 posts.

- ``stats_import_1k_s``: importing the plain CSV of 1,000 posts (read, join, store), in-process;
- ``stats_1k_s``: ``sendemast --leader bench stats --json`` as a user runs it (a new process: imports,
  posts read, tagged, joined and analysed), the median of three runs;
- ``stats_1k_warm_s``: the same analysis in-process once more (posts and tags cached by the first);
- ``studio_results_p95_ms``: ``GET /results?leader=bench`` in-process (FastAPI's test client, no network),
  after five warm-up loads (a page is kept until her posts, figures, profile or rules change);
  ``studio_results_first_ms``: the first load after an import (the analysis made anew);
  ``studio_results_example_p95_ms``: the p95 for the example's ``hanne``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path.insert(0, str(SRC))


def make_workspace(root: Path, n_posts: int) -> Path:
    from sendemast.planning.inputs import load_posts
    from sendemast.workspace import init_workspace, load_workspace

    init_workspace(root, example=True)
    ws = load_workspace(root)
    texts = [p.text for p in load_posts(ws, ws.leader("hanne"))[0]]
    bench = root / "leaders" / "bench"
    (bench / "posts").mkdir(parents=True)
    shutil.copyfile(root / "leaders" / "hanne" / "profile.yaml", bench / "profile.yaml")
    rng = random.Random(1000)
    start = dt.datetime(2024, 11, 1, 8, 0)
    rows, posts = [], []
    for i in range(n_posts):
        when = start + dt.timedelta(hours=rng.randrange(24 * 730))
        channel = "linkedin" if i % 3 else "x"
        url = (f"https://www.linkedin.com/posts/bench_post-activity-{7000000000000000000 + i}-abcd"
               if channel == "linkedin" else f"https://x.com/bench/status/{1800000000000000000 + i}")
        text = f"{rng.choice(texts)}\n\n(opslag {i})"
        posts.append({"id": f"b{i}", "text": text, "date": when.isoformat(), "channel": channel, "url": url})
        views = int(rng.lognormvariate(7, 0.8))
        rows.append([url, when.date().isoformat(), f"{views:,}".replace(",", "."), views // 40, views // 300,
                     views // 500, views // 200])
    with (bench / "posts" / "posts.jsonl").open("w", encoding="utf-8") as f:
        for post in posts:
            f.write(json.dumps(post, ensure_ascii=False) + "\n")
    with (root / "bench-figures.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["url", "date", "impressions", "reactions", "comments", "reposts", "clicks"])
        writer.writerows(rows)
    _daily_workbook(root / "bench-linkedin.xlsx", posts, rng)
    return root


def _daily_workbook(path: Path, posts: list[dict], rng: random.Random) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    names = ("DISCOVERY", "ENGAGEMENT", "TOP POSTS", "FOLLOWERS", "DEMOGRAPHICS")
    sheets = {name: (book.active if i == 0 else book.create_sheet(name)) for i, name in enumerate(names)}
    sheets["DISCOVERY"].title = "DISCOVERY"
    sheets["DISCOVERY"].append(["Overall Performance", "11/1/2025 - 10/31/2026"])
    sheets["ENGAGEMENT"].append(["Date", "Impressions", "Engagements"])
    day = dt.date(2025, 11, 1)
    for i in range(365):
        d = day + dt.timedelta(days=i)
        views, engaged = rng.randint(100, 4000), rng.randint(1, 90)
        sheets["ENGAGEMENT"].append([f"{d.month}/{d.day}/{d.year}", views, engaged])
    top = sheets["TOP POSTS"]
    top.append(["Maximum of 50 posts available to include in this list (INVENTED)"])
    top.append([])
    top.append(["Post URL", "Post publish date", "Engagements", None, "Post URL", "Post publish date",
                "Impressions"])
    linkedin = [p for p in posts if p["channel"] == "linkedin"][-50:]
    for p in linkedin:
        d = dt.date.fromisoformat(p["date"][:10])
        top.append([p["url"], f"{d.month}/{d.day}/{d.year}", rng.randint(5, 90), None, p["url"],
                    f"{d.month}/{d.day}/{d.year}", rng.randint(500, 9000)])
    sheets["FOLLOWERS"].append(["Total followers on 10/31/2026:", 5000])
    sheets["FOLLOWERS"].append([])
    sheets["FOLLOWERS"].append(["Date", "New followers"])
    sheets["DEMOGRAPHICS"].append(["Top Demographics", "Value", "Percentage"])
    sheets["DEMOGRAPHICS"].append(["Job titles", "Sygeplejerske", "7%"])
    book.save(path)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    quick = "--quick" in sys.argv
    n_posts = 200 if quick else 1000
    from sendemast.stats import import_figures, stats_for
    from sendemast.workspace import load_workspace

    with tempfile.TemporaryDirectory() as tmp:
        root = make_workspace(Path(tmp) / "ws", n_posts)
        ws = load_workspace(root)
        bench = ws.leader("bench")
        t = time.perf_counter()
        report = import_figures(ws, bench, root / "bench-figures.csv")
        import_s = time.perf_counter() - t
        assert report.joined == n_posts, report
        import_figures(ws, bench, root / "bench-linkedin.xlsx")

        env = {**os.environ, "PYTHONPATH": str(SRC)}
        runs = []
        for _ in range(1 if quick else 3):
            t = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "sendemast", "-w", str(root), "--leader", "bench",
                                   "stats", "--json"], capture_output=True, text=True, env=env)
            runs.append(time.perf_counter() - t)
            assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["posts_with_figures"] == n_posts
        assert json.loads(done.stdout)["days"]["days"] == 365

        stats_for(ws, bench)
        t = time.perf_counter()
        stats_for(ws, bench)
        warm = time.perf_counter() - t

        from fastapi.testclient import TestClient

        from sendemast.studio import create_app

        app = create_app(load_workspace(root), model_id="fake/draft")
        pages, first = {}, {}
        with TestClient(app, base_url="http://127.0.0.1:8000") as client:
            for leader in ("bench", "hanne"):
                if leader == "hanne":
                    import_figures(ws, ws.leader("hanne"), root / "bench-figures.csv")  # none join: fine
                t = time.perf_counter()
                assert client.get(f"/results?leader={leader}").status_code == 200
                first[leader] = time.perf_counter() - t
                for _ in range(5):
                    assert client.get(f"/results?leader={leader}").status_code == 200
                times = []
                for _ in range(20 if quick else 60):
                    t = time.perf_counter()
                    client.get(f"/results?leader={leader}")
                    times.append(time.perf_counter() - t)
                pages[leader] = times
    result = {
        "stats_import_1k_s": round(import_s, 3),
        "stats_1k_s": round(statistics.median(runs), 3),
        "stats_1k_warm_s": round(warm, 3),
        "studio_results_p95_ms": round(1000 * p95(pages["bench"]), 1),
        "studio_results_p50_ms": round(1000 * statistics.median(pages["bench"]), 1),
        "studio_results_first_ms": round(1000 * first["bench"], 1),
        "studio_results_example_p95_ms": round(1000 * p95(pages["hanne"]), 1),
        "stats_posts": n_posts,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
