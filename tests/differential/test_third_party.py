"""`openai` and our SDK reading the same answers from LiteLLM's proxy, offline in its mock mode.

LiteLLM's proxy builds each answer with its own code (`mock_response`, `mock_tool_calls`), or relays one from an
upstream: a server nobody on this project wrote, and the Python gateway users most often put between them and OpenAI.
Plain, streamed, tool-call and streamed tool-call answers, sync and async, must read the same through both SDKs, once
the fields LiteLLM makes up per request (`id`, `created`) are set aside. Every upstream `api_base` is on loopback (a
closed port for the mock models, the byte-scripted server for the relayed ones), so nothing leaves the machine.
Starting the proxy takes ~8 s, so the module is marked `slow`.
"""

from __future__ import annotations

import asyncio
import importlib.util
from collections.abc import Iterator
from typing import Any

import chat_completions
import differential_cases as cases
import openai
import pytest
from byte_server import ByteServer
from differential_support import plain
from litellm_support import running_litellm

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("litellm") is None or importlib.util.find_spec("fastapi") is None,
        reason="LiteLLM's proxy is not installed (pip install 'litellm[proxy]')",
    ),
]

SAY = [{"role": "user", "content": "Say this is a test!"}]
ANSWER = "This is a test!"
CLOSED_PORT_API_BASE = "http://127.0.0.1:9/v1"  # the discard port: a request escaping mock mode fails at once
TOOL_CALLS = [
    {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'}},
    {"id": "call_2", "type": "function", "function": {"name": "get_time", "arguments": '{"zone": "CET"}'}},
]
MODELS: dict[str, dict[str, Any]] = {
    "gpt-4o-mini": {"mock_response": ANSWER},
    "tools": {"mock_response": "", "mock_tool_calls": TOOL_CALLS},
}
# LiteLLM's mock mode cannot stream tool calls (it drops them, and a dict `mock_response` fails with a 500 when
# streamed), so for those LiteLLM relays an upstream on loopback: the byte-scripted server, answering as OpenAI does.
# LiteLLM parses that answer into its own objects and writes them out again, as any Python gateway does.
RELAYS = {
    "relay-tools": lambda: cases.answer(
        cases.completion(cases.message(content=None, tool_calls=TOOL_CALLS), {"finish_reason": "tool_calls"})
    ),
    "relay-tools-stream": lambda: cases.sse(*_tool_chunks()),
}
CALLS = [
    ("plain", "gpt-4o-mini", False),
    ("streamed", "gpt-4o-mini", True),
    ("tool_calls", "tools", False),
    ("relayed_tool_calls", "relay-tools", False),
    ("streamed_tool_calls", "relay-tools-stream", True),
]


def _tool_chunks() -> list[dict[str, Any]]:
    """Two tool calls streamed as OpenAI does: id, type and name first, then the arguments in pieces."""
    out = [cases.chunk({"role": "assistant", "content": None})]
    for index, call in enumerate(TOOL_CALLS):
        head = {"index": index, "id": call["id"], "type": "function"}
        out.append(
            cases.chunk({"tool_calls": [{**head, "function": {"name": call["function"]["name"], "arguments": ""}}]})
        )
        arguments = call["function"]["arguments"]
        for piece in (arguments[:5], arguments[5:]):
            out.append(cases.chunk({"tool_calls": [{"index": index, "function": {"arguments": piece}}]}))
    out.append(cases.chunk({}, "tool_calls"))
    return out


@pytest.fixture(scope="module")
def litellm(tmp_path_factory: pytest.TempPathFactory, byte_server: ByteServer) -> Iterator[tuple[str, str]]:
    """LiteLLM's proxy on a free loopback port: (base URL, master key)."""
    import yaml

    folder = tmp_path_factory.mktemp("litellm-differential")
    models = {name: dict(params) for name, params in MODELS.items()}
    for name, make in RELAYS.items():
        models[name] = {"api_base": byte_server.script(make(), repeat=True).base_url}
    config = {
        "model_list": [
            {
                "model_name": name,
                "litellm_params": {
                    "model": f"openai/{name}",
                    "api_key": "sk-upstream-never-called",
                    "api_base": CLOSED_PORT_API_BASE,
                    **params,
                },
            }
            for name, params in models.items()
        ],
        "litellm_settings": {"num_retries": 0},
        "general_settings": {"master_key": "os.environ/LITELLM_MASTER_KEY"},
    }
    config_path = folder / "litellm.yaml"
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    with running_litellm(config_path, folder) as (url, key):
        yield url, key


def _steady(value: Any) -> Any:
    """`value` with what LiteLLM makes up per request blanked: ids and timestamps."""
    if isinstance(value, dict):
        return {k: "<varies>" if k in ("id", "created") else _steady(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_steady(v) for v in value]
    return value


def _read_openai(mode: str, base_url: str, key: str, model: str, stream: bool) -> Any:
    def dump(obj: Any) -> Any:
        return _steady(plain(obj.model_dump(exclude_unset=True, warnings=False)))

    if mode == "sync":
        with openai.OpenAI(api_key=key, base_url=base_url, max_retries=0, timeout=30) as client:
            if not stream:
                return dump(client.chat.completions.create(model=model, messages=SAY))
            with client.chat.completions.create(model=model, messages=SAY, stream=True) as chunks:
                return [dump(c) for c in chunks]

    async def main() -> Any:
        async with openai.AsyncOpenAI(api_key=key, base_url=base_url, max_retries=0, timeout=30) as client:
            if not stream:
                return dump(await client.chat.completions.create(model=model, messages=SAY))
            async with await client.chat.completions.create(model=model, messages=SAY, stream=True) as chunks:
                return [dump(c) async for c in chunks]

    return asyncio.run(main())


def _read_ours(mode: str, base_url: str, key: str, model: str, stream: bool) -> Any:
    def dump(obj: Any) -> Any:
        return _steady(plain(obj.to_dict()))

    if mode == "sync":
        with chat_completions.Client(api_key=key, base_url=base_url, max_retries=0, timeout=30) as client:
            if not stream:
                return dump(client.chat.completions.create(model=model, messages=SAY))
            with client.chat.completions.create(model=model, messages=SAY, stream=True) as chunks:
                return [dump(c) for c in chunks]

    async def main() -> Any:
        async with chat_completions.AsyncClient(api_key=key, base_url=base_url, max_retries=0, timeout=30) as client:
            if not stream:
                return dump(await client.chat.completions.create(model=model, messages=SAY))
            async with await client.chat.completions.create(model=model, messages=SAY, stream=True) as chunks:
                return [dump(c) async for c in chunks]

    return asyncio.run(main())


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize(("what", "model", "stream"), CALLS, ids=[c[0] for c in CALLS])
def test_litellm_answers_read_the_same(
    litellm: tuple[str, str], mode: str, what: str, model: str, stream: bool
) -> None:
    base_url, key = litellm
    theirs = _read_openai(mode, base_url, key, model, stream)
    ours = _read_ours(mode, base_url, key, model, stream)
    assert ours == theirs
    # and the answer is the one LiteLLM was told to give, so this is not a comparison of two empty reads
    if model == "gpt-4o-mini":
        text = (
            "".join(c["choices"][0]["delta"].get("content", "") for c in theirs if c["choices"])
            if stream
            else theirs["choices"][0]["message"]["content"]
        )
        assert text == ANSWER
    else:
        assert "get_weather" in str(theirs)
        assert "get_time" in str(theirs)
