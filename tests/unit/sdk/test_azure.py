"""`AzureClient` / `AsyncAzureClient`: settings errors, secrets kept out of reprs, copies keeping Azure's routes and
credentials, token providers' answers checked. (Requests against `openai.AzureOpenAI`: tests/differential/test_azure.py.)"""

from __future__ import annotations

import chat_completions as cc
import pytest
from chat_completions_mock import MockServer
from sdk_support import Reply, ScriptedServer, ok

KEY = "azure-secret-key-0123456789"
VERSION = "2024-10-21"


@pytest.fixture(autouse=True)
def no_azure_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AZURE_OPENAI_API_KEY", "AZURE_OPENAI_AD_TOKEN", "AZURE_OPENAI_ENDPOINT", "OPENAI_API_VERSION"):
        monkeypatch.delenv(name, raising=False)


def endpoint(server: ScriptedServer) -> str:
    return f"http://127.0.0.1:{server.port}"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"azure_endpoint": "https://r.openai.azure.com", "api_version": VERSION}, "No credentials"),
        ({"azure_endpoint": "https://r", "api_version": VERSION, "api_key": KEY, "azure_ad_token": "t"}, "exclusive"),
        ({"azure_endpoint": "https://r.openai.azure.com", "api_key": KEY}, "No API version"),
        ({"api_version": VERSION, "api_key": KEY}, "No endpoint"),
        (
            {"azure_endpoint": "https://r", "base_url": "https://r/openai", "api_version": VERSION, "api_key": KEY},
            "base_url",
        ),
    ],
)
def test_settings_errors_are_one_clear_line_without_the_secret(options: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message) as info:
        cc.AzureClient(**options)  # type: ignore[arg-type]
    assert KEY not in str(info.value)


def test_secrets_stay_out_of_reprs() -> None:
    for credential in ({"api_key": KEY}, {"azure_ad_token": KEY}, {"azure_ad_token_provider": lambda: KEY}):
        client = cc.AzureClient(azure_endpoint="https://r.openai.azure.com", api_version=VERSION, **credential)  # type: ignore[arg-type]
        assert KEY not in repr(client)
        assert KEY not in repr(client._config)
        assert "r.openai.azure.com" in repr(client)


def test_copies_keep_the_route_and_a_new_key_goes_in_api_key(server: ScriptedServer) -> None:
    server.add(ok(), ok())
    with cc.AzureClient(azure_endpoint=endpoint(server), api_version=VERSION, api_key=KEY, max_retries=0) as client:
        copy = client.with_options(timeout=3.0)
        copy.chat.completions.create(model="dep-1", messages=[])
        client.with_options(api_key="other-key").chat.completions.create(model="dep-1", messages=[])
    first, second = server.requests
    assert first.path == second.path == f"/openai/deployments/dep-1/chat/completions?api-version={VERSION}"
    assert first.headers["api-key"] == KEY
    assert second.headers["api-key"] == "other-key"
    assert "authorization" not in first.headers
    assert "authorization" not in second.headers


def test_a_per_request_authorization_wins_over_the_provider(server: ScriptedServer) -> None:
    server.add(ok())
    with cc.AzureClient(
        azure_endpoint=endpoint(server), api_version=VERSION, azure_ad_token_provider=lambda: "provider-token"
    ) as client:
        client.chat.completions.create(model="m", messages=[], extra_headers={"Authorization": "Bearer mine"})
    assert server.requests[0].headers["authorization"] == "Bearer mine"


@pytest.mark.parametrize("token", ["", None, 42])
def test_a_provider_giving_no_token_is_a_clear_error(server: ScriptedServer, token: object) -> None:
    with (
        cc.AzureClient(
            azure_endpoint=endpoint(server),
            api_version=VERSION,
            azure_ad_token_provider=lambda: token,  # type: ignore[arg-type,return-value]
        ) as client,
        pytest.raises(ValueError, match="token provider must return a non-empty str"),
    ):
        client.chat.completions.create(model="m", messages=[])
    assert server.requests == []


def test_an_async_provider_on_the_sync_client_is_a_clear_error(server: ScriptedServer) -> None:
    async def token() -> str:
        return "t"

    options = {"azure_endpoint": endpoint(server), "api_version": VERSION, "azure_ad_token_provider": token}
    with cc.AzureClient(**options) as client, pytest.raises(ValueError, match="needs AsyncAzureClient"):  # type: ignore[arg-type]
        client.chat.completions.create(model="m", messages=[])
    assert server.requests == []


@pytest.mark.anyio
async def test_async_client_takes_a_sync_or_an_async_provider(server: ScriptedServer) -> None:
    server.add(ok(), ok())

    async def async_token() -> str:
        return "async-token"

    for provider in (async_token, lambda: "sync-token"):
        async with cc.AsyncAzureClient(
            azure_endpoint=endpoint(server), azure_deployment="d", api_version=VERSION, azure_ad_token_provider=provider
        ) as client:
            await client.chat.completions.create(model="m", messages=[])
    assert [r.headers["authorization"] for r in server.requests] == ["Bearer async-token", "Bearer sync-token"]
    assert {r.path for r in server.requests} == {f"/openai/deployments/d/chat/completions?api-version={VERSION}"}


def test_the_v1_api_from_a_base_url_sends_no_api_version(server: ScriptedServer) -> None:
    server.add(ok())
    with cc.AzureClient(base_url=f"{endpoint(server)}/openai/v1/", api_key=KEY) as client:
        client.chat.completions.create(model="gpt-4o-mini", messages=[])
    assert server.requests[0].path == "/openai/v1/chat/completions"
    assert server.requests[0].headers["api-key"] == KEY


@pytest.mark.parametrize(
    "options",
    [
        {"azure_deployment": "my-deployment", "api_version": VERSION},
        {"api_version": VERSION},
        {"api_version": "v1"},
    ],
    ids=["deployment", "model_as_deployment", "v1"],
)
def test_every_method_against_the_mock(chat_completions_mock: MockServer, options: dict[str, str]) -> None:
    root = chat_completions_mock.base_url.removesuffix("/v1")
    seed = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Say this is a test!"}]}
    with cc.AzureClient(azure_endpoint=root, api_key=KEY, **options) as client:
        completions = client.chat.completions
        stored = completions.create(**seed, store=True)  # type: ignore[arg-type]
        assert stored.choices[0].message.content.strip() == "This is a test!"
        with completions.create(**seed, stream=True) as stream:  # type: ignore[arg-type]
            assert "".join(c.choices[0].delta.content or "" for c in stream if c.choices).strip() == "This is a test!"
        with completions.with_streaming_response.create(**seed) as response:  # type: ignore[arg-type]
            assert "/openai/" in str(response.url)
            assert response.parse().id
        assert completions.retrieve(stored.id).id == stored.id
        assert [m.content for m in completions.messages.list(stored.id)] == ["Say this is a test!"]
        assert stored.id in {c.id for c in completions.list(limit=100)}
        assert completions.delete(stored.id).deleted is True


@pytest.mark.anyio
async def test_the_api_key_does_not_follow_a_redirect_to_another_origin(server: ScriptedServer) -> None:
    other = ScriptedServer()
    try:
        target = f"{endpoint(other)}/openai/deployments/d/chat/completions?api-version={VERSION}"
        same = f"{endpoint(server)}/openai/deployments/d/chat/completions?api-version={VERSION}&again=1"
        server.add(Reply(307, b"", {"location": target}), Reply(307, b"", {"location": same}), ok())
        other.add(ok(), ok())
        options = {"azure_endpoint": endpoint(server), "azure_deployment": "d", "api_version": VERSION, "api_key": KEY}
        with cc.AzureClient(**options) as client:  # type: ignore[arg-type]
            client.chat.completions.create(model="m", messages=[])
        server.add(Reply(307, b"", {"location": target}))
        async with cc.AsyncAzureClient(**options) as aclient:  # type: ignore[arg-type]
            await aclient.chat.completions.create(model="m", messages=[])
            await aclient.chat.completions.create(model="m", messages=[])  # the redirect to the same origin keeps it
    finally:
        other.close()
    assert [r.headers.get("api-key") for r in other.requests] == [None, None]
    assert [r.headers.get("api-key") for r in server.requests] == [KEY] * 4


def test_a_copy_on_another_base_url_is_routed_as_that_url_says(server: ScriptedServer) -> None:
    server.add(ok(), ok())
    with cc.AzureClient(azure_endpoint="https://unused.example", api_version=VERSION, api_key=KEY) as client:
        client.with_options(base_url=f"{endpoint(server)}/openai").chat.completions.create(model="m1", messages=[])
        client.with_options(base_url=f"{endpoint(server)}/openai/v1").chat.completions.create(model="m1", messages=[])
    assert [r.path for r in server.requests] == [
        f"/openai/deployments/m1/chat/completions?api-version={VERSION}",
        f"/openai/v1/chat/completions?api-version={VERSION}",  # the client's api-version goes on: its default_query
    ]
    assert {r.headers["api-key"] for r in server.requests} == {KEY}
