"""Fixtures shared by the whole suite. (The contract tool's options live in its own pytest plugin, `--contract-*`.)"""

from __future__ import annotations

from pathlib import Path

import pytest

#: Environment variables the SDK reads (and the official `openai` package too).
SDK_ENVIRONMENT = ("OPENAI_API_KEY", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID", "OPENAI_BASE_URL")
#: Tests here pass `OPENAI_API_KEY` to the contract tool on purpose: their environment is left alone.
CONTRACT_TESTS = Path(__file__).resolve().parent / "contract"


@pytest.fixture(autouse=True)
def _clean_env(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Unset the SDK's environment variables around each test, so a developer's own settings never reach it."""
    if CONTRACT_TESTS in request.path.parents:
        return
    for name in SDK_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def anyio_backend() -> str:
    """`@pytest.mark.anyio` tests run on asyncio only."""
    return "asyncio"
