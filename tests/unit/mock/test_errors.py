"""Bad requests get the real API's 4xx answers: `{"error": {...}}` with `param` naming the field."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from chat_completions_mock import MockServer
from mock_support import KEY, SEED, WEATHER, assert_error, request, user

# (fields changed in the seed request, expected param, expected code)
SCHEMA_CASES: list[tuple[dict[str, Any], str | None, str]] = [
    ({"model": None}, "model", "missing_required_parameter"),
    ({"messages": None}, "messages", "missing_required_parameter"),
    ({"messages": []}, "messages", "empty_array"),
    ({"messages": "hi"}, "messages", "invalid_type"),
    ({"messages": [{"role": "robot", "content": "hi"}]}, "messages[0].role", "invalid_value"),
    ({"messages": [{"content": "hi"}]}, "messages[0].role", "missing_required_parameter"),
    ({"messages": [{"role": "user"}]}, "messages[0].content", "missing_required_parameter"),
    ({"messages": [{"role": "user", "content": 5}]}, "messages[0].content", "invalid_type"),
    ({"messages": ["hi"]}, "messages[0]", "invalid_type"),
    (
        {"messages": [*user("a"), {"role": "tool", "content": "x"}]},
        "messages[1].tool_call_id",
        "missing_required_parameter",
    ),
    (
        {"messages": [{"role": "user", "content": [{"type": "text"}]}]},
        "messages[0].content[0].text",
        "missing_required_parameter",
    ),
    ({"temperature": 5}, "temperature", "decimal_above_max_value"),
    ({"temperature": -0.5}, "temperature", "decimal_below_min_value"),
    ({"temperature": "hot"}, "temperature", "invalid_type"),
    ({"top_p": 1.5}, "top_p", "decimal_above_max_value"),
    ({"n": -3}, "n", "integer_below_min_value"),
    ({"n": 129}, "n", "integer_above_max_value"),
    ({"n": 1.5}, "n", "invalid_type"),
    ({"top_logprobs": 21, "logprobs": True}, "top_logprobs", "integer_above_max_value"),
    ({"seed": 2**70}, "seed", "integer_above_max_value"),
    ({"stream": "yes"}, "stream", "invalid_type"),
    ({"metadata": {"a": 1}}, "metadata.a", "invalid_type"),
    ({"stop": ["a", "b", "c", "d", "e"]}, "stop", "array_above_max_length"),
    ({"service_tier": "gold"}, "service_tier", "invalid_value"),
    ({"response_format": {"type": "yaml"}}, "response_format.type", "invalid_value"),
    ({"response_format": {"type": "json_schema"}}, "response_format.json_schema", "missing_required_parameter"),
    ({"tools": [{"type": "function"}]}, "tools[0].function", "missing_required_parameter"),
    ({"tool_choice": "sometimes", "tools": [WEATHER]}, "tool_choice", "invalid_value"),
    ({"safety_identifier": "x" * 65}, "safety_identifier", "string_above_max_length"),
    ({"audio": {"voice": {"id": "v", "x": 1}, "format": "wav"}}, "audio.voice.x", "unknown_parameter"),
]


@pytest.mark.parametrize(("fields", "param", "code"), SCHEMA_CASES, ids=[c[1] or "body" for c in SCHEMA_CASES])
def test_schema_errors_name_the_field(client: httpx.Client, fields: dict[str, Any], param: str, code: str) -> None:
    error = assert_error(client.post("/chat/completions", json=request(**fields)), 400, param, code)
    assert error["type"] == "invalid_request_error"
    assert error["message"]
    if code != "invalid_value":
        assert f"'{param}'" in error["message"] or f"{param.rsplit('.', 1)[-1]}" in error["message"]


def test_unknown_role_lists_the_supported_roles(client: httpx.Client) -> None:
    error = assert_error(client.post("/chat/completions", json=request(messages=[{"role": "x", "content": ""}])), 400)
    assert error["message"] == (
        "Invalid value: 'x'. Supported values are: 'developer', 'system', 'user', 'assistant', 'tool', and 'function'."
    )


def test_out_of_range_message_reads_like_the_real_api(client: httpx.Client) -> None:
    error = assert_error(client.post("/chat/completions", json=request(temperature=5)), 400)
    assert error["message"] == (
        "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 5 instead."
    )


TOOL = {"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}
RULE_CASES: list[tuple[dict[str, Any], str | None]] = [
    ({"stream_options": {"include_usage": True}}, "stream_options"),
    ({"stream_options": {"include_usage": True}, "stream": False}, "stream_options"),
    ({"max_tokens": 5, "max_completion_tokens": 5}, "max_tokens"),
    ({"max_completion_tokens": 0}, "max_completion_tokens"),
    ({"max_tokens": -1}, "max_tokens"),
    ({"top_logprobs": 2}, "top_logprobs"),
    ({"top_logprobs": 2, "logprobs": False}, "top_logprobs"),
    ({"logit_bias": {"hello": 5}}, "logit_bias"),
    ({"logit_bias": {"-1": 5}}, "logit_bias"),
    ({"logit_bias": {"300000": 5}}, "logit_bias"),
    ({"logit_bias": {"42": 101}}, "logit_bias"),
    ({"tools": [TOOL], "tool_choice": {"type": "function", "function": {"name": "g"}}}, "tool_choice"),
    ({"tool_choice": "auto"}, "tool_choice"),
    ({"parallel_tool_calls": True}, "parallel_tool_calls"),
    ({"tools": [TOOL, TOOL]}, "tools"),
    ({"tools": [{"type": "function", "function": {"name": "bad name!"}}]}, "tools[0].function.name"),
    (
        {"tools": [{"type": "function", "function": {"name": "f", "parameters": {"type": "wat"}}}]},
        "tools[0].function.parameters",
    ),
    ({"functions": [{"name": "f"}], "function_call": {"name": "g"}}, "function_call"),
    ({"response_format": {"type": "json_object"}}, "messages"),
    ({"response_format": {"type": "json_schema", "json_schema": {"name": "a b"}}}, "response_format.json_schema.name"),
    (
        {"response_format": {"type": "json_schema", "json_schema": {"name": "a", "schema": {"required": "x"}}}},
        "response_format.json_schema.schema",
    ),
    ({"metadata": {f"k{i}": "v" for i in range(17)}}, "metadata"),
    ({"metadata": {"k": "v" * 513}}, "metadata.k"),
    ({"model": ""}, "model"),
    ({"messages": [*user("a"), {"role": "tool", "tool_call_id": "call_1", "content": "x"}]}, "messages[1].role"),
]


@pytest.mark.parametrize(("fields", "param"), RULE_CASES, ids=[f"{c[1]}-{i}" for i, c in enumerate(RULE_CASES)])
def test_cross_field_rules(client: httpx.Client, permissive: httpx.Client, fields: dict[str, Any], param: str) -> None:
    assert_error(client.post("/chat/completions", json=request(**fields)), 400, param)
    # Schema-level only with --permissive: the same request is answered.
    assert permissive.post("/chat/completions", json=request(**fields)).status_code == 200


def test_too_many_messages_and_too_long_prompts(client: httpx.Client) -> None:
    many = [{"role": "user", "content": "hi"}] * 20_000
    assert_error(
        client.post("/chat/completions", json=request(messages=many)), 400, "messages", "array_above_max_length"
    )
    long = user("word " * 130_000)
    assert_error(
        client.post("/chat/completions", json=request(messages=long)), 400, "messages", "context_length_exceeded"
    )


def post_raw(client: httpx.Client, content: bytes, **headers: str) -> httpx.Response:
    return client.post("/chat/completions", content=content, headers={"content-type": "application/json", **headers})


@pytest.mark.parametrize(
    "content",
    [
        b"{",
        b"not json",
        b"",
        b"   ",
        b'{"model": "gpt-4o-mini", "messages": [}',
        b"\xff\xfe\x00garbage",
        b'{"model": "\xc3\x28", "messages": []}',
        b"[" * 5000 + b"]" * 5000,
        b'{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}], "temperature": 1e999}',
        b'{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}], "temperature": NaN}',
        b'{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}], "seed": ' + b"9" * 5000 + b"}",
        b'{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "\\ud800 lone"}]}',
        b'{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}], "tools": [{"type": "function", '
        b'"function": {"name": "f", "parameters": ' + b'{"properties": {"a": ' * 400 + b"{}" + b"}}" * 400 + b"}}]}",
    ],
    ids=[
        "open-brace",
        "text",
        "empty",
        "blank",
        "broken",
        "bytes",
        "bad-utf8",
        "deep",
        "1e999",
        "nan",
        "huge-int",
        "surrogate",
        "deep-schema",
    ],
)
def test_unparseable_bodies_get_400(client: httpx.Client, content: bytes) -> None:
    assert_error(post_raw(client, content), 400)


@pytest.mark.parametrize("content", [b"[]", b"5", b'"x"', b"null"])
def test_json_that_is_not_an_object(client: httpx.Client, content: bytes) -> None:
    assert_error(post_raw(client, content), 400, code="invalid_type")


def test_body_limit_gives_413() -> None:
    with MockServer(max_body_bytes=10_000) as small, httpx.Client(headers={"Authorization": f"Bearer {KEY}"}) as http:
        body = json.dumps(request(messages=user("x" * 20_000))).encode()
        error = assert_error(http.post(f"{small.base_url}/chat/completions", content=body), 413)
        assert "10000" in error["message"]
        huge = b"x" * 200_000  # 20 times the limit: read and dropped, then 413
        response = http.post(f"{small.base_url}/chat/completions", content=huge)
        assert_error(response, 413)
        assert http.post(f"{small.base_url}/chat/completions", json=SEED).status_code == 200


def test_missing_or_malformed_key_gets_401(server: MockServer) -> None:
    url = f"{server.base_url}/chat/completions"
    for headers in ({}, {"Authorization": ""}, {"Authorization": "Bearer"}, {"Authorization": "Basic abc"}):
        error = assert_error(httpx.post(url, json=SEED, headers=headers), 401, None, None)
        assert error["message"].startswith("You didn't provide an API key")
    assert httpx.post(url, json=SEED, headers={"Authorization": "Bearer anything"}).status_code == 200


def test_api_keys_restrict_the_accepted_keys() -> None:
    with MockServer(api_keys=["sk-good", "sk-other"]) as restricted:
        url = f"{restricted.base_url}/chat/completions"
        error = assert_error(
            httpx.post(url, json=SEED, headers={"Authorization": "Bearer sk-wrong-key-123"}),
            401,
            None,
            "invalid_api_key",
        )
        assert error["message"].startswith("Incorrect API key provided: sk-****-123.")
        assert "sk-wrong-key-123" not in error["message"]
        for key in ("sk-good", "sk-other"):
            assert httpx.post(url, json=SEED, headers={"Authorization": f"Bearer {key}"}).status_code == 200
        assert_error(httpx.get(f"{restricted.base_url}/chat/completions/x"), 401)


def test_unknown_route_and_wrong_method(client: httpx.Client) -> None:
    error = assert_error(client.get("/files"), 404, None)
    assert error["message"] == "Invalid URL (GET /v1/files)"
    response = client.put("/chat/completions", json=SEED)
    assert_error(response, 405)
    assert set(response.headers["allow"].split(", ")) >= {"GET", "POST"}
    assert_error(client.patch("/chat/completions/abc"), 405)
    assert_error(client.post("/chat/completions/abc/messages"), 405)
    assert_error(client.delete("/chat/completions"), 405)


def test_unknown_completion_id_gets_404(client: httpx.Client) -> None:
    for response in (
        client.get("/chat/completions/chatcmpl-nope"),
        client.post("/chat/completions/chatcmpl-nope", json={"metadata": {}}),
        client.delete("/chat/completions/chatcmpl-nope"),
        client.get("/chat/completions/chatcmpl-nope/messages"),
    ):
        error = assert_error(response, 404, None)
        assert "chatcmpl-nope" in error["message"]


@pytest.mark.parametrize(
    ("query", "param"),
    [("limit=abc", "limit"), ("limit=1.5", "limit"), ("order=sideways", "order"), ("limit=", "limit")],
)
def test_bad_list_queries(client: httpx.Client, query: str, param: str) -> None:
    assert_error(client.get(f"/chat/completions?{query}"), 400, param)


def test_bad_update_bodies(client: httpx.Client) -> None:
    created = client.post("/chat/completions", json=request(store=True)).json()
    url = f"/chat/completions/{created['id']}"
    assert_error(client.post(url, json={}), 400, "metadata", "missing_required_parameter")
    assert_error(client.post(url, json={"metadata": {"a": 5}}), 400, "metadata.a")
    assert_error(client.post(url, json={"metadata": {f"k{i}": "v" for i in range(17)}}), 400, "metadata")
    assert_error(client.post(url, content=b"{oops"), 400)
