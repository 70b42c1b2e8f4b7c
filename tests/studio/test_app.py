"""The studio in-process (FastAPI's TestClient): pages, streamed drafts, the live check, history shared
with the CLI, errors, escaping and the security headers. The model is ``fake/draft``; the rest is real."""

from __future__ import annotations

import json
import re
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from sendemast.models.fake import FakeModel

PAGES = ["/", "/rewrite", "/check", "/library", "/library?q=plejecenter", "/history", "/reports"]
NOTES = "- besøg på Engbo plejecenter\n- nye robotter hjælper personalet\n- tak til alle medarbejdere"
PRESS = ("Fjordmark Kommune åbner den 1. marts 2026 plejecentret Havbakken med 40 boliger. Byggeriet har "
         "kostet 212 mio. kr. Læs mere på https://fjordmark.dk/havbakken.")


def events(client: Any, url: str) -> list[tuple[str, dict[str, Any]]]:
    """Every event of a draft job's stream (it ends when the job does)."""
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    found = []
    for block in response.text.split("\n\n"):
        kind = re.search(r"^event: (.+)$", block, re.M)
        data = re.search(r"^data: (.+)$", block, re.M)
        if kind and data:
            found.append((kind.group(1), json.loads(data.group(1))))
    return found


def draft_via_api(client: Any, **fields: str) -> list[tuple[str, dict[str, Any]]]:
    started = client.post("/api/drafts", data={"text": NOTES, "command": "draft", **fields})
    assert started.status_code == 202, started.text
    return events(client, started.json()["events"])


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_danish_with_a_strict_policy_and_no_inline_script(
    studio_client: Any, path: str
) -> None:
    response = studio_client.get(path)
    assert response.status_code == 200
    assert '<html lang="da">' in response.text
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    # every <script> loads a file of ours; none carries code in the page
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", response.text))
    assert re.search(r"<script[^>]*>[^<]+</script>", response.text) is None
    # every form field has a label
    ids = set(re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', response.text))
    labelled = set(re.findall(r'<label for="([^"]+)"', response.text))
    assert ids <= labelled, ids - labelled


def test_english_is_a_choice_and_sticks(studio_client: Any) -> None:
    response = studio_client.get("/?lang=en")
    assert '<html lang="en">' in response.text and "Write draft" in response.text and "Notes" in response.text
    assert studio_client.get("/check").text.count('<html lang="en">') == 1  # the cookie keeps it
    back = studio_client.get("/check?lang=da")
    assert '<html lang="da">' in back.text and ">Opslag<" in back.text


def test_compose_page_has_the_fields_the_issue_names(studio_client: Any) -> None:
    html = studio_client.get("/").text
    for label in ("Noter", "Leder", "Kanal", "Målgruppe", "Emne", "Sprog"):
        assert f">{label}</label>" in html
    assert "Skriv udkast" in html and "Birgitte Vang Holst" in html
    assert '<a href="/check">Tjek</a>' in html


def test_live_check_flags_a_cpr_number_and_marks_it(studio_client: Any) -> None:
    body = {"text": "Borgeren har CPR 010203-1234.", "channel": "x"}
    response = studio_client.post("/api/check", json=body)
    assert response.status_code == 200
    body = response.json()
    assert body["check"]["verdict"] == "block"
    cpr = next(f for f in body["check"]["findings"] if f["rule"] == "privacy.cpr")
    assert (cpr["start"], cpr["end"]) == (17, 28)
    assert re.search(r'<mark class="sev-block"[^>]*>010203-1234<', body["html"])
    assert "Må ikke udgives" in body["html"]


def test_live_check_previews_linkedin_fold_and_x_thread(studio_client: Any) -> None:
    text = " ".join(f"Sætning {i} om velfærdsteknologi på plejecentrene i Fjordmark." for i in range(12))
    html = studio_client.post("/api/check", json={"text": text, "channel": "linkedin"}).json()["html"]
    assert "…se mere" in html and "<details" in html
    assert "For langt til ét opslag på X" in html
    parts = re.findall(r"<li><p class=\"post-text\">([^<]*)</p>", html)
    assert len(parts) >= 3 and parts[0].endswith(f" 1/{len(parts)}")
    assert "Kopiér tråden" in html


def test_everything_shown_is_escaped(studio_client: Any) -> None:
    evil = '<img src=x onerror="alert(1)"> <script>alert(2)</script> 010203-1234'
    html = studio_client.post("/api/check", json={"text": evil, "channel": "linkedin"}).json()["html"]
    assert "<img" not in html and "<script" not in html
    assert "&lt;img src=x" in html and "&lt;script&gt;" in html
    page = studio_client.post("/check", data={"post": evil, "channel": "linkedin"}).text
    assert "<img src=x" not in page and "&lt;script&gt;alert(2)" in page
    searched = studio_client.get("/library", params={"q": "<b>fed</b>"}).text
    assert "<b>fed</b>" not in searched and "&lt;b&gt;fed&lt;/b&gt;" in searched


def test_check_page_works_without_javascript(studio_client: Any) -> None:
    page = studio_client.post("/check", data={"post": "Ring til mig på 23 45 67 89.", "channel": "linkedin"})
    assert page.status_code == 200
    assert "privacy.contact" in page.text or "Godkend" in page.text


def test_a_draft_streams_steps_then_the_checked_draft_then_done(studio_client: Any) -> None:
    got = draft_via_api(studio_client, channel="linkedin")
    kinds = [k for k, _ in got]
    assert kinds[0] == "model" and kinds[-1] == "end"
    assert kinds.index("step") < kinds.index("draft") < kinds.index("done")
    steps = [d["step"] for k, d in got if k == "step"]
    assert steps[:4] == ["resolve_options", "guard_input", "read_the_notes", "retrieve"]
    assert "call_model" in steps
    drafts = [d for k, d in got if k == "draft"]
    assert drafts and all(d["html"].startswith("<article") for d in drafts)
    assert "Engbo" in drafts[0]["html"] and "De seks råd" in drafts[0]["html"]
    assert 'aria-labelledby="draft-1-title"' in drafts[0]["html"]
    assert "Kopiér teksten" in drafts[0]["html"] and "Kilder" in drafts[0]["html"]
    done = next(d for k, d in got if k == "done")
    assert done["model"] == "fake/draft" and done["history_id"]


def test_studio_and_cli_share_one_history(studio_client: Any, capsys: Any, monkeypatch: Any) -> None:
    from sendemast.cli import main

    root: Path = studio_client.workspace_root
    done = next(d for k, d in draft_via_api(studio_client) if k == "done")
    studio_id = done["history_id"]
    # the studio's draft in `sendemast history`
    monkeypatch.setattr(sys, "argv", ["sendemast", "-w", str(root), "history", "list", "--json"])
    with pytest.raises(SystemExit):
        main()
    listed = json.loads(capsys.readouterr().out)["entries"]
    assert studio_id in [e["id"] for e in listed]
    # a CLI draft in the studio's history page
    monkeypatch.setattr(sys, "argv", ["sendemast", "-w", str(root), "draft", "--model", "fake/draft",
                                      "--json",
                                      "--", "- cykelstier ved Fjordskolen\n- tak til vejafdelingen"])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code in (0, None)
    cli_id = json.loads(capsys.readouterr().out)["history_id"]
    page = studio_client.get("/history").text
    assert f'href="/history/{cli_id}"' in page and f'href="/history/{studio_id}"' in page
    entry = studio_client.get(f"/history/{cli_id}").text
    assert "cykelstier ved Fjordskolen" in entry and "fake/draft" in entry and "<article" in entry


def test_rewrite_shows_the_diff(studio_client: Any) -> None:
    started = studio_client.post("/api/drafts", data={"text": PRESS, "command": "rewrite"})
    got = events(studio_client, started.json()["events"])
    draft = next(d for k, d in got if k == "draft")["html"]
    assert "Omskrivning 1" in draft and "Ændringer i forhold til originalen" in draft
    assert 'class="diff-add"' in draft


def test_compose_without_javascript_waits_and_shows_the_drafts(studio_client: Any) -> None:
    page = studio_client.post("/", data={"notes": NOTES, "channel": "x", "variants": "1"})
    assert page.status_code == 200
    assert page.text.count('<article class="draft"') == 1 and "Udkast 1 · X" in page.text
    assert "Gemt i historikken som" in page.text


@pytest.mark.parametrize(
    ("fields", "message"),
    [({"text": "   "}, "Noter: skriv noget først"), ({"channel": "myspace"}, "unknown channel 'myspace'"),
     ({"variants": "mange"}, "variants must be a whole number"), ({"leader": "nobody"}, "unknown leader")],
)
def test_bad_draft_input_is_one_readable_line(
    studio_client: Any, fields: dict[str, str], message: str
) -> None:
    response = studio_client.post("/api/drafts", data={"text": NOTES, **fields})
    assert response.status_code == 400
    assert message in response.json()["error"] and "Traceback" not in response.text


def test_errors_are_pages_with_a_message_never_a_trace(studio_client: Any) -> None:
    missing = studio_client.get("/nowhere")
    assert missing.status_code == 404 and "Siden findes ikke." in missing.text and "<html" in missing.text
    bad = studio_client.get("/history/no-such-entry")
    assert bad.status_code == 400 and "no history entry" in bad.text and "Traceback" not in bad.text
    unknown = studio_client.post("/api/check", json={"text": "Hej", "channel": "myspace"})
    assert unknown.status_code == 400 and "unknown channel" in unknown.json()["error"]
    invalid = studio_client.post("/api/check", json={"channel": "x"})
    assert invalid.status_code == 422 and "text" in invalid.json()["error"]
    assert studio_client.get("/api/drafts/nope/events").status_code == 404


def test_a_model_error_reaches_the_page_as_one_line(studio_client: Any) -> None:
    from sendemast.errors import ModelError

    FakeModel.from_id("draft").enqueue(*[ModelError("the model server is down")] * 6)
    got = draft_via_api(studio_client)
    errors = [d["message"] for k, d in got if k == "error"]
    assert errors and "the model server is down" in errors[0]


class _GatedModel(FakeModel):
    """``fake/draft`` that waits at every call until the test opens the gate: a very slow model."""

    def __init__(self) -> None:
        super().__init__("gated-draft")
        self.gate = threading.Event()
        self.waiting = threading.Event()

    def execute(self, request: Any) -> Any:
        self.waiting.set()
        assert self.gate.wait(30)
        return super().execute(request)


def test_a_slow_model_blocks_no_other_request(copy_of_ingested: Path) -> None:
    from fastapi.testclient import TestClient

    from sendemast.studio import create_app
    from sendemast.workspace import load_workspace

    app = create_app(load_workspace(copy_of_ingested), model_id="fake/gated-draft")
    slow = _GatedModel()
    app.state.studio.add_model(slow)
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        started = client.post("/api/drafts", data={"text": NOTES})
        assert slow.waiting.wait(20), "the draft never reached the model"
        t0 = time.perf_counter()
        assert client.get("/check").status_code == 200
        assert client.post("/api/check", json={"text": "CPR 010203-1234", "channel": "x"}).status_code == 200
        assert client.get("/history").status_code == 200
        assert time.perf_counter() - t0 < 2.0
        job = app.state.studio.jobs.get(started.json()["job"])
        assert not job.finished  # the draft is still waiting on its model
        slow.gate.set()
        kinds = [k for k, _ in events(client, started.json()["events"])]
        assert "draft" in kinds and "done" in kinds


def test_a_stream_resumes_after_the_last_event_it_saw(studio_client: Any) -> None:
    started = studio_client.post("/api/drafts", data={"text": NOTES})
    first = studio_client.get(started.json()["events"]).text
    ids = [int(x) for x in re.findall(r"^id: (\d+)$", first, re.M)]
    resumed = studio_client.get(started.json()["events"], headers={"Last-Event-ID": str(ids[-3])}).text
    assert [int(x) for x in re.findall(r"^id: (\d+)$", resumed, re.M)] == ids[-2:]


@pytest.mark.parametrize(
    "headers",
    [{"origin": "http://evil.example"}, {"sec-fetch-site": "cross-site"}, {"origin": "null"},
     {"host": "evil.example"}],
)
def test_cross_site_posts_and_foreign_hosts_are_refused(studio_client: Any, headers: dict[str, str]) -> None:
    response = studio_client.post("/api/check", json={"text": "Hej", "channel": "x"}, headers=headers)
    assert response.status_code == 403


def test_same_origin_post_passes(studio_client: Any) -> None:
    response = studio_client.post("/api/check", json={"text": "Hej med jer", "channel": "x"},
                                  headers={"origin": "http://127.0.0.1:8000",
                                           "sec-fetch-site": "same-origin"})
    assert response.status_code == 200


def test_library_lists_documents_and_searches(studio_client: Any) -> None:
    page = studio_client.get("/library").text
    assert "values/vaerdigrundlag.md" in page and "posts/" in page
    hits = studio_client.get("/library", params={"q": "robot plejecenter", "kind": "posts"}).text
    found = re.findall(r'<li class="hit"><h3><span class="kind">([^<]+)</span>', hits)
    assert found and set(found) == {"Tidligere opslag"}


def test_library_without_an_index_says_so(example_workspace: Path) -> None:
    from fastapi.testclient import TestClient

    from sendemast.studio import create_app
    from sendemast.workspace import load_workspace

    with TestClient(create_app(load_workspace(example_workspace)), base_url="http://127.0.0.1:8000") as c:
        page = c.get("/library", params={"q": "plejecenter"})
    assert page.status_code == 200 and "sendemast ingest" in page.text


def test_eval_reports_are_listed_and_opened_in_a_sandbox(studio_client: Any) -> None:
    root: Path = studio_client.workspace_root
    (root / "reports").mkdir()
    (root / "reports" / "eval.html").write_text(
        "<!DOCTYPE html><html><head><title>sendemast eval · eksempel</title></head><body>ok</body></html>",
        encoding="utf-8")
    (root / "reports" / "other.html").write_text("<html><title>not ours</title></html>", encoding="utf-8")
    listing = studio_client.get("/reports").text
    assert 'href="/reports/reports/eval.html"' in listing and "other.html" not in listing
    opened = studio_client.get("/reports/reports/eval.html")
    assert opened.status_code == 200 and "sendemast eval · eksempel" in opened.text
    assert "sandbox" in opened.headers["content-security-policy"]
    assert "script-src" not in opened.headers["content-security-policy"]
    for bad in ("/reports/reports/other.html", "/reports/sendemast.toml", "/reports/..%2Fsendemast.toml"):
        assert studio_client.get(bad).status_code in (400, 404)


def test_a_real_eval_report_is_found(studio_client: Any) -> None:
    from sendemast.evaluation.reports import html as report_html

    assert report_html.__name__  # the writer exists; its template's title is what the listing looks for
    template = (Path(report_html.__file__).parent / "report.html.j2").read_text(encoding="utf-8")
    assert "<title>sendemast eval" in template


def test_the_leader_picker_shows_the_organisations_leaders(studio_client: Any) -> None:
    from sendemast.studio.deps import available_leaders

    leaders = available_leaders(studio_client.app.state.studio.workspace)
    assert [leader.id for leader in leaders] == ["birgitte", "hanne"]  # the default leader first
    assert leaders[0].name == "Birgitte Vang Holst" and leaders[0].organisation == "Fjordmark Kommune"
    page = studio_client.get("/").text
    assert '<option value="birgitte">Birgitte Vang Holst' in page and '<option value="hanne">' in page


def test_a_draft_for_the_other_leader_is_hers(studio_client: Any) -> None:
    done = next(d for k, d in draft_via_api(studio_client, leader="hanne") if k == "done")
    entry = studio_client.app.state.studio.history().get(done["history_id"])
    assert entry["leader"] == "hanne"


def test_live_checks_in_worker_processes_give_the_same_answer(copy_of_ingested: Path) -> None:
    from fastapi.testclient import TestClient

    from sendemast.studio import create_app
    from sendemast.workspace import load_workspace

    text = "Borgeren har CPR 010203-1234 og bor i Fjordmark."
    app = create_app(load_workspace(copy_of_ingested), check_workers=1)
    assert app.state.studio.check_pool is not None
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        pooled = client.post("/api/check", json={"text": text, "channel": "x"}).json()
        in_thread = app.state.studio.checker.check_and_render(text, "x", None, "da")
        assert (pooled["check"], pooled["html"]) == in_thread
        bad = client.post("/api/check", json={"text": text, "channel": "myspace"})
        assert bad.status_code == 400 and "unknown channel 'myspace'" in bad.json()["error"]


def test_a_dead_check_worker_is_replaced_and_its_check_fails_with_one_line(copy_of_ingested: Path) -> None:
    import asyncio

    from fastapi.testclient import TestClient

    from sendemast.studio import create_app
    from sendemast.studio.checking import CheckUnavailable
    from sendemast.workspace import load_workspace

    app = create_app(load_workspace(copy_of_ingested), check_workers=1)
    pool = app.state.studio.check_pool
    pool.warm()
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        first = client.post("/api/check", json={"text": "Jeg glæder mig.", "channel": "linkedin"})
        assert first.status_code == 200
        idle = pool._processes[0]
        idle.kill()  # an idle worker that dies is replaced: the next check never notices
        idle.join(5)
        again = client.post("/api/check", json={"text": "Jeg glæder mig igen.", "channel": "linkedin"})
        assert again.status_code == 200 and "glæder mig igen" in again.json()["html"]
        assert pool._processes[0].pid != idle.pid

    from sendemast.studio.checking import CheckPool

    pool = CheckPool(load_workspace(copy_of_ingested), 1)  # the first closed with its app's event loop
    pool.warm()

    async def killed_while_checking() -> str:
        long_post = ("Jeg glæder mig over det nye bibliotek i Fjordmark, som 1.200 borgere besøgte. " * 250)
        busy = asyncio.create_task(pool.run(long_post[:20_000], "linkedin", None, "da"))
        await asyncio.sleep(0.005)  # the worker has the request: the check of 20,000 characters takes longer
        pool._processes[0].kill()
        try:
            await busy
        except CheckUnavailable as exc:
            return exc.one_line()
        return "answered"

    assert asyncio.run(killed_while_checking()) == "the check stopped unexpectedly; try again"
    pool.shutdown()


def test_the_scorecard_lists_the_unknown_words_not_the_report_fields(studio_client: Any) -> None:
    text = "Jeg glæder mig til at åbne biblioteket på lørdag. Der er mange nye bøgerr til børnene."
    html = studio_client.post("/api/check", json={"text": text, "channel": "linkedin"}).json()["html"]
    spelling = html.split('<ul class="spelling">', 1)[1].split("</ul>", 1)[0]
    assert '<span class="word">bøgerr</span>' in spelling
    assert "rate_per_100" not in html and ">unknown<" not in html
    clean = studio_client.post("/api/check", json={"text": "Jeg glæder mig til lørdag.", "channel": "x"})
    assert "Ingen ukendte ord." in clean.json()["html"]


def test_health_says_ready_once_the_studio_has_warmed_up(copy_of_ingested: Path) -> None:
    from fastapi.testclient import TestClient

    from sendemast.studio import create_app
    from sendemast.workspace import load_workspace

    app = create_app(load_workspace(copy_of_ingested), model_id="fake/draft")
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        assert client.get("/api/health").json() == {"status": "ok", "ready": False}
        app.state.studio.warm().join(120)
        assert client.get("/api/health").json() == {"status": "ok", "ready": True}


def test_the_language_switch_keeps_the_page_and_its_query(studio_client: Any) -> None:
    page = studio_client.get("/library?q=diget&kind=posts").text
    assert 'href="/library?q=diget&amp;kind=posts&amp;lang=en"' in page
    english = studio_client.get("/library?q=diget&kind=posts&lang=en").text
    assert 'href="/library?q=diget&amp;kind=posts&amp;lang=da"' in english


def test_the_scorecard_says_how_much_of_a_rewrite_is_the_original(studio_client: Any) -> None:
    # fake/draft returns the original's sentences under an opening: not rewritten, and the page says so
    press = PRESS.split(" Læs mere")[0]
    started = studio_client.post("/api/drafts", data={"text": press, "command": "rewrite"})
    html = next(d for k, d in events(studio_client, started.json()["events"]) if k == "draft")["html"]
    assert "Teksten er ikke skrevet om" in html and "Skrevet eller kopieret" in html
    assert "Ordret fra originalen" in html and "Institutionelle vendinger" in html
    assert 'data-source-kind="original"' in html and "data-source=\"Fjordmark Kommune åbner" in html
    # the live re-check of the edited text sends the original along and keeps the finding
    again = studio_client.post("/api/check", json={"text": press, "channel": "linkedin", "source": press,
                                                   "source_kind": "original"}).json()
    assert again["check"]["written"]["copied_share"] == 1.0 and again["check"]["verdict"] == "review"
    assert "Teksten er ikke skrevet om" in again["html"]
    plain = studio_client.post("/api/check", json={"text": press, "channel": "linkedin"}).json()
    assert plain["check"]["written"]["copied_share"] is None and "Ordret fra" not in plain["html"]
    bad = studio_client.post("/api/check", json={"text": press, "source": press, "source_kind": "memo"})
    assert bad.status_code in (400, 422)


def test_the_measure_of_written_is_escaped(studio_client: Any) -> None:
    evil = '<script>alert("x")</script> "quoted" & more'
    notes = f"- {evil}\n- tak til alle"
    started = studio_client.post("/api/drafts", data={"text": notes, "command": "draft"})
    html = next(d for k, d in events(studio_client, started.json()["events"]) if k == "draft")["html"]
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    escaped = "- &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &#34;quoted&#34; &amp; more"
    assert f'data-source="{escaped}' in html
