"""Client configuration: headers on the wire, environment fallbacks, the header-injection guard."""

from __future__ import annotations

import chat_completions
import pytest
from chat_completions import Client
from sdk_support import API_KEY, SEED_REQUEST, Reply, ScriptedServer, chunk, ok, stream_reply


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
        client._requester()


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


@pytest.mark.parametrize("name", ["X-A\r\nX-B", "X-A\n", "X A", "X-A:", "", "X-\u00c4", "X-A\x00", 'X"A'])
def test_bad_header_names_are_refused_before_any_request(
    server: ScriptedServer, sleeps: list[float], name: str
) -> None:
    with pytest.raises(ValueError, match="header name"):
        Client(api_key=API_KEY, base_url=server.url, default_headers={name: "v"})
    with pytest.raises(ValueError, match="header name"):
        chat_completions.AsyncClient(api_key=API_KEY, base_url=server.url, default_headers={name: "v"})
    with Client(api_key=API_KEY, base_url=server.url) as client:
        with pytest.raises(ValueError, match="header name"):
            client.with_options(extra_headers={name: "v"})
        with pytest.raises(ValueError, match="header name"):
            client.chat.completions.create(**SEED_REQUEST, extra_headers={name: "v"})
        with pytest.raises(ValueError, match="header name"):
            client.chat.completions.retrieve("c", extra_headers={name: None})
    assert server.requests == []
    assert sleeps == []


def test_token_characters_are_fine_in_header_names(server: ScriptedServer) -> None:
    server.add(ok())
    with Client(api_key=API_KEY, base_url=server.url, default_headers={"X-Odd!#$%&'*+.^_`|~9": "1"}) as client:
        client.chat.completions.create(**SEED_REQUEST)
    assert server.requests[0].headers["x-odd!#$%&'*+.^_`|~9"] == "1"


def test_a_none_header_value_removes_httpx_own_headers_too(server: ScriptedServer) -> None:
    server.add(ok(), ok(), ok(), ok())
    removing = {"User-Agent": None, "Accept-Encoding": None}
    with Client(api_key=API_KEY, base_url=server.url, default_headers=removing) as client:
        client.chat.completions.create(**SEED_REQUEST)
        client.chat.completions.create(**SEED_REQUEST, extra_headers={"User-Agent": "mine/1"})
    with Client(api_key=API_KEY, base_url=server.url) as client:
        client.chat.completions.create(**SEED_REQUEST, extra_headers=removing)
        client.with_options(extra_headers=removing).chat.completions.create(**SEED_REQUEST)
    first, again, per_call, with_options = (r.headers for r in server.requests)
    for headers in (first, per_call, with_options):
        assert "user-agent" not in headers
        assert "accept-encoding" not in headers
        assert headers["authorization"] == f"Bearer {API_KEY}"
    assert again["user-agent"] == "mine/1"  # set again for one call
    assert "accept-encoding" not in again


def test_max_retries_none_means_the_clients_setting(server: ScriptedServer, sleeps: list[float]) -> None:
    with Client(api_key=API_KEY, base_url=server.url, max_retries=None) as client:
        assert client._config.max_retries == chat_completions.DEFAULT_MAX_RETRIES
        server.add(Reply(503), Reply(503), ok())
        assert client.chat.completions.create(**SEED_REQUEST, max_retries=None).id == "chatcmpl-abc123"
        server.add(Reply(503), stream_reply(chunk({}, "stop")))
        assert len(list(client.chat.completions.create(**SEED_REQUEST, stream=True, max_retries=None))) == 1
        server.add(Reply(503), ok({"object": "list", "data": [], "first_id": "", "last_id": "", "has_more": False}))
        assert list(client.chat.completions.list(max_retries=None)) == []
        with pytest.raises(ValueError, match="max_retries"):
            client.chat.completions.create(**SEED_REQUEST, max_retries=-1)
        with pytest.raises(ValueError, match="max_retries"):
            client.chat.completions.retrieve("c", max_retries="2")  # type: ignore[typeddict-item]
    assert len(server.requests) == 7
    assert len(sleeps) == 4
