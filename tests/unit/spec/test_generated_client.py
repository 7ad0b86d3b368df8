"""The generated package: all six operations exist, models round-trip exactly, imports stay lazy."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from typing import Any

import pytest

SEED_REQUEST = {
    "model": "gpt-4o-mini",
    "messages": [{"role": "user", "content": "Say this is a test!"}],
    "temperature": 0.7,
}
SEED_RESPONSE = json.loads(
    '{"id": "chatcmpl-abc123", "object": "chat.completion", "created": 1677858242, "model": "gpt-4o-mini",'
    ' "usage": {"prompt_tokens": 13, "completion_tokens": 7, "total_tokens": 20, "completion_tokens_details":'
    ' {"reasoning_tokens": 0, "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}}, "choices":'
    ' [{"message": {"role": "assistant", "content": "\\n\\nThis is a test!", "refusal": null}, "logprobs": null,'
    ' "finish_reason": "stop", "index": 0}]}'
)
OPERATION_MODULES = [
    "create_chat_completion",
    "list_chat_completions",
    "get_chat_completion",
    "update_chat_completion",
    "delete_chat_completion",
    "get_chat_completion_messages",
]


@pytest.mark.parametrize("name", OPERATION_MODULES)
def test_every_operation_was_generated(name: str) -> None:
    module = importlib.import_module(f"chat_completions_api.api.chat.{name}")
    for func in ("sync", "sync_detailed", "asyncio", "asyncio_detailed"):
        assert callable(getattr(module, func)), f"{name}.{func} missing"


def test_create_operation_takes_the_request_model_and_returns_the_response() -> None:
    from chat_completions_api.api.chat import create_chat_completion
    from chat_completions_api.models import CreateChatCompletionRequest, CreateChatCompletionResponse

    request = CreateChatCompletionRequest.from_dict(SEED_REQUEST)
    kwargs = create_chat_completion._get_kwargs(body=request)
    assert (kwargs["method"], kwargs["url"]) == ("post", "/chat/completions")
    assert kwargs["json"] == SEED_REQUEST
    annotations = create_chat_completion.sync.__annotations__
    assert "CreateChatCompletionResponse" in str(annotations["return"])
    assert CreateChatCompletionResponse.__name__ == "CreateChatCompletionResponse"


def test_seed_response_round_trips_exactly() -> None:
    from chat_completions_api.models import CreateChatCompletionResponse

    parsed = CreateChatCompletionResponse.from_dict(SEED_RESPONSE)
    assert parsed.to_dict() == SEED_RESPONSE
    assert parsed.choices[0].message.content == "\n\nThis is a test!"
    assert parsed.choices[0].finish_reason == "stop"


def test_seed_request_serialises_to_itself_with_nothing_added() -> None:
    from chat_completions_api.models import CreateChatCompletionRequest

    request = CreateChatCompletionRequest.from_dict(SEED_REQUEST)
    assert request.to_dict() == SEED_REQUEST
    assert json.dumps(request.to_dict(), sort_keys=True) == json.dumps(SEED_REQUEST, sort_keys=True)


def test_a_request_built_in_python_sends_only_what_was_set() -> None:
    from chat_completions_api.models import ChatCompletionRequestUserMessage, CreateChatCompletionRequest

    request = CreateChatCompletionRequest(
        messages=[ChatCompletionRequestUserMessage(content="hi")], model="gpt-4o-mini"
    )
    assert request.to_dict() == {"messages": [{"content": "hi", "role": "user"}], "model": "gpt-4o-mini"}


def test_discriminated_messages_parse_to_their_own_class() -> None:
    from chat_completions_api.models import CreateChatCompletionRequest

    body: dict[str, Any] = {
        "model": "m",
        "messages": [
            {"role": "developer", "content": "be brief"},
            {"role": "assistant", "content": None, "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{}"}}
            ]},
            {"role": "tool", "tool_call_id": "call_1", "content": "42"},
        ],
    }  # fmt: skip
    request = CreateChatCompletionRequest.from_dict(body)
    kinds = [type(m).__name__ for m in request.messages]
    assert kinds == [
        "ChatCompletionRequestDeveloperMessage",
        "ChatCompletionRequestAssistantMessage",
        "ChatCompletionRequestToolMessage",
    ]
    assert request.to_dict() == body


def test_stream_chunk_with_null_finish_reason_and_logprobs_parses() -> None:
    from chat_completions_api.models import CreateChatCompletionStreamResponse

    chunk = {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "gpt-4o-mini",
        "choices": [
            {"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None, "logprobs": None}
        ],
    }
    parsed = CreateChatCompletionStreamResponse.from_dict(chunk)
    assert parsed.choices[0].finish_reason is None
    assert parsed.choices[0].logprobs is None
    assert parsed.to_dict() == chunk


def test_unknown_fields_and_enum_values_from_a_newer_server_do_not_break_parsing() -> None:
    from chat_completions_api.models import CreateChatCompletionResponse

    newer = json.loads(json.dumps(SEED_RESPONSE))
    newer["brand_new_field"] = {"nested": [1, 2]}
    newer["service_tier"] = "ultra"
    newer["choices"][0]["finish_reason"] = "new_reason"
    newer["choices"][0]["message"]["new_message_field"] = True
    parsed = CreateChatCompletionResponse.from_dict(newer)
    assert parsed.additional_properties["brand_new_field"] == {"nested": [1, 2]}
    assert parsed.choices[0].finish_reason == "new_reason"
    assert parsed.to_dict() == newer


def test_missing_required_field_is_an_error_not_silence() -> None:
    """In strict parsing; the default reads it as None, as the official SDK does."""
    from chat_completions_api.models import CreateChatCompletionResponse
    from chat_completions_api.types import strict_parsing

    broken = {k: v for k, v in SEED_RESPONSE.items() if k != "choices"}
    with pytest.raises(KeyError), strict_parsing():
        CreateChatCompletionResponse.from_dict(broken)
    assert CreateChatCompletionResponse.from_dict(broken).choices is None


def test_importing_the_package_and_models_is_lazy() -> None:
    """`import chat_completions_api.models` loads no model module and neither attrs nor httpx."""
    code = (
        "import sys, chat_completions_api, chat_completions_api.models as m\n"
        "loaded = sorted(k for k in sys.modules if k.startswith('chat_completions_api.models.'))\n"
        "print(len(loaded), 'attr' in sys.modules, 'httpx' in sys.modules)\n"
        "m.CreateChatCompletionResponse\n"
        "print(len([k for k in sys.modules if k.startswith('chat_completions_api.models.')]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "0 False False"
    assert 1 <= int(out[1]) <= 3  # the response model and the enum modules it imports at module level
