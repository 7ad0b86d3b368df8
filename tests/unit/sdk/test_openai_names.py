"""Code written for `openai` reads our models unchanged: the API's field names (`call.type`, `completion.object`,
`token.bytes`), and the serialisation methods `to_dict`, `to_json`, `model_dump`, `model_dump_json`."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
from collections.abc import Callable
from typing import Any

import attrs
import chat_completions as cc
import chat_completions_api.models as models_package
import httpx
import openai
import pytest

# A local variable of `from_dict` is named after its field and read from the API's key: `type_: Any = src_dict["type"]`.
_READ = re.compile(r"^\s+(\w+): Any = src_dict(?:\[|\.get\()\"([^\"]+)\"", re.M)


def _renamed_fields() -> list[tuple[type[Any], str, str]]:
    """(class, Python name, API name) of every generated model field whose two names differ."""
    found = []
    for info in pkgutil.iter_modules(models_package.__path__):
        module = importlib.import_module(f"{models_package.__name__}.{info.name}")
        for cls in vars(module).values():
            if inspect.isclass(cls) and cls.__module__ == module.__name__ and hasattr(cls, "from_dict"):
                source = inspect.getsource(cls.from_dict)
                found += [(cls, python, api) for python, api in _READ.findall(source) if python != api]
    return found


def test_every_renamed_field_is_its_api_name_with_the_old_name_a_deprecated_alias() -> None:
    renamed = _renamed_fields()
    assert {api for _, _, api in renamed} >= {"type", "object", "bytes", "format", "input"}
    assert len(renamed) > 30
    for cls, old, api in renamed:
        names = [f.name for f in attrs.fields(cls)]
        assert api in names, f"{cls.__name__}: no field {api}"
        assert old not in names
        assert api in inspect.signature(cls).parameters
        assert api in cls.__match_args__
        model = cls.__new__(cls)  # no constructor arguments needed to check the attribute pair
        with pytest.warns(DeprecationWarning, match=f"`{old}` is deprecated: use `{api}`"):
            setattr(model, old, "old")
        assert getattr(model, api) == "old", f"{cls.__name__}.{old} does not write {api}"
        setattr(model, api, "new")
        with pytest.warns(DeprecationWarning, match=f"`{old}` is deprecated"):
            assert getattr(model, old) == "new", f"{cls.__name__}.{old}"
        assert not cls._API_NAMES


def test_models_are_built_with_the_api_names_as_openai_builds_them() -> None:
    """The constructor, repr, attrs introspection and pattern matching see `type`, `bytes`, `object`."""
    from chat_completions_api.models import (
        ChatCompletionMessageToolCall,
        ChatCompletionMessageToolCallFunction,
        ChatCompletionTokenLogprob,
    )
    from openai.types.chat import ChatCompletionMessageToolCall as TheirCall
    from openai.types.chat import ChatCompletionTokenLogprob as TheirLogprob

    function = {"name": "add", "arguments": '{"a": 2}'}
    call = ChatCompletionMessageToolCall(
        id="call_1", type="function", function=ChatCompletionMessageToolCallFunction(**function)
    )
    theirs = TheirCall(id="call_1", type="function", function=function)  # type: ignore[arg-type]
    assert call.model_dump() == theirs.model_dump()
    assert "type='function'" in repr(call)
    assert "type_" not in repr(call)
    assert attrs.asdict(call)["type"] == "function"
    match call:
        case ChatCompletionMessageToolCall(type="function", function=ChatCompletionMessageToolCallFunction(name=n)):
            assert n == "add"
        case _:
            pytest.fail("a match on `type` should take the call")
    token = ChatCompletionTokenLogprob(token="a", logprob=-0.5, bytes=[97], top_logprobs=[])
    their_token = TheirLogprob(token="a", logprob=-0.5, bytes=[97], top_logprobs=[])
    assert token.model_dump() == their_token.model_dump()
    assert {f.name for f in attrs.fields(ChatCompletionTokenLogprob)} >= set(TheirLogprob.model_fields)
    with pytest.raises(TypeError, match="type_"):  # the old name is not a constructor keyword (docs/differences.md)
        ChatCompletionMessageToolCall(id="c", type_="function", function=call.function)  # type: ignore[call-arg]
    with pytest.warns(DeprecationWarning, match="use `type`") as caught:
        assert call.type_ == "function"
    assert caught[0].filename == __file__  # points at the caller's line


def _completion(finish: str, message: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1700000000,
        "model": "gpt-4o-mini",
        "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish}],
        "usage": {"prompt_tokens": 9, "completion_tokens": 3, "total_tokens": 12},
        "system_fingerprint": None,
    }


TOOL_CALL = {
    "role": "assistant",
    "content": None,
    "refusal": None,
    "tool_calls": [
        {"id": "call_1", "type": "function", "function": {"name": "add", "arguments": '{"a": 2, "b": 3}'}},
        {"id": "call_2", "type": "function", "function": {"name": "add", "arguments": '{"a": 1, "b": 1}'}},
    ],
}
ANSWER = {"role": "assistant", "content": "5 and 2", "refusal": None}


def _transport(seen: list[dict[str, Any]]) -> httpx.MockTransport:
    answers = iter([_completion("tool_calls", TOOL_CALL), _completion("stop", ANSWER)])

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(json.loads(request.content))
        return httpx.Response(200, json=next(answers), headers={"x-request-id": "req_1"})

    return httpx.MockTransport(handler)


# --- written for `openai`, used unchanged on both SDKs (only the client passed in differs) ---------------------------


def log_completion(completion: Any, lines: list[str]) -> None:
    """A logging/caching helper as apps write it for `openai`."""
    lines.append(completion.to_json())
    lines.append(json.dumps(completion.model_dump(exclude_unset=True), sort_keys=True))
    lines.append(json.dumps(completion.to_dict(), sort_keys=True))
    dumped = completion.model_dump(exclude_none=True)
    lines.append(f"{completion.object} {dumped['usage']['total_tokens']} {completion.choices[0].finish_reason}")
    for choice in completion.choices:
        for call in choice.message.tool_calls or []:
            lines.append(f"{call.type} {call.function.name} {json.dumps(call.model_dump(), sort_keys=True)}")
    lines.append(json.dumps(json.loads(completion.model_dump_json(indent=2, exclude_unset=True)), sort_keys=True))
    cached = completion.model_dump(mode="json", exclude={"usage"}, exclude_unset=True, by_alias=True, warnings=False)
    lines.append(json.dumps(cached, sort_keys=True))
    lines.append(json.dumps(completion.to_dict(mode="json", use_api_names=True, exclude_none=True), sort_keys=True))


def tool_loop(client: Any, lines: list[str]) -> str:
    """The tool-calling loop of an app written for `openai`."""
    tools: dict[str, Callable[..., Any]] = {"add": lambda a, b: a + b}
    messages: list[Any] = [{"role": "user", "content": "2+3 and 1+1?"}]
    while True:
        completion = client.chat.completions.create(model="gpt-4o-mini", messages=messages, tools=[])
        log_completion(completion, lines)
        message = completion.choices[0].message
        if not message.tool_calls:
            return str(message.content)
        messages.append(message.model_dump(exclude_none=True))
        for call in message.tool_calls:
            if call.type != "function":
                continue
            result = tools[call.function.name](**json.loads(call.function.arguments))
            messages.append({"role": "tool", "tool_call_id": call.id, "content": str(result)})


# ----------------------------------------------------------------------------------------------------------------------


def test_a_tool_loop_and_a_logger_written_for_openai_run_unchanged() -> None:
    results = {}
    for name in ("openai", "ours"):
        seen: list[dict[str, Any]] = []
        lines: list[str] = []
        http = httpx.Client(transport=_transport(seen))
        options: dict[str, Any] = {"api_key": "sk-test", "base_url": "https://x.test/v1", "http_client": http}
        client = openai.OpenAI(**options, max_retries=0) if name == "openai" else cc.Client(**options, max_retries=0)
        answer = tool_loop(client, lines)
        results[name] = (answer, seen, lines)
    openai_answer, openai_seen, openai_lines = results["openai"]
    answer, seen, lines = results["ours"]
    assert answer == openai_answer == "5 and 2"
    assert seen == openai_seen  # the same follow-up request: the assistant message dumped, the tool results
    assert seen[1]["messages"][1]["tool_calls"][0]["type"] == "function"
    assert len(lines) == len(openai_lines)
    for ours, theirs in zip(lines, openai_lines, strict=True):
        if ours.startswith("function "):  # model_dump() of a call: ours may add fields the spec has, never drop one
            ours_dump, theirs_dump = json.loads(ours.split(" ", 2)[2]), json.loads(theirs.split(" ", 2)[2])
            assert ours_dump.items() >= theirs_dump.items()
        elif ours.startswith("{"):
            assert json.loads(ours) == json.loads(theirs)
        else:
            assert ours == theirs


def test_model_dump_flags() -> None:
    from chat_completions_api.models import CreateChatCompletionResponse

    sent = _completion("tool_calls", TOOL_CALL)
    completion = CreateChatCompletionResponse.from_dict(sent)
    assert completion.model_dump(exclude_unset=True) == completion.to_dict() == sent
    full = completion.model_dump()
    assert full["service_tier"] is None
    assert full["choices"][0]["message"]["audio"] is None
    assert "system_fingerprint" in full
    lean = completion.model_dump(exclude_none=True)
    assert "system_fingerprint" not in lean
    assert "refusal" not in lean["choices"][0]["message"]
    assert completion.to_dict(exclude_none=True) == lean
    assert completion.model_dump_json() == json.dumps(full, separators=(",", ":"))
    assert completion.to_json().startswith('{\n  "')
    assert json.loads(completion.to_json()) == sent
    indented = completion.model_dump_json(indent=4, exclude_unset=True)
    assert indented.startswith('{\n    "')
    assert json.loads(indented) == sent
    assert completion.model_dump(include={"id", "model"}) == {"id": "chatcmpl-1", "model": "gpt-4o-mini"}
    assert "choices" not in completion.model_dump_json(exclude={"choices": True})
    with pytest.raises(TypeError, match="top-level fields only"):
        completion.model_dump(include={"choices": {0: {"message"}}})
    extra = CreateChatCompletionResponse.from_dict({**sent, "new_field": {"x": None}})
    assert extra.model_dump()["new_field"] == {"x": None}  # unknown fields kept, their contents as sent


def _contains(ours: Any, theirs: Any, path: str = "") -> list[str]:
    """Paths where `theirs` (openai's dump) has a key or value that `ours` lacks or differs on."""
    if isinstance(theirs, dict) and isinstance(ours, dict):
        return [p for k, v in theirs.items() for p in _contains(ours.get(k, "<missing>"), v, f"{path}.{k}")]
    if isinstance(theirs, list) and isinstance(ours, list) and len(ours) == len(theirs):
        return [p for i, (a, b) in enumerate(zip(ours, theirs, strict=True)) for p in _contains(a, b, f"{path}[{i}]")]
    return [] if ours == theirs else [f"{path}: {ours!r} != {theirs!r}"]


def _recorded_openai_bodies() -> list[tuple[str, bool, dict[str, Any]]]:
    import recordings

    found = []
    for rec in recordings.recordings(server=recordings.OPENAI):
        if rec.status == 200:
            found += [(rec.name, rec.is_stream, body) for body in rec.events()]
    return found


#: Fields of openai's models that the spec does not have (always None in its `model_dump()`; absent from ours).
OPENAI_ONLY = {".choices[].delta.audio: '<missing>' != None"}


def test_every_recorded_openai_answer_dumps_as_openai_dumps_it() -> None:
    """Each real OpenAI answer of the corpus (JSON or stream chunk): `model_dump()` has every key and value openai's
    has (plus the spec's fields openai's models lack), `to_json()` and `model_dump(exclude_none=True)` are equal."""
    from chat_completions_api.models import CreateChatCompletionResponse, CreateChatCompletionStreamResponse
    from openai.types.chat import ChatCompletion, ChatCompletionChunk

    bodies = _recorded_openai_bodies()
    assert len(bodies) > 100
    for name, is_stream, body in bodies:
        ours = (CreateChatCompletionStreamResponse if is_stream else CreateChatCompletionResponse).from_dict(body)
        theirs = (ChatCompletionChunk if is_stream else ChatCompletion).construct(**body)
        missing = {re.sub(r"\[\d+\]", "[]", p) for p in _contains(ours.model_dump(), theirs.model_dump(warnings=False))}
        assert missing <= OPENAI_ONLY, name
        assert json.loads(ours.to_json()) == json.loads(theirs.to_json(warnings=False)), name
        assert ours.model_dump(exclude_none=True) == theirs.model_dump(exclude_none=True, warnings=False), name
