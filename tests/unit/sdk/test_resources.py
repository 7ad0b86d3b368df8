"""The resource methods: request bodies and paths on the wire, per-request options, pagination, typed results."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import chat_completions as cc
import httpx
import pytest
from chat_completions_api.models.chat_completion_deleted import ChatCompletionDeleted
from chat_completions_api.models.chat_completion_message_list_data_item import ChatCompletionMessageListDataItem
from chat_completions_api.models.create_chat_completion_request import CreateChatCompletionRequest
from chat_completions_api.models.create_chat_completion_response import CreateChatCompletionResponse
from sdk_support import API_KEY, SEED_REQUEST, Reply, ScriptedServer, Seen, completion, ok


def test_seed_request_goes_out_exactly(client: cc.Client, server: ScriptedServer) -> None:
    server.add(ok())
    result = client.chat.completions.create(**SEED_REQUEST)
    seen = server.requests[0]
    assert seen.method == "POST"
    assert seen.path == "/v1/chat/completions"
    assert json.loads(seen.body) == SEED_REQUEST
    assert seen.body == json.dumps(SEED_REQUEST, separators=(",", ":")).encode()
    assert isinstance(result, CreateChatCompletionResponse)
    assert result.choices[0].message.content == "This is a test!"
    assert result.usage
    assert result.usage.total_tokens == 18


def test_result_equals_the_generated_model_and_keeps_its_repr(client: cc.Client, server: ScriptedServer) -> None:
    server.add(ok())
    result = client.chat.completions.create(**SEED_REQUEST)
    plain = CreateChatCompletionResponse.from_dict(completion())
    assert result == plain
    assert plain == result
    assert result != CreateChatCompletionResponse.from_dict(completion("other"))
    assert repr(result) == repr(plain)
    assert result.to_dict() == completion()


def test_result_pickles(client: cc.Client, server: ScriptedServer) -> None:
    import pickle

    server.add(ok())
    result = client.chat.completions.create(**SEED_REQUEST)
    again = pickle.loads(pickle.dumps(result))
    # (not `again == result`: the generated UNSET sentinel does not survive pickling as the same object)
    assert type(again) is type(result)
    assert again.id == result.id
    assert again.choices[0].message.content == "This is a test!"
    assert again._request_id == "req_123"


def test_unknown_fields_are_kept(client: cc.Client, server: ScriptedServer) -> None:
    server.add(ok(completion(provider_extra={"a": 1})))
    assert client.chat.completions.create(**SEED_REQUEST)["provider_extra"] == {"a": 1}


def test_request_model_and_mapping(client: cc.Client, server: ScriptedServer) -> None:
    server.add(ok(), ok(), ok())
    model = CreateChatCompletionRequest.from_dict(SEED_REQUEST)
    client.chat.completions.create(model)
    client.chat.completions.create(SEED_REQUEST, temperature=0.1)
    client.chat.completions.create(model, stream=False)
    assert server.requests[0].json() == SEED_REQUEST
    assert server.requests[1].json() == {**SEED_REQUEST, "temperature": 0.1}
    assert server.requests[2].json() == {**SEED_REQUEST, "stream": False}


def test_generated_models_nested_in_params_are_serialised(client: cc.Client, server: ScriptedServer) -> None:
    from chat_completions_api.models.chat_completion_request_user_message import ChatCompletionRequestUserMessage

    server.add(ok())
    message = ChatCompletionRequestUserMessage.from_dict({"role": "user", "content": "Hi"})
    client.chat.completions.create(model="m", messages=[message])
    assert server.requests[0].json() == {"model": "m", "messages": [{"role": "user", "content": "Hi"}]}


def test_unserialisable_params_fail_before_sending(client: cc.Client, server: ScriptedServer) -> None:
    with pytest.raises(TypeError, match="object"):
        client.chat.completions.create(model="m", messages=[object()])
    with pytest.raises(ValueError, match="Out of range"):
        client.chat.completions.create(model="m", messages=[], temperature=float("nan"))
    assert server.requests == []


def test_extra_body_and_extra_headers(client: cc.Client, server: ScriptedServer) -> None:
    server.add(ok())
    client.chat.completions.create(
        **SEED_REQUEST,
        extra_body={"temperature": 0.0, "top_k": 5},
        extra_headers={"X-Trace": "t1", "User-Agent": None, "authorization": "Bearer other"},
    )
    seen = server.requests[0]
    assert seen.json() == {**SEED_REQUEST, "temperature": 0.0, "top_k": 5}
    assert seen.headers["x-trace"] == "t1"
    assert seen.headers["authorization"] == "Bearer other"
    assert "chat-completions" not in seen.headers.get("user-agent", "")


def test_with_options_merges_and_shares_the_pool(server: ScriptedServer) -> None:
    server.add(ok(), ok(), ok())
    with cc.Client(api_key=API_KEY, base_url=server.url, default_headers={"X-A": "a"}) as client:
        client.chat.completions.create(**SEED_REQUEST)
        other = client.with_options(extra_headers={"X-B": "b"}, extra_body={"store": True}, project="p2", timeout=3)
        other.chat.completions.create(**SEED_REQUEST, extra_body={"seed": 1})
        client.chat.completions.create(**SEED_REQUEST)
        assert other._requester() is client._requester()
        assert other._config.timeout["read"] == 3.0
    _, second, third = server.requests
    assert second.headers["x-a"] == "a"
    assert second.headers["x-b"] == "b"
    assert second.headers["openai-project"] == "p2"
    assert second.json() == {**SEED_REQUEST, "store": True, "seed": 1}
    assert "x-b" not in third.headers
    assert third.json() == SEED_REQUEST
    assert server.connections == 1


def test_retrieve_update_delete(client: cc.Client, server: ScriptedServer) -> None:
    deleted = {"object": "chat.completion.deleted", "id": "chatcmpl-abc123", "deleted": True}
    server.add(ok(request_id="r1"), ok(completion(metadata={"k": "v"}), request_id="r2"), ok(deleted, request_id="r3"))
    got = client.chat.completions.retrieve("chatcmpl-abc123")
    updated = client.chat.completions.update("chatcmpl-abc123", metadata={"k": "v"})
    gone = client.chat.completions.delete("chatcmpl-abc123")
    assert [(r.method, r.path) for r in server.requests] == [
        ("GET", "/v1/chat/completions/chatcmpl-abc123"),
        ("POST", "/v1/chat/completions/chatcmpl-abc123"),
        ("DELETE", "/v1/chat/completions/chatcmpl-abc123"),
    ]
    assert "content-type" not in server.requests[0].headers
    assert server.requests[1].json() == {"metadata": {"k": "v"}}
    assert got._request_id == "r1"
    assert updated._request_id == "r2"
    assert isinstance(gone, ChatCompletionDeleted)
    assert gone.deleted is True
    assert gone._request_id == "r3"


def test_ids_are_escaped_and_must_not_be_empty(client: cc.Client, server: ScriptedServer) -> None:
    server.add(ok())
    client.chat.completions.retrieve("a/../b?c=1")
    assert server.requests[0].path == "/v1/chat/completions/a%2F..%2Fb%3Fc%3D1"
    with pytest.raises(ValueError, match="completion_id"):
        client.chat.completions.retrieve("")


def _page(ids: list[str], has_more: bool) -> dict[str, object]:
    return {
        "object": "list",
        "data": [completion(id=i) for i in ids],
        "first_id": ids[0] if ids else "",
        "last_id": ids[-1] if ids else "",
        "has_more": has_more,
    }


def test_list_follows_after_and_has_more(client: cc.Client, server: ScriptedServer) -> None:
    server.add(ok(_page(["c1", "c2"], True)), ok(_page(["c3"], True)), ok(_page(["c4"], False)))
    items = client.chat.completions.list(model="gpt-4o-mini", metadata={"tag": "x"}, limit=2, order="desc")
    assert server.requests == []  # pages are fetched as iteration needs them
    assert [c.id for c in items] == ["c1", "c2", "c3", "c4"]
    queries = [parse_qs(urlsplit(r.path).query) for r in server.requests]
    assert all(urlsplit(r.path).path == "/v1/chat/completions" for r in server.requests)
    assert queries[0] == {"model": ["gpt-4o-mini"], "metadata[tag]": ["x"], "limit": ["2"], "order": ["desc"]}
    assert queries[1]["after"] == ["c2"]
    assert queries[2]["after"] == ["c3"]
    assert queries[2]["model"] == ["gpt-4o-mini"]


def test_list_stops_on_empty_or_repeated_pages(client: cc.Client, server: ScriptedServer) -> None:
    server.add(ok(_page([], True)))
    assert list(client.chat.completions.list()) == []
    server.add(ok(_page(["c1"], True)), ok(_page(["c1"], True)))
    assert [c.id for c in client.chat.completions.list(after="c0")] == ["c1", "c1"]
    assert len(server.requests) == 3


def test_list_stops_when_the_cursors_loop(
    client: cc.Client, server: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    pages = {None: _page(["A"], True), "A": _page(["B"], True), "B": _page(["A"], True)}
    server.handler = lambda seen: ok(pages[parse_qs(urlsplit(seen.path).query).get("after", [None])[0]])
    assert [c.id for c in client.chat.completions.list()] == ["A", "B", "A"]
    assert len(server.requests) == 3
    assert "cursor 'A' again" in caplog.text
    server.requests.clear()
    assert [c.id for c in client.chat.completions.list(after="B")] == ["A", "B"]  # the starting cursor counts
    assert len(server.requests) == 2


def test_list_page_errors_are_typed(client: cc.Client, server: ScriptedServer) -> None:
    server.add(ok(_page(["c1"], True)), ok({"object": "list", "data": "oops"}))
    items = client.chat.completions.list()
    assert next(items).id == "c1"
    with pytest.raises(cc.APIResponseValidationError):
        next(items)


def test_messages_list(client: cc.Client, server: ScriptedServer) -> None:
    def message(i: str) -> dict[str, object]:
        return {"id": i, "role": "assistant", "content": f"text {i}", "refusal": None}

    first = {
        "object": "list",
        "data": [message("m1"), message("m2")],
        "first_id": "m1",
        "last_id": "m2",
        "has_more": True,
    }
    second = {"object": "list", "data": [message("m3")], "first_id": "m3", "last_id": "m3", "has_more": False}
    server.add(ok(first), ok(second))
    messages = list(client.chat.completions.messages.list("chatcmpl-1", limit=2, order="asc"))
    assert all(isinstance(m, ChatCompletionMessageListDataItem) for m in messages)
    assert [m.content for m in messages] == ["text m1", "text m2", "text m3"]
    paths = [urlsplit(r.path) for r in server.requests]
    assert {p.path for p in paths} == {"/v1/chat/completions/chatcmpl-1/messages"}
    assert parse_qs(paths[0].query) == {"limit": ["2"], "order": ["asc"]}
    assert parse_qs(paths[1].query) == {"limit": ["2"], "order": ["asc"], "after": ["m2"]}


def test_custom_http_client_with_mock_requester() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=completion(), headers={"x-request-id": "mock-1"})

    http = httpx.Client(transport=httpx.MockTransport(handler), headers={"X-From-Http-Client": "1"})
    with cc.Client(api_key=API_KEY, base_url="https://example.test/v1", http_client=http) as client:
        assert client.chat.completions.create(**SEED_REQUEST)._request_id == "mock-1"
    assert str(seen[0].url) == "https://example.test/v1/chat/completions"
    assert seen[0].headers["x-from-http-client"] == "1"
    assert seen[0].headers["authorization"] == f"Bearer {API_KEY}"
    assert not http.is_closed  # the caller's client is the caller's to close
    http.close()


def test_custom_http_client_timeout_is_kept_unless_overridden() -> None:
    http = httpx.Client(timeout=httpx.Timeout(12.0, connect=2.0))
    assert cc.Client(api_key=API_KEY, http_client=http)._config.timeout == {
        "connect": 2.0,
        "read": 12.0,
        "write": 12.0,
        "pool": 12.0,
    }
    assert cc.Client(api_key=API_KEY, http_client=http, timeout=1.0)._config.timeout["read"] == 1.0
    assert cc.Client(api_key=API_KEY, http_client=httpx.Client())._config.timeout == dict(cc.DEFAULT_TIMEOUT)
    http.close()


def test_close_stops_requests_through_a_passed_http_client() -> None:
    http = httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(200, json=completion())))
    client = cc.Client(api_key=API_KEY, base_url="https://example.test/v1", http_client=http)
    client.chat.completions.create(**SEED_REQUEST)
    copy = client.with_options(max_retries=0)
    client.close()
    for closed in (client, copy):
        with pytest.raises(RuntimeError, match="closed"):
            closed.chat.completions.create(**SEED_REQUEST)
        with pytest.raises(RuntimeError, match="closed"):
            closed.chat.completions.create(**SEED_REQUEST, stream=True)
    client.close()
    assert not http.is_closed
    http.close()


def test_client_extra_body_is_for_create_not_update(client: cc.Client, server: ScriptedServer) -> None:
    server.add(ok(), ok(), ok())
    extra = client.with_options(extra_body={"top_k": 5})
    extra.chat.completions.update("c", metadata={"k": "v"})
    extra.chat.completions.update("c", metadata={"k": "v"}, extra_body={"x": 1})
    extra.chat.completions.create(**SEED_REQUEST)
    assert [r.json() for r in server.requests] == [
        {"metadata": {"k": "v"}},
        {"metadata": {"k": "v"}, "x": 1},
        {**SEED_REQUEST, "top_k": 5},
    ]


def test_close_closes_the_owned_http_client(server: ScriptedServer) -> None:
    server.add(ok())
    client = cc.Client(api_key=API_KEY, base_url=server.url)
    client.chat.completions.create(**SEED_REQUEST)
    http = client._requester().http
    client.close()
    assert http.is_closed
    with pytest.raises(RuntimeError):
        client.chat.completions.create(**SEED_REQUEST)


def test_lazy_http_client_is_built_once_across_threads(server: ScriptedServer) -> None:
    from concurrent.futures import ThreadPoolExecutor

    server.handler = lambda seen: ok()
    with cc.Client(api_key=API_KEY, base_url=server.url) as client:
        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(lambda _: client.chat.completions.create(**SEED_REQUEST), range(32)))
        transports = {id(client._requester())}
    assert len(results) == 32
    assert len(transports) == 1
    assert len(server.requests) == 32


def test_handler_sees_each_request(server: ScriptedServer) -> None:
    def handler(seen: Seen) -> Reply:
        return ok(completion(content=seen.json()["messages"][0]["content"]))

    server.handler = handler
    with cc.Client(api_key=API_KEY, base_url=server.url) as client:
        for text in ("one", "two"):
            result = client.chat.completions.create(model="m", messages=[{"role": "user", "content": text}])
            assert result.choices[0].message.content == text


def test_big_bodies_leave_the_garbage_collector_as_they_found_it(client: cc.Client, server: ScriptedServer) -> None:
    import gc

    big = completion("x" * 400_000)
    server.add(ok(big), Reply(200, b"{" + b" " * 400_000, {"content-type": "application/json"}), ok(big))
    assert gc.isenabled()
    assert client.chat.completions.create(**SEED_REQUEST).choices[0].message.content == "x" * 400_000
    assert gc.isenabled()
    with pytest.raises(cc.APIResponseValidationError):
        client.chat.completions.create(**SEED_REQUEST)
    assert gc.isenabled()
    gc.disable()
    try:
        client.chat.completions.create(**SEED_REQUEST)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_every_method_takes_the_request_options(client: cc.Client, server: ScriptedServer, sleeps: list[float]) -> None:
    page = {"object": "list", "data": [], "first_id": "", "last_id": "", "has_more": False}
    server.add(Reply(503), Reply(503), Reply(503), Reply(503))
    for call in (
        lambda: client.chat.completions.retrieve("c", extra_headers={"X-Op": "r"}, max_retries=0),
        lambda: client.chat.completions.update("c", metadata=None, extra_headers={"X-Op": "u"}, max_retries=0),
        lambda: client.chat.completions.delete("c", extra_headers={"X-Op": "d"}, max_retries=0),
        lambda: list(client.chat.completions.list(extra_headers={"X-Op": "l"}, max_retries=0)),
    ):
        with pytest.raises(cc.InternalServerError):
            call()
    assert [r.headers["x-op"] for r in server.requests] == ["r", "u", "d", "l"]
    assert sleeps == []
    server.add(Reply(delay=1.0), ok(page))
    assert list(client.chat.completions.messages.list("c", timeout=0.2, max_retries=1)) == []
    assert len(sleeps) == 1
