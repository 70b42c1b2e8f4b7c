"""Fixtures for the studio: the app in-process (most tests), and the real server with Chromium (a few)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.servers import free_port, running

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO / ".venv" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
# What machine.md found Debian's chromium needs under Playwright here.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
BASE = "http://127.0.0.1:8000"


@pytest.fixture
def studio_client(copy_of_ingested: Path):
    """The studio on a writable, ingested copy of the example workspace, drafting with ``fake/draft``."""
    from fastapi.testclient import TestClient

    from sendemast.models.fake import FakeModel
    from sendemast.studio import create_app
    from sendemast.workspace import load_workspace

    FakeModel.reset()
    app = create_app(load_workspace(copy_of_ingested), model_id="fake/draft")
    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as client:
        client.workspace_root = copy_of_ingested  # type: ignore[attr-defined]
        yield client


def _need_browser() -> None:
    missing = [str(p) for p in (CHROMIUM, AXE) if not p.exists()]
    if missing:
        message = f"browser tests need {', '.join(missing)}: run 'make browser' (make test does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


class LiveStudio:
    def __init__(self, url: str, root: Path) -> None:
        self.url = url
        self.root = root


def serve(root: Path, model: str, log: Path) -> Iterator[LiveStudio]:
    """``sendemast studio`` as a user starts it, on a free loopback port."""
    port = free_port()
    cmd = [sys.executable, "-m", "sendemast", "-w", str(root), "studio", "--port", str(port),
           "--model", model]
    url = f"http://127.0.0.1:{port}"
    with running(cmd, f"{url}/check", log, timeout=60):
        yield LiveStudio(url, root)


@pytest.fixture(scope="module")
def live_studio(tmp_path_factory: pytest.TempPathFactory, ingested_example: Path) -> Iterator[LiveStudio]:
    import shutil

    _need_browser()
    root = tmp_path_factory.mktemp("studio") / "ws"
    shutil.copytree(ingested_example, root)
    yield from serve(root, "fake/draft", root.parent / "studio.log")


@pytest.fixture(scope="module")
def browser():
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    p = context.new_page()
    errors: list[str] = []
    p.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.console_errors = errors  # type: ignore[attr-defined]
    yield p
    context.close()


def axe_violations(page, impacts=("minor", "moderate", "serious", "critical")) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations of the impacts given, on the page as it is now. The issue
    asks for no serious or critical one; the studio has none of any impact, and the tests keep it so."""
    # Through DevTools rather than a <script> tag: the studio's Content-Security-Policy (rightly) refuses
    # any script that is not its own, and the tests must not switch that policy off to run axe.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', "
        "values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["html"][:120] for n in v["nodes"][:3]]}
        for v in result["violations"]
        if v["impact"] in impacts
    ]
