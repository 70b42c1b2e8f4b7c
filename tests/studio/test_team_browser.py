"""The team studio in a real browser: log in with the labelled form, reach the board and a post, and
axe-core finds no violation on the way (login, board, post page)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.studio.conftest import LiveStudio, _need_browser, axe_violations, serve
from tests.studio.team_support import LEADER_A, PASSWORD, add_accounts, cli_drafts

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]


@pytest.fixture(scope="module")
def team_studio(tmp_path_factory: pytest.TempPathFactory, ingested_example: Path) -> Iterator[LiveStudio]:
    _need_browser()
    root = tmp_path_factory.mktemp("team-browser") / "ws"
    shutil.copytree(ingested_example, root)
    toml = root / "sendemast.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("team = false", "team = true", 1),
                    encoding="utf-8")
    add_accounts(root)
    (root / "post-id").write_text(str(cli_drafts(root)[LEADER_A]))
    yield from serve(root, "fake/draft", root.parent / "studio.log")


def test_login_board_and_post_in_the_browser(page: Any, team_studio: LiveStudio) -> None:
    post = (team_studio.root / "post-id").read_text()
    page.goto(team_studio.url + "/board")
    assert page.url.endswith("/login")  # no session: the board leads to the login page
    assert axe_violations(page) == []
    page.get_by_label("Brugernavn").fill("anna")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_label("Adgangskode").press("Enter")  # the keyboard is enough
    page.wait_for_url("**/board")
    assert page.get_by_role("heading", name="Tavle").is_visible()
    assert page.locator(f'a[href="/posts/{post}"]').count() == 1
    assert axe_violations(page) == []
    page.locator(f'a[href="/posts/{post}"]').click()
    page.wait_for_url(f"**/posts/{post}")
    assert page.get_by_role("button", name="Send til godkendelse").is_visible()
    assert axe_violations(page) == []
    # an image added in the browser, shown with the line that it has no alt text, then described
    image = team_studio.root.parent / "engbo.png"
    _png(image)
    page.get_by_label("Billedfil (PNG, JPEG, WebP eller GIF, højst 8 MB)").set_input_files(str(image))
    page.get_by_role("button", name="Tilføj billede").click()
    page.wait_for_url(f"**/posts/{post}")
    assert page.get_by_text("Mangler alternativ tekst").is_visible()
    assert axe_violations(page) == []
    page.get_by_label("Alternativ tekst: hvad viser billedet?").first.fill("To elever i haven på Engbo")
    page.get_by_role("button", name="Gem alternativ tekst").click()
    page.wait_for_url(f"**/posts/{post}")
    assert page.locator('img[alt="To elever i haven på Engbo"]').count() == 1
    page.screenshot(path=str(team_studio.root.parent / "post-with-image.png"), full_page=True)
    page.get_by_role("button", name="Send til godkendelse").click()
    page.wait_for_url(f"**/posts/{post}")
    assert "til godkendelse" in page.locator("h1").inner_text()
    # a reply to a citizen's own case, kept as a draft on its path
    page.goto(team_studio.url + "/dialogue")
    page.get_by_label("Kommentarer").fill("Karen Holm: Min mor har ikke fået sin hjemmehjælp i tre uger.")
    page.get_by_role("button", name="Vurder og skriv svar").click()
    page.get_by_role("button", name="Gem svarudkast 1").click()
    page.wait_for_url("**/dialogue/replies**")
    assert page.get_by_text("følsom – kræver godkendelse").is_visible()
    assert axe_violations(page) == []
    page.screenshot(path=str(team_studio.root.parent / "dialogue-replies.png"), full_page=True)
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_url("**/login")
    page.get_by_label("Brugernavn").fill("dorte")  # an admin starts a quiet period on the board
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_label("Adgangskode").press("Enter")
    page.wait_for_url("**/board")
    page.get_by_label("Til og med").fill((date.today() + timedelta(days=14)).isoformat())
    page.get_by_label("Begrundelse (fx \"Folketingsvalg udskrevet\")").fill("Folketingsvalg udskrevet")
    page.get_by_role("button", name="Start stilleperiode nu").click()
    page.wait_for_url("**/board")
    assert page.locator("li", has_text="Folketingsvalg udskrevet").is_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Afslut stilleperiode (Hele organisationen)").click()
    page.wait_for_url("**/board")
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_url("**/login")
    assert page.console_errors == []


def _png(path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (320, 200), (30, 110, 70)).save(path)
