"""The studio's plan page in-process: the same numbers as ``sendemast plan --json``, the weekly chart as
inline SVG with a table beside it, the calendar byte for byte the CLI's, a slot's "Skriv udkast" opening
the compose page filled in (and drafting from it), and wrong choices as one line on the page."""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from sendemast.cli import main

TODAY = "2026-12-01"  # the example's last post is from October 2026 (as tests/planning uses)


def cli_json(capsys: Any, monkeypatch: Any, root: Path, *args: str) -> dict[str, Any]:
    monkeypatch.setattr(sys, "argv", ["sendemast", "-w", str(root), "plan", "--today", TODAY, *args])
    with pytest.raises(SystemExit) as done:
        main()
    out, _ = capsys.readouterr()
    assert done.value.code in (0, None)
    return json.loads(out) if "--json" in args else {}


def alert(page_html: str) -> str:
    found = re.search(r'<p class="error-line" role="alert">([^<]*)</p>', page_html)
    return html.unescape(found.group(1)) if found else ""


def test_the_page_shows_what_the_cli_says(studio_client: Any, capsys: Any, monkeypatch: Any) -> None:
    expected = cli_json(capsys, monkeypatch, studio_client.workspace_root, "--json")
    response = studio_client.get(f"/plan?today={TODAY}")
    assert response.status_code == 200
    page = response.text
    assert '<html lang="da">' in page and '<a href="/plan" aria-current="page">Plan</a>' in page
    c = expected["cadence"]
    for value in (c["actual_per_week"]["last_12_weeks"], c["actual_per_week"]["last_52_weeks"]):
        assert f"<dd>{value:.2f}</dd>".replace(".", ",") in page  # Danish decimals
    w12, w52 = c["weeks_below_target"]["last_12_weeks"], c["weeks_below_target"]["last_52_weeks"]
    assert f"{w12} af 12 · {w52} af 52" in page
    assert f"{c['longest_gap_days']} dage" in page
    assert "onsdag kl. 08" in page  # the usual weekday and hour (the CLI: wednesday, 8)
    assert (c["usual_weekday"], c["usual_hour"]) == ("wednesday", 8)
    for topic in expected["topics"]:
        assert f'<th scope="row">{html.escape(topic["title"], quote=False)}</th>' in page
    assert page.count(">Gået i stå</span>") == sum(t["gone_quiet"] for t in expected["topics"]) > 0
    # every slot, each with its one-click draft
    for slot in expected["plan"]:
        assert f'id="slot-{slot["id"]}"' in page
        assert f'href="/?leader=birgitte&amp;slot={slot["id"]}"' in page
    assert page.count(">Skriv udkast</a>") == len(expected["plan"]) > 0


def test_the_chart_is_inline_svg_with_a_title_and_a_table(studio_client: Any) -> None:
    page = studio_client.get(f"/plan?today={TODAY}").text
    svg = re.search(r'<svg class="chart".*?</svg>', page, re.S)
    assert svg is not None
    assert 'role="img"' in svg.group(0)
    assert 'aria-labelledby="weekly-chart-title weekly-chart-desc"' in svg.group(0)
    assert '<title id="weekly-chart-title">Opslag pr. uge, de seneste 52 hele uger</title>' in svg.group(0)
    assert svg.group(0).count('class="target"') == 1
    assert len(re.findall(r'<rect class="bar(?:-none)?"', svg.group(0))) == 52
    assert "style=" not in svg.group(0)  # the policy allows no inline style
    table = re.search(r'<details class="weeks-table">.*?</details>', page, re.S)
    assert table is not None and table.group(0).count('<th scope="row">Uge ') == 52
    assert re.search(r"<script[^>]*>[^<]+</script>", page) is None


def test_the_calendar_is_the_clis_for_the_same_day(
    studio_client: Any, capsys: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    from icalendar import Calendar

    root = studio_client.workspace_root
    for leader in ("birgitte", "hanne"):
        response = studio_client.get(f"/plan.ics?leader={leader}&weeks=4&today={TODAY}")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/calendar")
        assert response.headers["content-disposition"] == (
            f'attachment; filename="sendemast-plan-{leader}-{TODAY}.ics"')
        ics = tmp_path / f"{leader}.ics"
        cli_json(capsys, monkeypatch, root, "-l", leader, "--ics", str(ics))
        ours, theirs = Calendar.from_ical(response.content), Calendar.from_ical(ics.read_bytes())
        events = [e for e in ours.walk("VEVENT")]
        assert events and [str(e["uid"]) for e in events] == [str(e["uid"]) for e in theirs.walk("VEVENT")]
        assert [str(e["summary"]) for e in events] == [str(e["summary"]) for e in theirs.walk("VEVENT")]
        assert response.content == ics.read_bytes()
        name = yaml.safe_load((root / ("leaders/hanne/" if leader == "hanne" else "") / "profile.yaml")
                              .read_text(encoding="utf-8"))["name"]
        assert str(ours["x-wr-calname"]).endswith(name)  # her own calendar, not the default leader's


def test_the_page_links_the_calendar_of_the_plan_it_shows(studio_client: Any) -> None:
    page = studio_client.get(f"/plan?leader=hanne&weeks=3&today={TODAY}").text
    assert f'href="/plan.ics?leader=hanne&amp;weeks=3&amp;today={TODAY}"' in page


def test_skriv_udkast_opens_compose_filled_in_from_the_slot(studio_client: Any) -> None:
    from sendemast.planning import resolve_slot
    from sendemast.workspace import load_workspace

    page = studio_client.get(f"/plan?leader=hanne&today={TODAY}").text
    link = html.unescape(re.findall(r'<a class="button primary" href="([^"]+)"', page)[0])
    slot_id = link.rsplit("=", 1)[1]
    compose = studio_client.get(link)
    assert compose.status_code == 200
    ws = load_workspace(studio_client.workspace_root)
    planned = resolve_slot(ws.state_dir, "hanne", slot_id, ws.root)  # what `draft --slot` drafts from
    notes = re.search(r'<textarea id="notes"[^>]*>(.*?)</textarea>', compose.text, re.S)
    assert notes is not None and html.unescape(notes.group(1)) == planned.notes
    chosen = r'<select id="(\w+)" name="\w+">(?:(?!</select>).)*?<option value="([^"]*)" selected'
    selected = dict(re.findall(chosen, compose.text, re.S))
    assert selected == {"leader": "hanne", "channel": planned.channel, "audience": planned.audience,
                        "topic": planned.topic}
    assert planned.topic in {t.id for t in ws.leader("hanne").profile.topics}  # her topics, not Birgitte's
    # the filled-in form drafts as it stands (the page's JavaScript posts exactly these fields)
    started = studio_client.post("/api/drafts", data={"text": planned.notes, "command": "draft",
                                                      **selected})
    assert started.status_code == 202, started.text
    stream = studio_client.get(started.json()["events"]).text
    assert "event: draft" in stream and "event: done" in stream


def test_an_unknown_slot_is_one_line(studio_client: Any) -> None:
    studio_client.get(f"/plan?today={TODAY}")
    response = studio_client.get("/?leader=birgitte&slot=2031-01-01-x")
    assert response.status_code == 400
    assert alert(response.text).startswith("unknown slot '2031-01-01-x' (known: ")
    assert "Traceback" not in response.text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("weeks=fire", "Uger skal være et helt tal fra 1 til 26, ikke 'fire'"),
        ("weeks=0", "Uger skal være et helt tal fra 1 til 26, ikke '0'"),
        ("weeks=27", "Uger skal være et helt tal fra 1 til 26, ikke '27'"),
        ("today=1.12.2026", "I dag skal være en dato som 2026-12-01, ikke '1.12.2026'"),
        ("today=2026-02-30", "I dag skal være en dato som 2026-12-01, ikke '2026-02-30'"),
        ("leader=jens", "Ukendt leder 'jens' (kendte: birgitte, hanne)"),
        ("leader=<script>", "Ukendt leder '<script>' (kendte: birgitte, hanne)"),
    ],
)
def test_a_wrong_choice_is_one_line_on_the_page(studio_client: Any, query: str, message: str) -> None:
    response = studio_client.get(f"/plan?{query}")
    assert response.status_code == 400
    assert alert(response.text) == message
    assert '<form class="plan-form"' in response.text  # the form stays, to put it right
    assert "<script>" not in response.text.replace('<script src="', "")
    assert "Traceback" not in response.text and 'id="weekly-chart"' not in response.text
    ics = studio_client.get(f"/plan.ics?{query}")
    assert ics.status_code == 400 and alert(ics.text) == message
    assert not ics.headers["content-type"].startswith("text/calendar")


def test_english_is_the_studios_choice(studio_client: Any) -> None:
    page = studio_client.get(f"/plan?lang=en&today={TODAY}").text
    assert '<html lang="en">' in page and "<h1>Plan and cadence</h1>" in page
    assert ">Write draft</a>" in page and "Download the calendar (.ics)" in page
    assert "<dd>0.58</dd>" in page  # English decimals
    wrong = studio_client.get("/plan?weeks=x").text  # the cookie keeps English
    assert alert(wrong) == "Weeks must be a whole number from 1 to 26, not 'x'"


def test_profile_text_is_escaped_in_the_tables_and_the_chart(studio_client: Any) -> None:
    root = studio_client.workspace_root
    path = root / "leaders" / "hanne" / "profile.yaml"
    profile = yaml.safe_load(path.read_text(encoding="utf-8"))
    profile["topics"][0]["title"] = 'Ældre <img src=x onerror="alert(1)">'
    path.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    page = studio_client.get(f"/plan?leader=hanne&today={TODAY}").text
    assert "<img src=x" not in page
    assert "Ældre &lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in page
