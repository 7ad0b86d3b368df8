"""Every field of every mock answer is described by the committed spec.

When upstream drops a field and the spec is regenerated, the mock must stop sending it. Each answer
(create: plain, n and logprobs, tools, custom tools, legacy functions, structured output, stream chunks
with and without tools and usage; list, retrieve, update, delete, messages list; error bodies) is walked
against the response schema the spec gives its operation and status: any object key that is not among
the declared `properties` of the schema it meets is flagged, even where the schema would allow extra
properties. Free-form objects (no `properties`, e.g. JSON-schema arguments) are not looked into.
"""

from __future__ import annotations

import copy
import importlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

SPEC_FILE = Path(__file__).resolve().parents[3] / "openapi" / "chat-completions.yaml"
support = importlib.import_module("mock_support")
JSON = "application/json"


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return yaml.load(SPEC_FILE.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # type: ignore[no-any-return]


def resolve(spec: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        _, _, kind, name = node["$ref"].split("/")
        node = spec["components"][kind][name]
    return node


def response_schema(spec: dict[str, Any], path: str, method: str, status: int, media: str = JSON) -> Any:
    """The schema the spec gives the body of this operation's `status` answer."""
    response = resolve(spec, spec["paths"][path][method]["responses"][str(status)])
    return response["content"][media]["schema"]


def chunk_schema(spec: dict[str, Any]) -> Any:
    """A stream chunk's schema: the `contentSchema` of the SSE event's `data`, as the spec declares it."""
    event = resolve(spec, response_schema(spec, "/chat/completions", "post", 200, "text/event-stream"))
    return event["properties"]["data"]["contentSchema"]


def undeclared(spec: dict[str, Any], schema: Any, value: Any, where: str = "$") -> list[str]:
    """Paths of the object keys in `value` that `schema` does not declare (empty: all described)."""
    schema = resolve(spec, schema)
    if not isinstance(schema, dict):
        return []
    if schema.get("anyOf") or schema.get("oneOf"):
        return _undeclared_in_union(spec, schema, value, where)
    if isinstance(value, dict):
        return _undeclared_in_object(spec, schema, value, where)
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        return [p for i, item in enumerate(value) for p in undeclared(spec, schema["items"], item, f"{where}[{i}]")]
    return []


def _undeclared_in_union(spec: dict[str, Any], schema: dict[str, Any], value: Any, where: str) -> list[str]:
    """The member the discriminator names, else the member of the value's type that fits best."""
    candidates = [v for v in schema.get("anyOf") or schema["oneOf"] if _same_type(resolve(spec, v), value)]
    disc = schema.get("discriminator")
    if disc and isinstance(value, dict) and value.get(disc["propertyName"]) in disc.get("mapping", {}):
        candidates = [{"$ref": disc["mapping"][value[disc["propertyName"]]]}]
    if not candidates:
        return [f"{where}: a {type(value).__name__} where the spec allows none"]
    return min((undeclared(spec, v, value, where) for v in candidates), key=len)


def _undeclared_in_object(spec: dict[str, Any], schema: dict[str, Any], value: dict[str, Any], where: str) -> list[str]:
    declared = schema.get("properties")
    if declared is None:
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):  # a map (e.g. metadata): walk its values
            return [p for k, v in value.items() for p in undeclared(spec, extra, v, f"{where}.{k}")]
        return []  # a free-form object (e.g. a JSON schema, tool arguments)
    found = [f"{where}.{key}" for key in value if key not in declared]
    for key, item in value.items():
        if key in declared:
            found += undeclared(spec, declared[key], item, f"{where}.{key}")
    return found


def _same_type(schema: Any, value: Any) -> bool:
    kind = schema.get("type") if isinstance(schema, dict) else None
    if kind is None:
        return not (isinstance(schema, dict) and "const" in schema) or schema["const"] == value
    kinds = set(kind) if isinstance(kind, list) else {kind}
    actual = {
        dict: "object",
        list: "array",
        str: "string",
        bool: "boolean",
        int: "integer",
        float: "number",
        type(None): "null",
    }[type(value)]
    return actual in kinds or (actual == "integer" and "number" in kinds)


def chunks(response: httpx.Response) -> Iterator[dict[str, Any]]:
    assert response.status_code == 200, response.text
    for data in support.sse_data(response.text):
        if data != "[DONE]":
            yield json.loads(data)


def test_the_walker_flags_an_undeclared_field(spec: dict[str, Any]) -> None:
    """Guards the test itself: an extra key at any depth, even under an anyOf, is reported."""
    schema = response_schema(spec, "/chat/completions", "post", 200)
    answer = {"id": "x", "choices": [{"message": {"role": "assistant", "content": "hi", "mood": "good"}}]}
    answer["system_fingerprint"] = None
    answer["usage"] = {"prompt_tokens_details": {"cached_tokens": 0, "future_tokens": 1}}
    assert undeclared(spec, schema, answer) == [
        "$.choices[0].message.mood",
        "$.usage.prompt_tokens_details.future_tokens",
    ]


def test_a_field_upstream_drops_would_be_caught(client: httpx.Client, spec: dict[str, Any]) -> None:
    """The issue's case: a regeneration drops `system_fingerprint`; the mock still sending it fails this file."""
    dropped = copy.deepcopy(spec)
    dropped["components"]["schemas"]["CreateChatCompletionResponse"]["properties"].pop("system_fingerprint")
    dropped["components"]["schemas"]["CompletionUsage"]["properties"]["prompt_tokens_details"]["properties"].pop(
        "audio_tokens"
    )
    answer = client.post("/chat/completions", json=support.request()).json()
    schema = response_schema(dropped, "/chat/completions", "post", 200)
    assert undeclared(dropped, schema, answer) == ["$.system_fingerprint", "$.usage.prompt_tokens_details.audio_tokens"]


CREATE_CASES: dict[str, dict[str, Any]] = {
    "plain": {},
    "n-logprobs": {"n": 2, "logprobs": True, "top_logprobs": 2, "seed": 7, "service_tier": "auto"},
    "tools": {"tools": [support.WEATHER, support.TIME], "tool_choice": "required", "parallel_tool_calls": True},
    "parallel-tools": {
        "messages": support.user("Use get_time and get_weather"),
        "tools": [support.WEATHER, support.TIME],
    },
    "custom-tool": {
        "tools": [{"type": "custom", "custom": {"name": "run_sql"}}],
        "tool_choice": {"type": "custom", "custom": {"name": "run_sql"}},
    },
    "functions": {
        "functions": [support.WEATHER["function"]],
        "function_call": {"name": "get_weather"},
    },
    "json-schema": {
        "response_format": {
            "type": "json_schema",
            "json_schema": {
                "name": "answer",
                "strict": True,
                "schema": {"type": "object", "properties": {"x": {"type": "integer"}}, "required": ["x"]},
            },
        }
    },
    "json-object": {"messages": support.user("Answer in JSON"), "response_format": {"type": "json_object"}},
    "stop-length": {"max_completion_tokens": 2, "metadata": {"a": "b"}, "store": True},
    "reasoning-model": {"model": "gpt-5-mini", "reasoning_effort": "high"},
    "audio-model": {
        "model": "gpt-4o-audio-preview",
        "modalities": ["text", "audio"],
        "audio": {"voice": "alloy", "format": "wav"},
    },
    "search-model": {"model": "gpt-4o-search-preview", "web_search_options": {}},
}


@pytest.mark.parametrize("fields", CREATE_CASES.values(), ids=CREATE_CASES.keys())
def test_create_answers_are_described(client: httpx.Client, spec: dict[str, Any], fields: dict[str, Any]) -> None:
    response = client.post("/chat/completions", json=support.request(**fields))
    assert response.status_code == 200, response.text
    schema = response_schema(spec, "/chat/completions", "post", 200)
    assert undeclared(spec, schema, response.json()) == []


STREAM_CASES: dict[str, dict[str, Any]] = {
    "text-usage-logprobs": {"stream_options": {"include_usage": True}, "logprobs": True, "top_logprobs": 1, "n": 2},
    "tools": {"tools": [support.WEATHER, support.TIME], "tool_choice": "required"},
    "custom-tool": {
        "tools": [{"type": "custom", "custom": {"name": "run_sql"}}],
        "tool_choice": {"type": "custom", "custom": {"name": "run_sql"}},
    },
    "functions": {"functions": [support.WEATHER["function"]], "function_call": "auto"},
    "length": {"max_completion_tokens": 1},
    "reasoning-model-usage": {"model": "o3-mini", "stream_options": {"include_usage": True}},
    "audio-model-usage": {
        "model": "gpt-4o-audio-preview",
        "modalities": ["text", "audio"],
        "audio": {"voice": "alloy", "format": "wav"},
        "stream_options": {"include_usage": True},
    },
}


@pytest.mark.parametrize("fields", STREAM_CASES.values(), ids=STREAM_CASES.keys())
def test_stream_chunks_are_described(client: httpx.Client, spec: dict[str, Any], fields: dict[str, Any]) -> None:
    response = client.post("/chat/completions", json=support.request(stream=True, **fields))
    schema = chunk_schema(spec)
    seen = list(chunks(response))
    assert len(seen) >= 2
    for chunk in seen:
        assert undeclared(spec, schema, chunk) == [], chunk


def test_stored_completion_answers_are_described(client: httpx.Client, spec: dict[str, Any]) -> None:
    tag = "follow-spec"
    created = client.post(
        "/chat/completions",
        json=support.request(store=True, metadata={"suite": tag}, tools=[support.WEATHER], tool_choice="required"),
    ).json()
    history = [
        {"role": "developer", "content": "Be brief."},
        {"role": "user", "content": [{"type": "text", "text": "Say this is a test!"}]},
    ]
    client.post("/chat/completions", json=support.request(messages=history, store=True, metadata={"suite": tag}))
    item = "/chat/completions/{completion_id}"
    answers = [
        (client.get("/chat/completions", params={"metadata[suite]": tag, "limit": 5}), "/chat/completions", "get"),
        (client.get(f"/chat/completions/{created['id']}"), item, "get"),
        (client.post(f"/chat/completions/{created['id']}", json={"metadata": {"suite": tag, "x": "y"}}), item, "post"),
        (client.get(f"/chat/completions/{created['id']}/messages"), f"{item}/messages", "get"),
        (client.delete(f"/chat/completions/{created['id']}"), item, "delete"),
    ]
    for response, path, method in answers:
        assert response.status_code == 200, response.text
        body = response.json()
        assert undeclared(spec, response_schema(spec, path, method, 200), body) == [], (method, path, body)
    listed = answers[0][0].json()["data"]
    assert len(listed) == 2, "both stored completions are listed and walked"


def test_error_bodies_are_described(client: httpx.Client, spec: dict[str, Any]) -> None:
    answers = [
        (client.post("/chat/completions", json={"model": "gpt-4o-mini"}), "/chat/completions", "post"),
        (client.get("/chat/completions/chatcmpl-missing"), "/chat/completions/{completion_id}", "get"),
        (client.get("/chat/completions", params={"order": "sideways"}), "/chat/completions", "get"),
    ]
    for response, path, method in answers:
        assert response.status_code in (400, 404), response.text
        schema = response_schema(spec, path, method, response.status_code)
        assert undeclared(spec, schema, response.json()) == [], response.json()
