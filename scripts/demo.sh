#!/usr/bin/env bash
# The main job, offline, on the bundled defaults: a fresh example workspace, ingested, then a draft and
# its scorecard. Run through `make demo`.
set -euo pipefail
ws=${1:-out/demo-workspace}
bin=.venv/bin
rm -rf "$ws"
$bin/sendemast init "$ws" --example
echo
echo "== The example organisation's leaders (the demo drafts for the default one)"
$bin/sendemast -w "$ws" leaders
echo
echo "== Ingesting the example corpus: the shared values and every leader's posts"
$bin/sendemast -w "$ws" ingest
echo
echo "== Channel statistics: INVENTED analytics exports for every leader's posts, imported"
$bin/python scripts/make_example_stats.py "$ws"
echo
echo "== What Hanne's posts achieved, per topic, form and time (intervals; 'too few' below the floor)"
$bin/sendemast -w "$ws" --leader hanne stats | sed -n '1,12p'
echo
echo "== Searching: velfærdsteknologi på plejecentrene"
$bin/sendemast -w "$ws" search "velfærdsteknologi på plejecentrene" -k 3
echo
echo "== Searching Hanne's posts (every leader is ready, in the studio too): nattevagt"
$bin/sendemast -w "$ws" --leader hanne search "nattevagt" --kind posts -k 2
echo
echo "== Drafting a LinkedIn post from $ws/notes/besoeg-plejecenter.md"
$bin/sendemast -w "$ws" draft "$ws/notes/besoeg-plejecenter.md" --channel linkedin
echo
echo "== The studio: run 'make studio' (or: $bin/sendemast -w $ws studio) and open http://127.0.0.1:8000/"
