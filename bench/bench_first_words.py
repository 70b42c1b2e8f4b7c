"""The first words of a draft on screen: from the click on "Skriv udkast" to the first written text in
the page's event stream, with the bundled model loaded.

    python bench/bench_first_words.py [--quick]      # prints JSON on the last line

The studio runs as a user starts it (``sendemast studio``, its own process, the default model) on an
ingested copy of the example workspace. One draft first loads the model and the index (what the studio
does in the background after it starts); then each run is what the page's JavaScript does: ``POST
/api/drafts`` with the compose form, then the Server-Sent Events of ``/api/drafts/{id}/events`` until a
``token`` or ``sentence`` event carries text. The bundled model drafts through the composer, which sends
no raw tokens, so this is the first *accepted* sentence.

- ``studio_first_words_s``: the median of the runs (goal: 3 s);
- ``studio_first_words_max_s``: the slowest run.
"""

from __future__ import annotations

import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

NOTES = [
    "- vi åbner det nye bibliotek i Fjordmark lørdag kl. 10\n- 1.200 m2, lavet sammen med 40 frivillige\n"
    "- tak til byggeholdet",
    "- hjemmeplejen har fået 12 nye elbiler\n- de kører 400 km om ugen i Vestbyen\n- tak til teamet",
    "- 86 ansatte har taget kurset i klart sprog\n- breve til borgerne er blevet kortere\n"
    "- næste hold i marts",
]


def first_words(port: int, notes: str) -> float:
    """Seconds from the POST to the first text in the stream; reads the stream to its end."""
    form = urllib.parse.urlencode({"text": notes, "command": "draft", "channel": "linkedin",
                                   "variants": ""})  # as the page sends it: the default count
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    t0 = time.perf_counter()
    conn.request("POST", "/api/drafts", body=form,
                 headers={"content-type": "application/x-www-form-urlencoded", "accept": "application/json"})
    answer = conn.getresponse()
    started = json.loads(answer.read())
    assert answer.status == 202, started
    conn.request("GET", started["events"], headers={"accept": "text/event-stream"})
    stream = conn.getresponse()
    kind, seen = "", None
    for raw in stream:
        line = raw.decode("utf-8").rstrip("\n")
        if line.startswith("event: "):
            kind = line[7:]
        elif line.startswith("data: ") and seen is None and kind in ("token", "sentence"):
            if json.loads(line[6:]).get("text", "").strip():
                seen = time.perf_counter() - t0
        elif line.startswith("data: ") and kind == "error":
            raise SystemExit(f"the draft failed: {line[6:]}")
        elif kind == "end":
            break
    conn.close()
    if seen is None:
        raise SystemExit("the stream ended without any written text")
    return seen


def main() -> None:
    quick = "--quick" in sys.argv
    from tests.support.servers import free_port, running, wait_until_ready

    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "ws"
        subprocess.run([py, "-m", "sendemast", "init", str(ws), "--example"], check=True, capture_output=True)
        subprocess.run([py, "-m", "sendemast", "-w", str(ws), "ingest"], check=True, capture_output=True)
        port = free_port()
        cmd = [py, "-m", "sendemast", "-w", str(ws), "studio", "--port", str(port)]
        with running(cmd, f"http://127.0.0.1:{port}/check", Path(tmp) / "studio.log", timeout=120):
            wait_until_ready(port)  # the model, the index and the check workers loaded, as a user finds it
            first_words(port, NOTES[0])  # the model and the index load
            runs = [first_words(port, NOTES[i % len(NOTES)]) for i in range(2 if quick else 5)]
    print(json.dumps({
        "studio_first_words_s": round(statistics.median(runs), 2),
        "studio_first_words_max_s": round(max(runs), 2),
        "studio_first_words_runs": len(runs),
    }))


if __name__ == "__main__":
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    main()
