"""pytest plugin of the mock server (registered through the `pytest11` entry point).

Fixtures:
- `chat_completions_mock_server` (session): a running `MockServer` shared by the session.
- `chat_completions_mock` (function): the same server, with scripted faults cleared before and after the test;
  use `.base_url`, `.fault("status=503;times=1")`, `.stats()`.
- `chat_completions_mock_url` (function): just the base URL (ending in `/v1`).

Nothing of the server is imported until a fixture is used, so installing the package without the `mock` extra
does not break pytest.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from ._server import MockServer


@pytest.fixture(scope="session")
def chat_completions_mock_server() -> Iterator[MockServer]:
    """A mock served on a free 127.0.0.1 port for the whole session."""
    from ._server import MockServer

    with MockServer() as server:
        yield server


@pytest.fixture
def chat_completions_mock(chat_completions_mock_server: MockServer) -> Iterator[MockServer]:
    """The session's mock with no scripted faults; faults scripted in the test end with it."""
    chat_completions_mock_server.clear_faults()
    yield chat_completions_mock_server
    chat_completions_mock_server.clear_faults()


@pytest.fixture
def chat_completions_mock_url(chat_completions_mock: MockServer) -> str:
    """Base URL of the session's mock, e.g. `http://127.0.0.1:54321/v1`."""
    return chat_completions_mock.base_url
