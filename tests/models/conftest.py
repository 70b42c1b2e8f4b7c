from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.models.fake_openai_server import FakeOpenAIServer


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as server:
        yield server


@pytest.fixture(autouse=True)
def _fresh_fakes() -> None:
    from sendemast.models.fake import FakeModel

    FakeModel.reset()
