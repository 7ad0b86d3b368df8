"""`AzureClient` against `openai.AzureOpenAI`: for the same options, the same method, path, query and credentials.

Each option set runs every method (create, streamed create, retrieve, list, messages.list, delete), sync and async,
through both SDKs against the byte-scripted loopback server; the requests must be equal, and a token provider is
called once per request. Option sets cover each credential alone, a credential replaced by `with_options`, and
`Authorization`/`api-key` given in `default_headers` or in a call's `extra_headers` too: one credential is sent, never
a stale one beside the new. Azure's v1 API is compared with `openai.OpenAI` on `{endpoint}/openai/v1/`, as Microsoft
documents it (a token provider as the key).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

import chat_completions as cc
import openai
import pytest
from byte_server import ByteServer, Script
from differential_cases import DELETED, answer, completion, page, sse, text_chunks

KEY = "azure-key-0123456789abcdef"
TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOi.static-token"
VERSION = "2024-10-21"
MODEL = "gpt-4o-mini"
MESSAGES = [{"role": "user", "content": "Hi"}]
CUSTOM = "x-custom"
SEEN_HEADERS = ("api-key", "authorization", CUSTOM)
#: Credentials laid over the client's own by headers (`default_headers`, `with_options`, a call's `extra_headers`).
OTHER_AUTH = {"Authorization": "Bearer other-token", "api-key": "other-key"}

#: name -> (our client's options, `openai`'s class, its options); "{E}" stands for the endpoint; "provider" for a
#: fresh token provider (sync or async as the client). "with" holds `with_options` arguments as `openai` names them
#: (its `default_headers` are our `extra_headers`), "call_headers" each call's `extra_headers`.
CASES: dict[str, tuple[dict[str, Any], str, dict[str, Any]]] = {
    "deployment_key": ({"azure_deployment": "my-dep", "api_key": KEY}, "AzureOpenAI", {}),
    "model_as_deployment_key": ({"api_key": KEY}, "AzureOpenAI", {}),
    "model_as_deployment_ad_token": ({"azure_ad_token": TOKEN}, "AzureOpenAI", {}),
    "model_as_deployment_provider": ({"azure_ad_token_provider": "provider"}, "AzureOpenAI", {}),
    "deployment_provider": ({"azure_deployment": "my-dep", "azure_ad_token_provider": "provider"}, "AzureOpenAI", {}),
    "endpoint_with_slash": ({"azure_endpoint": "{E}/", "api_key": KEY}, "AzureOpenAI", {}),
    "deployment_with_space": ({"azure_deployment": "my dep", "api_key": KEY}, "AzureOpenAI", {}),
    "base_url_with_deployment": ({"base_url": "{E}/openai/deployments/d1", "api_key": KEY}, "AzureOpenAI", {}),
    "base_url_without_deployment": ({"base_url": "{E}/openai", "api_key": KEY}, "AzureOpenAI", {}),
    "query_and_headers": (
        {"api_key": KEY, "default_query": {"x": "1"}, "default_headers": {CUSTOM: "a"}},
        "AzureOpenAI",
        {},
    ),
    "env_key": ({"env": {"AZURE_OPENAI_API_KEY": KEY}}, "AzureOpenAI", {}),
    "env_ad_token_before_key": (
        {"env": {"AZURE_OPENAI_API_KEY": KEY, "AZURE_OPENAI_AD_TOKEN": TOKEN}},
        "AzureOpenAI",
        {},
    ),
    "key_then_new_key": ({"api_key": KEY, "with": {"api_key": "new-key"}}, "AzureOpenAI", {}),
    "ad_token_then_key": ({"azure_ad_token": TOKEN, "with": {"api_key": "new-key"}}, "AzureOpenAI", {}),
    "provider_then_key": ({"azure_ad_token_provider": "provider", "with": {"api_key": "new-key"}}, "AzureOpenAI", {}),
    "key_then_ad_token": ({"api_key": KEY, "with": {"azure_ad_token": TOKEN}}, "AzureOpenAI", {}),
    "key_then_provider": ({"api_key": KEY, "with": {"azure_ad_token_provider": "provider"}}, "AzureOpenAI", {}),
    "key_then_default_headers": ({"api_key": KEY, "with": {"default_headers": OTHER_AUTH}}, "AzureOpenAI", {}),
    "ad_token_then_default_headers": (
        {"azure_ad_token": TOKEN, "with": {"default_headers": OTHER_AUTH}},
        "AzureOpenAI",
        {},
    ),
    "key_and_default_headers": ({"api_key": KEY, "default_headers": OTHER_AUTH}, "AzureOpenAI", {}),
    "ad_token_and_default_headers": ({"azure_ad_token": TOKEN, "default_headers": OTHER_AUTH}, "AzureOpenAI", {}),
    "provider_and_default_headers": (
        {"azure_ad_token_provider": "provider", "default_headers": OTHER_AUTH},
        "AzureOpenAI",
        {},
    ),
    "key_and_call_api_key": ({"api_key": KEY, "call_headers": {"api-key": "other-key"}}, "AzureOpenAI", {}),
    "key_and_call_authorization": (
        {"api_key": KEY, "call_headers": {"Authorization": "Bearer other"}},
        "AzureOpenAI",
        {},
    ),
    "ad_token_and_call_headers": ({"azure_ad_token": TOKEN, "call_headers": OTHER_AUTH}, "AzureOpenAI", {}),
    "provider_and_call_headers": (
        {"azure_ad_token_provider": "provider", "call_headers": OTHER_AUTH},
        "AzureOpenAI",
        {},
    ),
    "v1_provider": (
        {"api_version": "v1", "azure_ad_token_provider": "provider"},
        "OpenAI",
        {"base_url": "{E}/openai/v1/", "api_key": "provider"},
    ),
}


class Provider:
    """A token provider counting its calls; each call gives a new token, as a refreshed one would be."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        return f"token-{self.calls}"


class AsyncProvider(Provider):
    async def __call__(self) -> str:  # type: ignore[override]
        return super().__call__()


def _answers() -> list[Any]:
    empty = answer(page([]))
    return [answer(completion()), sse(*text_chunks("Hi")), answer(completion()), empty, empty, answer(DELETED)]


def _fill(options: dict[str, Any], endpoint: str, provider: Provider) -> dict[str, Any]:
    def fill(value: Any) -> Any:
        if value == "provider":
            return provider
        if isinstance(value, dict):
            return _fill(value, endpoint, provider)
        return value.replace("{E}", endpoint) if isinstance(value, str) else value

    return {key: fill(value) for key, value in options.items()}


def _settings(case: str, sdk: str, endpoint: str, provider: Provider) -> tuple[Callable[..., Any], dict[str, Any]]:
    ours, their_class, theirs = CASES[case]
    ours = {name: value for name, value in ours.items() if name not in ("env", "with", "call_headers")}
    common: dict[str, Any] = {"max_retries": 0, "timeout": 5.0}
    if "base_url" not in ours and "azure_endpoint" not in ours:
        common["azure_endpoint"] = endpoint
    if "api_version" not in ours:
        common["api_version"] = VERSION
    if case.startswith("env_"):
        common.pop("azure_endpoint")
        common.pop("api_version")
    if sdk == "ours":
        return cc.AzureClient, {**common, **_fill(ours, endpoint, provider)}
    if their_class == "OpenAI":
        return openai.OpenAI, {"max_retries": 0, "timeout": 5.0, **_fill(theirs, endpoint, provider)}
    options = {**common, **_fill(ours, endpoint, provider)}
    return openai.AzureOpenAI, options


def _with_options(case: str, sdk: str, endpoint: str, provider: Provider) -> dict[str, Any]:
    """The case's `with_options` arguments for this SDK (ours names `default_headers` `extra_headers`)."""
    options = _fill(CASES[case][0].get("with", {}), endpoint, provider)
    if sdk == "ours" and "default_headers" in options:
        options["extra_headers"] = options.pop("default_headers")
    return options


def _sync_calls(client: Any, headers: dict[str, str]) -> None:
    completions = client.chat.completions
    completions.create(model=MODEL, messages=MESSAGES, extra_headers=headers)
    for _ in completions.create(model=MODEL, messages=MESSAGES, stream=True, extra_headers=headers):
        pass
    completions.retrieve("chatcmpl-abc123", extra_headers=headers)
    list(completions.list(limit=2, extra_headers=headers))
    list(completions.messages.list("chatcmpl-abc123", extra_headers=headers))
    completions.delete("chatcmpl-abc123", extra_headers=headers)


async def _async_calls(client: Any, headers: dict[str, str]) -> None:
    completions = client.chat.completions
    await completions.create(model=MODEL, messages=MESSAGES, extra_headers=headers)
    async for _ in await completions.create(model=MODEL, messages=MESSAGES, stream=True, extra_headers=headers):
        pass
    await completions.retrieve("chatcmpl-abc123", extra_headers=headers)
    [item async for item in completions.list(limit=2, extra_headers=headers)]
    [item async for item in completions.messages.list("chatcmpl-abc123", extra_headers=headers)]
    await completions.delete("chatcmpl-abc123", extra_headers=headers)


_ASYNC = {
    cc.AzureClient: cc.AsyncAzureClient,
    openai.AzureOpenAI: openai.AsyncAzureOpenAI,
    openai.OpenAI: openai.AsyncOpenAI,
}


def _run(case: str, sdk: str, mode: str, script: Script) -> tuple[list[tuple[Any, ...]], int]:
    provider = Provider() if mode == "sync" else AsyncProvider()
    endpoint = f"{script.origin}{script.prefix}"
    factory, options = _settings(case, sdk, endpoint, provider)
    copy = _with_options(case, sdk, endpoint, provider)
    headers = CASES[case][0].get("call_headers", {})
    if mode == "sync":
        with factory(**options) as client:
            _sync_calls(client.with_options(**copy) if copy else client, headers)
    else:

        async def main() -> None:
            async with _ASYNC[factory](**options) as client:
                await _async_calls(client.with_options(**copy) if copy else client, headers)

        asyncio.run(main())
    seen = []
    for request in script.requests:
        path, _, query = request.target.removeprefix(script.prefix).partition("?")
        headers = {name: request.headers.get(name) for name in SEEN_HEADERS}
        seen.append((request.method, path, sorted(parse_qsl(query, keep_blank_values=True)), headers))
    return seen, provider.calls


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("case", list(CASES))
def test_azure_requests_are_openais(
    case: str, mode: str, byte_server: ByteServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("AZURE_OPENAI_API_KEY", "AZURE_OPENAI_AD_TOKEN", "AZURE_OPENAI_ENDPOINT", "OPENAI_API_VERSION"):
        monkeypatch.delenv(name, raising=False)
    runs = {}
    for sdk in ("openai", "ours"):
        script = byte_server.script(*_answers())
        if case.startswith("env_"):
            env = {**CASES[case][0]["env"], "AZURE_OPENAI_ENDPOINT": f"{script.origin}{script.prefix}"}
            for name, value in {**env, "OPENAI_API_VERSION": VERSION}.items():
                monkeypatch.setenv(name, value)
        runs[sdk] = _run(case, sdk, mode, script)
    (theirs, their_calls), (ours, our_calls) = runs["openai"], runs["ours"]
    assert len(ours) == 6
    assert ours == theirs
    assert our_calls == their_calls
    if case.endswith("provider"):
        assert our_calls == len(ours)  # once per request, a refreshed token each time
        assert [headers["authorization"] for *_, headers in ours] == [f"Bearer token-{n}" for n in range(1, 7)]
    if not case.endswith(("default_headers", "call_headers", "call_authorization")):  # one credential, never two
        assert all((headers["api-key"] is None) != (headers["authorization"] is None) for *_, headers in ours)


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("where", ["constructor", "with_options"])
@pytest.mark.parametrize(
    "credentials",
    [{"api_key": KEY, "azure_ad_token": TOKEN}, {"api_key": KEY, "azure_ad_token_provider": "provider"}],
    ids=["key_and_ad_token", "key_and_provider"],
)
def test_two_credentials_are_refused_as_openai_refuses_them(
    credentials: dict[str, Any], where: str, mode: str, byte_server: ByteServer
) -> None:
    """`openai` raises rather than pick one (or send both); so do we, before any request."""
    script = byte_server.script()
    endpoint = f"{script.origin}{script.prefix}"
    classes = (openai.AzureOpenAI, cc.AzureClient) if mode == "sync" else (openai.AsyncAzureOpenAI, cc.AsyncAzureClient)
    for factory in classes:
        given = _fill(credentials, endpoint, Provider() if mode == "sync" else AsyncProvider())
        settings: dict[str, Any] = {"azure_endpoint": endpoint, "api_version": VERSION}
        if where == "constructor":
            with pytest.raises((ValueError, openai.OpenAIError), match="mutually exclusive"):
                factory(**settings, **given)
        else:
            client = factory(**settings, azure_ad_token=TOKEN)
            with pytest.raises((ValueError, openai.OpenAIError), match="mutually exclusive"):
                client.with_options(**given)
    assert script.requests == []


def test_what_the_table_covers() -> None:
    """The option sets above reach every URL shape: deployment paths, the model as deployment, stored completions
    outside the deployment, a base URL, and the v1 API."""
    paths = {
        "/openai/deployments/my-dep/chat/completions",
        "/openai/deployments/gpt-4o-mini/chat/completions",
        "/openai/chat/completions/chatcmpl-abc123",
        "/openai/v1/chat/completions",
    }
    seen: dict[str, list[tuple[Any, ...]]] = {}
    with ByteServer() as server:
        for case in ("deployment_key", "model_as_deployment_key", "v1_provider"):
            seen[case], _ = _run(case, "ours", "sync", server.script(*_answers()))
    every = {path for requests in seen.values() for _, path, _, _ in requests}
    assert paths <= every, paths - every
    assert all(("api-version", VERSION) in query for _, _, query, _ in seen["deployment_key"])
    assert not any(name == "api-version" for _, _, query, _ in seen["v1_provider"] for name, _ in query)
    assert all(headers["api-key"] == KEY and headers["authorization"] is None for *_, headers in seen["deployment_key"])
