"""AsyncClient parity: the same behaviour as Client, awaited."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import anyio
import chat_completions as cc
import httpx
import pytest
from chat_completions_api.models.create_chat_completion_response import CreateChatCompletionResponse
from chat_completions_api.models.create_chat_completion_stream_response import CreateChatCompletionStreamResponse
from sdk_support import API_KEY, SEED_REQUEST, Reply, ScriptedServer, chunk, completion, ok, stream_reply

pytestmark = pytest.mark.anyio

HELLO = [
    chunk({"role": "assistant", "content": ""}),
    chunk({"content": "Hel"}),
    chunk({"content": "lo"}),
    chunk({}, "stop"),
]


@pytest.fixture
async def aclient(server: ScriptedServer) -> AsyncIterator[cc.AsyncClient]:
    async with cc.AsyncClient(api_key=API_KEY, base_url=server.url, project="proj_1", timeout=5.0) as client:
        yield client


async def test_create_headers_body_and_request_id(aclient: cc.AsyncClient, server: ScriptedServer) -> None:
    server.add(ok(request_id="req_async"))
    result = await aclient.chat.completions.create(**SEED_REQUEST)
    assert isinstance(result, CreateChatCompletionResponse)
    assert result._request_id == "req_async"
    seen = server.requests[0]
    assert seen.json() == SEED_REQUEST
    assert seen.headers["authorization"] == f"Bearer {API_KEY}"
    assert seen.headers["openai-project"] == "proj_1"


async def test_status_errors_and_retries(aclient: cc.AsyncClient, server: ScriptedServer, sleeps: list[float]) -> None:
    server.add(Reply(429, b"", {"retry-after-ms": "10"}), Reply(500, b""), ok())
    assert (await aclient.chat.completions.create(**SEED_REQUEST)).id == "chatcmpl-abc123"
    assert sleeps[0] == pytest.approx(0.01)
    assert len(sleeps) == 2
    server.add(Reply(404, {"error": {"message": "missing", "code": "nf"}}, {"x-request-id": "r404"}))
    with pytest.raises(cc.NotFoundError) as info:
        await aclient.chat.completions.retrieve("nope")
    assert info.value.code == "nf"
    assert info.value.request_id == "r404"


async def test_validation_error(aclient: cc.AsyncClient, server: ScriptedServer) -> None:
    server.add(Reply(200, "<html></html>", {"content-type": "text/html"}))
    with pytest.raises(cc.APIResponseValidationError):
        await aclient.chat.completions.create(**SEED_REQUEST)


async def test_connection_error_then_success(aclient: cc.AsyncClient, server: ScriptedServer) -> None:
    server.add(Reply(drop=True), ok())
    assert (await aclient.chat.completions.create(**SEED_REQUEST)).id == "chatcmpl-abc123"
    server.add(*[Reply(drop=True) for _ in range(3)])
    with pytest.raises(cc.APIConnectionError):
        await aclient.chat.completions.create(**SEED_REQUEST)


async def test_timeout(server: ScriptedServer) -> None:
    server.add(Reply(delay=2.0))
    async with cc.AsyncClient(api_key=API_KEY, base_url=server.url, timeout=0.2, max_retries=0) as client:
        start = time.monotonic()
        with pytest.raises(cc.APITimeoutError):
            await client.chat.completions.create(**SEED_REQUEST)
        assert time.monotonic() - start < 1.5


async def test_stream_happy_path(aclient: cc.AsyncClient, server: ScriptedServer) -> None:
    server.add(stream_reply(*HELLO))
    stream = await aclient.chat.completions.create(**SEED_REQUEST, stream=True)
    assert isinstance(stream, cc.AsyncStream)
    chunks = [c async for c in stream]
    assert all(isinstance(c, CreateChatCompletionStreamResponse) for c in chunks)
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == "Hello"  # type: ignore[misc]
    assert stream.response.is_closed
    acc = cc.ChatCompletionAccumulator()
    for c in chunks:
        acc.add(c)
    assert acc.completion().choices[0].message.content == "Hello"


async def test_stream_error_event_and_truncation(aclient: cc.AsyncClient, server: ScriptedServer) -> None:
    server.add(stream_reply(chunk({"content": "a"}), {"error": {"message": "mid-way failure"}}))
    stream = await aclient.chat.completions.create(**SEED_REQUEST, stream=True)
    with pytest.raises(cc.APIError, match="mid-way failure"):
        async for _ in stream:
            pass
    server.add(stream_reply(*HELLO[:2], done=False))
    stream = await aclient.chat.completions.create(**SEED_REQUEST, stream=True)
    with pytest.raises(cc.APIConnectionError, match="DONE"):
        async for _ in stream:
            pass
    server.add(stream_reply(*HELLO[:2], done=False, truncate=True))
    stream = await aclient.chat.completions.create(**SEED_REQUEST, stream=True)
    with pytest.raises(cc.APIConnectionError):
        async for _ in stream:
            pass


async def test_stream_early_close(aclient: cc.AsyncClient, server: ScriptedServer) -> None:
    server.add(stream_reply(*[chunk({"content": "x"}) for _ in range(2000)], chunk_delay=0.001))
    async with await aclient.chat.completions.create(**SEED_REQUEST, stream=True) as stream:
        assert (await stream.__anext__()).choices[0].delta.content == "x"
    assert stream.response.is_closed
    with anyio.fail_after(5):
        while not server.aborted.is_set():
            await anyio.sleep(0.01)
    server.add(ok())
    assert (await aclient.chat.completions.create(**SEED_REQUEST)).id == "chatcmpl-abc123"


async def test_stream_wrong_content_type_and_retry_before_first_byte(
    aclient: cc.AsyncClient, server: ScriptedServer, sleeps: list[float]
) -> None:
    server.add(ok())
    with pytest.raises(cc.APIResponseValidationError, match="event-stream"):
        await aclient.chat.completions.create(**SEED_REQUEST, stream=True)
    server.add(Reply(502, b""), stream_reply(*HELLO))
    stream = await aclient.chat.completions.create(**SEED_REQUEST, stream=True)
    assert len([c async for c in stream]) == 4
    assert len(sleeps) == 1


async def test_pagination_and_crud(aclient: cc.AsyncClient, server: ScriptedServer) -> None:
    page1 = {"object": "list", "data": [completion(id="a")], "first_id": "a", "last_id": "a", "has_more": True}
    page2 = {"object": "list", "data": [completion(id="b")], "first_id": "b", "last_id": "b", "has_more": False}
    deleted = {"object": "chat.completion.deleted", "id": "a", "deleted": True}
    msgs = {"object": "list", "data": [{"id": "m", "role": "assistant", "content": "x", "refusal": None}]}
    server.add(
        ok(page1), ok(page2), ok(), ok(), ok(deleted), ok({**msgs, "first_id": "m", "last_id": "m", "has_more": False})
    )
    assert [c.id async for c in aclient.chat.completions.list(limit=1)] == ["a", "b"]
    assert "after=a" in server.requests[1].path
    await aclient.chat.completions.retrieve("a")
    await aclient.chat.completions.update("a", metadata={"k": "v"})
    assert (await aclient.chat.completions.delete("a")).deleted is True
    assert [m.id async for m in aclient.chat.completions.messages.list("a")] == ["m"]
    assert [r.method for r in server.requests] == ["GET", "GET", "GET", "POST", "DELETE", "GET"]


async def test_with_options_extra_body_and_mock_requester() -> None:
    seen: list[httpx.Request] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=completion())

    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    client = cc.AsyncClient(api_key=API_KEY, base_url="https://x.test/v1", http_client=http)
    await client.with_options(extra_headers={"X-A": "1"}).chat.completions.create(
        **SEED_REQUEST, extra_body={"seed": 7}
    )
    await client.close()
    assert seen[0].headers["x-a"] == "1"
    assert (
        seen[0].read()
        == b'{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say this is a test!"}],"temperature":0.7,"seed":7}'
    )
    assert not http.is_closed
    await http.aclose()


async def test_concurrent_creates_share_one_pool(server: ScriptedServer) -> None:
    server.handler = lambda seen: ok()
    async with cc.AsyncClient(api_key=API_KEY, base_url=server.url) as client:
        results: list[str] = []

        async def one() -> None:
            results.append((await client.chat.completions.create(**SEED_REQUEST)).id)

        async with anyio.create_task_group() as tg:
            for _ in range(40):
                tg.start_soon(one)
        http = client._requester().http
    assert results == ["chatcmpl-abc123"] * 40
    assert http.is_closed


async def test_list_stops_when_the_cursors_loop(aclient: cc.AsyncClient, server: ScriptedServer) -> None:
    def page(i: str) -> dict[str, object]:
        return {"object": "list", "data": [completion(id=i)], "first_id": i, "last_id": i, "has_more": True}

    server.add(ok(page("A")), ok(page("B")), ok(page("A")), ok(page("B")))
    assert [c.id async for c in aclient.chat.completions.list()] == ["A", "B", "A"]
    assert len(server.requests) == 3


async def test_aclose_stops_requests_through_a_passed_http_client() -> None:
    http = httpx.AsyncClient(transport=httpx.MockTransport(lambda request: httpx.Response(200, json=completion())))
    client = cc.AsyncClient(api_key=API_KEY, base_url="https://x.test/v1", http_client=http)
    await client.chat.completions.create(**SEED_REQUEST)
    await client.aclose()
    with pytest.raises(RuntimeError, match="closed"):
        await client.chat.completions.create(**SEED_REQUEST)
    assert not http.is_closed
    await http.aclose()
