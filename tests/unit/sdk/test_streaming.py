"""Streams: typed chunks, [DONE], error events, truncation, early close, retries before the first byte."""

from __future__ import annotations

import time

import chat_completions as cc
import pytest
from chat_completions_api.models.create_chat_completion_stream_response import CreateChatCompletionStreamResponse
from sdk_support import API_KEY, SEED_REQUEST, Reply, ScriptedServer, chunk, ok, sse, stream_reply

HELLO = [
    chunk({"role": "assistant", "content": ""}),
    chunk({"content": "Hel"}),
    chunk({"content": "lo"}),
    chunk({}, "stop"),
]


def test_happy_path_yields_typed_chunks(client: cc.Client, server: ScriptedServer) -> None:
    server.add(stream_reply(*HELLO))
    stream = client.chat.completions.create(**SEED_REQUEST, stream=True)
    assert isinstance(stream, cc.Stream)
    assert stream.request_id == "req_stream"
    chunks = list(stream)
    assert all(isinstance(c, CreateChatCompletionStreamResponse) for c in chunks)
    assert [c.choices[0].delta.content for c in chunks[1:3]] == ["Hel", "lo"]
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert server.requests[0].json() == {**SEED_REQUEST, "stream": True}
    assert stream.response.is_closed


def test_next_and_context_manager(client: cc.Client, server: ScriptedServer) -> None:
    server.add(stream_reply(*HELLO))
    with client.chat.completions.create(**SEED_REQUEST, stream=True) as stream:
        first = next(stream)
        assert first.choices[0].delta.role == "assistant"
        assert len(list(stream)) == 3
        with pytest.raises(StopIteration):
            next(stream)


def test_keepalive_comments_and_empty_events_are_skipped(client: cc.Client, server: ScriptedServer) -> None:
    reply = stream_reply(chunk({"content": "a"}), chunk({}, "stop"))
    assert reply.chunks is not None
    reply.chunks.insert(0, b": keep-alive\n\n")
    reply.chunks.insert(1, b"event: ping\ndata:\n\n")
    server.add(reply)
    assert len(list(client.chat.completions.create(**SEED_REQUEST, stream=True))) == 2


def test_event_split_across_network_writes(client: cc.Client, server: ScriptedServer) -> None:
    raw = b"".join(sse(*HELLO))
    server.add(
        Reply(headers={"content-type": "text/event-stream"}, chunks=[raw[i : i + 7] for i in range(0, len(raw), 7)])
    )
    assert len(list(client.chat.completions.create(**SEED_REQUEST, stream=True))) == 4


def test_error_event_mid_stream_raises_api_error(client: cc.Client, server: ScriptedServer) -> None:
    error = {"error": {"message": "The server had an error", "type": "server_error", "param": None, "code": "boom"}}
    server.add(stream_reply(chunk({"content": "a"}), error, chunk({"content": "never"})))
    stream = client.chat.completions.create(**SEED_REQUEST, stream=True)
    assert next(stream).choices[0].delta.content == "a"
    with pytest.raises(cc.APIError) as info:
        next(stream)
    assert info.value.message == "The server had an error"
    assert info.value.code == "boom"
    assert info.value.type == "server_error"
    assert info.value.request_id == "req_stream"
    assert not isinstance(info.value, cc.APIConnectionError)
    assert stream.response.is_closed


@pytest.mark.parametrize(
    ("data", "message", "code"),
    [
        (b'{"message": "overloaded", "code": "busy"}', "overloaded", "busy"),  # top-level, no {"error": ...}
        (b"upstream overloaded, try later", "upstream overloaded, try later", None),  # not JSON
        (b'"quota exceeded"', "quota exceeded", None),  # a JSON string
        (b'{"error": {"code": "x"}}', 'the server sent an error event mid-stream: {"error": {"code": "x"}}', "x"),
    ],
)
def test_error_event_with_event_field(
    client: cc.Client, server: ScriptedServer, data: bytes, message: str, code: str | None
) -> None:
    reply = stream_reply(chunk({"content": "a"}))
    assert reply.chunks is not None
    reply.chunks.insert(1, b"event: error\ndata: " + data + b"\n\n")
    server.add(reply)
    with pytest.raises(cc.APIError) as info:
        list(client.chat.completions.create(**SEED_REQUEST, stream=True))
    assert type(info.value) is cc.APIError
    assert info.value.message == message
    assert info.value.code == code
    assert info.value.request_id == "req_stream"


def test_stream_ending_without_done_is_a_connection_error(client: cc.Client, server: ScriptedServer) -> None:
    server.add(stream_reply(*HELLO[:2], done=False))
    stream = client.chat.completions.create(**SEED_REQUEST, stream=True)
    got = []
    with pytest.raises(cc.APIConnectionError, match=r"\[DONE\]") as info:
        got.extend(stream)
    assert len(got) == 2
    assert info.value.request_id == "req_stream"


def test_connection_cut_mid_stream_is_a_connection_error(client: cc.Client, server: ScriptedServer) -> None:
    server.add(stream_reply(*HELLO[:2], done=False, truncate=True), ok())
    got = []
    with pytest.raises(cc.APIConnectionError):
        got.extend(client.chat.completions.create(**SEED_REQUEST, stream=True))
    assert len(got) == 2
    assert len(server.requests) == 1  # never retried once the first byte arrived
    assert client.chat.completions.create(**SEED_REQUEST).id == "chatcmpl-abc123"  # the pool is still usable


def test_malformed_event_json(client: cc.Client, server: ScriptedServer) -> None:
    server.add(stream_reply(chunk({"content": "a"}), "{not json"))
    with pytest.raises(cc.APIResponseValidationError, match="not valid JSON"):
        list(client.chat.completions.create(**SEED_REQUEST, stream=True))


def test_chunk_missing_required_fields(strict_client: cc.Client, server: ScriptedServer) -> None:
    server.add(stream_reply({"object": "chat.completion.chunk", "choices": []}))
    with pytest.raises(cc.APIResponseValidationError, match="missing field"):
        list(strict_client.chat.completions.create(**SEED_REQUEST, stream=True))


def test_wrong_content_type_for_a_stream(client: cc.Client, server: ScriptedServer) -> None:
    server.add(ok())
    with pytest.raises(cc.APIResponseValidationError, match="text/event-stream"):
        client.chat.completions.create(**SEED_REQUEST, stream=True)


def test_retried_before_the_first_byte(client: cc.Client, server: ScriptedServer, sleeps: list[float]) -> None:
    server.add(Reply(503, {"error": {"message": "busy"}}), Reply(drop=True), stream_reply(*HELLO))
    assert len(list(client.chat.completions.create(**SEED_REQUEST, stream=True))) == 4
    assert len(server.requests) == 3
    assert len(sleeps) == 2


def test_status_error_on_a_stream_request(client: cc.Client, server: ScriptedServer) -> None:
    server.add(Reply(401, {"error": {"message": "bad key", "code": "invalid_api_key"}}, {"x-request-id": "r1"}))
    with pytest.raises(cc.AuthenticationError) as info:
        client.chat.completions.create(**SEED_REQUEST, stream=True)
    assert info.value.code == "invalid_api_key"
    assert info.value.request_id == "r1"


def test_leaving_early_closes_the_connection(client: cc.Client, server: ScriptedServer) -> None:
    many = [chunk({"content": "x"}) for _ in range(2000)]
    server.add(stream_reply(*many, chunk_delay=0.001))
    with client.chat.completions.create(**SEED_REQUEST, stream=True) as stream:
        next(stream)
    assert stream.response.is_closed
    assert server.aborted.wait(5), "the server never noticed the client leaving"
    server.add(ok())
    assert client.chat.completions.create(**SEED_REQUEST).id == "chatcmpl-abc123"


def test_break_then_close_and_double_close(client: cc.Client, server: ScriptedServer) -> None:
    server.add(stream_reply(*HELLO))
    stream = client.chat.completions.create(**SEED_REQUEST, stream=True)
    for _ in stream:
        break
    stream.close()
    stream.close()
    assert stream.response.is_closed
    assert list(stream) == []


def test_break_alone_leaves_a_named_stream_open_to_resume(client: cc.Client, server: ScriptedServer) -> None:
    # As for a file: `break` tells the iterator nothing. The with block, close(), or dropping the stream ends it.
    server.add(stream_reply(*HELLO))
    stream = client.chat.completions.create(**SEED_REQUEST, stream=True)
    for _ in stream:
        break
    assert not stream.response.is_closed
    assert len(list(stream)) == 3
    assert stream.response.is_closed


def test_connection_is_reused_after_done(client: cc.Client, server: ScriptedServer) -> None:
    for _ in range(3):
        server.add(stream_reply(*HELLO))
        assert len(list(client.chat.completions.create(**SEED_REQUEST, stream=True))) == 4
    assert server.connections == 1


def test_slow_stream_read_timeout(server: ScriptedServer) -> None:
    server.add(stream_reply(chunk({"content": "a"}), chunk({"content": "b"}), chunk_delay=2.0))
    with cc.Client(api_key=API_KEY, base_url=server.url, timeout=0.3) as client:
        stream = client.chat.completions.create(**SEED_REQUEST, stream=True)
        start = time.monotonic()
        with pytest.raises(cc.APITimeoutError):
            list(stream)
        assert time.monotonic() - start < 1.5


def test_stream_true_in_a_request_or_extra_body_needs_the_keyword(client: cc.Client, server: ScriptedServer) -> None:
    with pytest.raises(ValueError, match="stream=True"):
        client.chat.completions.create({**SEED_REQUEST, "stream": True})
    with pytest.raises(ValueError, match="stream=True"):
        client.chat.completions.create(**SEED_REQUEST, extra_body={"stream": True})
    with pytest.raises(ValueError, match="stream=True"):
        client.with_options(extra_body={"stream": True}).chat.completions.create(**SEED_REQUEST)
    assert server.requests == []
    server.add(stream_reply(*HELLO))
    assert len(list(client.chat.completions.create({**SEED_REQUEST, "stream": True}, stream=True))) == 4


@pytest.mark.parametrize("started", [True, False])
def test_dropping_a_stream_without_close_frees_its_connection(
    client: cc.Client, server: ScriptedServer, started: bool
) -> None:
    server.add(stream_reply(*[chunk({"content": "x"}) for _ in range(2000)], chunk_delay=0.001))
    stream = client.chat.completions.create(**SEED_REQUEST, stream=True)
    if started:
        next(stream)
    response = stream.response
    del stream
    assert response.is_closed
    assert server.aborted.wait(5)


def test_abandoned_streams_do_not_pile_up_in_the_pool(client: cc.Client, server: ScriptedServer) -> None:
    server.handler = lambda seen: stream_reply(*[chunk({"content": "x"}) for _ in range(50)], chunk_delay=0.002)
    for i in range(30):
        stream = client.chat.completions.create(**SEED_REQUEST, stream=True)
        if i % 2:
            next(stream)
    del stream
    pool = client._requester().http._transport._pool  # type: ignore[attr-defined]
    assert len(pool.connections) <= 1
    server.handler = None
    server.add(ok())
    assert client.chat.completions.create(**SEED_REQUEST).id == "chatcmpl-abc123"


def test_trouble_after_done_is_not_an_error(client: cc.Client, server: ScriptedServer) -> None:
    after = [b"data: {}\n\n"] * 40  # junk after [DONE], then the connection is cut
    server.add(stream_reply(*HELLO, truncate=True), ok())
    assert server.replies[0].chunks is not None
    server.replies[0].chunks.extend(after)
    assert len(list(client.chat.completions.create(**SEED_REQUEST, stream=True))) == 4
    assert client.chat.completions.create(**SEED_REQUEST).id == "chatcmpl-abc123"
