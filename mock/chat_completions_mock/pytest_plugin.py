"""pytest plugin of the mock server (registered through the `pytest11` entry point).

Fixtures:
- `chat_completions_mock_server` (session): a running `MockServer` shared by the session.
- `chat_completions_mock` (function): the same server, with scripted faults cleared before and after the test;
  use `.base_url`, `.fault("status=503;times=1")`, `.stats()`.
- `chat_completions_mock_url` (function): just the base URL (ending in `/v1`).
- `chat_completions_cassette` (function): a mock serving the test's cassette directory
  (`cassettes/<module>.<test>/` beside the test file, or the name given by
  `@pytest.mark.chat_completions_cassette("name")`): replayed when it holds a cassette; recorded from the real
  API (`CHAT_COMPLETIONS_UPSTREAM`, default https://api.openai.com/v1) when it does not and `OPENAI_API_KEY` is
  set; else the test fails. `--chat-completions-record-mode` (none, once, new_episodes, all) overrides.

Options (command line or ini): `--chat-completions-mock-models NAME=PROFILE` (repeatable; ini
`chat_completions_mock_models`, one per line) serves extra model names; `--chat-completions-mock-any-model` (ini
`chat_completions_mock_any_model = true`) serves any name instead of answering 404 `model_not_found`.

Nothing of the server is imported until a fixture is used, so installing the package without the `mock` extra
does not break pytest.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from ._server import MockServer

_MODES = ("none", "once", "new_episodes", "all")


def pytest_addoption(parser: pytest.Parser) -> None:
    """The plugin's options: extra model names or any model name; `--chat-completions-record-mode`, how the
    cassette fixture records (default: once)."""
    parser.addoption(
        "--chat-completions-record-mode",
        choices=_MODES,
        default=None,
        help="record mode of the chat_completions_cassette fixture (default: once; pytest-recording's modes)",
    )
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
    chat_completions_mock_server.clear_requests()
    yield chat_completions_mock_server
    chat_completions_mock_server.clear_faults()


@pytest.fixture
def chat_completions_mock_url(chat_completions_mock: MockServer) -> str:
    """Base URL of the session's mock, e.g. `http://127.0.0.1:54321/v1`."""
    return chat_completions_mock.base_url


#: Where the `chat_completions_cassette` fixture records from, unless `CHAT_COMPLETIONS_UPSTREAM` says otherwise.
DEFAULT_UPSTREAM = "https://api.openai.com/v1"


def pytest_configure(config: pytest.Config) -> None:
    """Register the `chat_completions_cassette` marker."""
    config.addinivalue_line(
        "markers",
        "chat_completions_cassette(name): the cassette directory the chat_completions_cassette fixture serves",
    )


def cassette_directory(request: pytest.FixtureRequest) -> Path:
    """The test's cassette directory: `cassettes/<name>` beside its file (name: the marker's, or module.test)."""
    marker = request.node.get_closest_marker("chat_completions_cassette")
    name = marker.args[0] if marker is not None and marker.args else None
    if name is None:
        name = f"{request.path.stem}.{request.node.name}"
    return request.path.parent / "cassettes" / name


def _recorded(directory: Path) -> bool:
    return directory.is_dir() and any(p.suffix in (".yaml", ".yml") for p in directory.rglob("*"))


@pytest.fixture
def chat_completions_cassette(request: pytest.FixtureRequest) -> Iterator[MockServer]:
    """A mock that replays the test's cassette directory, or records it from the real API (see the module doc)."""
    from ._server import MockServer

    directory = cassette_directory(request)
    mode = request.config.getoption("--chat-completions-record-mode") or "once"
    if mode == "once":
        mode = "none" if _recorded(directory) else "all"
    upstream = os.environ.get("CHAT_COMPLETIONS_UPSTREAM", DEFAULT_UPSTREAM)
    if mode != "none" and not os.environ.get("OPENAI_API_KEY"):
        pytest.fail(f"no cassette in {directory} and no OPENAI_API_KEY to record one", pytrace=False)
    replay = directory if _recorded(directory) and mode != "all" else None
    with MockServer(
        replay=replay, record_to=directory if mode != "none" else None, upstream=upstream, record_mode=mode
    ) as server:
        yield server
