"""The studio's page "Dialog": in-process for what it shows and whom it lets in, and once in Chromium
with axe-core."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.studio.conftest import BASE

THREAD = (
    "Inge Mortensen: Min mor på 84 har demens, og hjemmeplejen kom ikke i går.\n\n"
    "Jan Frandsen: Hvem stemmer du på? <script>alert(1)</script>\n\n"
    "Crypto King: I made $5000 with this bitcoin bot! DM me"
)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sendemast.workspace import init_workspace

    return init_workspace(tmp_path_factory.mktemp("studio-dlg") / "ws", example=True)


@pytest.fixture
def client(root: Path) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from sendemast.studio import create_app
    from sendemast.workspace import load_workspace

    with TestClient(
        create_app(load_workspace(root), model_id="fake/draft"), base_url=BASE, raise_server_exceptions=False
    ) as c:
        yield c


def test_the_page_triages_a_pasted_thread_and_escapes_it(client: Any) -> None:
    page = client.get("/dialogue")
    assert page.status_code == 200 and 'href="/dialogue" aria-current="page"' in page.text
    done = client.post("/dialogue", data={"thread": THREAD, "leader": "hanne"})
    assert done.status_code == 200
    html = done.text
    assert html.count('<article class="comment') == 3
    assert "Enkeltsag" in html and "Partipolitik" in html and "Spam" in html
    assert "sundhed@fjordmark.dk" in html  # Hanne's contact line, not Birgitte's
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Skjul efter politikken" in html


def test_an_unknown_leader_is_refused(client: Any) -> None:
    done = client.post("/dialogue", data={"thread": "Hej", "leader": "nobody"})
    assert done.status_code >= 400


def test_in_team_mode_an_adviser_only_replies_for_her_leaders(root: Path, tmp_path: Path) -> None:
    import shutil

    from fastapi.testclient import TestClient

    from sendemast.studio.team_mode import create_team_app
    from sendemast.workspace import load_workspace
    from tests.studio.team_support import add_accounts, csrf_of, login

    team = tmp_path / "team"
    shutil.copytree(root, team)
    add_accounts(team)
    app = create_team_app(load_workspace(team), model_id="fake/draft")
    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as c:
        assert c.get("/dialogue", follow_redirects=False).status_code in (302, 303, 401)
        login(c, "anna")  # an adviser for birgitte only
        page = c.get("/dialogue")
        assert page.status_code == 200 and "hanne" not in page.text.lower().split("<main")[1]
        token = csrf_of(page.text)
        assert (
            c.post(
                "/dialogue", data={"thread": "Hvem stemmer du på?", "leader": "hanne", "csrf_token": token}
            ).status_code
            >= 400
        )
        mine = c.post(
            "/dialogue", data={"thread": "Hvem stemmer du på?", "leader": "birgitte", "csrf_token": token}
        )
        assert mine.status_code == 200 and "Partipolitik" in mine.text


@pytest.mark.browser
@pytest.mark.server
def test_the_page_in_chromium_has_no_axe_violation(root: Path, tmp_path: Path) -> None:
    from tests.studio.conftest import CHROMIUM, CHROMIUM_ARGS, _need_browser, axe_violations, serve

    _need_browser()
    from playwright.sync_api import sync_playwright

    server = serve(root, "fake/draft", tmp_path / "studio.log")
    live = next(server)
    errors: list[str] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="da-DK")
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(live.url + "/")
            page.get_by_role("link", name="Dialog").click()
            assert axe_violations(page) == []
            page.get_by_label("Kommentarer").fill(THREAD)
            page.get_by_role("button", name="Vurder og skriv svar").click()
            page.wait_for_selector("article.comment")
            assert page.locator("article.comment").count() == 3
            assert axe_violations(page) == []
            assert errors == []
            page.screenshot(path=str(tmp_path / "dialogue.png"), full_page=True)
            browser.close()
    finally:
        server.close()  # stops the studio
