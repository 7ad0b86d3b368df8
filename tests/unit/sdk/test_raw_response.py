"""`with_raw_response`: every method, sync and async, streams and pages, against the bundled mock; names as openai's."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import AsyncIterator, Iterator

import chat_completions as cc
import httpx
import openai
import pytest
from chat_completions_api.models.chat_completion_deleted import ChatCompletionDeleted
from chat_completions_api.models.create_chat_completion_response import CreateChatCompletionResponse
from chat_completions_mock import MockServer
from sdk_support import API_KEY, SEED_REQUEST, Reply, ScriptedServer, ok

SEED = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Say this is a test!"}]}
RATE_LIMIT_HEADERS = ("x-ratelimit-remaining-requests", "x-ratelimit-limit-tokens", "openai-processing-ms")


@pytest.fixture
def mock_client(chat_completions_mock: MockServer) -> Iterator[cc.Client]:
    with cc.Client(api_key=API_KEY, base_url=chat_completions_mock.base_url, timeout=10.0) as client:
        yield client


@pytest.fixture
async def mock_aclient(chat_completions_mock: MockServer) -> AsyncIterator[cc.AsyncClient]:
    async with cc.AsyncClient(api_key=API_KEY, base_url=chat_completions_mock.base_url, timeout=10.0) as client:
        yield client


def public(obj: object) -> set[str]:
    return {name for name in dir(obj) if not name.startswith("_")}


def test_create_raw_gives_the_http_facts_and_parses_to_the_completion(mock_client: cc.Client) -> None:
    raw = mock_client.chat.completions.with_raw_response.create(**SEED, temperature=0.7)
    assert isinstance(raw, cc.LegacyAPIResponse)
    assert raw.status_code == 200
    for name in RATE_LIMIT_HEADERS:  # the headers users read from it
        assert raw.headers.get(name), name
    assert raw.headers["X-RateLimit-Remaining-Requests"] == raw.headers["x-ratelimit-remaining-requests"]
    assert raw.request_id == raw.headers["x-request-id"]
    assert raw.request_id
    assert raw.http_request.method == raw.method == "POST"
    assert raw.http_request.headers["authorization"] == f"Bearer {API_KEY}"
    assert str(raw.url) == f"{mock_client._config.base_url}/chat/completions"
    assert raw.http_version == "HTTP/1.1"
    assert raw.is_closed
    assert isinstance(raw.elapsed, datetime.timedelta)
    assert raw.retries_taken == 0
    assert raw.http_response.json()["id"] == raw.parse().id
    assert raw.content == raw.http_response.content
    assert raw.text == raw.content.decode()
    completion = raw.parse()
    assert isinstance(completion, CreateChatCompletionResponse)
    assert completion._request_id == raw.request_id
    assert completion.choices[0].message.content == raw.http_response.json()["choices"][0]["message"]["content"]
    assert completion.choices[0].message.content.strip() == "This is a test!"
    assert raw.parse() is completion  # parsed once
    assert "200" in repr(raw)
    assert API_KEY not in repr(raw)


def test_the_request_sent_is_the_plain_methods(server: ScriptedServer, client: cc.Client) -> None:
    server.add(ok(), ok())
    client.chat.completions.create(**SEED_REQUEST, extra_headers={"X-A": "1"}, extra_body={"x": 1}, timeout=3.0)
    client.chat.completions.with_raw_response.create(
        **SEED_REQUEST, extra_headers={"X-A": "1"}, extra_body={"x": 1}, timeout=3.0
    )
    plain, raw = server.requests
    assert raw.json() == plain.json() == {**SEED_REQUEST, "x": 1}
    assert raw.headers == plain.headers
    assert raw.path == plain.path


def test_a_request_model_and_overrides_work_raw(server: ScriptedServer, client: cc.Client) -> None:
    server.add(ok())
    raw = client.chat.completions.with_raw_response.create(SEED_REQUEST, temperature=0.1)
    assert raw.parse().id == "chatcmpl-abc123"
    assert server.requests[0].json() == {**SEED_REQUEST, "temperature": 0.1}


def test_stream_raw_leaves_the_body_to_the_stream(mock_client: cc.Client) -> None:
    raw = mock_client.chat.completions.with_raw_response.create(**SEED, stream=True)
    assert raw.status_code == 200
    assert raw.headers["content-type"].startswith("text/event-stream")
    assert raw.request_id == raw.headers["x-request-id"]
    assert not raw.is_closed  # nothing read yet
    with pytest.raises(httpx.ResponseNotRead):
        _ = raw.content
    stream = raw.parse()
    assert isinstance(stream, cc.Stream)
    assert raw.parse() is stream
    with stream:
        text = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
    assert text.strip() == "This is a test!"
    assert raw.is_closed
    assert isinstance(raw.elapsed, datetime.timedelta)


def test_stored_completion_methods_raw(mock_client: cc.Client) -> None:
    raw_api = mock_client.chat.completions.with_raw_response
    tag = uuid.uuid4().hex
    ids = [mock_client.chat.completions.create(**SEED, store=True, metadata={"t": tag}).id for _ in range(3)]

    retrieved = raw_api.retrieve(ids[0])
    assert retrieved.status_code == 200
    assert retrieved.http_request.method == "GET"
    assert retrieved.parse().id == ids[0]

    updated = raw_api.update(ids[0], metadata={"t": tag, "k": "v"})
    assert updated.http_request.method == "POST"
    assert updated.parse().metadata.to_dict() == {"t": tag, "k": "v"}

    # list: the answer is the first page's; parse() goes on to the next pages as iteration needs them
    listed = raw_api.list(metadata={"t": tag}, limit=2, order="asc")
    assert listed.status_code == 200
    assert listed.http_request.url.params["limit"] == "2"
    assert listed.http_response.json()["has_more"] is True
    assert [c.id for c in listed.parse()] == ids
    assert [c.id for c in mock_client.chat.completions.list(metadata={"t": tag}, limit=2)] == ids  # the same

    assert [m.content for m in mock_client.chat.completions.messages.with_raw_response.list(ids[1]).parse()] == [
        "Say this is a test!"
    ]
    messages = raw_api.messages.list(ids[1], limit=1)
    assert messages.status_code == 200
    assert str(messages.url).startswith(f"{mock_client._config.base_url}/chat/completions/{ids[1]}/messages")
    assert [m.content for m in messages.parse()] == ["Say this is a test!"]

    deleted = raw_api.delete(ids[2])
    assert deleted.http_request.method == "DELETE"
    result = deleted.parse()
    assert isinstance(result, ChatCompletionDeleted)
    assert result.deleted is True
    assert result._request_id == deleted.request_id


def test_errors_raise_as_from_the_plain_method(mock_client: cc.Client, chat_completions_mock: MockServer) -> None:
    with pytest.raises(cc.NotFoundError):
        mock_client.chat.completions.with_raw_response.retrieve("chatcmpl-missing")
    with pytest.raises(cc.BadRequestError):
        mock_client.chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=[])
    with pytest.raises(TypeError, match="unexpected keyword argument 'ordre'"):
        mock_client.chat.completions.with_raw_response.list(ordre="asc")  # type: ignore[call-arg]


def test_retries_taken_counts_the_retries(server: ScriptedServer, client: cc.Client) -> None:
    server.add(Reply(503, b""), Reply(500, b""), ok(request_id="req_3"))
    raw = client.chat.completions.with_raw_response.create(**SEED_REQUEST)
    assert raw.retries_taken == 2
    assert raw.request_id == "req_3"
    assert raw.parse()._request_id == "req_3"
    server.add(ok())
    assert client.chat.completions.with_raw_response.create(**SEED_REQUEST).retries_taken == 0


def test_a_stream_with_a_wrong_content_type_raises_at_the_call(server: ScriptedServer, client: cc.Client) -> None:
    server.add(Reply(200, "<html></html>", {"content-type": "text/html"}))
    with pytest.raises(cc.APIResponseValidationError):
        client.chat.completions.with_raw_response.create(**SEED_REQUEST, stream=True)


@pytest.mark.anyio
async def test_async_raw_every_method(mock_aclient: cc.AsyncClient) -> None:
    raw_api = mock_aclient.chat.completions.with_raw_response
    raw = await raw_api.create(**SEED)
    assert raw.status_code == 200
    assert raw.headers["openai-processing-ms"]
    completion = raw.parse()
    assert completion.choices[0].message.content.strip() == "This is a test!"
    assert completion._request_id == raw.request_id

    streamed = await raw_api.create(**SEED, stream=True)
    assert streamed.headers["content-type"].startswith("text/event-stream")
    stream = streamed.parse()
    assert isinstance(stream, cc.AsyncStream)
    async with stream:
        text = "".join([c.choices[0].delta.content or "" async for c in stream if c.choices])
    assert text.strip() == "This is a test!"

    tag = uuid.uuid4().hex
    ids = [(await mock_aclient.chat.completions.create(**SEED, store=True, metadata={"t": tag})).id for _ in range(3)]
    assert (await raw_api.retrieve(ids[0])).parse().id == ids[0]
    assert (await raw_api.update(ids[0], metadata={"t": tag, "x": "y"})).parse().metadata.to_dict()["x"] == "y"
    listed = await raw_api.list(metadata={"t": tag}, limit=2)
    assert listed.http_response.json()["has_more"] is True
    assert [c.id async for c in listed.parse()] == ids
    via_messages = await mock_aclient.chat.completions.messages.with_raw_response.list(ids[1])
    assert [m.content async for m in via_messages.parse()] == ["Say this is a test!"]
    messages = await raw_api.messages.list(ids[1])
    assert [m.content async for m in messages.parse()] == ["Say this is a test!"]
    deleted = await raw_api.delete(ids[2])
    assert deleted.parse().deleted is True
    with pytest.raises(cc.NotFoundError):
        await raw_api.retrieve(ids[2])


@pytest.mark.anyio
async def test_async_retries_taken(server: ScriptedServer) -> None:
    server.add(Reply(429, b""), ok())
    async with cc.AsyncClient(api_key=API_KEY, base_url=server.url, timeout=5.0) as aclient:
        raw = await aclient.chat.completions.with_raw_response.create(**SEED_REQUEST)
    assert raw.retries_taken == 1


def test_names_are_the_official_sdks() -> None:
    """What our raw response offers, openai's `LegacyAPIResponse` offers too, under the same names."""
    ours = public(cc.LegacyAPIResponse) | set(cc.LegacyAPIResponse.__annotations__)
    theirs = public(openai._legacy_response.LegacyAPIResponse) | set(
        openai._legacy_response.LegacyAPIResponse.__annotations__
    )
    assert ours <= theirs, ours - theirs
    expected = {"headers", "status_code", "http_request", "url", "elapsed", "request_id", "retries_taken", "parse"}
    assert expected <= ours
    official = openai.OpenAI(api_key="sk-x", base_url="http://127.0.0.1:9/v1")
    client = cc.Client(api_key="sk-x", base_url="http://127.0.0.1:9/v1")
    try:
        for path in ("chat.completions.with_raw_response", "chat.completions.with_raw_response.messages"):
            mine, their = client, official
            for part in path.split("."):
                mine, their = getattr(mine, part), getattr(their, part)
            assert public(mine) <= public(their), (path, public(mine) - public(their))
        methods = public(client.chat.completions.with_raw_response) - {"messages"}
        assert methods == {"create", "parse", "retrieve", "update", "delete", "list"}
        assert public(client.chat.completions) <= public(official.chat.completions)
        assert public(client.chat.completions.messages) <= public(official.chat.completions.messages)
        assert "with_raw_response" in public(client.chat.completions.messages)
    finally:
        official.close()
        client.close()
