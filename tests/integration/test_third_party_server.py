"""The SDK against a server nobody on this project wrote: LiteLLM's proxy, offline, answering from its mock mode.

LiteLLM (`pip install 'litellm[proxy]'`) is a widely deployed OpenAI-compatible gateway. Each model in the config
below answers without calling any provider: `mock_response` makes LiteLLM build the completion (and the stream) with
its own code, or raise one of its own errors, which its proxy then serialises as it would a provider's. The upstream
`api_base` is a closed loopback port, so nothing can leave the machine. A tiny LiteLLM pre-call hook (LiteLLM's own
plugin interface) writes the headers of every request that passed LiteLLM's authentication to a file, which is how
the headers we send, and how many attempts a retry made, are observed.

LiteLLM omits fields that OpenAI's spec marks required but nullable (`message.refusal`, `choices[].logprobs`, and
`finish_reason` in every chunk but the last); the SDK reads an omitted nullable field as null, as the official SDK
does, so its answers parse (the contract suite still reports the omission as a deviation).

The contract suite runs against the same server in a subprocess; its deviations are printed (`-s` or `-rA` shows
them), not asserted: reporting them is the suite's job.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import chat_completions as cc
import pytest
from litellm_support import running_litellm

ROOT = Path(__file__).resolve().parents[2]
LITELLM_REQUIREMENT = "litellm[proxy]==1.108.7"

pytestmark = [
    pytest.mark.skipif(
        importlib.util.find_spec("litellm") is None or importlib.util.find_spec("fastapi") is None,
        reason=f"LiteLLM's proxy is not installed (pip install '{LITELLM_REQUIREMENT}')",
    ),
    pytest.mark.slow,  # starts a LiteLLM proxy, and runs the contract suite in a subprocess
]

SAY = [{"role": "user", "content": "Say this is a test!"}]
ANSWER = "This is a test!"
# The discard port: nothing listens there, so a request that escaped mock mode fails at once, and locally.
CLOSED_PORT_API_BASE = "http://127.0.0.1:9/v1"
SLOW_DELAY = 3  # seconds the `slow` model waits before answering

# model name -> LiteLLM params besides `model`, `api_key` and `api_base`
MODELS: dict[str, dict[str, Any]] = {
    "gpt-4o-mini": {"mock_response": ANSWER},
    "tools": {
        "mock_response": "",
        "mock_tool_calls": [
            {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'}}
        ],
    },
    "rate-limited": {"mock_response": "litellm.RateLimitError"},  # 429
    "broken": {"mock_response": "litellm.InternalServerError"},  # 500
    "too-long": {"mock_response": "litellm.ContextWindowExceededError"},  # 400
    "overloaded": {"mock_response": "Exception: mock_streaming_error"},  # 529 (an Anthropic-style overload)
    "slow": {"mock_response": "late", "mock_delay": SLOW_DELAY},
}

HOOK = '''\
"""Writes the headers of every chat request that passed LiteLLM's authentication, one JSON object a line."""

import json
import os

from litellm.integrations.custom_logger import CustomLogger


class Recorder(CustomLogger):
    async def async_pre_call_hook(self, user_api_key_dict, cache, data, call_type):
        headers = dict((data.get("proxy_server_request") or {}).get("headers") or {})
        with open(os.environ["HEADERS_SEEN"], "a", encoding="utf-8") as out:
            out.write(json.dumps({"model": data.get("model"), "headers": headers}) + "\\n")
        return data


recorder = Recorder()
'''


@dataclass
class Proxy:
    base_url: str
    key: str
    headers_seen: Path

    def seen(self, probe: str) -> list[dict[str, str]]:
        """Headers of the requests carrying `x-probe: probe` that reached the pre-call hook, in order."""
        if not self.headers_seen.exists():
            return []
        records = [json.loads(line) for line in self.headers_seen.read_text(encoding="utf-8").splitlines()]
        return [r["headers"] for r in records if r["headers"].get("x-probe") == probe]


def _write_config(folder: Path) -> Path:
    import yaml

    models = [
        {
            "model_name": name,
            "litellm_params": {
                "model": f"openai/{name}",
                "api_key": "sk-upstream-never-called",
                "api_base": CLOSED_PORT_API_BASE,
                **params,
            },
        }
        for name, params in MODELS.items()
    ]
    config = {
        "model_list": models,
        "litellm_settings": {"callbacks": "record_headers.recorder", "num_retries": 0},
        "router_settings": {"num_retries": 0},
        "general_settings": {"master_key": "os.environ/LITELLM_MASTER_KEY"},
    }
    (folder / "record_headers.py").write_text(HOOK, encoding="utf-8")
    path = folder / "litellm.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxy]:
    folder = tmp_path_factory.mktemp("litellm")
    config = _write_config(folder)
    with running_litellm(config, folder, HEADERS_SEEN=str(folder / "headers.jsonl")) as (url, key):
        yield Proxy(url, key, folder / "headers.jsonl")


@pytest.fixture
def client(proxy: Proxy) -> Iterator[cc.Client]:
    with cc.Client(api_key=proxy.key, base_url=proxy.base_url, max_retries=0, timeout=20) as sdk:
        yield sdk


def _probe() -> tuple[str, dict[str, str]]:
    probe = uuid.uuid4().hex
    return probe, {"x-probe": probe}


# --- answers (need the omitted-nullable fix) ------------------------------------------------------------------------


def test_create_returns_a_typed_completion(client: cc.Client) -> None:
    from chat_completions_api.models import CreateChatCompletionResponse

    completion = client.chat.completions.create(model="gpt-4o-mini", messages=SAY)
    assert isinstance(completion, CreateChatCompletionResponse)
    assert completion.choices[0].message.content == ANSWER
    assert completion.choices[0].finish_reason == "stop"
    assert completion.object == "chat.completion"
    assert completion.usage
    assert completion.usage.total_tokens == completion.usage.prompt_tokens + completion.usage.completion_tokens
    assert completion._request_id is None  # LiteLLM sends x-litellm-call-id, no x-request-id


def test_tool_calls_are_typed(client: cc.Client) -> None:
    completion = client.chat.completions.create(model="tools", messages=SAY)
    from chat_completions_api.models import ChatCompletionMessageToolCall

    calls = completion.choices[0].message.tool_calls
    assert calls
    assert isinstance(calls[0], ChatCompletionMessageToolCall)
    assert calls[0].id == "call_1"
    assert calls[0].function.name == "get_weather"
    assert json.loads(calls[0].function.arguments) == {"city": "Paris"}


def test_stream_yields_typed_chunks_and_accumulates(client: cc.Client) -> None:
    from chat_completions_api.models import CreateChatCompletionStreamResponse

    accumulator = cc.ChatCompletionAccumulator()
    with client.chat.completions.create(
        model="gpt-4o-mini", messages=SAY, stream=True, stream_options={"include_usage": True}
    ) as stream:
        chunks = [accumulator.add(chunk) for chunk in stream]
    assert len(chunks) > 2
    assert all(isinstance(chunk, CreateChatCompletionStreamResponse) for chunk in chunks)
    assert len({chunk.id for chunk in chunks}) == 1
    final = accumulator.completion()
    assert final.choices[0].message.content == ANSWER
    assert final.choices[0].finish_reason == "stop"
    assert final.usage
    assert final.usage.total_tokens > 0


def test_leaving_a_stream_early_keeps_the_client_usable(client: cc.Client) -> None:
    with client.chat.completions.create(model="gpt-4o-mini", messages=SAY, stream=True) as stream:
        next(stream)
    again = client.chat.completions.create(model="gpt-4o-mini", messages=SAY)
    assert again.choices[0].message.content == ANSWER


def test_async_client_creates_and_streams(proxy: Proxy) -> None:
    async def main() -> tuple[str | None, str | None]:
        async with cc.AsyncClient(api_key=proxy.key, base_url=proxy.base_url, max_retries=0, timeout=20) as client:
            completion = await client.chat.completions.create(model="gpt-4o-mini", messages=SAY)
            accumulator = cc.ChatCompletionAccumulator()
            async with await client.chat.completions.create(model="gpt-4o-mini", messages=SAY, stream=True) as stream:
                async for chunk in stream:
                    accumulator.add(chunk)
            return completion.choices[0].message.content, accumulator.completion().choices[0].message.content

    assert asyncio.run(main()) == (ANSWER, ANSWER)


# --- what holds today ------------------------------------------------------------------------------------------------


def test_headers_we_send_reach_the_server(proxy: Proxy) -> None:
    probe, probe_header = _probe()
    client = cc.Client(
        api_key=proxy.key,
        base_url=proxy.base_url,
        organization="org-third-party",
        project="proj_third_party",
        default_headers={"x-default": "from-the-client"},
        max_retries=0,
    )
    # `too-long` answers 400, so this test needs no successful parse.
    with client, pytest.raises(cc.BadRequestError):
        client.chat.completions.create(model="too-long", messages=SAY, extra_headers=probe_header)
    [headers] = proxy.seen(probe)  # one request, and it passed LiteLLM's check of `Authorization: Bearer <key>`
    assert headers["openai-project"] == "proj_third_party"
    assert headers["openai-organization"] == "org-third-party"
    assert headers["x-default"] == "from-the-client"
    assert headers["user-agent"].startswith("chat-completions-python/")
    assert headers["content-type"] == "application/json"


def test_a_wrong_key_is_refused_before_the_server_handles_the_request(proxy: Proxy) -> None:
    probe, probe_header = _probe()
    client = cc.Client(api_key="sk-not-the-master-key", base_url=proxy.base_url, max_retries=2)
    # LiteLLM without a database answers any key but its master key with 400 `no_db_connection`, not 401.
    with client, pytest.raises(cc.BadRequestError) as caught:
        client.chat.completions.create(model="gpt-4o-mini", messages=SAY, extra_headers=probe_header)
    assert caught.value.type == "no_db_connection"
    assert "sk-not-the-master-key" not in str(caught.value)
    assert proxy.seen(probe) == []  # refused by auth: never reached the pre-call hook, and not retried


@pytest.mark.parametrize(
    ("model", "error", "status", "error_type"),
    [
        ("too-long", cc.BadRequestError, 400, "invalid_request_error"),
        ("no-such-model", cc.BadRequestError, 400, "invalid_request_error"),
        ("rate-limited", cc.RateLimitError, 429, "throttling_error"),
        ("broken", cc.InternalServerError, 500, "internal_server_error"),
        ("overloaded", cc.InternalServerError, 529, "internal_server_error"),
    ],
)
def test_error_statuses_become_typed_exceptions(
    client: cc.Client, model: str, error: type[cc.APIStatusError], status: int, error_type: str
) -> None:
    with pytest.raises(error) as caught:
        client.chat.completions.create(model=model, messages=SAY)
    exc = caught.value
    assert type(exc) is error
    assert exc.status_code == status
    assert exc.type == error_type
    assert exc.code == str(status)
    assert exc.message
    assert isinstance(exc.body, dict)
    assert exc.body["error"]["message"] == exc.message
    assert exc.request_id is None  # LiteLLM sends no x-request-id ...
    assert exc.headers.get("x-litellm-call-id")  # ... but the response headers are all there


def test_routes_litellm_lacks_become_typed_exceptions(client: cc.Client) -> None:
    with pytest.raises(cc.NotFoundError) as caught:
        client.chat.completions.retrieve("chatcmpl-unknown")
    assert caught.value.status_code == 404
    assert "Not Found" in caught.value.message  # from FastAPI's {"detail": "Not Found"}: no OpenAI `error` object
    assert caught.value.body == {"detail": "Not Found"}
    with pytest.raises(cc.APIStatusError) as listed:
        list(client.chat.completions.list())
    assert type(listed.value) is cc.APIStatusError
    assert listed.value.status_code == 405


@pytest.mark.parametrize(
    ("model", "max_retries", "attempts"), [("rate-limited", 2, 3), ("broken", 1, 2), ("too-long", 2, 1)]
)
def test_the_server_sees_each_retry(proxy: Proxy, model: str, max_retries: int, attempts: int) -> None:
    probe, probe_header = _probe()
    client = cc.Client(api_key=proxy.key, base_url=proxy.base_url, max_retries=max_retries)
    with client, pytest.raises(cc.APIStatusError):
        client.chat.completions.create(model=model, messages=SAY, extra_headers=probe_header)
    assert len(proxy.seen(probe)) == attempts


def test_a_slow_answer_times_out_promptly(client: cc.Client) -> None:
    started = time.monotonic()
    with pytest.raises(cc.APITimeoutError):
        client.with_options(timeout=1.0).chat.completions.create(model="slow", messages=SAY)
    assert time.monotonic() - started < SLOW_DELAY - 0.5


def test_async_client_errors_retries_and_timeouts(proxy: Proxy) -> None:
    probe, probe_header = _probe()

    async def main() -> None:
        async with cc.AsyncClient(api_key=proxy.key, base_url=proxy.base_url, max_retries=1, timeout=20) as client:
            with pytest.raises(cc.RateLimitError) as caught:
                await client.chat.completions.create(model="rate-limited", messages=SAY, extra_headers=probe_header)
            assert caught.value.status_code == 429
            with pytest.raises(cc.BadRequestError):
                await client.chat.completions.create(model="no-such-model", messages=SAY)
            with pytest.raises(cc.NotFoundError):
                await client.chat.completions.retrieve("chatcmpl-unknown")
            started = time.monotonic()
            with pytest.raises(cc.APITimeoutError):
                await client.with_options(timeout=1.0, max_retries=0).chat.completions.create(
                    model="slow", messages=SAY
                )
            assert time.monotonic() - started < SLOW_DELAY - 0.5

    asyncio.run(main())
    assert len(proxy.seen(probe)) == 2


# --- the contract suite against it ----------------------------------------------------------------------------------


def test_contract_suite_reports_on_litellm(proxy: Proxy, tmp_path: Path) -> None:
    # The contract tool as a user runs it against a third-party server. LiteLLM stores no completions: that group
    # reads "not supported" in one line (and the stateful run is skipped), whatever else deviates is listed.
    result = subprocess.run(
        [sys.executable, "-m", "chat_completions_contract", "--base-url", proxy.base_url, "--examples", "5",
         "--report-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=240, check=False, cwd=ROOT,
        env={**os.environ, "OPENAI_API_KEY": proxy.key},
    )  # fmt: skip
    out = result.stdout
    assert result.returncode in (0, 1), out[-4000:] + result.stderr[-2000:]  # 1: deviations found, as expected here
    assert "(external server)" in out
    assert re.search(r"requests sent: [1-9]", out)
    assert re.search(r"^verdict: (pass|fail)\b", out, re.M)
    assert {path.name for path in tmp_path.iterdir()} == {"report.json", "report.md", "junit.xml"}
    # The per-group verdict and each deviation with its request: for whoever runs this with -s or -rA.
    print("\n" + out)


# --- recorded through the mock, replayed: read as the live answer -----------------------------------------------------

#: (model, streamed): plain and streamed answers, tool calls plain and streamed, and two errors.
RECORDED_CALLS = [("gpt-4o-mini", False), ("gpt-4o-mini", True), ("tools", False), ("tools", True), ("too-long", False), ("rate-limited", False)]  # fmt: skip


def _read_openai(base_url: str, key: str) -> list[Any]:
    """Each recorded call as `openai` reads it, sync then async: the parsed answer, every chunk, or the error."""
    import openai

    def shown(error: openai.APIStatusError) -> tuple[Any, ...]:
        return type(error).__name__, error.status_code, error.body

    out: list[Any] = []
    client = openai.OpenAI(api_key=key, base_url=base_url, max_retries=0)
    for model, streamed in RECORDED_CALLS:
        try:
            answer = client.chat.completions.create(model=model, messages=SAY, stream=streamed)  # type: ignore[call-overload]
            out.append([c.model_dump() for c in answer] if streamed else answer.model_dump())
        except openai.APIStatusError as error:
            out.append(shown(error))

    async def read_async() -> None:
        async with openai.AsyncOpenAI(api_key=key, base_url=base_url, max_retries=0) as aclient:
            for model, streamed in RECORDED_CALLS:
                try:
                    answer = await aclient.chat.completions.create(model=model, messages=SAY, stream=streamed)  # type: ignore[call-overload]
                    out.append([c.model_dump() async for c in answer] if streamed else answer.model_dump())
                except openai.APIStatusError as error:
                    out.append(shown(error))

    asyncio.run(read_async())
    return out


def _read_ours(base_url: str, key: str) -> list[Any]:
    """Each recorded call as this SDK reads it, sync then async."""

    def shown(error: cc.APIStatusError) -> tuple[Any, ...]:
        return type(error).__name__, error.status_code, error.body

    out: list[Any] = []
    with cc.Client(api_key=key, base_url=base_url, max_retries=0) as client:
        for model, streamed in RECORDED_CALLS:
            try:
                answer = client.chat.completions.create(model=model, messages=SAY, stream=streamed)
                out.append([c.to_dict() for c in answer] if streamed else answer.to_dict())
            except cc.APIStatusError as error:
                out.append(shown(error))

    async def read_async() -> None:
        async with cc.AsyncClient(api_key=key, base_url=base_url, max_retries=0) as aclient:
            for model, streamed in RECORDED_CALLS:
                try:
                    answer = await aclient.chat.completions.create(model=model, messages=SAY, stream=streamed)
                    out.append([c.to_dict() async for c in answer] if streamed else answer.to_dict())
                except cc.APIStatusError as error:
                    out.append(shown(error))

    asyncio.run(read_async())
    return out


def test_recorded_through_the_mock_replays_as_read_live(proxy: Proxy, tmp_path: Path) -> None:
    from chat_completions_mock import MockServer, load_directory

    with MockServer(record_to=tmp_path, upstream=proxy.base_url, upstream_key_env="") as recorder:
        live = {"openai": _read_openai(recorder.base_url, proxy.key), "ours": _read_ours(recorder.base_url, proxy.key)}
    assert len(load_directory(tmp_path)) == 4 * len(RECORDED_CALLS)
    assert proxy.key.encode() not in b"".join(p.read_bytes() for p in tmp_path.glob("*.yaml"))
    with MockServer(replay=tmp_path) as replay:
        replayed = {
            "openai": _read_openai(replay.base_url, "sk-other"),
            "ours": _read_ours(replay.base_url, "sk-other"),
        }
        assert {r.served_by for r in replay.requests} == {"replay"}
    assert replayed == live
    plain, stream, tools, tools_stream, too_long, limited = live["openai"][: len(RECORDED_CALLS)]
    assert plain["choices"][0]["message"]["content"] == ANSWER
    assert plain["usage"]["total_tokens"] > 0
    assert "".join(c["choices"][0]["delta"]["content"] or "" for c in stream if c["choices"]) == ANSWER
    assert tools["choices"][0]["message"]["tool_calls"][0]["function"]["name"] == "get_weather"
    assert tools_stream[-1]["choices"][0]["finish_reason"] == "stop"  # LiteLLM streams it without its calls
    assert (too_long[0], too_long[1], limited[1]) == ("BadRequestError", 400, 429)
    assert live["ours"][0]["choices"][0]["message"]["content"] == ANSWER
