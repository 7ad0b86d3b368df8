"""Fixtures for the SDK tests: the scripted loopback server, recorded (not slept) retry waits, a client."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # for `sdk_support` (pytest runs with --import-mode=importlib)

import chat_completions
from chat_completions import _retry
from sdk_support import API_KEY, ScriptedServer


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    s = ScriptedServer()
    yield s
    s.close()


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Retry waits, recorded instead of slept (sync and async)."""
    recorded: list[float] = []

    async def asleep(seconds: float) -> None:
        recorded.append(seconds)

    monkeypatch.setattr(_retry, "sleep", recorded.append)
    monkeypatch.setattr(_retry, "asleep", asleep)
    return recorded


@pytest.fixture
def client(server: ScriptedServer) -> Iterator[chat_completions.Client]:
    with chat_completions.Client(api_key=API_KEY, base_url=server.url, timeout=5.0) as c:
        yield c


@pytest.fixture
def strict_client(server: ScriptedServer) -> Iterator[chat_completions.Client]:
    """A client that raises on any answer outside the spec (`strict_response_validation=True`)."""
    with chat_completions.Client(
        api_key=API_KEY, base_url=server.url, timeout=5.0, strict_response_validation=True
    ) as c:
        yield c


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
