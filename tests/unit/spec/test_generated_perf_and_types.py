"""The generated models after the speed work (openapi/templates/model.py.jinja, parse_macros.jinja, types.py.jinja).

`from_dict` reads fields in place instead of copying and popping, and parses unions without defining functions per
call: these tests pin that it still builds the same typed models, keeps unknown fields, leaves its input alone and
fails on what is missing. `UNSET` is one object that prints as `UNSET` and survives copies and pickling. The SDK,
which pauses the cyclic collector while it parses a big answer, frees that answer without it. No timing here: the benchmark (`python -m bench`) measures speed.
"""

from __future__ import annotations

import asyncio
import copy
import dis
import gc
import importlib
import json
import pickle
import weakref
from types import CodeType, MappingProxyType
from typing import Any

import httpx
import pytest

TOOL_CALLS_MESSAGE: dict[str, Any] = {
    "role": "assistant",
    "content": None,
    "refusal": None,
    "tool_calls": [
        {"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{}"}},
        {"id": "call_2", "type": "custom", "custom": {"name": "g", "input": "raw"}},
    ],
}


def _alternative(i: int) -> dict[str, Any]:
    word = f" w{i}"
    return {"token": word, "logprob": -0.5 * i, "bytes": list(word.encode())}


def _large(choices: int, tokens: int, alternatives: int) -> dict[str, Any]:
    """An answer shaped like the benchmark's large one: every token with its top logprobs."""
    out = []
    for c in range(choices):
        content = [
            {**_alternative(t), "top_logprobs": [_alternative(t + k) for k in range(alternatives)]}
            for t in range(tokens)
        ]
        message = {
            "role": "assistant",
            "content": "".join(e["token"] for e in content),
            "refusal": None,
            "annotations": [],
        }
        out.append(
            {
                "index": c,
                "message": message,
                "logprobs": {"content": content, "refusal": None},
                "finish_reason": "length",
            }
        )
    usage = {"prompt_tokens": 1, "completion_tokens": choices * tokens, "total_tokens": 1 + choices * tokens}
    return {
        "id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "m", "system_fingerprint": "fp",
        "service_tier": "default", "usage": usage, "choices": out,
    }  # fmt: skip


def _chunk(i: int, last: bool) -> dict[str, Any]:
    delta = {} if last else {"role": "assistant", "content": "", "refusal": None} if i == 0 else {"content": f"w{i}"}
    choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": "stop" if last else None}
    return {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m", "choices": [choice]}


def _response(**overrides: Any) -> dict[str, Any]:
    body = _large(choices=2, tokens=3, alternatives=2)
    body.update(overrides)
    return body


def _model_classes() -> list[type[Any]]:
    models = importlib.import_module("chat_completions_api.models")
    return [getattr(models, name) for name in models.__all__ if hasattr(getattr(models, name), "from_dict")]


# --- UNSET --------------------------------------------------------------------------------------------------------


def test_unset_prints_as_its_name_and_is_falsy() -> None:
    from chat_completions_api.types import UNSET

    assert repr(UNSET) == str(UNSET) == "UNSET"
    assert not UNSET


def test_unset_is_a_singleton_through_construction_copies_and_pickling() -> None:
    from chat_completions_api.types import UNSET, Unset

    assert Unset() is UNSET
    assert copy.copy(UNSET) is UNSET
    assert copy.deepcopy(UNSET) is UNSET
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(UNSET, protocol)) is UNSET


def test_a_model_repr_shows_unset_fields_as_unset() -> None:
    """Response models show an absent optional field as None; request models keep UNSET."""
    from chat_completions_api.models import CompletionUsage, CreateChatCompletionRequest

    usage = CompletionUsage(completion_tokens=1, prompt_tokens=2, total_tokens=3)
    assert "prompt_tokens_details=None" in repr(usage)
    assert "object at 0x" not in repr(usage)
    request = CreateChatCompletionRequest(messages=[], model="m")
    assert "temperature=UNSET" in repr(request)


@pytest.mark.parametrize("protocol", [2, pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL])
def test_unpickled_and_copied_models_are_equal_and_serialise_the_same(protocol: int) -> None:
    from chat_completions_api.models import CreateChatCompletionResponse

    body = _response(unknown_top={"kept": True})
    model = CreateChatCompletionResponse.from_dict(body)
    for clone in (pickle.loads(pickle.dumps(model, protocol)), copy.deepcopy(model), copy.copy(model)):
        assert clone == model
        assert clone.to_dict() == body  # no field is sent as an Unset object
        assert clone.moderation is model.moderation


def test_request_models_built_in_python_survive_pickling() -> None:
    from chat_completions_api.models import ChatCompletionRequestUserMessage, CreateChatCompletionRequest

    request = CreateChatCompletionRequest(messages=[ChatCompletionRequestUserMessage(content="hi")], model="m")
    clone = pickle.loads(pickle.dumps(request))
    assert clone == request
    assert clone.to_dict() == {"messages": [{"content": "hi", "role": "user"}], "model": "m"}


# --- from_dict: same models, faster ----------------------------------------------------------------------------------


def test_a_large_answer_round_trips_exactly_with_every_level_typed() -> None:
    from chat_completions_api.models import (
        ChatCompletionTokenLogprob,
        ChatCompletionTokenLogprobTopLogprobsItem,
        CreateChatCompletionResponse,
    )

    body = _large(choices=3, tokens=4, alternatives=3)
    model = CreateChatCompletionResponse.from_dict(body)
    assert model.to_dict() == body
    for choice in model.choices:
        assert choice.logprobs
        assert len(choice.logprobs.content) == 4
        for token in choice.logprobs.content:
            assert type(token) is ChatCompletionTokenLogprob
            assert [type(t) for t in token.top_logprobs] == [ChatCompletionTokenLogprobTopLogprobsItem] * 3


def test_every_chunk_of_a_stream_round_trips() -> None:
    from chat_completions_api.models import CreateChatCompletionStreamResponse

    for i in range(4):
        chunk = _chunk(i, last=i == 3)
        assert CreateChatCompletionStreamResponse.from_dict(chunk).to_dict() == chunk


def test_unknown_fields_are_kept_at_every_depth() -> None:
    from chat_completions_api.models import CreateChatCompletionResponse

    body = _response(top_extra=1)
    choice = body["choices"][0]
    choice["choice_extra"] = [1]
    choice["message"]["message_extra"] = None
    token = choice["logprobs"]["content"][0]
    token["token_extra"] = "t"
    token["top_logprobs"][1]["alternative_extra"] = {"x": 1}
    model = CreateChatCompletionResponse.from_dict(body)
    parsed_choice = model.choices[0]
    assert model.additional_properties == {"top_extra": 1}
    assert parsed_choice.additional_properties == {"choice_extra": [1]}
    assert parsed_choice.message.additional_properties == {"message_extra": None}
    assert parsed_choice.logprobs
    parsed_token = parsed_choice.logprobs.content[0]
    assert parsed_token["token_extra"] == "t"
    assert parsed_token.top_logprobs[0].additional_properties == {}
    assert parsed_token.top_logprobs[1].additional_properties == {"alternative_extra": {"x": 1}}
    assert model.choices[1].additional_properties == {}
    assert model.to_dict() == body


def test_optional_fields_absent_are_unset_and_stay_absent() -> None:
    """Absent optional response fields read as None and stay absent in to_dict."""
    from chat_completions_api.models import CreateChatCompletionResponse

    body = _response()
    for key in ("usage", "system_fingerprint", "service_tier"):
        del body[key]
    model = CreateChatCompletionResponse.from_dict(body)
    assert (model.usage, model.system_fingerprint, model.service_tier) == (None, None, None)
    assert model.additional_properties == {}
    assert model.to_dict() == body


def test_from_dict_leaves_its_input_alone_and_shares_no_dict_with_it() -> None:
    from chat_completions_api.models import CreateChatCompletionResponse

    body = _response(extra={"a": 1})
    before = copy.deepcopy(body)
    model = CreateChatCompletionResponse.from_dict(body)
    assert body == before
    model.additional_properties["added"] = 2
    model.choices[0].additional_properties["added"] = 3
    assert body == before
    body["extra2"] = 1
    assert "extra2" not in model.additional_properties


def test_any_mapping_is_accepted() -> None:
    from chat_completions_api.models import ChatCompletionTokenLogprobTopLogprobsItem

    source = {"token": "a", "logprob": -1.0, "bytes": [97], "new": 1}
    item = ChatCompletionTokenLogprobTopLogprobsItem.from_dict(MappingProxyType(source))
    assert item.to_dict() == source


def test_unions_pick_their_variant_in_lists_and_fields() -> None:
    from chat_completions_api.models import (
        ChatCompletionMessageCustomToolCall,
        ChatCompletionMessageToolCall,
        ChatCompletionResponseMessage,
    )

    message = ChatCompletionResponseMessage.from_dict(TOOL_CALLS_MESSAGE)
    assert message.tool_calls
    assert [type(c) for c in message.tool_calls] == [ChatCompletionMessageToolCall, ChatCompletionMessageCustomToolCall]
    assert message.to_dict() == TOOL_CALLS_MESSAGE


def test_a_nullable_object_that_does_not_parse_is_kept_as_sent() -> None:
    """The generator's union rule, kept: `X | None` falls back to the raw value when X does not parse."""
    from chat_completions_api.models import CreateChatCompletionResponse

    body = _response()
    body["choices"][0]["logprobs"] = "unexpected shape"
    model = CreateChatCompletionResponse.from_dict(body)
    assert model.choices[0].logprobs == "unexpected shape"
    assert model.to_dict() == body


@pytest.mark.parametrize(
    ("path", "value", "error"),
    [
        (("choices", 0, "message", "role"), KeyError, KeyError),  # a required field missing, deep down
        (("usage", "total_tokens"), KeyError, KeyError),  # ... in an optional object
        (("choices", 1), "not an object", TypeError),
        (("choices", 0, "message", "role"), "user", ValueError),  # a constant that does not match
        (("choices", 0, "finish_reason"), 7, TypeError),  # an enum that is not a string
    ],
)
def test_what_does_not_fit_raises_what_the_sdk_turns_into_a_validation_error(
    path: tuple[Any, ...], value: Any, error: type[Exception]
) -> None:
    from chat_completions_api.models import CreateChatCompletionResponse

    body = _response()
    target: Any = body
    for step in path[:-1]:
        target = target[step]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    from chat_completions_api.types import strict_parsing

    with pytest.raises(error), strict_parsing():  # the default reads most of these as the official SDK does
        CreateChatCompletionResponse.from_dict(body)


@pytest.mark.parametrize(
    "path",
    [("choices", 0, "message", "refusal"), ("choices", 0, "message", "content"), ("choices", 0, "logprobs")],
)
def test_a_required_but_nullable_field_left_out_reads_as_null(path: tuple[Any, ...]) -> None:
    """OpenAI-compatible servers (LiteLLM, vLLM) omit `refusal`, `logprobs`, ...: absent means null, as the official SDK reads it."""
    from chat_completions_api.models import CreateChatCompletionResponse

    body = _response()
    target: Any = body
    for step in path[:-1]:
        target = target[step]
    del target[path[-1]]
    model = CreateChatCompletionResponse.from_dict(body)
    value: Any = model
    for step in path:
        value = value[step] if isinstance(step, int) else getattr(value, step)
    assert value is None


def test_new_enum_values_pass_and_typed_additional_properties_are_checked() -> None:
    from chat_completions_api.models import ModerationResultBodyCategoryAppliedInputTypes

    source = {"violence": ["text", "a_new_kind"]}
    model = ModerationResultBodyCategoryAppliedInputTypes.from_dict(source)
    assert model["violence"] == ["text", "a_new_kind"]
    assert model.to_dict() == source
    with pytest.raises(TypeError):
        ModerationResultBodyCategoryAppliedInputTypes.from_dict({"violence": [1]})


@pytest.mark.parametrize("cls", _model_classes(), ids=lambda c: c.__name__)
def test_from_dict_defines_no_functions_and_imports_nothing_per_call(cls: type[Any]) -> None:
    """What made parsing slow: a nested `_parse_*` function made on every call, and import statements run per call."""
    code = cls.from_dict.__func__.__code__
    functions = [c.co_name for c in code.co_consts if isinstance(c, CodeType)]
    assert set(functions) <= {"<listcomp>", "<dictcomp>"}, f"{cls.__name__}.from_dict defines {functions}"
    opcodes = {instruction.opname for instruction in dis.get_instructions(code)}
    assert "IMPORT_NAME" not in opcodes


# --- the SDK's big-body path (wrapper/chat_completions/_transport.py) -------------------------------------------------


def _big_answer() -> bytes:
    return json.dumps(_large(choices=8, tokens=100, alternatives=5)).encode()  # ~330 KB: over the GC-pause threshold


def test_a_big_answer_is_freed_without_the_cyclic_collector() -> None:
    """httpx ties each response into a reference cycle; after a big body the SDK unties it, so nothing waits for a
    full collection (the collector is paused while such bodies are parsed, so collections are rarer)."""
    from chat_completions import Client

    body = _big_answer()
    assert len(body) > 256 * 1024
    seen: list[weakref.ref[httpx.Response]] = []
    transport = httpx.MockTransport(
        lambda request: httpx.Response(200, content=body, headers={"content-type": "application/json"})
    )
    with httpx.Client(transport=transport, event_hooks={"response": [lambda r: seen.append(weakref.ref(r))]}) as http:
        client = Client(api_key="sk-test", base_url="http://test/v1", http_client=http, max_retries=0)
        gc.collect()
        gc.disable()
        try:
            result = client.chat.completions.create(model="m", messages=[])
            assert len(result.choices) == 8
            assert seen[0]() is None  # freed by reference counting alone
        finally:
            gc.enable()
        assert result.to_dict() == json.loads(body)


def test_the_async_client_frees_a_big_answer_too() -> None:
    from chat_completions import AsyncClient

    body = _big_answer()
    seen: list[weakref.ref[httpx.Response]] = []

    async def hook(response: httpx.Response) -> None:
        seen.append(weakref.ref(response))

    async def main() -> None:
        transport = httpx.MockTransport(
            lambda request: httpx.Response(200, content=body, headers={"content-type": "application/json"})
        )
        async with httpx.AsyncClient(transport=transport, event_hooks={"response": [hook]}) as http:
            client = AsyncClient(api_key="sk-test", base_url="http://test/v1", http_client=http, max_retries=0)
            gc.collect()
            gc.disable()
            try:
                result = await client.chat.completions.create(model="m", messages=[])
                assert seen[0]() is None
            finally:
                gc.enable()
            assert result.to_dict() == json.loads(body)

    asyncio.run(main())
