"""Fixtures for the SDK tests: the scripted loopback server, recorded (not slept) retry waits, a client."""

from __future__ import annotations

from collections.abc import Iterator

import chat_completions
import pytest
from chat_completions import _retry
from sdk_support import API_KEY, ScriptedServer


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    s = ScriptedServer()
    yield s
    s.close()


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
