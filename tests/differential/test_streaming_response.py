"""`with_streaming_response` in `openai` and ours on the same byte-scripted answers: the same status, headers, lines,
bytes and parsed result, sync and async; an error status raises the same class on entering the block."""

from __future__ import annotations

import asyncio
from typing import Any

import chat_completions as cc
import openai
import pytest
from byte_server import ByteServer, Script
from differential_cases import DELETED, answer, completion, error_body, page, sse, stored, text_chunks

KEY = "sk-differential-0123456789abcdef"
MESSAGES = [{"role": "user", "content": "Say this is a test!"}]

#: name -> (the answer, the call: method and arguments, how the body is read)
CASES: dict[str, tuple[Any, tuple[str, dict[str, Any]], str]] = {
    "create_parse": (answer(completion()), ("create", {"model": "gpt-4o-mini", "messages": MESSAGES}), "parse"),
    "create_bytes": (answer(completion()), ("create", {"model": "gpt-4o-mini", "messages": MESSAGES}), "read"),
    "stream_lines": (
        sse(*text_chunks("Hel", "lo")),
        ("create", {"model": "gpt-4o-mini", "messages": MESSAGES, "stream": True}),
        "lines",
    ),
    "stream_parse": (
        sse(*text_chunks("Hel", "lo")),
        ("create", {"model": "gpt-4o-mini", "messages": MESSAGES, "stream": True}),
        "parse",
    ),
    "retrieve_json": (answer(completion()), ("retrieve", {"completion_id": "chatcmpl-abc123"}), "json"),
    "list_parse": (answer(page([stored(1), stored(2)])), ("list", {"limit": 2}), "parse"),
    "delete_text": (answer(DELETED), ("delete", {"completion_id": "chatcmpl-abc123"}), "text"),
    "not_found": (
        answer(error_body("No completion found", "invalid_request_error"), status=404, x_should_retry="false"),
        ("retrieve", {"completion_id": "chatcmpl-missing"}),
        "parse",
    ),
}


def _plain(value: Any) -> Any:
    """A parsed result as plain data, whichever SDK built it (items of a page, chunks of a stream)."""
    if hasattr(value, "model_dump"):
        return {k: v for k, v in value.model_dump(exclude_unset=True).items() if v is not None}
    if hasattr(value, "to_dict"):
        return {k: v for k, v in value.to_dict().items() if v is not None}
    return value


def _items(parsed: Any) -> Any:
    if hasattr(parsed, "__iter__") and not isinstance(parsed, dict) and not hasattr(parsed, "choices"):
        return [_plain(item) for item in parsed]
    return _plain(parsed)


async def _aitems(parsed: Any) -> Any:
    if hasattr(parsed, "__aiter__"):
        return [_plain(item) async for item in parsed]
    return _plain(parsed)


def _args(call: tuple[str, dict[str, Any]]) -> tuple[str, list[Any], dict[str, Any]]:
    method, kwargs = call
    kwargs = dict(kwargs)
    positional = [kwargs.pop("completion_id")] if "completion_id" in kwargs else []
    return method, positional, kwargs


def _sync(sdk: str, case: str, script: Script) -> dict[str, Any]:
    _, call, how = CASES[case]
    method, positional, kwargs = _args(call)
    client_class: Any = openai.OpenAI if sdk == "openai" else cc.Client
    out: dict[str, Any] = {}
    with client_class(api_key=KEY, base_url=script.base_url, max_retries=0) as client:
        try:
            with getattr(client.chat.completions.with_streaming_response, method)(*positional, **kwargs) as response:
                out["head"] = (response.status_code, response.headers.get("x-request-id"), response.is_closed)
                if how == "lines":
                    out["body"] = list(response.iter_lines())
                elif how == "read":
                    out["body"] = response.read()
                elif how == "json":
                    out["body"] = response.json()
                elif how == "text":
                    out["body"] = response.text()
                else:
                    out["body"] = _items(response.parse())
            out["closed"] = response.is_closed
        except Exception as exc:
            out["error"] = type(exc).__name__
    return out


def _async(sdk: str, case: str, script: Script) -> dict[str, Any]:
    _, call, how = CASES[case]
    method, positional, kwargs = _args(call)
    client_class: Any = openai.AsyncOpenAI if sdk == "openai" else cc.AsyncClient
    out: dict[str, Any] = {}

    async def main() -> None:
        async with client_class(api_key=KEY, base_url=script.base_url, max_retries=0) as client:
            api = client.chat.completions.with_streaming_response
            try:
                async with getattr(api, method)(*positional, **kwargs) as response:
                    out["head"] = (response.status_code, response.headers.get("x-request-id"), response.is_closed)
                    if how == "lines":
                        out["body"] = [line async for line in response.iter_lines()]
                    elif how == "read":
                        out["body"] = await response.read()
                    elif how == "json":
                        out["body"] = await response.json()
                    elif how == "text":
                        out["body"] = await response.text()
                    else:
                        out["body"] = await _aitems(await response.parse())
                out["closed"] = response.is_closed
            except Exception as exc:
                out["error"] = type(exc).__name__

    asyncio.run(main())
    return out


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("case", list(CASES))
def test_streaming_responses_read_as_openais(case: str, mode: str, byte_server: ByteServer) -> None:
    run = _sync if mode == "sync" else _async
    theirs = run("openai", case, byte_server.script(CASES[case][0]))
    ours = run("ours", case, byte_server.script(CASES[case][0]))
    assert ours == theirs
    if case == "not_found":
        assert ours == {"error": "NotFoundError"}
    else:
        assert ours["head"][0] == 200
        assert ours["head"][2] is False  # the body not read on entering the block
        assert ours["closed"] is True
