"""End to end in a real browser: Debian's chromium driven by Playwright, the studio started as a user
starts it (``sendemast studio`` on a free loopback port), axe-core injected into every page."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.studio.conftest import LiveStudio, axe_violations, serve

pytestmark = [pytest.mark.browser, pytest.mark.server]

PAGES = ["/", "/rewrite", "/check", "/library", "/library?q=plejecenter", "/history", "/reports", "/?lang=en",
         "/nowhere", "/plan?today=2026-12-01", "/plan?leader=hanne&today=2026-12-01&lang=en", "/plan?weeks=x"]
NOTES = "- besøg på Engbo plejecenter\n- nye robotter hjælper personalet\n- tak til alle medarbejdere"


def compose(page: Any, studio: LiveStudio, notes: str = NOTES, timeout_ms: int = 30_000) -> None:
    page.goto(studio.url + "/")
    page.get_by_label("Noter").fill(notes)
    page.get_by_role("button", name="Skriv udkast").click()
    page.wait_for_selector("article.draft:not(.pending)", timeout=timeout_ms)
    page.wait_for_selector(".saved:not([hidden])", timeout=timeout_ms)


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_axe_violation(page: Any, live_studio: LiveStudio, path: str) -> None:
    page.goto(live_studio.url + path)
    assert axe_violations(page) == []
    # an error status (the 404, the plan's 400 for a wrong choice) is logged by the browser itself
    assert page.console_errors == [] or path in ("/nowhere", "/plan?weeks=x")


def test_compose_streams_a_draft_and_editing_rechecks_it(page: Any, live_studio: LiveStudio) -> None:
    compose(page, live_studio)
    article = page.locator("article.draft").first
    assert "Engbo" in article.locator("textarea").input_value()
    # fake/draft returns the notes under an opening: mostly pasted, so a person must approve it
    assert article.locator(".badge").first.inner_text() == "Skal godkendes"
    assert "Udkastet er mest noterne selv" in article.locator(".findings").inner_text()
    assert page.locator(".status").inner_text() == "Færdig"
    assert axe_violations(page) == []
    # edit in place: the check re-runs without a button
    editor = page.get_by_label("Redigér udkastet").first
    editor.fill(editor.input_value() + " Ring til Jens på 010203-1234.")
    t0 = time.perf_counter()
    page.wait_for_selector("#draft-1-check mark.sev-block", timeout=3_000)
    assert time.perf_counter() - t0 < 1.0 + 0.3  # a second, plus the debounce before the request
    assert "Må ikke udgives" in page.locator("#draft-1-check .badge").first.inner_text()
    # the re-check sent the notes along: the edited draft is still measured against them
    assert "Udkastet er mest noterne selv" in page.locator("#draft-1-check .findings").inner_text()
    assert "Ordret fra noterne" in page.locator("#draft-1-check").inner_text()
    assert page.console_errors == []  # among others: no Content-Security-Policy violation


def test_a_cpr_number_typed_into_check_is_flagged_within_a_second(page: Any, live_studio: LiveStudio) -> None:
    page.goto(live_studio.url + "/")
    page.get_by_role("link", name="Tjek").click()
    field = page.get_by_label("Opslag")
    field.press_sequentially("Tak til borgeren med CPR 010203-1234", delay=20)
    t0 = time.perf_counter()
    page.wait_for_selector("#check-result [data-rule='privacy.cpr']", timeout=3_000)
    assert time.perf_counter() - t0 < 1.0
    assert page.locator("#check-result mark.sev-block").inner_text().startswith("010203-1234")
    assert axe_violations(page) == []


def test_keyboard_only_skip_link_focus_and_submit(page: Any, live_studio: LiveStudio) -> None:
    page.goto(live_studio.url + "/check")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    page.keyboard.press("Enter")  # to the main content
    page.get_by_label("Opslag").focus()
    page.keyboard.type("Jeg er stolt af vores plejecentre. Stem på Venstre!")
    page.wait_for_selector("#check-result [data-rule='neutrality.party']", timeout=3_000)


def test_copy_puts_the_final_text_on_the_clipboard(browser: Any, live_studio: LiveStudio) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        compose(page, live_studio)
        editor = page.get_by_label("Redigér udkastet").first
        editor.fill("Min endelige tekst om Engbo plejecenter.")
        page.get_by_role("button", name="Kopiér teksten").first.click()
        page.wait_for_selector("text=Kopieret", timeout=3_000)
        assert page.evaluate("navigator.clipboard.readText()") == "Min endelige tekst om Engbo plejecenter."
    finally:
        context.close()


def test_a_planned_slot_is_drafted_from_the_plan_page(page: Any, live_studio: LiveStudio) -> None:
    """Plan beside Tjek in the menu; the weekly chart drawn and named; "Skriv udkast" by keyboard opens
    the compose page filled in from the slot, and its draft streams in."""
    page.goto(live_studio.url + "/check")
    page.get_by_role("link", name="Plan", exact=True).click()
    page.get_by_label("I dag (valgfrit)").fill("2026-12-01")
    page.get_by_role("button", name="Vis planen").click()
    assert page.get_by_role("img", name="Opslag pr. uge, de seneste 52 hele uger").is_visible()
    first = page.get_by_role("link", name="Skriv udkast").first
    first.focus()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    page.wait_for_url("**/?leader=birgitte&slot=*")
    assert page.get_by_label("Noter").input_value().startswith("- ")
    assert page.get_by_label("Emne").input_value() != ""
    assert axe_violations(page) == []
    page.get_by_role("button", name="Skriv udkast").click()
    page.wait_for_selector("article.draft:not(.pending)", timeout=30_000)
    assert page.console_errors == []


def test_english_from_the_header(page: Any, live_studio: LiveStudio) -> None:
    page.goto(live_studio.url + "/")
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("button", name="Write draft").is_visible()


@pytest.fixture(scope="module")
def bundled_studio(tmp_path_factory: pytest.TempPathFactory, ingested_example: Path) -> Iterator[LiveStudio]:
    import shutil

    pytest.importorskip("llama_cpp")
    root = tmp_path_factory.mktemp("studio-bundled") / "ws"
    shutil.copytree(ingested_example, root)
    yield from serve(root, "local/gemma-3-270m", root.parent / "studio.log")


@pytest.mark.slow
@pytest.mark.local_model
def test_compose_with_the_bundled_model(page: Any, bundled_studio: LiveStudio) -> None:
    """The way a new user meets it: the default offline model, notes in, a checked draft out."""
    # generous: about 10 s on an idle 2-core machine, minutes when other work shares it
    compose(page, bundled_studio, timeout_ms=600_000)
    article = page.locator("article.draft").first
    assert len(article.locator("textarea").input_value()) > 40
    assert article.locator(".scorecard .badge").count() == 1
    assert page.locator(".saved a").inner_text()
    assert axe_violations(page) == []
