"""The accumulator: stream chunks to the final completion."""

from __future__ import annotations

from typing import Any

import chat_completions as cc
import pytest
from chat_completions_api.models.create_chat_completion_response import CreateChatCompletionResponse
from chat_completions_api.models.create_chat_completion_stream_response import CreateChatCompletionStreamResponse
from sdk_support import SEED_REQUEST, ScriptedServer, chunk, stream_reply


def parse(*chunks: dict[str, Any]) -> list[CreateChatCompletionStreamResponse]:
    return [CreateChatCompletionStreamResponse.from_dict(c) for c in chunks]


def accumulate(*chunks: dict[str, Any]) -> CreateChatCompletionResponse:
    acc = cc.ChatCompletionAccumulator()
    for c in parse(*chunks):
        assert acc.add(c) is c
    return acc.completion()


def test_content_finish_reason_and_usage() -> None:
    usage = {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}
    result = accumulate(
        chunk({"role": "assistant", "content": ""}, system_fingerprint="fp_1"),
        chunk({"content": "Hello"}),
        chunk({"content": ", world"}),
        chunk({}, "length"),
        {**chunk(), "choices": [], "usage": usage},
    )
    assert isinstance(result, CreateChatCompletionResponse)
    assert result.id == "chatcmpl-abc123"
    assert result.object == "chat.completion"
    assert result.model == "gpt-4o-mini-2024-07-18"
    assert result.system_fingerprint == "fp_1"
    choice = result.choices[0]
    assert choice.message.content == "Hello, world"
    assert choice.message.role == "assistant"
    assert choice.message.refusal is None
    assert choice.finish_reason == "length"
    assert result.usage
    assert result.usage.to_dict() == usage


def test_tool_call_fragments_are_joined_per_index() -> None:
    def tool(index: int, args: str, **first: Any) -> dict[str, Any]:
        return {"tool_calls": [{"index": index, "function": {"arguments": args, **first.pop("function", {})}, **first}]}

    result = accumulate(
        chunk({"role": "assistant", "content": None}),
        chunk(tool(0, "", id="call_a", type="function", function={"name": "get_weather"})),
        chunk(tool(0, '{"city": ')),
        chunk(tool(1, "", id="call_b", type="function", function={"name": "get_time"})),
        chunk(tool(0, '"Paris"}')),
        chunk(tool(1, '{"tz": "CET"}')),
        chunk({}, "tool_calls"),
    )
    message = result.choices[0].message
    assert message.content is None
    calls = message.to_dict()["tool_calls"]
    assert calls == [
        {"id": "call_a", "type": "function", "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'}},
        {"id": "call_b", "type": "function", "function": {"name": "get_time", "arguments": '{"tz": "CET"}'}},
    ]
    assert result.choices[0].finish_reason == "tool_calls"


def test_several_choices_refusal_logprobs_and_legacy_function_call() -> None:
    lp = {"token": "a", "logprob": -0.1, "bytes": [97], "top_logprobs": []}
    result = accumulate(
        chunk({"content": "A"}, index=1),
        chunk({"refusal": "I can't"}, index=0),
        {
            **chunk({"content": "B"}, index=1),
            "choices": [
                {**chunk({"content": "B"}, index=1)["choices"][0], "logprobs": {"content": [lp], "refusal": None}}
            ],
        },
        chunk({"function_call": {"name": "f", "arguments": "{"}}, index=2),
        chunk({"function_call": {"arguments": "}"}}, index=2),
        chunk({"refusal": " help"}, "stop", index=0),
        chunk({}, "stop", index=1),
        chunk({}, "function_call", index=2),
    )
    assert [c.index for c in result.choices] == [0, 1, 2]
    assert result.choices[0].message.refusal == "I can't help"
    assert result.choices[0].message.content is None
    assert result.choices[1].message.content == "AB"
    assert result.choices[1].to_dict()["logprobs"] == {"content": [lp], "refusal": None}
    assert result.choices[0].logprobs is None
    assert result.choices[2].message.to_dict()["function_call"] == {"name": "f", "arguments": "{}"}


def test_unknown_string_delta_fields_are_joined() -> None:
    result = accumulate(
        chunk({"reasoning_content": "thinking "}), chunk({"reasoning_content": "hard"}), chunk({}, "stop")
    )
    assert result.choices[0].message["reasoning_content"] == "thinking hard"


def test_incomplete_streams_are_refused() -> None:
    with pytest.raises(ValueError, match="no chunks"):
        cc.ChatCompletionAccumulator().completion()
    acc = cc.ChatCompletionAccumulator()
    acc.add(parse(chunk({"content": "partial"}))[0])
    with pytest.raises(ValueError, match="finish_reason"):
        acc.completion()


def test_accumulating_a_live_stream(client: cc.Client, server: ScriptedServer) -> None:
    server.add(stream_reply(chunk({"role": "assistant", "content": "Hi"}), chunk({"content": "!"}), chunk({}, "stop")))
    acc = cc.ChatCompletionAccumulator()
    shown = [
        c.choices[0].delta.content for c in map(acc.add, client.chat.completions.create(**SEED_REQUEST, stream=True))
    ]
    assert shown[:2] == ["Hi", "!"]
    assert acc.completion().choices[0].message.content == "Hi!"


def test_custom_tool_input_fragments_are_joined_alongside_function_calls() -> None:
    def custom(index: int, text: str, **first: Any) -> dict[str, Any]:
        return {"tool_calls": [{"index": index, "custom": {"input": text, **first.pop("custom", {})}, **first}]}

    result = accumulate(
        chunk({"role": "assistant", "content": None}),
        chunk(custom(0, "", id="call_g", type="custom", custom={"name": "grep"})),
        chunk({"tool_calls": [{"index": 1, "id": "call_f", "type": "function", "function": {"name": "f"}}]}),
        chunk(custom(0, "-rn TODO")),
        chunk({"tool_calls": [{"index": 1, "function": {"arguments": "{}"}}]}),
        chunk(custom(0, " src/")),
        chunk(custom(2, "x", id="call_h", custom={"name": "untyped"})),  # no `type`: the `custom` field says it
        chunk({}, "tool_calls"),
    )
    assert result.choices[0].message.to_dict()["tool_calls"] == [
        {"id": "call_g", "type": "custom", "custom": {"name": "grep", "input": "-rn TODO src/"}},
        {"id": "call_f", "type": "function", "function": {"name": "f", "arguments": "{}"}},
        {"id": "call_h", "type": "custom", "custom": {"name": "untyped", "input": "x"}},
    ]


def test_custom_tool_call_streamed_by_the_mock() -> None:
    from chat_completions_mock import running

    request: dict[str, Any] = {
        **SEED_REQUEST,
        "tools": [{"type": "custom", "custom": {"name": "grep"}}],
        "tool_choice": {"type": "custom", "custom": {"name": "grep"}},
    }
    with running() as url, cc.Client(api_key="sk-mock", base_url=url) as client:
        acc = cc.ChatCompletionAccumulator()
        fragments = [
            call.custom.input
            for c in map(acc.add, client.chat.completions.create(**request, stream=True))
            for choice in c.choices
            for call in choice.delta.tool_calls or []
            if call.custom and isinstance(call.custom.input, str)
        ]
    (call,) = acc.completion().choices[0].message.to_dict()["tool_calls"]
    assert call["type"] == "custom"
    assert call["id"]
    assert call["custom"]["name"] == "grep"
    assert call["custom"]["input"] == "".join(fragments)
    assert len(fragments) > 1
