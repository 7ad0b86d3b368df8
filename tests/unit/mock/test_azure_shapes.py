"""Azure OpenAI's URL shapes and `api-key` header on the mock: deployment paths with `api-version`, the resource's
own paths for stored completions, the v1 API; Azure's 404 without `api-version`; the same route names for faults."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from chat_completions_mock import MockServer
from mock_support import KEY, SEED, assert_error, sse_data

VERSION = {"api-version": "2024-10-21"}


@pytest.fixture
def azure(server: MockServer) -> Iterator[httpx.Client]:
    """An httpx client on the mock's root, sending the key as Azure's `api-key` header."""
    server.clear_faults()
    root = server.base_url.removesuffix("/v1")
    with httpx.Client(base_url=root, headers={"api-key": KEY}, timeout=10) as http:
        yield http


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/openai/deployments/my-deployment/chat/completions", VERSION),
        ("/openai/v1/chat/completions", {}),
        ("/openai/v1/chat/completions", {"api-version": "preview"}),
    ],
)
def test_create_on_azure_paths_with_api_key(azure: httpx.Client, path: str, params: dict[str, str]) -> None:
    response = azure.post(path, params=params, json=SEED)
    assert response.status_code == 200, response.text
    assert response.json()["choices"][0]["message"]["content"].strip() == "This is a test!"
    streamed = azure.post(path, params=params, json={**SEED, "stream": True})
    assert streamed.headers["content-type"].startswith("text/event-stream")
    assert sse_data(streamed.text)[-1] == "[DONE]"


def test_stored_completions_on_the_resource_and_deployment_paths(azure: httpx.Client) -> None:
    created = azure.post("/openai/deployments/d/chat/completions", params=VERSION, json={**SEED, "store": True}).json()
    for prefix in ("/openai", "/openai/deployments/d", "/openai/v1"):
        params = {} if prefix == "/openai/v1" else VERSION
        retrieved = azure.get(f"{prefix}/chat/completions/{created['id']}", params=params)
        assert retrieved.status_code == 200, (prefix, retrieved.text)
        assert retrieved.json()["id"] == created["id"]
        messages = azure.get(f"{prefix}/chat/completions/{created['id']}/messages", params=params)
        assert messages.json()["data"][0]["content"] == SEED["messages"][0]["content"]
    listed = azure.get("/openai/deployments/d/chat/completions", params={**VERSION, "limit": 100}).json()
    assert created["id"] in {item["id"] for item in listed["data"]}
    assert azure.delete(f"/openai/chat/completions/{created['id']}", params=VERSION).json()["deleted"] is True


def test_an_azure_path_without_api_version_is_azures_404(azure: httpx.Client) -> None:
    for path in ("/openai/deployments/d/chat/completions", "/openai/chat/completions/chatcmpl-x"):
        response = azure.post(path, json=SEED)
        body = assert_error(response, 404, code="404")
        assert body["message"] == "Resource not found"


def test_azure_paths_need_a_key_as_openai_paths_do(server: MockServer) -> None:
    root = server.base_url.removesuffix("/v1")
    response = httpx.post(f"{root}/openai/deployments/d/chat/completions", params=VERSION, json=SEED, timeout=10)
    assert_error(response, 401)
    both = httpx.post(  # with both, Authorization counts, as for OpenAI's paths
        f"{root}/openai/v1/chat/completions", json=SEED, headers={"api-key": KEY, "authorization": "Basic x"}
    )
    assert_error(both, 401)


def test_faults_select_azure_requests_by_operation(azure: httpx.Client) -> None:
    fault = {"x-mock-fault": "status=429;on=create"}
    response = azure.post("/openai/deployments/d/chat/completions", params=VERSION, json=SEED, headers=fault)
    assert response.status_code == 429
    assert azure.get("/openai/chat/completions/chatcmpl-missing", params=VERSION, headers=fault).status_code == 404


@pytest.mark.parametrize("deployment", [None, "my-deployment"])
def test_openais_azure_client_runs_every_method_against_the_mock(server: MockServer, deployment: str | None) -> None:
    import openai

    root = server.base_url.removesuffix("/v1")
    options = {"azure_endpoint": root, "api_version": "2024-10-21", "api_key": KEY, "azure_deployment": deployment}
    with openai.AzureOpenAI(**options) as client:  # type: ignore[arg-type]
        completions = client.chat.completions
        stored = completions.create(**SEED, store=True)  # type: ignore[call-overload]
        assert stored.choices[0].message.content.strip() == "This is a test!"
        chunks = list(completions.create(**SEED, stream=True))  # type: ignore[call-overload]
        assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices).strip() == "This is a test!"
        assert completions.retrieve(stored.id).id == stored.id
        assert [m.content for m in completions.messages.list(stored.id)] == [SEED["messages"][0]["content"]]
        assert stored.id in {c.id for c in completions.list(limit=100)}
        assert completions.delete(stored.id).deleted is True
