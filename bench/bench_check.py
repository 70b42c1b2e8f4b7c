"""Guideline checker benchmarks (issue 3): batch throughput and the cold start of one check.

    python bench/bench_check.py [--quick]      # prints JSON on the last line

- ``check_posts_per_s``: posts per CPU second through the batch path (JSON Lines in, JSON out, one core) on
  a generated mixed batch: half LinkedIn (400–1,500 characters), half X (up to ~280), with the URLs, emoji,
  hashtags, names and numbers real posts have. ``check_posts_per_s_wall`` is the same by the wall clock.
- ``check_cold_one_post_s``: median wall time of ``sendemast check -`` on one post in a fresh process,
  outside any workspace (``_cpu_s``: its CPU time, which a busy machine does not inflate; the
  ``_workspace_s`` variant runs inside the example workspace, settings and profile loaded).
"""

from __future__ import annotations

import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_SENTENCES = [
    "Jeg var i dag ude hos vores hjemmepleje i Vestby, og jeg blev imponeret over, hvor meget de når.",
    "Tak til alle medarbejdere, der har stået tidligt op i denne uge for at få vinterberedskabet på plads.",
    "Vi har nu 42 nye praktikpladser i ældreplejen, og det er jeg stolt af.",
    "Det vigtigste, jeg har lært i år, er at lytte, før jeg taler.",
    "Borgerne i Søholm fik i går svar på deres spørgsmål om den nye skolestruktur.",
    "Ventetiden i borgerservice er faldet fra 19 til 6 minutter på et år.",
    "Hvad gør du, når en kollega siger fra?",
    "Jeg mener, at vi skal fejre vores frivillige noget mere.",
    "Det nye sundhedshus samler læger, sygeplejersker og fysioterapeuter under ét tag.",
    "Bag kulisserne i vores vandværk arbejder 9 mennesker døgnet rundt for rent vand til 52.000 borgere.",
    "Mette Holm fra lønkontoret holdt et skarpt oplæg om trivsel på vores ledermøde.",
    "Vi har renoveret 11 toiletter på skolerne i år, og eleverne har selv valgt farverne.",
    "Drej til venstre ved rundkørslen, så ligger det nye bibliotek lige foran dig.",
    "I spent the morning with our night shift, and I learned more than in a month of meetings.",
    "Our new library uses 40 % less energy than the old one.",
    "Næste borgermøde er den 3. juni kl. 19 i Vestby Hallen, og alle er velkomne.",
]
_URLS = [
    "https://www.nordby.dk/nyheder/2025/sundhedshuset-er-aabnet",
    "nordby.dk/jobs",
    "https://t.co/AbCdEf123",
]
_EMOJI = ["🎉", "🙏", "💚", "👏🏽", "🚲"]
_TAGS = ["#Nordby", "#Ledelse", "#GrønOmstilling", "#grønomstilling", "#Velfærd", "#dkpol"]


def make_batch(n: int, seed: int = 3) -> list[dict[str, str]]:
    """``n`` posts, half LinkedIn and half X, deterministic for a given seed."""
    rng = random.Random(seed)
    posts = []
    for i in range(n):
        channel = "linkedin" if i % 2 == 0 else "x"
        target = rng.randint(400, 1500) if channel == "linkedin" else rng.randint(90, 250)
        sentences: list[str] = []
        while sum(len(s) + 1 for s in sentences) < target:
            sentences.append(rng.choice(_SENTENCES))
        text = ("\n\n" if channel == "linkedin" else " ").join(sentences)
        if rng.random() < 0.25:
            text += " " + rng.choice(_URLS)
        if rng.random() < 0.2:
            text += " " + rng.choice(_EMOJI)
        if rng.random() < 0.5:
            text += "\n" + " ".join(rng.sample(_TAGS, rng.randint(1, 3)))
        posts.append({"id": f"p{i}", "channel": channel, "text": text})
    return posts


def posts_per_second(n: int) -> tuple[float, float, float]:
    """(posts per CPU second, posts per wall-clock second, share of X posts on the plain fast path).

    CPU time is the figure for "one core": the check is single-threaded and CPU-bound, and CPU time does
    not count the time other processes on a shared machine take from it. On an idle machine they agree.
    """
    from functools import partial

    from sendemast.guidelines import check_post, load_ruleset
    from sendemast.guidelines.channels.count import x_fast_path_applies
    from sendemast.guidelines.engine.batch import check_lines

    batch = make_batch(n)
    lines = [json.dumps(p, ensure_ascii=False) for p in batch]
    check = partial(check_post, ruleset=load_ruleset())  # the shipped rules, no profile
    list(check_lines(lines[:20], channel="linkedin", check=check))  # warm up: imports, compiled lists
    started, started_cpu = time.perf_counter(), time.process_time()
    written = 0
    for item in check_lines(lines, channel="linkedin", check=check):
        written += len(json.dumps(item, ensure_ascii=False))
    elapsed, elapsed_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    x_posts = [p["text"] for p in batch if p["channel"] == "x"]
    fast_share = sum(map(x_fast_path_applies, x_posts)) / max(1, len(x_posts))
    return n / elapsed_cpu, n / elapsed, fast_share


def cold_start(runs: int, *, workspace: Path | None = None) -> tuple[float, float]:
    """Median (wall seconds, CPU seconds) of ``sendemast check -`` on one post in a new process."""
    script = Path(sys.executable).parent / "sendemast"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "sendemast"]
    post = _SENTENCES[0] + "\n\n" + _SENTENCES[3] + "\n#Nordby"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SENDEMAST_")}
    times, cpu_times = [], []
    with tempfile.TemporaryDirectory() as empty:
        cwd = str(workspace or empty)
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            done = subprocess.run(
                [*command, "check", "-"], input=post, capture_output=True, text=True, cwd=cwd, env=env
            )
            times.append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu_times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            if done.returncode not in (0, 1):
                raise RuntimeError(f"sendemast check failed: {done.stderr.strip()[-300:]}")
    return statistics.median(times), statistics.median(cpu_times)


def run(quick: bool = False) -> dict[str, float]:
    n = 600 if quick else 6000
    throughput, wall_throughput, fast_share = posts_per_second(n)
    cold, cold_cpu = cold_start(3 if quick else 7)
    results = {
        "check_posts_per_s": round(throughput, 1),
        "check_posts_per_s_wall": round(wall_throughput, 1),
        "check_x_fast_path_share": round(fast_share, 3),
        "check_cold_one_post_s": round(cold, 3),
        "check_cold_one_post_cpu_s": round(cold_cpu, 3),
    }
    with tempfile.TemporaryDirectory() as tmp:
        from sendemast.workspace import init_workspace

        try:
            root = init_workspace(Path(tmp) / "ws", example=True)
        except Exception:  # the example workspace is optional for this figure
            root = None
        if root is not None:
            wall, _ = cold_start(3 if quick else 5, workspace=root)
            results["check_cold_one_post_workspace_s"] = round(wall, 3)
    return results


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv[1:])))
