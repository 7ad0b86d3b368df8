"""The pytest plugin's fixtures, used as a user's suite would (the plugin loads through its entry point)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from chat_completions_mock import MockServer
from mock_support import SEED


def test_url_fixture(chat_completions_mock_url: str) -> None:
    assert chat_completions_mock_url.startswith("http://127.0.0.1:")
    assert chat_completions_mock_url.endswith("/v1")
    response = httpx.post(
        f"{chat_completions_mock_url}/chat/completions", json=SEED, headers={"Authorization": "Bearer k"}
    )
    assert response.status_code == 200


def test_fixture_scripts_faults(chat_completions_mock: MockServer) -> None:
    chat_completions_mock.fault("status=503;times=1")
    url = f"{chat_completions_mock.base_url}/chat/completions"
    headers = {"Authorization": "Bearer k"}
    assert [httpx.post(url, json=SEED, headers=headers).status_code for _ in range(2)] == [503, 200]
    chat_completions_mock.fault("status=500")  # left behind on purpose: the next test must not see it


def test_faults_do_not_leak_between_tests(chat_completions_mock: MockServer) -> None:
    response = httpx.post(
        f"{chat_completions_mock.base_url}/chat/completions", json=SEED, headers={"Authorization": "Bearer k"}
    )
    assert response.status_code == 200
    assert chat_completions_mock.app.mock.faults.scripted() == []


def test_session_server_is_shared(chat_completions_mock_server: MockServer, chat_completions_mock: MockServer) -> None:
    assert chat_completions_mock is chat_completions_mock_server


def test_loading_the_plugin_imports_no_server_packages() -> None:
    """pytest loads the plugin in every run; without the `mock` extra that must still work."""
    code = (
        "import sys, chat_completions_mock.pytest_plugin, chat_completions_mock; "
        "heavy = {'starlette', 'uvicorn', 'jsonschema_rs', 'yaml'} & set(sys.modules); "
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


@pytest.mark.slow  # a pytest run in a subprocess: several seconds
def test_the_session_server_takes_model_names_from_options(tmp_path: Path) -> None:
    """A user's suite whose model names the mock does not know: `--chat-completions-mock-models` (or the ini)."""
    (tmp_path / "test_user.py").write_text(
        "import httpx\n"
        "def test_names(chat_completions_mock_url):\n"
        "    def status(model):\n"
        "        body = {'model': model, 'messages': [{'role': 'user', 'content': 'hi'}]}\n"
        "        url = chat_completions_mock_url + '/chat/completions'\n"
        "        return httpx.post(url, json=body, headers={'Authorization': 'Bearer k'}).status_code\n"
        "    assert (status('my-model'), status('from-ini'), status('other')) == (200, 200, 404)\n"
    )
    (tmp_path / "pytest.ini").write_text("[pytest]\nchat_completions_mock_models =\n    from-ini=o3-mini\n")
    args = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--chat-completions-mock-models"]
    command = [*args, "my-model=gpt-4o-mini", str(tmp_path)]
    result = subprocess.run(command, check=False, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-2000:]
