"""`with_streaming_response`: headers first, the body read only on demand, closed on exit; every method, sync and
async; names as openai's `APIResponse` / `AsyncAPIResponse`."""

from __future__ import annotations

import json
import socket
import threading
import uuid
from collections.abc import AsyncIterator, Iterator

import chat_completions as cc
import openai
import pytest
from chat_completions_mock import MockServer
from loopback import LoopbackServer
from sdk_support import API_KEY, SEED_REQUEST, ScriptedServer, completion, ok

SEED = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Say this is a test!"}]}


def public(obj: object) -> set[str]:
    return {name for name in dir(obj) if not name.startswith("_")}


@pytest.fixture
def mock_client(chat_completions_mock: MockServer) -> Iterator[cc.Client]:
    with cc.Client(api_key=API_KEY, base_url=chat_completions_mock.base_url, timeout=10.0) as client:
        yield client


@pytest.fixture
async def mock_aclient(chat_completions_mock: MockServer) -> AsyncIterator[cc.AsyncClient]:
    async with cc.AsyncClient(api_key=API_KEY, base_url=chat_completions_mock.base_url, timeout=10.0) as client:
        yield client


class GatedServer:
    """Sends the status line and headers at once, the body only once `release` is set (or after 5 s)."""

    BODY = json.dumps(completion("gated")).encode()

    def __init__(self) -> None:
        self.release = threading.Event()
        self.server = LoopbackServer(self._handle)

    def _handle(self, conn: socket.socket) -> None:
        conn.recv(65536)
        head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nx-request-id: req_gated\r\n"
        conn.sendall(f"{head}content-length: {len(self.BODY)}\r\n\r\n".encode())
        self.release.wait(5)
        conn.sendall(self.BODY)
        conn.close()


def test_headers_come_first_and_the_body_only_when_asked() -> None:
    gated = GatedServer()
    try:
        with cc.Client(api_key=API_KEY, base_url=gated.server.base_url, timeout=3.0, max_retries=0) as client:
            with client.chat.completions.with_streaming_response.create(**SEED_REQUEST) as response:
                # the server holds the body back: had the block read it, it would have timed out by now
                assert isinstance(response, cc.APIResponse)
                assert response.status_code == 200
                assert response.request_id == response.headers["x-request-id"] == "req_gated"
                assert not response.is_closed
                gated.release.set()
                assert response.parse().choices[0].message.content == "gated"
                assert response.read() == GatedServer.BODY
                assert response.json() == json.loads(GatedServer.BODY)
            assert response.is_closed
    finally:
        gated.release.set()
        gated.server.close()


def test_the_request_sent_is_the_plain_methods(server: ScriptedServer, client: cc.Client) -> None:
    server.add(ok(), ok())
    client.chat.completions.create(**SEED_REQUEST, extra_headers={"X-A": "1"}, extra_body={"x": 1})
    with client.chat.completions.with_streaming_response.create(
        **SEED_REQUEST, extra_headers={"X-A": "1"}, extra_body={"x": 1}
    ) as response:
        assert response.parse().id == "chatcmpl-abc123"
    plain, streamed = server.requests
    assert streamed.json() == plain.json() == {**SEED_REQUEST, "x": 1}
    assert streamed.headers == plain.headers
    assert streamed.path == plain.path


def test_an_unread_body_is_closed_on_exit_and_nothing_is_sent_before_entry(
    server: ScriptedServer, client: cc.Client
) -> None:
    server.add(ok())
    manager = client.chat.completions.with_streaming_response.create(**SEED_REQUEST)
    assert server.requests == []  # sent on entry, as openai's
    with manager as response:
        pass
    assert response.is_closed
    server.add(ok())
    assert client.chat.completions.create(**SEED_REQUEST).id  # the client goes on


def test_a_stream_read_as_lines_then_as_chunks(mock_client: cc.Client) -> None:
    api = mock_client.chat.completions.with_streaming_response
    with api.create(**SEED, stream=True) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        lines = [line for line in response.iter_lines() if line]
    assert response.is_closed
    assert lines[-1] == "data: [DONE]"
    assert all(line.startswith("data: ") for line in lines)
    with api.create(**SEED, stream=True) as response:
        stream = response.parse()
        assert isinstance(stream, cc.Stream)
        text = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
    assert text.strip() == "This is a test!"
    with api.create(**SEED) as response:
        assert b"".join(response.iter_bytes())
        assert response.is_closed
    with api.create(**SEED) as response:
        assert json.loads("".join(response.iter_text()))["object"] == "chat.completion"


def test_every_stored_completion_method(mock_client: cc.Client) -> None:
    api = mock_client.chat.completions.with_streaming_response
    tag = uuid.uuid4().hex
    ids = [mock_client.chat.completions.create(**SEED, store=True, metadata={"t": tag}).id for _ in range(3)]
    with api.retrieve(ids[0]) as response:
        assert response.method == "GET"
        assert response.parse().id == ids[0]
    with api.update(ids[0], metadata={"t": tag, "k": "v"}) as response:
        assert response.parse().metadata.to_dict() == {"t": tag, "k": "v"}
    with api.list(metadata={"t": tag}, limit=2, order="asc") as response:
        assert response.http_request.url.params["limit"] == "2"
        assert [c.id for c in response.parse()] == ids  # the next pages fetched as iteration needs them
    with mock_client.chat.completions.messages.with_streaming_response.list(ids[1]) as response:
        assert [m.content for m in response.parse()] == ["Say this is a test!"]
    with api.messages.list(ids[1], limit=1) as response:
        assert [m.content for m in response.parse()] == ["Say this is a test!"]
    with api.delete(ids[2]) as response:
        assert response.method == "DELETE"
        assert response.parse().deleted is True
    with pytest.raises(cc.NotFoundError), api.retrieve(ids[2]):
        pass


@pytest.mark.anyio
async def test_async_every_method(mock_aclient: cc.AsyncClient) -> None:
    api = mock_aclient.chat.completions.with_streaming_response
    async with api.create(**SEED) as response:
        assert isinstance(response, cc.AsyncAPIResponse)
        assert response.headers["openai-processing-ms"]
        assert not response.is_closed
        parsed = await response.parse()
        assert parsed.choices[0].message.content.strip() == "This is a test!"
        assert (await response.json())["id"] == parsed.id  # type: ignore[index]
    assert response.is_closed
    async with api.create(**SEED, stream=True) as response:
        lines = [line async for line in response.iter_lines() if line]
    assert lines[-1] == "data: [DONE]"
    async with api.create(**SEED, stream=True) as response:
        stream = await response.parse()
        assert isinstance(stream, cc.AsyncStream)
        text = "".join([c.choices[0].delta.content or "" async for c in stream if c.choices])
    assert text.strip() == "This is a test!"
    async with api.create(**SEED) as response:
        assert b"".join([piece async for piece in response.iter_bytes()])
    async with api.create(**SEED) as response:
        assert "chat.completion" in "".join([piece async for piece in response.iter_text()])
    async with api.create(**SEED) as response:
        assert (await response.text()) == (await response.read()).decode()

    tag = uuid.uuid4().hex
    ids = [(await mock_aclient.chat.completions.create(**SEED, store=True, metadata={"t": tag})).id for _ in range(3)]
    async with api.retrieve(ids[0]) as response:
        assert (await response.parse()).id == ids[0]
    async with api.update(ids[0], metadata={"t": tag, "x": "y"}) as response:
        assert (await response.parse()).metadata.to_dict()["x"] == "y"
    async with api.list(metadata={"t": tag}, limit=2) as response:
        assert [c.id async for c in await response.parse()] == ids
    async with mock_aclient.chat.completions.messages.with_streaming_response.list(ids[1]) as response:
        assert [m.content async for m in await response.parse()] == ["Say this is a test!"]
    async with api.delete(ids[2]) as response:
        assert (await response.parse()).deleted is True
    with pytest.raises(cc.NotFoundError):
        async with api.retrieve(ids[2]):
            pass


def test_names_are_the_official_sdks() -> None:
    """What users call on openai's `APIResponse` / `AsyncAPIResponse` and its streaming resources, ours has."""
    called = {"headers", "status_code", "http_request", "url", "method", "http_version", "elapsed", "is_closed"}
    called |= {"request_id", "retries_taken", "parse", "read", "text", "json", "close"}
    called |= {"iter_bytes", "iter_text", "iter_lines"}
    for ours, theirs in ((cc.APIResponse, openai.APIResponse), (cc.AsyncAPIResponse, openai.AsyncAPIResponse)):
        mine = public(ours) | set(ours.__annotations__) | set(cc._raw.BaseAPIResponse.__annotations__)
        official = public(theirs) | set(theirs.__annotations__) | set(openai._response.BaseAPIResponse.__annotations__)
        assert called <= mine, called - mine
        assert mine - {"aclose"} <= official, mine - official  # aclose: this SDK's async spelling of close
    official_client = openai.OpenAI(api_key="sk-x", base_url="http://127.0.0.1:9/v1")
    client = cc.Client(api_key="sk-x", base_url="http://127.0.0.1:9/v1")
    try:
        for path in ("chat.completions.with_streaming_response", "chat.completions.with_streaming_response.messages"):
            mine_api, their_api = client, official_client
            for part in path.split("."):
                mine_api, their_api = getattr(mine_api, part), getattr(their_api, part)
            assert public(mine_api) <= public(their_api), (path, public(mine_api) - public(their_api))
        methods = public(client.chat.completions.with_streaming_response) - {"messages"}
        assert methods == {"create", "parse", "retrieve", "update", "delete", "list"}
        assert "with_streaming_response" in public(client.chat.completions.messages)
    finally:
        official_client.close()
        client.close()
