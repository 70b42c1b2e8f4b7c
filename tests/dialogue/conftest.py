"""Fixtures for the dialogue tests: the example workspace and one leader's replier."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="module")
def workspace_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sendemast.workspace import init_workspace

    return init_workspace(tmp_path_factory.mktemp("dlg") / "ws", example=True)


@pytest.fixture(scope="module")
def replier(workspace_root: Path) -> Any:
    from sendemast.assembly import Organisation
    from sendemast.dialogue.service import Replier
    from sendemast.workspace import find_workspace

    return Replier(Organisation(find_workspace(workspace_root)).leader(None))
