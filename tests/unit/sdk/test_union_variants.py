"""What a union (a tool call: function or custom) reads when no variant fits strictly: the variant the object's
`type` names, else the first that reads it, as `openai` does; a model with attribute access, never a bare dict.
Strict mode still raises on such objects."""

from __future__ import annotations

from typing import Any

import pytest
from chat_completions_api.models import (
    ChatCompletionMessageCustomToolCall,
    ChatCompletionMessageToolCall,
    ChatCompletionResponseMessage,
)
from chat_completions_api.types import strict_parsing


def _call(tool_call: dict[str, Any]) -> Any:
    message = {"role": "assistant", "content": None, "refusal": None, "tool_calls": [tool_call]}
    return ChatCompletionResponseMessage.from_dict(message).tool_calls[0]  # type: ignore[index]


def _type(call: Any) -> Any:
    return call.type


def test_a_tool_call_without_type_is_a_function_tool_call() -> None:  # Mistral
    body = {"id": "KikbB849t", "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'}, "index": 0}
    call = _call(body)
    assert isinstance(call, ChatCompletionMessageToolCall)
    assert (call.function.name, call.function.arguments, _type(call)) == ("get_weather", '{"city": "Paris"}', None)
    assert call.additional_properties == {"index": 0}
    assert call.to_dict() == body


def test_a_function_call_without_arguments_reads_them_as_none() -> None:  # OpenRouter, a tool without parameters
    call = _call({"id": "toolu_1", "type": "function", "function": {"name": "find"}, "index": 0})
    assert isinstance(call, ChatCompletionMessageToolCall)
    assert (call.function.name, call.function.arguments) == ("find", None)


def test_a_custom_call_missing_a_field_stays_the_custom_variant_its_type_names() -> None:
    call = _call({"id": "c1", "type": "custom", "custom": {"name": "shell"}})
    assert isinstance(call, ChatCompletionMessageCustomToolCall)
    assert call.custom.name == "shell"


def test_an_unknown_variant_is_an_object_with_attribute_access() -> None:
    body = {"id": "mcp_1", "type": "mcp", "server_label": "docs", "name": "search", "arguments": "{}"}
    call = _call(body)
    assert not isinstance(call, dict)
    assert _type(call) == "mcp"
    assert call.additional_properties["server_label"] == "docs"
    assert call.to_dict() == body


@pytest.mark.parametrize(
    "body",
    [
        {"id": "a", "function": {"name": "f", "arguments": "{}"}},
        {"id": "b", "type": "function", "function": {"name": "f"}},
        {"id": "c", "type": "mcp", "name": "search"},
    ],
)
def test_strict_parsing_still_refuses_them(body: dict[str, Any]) -> None:
    with strict_parsing(), pytest.raises((KeyError, ValueError)):
        _call(body)
