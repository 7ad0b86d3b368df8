"""pytest plugin of the mock server (registered through the `pytest11` entry point).

Fixtures:
- `chat_completions_mock_server` (session): a running `MockServer` shared by the session.
- `chat_completions_mock` (function): the same server, with scripted faults cleared before and after the test;
  use `.base_url`, `.fault("status=503;times=1")`, `.stats()`.
- `chat_completions_mock_url` (function): just the base URL (ending in `/v1`).

Options (command line or ini): `--chat-completions-mock-models NAME=PROFILE` (repeatable; ini
`chat_completions_mock_models`, one per line) serves extra model names; `--chat-completions-mock-any-model` (ini
`chat_completions_mock_any_model = true`) serves any name instead of answering 404 `model_not_found`.

Nothing of the server is imported until a fixture is used, so installing the package without the `mock` extra
does not break pytest.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from ._server import MockServer


def pytest_addoption(parser: pytest.Parser) -> None:
    """The plugin's options: extra model names, or any model name."""
    group = parser.getgroup("chat-completions-mock")
    group.addoption(
        "--chat-completions-mock-models",
        action="append",
        default=[],
        metavar="NAME=PROFILE",
        help="the session's mock also serves NAME as model profile PROFILE (repeatable)",
    )
    group.addoption(
        "--chat-completions-mock-any-model",
        action="store_true",
        default=False,
        help="the session's mock serves any model name instead of 404 model_not_found",
    )
    parser.addini("chat_completions_mock_models", "extra model names, NAME=PROFILE per line", type="linelist")
    parser.addini("chat_completions_mock_any_model", "serve any model name", type="bool", default=False)


@pytest.fixture(scope="session")
def chat_completions_mock_server(pytestconfig: pytest.Config) -> Iterator[MockServer]:
    """A mock served on a free 127.0.0.1 port for the whole session."""
    from ._server import MockServer

    models = [
        *pytestconfig.getini("chat_completions_mock_models"),
        *pytestconfig.getoption("chat_completions_mock_models"),
    ]
    any_model = bool(
        pytestconfig.getoption("chat_completions_mock_any_model")
        or pytestconfig.getini("chat_completions_mock_any_model")
    )
    with MockServer(models=models, any_model=any_model) as server:
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
