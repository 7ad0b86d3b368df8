"""Client configuration: headers on the wire, environment fallbacks, the header-injection guard."""

from __future__ import annotations

import chat_completions
import pytest
from chat_completions import Client
from sdk_support import API_KEY, SEED_REQUEST, ScriptedServer, ok


def test_every_request_carries_auth_org_project_user_agent_and_default_headers(server: ScriptedServer) -> None:
    server.add(ok())
    with Client(
        api_key=API_KEY,
        organization="org-1",
        project="proj_1",
        base_url=server.url,
        default_headers={"X-Custom": "yes", "User-Agent": "my-app/2"},
    ) as client:
        client.chat.completions.create(**SEED_REQUEST)
    headers = server.requests[0].headers
    assert headers["authorization"] == f"Bearer {API_KEY}"
    assert headers["openai-organization"] == "org-1"
    assert headers["openai-project"] == "proj_1"
    assert headers["x-custom"] == "yes"
    assert headers["user-agent"] == "my-app/2"  # default_headers win over ours
    assert headers["content-type"] == "application/json"


def test_user_agent_names_the_package_and_org_project_absent_when_unset(server: ScriptedServer) -> None:
    server.add(ok())
    with Client(api_key=API_KEY, base_url=server.url) as client:
        client.chat.completions.create(**SEED_REQUEST)
    headers = server.requests[0].headers
    assert headers["user-agent"] == f"chat-completions-python/{chat_completions.__version__}"
    assert "openai-organization" not in headers
    assert "openai-project" not in headers


def test_environment_fallbacks(server: ScriptedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    monkeypatch.setenv("OPENAI_ORG_ID", "org-env")
    monkeypatch.setenv("OPENAI_PROJECT_ID", "proj-env")
    monkeypatch.setenv("OPENAI_BASE_URL", server.url + "/")  # a trailing slash is tolerated
    server.add(ok())
    with Client() as client:
        client.chat.completions.create(**SEED_REQUEST)
    seen = server.requests[0]
    assert seen.path == "/v1/chat/completions"
    assert seen.headers["authorization"] == "Bearer sk-from-env"
    assert seen.headers["openai-organization"] == "org-env"
    assert seen.headers["openai-project"] == "proj-env"


def test_arguments_win_over_environment(server: ScriptedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    monkeypatch.setenv("OPENAI_PROJECT_ID", "proj-env")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/never")
    server.add(ok())
    with Client(api_key="sk-arg", project="proj-arg", base_url=server.url) as client:
        client.chat.completions.create(**SEED_REQUEST)
    assert server.requests[0].headers["authorization"] == "Bearer sk-arg"
    assert server.requests[0].headers["openai-project"] == "proj-arg"


def test_default_base_url_is_openai() -> None:
    client = Client(api_key=API_KEY)
    assert client._config.completions_url == "https://api.openai.com/v1/chat/completions"
    assert chat_completions.DEFAULT_BASE_URL == "https://api.openai.com/v1"


@pytest.mark.parametrize("env_value", [None, ""])
def test_missing_key_names_the_variable(monkeypatch: pytest.MonkeyPatch, env_value: str | None) -> None:
    if env_value is not None:
        monkeypatch.setenv("OPENAI_API_KEY", env_value)
    with pytest.raises(ValueError, match="OPENAI_API_KEY"):
        Client()
    with pytest.raises(ValueError, match="OPENAI_API_KEY"):
        chat_completions.AsyncClient()


@pytest.mark.parametrize("bad", ["sk-abc\r\nX-Evil: 1", "sk-abc\n", "sk-\x00abc", "sk-\tabc", "sk-abc\x7f", "sk-é"])
@pytest.mark.parametrize("setting", ["api_key", "organization", "project"])
def test_control_characters_are_refused_before_any_request(server: ScriptedServer, setting: str, bad: str) -> None:
    kwargs = {"api_key": API_KEY, "base_url": server.url, setting: bad}
    with pytest.raises(ValueError, match=setting) as info:
        Client(**kwargs)  # type: ignore[arg-type]
    assert bad not in str(info.value)
    with pytest.raises(ValueError, match=setting):
        chat_completions.AsyncClient(**kwargs)  # type: ignore[arg-type]
    assert server.requests == []


def test_control_characters_from_the_environment_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-abc\n")
    with pytest.raises(ValueError, match="api_key"):
        Client()


def test_bad_header_values_in_default_and_extra_headers_are_refused(server: ScriptedServer) -> None:
    with pytest.raises(ValueError, match="X-A"):
        Client(api_key=API_KEY, base_url=server.url, default_headers={"X-A": "1\r\nX-B: 2"})
    with Client(api_key=API_KEY, base_url=server.url) as client, pytest.raises(ValueError, match="X-A"):
        client.chat.completions.create(**SEED_REQUEST, extra_headers={"X-A": "1\nX-B: 2"})
    assert server.requests == []


def test_base_url_must_be_http(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="base_url"):
        Client(api_key=API_KEY, base_url="api.openai.com/v1")
    monkeypatch.setenv("OPENAI_BASE_URL", "ftp://x")
    with pytest.raises(ValueError, match="base_url"):
        Client(api_key=API_KEY)


def test_max_retries_must_be_non_negative() -> None:
    with pytest.raises(ValueError, match="max_retries"):
        Client(api_key=API_KEY, max_retries=-1)


def test_constructing_a_client_builds_no_http_client() -> None:
    client = Client(api_key=API_KEY)
    assert client._lazy._value is None
    client.close()
    with pytest.raises(RuntimeError, match="closed"):
        client._transport()


def test_with_options_validates_like_the_constructor(server: ScriptedServer) -> None:
    with Client(api_key=API_KEY, base_url=server.url) as client:
        with pytest.raises(ValueError, match="api_key"):
            client.with_options(api_key="sk-new\r\n")
        with pytest.raises(ValueError, match="project"):
            client.with_options(project="p\n")
        with pytest.raises(ValueError, match="X-A"):
            client.with_options(extra_headers={"X-A": "\n"})
        assert (
            repr(client.with_options(base_url="http://127.0.0.1:1/v2")) == "<Client base_url='http://127.0.0.1:1/v2'>"
        )
    assert server.requests == []
