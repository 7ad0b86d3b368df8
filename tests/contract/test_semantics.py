"""Chat semantics no schema can express, and the error answers every server owes its clients."""

from __future__ import annotations

from typing import Any

import pytest
from harness import cheap, send
from promises import (
    check_completion,
    error_body_is_openai_shaped,
    json_answers_say_json,
    object_names_the_type,
)

HELLO = [{"role": "user", "content": "Say this is a test!"}]
LONG = [{"role": "user", "content": "Count from one to one hundred in words, one number per line."}]
PERSON_SCHEMA = {
    "type": "object",
    "properties": {
        "name": {"type": "string"},
        "age": {"type": "integer", "minimum": 0, "maximum": 150},
        "mood": {"type": "string", "enum": ["happy", "sad"]},
        "address": {
            "type": "object",
            "properties": {"city": {"type": "string"}, "zip": {"type": "string"}},
            "required": ["city", "zip"],
            "additionalProperties": False,
        },
        "tags": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["name", "age", "mood", "address", "tags"],
    "additionalProperties": False,
}
LOOKUP_TOOL = {
    "type": "function",
    "function": {
        "name": "lookup_order",
        "parameters": {
            "type": "object",
            "properties": {
                "order_id": {"type": "integer", "minimum": 1000, "maximum": 9999},
                "include_items": {"type": "boolean"},
            },
            "required": ["order_id", "include_items"],
            "additionalProperties": False,
        },
    },
}

COMPLETIONS = {
    "the quickstart request": {"messages": HELLO, "temperature": 0.7},
    "three choices": {"messages": HELLO, "n": 3},
    "json_schema": {
        "messages": [{"role": "user", "content": "Describe a person as JSON."}],
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": "person", "schema": PERSON_SCHEMA, "strict": True},
        },
        "max_completion_tokens": 200,
    },
    "json_object": {
        "messages": [{"role": "user", "content": "Reply with a JSON object describing a cat."}],
        "response_format": {"type": "json_object"},
        "max_completion_tokens": 100,
    },
    "a named tool": {
        "messages": [{"role": "user", "content": "Where is order 1234?"}],
        "tools": [LOOKUP_TOOL],
        "tool_choice": {"type": "function", "function": {"name": "lookup_order"}},
    },
    "a required tool": {
        "messages": [{"role": "user", "content": "Where is order 1234?"}],
        "tools": [LOOKUP_TOOL],
        "tool_choice": "required",
    },
    "logprobs": {"messages": HELLO, "logprobs": True, "top_logprobs": 3},
}


@pytest.mark.parametrize("name", list(COMPLETIONS))
def test_completion_keeps_its_promises(target: Any, name: str) -> None:
    request = cheap(target, COMPLETIONS[name])
    response = send(target, "POST", "/chat/completions", json=request)
    assert response.status_code == 200, response.text[:300]
    json_answers_say_json(response.headers, is_stream=False)
    body = response.json()
    object_names_the_type("createChatCompletion", body)
    check_completion(request, body)


def test_a_tiny_token_limit_cuts_the_answer_with_length(target: Any) -> None:
    request = cheap(target, {"messages": LONG, "max_completion_tokens": 1})
    body = send(target, "POST", "/chat/completions", json=request).json()
    check_completion(request, body)
    assert body["choices"][0]["finish_reason"] == "length", "a 1-token limit on a long answer must end with `length`"
    assert body["usage"]["completion_tokens"] <= 1


@pytest.mark.parametrize(
    ("label", "headers", "auth"),
    [("no key", {}, False), ("a wrong key", {"Authorization": "Bearer sk-not-a-real-key-0000"}, False)],
)
def test_bad_credentials_get_401(target: Any, label: str, headers: dict[str, str], auth: bool) -> None:
    response = send(
        target, "POST", "/chat/completions", json=cheap(target, {"messages": HELLO}), headers=headers, auth=auth
    )
    assert response.status_code == 401, f"{label}: expected 401, got {response.status_code}"
    json_answers_say_json(response.headers, is_stream=False)
    error_body_is_openai_shaped(401, response.json())


INVALID = {
    "temperature out of range": ({"messages": HELLO, "temperature": 5}, "temperature"),
    "n below one": ({"messages": HELLO, "n": -3}, "n"),
    "no messages": ({}, "messages"),
    "unknown role": ({"messages": [{"role": "robot", "content": "hi"}]}, "messages"),
    "stream_options without stream": ({"messages": HELLO, "stream_options": {"include_usage": True}}, "stream_options"),
}


@pytest.mark.parametrize("name", list(INVALID))
def test_invalid_requests_get_400_naming_the_field(target: Any, name: str) -> None:
    body, field = INVALID[name]
    response = send(target, "POST", "/chat/completions", json=cheap(target, body))
    assert response.status_code == 400, f"{name}: expected 400, got {response.status_code}"
    json_answers_say_json(response.headers, is_stream=False)
    error = response.json()
    error_body_is_openai_shaped(400, error)
    assert field in (error["error"]["param"] or ""), f"{name}: param {error['error']['param']!r} should name {field!r}"


def test_unknown_completion_gets_404(target: Any) -> None:
    response = send(target, "GET", "/chat/completions/chatcmpl-does-not-exist-0000")
    assert response.status_code == 404
    error_body_is_openai_shaped(404, response.json())
