"""The app's structure: one route table whose names are the operations faults select on, and the 405's `Allow`."""

from __future__ import annotations

import httpx
import pytest
from chat_completions_mock import MockServer, create_app
from chat_completions_mock._faults import OPERATIONS
from chat_completions_mock._middleware import CONTROL_PREFIX
from mock_support import KEY, SEED
from starlette.routing import Route

# One request of each operation (method, path under /v1), plus one that no route serves.
REQUESTS = {
    "create": ("POST", "/chat/completions"),
    "list": ("GET", "/chat/completions"),
    "retrieve": ("GET", "/chat/completions/chatcmpl-x"),
    "update": ("POST", "/chat/completions/chatcmpl-x"),
    "delete": ("DELETE", "/chat/completions/chatcmpl-x"),
    "messages": ("GET", "/chat/completions/chatcmpl-x/messages"),
    "models": ("GET", "/models"),
    "other": ("GET", "/no-such-route"),
}


def test_route_names_are_the_fault_operations() -> None:
    routes = [r for r in create_app().routes if isinstance(r, Route) and not r.path.startswith(CONTROL_PREFIX)]
    assert {r.name for r in routes} == OPERATIONS - {"other"}
    assert set(REQUESTS) == OPERATIONS
    # Served under /v1 and at the root alike (and under Azure's prefixes: tests/unit/mock/test_azure_shapes.py).
    openai_routes = [r for r in routes if not r.path.startswith("/openai/")]
    assert {r.path for r in openai_routes if r.path.startswith("/v1/")} == {
        f"/v1{r.path}" for r in openai_routes if not r.path.startswith("/v1/")
    }


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_on_selects_the_matched_route(client: httpx.Client, operation: str) -> None:
    fault = {"x-mock-fault": f"status=418;on={operation};key={operation}"}
    for name, (method, path) in REQUESTS.items():
        response = client.request(method, path, json={"metadata": {}} if method == "POST" else None, headers=fault)
        assert (response.status_code == 418) == (name == operation), (name, response.status_code)


def test_405_allows_every_method_of_the_path(client: httpx.Client) -> None:
    response = client.put("/chat/completions/chatcmpl-x")
    assert response.status_code == 405
    assert response.headers["allow"] == "DELETE, GET, HEAD, POST"
    assert client.patch("/chat/completions").headers["allow"] == "GET, HEAD, POST"


def test_the_last_of_repeated_headers_counts(server: MockServer) -> None:
    url = f"{server.base_url}/chat/completions"
    twice = [("authorization", f"Bearer {KEY}"), ("authorization", "Basic abc")]
    assert httpx.post(url, json=SEED, headers=twice).status_code == 401
    assert httpx.post(url, json=SEED, headers=list(reversed(twice))).status_code == 200
    faults = [("authorization", f"Bearer {KEY}"), ("x-mock-fault", "status=503"), ("x-mock-fault", "status=429")]
    assert httpx.post(url, json=SEED, headers=faults).status_code == 429
