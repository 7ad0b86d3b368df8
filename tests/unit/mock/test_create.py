"""Create (non-streamed): shape, headers, determinism and the parameters users test with."""

from __future__ import annotations

import json
from typing import Any

import httpx
import jsonschema_rs
import pytest
from chat_completions_mock import tokenize
from mock_support import SEED, TIME, WEATHER, assert_valid, request, user


def create(client: httpx.Client, **fields: Any) -> dict[str, Any]:
    response = client.post("/chat/completions", json=request(**fields))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert_valid("CreateChatCompletionResponse", body)
    return body


def test_seed_request_answers_like_the_documentation(client: httpx.Client) -> None:
    response = client.post("/chat/completions", json=SEED)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert_valid("CreateChatCompletionResponse", body)
    choice = body["choices"][0]
    assert choice["message"] == {
        "role": "assistant",
        "content": "\n\nThis is a test!",
        "refusal": None,
        "annotations": [],
    }
    assert choice["finish_reason"] == "stop"
    assert choice["logprobs"] is None
    assert body["object"] == "chat.completion"
    assert body["model"] == "gpt-4o-mini"
    assert body["id"].startswith("chatcmpl-")
    assert len(body["id"]) == 38
    assert body["system_fingerprint"].startswith("fp_")
    assert body["service_tier"] == "default"
    usage = body["usage"]
    assert usage["completion_tokens"] == len(tokenize("\n\nThis is a test!")) == 6
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]
    assert usage["prompt_tokens_details"]["cached_tokens"] == 0
    assert usage["completion_tokens_details"]["reasoning_tokens"] == 0


def test_every_answer_has_request_id_and_rate_limit_headers(client: httpx.Client) -> None:
    first = client.post("/chat/completions", json=SEED)
    second = client.post("/chat/completions", json=SEED)
    for response in (first, second):
        assert response.headers["x-request-id"].startswith("req_")
        assert int(response.headers["x-ratelimit-remaining-requests"]) > 0
        assert response.headers["x-ratelimit-limit-tokens"].isdigit()
        assert response.headers["openai-processing-ms"].isdigit()
    assert first.headers["x-request-id"] != second.headers["x-request-id"]


def test_routes_are_served_at_the_root_too(client: httpx.Client, server: Any) -> None:
    response = client.post(f"{server.url}/chat/completions", json=SEED)
    assert response.status_code == 200
    assert response.json()["choices"][0]["message"]["content"] == "\n\nThis is a test!"


def test_same_request_same_answer_and_unique_ids(client: httpx.Client) -> None:
    fields = {"messages": user("Tell me about rivers"), "temperature": 0.3}
    first, second = create(client, **fields), create(client, **fields)
    assert first["choices"] == second["choices"]
    assert first["usage"] == second["usage"]
    assert first["id"] != second["id"]
    assert first["id"][:29] == second["id"][:29]  # the request's hash part


def test_prompt_and_seed_change_the_answer(client: httpx.Client) -> None:
    base = create(client, messages=user("Tell me about rivers"))
    other = create(client, messages=user("Tell me about stones"))
    seeded = create(client, messages=user("Tell me about rivers"), seed=7)
    text = base["choices"][0]["message"]["content"]
    assert text != other["choices"][0]["message"]["content"]
    assert text != seeded["choices"][0]["message"]["content"]
    assert seeded == seeded | create(client, messages=user("Tell me about rivers"), seed=7) | {"id": seeded["id"]}


def test_prompt_tokens_grow_with_the_prompt(client: httpx.Client) -> None:
    short = create(client, messages=user("hi"))["usage"]["prompt_tokens"]
    longer = create(client, messages=user(" ".join(["hi"] * 50)))["usage"]["prompt_tokens"]
    two = create(client, messages=[*user("hi"), {"role": "assistant", "content": "hello"}, *user("hi")])
    assert short < longer
    assert short < two["usage"]["prompt_tokens"]
    assert longer - short == 50 - 1  # " hi" is one token each


@pytest.mark.parametrize("n", [1, 3, 7])
def test_n_choices_indexed_from_zero(client: httpx.Client, n: int) -> None:
    body = create(client, messages=user("Tell me a story"), n=n)
    assert [c["index"] for c in body["choices"]] == list(range(n))
    texts = [c["message"]["content"] for c in body["choices"]]
    assert len(set(texts)) == n
    assert body["usage"]["completion_tokens"] == sum(len(tokenize(t)) for t in texts)


def test_n_keeps_the_first_choice_of_n_1(client: httpx.Client) -> None:
    one = create(client, messages=user("Tell me a story"))
    three = create(client, messages=user("Tell me a story"), n=3)
    assert three["choices"][0]["message"] == one["choices"][0]["message"]


@pytest.mark.parametrize("field", ["max_completion_tokens", "max_tokens"])
def test_token_limit_cuts_with_finish_reason_length(client: httpx.Client, field: str) -> None:
    full = create(client, messages=user("Tell me a long story"))
    cut = create(client, messages=user("Tell me a long story"), n=2, **{field: 4})
    for choice in cut["choices"]:
        assert choice["finish_reason"] == "length"
        # Four generated tokens; re-tokenising the cut text may merge a cut word's pieces.
        assert 0 < len(tokenize(choice["message"]["content"])) <= 4
    assert full["choices"][0]["message"]["content"].startswith(cut["choices"][0]["message"]["content"])
    assert cut["usage"]["completion_tokens"] == 8
    assert cut["usage"]["total_tokens"] == cut["usage"]["prompt_tokens"] + 8


def test_a_limit_above_the_answer_changes_nothing(client: httpx.Client) -> None:
    body = create(client, max_completion_tokens=500)
    assert body["choices"][0]["finish_reason"] == "stop"
    assert body["choices"][0]["message"]["content"] == "\n\nThis is a test!"


@pytest.mark.parametrize(("stop", "expected"), [("test", "\n\nThis is a "), (["zzz", "is"], "\n\nTh"), ("nope", None)])
def test_stop_cuts_before_the_sequence(client: httpx.Client, stop: Any, expected: str | None) -> None:
    body = create(client, stop=stop)
    content = body["choices"][0]["message"]["content"]
    assert content == (expected if expected is not None else "\n\nThis is a test!")
    assert body["choices"][0]["finish_reason"] == "stop"
    assert body["usage"]["completion_tokens"] == len(tokenize(content))


@pytest.mark.parametrize("top", [0, 1, 5, 20])
def test_logprobs_have_one_entry_per_token_and_exactly_k_alternatives(client: httpx.Client, top: int) -> None:
    body = create(client, messages=user("Describe the sea"), logprobs=True, top_logprobs=top)
    choice = body["choices"][0]
    entries = choice["logprobs"]["content"]
    assert choice["logprobs"]["refusal"] is None
    assert "".join(e["token"] for e in entries) == choice["message"]["content"]
    assert len(entries) == body["usage"]["completion_tokens"]
    for entry in entries:
        assert entry["logprob"] <= 0
        assert bytes(entry["bytes"]).decode() == entry["token"]
        alternatives = entry["top_logprobs"]
        assert len(alternatives) == top
        assert len({a["token"] for a in alternatives}) == top
        assert [a["logprob"] for a in alternatives] == sorted((a["logprob"] for a in alternatives), reverse=True)
        if top:
            assert alternatives[0]["token"] == entry["token"]


def test_logprobs_without_top_logprobs(client: httpx.Client) -> None:
    body = create(client, logprobs=True)
    assert all(e["top_logprobs"] == [] for e in body["choices"][0]["logprobs"]["content"])


def _calls(body: dict[str, Any], choice: int = 0) -> list[dict[str, Any]]:
    message = body["choices"][choice]["message"]
    assert message["content"] is None
    assert body["choices"][choice]["finish_reason"] == "tool_calls"
    calls: list[dict[str, Any]] = message["tool_calls"]
    return calls


def _arguments_valid(call: dict[str, Any], tool: dict[str, Any]) -> None:
    arguments = json.loads(call["function"]["arguments"])
    validator = jsonschema_rs.validator_for(tool["function"]["parameters"])
    assert validator.is_valid(arguments), list(validator.iter_errors(arguments))


@pytest.mark.parametrize("choice", ["required", "auto", {"type": "function", "function": {"name": "get_weather"}}])
def test_tool_choice_calls_a_tool_with_valid_arguments(client: httpx.Client, choice: Any) -> None:
    body = create(
        client, messages=user("What is the weather in Paris?"), tools=[WEATHER, TIME], tool_choice=choice, n=2
    )
    for index in range(2):
        calls = _calls(body, index)
        assert len(calls) == 1
        assert calls[0]["type"] == "function"
        assert calls[0]["id"].startswith("call_")
        assert calls[0]["function"]["name"] == "get_weather"
        _arguments_valid(calls[0], WEATHER)
    assert body["usage"]["completion_tokens"] == sum(
        len(tokenize(c["message"]["tool_calls"][0]["function"]["arguments"])) for c in body["choices"]
    )


def test_named_tool_is_the_one_called(client: httpx.Client) -> None:
    body = create(
        client,
        messages=user("weather?"),
        tools=[WEATHER, TIME],
        tool_choice={"type": "function", "function": {"name": "get_time"}},
    )
    calls = _calls(body)
    assert [c["function"]["name"] for c in calls] == ["get_time"]
    _arguments_valid(calls[0], TIME)


def test_tools_named_in_the_prompt_are_called_in_parallel(client: httpx.Client) -> None:
    messages = user("Use get_time and get_weather")
    body = create(client, messages=messages, tools=[WEATHER, TIME])
    calls = _calls(body)
    assert [c["function"]["name"] for c in calls] == ["get_weather", "get_time"]
    assert len({c["id"] for c in calls}) == 2
    single = create(client, messages=messages, tools=[WEATHER, TIME], parallel_tool_calls=False)
    assert [c["function"]["name"] for c in _calls(single)] == ["get_weather"]


def test_tool_choice_none_and_auto_after_a_tool_result_answer_in_text(client: httpx.Client) -> None:
    none = create(client, messages=user("weather?"), tools=[WEATHER], tool_choice="none")
    assert none["choices"][0]["finish_reason"] == "stop"
    assert isinstance(none["choices"][0]["message"]["content"], str)
    first = create(client, messages=user("weather?"), tools=[WEATHER])
    call = _calls(first)[0]
    history = [
        *user("weather?"),
        {"role": "assistant", "content": None, "tool_calls": [call]},
        {"role": "tool", "tool_call_id": call["id"], "content": '{"temperature": 21}'},
    ]
    answer = create(client, messages=history, tools=[WEATHER])
    assert answer["choices"][0]["finish_reason"] == "stop"
    assert answer["choices"][0]["message"]["content"]
    assert "tool_calls" not in answer["choices"][0]["message"]


def test_allowed_tools_narrow_the_choice(client: httpx.Client) -> None:
    choice = {
        "type": "allowed_tools",
        "allowed_tools": {"mode": "required", "tools": [{"type": "function", "function": {"name": "get_time"}}]},
    }
    body = create(client, messages=user("weather?"), tools=[WEATHER, TIME], tool_choice=choice)
    assert [c["function"]["name"] for c in _calls(body)] == ["get_time"]


def test_custom_tool_call(client: httpx.Client) -> None:
    tool = {"type": "custom", "custom": {"name": "run_sql"}}
    body = create(
        client, messages=user("query"), tools=[tool], tool_choice={"type": "custom", "custom": {"name": "run_sql"}}
    )
    call = body["choices"][0]["message"]["tool_calls"][0]
    assert call["type"] == "custom"
    assert call["custom"]["name"] == "run_sql"
    assert isinstance(call["custom"]["input"], str)
    assert call["custom"]["input"]


def test_tool_arguments_cut_by_the_limit_say_length(client: httpx.Client) -> None:
    body = create(client, messages=user("weather?"), tools=[WEATHER], tool_choice="required", max_completion_tokens=3)
    choice = body["choices"][0]
    assert choice["finish_reason"] == "length"
    assert 0 < len(tokenize(choice["message"]["tool_calls"][0]["function"]["arguments"])) <= 3
    assert body["usage"]["completion_tokens"] == 3


def test_legacy_functions_get_a_function_call(client: httpx.Client) -> None:
    function = WEATHER["function"]
    body = create(client, messages=user("weather?"), functions=[function], function_call={"name": "get_weather"})
    choice = body["choices"][0]
    assert choice["finish_reason"] == "function_call"
    call = choice["message"]["function_call"]
    assert call["name"] == "get_weather"
    assert jsonschema_rs.validator_for(function["parameters"]).is_valid(json.loads(call["arguments"]))


SCHEMAS = [
    {
        "type": "object",
        "properties": {"name": {"type": "string"}, "age": {"type": "integer", "minimum": 18, "maximum": 30}},
        "required": ["name", "age"],
        "additionalProperties": False,
    },
    {
        "type": "object",
        "properties": {
            "mood": {"enum": ["happy", "sad"]},
            "score": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
            "tags": {
                "type": "array",
                "items": {"type": "string", "minLength": 3},
                "minItems": 2,
                "maxItems": 4,
                "uniqueItems": True,
            },
        },
        "required": ["mood", "score", "tags"],
    },
    {
        "type": "object",
        "properties": {
            "address": {
                "type": "object",
                "properties": {
                    "street": {"type": "string"},
                    "geo": {
                        "type": "object",
                        "properties": {"lat": {"type": "number", "minimum": -90, "maximum": 90}},
                        "required": ["lat"],
                        "additionalProperties": False,
                    },
                },
                "required": ["street", "geo"],
                "additionalProperties": False,
            },
            "kind": {"const": "home"},
        },
        "required": ["address", "kind"],
    },
    {
        "type": "object",
        "properties": {
            "value": {"anyOf": [{"type": "null"}, {"type": "integer", "multipleOf": 5, "minimum": 11}]},
            "list": {"type": "array", "items": {"$ref": "#/$defs/item"}, "minItems": 1},
        },
        "required": ["value", "list"],
        "$defs": {
            "item": {
                "type": "object",
                "properties": {
                    "id": {"type": "string", "format": "uuid"},
                    "when": {"type": "string", "format": "date-time"},
                },
                "required": ["id", "when"],
            }
        },
    },
    {
        "type": "object",
        "properties": {"choice": {"oneOf": [{"type": "string", "maxLength": 3}, {"type": "string", "minLength": 2}]}},
        "required": ["choice"],
    },
]


@pytest.mark.parametrize("json_schema", SCHEMAS, ids=lambda s: ",".join(s["required"]))
def test_json_schema_content_follows_the_schema(client: httpx.Client, json_schema: dict[str, Any]) -> None:
    fmt = {"type": "json_schema", "json_schema": {"name": "answer", "schema": json_schema, "strict": True}}
    body = create(client, messages=user("Fill it in"), response_format=fmt, n=3)
    validator = jsonschema_rs.validator_for(json_schema)
    for choice in body["choices"]:
        assert choice["finish_reason"] == "stop"
        value = json.loads(choice["message"]["content"])
        assert validator.is_valid(value), (value, [e.message for e in validator.iter_errors(value)])


def test_json_object_content_is_an_object(client: httpx.Client) -> None:
    body = create(client, messages=user("Answer in JSON, please"), response_format={"type": "json_object"})
    value = json.loads(body["choices"][0]["message"]["content"])
    assert isinstance(value, dict)
    assert value


def test_temperature_top_p_and_other_knobs_are_accepted(client: httpx.Client) -> None:
    body = create(
        client,
        temperature=0,
        top_p=0.5,
        presence_penalty=1.5,
        frequency_penalty=-1,
        user="u-1",
        service_tier="flex",
        metadata={"a": "b"},
        logit_bias={"50256": -100},
        seed=-5,
    )
    assert body["service_tier"] == "flex"
    assert body["choices"][0]["message"]["content"] == "\n\nThis is a test!"


def test_content_parts_count_as_the_prompt(client: httpx.Client) -> None:
    parts = [
        {"type": "text", "text": "Say parts work"},
        {"type": "image_url", "image_url": {"url": "https://x.y/z.png"}},
    ]
    body = create(client, messages=[{"role": "user", "content": parts}])
    assert body["choices"][0]["message"]["content"] == "\n\nParts work"
    assert body["usage"]["prompt_tokens"] > 85


def test_integral_floats_count_as_integers(client: httpx.Client) -> None:
    body = create(client, messages=user("A story"), n=2.0, max_completion_tokens=3.0)
    assert len(body["choices"]) == 2
    assert all(c["finish_reason"] == "length" for c in body["choices"])


def test_n_say_choices_each_have_their_own_text(client: httpx.Client) -> None:
    body = create(client, n=4)
    texts = [c["message"]["content"] for c in body["choices"]]
    assert texts[0] == "\n\nThis is a test!"  # the documented answer, as with n=1
    assert len(set(texts)) == 4
    assert all(t.startswith("\n\nThis is a test!\n\n") for t in texts[1:])
    assert body["usage"]["completion_tokens"] == sum(len(tokenize(t)) for t in texts)
    assert create(client, n=4)["choices"] == body["choices"]  # still deterministic
    assert create(client)["choices"][0]["message"]["content"] == texts[0]


@pytest.mark.parametrize(
    ("field", "integer", "decimal", "other"),
    [
        ("temperature", 1, 1.0, 1.5),
        ("top_p", 0, 0.0, 0.5),
        ("presence_penalty", -1, -1.0, -0.5),
        ("seed", 7, 7.0, 8),
    ],
)
def test_integral_floats_give_the_same_answer_as_integers(
    client: httpx.Client, field: str, integer: int, decimal: float, other: float
) -> None:
    one = create(client, messages=user("Tell me a story"), **{field: integer})
    same = create(client, messages=user("Tell me a story"), **{field: decimal})
    assert same["choices"] == one["choices"]
    assert same["id"][:29] == one["id"][:29]  # chatcmpl- + 20 characters of the request hash
    different = create(client, messages=user("Tell me a story"), **{field: other})
    assert different["choices"] != one["choices"]
