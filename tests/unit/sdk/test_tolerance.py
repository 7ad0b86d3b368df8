"""Reading what real servers send, and strict mode refusing each of those departures from the spec.

Each case: the default client reads the answer (and keeps what it does not know), a
`strict_response_validation=True` client raises `APIResponseValidationError` on the very same bytes.
"""

from __future__ import annotations

import copy
import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import chat_completions as cc
import pytest
from sdk_support import API_KEY, SEED_REQUEST, Reply, ScriptedServer, chunk, completion, ok, sse, stream_reply


def _message(**fields: Any) -> dict[str, Any]:
    return completion(
        choices=[
            {
                "index": 0,
                "message": {"role": "assistant", "content": "Hi", "refusal": None, **fields},
                "logprobs": None,
                "finish_reason": "stop",
            }
        ]
    )


# Answers that depart from the spec the way real servers do, each with a check of what the tolerant client reads.
NON_STREAM: dict[str, tuple[dict[str, Any], Callable[[Any], None]]] = {
    "python relay nulls (model_dump_json)": (
        _message(tool_calls=None, function_call=None, annotations=None, audio=None) | {"usage": None},
        lambda c: (
            c.choices[0].message.tool_calls is None
            and c.choices[0].message.function_call is None
            and c.choices[0].message.annotations is None
            and c.usage is None
        ),
    ),
    "finish_reason null on a non-streamed choice": (
        completion(choices=[{**completion()["choices"][0], "finish_reason": None}]),
        lambda c: c.choices[0].finish_reason is None and c.choices[0].message.content == "This is a test!",
    ),
    "unknown annotation type": (
        _message(annotations=[{"type": "file_citation", "file_citation": {"file_id": "f1"}, "index": 3}]),
        lambda c: (
            c.choices[0].message.annotations[0].type == "file_citation"
            and c.choices[0].message.annotations[0].additional_properties
            == {"file_citation": {"file_id": "f1"}, "index": 3}
        ),
    ),
    "unknown tool-call type": (
        _message(
            tool_calls=[
                {"id": "call_1", "type": "mcp", "mcp": {"server": "s", "name": "n"}},
                {"id": "call_2", "type": "function", "function": {"name": "f", "arguments": "{}"}},
            ]
        ),
        lambda c: (
            # an object with attribute access (not a bare dict), giving back what was sent
            c.choices[0].message.tool_calls[0].to_dict()
            == {"id": "call_1", "type": "mcp", "mcp": {"server": "s", "name": "n"}}
            and c.choices[0].message.tool_calls[0]["mcp"] == {"server": "s", "name": "n"}
            and c.choices[0].message.tool_calls[1].function.name == "f"
        ),
    ),
    "unknown message role": (
        completion(choices=[{**completion()["choices"][0], "message": {"role": "critic", "content": "x"}}]),
        lambda c: c.choices[0].message.role == "critic" and c.choices[0].message.refusal is None,
    ),
    "object of another name (Azure-style)": (
        completion(object=""),
        lambda c: c.object == "",
    ),
    "missing required fields read as None": (
        {k: v for k, v in completion().items() if k not in ("id", "created")},
        lambda c: c.id is None and c.created is None and c.choices[0].message.content == "This is a test!",
    ),
}


@pytest.mark.parametrize("case", list(NON_STREAM))
def test_tolerant_reads_and_strict_raises(
    case: str, client: cc.Client, strict_client: cc.Client, server: ScriptedServer
) -> None:
    body, check = NON_STREAM[case]
    server.add(ok(copy.deepcopy(body)))
    result = client.chat.completions.create(**SEED_REQUEST)
    assert check(result), result
    assert result.to_dict() == body  # what the server sent, nulls and unknown parts included
    server.add(ok(copy.deepcopy(body)))
    with pytest.raises(cc.APIResponseValidationError):
        strict_client.chat.completions.create(**SEED_REQUEST)


def test_unknown_fields_are_kept_even_when_a_required_nullable_one_is_absent(
    client: cc.Client, server: ScriptedServer
) -> None:
    """vLLM/DeepSeek: `refusal` and `logprobs` left out, `reasoning_content` and `stop_reason` added."""
    body = completion(
        choices=[
            {
                "index": 0,
                "message": {"role": "assistant", "content": "Hi", "reasoning_content": "think"},
                "finish_reason": "stop",
                "stop_reason": 128009,
            }
        ]
    )
    server.add(ok(body))
    choice = client.chat.completions.create(**SEED_REQUEST).choices[0]
    assert choice.additional_properties == {"stop_reason": 128009}
    assert choice.message.additional_properties == {"reasoning_content": "think"}
    assert choice.message.refusal is None
    assert choice.logprobs is None


def test_absent_optional_fields_read_as_none_and_stay_absent(client: cc.Client, server: ScriptedServer) -> None:
    """`if completion.usage is not None:` code from the official SDK works on an answer without usage."""
    body = {k: v for k, v in completion().items() if k not in ("usage", "service_tier")}
    server.add(ok(body))
    completion_ = client.chat.completions.create(**SEED_REQUEST)
    total = completion_.usage.total_tokens if completion_.usage is not None else -1
    assert total == -1
    assert completion_.system_fingerprint is None
    assert completion_.service_tier is None
    assert completion_.to_dict() == body  # absent stays absent
    server.add(ok())
    with_usage = client.chat.completions.create(**SEED_REQUEST)
    assert with_usage.usage is not None
    assert with_usage.usage.total_tokens == 18


AZURE_FIRST = {
    "id": "",
    "object": "",
    "created": 0,
    "model": "",
    "choices": [],
    "prompt_filter_results": [{"prompt_index": 0, "content_filter_results": {"hate": {"filtered": False}}}],
}
FILTER = {"hate": {"filtered": False, "severity": "safe"}}

STREAMS: dict[str, list[Any]] = {
    "pydantic relay nulls in deltas": [
        chunk({"role": "assistant", "content": "", "tool_calls": None, "function_call": None, "refusal": None}),
        chunk({"role": None, "content": "Hi", "tool_calls": None, "function_call": None}),
        chunk({"content": None}, "stop", usage=None),
    ],
    "Azure shapes": [
        AZURE_FIRST,
        chunk({"role": "assistant", "content": ""}),
        chunk({"content": "Hi"}),
        {**chunk(), "choices": [{"index": 0, "finish_reason": None, "content_filter_results": FILTER}]},
        {**chunk(), "choices": [{"index": 0, "finish_reason": "stop"}]},
    ],
}


@pytest.mark.parametrize("case", list(STREAMS))
def test_tolerant_streams_and_strict_raises(
    case: str, client: cc.Client, strict_client: cc.Client, server: ScriptedServer
) -> None:
    events = STREAMS[case]
    server.add(stream_reply(*copy.deepcopy(events)))
    acc = cc.ChatCompletionAccumulator()
    chunks = [acc.add(c) for c in client.chat.completions.create(**SEED_REQUEST, stream=True)]
    assert [c.to_dict() for c in chunks] == events  # each chunk as sent, extras and nulls included
    final = acc.completion()
    assert final.choices[0].message.content == "Hi"
    assert final.choices[0].finish_reason == "stop"
    server.add(stream_reply(*copy.deepcopy(events)))
    with pytest.raises(cc.APIResponseValidationError):
        list(strict_client.chat.completions.create(**SEED_REQUEST, stream=True))


def test_azure_first_chunk_fields(client: cc.Client, server: ScriptedServer) -> None:
    server.add(stream_reply(AZURE_FIRST, chunk({"content": "Hi"}, "stop")))
    first, second = client.chat.completions.create(**SEED_REQUEST, stream=True)
    assert (first.id, first.object, first.created, first.choices) == ("", "", 0, [])
    assert first.additional_properties["prompt_filter_results"][0]["prompt_index"] == 0
    assert second.choices[0].delta.content == "Hi"


def test_a_bare_finish_chunk_has_no_delta(client: cc.Client, server: ScriptedServer) -> None:
    server.add(stream_reply(chunk({"content": "Hi"}), {**chunk(), "choices": [{"index": 0, "finish_reason": "stop"}]}))
    last = list(client.chat.completions.create(**SEED_REQUEST, stream=True))[-1]
    assert last.choices[0].delta is None
    assert last.choices[0].finish_reason == "stop"


def test_stream_without_done_is_complete_once_every_choice_finished(
    client: cc.Client, strict_client: cc.Client, server: ScriptedServer
) -> None:
    events = [chunk({"content": "a"}, index=0), chunk({"content": "b"}, index=1), chunk({}, "stop", index=0)]
    finished = [*events, chunk({}, "tool_calls", index=1)]
    server.add(stream_reply(*finished, done=False))
    assert len(list(client.chat.completions.create(**SEED_REQUEST, stream=True))) == 4
    # choice 1 never finished: a truncation, raised
    server.add(stream_reply(*events, done=False))
    with pytest.raises(cc.APIConnectionError, match="incomplete"):
        list(client.chat.completions.create(**SEED_REQUEST, stream=True))
    # a cut body raises even after every finish_reason
    server.add(stream_reply(*finished, done=False, truncate=True))
    with pytest.raises(cc.APIConnectionError):
        list(client.chat.completions.create(**SEED_REQUEST, stream=True))
    server.add(stream_reply(*finished, done=False))
    with pytest.raises(cc.APIConnectionError, match="incomplete"):
        list(strict_client.chat.completions.create(**SEED_REQUEST, stream=True))


@pytest.mark.parametrize(
    "content_type", ["Application/JSON", "APPLICATION/JSON; Charset=UTF-8", "application/vnd.x+json"]
)
def test_json_media_types_any_case(content_type: str, strict_client: cc.Client, server: ScriptedServer) -> None:
    server.add(Reply(200, json.dumps(completion()), {"content-type": content_type}))
    assert strict_client.chat.completions.create(**SEED_REQUEST).id == "chatcmpl-abc123"


@pytest.mark.parametrize("content_type", ["Text/Event-Stream", "TEXT/EVENT-STREAM; charset=utf-8"])
def test_event_stream_media_type_any_case(content_type: str, strict_client: cc.Client, server: ScriptedServer) -> None:
    server.add(Reply(200, headers={"content-type": content_type}, chunks=sse(chunk({"content": "Hi"}, "stop"))))
    assert len(list(strict_client.chat.completions.create(**SEED_REQUEST, stream=True))) == 1


def test_json_body_without_json_content_type(
    client: cc.Client, strict_client: cc.Client, server: ScriptedServer
) -> None:
    server.add(Reply(200, json.dumps(completion()), {"content-type": "text/plain"}))
    assert client.chat.completions.create(**SEED_REQUEST).id == "chatcmpl-abc123"
    server.add(Reply(200, json.dumps(completion()), {"content-type": "text/plain"}))
    with pytest.raises(cc.APIResponseValidationError, match="text/plain"):
        strict_client.chat.completions.create(**SEED_REQUEST)
    server.add(Reply(200, "<html>login</html>", {"content-type": "text/html"}))
    with pytest.raises(cc.APIResponseValidationError, match="text/html"):  # still a typed error, never the page
        client.chat.completions.create(**SEED_REQUEST)


@pytest.mark.parametrize("reply", [Reply(204, b""), Reply(200, b"", {"content-type": "application/json"})])
def test_empty_answer_to_delete_is_a_delete(
    reply: Reply, client: cc.Client, strict_client: cc.Client, server: ScriptedServer
) -> None:
    server.add(copy.deepcopy(reply))
    deleted = client.chat.completions.delete("chatcmpl-1")
    assert (deleted.id, deleted.deleted, deleted.object) == ("chatcmpl-1", True, "chat.completion.deleted")
    server.add(copy.deepcopy(reply))
    with pytest.raises(cc.APIResponseValidationError):
        strict_client.chat.completions.delete("chatcmpl-1")
    server.add(Reply(204, b""))
    with pytest.raises(cc.APIResponseValidationError):  # only a delete means something by an empty answer
        client.chat.completions.retrieve("chatcmpl-1")


def test_base_url_query_and_default_query_on_every_request(server: ScriptedServer) -> None:
    base = server.url.replace("/v1", "/openai/deployments/d") + "?api-version=2024-10-21"
    with cc.Client(api_key=API_KEY, base_url=base, default_query={"tenant": "t1"}) as client:
        server.add(ok(), stream_reply(chunk({}, "stop")), ok(), Reply(204, b""))
        client.chat.completions.create(**SEED_REQUEST)
        list(client.chat.completions.create(**SEED_REQUEST, stream=True))
        client.chat.completions.retrieve("c1")
        client.chat.completions.delete("c1")
        server.add(ok({"object": "list", "data": [], "first_id": None, "last_id": None, "has_more": False}))
        list(client.chat.completions.list(limit=5))
        copy_ = client.with_options(default_query={"tenant": "t2", "x": "1"})
        server.add(ok())
        copy_.chat.completions.create(**SEED_REQUEST)
    paths = [seen.path for seen in server.requests]
    q = "api-version=2024-10-21&tenant=t1"
    assert paths == [
        f"/openai/deployments/d/chat/completions?{q}",
        f"/openai/deployments/d/chat/completions?{q}",
        f"/openai/deployments/d/chat/completions/c1?{q}",
        f"/openai/deployments/d/chat/completions/c1?{q}",
        f"/openai/deployments/d/chat/completions?{q}&limit=5",
        "/openai/deployments/d/chat/completions?api-version=2024-10-21&tenant=t2&x=1",
    ]


def test_a_fragment_in_base_url_is_never_sent(server: ScriptedServer) -> None:
    with cc.Client(api_key=API_KEY, base_url=server.url + "?api-version=2024-10-21#frag") as client:
        server.add(ok())
        client.chat.completions.create(**SEED_REQUEST)
    assert [seen.path for seen in server.requests] == ["/v1/chat/completions?api-version=2024-10-21"]


@pytest.mark.parametrize("status", [307, 308])
def test_redirects_replay_the_body_and_drop_the_key_on_another_host(status: int, server: ScriptedServer) -> None:
    other = ScriptedServer()
    try:
        other.add(ok())
        server.add(
            Reply(status, b"", {"location": server.url + "/moved"}),
            Reply(status, b"", {"location": other.url + "/chat/completions"}),
        )
        with cc.Client(api_key=API_KEY, base_url=server.url) as client:
            assert client.chat.completions.create(**SEED_REQUEST).id == "chatcmpl-abc123"
        first, same_host = server.requests
        (elsewhere,) = other.requests
        assert same_host.path == "/v1/moved"
        assert same_host.method == "POST"
        assert same_host.headers["authorization"] == f"Bearer {API_KEY}"
        assert elsewhere.method == "POST"
        assert elsewhere.json() == SEED_REQUEST == first.json()
        assert "authorization" not in elsewhere.headers
    finally:
        other.close()


@pytest.fixture
async def aclients(server: ScriptedServer) -> AsyncIterator[tuple[cc.AsyncClient, cc.AsyncClient]]:
    async with (
        cc.AsyncClient(api_key=API_KEY, base_url=server.url, timeout=5.0) as tolerant,
        cc.AsyncClient(api_key=API_KEY, base_url=server.url, timeout=5.0, strict_response_validation=True) as strict,
    ):
        yield tolerant, strict


@pytest.mark.anyio
async def test_async_parity(aclients: tuple[cc.AsyncClient, cc.AsyncClient], server: ScriptedServer) -> None:
    tolerant, strict = aclients
    body, check = NON_STREAM["python relay nulls (model_dump_json)"]
    server.add(ok(copy.deepcopy(body)), ok(copy.deepcopy(body)))
    assert check(await tolerant.chat.completions.create(**SEED_REQUEST))
    with pytest.raises(cc.APIResponseValidationError):
        await strict.chat.completions.create(**SEED_REQUEST)
    events = STREAMS["Azure shapes"]
    server.add(stream_reply(*events, done=False), stream_reply(*events))
    stream = await tolerant.chat.completions.create(**SEED_REQUEST, stream=True)
    assert [c.to_dict() async for c in stream] == events
    with pytest.raises(cc.APIResponseValidationError):
        async for _ in await strict.chat.completions.create(**SEED_REQUEST, stream=True):
            pass
    server.add(Reply(308, b"", {"location": server.url + "/moved"}), Reply(204, b""))
    assert (await tolerant.chat.completions.delete("c1")).deleted is True
    assert server.requests[-1].path == "/v1/moved"


def test_with_options_switches_strictness(client: cc.Client, server: ScriptedServer) -> None:
    body = completion(usage=None)
    server.add(ok(copy.deepcopy(body)), ok(copy.deepcopy(body)), ok(copy.deepcopy(body)))
    strict = client.with_options(strict_response_validation=True)
    with pytest.raises(cc.APIResponseValidationError, match="'usage' is null"):
        strict.chat.completions.create(**SEED_REQUEST)
    assert strict.with_options(max_retries=1)._config.strict  # kept by later copies
    assert client.chat.completions.create(**SEED_REQUEST).usage is None  # the original stays tolerant
    assert strict.with_options(strict_response_validation=False).chat.completions.create(**SEED_REQUEST).usage is None


def test_strict_parsing_of_the_generated_models_alone() -> None:
    from chat_completions_api.models import CreateChatCompletionResponse
    from chat_completions_api.types import strict_parsing

    body = completion(usage=None)
    assert CreateChatCompletionResponse.from_dict(body).to_dict() == body
    with pytest.raises(ValueError, match="'usage' is null"), strict_parsing():
        CreateChatCompletionResponse.from_dict(body)
    assert CreateChatCompletionResponse.from_dict(body).usage is None  # strictness ended with the block


def test_a_page_without_has_more_goes_on_while_pages_have_items(
    client: cc.Client, strict_client: cc.Client, server: ScriptedServer
) -> None:
    def stored(n: int) -> dict[str, Any]:
        return {**completion(), "id": f"chatcmpl-{n}"}

    first = {"object": "list", "data": [stored(1)], "first_id": "chatcmpl-1", "last_id": "chatcmpl-1"}
    last = {"object": "list", "data": [stored(2)], "first_id": "chatcmpl-2", "last_id": "chatcmpl-2", "has_more": False}
    server.add(ok(first), ok(last))
    assert [c.id for c in client.chat.completions.list()] == ["chatcmpl-1", "chatcmpl-2"]
    assert "after=chatcmpl-1" in server.requests[-1].path
    server.add(ok(first))
    with pytest.raises(cc.APIResponseValidationError, match="has_more"):
        list(strict_client.chat.completions.list())


def test_tolerated_answers_survive_copy_and_pickle(client: cc.Client, server: ScriptedServer) -> None:
    import pickle

    body = _message(tool_calls=None, annotations=[{"type": "file_citation", "index": 1}]) | {"usage": None}
    del body["created"]
    server.add(ok(copy.deepcopy(body)))
    result = client.chat.completions.create(**SEED_REQUEST)
    for clone in (pickle.loads(pickle.dumps(result)), copy.deepcopy(result), copy.copy(result)):
        assert clone == result
        assert clone.to_dict() == body


def test_a_choice_index_of_another_type_does_not_break_the_stream(client: cc.Client, server: ScriptedServer) -> None:
    server.add(stream_reply(chunk({"content": "Hi"}, "stop", index=[0])))  # type: ignore[arg-type]
    assert len(list(client.chat.completions.create(**SEED_REQUEST, stream=True))) == 1
