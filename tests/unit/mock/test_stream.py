"""Streams: framed exactly like the real API, and carrying the same answer as the non-streamed create."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from mock_support import TIME, WEATHER, assert_valid, request, sse_data, user


def stream(client: httpx.Client, **fields: Any) -> tuple[list[dict[str, Any]], httpx.Response]:
    """The chunks of a stream (checked against the chunk schema), after checking its framing."""
    response = client.post("/chat/completions", json=request(stream=True, **fields))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.headers["x-request-id"].startswith("req_")
    data = sse_data(response.text)
    assert data[-1] == "[DONE]"
    assert data.count("[DONE]") == 1
    assert response.text.endswith("data: [DONE]\n\n")
    chunks = [json.loads(d) for d in data[:-1]]
    for chunk in chunks:
        assert_valid("CreateChatCompletionStreamResponse", chunk)
        assert chunk["object"] == "chat.completion.chunk"
    assert len({c["id"] for c in chunks}) == 1
    assert len({c["created"] for c in chunks}) == 1
    return chunks, response


def per_choice(chunks: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    """The `choices[]` entries of the chunks, grouped by choice index, checking one choice per chunk."""
    out: dict[int, list[dict[str, Any]]] = {}
    for chunk in chunks:
        for choice in chunk["choices"]:
            out.setdefault(choice["index"], []).append(choice)
    return out


def check_choice_framing(entries: list[dict[str, Any]]) -> None:
    assert entries[0]["delta"]["role"] == "assistant"
    assert all("role" not in e["delta"] for e in entries[1:])
    reasons = [e["finish_reason"] for e in entries]
    assert reasons[-1] is not None
    assert reasons[:-1] == [None] * (len(entries) - 1)


def test_seed_stream_matches_the_completion(client: httpx.Client) -> None:
    plain = client.post("/chat/completions", json=request()).json()
    chunks, _ = stream(client)
    choices = per_choice(chunks)
    check_choice_framing(choices[0])
    text = "".join(e["delta"].get("content") or "" for e in choices[0])
    assert text == plain["choices"][0]["message"]["content"] == "\n\nThis is a test!"
    assert choices[0][-1]["finish_reason"] == "stop"
    assert [e["delta"].get("content") for e in choices[0][1:-1]] == ["\n\n", "This", " is", " a", " test", "!"]
    assert all("usage" not in c for c in chunks)


def test_usage_chunk_only_when_asked(client: httpx.Client) -> None:
    chunks, _ = stream(client, stream_options={"include_usage": True})
    *body, last = chunks
    assert last["choices"] == []
    assert last["usage"]["completion_tokens"] == 6
    assert last["usage"]["total_tokens"] == last["usage"]["prompt_tokens"] + 6
    assert all(c["usage"] is None for c in body)
    plain = client.post("/chat/completions", json=request()).json()
    assert last["usage"] == plain["usage"]
    without, _ = stream(client, stream_options={"include_usage": False})
    assert all(c["choices"] for c in without)


def test_n_choices_interleave_each_framed_once(client: httpx.Client) -> None:
    plain = client.post("/chat/completions", json=request(messages=user("A story"), n=3)).json()
    chunks, _ = stream(client, messages=user("A story"), n=3, stream_options={"include_usage": True})
    assert all(len(c["choices"]) == 1 for c in chunks[:-1])
    choices = per_choice(chunks)
    assert sorted(choices) == [0, 1, 2]
    assert [c["choices"][0]["index"] for c in chunks[:3]] == [0, 1, 2]
    for index, entries in choices.items():
        check_choice_framing(entries)
        text = "".join(e["delta"].get("content") or "" for e in entries)
        assert text == plain["choices"][index]["message"]["content"]
    assert chunks[-1]["usage"] == plain["usage"]


def test_length_cut_in_a_stream(client: httpx.Client) -> None:
    chunks, _ = stream(client, messages=user("A long story"), max_completion_tokens=2)
    entries = per_choice(chunks)[0]
    assert [e["finish_reason"] for e in entries][-1] == "length"
    assert sum(1 for e in entries if e["delta"].get("content")) == 2


def test_logprobs_ride_on_content_deltas(client: httpx.Client) -> None:
    chunks, _ = stream(client, logprobs=True, top_logprobs=2)
    for entry in per_choice(chunks)[0]:
        content = entry["delta"].get("content")
        if content:
            assert [lp["token"] for lp in entry["logprobs"]["content"]] == [content]
            assert len(entry["logprobs"]["content"][0]["top_logprobs"]) == 2


def test_tool_call_deltas_name_once_then_fragments(client: httpx.Client) -> None:
    plain = client.post(
        "/chat/completions", json=request(messages=user("get_weather and get_time"), tools=[WEATHER, TIME])
    ).json()
    chunks, _ = stream(client, messages=user("get_weather and get_time"), tools=[WEATHER, TIME])
    entries = per_choice(chunks)[0]
    check_choice_framing(entries)
    assert entries[0]["delta"]["content"] is None
    assert entries[-1]["finish_reason"] == "tool_calls"
    calls: dict[int, dict[str, Any]] = {}
    for entry in entries:
        for part in entry["delta"].get("tool_calls", []):
            index = part["index"]
            if index not in calls:
                assert part["id"].startswith("call_")
                assert part["type"] == "function"
                assert part["function"]["arguments"] == ""
                calls[index] = {"id": part["id"], "name": part["function"]["name"], "arguments": ""}
            else:
                assert "id" not in part
                assert "name" not in part["function"]
                calls[index]["arguments"] += part["function"]["arguments"]
    expected = plain["choices"][0]["message"]["tool_calls"]
    assert [c["name"] for c in calls.values()] == ["get_weather", "get_time"]
    assert [c["arguments"] for c in calls.values()] == [e["function"]["arguments"] for e in expected]
    assert [c["id"] for c in calls.values()] == [e["id"] for e in expected]
    for call in calls.values():
        json.loads(call["arguments"])


def test_legacy_function_call_deltas(client: httpx.Client) -> None:
    chunks, _ = stream(client, messages=user("x"), functions=[WEATHER["function"]])
    entries = per_choice(chunks)[0]
    assert entries[0]["delta"]["function_call"]["name"] == "get_weather"
    arguments = "".join(e["delta"].get("function_call", {}).get("arguments", "") for e in entries)
    json.loads(arguments)
    assert entries[-1]["finish_reason"] == "function_call"


@pytest.mark.parametrize(
    "fields", [{"store": True}, {"response_format": {"type": "json_object"}, "messages": user("json please")}]
)
def test_stream_variants_are_framed_the_same(client: httpx.Client, fields: dict[str, Any]) -> None:
    chunks, _ = stream(client, **fields)
    check_choice_framing(per_choice(chunks)[0])


def test_streamed_and_stored_completion_is_retrievable(client: httpx.Client) -> None:
    chunks, _ = stream(client, store=True, messages=user("Keep this stream"))
    completion_id = chunks[0]["id"]
    stored = client.get(f"/chat/completions/{completion_id}")
    assert stored.status_code == 200
    body = stored.json()
    text = "".join(e["delta"].get("content") or "" for e in per_choice(chunks)[0])
    assert body["choices"][0]["message"]["content"] == text
