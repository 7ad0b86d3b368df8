"""The official `openai` SDK against the bundled mock: everything the mock promises, through a real client."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import jsonschema_rs
import openai
import pytest
from chat_completions_mock import MockServer
from openai import OpenAI

MODEL = "gpt-4o-mini"
SAY = [{"role": "user", "content": "Say this is a test!"}]
WEATHER_PARAMS = {
    "type": "object",
    "properties": {
        "city": {"type": "string"},
        "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
        "days": {"type": "integer", "minimum": 1, "maximum": 7},
    },
    "required": ["city", "unit", "days"],
    "additionalProperties": False,
}
TOOLS: list[Any] = [
    {"type": "function", "function": {"name": "get_weather", "parameters": WEATHER_PARAMS, "strict": True}}
]


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    with MockServer(api_keys=["sk-integration"]) as running:
        yield running


@pytest.fixture
def client(server: MockServer) -> Iterator[OpenAI]:
    with OpenAI(api_key="sk-integration", base_url=server.base_url, max_retries=0, timeout=10) as sdk:
        yield sdk


def test_create(client: OpenAI) -> None:
    completion = client.chat.completions.create(model=MODEL, messages=SAY)  # type: ignore[arg-type]
    assert completion.choices[0].message.content == "\n\nThis is a test!"
    assert completion.choices[0].finish_reason == "stop"
    assert completion.object == "chat.completion"
    assert completion.model == MODEL
    assert completion.usage is not None
    assert completion.usage.total_tokens == completion.usage.prompt_tokens + completion.usage.completion_tokens
    assert completion.id.startswith("chatcmpl-")


def test_raw_response_headers(client: OpenAI) -> None:
    raw = client.chat.completions.with_raw_response.create(model=MODEL, messages=SAY)  # type: ignore[arg-type]
    assert raw.headers["x-request-id"].startswith("req_")
    assert raw.headers["x-ratelimit-remaining-requests"].isdigit()
    assert raw.parse().choices[0].message.content == "\n\nThis is a test!"


def test_n_and_limits(client: OpenAI) -> None:
    completion = client.chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": "Tell me a long story"}], n=3, max_completion_tokens=5
    )
    assert [c.index for c in completion.choices] == [0, 1, 2]
    assert all(c.finish_reason == "length" for c in completion.choices)
    assert completion.usage is not None
    assert completion.usage.completion_tokens <= 15


def test_logprobs(client: OpenAI) -> None:
    completion = client.chat.completions.create(model=MODEL, messages=SAY, logprobs=True, top_logprobs=3)  # type: ignore[arg-type]
    logprobs = completion.choices[0].logprobs
    assert logprobs is not None
    assert logprobs.content is not None
    assert "".join(t.token for t in logprobs.content) == "\n\nThis is a test!"
    assert all(len(t.top_logprobs) == 3 for t in logprobs.content)


def test_tools(client: OpenAI) -> None:
    completion = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": "What's the weather in Paris?"}],
        tools=TOOLS,
        tool_choice="required",
    )
    choice = completion.choices[0]
    assert choice.finish_reason == "tool_calls"
    assert choice.message.content is None
    assert choice.message.tool_calls
    call = choice.message.tool_calls[0]
    assert call.type == "function"
    assert call.function.name == "get_weather"
    arguments = json.loads(call.function.arguments)
    assert jsonschema_rs.validator_for(WEATHER_PARAMS).is_valid(arguments)
    answer = client.chat.completions.create(
        model=MODEL,
        messages=[
            {"role": "user", "content": "What's the weather in Paris?"},
            {"role": "assistant", "tool_calls": [call.model_dump()]},  # type: ignore[list-item]
            {"role": "tool", "tool_call_id": call.id, "content": '{"temperature": 21}'},
        ],
        tools=TOOLS,
    )
    assert answer.choices[0].finish_reason == "stop"
    assert answer.choices[0].message.content


def test_json_schema_and_json_object(client: OpenAI) -> None:
    schema = {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "scores": {"type": "array", "items": {"type": "integer", "minimum": 0, "maximum": 10}, "minItems": 2},
            "level": {"enum": ["low", "high"]},
        },
        "required": ["name", "scores", "level"],
        "additionalProperties": False,
    }
    completion = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": "Grade me"}],
        response_format={"type": "json_schema", "json_schema": {"name": "grade", "schema": schema, "strict": True}},
    )
    content = completion.choices[0].message.content
    assert content is not None
    assert jsonschema_rs.validator_for(schema).is_valid(json.loads(content))
    plain = client.chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": "Reply in json"}], response_format={"type": "json_object"}
    )
    assert isinstance(json.loads(plain.choices[0].message.content or ""), dict)


def test_stream_with_usage(client: OpenAI) -> None:
    stream = client.chat.completions.create(
        model=MODEL,
        messages=SAY,
        stream=True,
        stream_options={"include_usage": True},  # type: ignore[arg-type]
    )
    chunks = list(stream)
    assert len({c.id for c in chunks}) == 1
    assert chunks[0].choices[0].delta.role == "assistant"
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "\n\nThis is a test!"
    finishes = [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason]
    assert finishes == ["stop"]
    assert chunks[-1].choices == []
    assert chunks[-1].usage is not None
    assert chunks[-1].usage.completion_tokens == 6


def test_stream_helper_accumulates_tool_calls(client: OpenAI) -> None:
    with client.chat.completions.stream(
        model=MODEL, messages=[{"role": "user", "content": "weather?"}], tools=TOOLS, tool_choice="required"
    ) as stream:
        final = stream.get_final_completion()
    call = final.choices[0].message.tool_calls
    assert call
    assert json.loads(call[0].function.arguments)["unit"] in ("celsius", "fahrenheit")  # type: ignore[union-attr]


def test_stored_completion_round_trip(client: OpenAI) -> None:
    tag = uuid.uuid4().hex
    created = client.chat.completions.create(model=MODEL, messages=SAY, store=True, metadata={"run": tag})  # type: ignore[arg-type]
    fetched = client.chat.completions.retrieve(created.id)
    assert fetched.choices[0].message.content == created.choices[0].message.content
    listed = client.chat.completions.list(metadata={"run": tag}, limit=10)
    assert [c.id for c in listed.data] == [created.id]
    updated = client.chat.completions.update(created.id, metadata={"run": tag, "checked": "yes"})
    assert updated.metadata == {"run": tag, "checked": "yes"}
    messages = client.chat.completions.messages.list(created.id)
    assert [m.content for m in messages.data] == ["Say this is a test!"]
    deleted = client.chat.completions.delete(created.id)
    assert deleted.deleted is True
    with pytest.raises(openai.NotFoundError):
        client.chat.completions.retrieve(created.id)


def test_pagination_through_the_sdk(client: OpenAI) -> None:
    tag = uuid.uuid4().hex
    ids = [
        client.chat.completions.create(model=MODEL, messages=SAY, store=True, metadata={"p": tag}).id  # type: ignore[arg-type]
        for _ in range(5)
    ]
    seen = [c.id for c in client.chat.completions.list(metadata={"p": tag}, limit=2)]  # auto-paginates
    assert seen == ids


def test_typed_errors(client: OpenAI, server: MockServer) -> None:
    with pytest.raises(openai.BadRequestError) as bad:
        client.chat.completions.create(model=MODEL, messages=SAY, temperature=5)  # type: ignore[arg-type]
    assert bad.value.status_code == 400
    assert bad.value.param == "temperature"
    assert bad.value.code == "decimal_above_max_value"
    assert bad.value.request_id is not None
    with pytest.raises(openai.BadRequestError) as role:
        client.chat.completions.create(model=MODEL, messages=[{"role": "robot", "content": "x"}])  # type: ignore[misc, list-item]
    assert role.value.param == "messages[0].role"
    with (
        OpenAI(api_key="sk-wrong", base_url=server.base_url, max_retries=0) as wrong,
        pytest.raises(openai.AuthenticationError) as auth,
    ):
        wrong.chat.completions.create(model=MODEL, messages=SAY)  # type: ignore[arg-type]
    assert auth.value.status_code == 401
    assert auth.value.code == "invalid_api_key"
    with pytest.raises(openai.NotFoundError):
        client.chat.completions.retrieve("chatcmpl-does-not-exist")


def test_faults_reach_the_sdk_as_typed_errors(server: MockServer) -> None:
    with OpenAI(api_key="sk-integration", base_url=server.base_url, max_retries=2) as retrying:
        server.fault("status=503;retry_after_ms=10;times=2")
        completion = retrying.chat.completions.create(model=MODEL, messages=SAY)  # type: ignore[arg-type]
        assert completion.choices[0].message.content == "\n\nThis is a test!"
    with OpenAI(api_key="sk-integration", base_url=server.base_url, max_retries=0) as once:
        with pytest.raises(openai.RateLimitError):
            once.chat.completions.create(model=MODEL, messages=SAY, extra_headers={"x-mock-fault": "status=429"})  # type: ignore[arg-type]
        with pytest.raises(openai.APIConnectionError):
            once.chat.completions.create(model=MODEL, messages=SAY, extra_headers={"x-mock-fault": "drop_before"})  # type: ignore[arg-type]
        stream = once.chat.completions.create(
            model=MODEL,
            messages=SAY,
            stream=True,
            extra_headers={"x-mock-fault": "error_event_after=2"},  # type: ignore[arg-type]
        )
        with pytest.raises(openai.APIError, match="server had an error"):
            list(stream)


def test_a_gpt5_profile_reads_as_gpt5_does(client: OpenAI) -> None:
    completion = client.chat.completions.create(model="gpt-5-2025-08-07", messages=SAY)  # type: ignore[arg-type]
    assert completion.model == "gpt-5-2025-08-07"
    assert completion.system_fingerprint is None
    assert completion.choices[0].logprobs is None  # the key is absent; openai reads it as None
    assert completion.usage is not None
    assert completion.usage.completion_tokens_details is not None
    reasoning = completion.usage.completion_tokens_details.reasoning_tokens
    assert reasoning is not None
    assert 0 < reasoning < completion.usage.completion_tokens
    stream = client.chat.completions.create(
        model="gpt-5",
        messages=SAY,
        stream=True,
        stream_options={"include_usage": True},  # type: ignore[arg-type]
    )
    chunks = list(stream)
    assert all(c.system_fingerprint is None for c in chunks)
    assert chunks[-1].usage is not None
    assert chunks[-1].usage.completion_tokens_details is not None
    assert chunks[-1].usage.completion_tokens_details.reasoning_tokens == reasoning
    with pytest.raises(openai.BadRequestError) as refused:
        client.chat.completions.create(model="gpt-5", messages=SAY, max_tokens=5)  # type: ignore[arg-type]
    assert (refused.value.param, refused.value.code) == ("max_tokens", "unsupported_parameter")
    with pytest.raises(openai.NotFoundError) as unknown:
        client.chat.completions.create(model="no-such-model", messages=SAY)  # type: ignore[arg-type]
    assert unknown.value.code == "model_not_found"
    assert "gpt-5" in {m.id for m in client.models.list()}
