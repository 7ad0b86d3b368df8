"""The suite's own requests: each probe sends a few hand-written requests and judges the promises they show.

`PROBES` lists them in run order; each names the promises it judges (so `--only` can pick probes) and its
group. A probe that finds a capability missing (stored completions answering 404) says so and stops.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
from chat_completions_mock.facts import VOCABULARY_SIZE

from . import _checks as c
from ._results import Results
from ._shaping import CHEAP_TOKEN_LIMIT
from ._target import ServerFailed, Target

T = TypeVar("T")
HELLO = [{"role": "user", "content": "Say this is a test!"}]
LONG = [{"role": "user", "content": "Count from one to one hundred in words, one number per line."}]
PERSON_SCHEMA = {
    "type": "object",
    "properties": {
        "name": {"type": "string"},
        "age": {"type": "integer", "minimum": 0, "maximum": 150},
        "mood": {"type": "string", "enum": ["happy", "sad"]},
        "address": {
            "type": "object",
            "properties": {"city": {"type": "string"}, "zip": {"type": "string"}},
            "required": ["city", "zip"],
            "additionalProperties": False,
        },
        "tags": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["name", "age", "mood", "address", "tags"],
    "additionalProperties": False,
}


def _function(name: str, properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "function",
        "function": {
            "name": name,
            "parameters": {
                "type": "object",
                "properties": properties,
                "required": list(properties),
                "additionalProperties": False,
            },
        },
    }


LOOKUP_TOOL = _function(
    "lookup_order",
    {"order_id": {"type": "integer", "minimum": 1000, "maximum": 9999}, "include_items": {"type": "boolean"}},
)
WEATHER_TOOL = _function("get_weather", {"city": {"type": "string"}, "unit": {"type": "string", "enum": ["c", "f"]}})
TWO_TOOLS_MESSAGE = [{"role": "user", "content": "Call get_weather for Paris and lookup_order for order 1234."}]

COMPLETIONS: dict[str, dict[str, Any]] = {
    "the quickstart request": {"messages": HELLO, "temperature": 0.7},
    "three choices": {"messages": HELLO, "n": 3},
    "json_schema": {
        "messages": [{"role": "user", "content": "Describe a person as JSON."}],
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": "person", "schema": PERSON_SCHEMA, "strict": True},
        },
        "max_completion_tokens": 200,
    },
    "json_object": {
        "messages": [{"role": "user", "content": "Reply with a JSON object describing a cat."}],
        "response_format": {"type": "json_object"},
        "max_completion_tokens": 100,
    },
    "a named tool": {
        "messages": [{"role": "user", "content": "Where is order 1234?"}],
        "tools": [LOOKUP_TOOL],
        "tool_choice": {"type": "function", "function": {"name": "lookup_order"}},
    },
    "a required tool": {
        "messages": [{"role": "user", "content": "Where is order 1234?"}],
        "tools": [LOOKUP_TOOL],
        "tool_choice": "required",
    },
    "two tools at once": {
        "messages": TWO_TOOLS_MESSAGE,
        "tools": [WEATHER_TOOL, LOOKUP_TOOL],
        "tool_choice": "required",
    },
    "tool_choice none": {"messages": TWO_TOOLS_MESSAGE, "tools": [WEATHER_TOOL, LOOKUP_TOOL], "tool_choice": "none"},
    "parallel_tool_calls false": {
        "messages": TWO_TOOLS_MESSAGE,
        "tools": [WEATHER_TOOL, LOOKUP_TOOL],
        "tool_choice": "required",
        "parallel_tool_calls": False,
    },
    "logprobs": {"messages": HELLO, "logprobs": True, "top_logprobs": 3},
}
STREAMS: dict[str, dict[str, Any]] = {
    "plain": {"messages": HELLO, "stream": True},
    "usage chunk when asked": {"messages": HELLO, "stream": True, "stream_options": {"include_usage": True}},
    "no usage chunk when declined": {"messages": HELLO, "stream": True, "stream_options": {"include_usage": False}},
    "two choices with usage": {"messages": HELLO, "stream": True, "n": 2, "stream_options": {"include_usage": True}},
    "tool-call deltas": {
        "messages": [{"role": "user", "content": "Weather in Paris?"}],
        "stream": True,
        "tools": [WEATHER_TOOL],
        "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
    },
    "with logprobs": {"messages": HELLO, "stream": True, "logprobs": True, "top_logprobs": 2},
    "cut by the token limit": {"messages": HELLO, "stream": True, "max_completion_tokens": 2},
}
INVALID: dict[str, tuple[dict[str, Any], str]] = {
    "temperature out of range": ({"messages": HELLO, "temperature": 5}, "temperature"),
    "n below one": ({"messages": HELLO, "n": -3}, "n"),
    "no messages": ({}, "messages"),
    "unknown role": ({"messages": [{"role": "robot", "content": "hi"}]}, "messages"),
    "stream_options without stream": ({"messages": HELLO, "stream_options": {"include_usage": True}}, "stream_options"),
}
#: Words enough to overflow a 128k-token context window (most models'; the bundled mock's default).
OVERFLOW_WORDS = 200_000


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _headers(response: httpx.Response) -> dict[str, str]:
    return {k.lower(): v for k, v in response.headers.items()}


def body_for(target: Target, body: dict[str, Any]) -> dict[str, Any]:
    """`body` with the target's model; on a server that bills, also a small token limit."""
    body = {**body, "model": target.model}
    if not target.loopback and "max_completion_tokens" not in body and "max_tokens" not in body:
        body["max_completion_tokens"] = CHEAP_TOKEN_LIMIT
    return body


class Probe:
    """Context for one probe: send requests and judge their answers into `results`."""

    def __init__(self, name: str, target: Target, results: Results, promises: frozenset[str] = frozenset()) -> None:
        self.name, self.target, self.results, self.promises = name, target, results, promises

    def each(self, items: Iterable[T], judge: Callable[[T], None]) -> None:
        """`judge(item)` for each item; an item whose request the server failed every time is skipped, its
        promises (this probe's) noted not judged, and the next item is tried."""
        for item in items:
            try:
                judge(item)
            except ServerFailed as exc:
                self.results.unjudged(sorted(self.promises), exc.reason, self.name)

    def send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """One request, retried on a server failure (`ServerFailed` when no try got a real answer)."""
        return self.target.send(method, path, where=self.name, **kwargs)

    def judged(self, operation_id: str, request: Any, response: httpx.Response) -> Any:
        """Run every general promise on an answer; return its JSON body (None for a stream or non-JSON)."""
        outcomes = c.judge_answer(operation_id, request, response.status_code, _headers(response), response.text)
        self.results.record(outcomes, self.name, self.target.last)
        return _json(response)

    def expect(self, func: Callable[..., bool], *args: Any) -> bool:
        """Judge one promise with the last exchange as evidence; False when broken."""
        return self.results.expect(func, *args, where=self.name, exchange=self.target.last)

    def create(self, body: dict[str, Any]) -> tuple[dict[str, Any], httpx.Response]:
        request = body_for(self.target, body)
        return request, self.send("POST", "/chat/completions", json=request)


@dataclass(frozen=True)
class ProbeSpec:
    """A registered probe: its function, the promises it judges, and whether it needs auth or stored completions."""

    name: str
    run: Callable[[Probe], None]
    promises: frozenset[str]
    needs_auth: bool = False
    needs_store: bool = False


PROBES: list[ProbeSpec] = []


def probe(
    *promises: str, needs_auth: bool = False, needs_store: bool = False
) -> Callable[[Callable[[Probe], None]], Callable[[Probe], None]]:
    """Register a probe judging `promises` (its general checks on every answer come on top)."""

    def register(func: Callable[[Probe], None]) -> Callable[[Probe], None]:
        PROBES.append(ProbeSpec(func.__name__, func, frozenset(promises), needs_auth, needs_store))
        return func

    return register


@probe("missing_key_is_401", "wrong_key_is_401", "error_body_is_openai_shaped", needs_auth=True)
def bad_credentials(p: Probe) -> None:
    """No key and a wrong key both get 401 with an error body."""
    request = body_for(p.target, {"messages": HELLO})
    try:
        none = p.send("POST", "/chat/completions", json=request, auth=False)
    except ServerFailed as exc:  # the two halves are judged apart: a server failing one may keep the other
        p.results.unjudged(["missing_key_is_401"], exc.reason, p.name)
    else:
        p.judged("createChatCompletion", request, none)
        p.expect(c.missing_key_is_401, none.status_code, _json(none))
    wrong = p.send(
        "POST",
        "/chat/completions",
        json=request,
        auth=False,
        headers=p.target.key_headers("sk-not-a-real-key-0000"),
    )
    p.judged("createChatCompletion", request, wrong)
    p.expect(c.wrong_key_is_401, wrong.status_code, _json(wrong))


@probe("invalid_request_names_param", "error_body_is_openai_shaped")
def invalid_requests(p: Probe) -> None:
    """Invalid values get 400 naming the field."""

    def one(case: tuple[dict[str, Any], str]) -> None:
        body, field_name = case
        request = body_for(p.target, body)
        response = p.send("POST", "/chat/completions", json=request)
        p.judged("createChatCompletion", request, response)
        p.expect(c.invalid_request_names_param, response.status_code, _json(response), field_name)

    p.each(INVALID.values(), one)


@probe("context_overflow_is_reported")
def context_overflow(p: Probe) -> None:
    """A prompt past the context window gets context_length_exceeded."""
    request, response = p.create({"messages": [{"role": "user", "content": "hello " * OVERFLOW_WORDS}]})
    p.judged("createChatCompletion", request, response)
    p.expect(c.context_overflow_is_reported, response.status_code, _json(response))


#: A parameter no server supports: a server that ignores it silently would ignore a misspelt one too.
UNSUPPORTED_PARAMETER = "contract_unsupported_parameter"
#: The note a run carries when the server does not list its models (the `models` group is then not supported).
MODELS_NOT_LISTED = "does not list its models"


@probe("unsupported_parameter_is_400")
def unsupported_parameter(p: Probe) -> None:
    """A parameter the server does not know gets 400 naming it."""
    request, response = p.create({"messages": HELLO, UNSUPPORTED_PARAMETER: True})
    p.judged("createChatCompletion", request, response)
    p.expect(c.unsupported_parameter_is_400, response.status_code, _json(response), UNSUPPORTED_PARAMETER)


@probe("unknown_model_is_404")
def unknown_model(p: Probe) -> None:
    """A model name nobody serves gets 404 `model_not_found` (on a server that lists its models at all)."""
    listed = p.send("GET", "/models")
    if listed.status_code in (404, 405, 501):
        p.results.notes.append(f"GET /models answered {listed.status_code}: the server {MODELS_NOT_LISTED}")
        return
    request = {**body_for(p.target, {"messages": HELLO}), "model": "no-such-model-contract-probe"}
    response = p.send("POST", "/chat/completions", json=request)
    p.judged("createChatCompletion", request, response)
    p.expect(c.unknown_model_is_404, response.status_code, _json(response))


@probe("out_of_vocabulary_logit_bias_is_rejected", "bad_tool_name_is_rejected", "json_object_needs_json_mention")
def api_rules(p: Probe) -> None:
    """Rules the schema cannot state: token ids within the vocabulary, tool names, json_object needs "JSON"."""
    bad_tool = _function("get weather.now", {"city": {"type": "string"}})
    rules: list[tuple[dict[str, Any], Callable[..., bool]]] = [
        ({"messages": HELLO, "logit_bias": {str(VOCABULARY_SIZE): 5}}, c.out_of_vocabulary_logit_bias_is_rejected),
        ({"messages": HELLO, "tools": [bad_tool]}, c.bad_tool_name_is_rejected),
        ({"messages": HELLO, "response_format": {"type": "json_object"}}, c.json_object_needs_json_mention),
    ]

    def one(rule: tuple[dict[str, Any], Callable[..., bool]]) -> None:
        body, judge = rule
        request, response = p.create(body)
        p.judged("createChatCompletion", request, response)
        p.expect(judge, response.status_code, _json(response))

    p.each(rules, one)


@probe(
    "choices_match_n", "usage_adds_up", "usage_details_add_up", "finish_reason_is_known", "model_is_echoed",
    "object_names_the_type", "json_schema_is_followed", "json_object_is_an_object", "tool_calls_are_valid",
    "tool_choice_none_means_no_call", "parallel_tool_calls_false_means_one_call", "tool_call_ids_are_unique",
    "logprobs_are_complete", "logprobs_are_probabilities", "json_answers_say_json", "x_request_id_on_every_answer",
)  # fmt: skip
def completions(p: Probe) -> None:
    """Hand-written requests for each feature; every general promise judged on each answer."""

    def one(body: dict[str, Any]) -> None:
        request, response = p.create(body)
        if response.status_code != 200:
            p.results.broke(
                "positive_data_acceptance", f"a valid request got {response.status_code}", p.name, p.target.last
            )
        p.judged("createChatCompletion", request, response)

    p.each(COMPLETIONS.values(), one)


@probe("token_limit_is_respected", "max_tokens_is_honoured")
def token_limits(p: Probe) -> None:
    """A 1-token limit, new and legacy name, cuts a long answer with `length`."""

    def one(key: str) -> None:
        request, response = p.create({"messages": LONG, key: 1})
        body = p.judged("createChatCompletion", request, response)
        if isinstance(body, dict):
            p.expect(c.max_tokens_is_honoured, request, body)

    p.each(("max_completion_tokens", "max_tokens"), one)


@probe("stop_sequence_is_not_in_content")
def stop_sequences(p: Probe) -> None:
    """A word from a first answer, used as `stop`, is absent from the second."""
    request, response = p.create({"messages": LONG, "seed": 7, "temperature": 0})
    body = p.judged("createChatCompletion", request, response)
    text = ((((body or {}).get("choices") or [{}])[0].get("message") or {}).get("content") or "").split()
    words = [w for w in text if len(w) >= 3] or ["three"]
    stop = words[len(words) // 2]
    request, response = p.create({"messages": LONG, "seed": 7, "temperature": 0, "stop": [stop]})
    body = p.judged("createChatCompletion", request, response)
    if isinstance(body, dict):
        p.expect(c.stop_sequence_is_not_in_content, request, body)


@probe("seed_gives_same_fingerprint")
def seeded_twice(p: Probe) -> None:
    """The same seeded request twice reports one system_fingerprint."""
    first_request, first = p.create({"messages": HELLO, "seed": 1234})
    a = p.judged("createChatCompletion", first_request, first)
    second_request, second = p.create({"messages": HELLO, "seed": 1234})
    b = p.judged("createChatCompletion", second_request, second)
    if isinstance(a, dict) and isinstance(b, dict):
        p.expect(c.seed_gives_same_fingerprint, a, b)


@probe(
    "stream_is_well_framed", "stream_has_one_id", "stream_choices_match_n", "stream_role_comes_first",
    "stream_finishes_once_per_choice", "stream_usage_chunk_when_asked", "stream_tool_arguments_are_json",
)  # fmt: skip
def streams(p: Probe) -> None:
    """Streams of each kind, event by event."""

    def one(body: dict[str, Any]) -> None:
        request, response = p.create(body)
        if response.status_code != 200:
            p.results.broke(
                "stream_is_well_framed", f"a stream request got {response.status_code}", p.name, p.target.last
            )
            return
        p.results.record(c.judge_stream(request, _headers(response), response.text), p.name, p.target.last)

    p.each(STREAMS.values(), one)


@probe("stream_usage_matches_non_stream")
def stream_usage(p: Probe) -> None:
    """The same request streamed (with include_usage) and not streamed counts the same prompt tokens."""
    request, response = p.create({"messages": HELLO, "seed": 5})
    plain = p.judged("createChatCompletion", request, response)
    request, response = p.create(
        {"messages": HELLO, "seed": 5, "stream": True, "stream_options": {"include_usage": True}}
    )
    p.results.record(c.judge_stream(request, _headers(response), response.text), p.name, p.target.last)
    usage = None
    for event in c.parse_sse(response.text):
        try:
            chunk = json.loads(event.data)
        except ValueError:
            continue
        if isinstance(chunk, dict) and isinstance(chunk.get("usage"), dict):
            usage = chunk["usage"]
    if isinstance(plain, dict) and isinstance(plain.get("usage"), dict):
        p.expect(c.stream_usage_matches_non_stream, usage or {}, plain["usage"])


def _eventually(
    p: Probe, fetch: Callable[[], httpx.Response], ready: Callable[[httpx.Response], bool]
) -> httpx.Response:
    """Real servers index stored completions asynchronously: retry a read a few times before judging it."""
    attempts = 1 if p.target.bundled else 4
    for attempt in range(attempts):
        result = fetch()
        if ready(result) or attempt == attempts - 1:
            return result
        time.sleep(1.0)
    raise AssertionError("unreachable")


@probe(
    "stored_completion_can_be_read_back", "metadata_update_is_kept", "list_filters_by_metadata", "list_page_is_consistent",
    "stored_messages_are_listed", "delete_confirms", "deleted_is_gone_everywhere", "unknown_completion_is_404",
    needs_store=True,
)  # fmt: skip
def stored_round_trip(p: Probe) -> None:
    """create (store) → retrieve → update → list by metadata → messages → delete → 404 on every route."""
    tag = f"contract-{time.time_ns()}"
    request, created = p.create({"messages": HELLO, "store": True, "metadata": {"suite": tag}})
    body = p.judged("createChatCompletion", request, created)
    if created.status_code != 200 or not isinstance(body, dict):
        p.results.broke(
            "stored_completion_can_be_read_back", f"create with store: {created.status_code}", p.name, p.target.last
        )
        return
    completion_id = str(body.get("id"))
    path = f"/chat/completions/{completion_id}"
    got = _eventually(p, lambda: p.send("GET", path), lambda r: r.status_code == 200)
    p.expect(
        c.stored_completion_can_be_read_back, got.status_code, p.judged("getChatCompletion", None, got), completion_id
    )

    metadata = {"suite": tag, "step": "updated"}
    updated = p.send("POST", path, json={"metadata": metadata})
    p.expect(c.metadata_update_is_kept, metadata, p.judged("updateChatCompletion", {"metadata": metadata}, updated))

    def listed() -> httpx.Response:
        return p.send("GET", "/chat/completions", params={"metadata[suite]": tag, "limit": 10})

    page = _eventually(p, listed, lambda r: r.status_code == 200 and bool((_json(r) or {}).get("data")))
    p.expect(c.list_filters_by_metadata, p.judged("listChatCompletions", None, page), tag, completion_id)

    messages = p.send("GET", f"{path}/messages")
    p.expect(c.stored_messages_are_listed, p.judged("getChatCompletionMessages", None, messages), request["messages"])

    deleted = p.send("DELETE", path)
    if deleted.status_code == 404 and p.target.effect_unknown:  # the unanswered try deleted it
        p.judged("deleteChatCompletion", None, deleted)
        reason = "the first delete got no answer (it may have deleted); the retry found it gone"
        p.results.unjudged(["delete_confirms"], reason, p.name)
    else:
        p.expect(c.delete_confirms, p.judged("deleteChatCompletion", None, deleted), completion_id)
    statuses: dict[str, int] = {}
    exchanges: dict[str, Any] = {}
    for label, method, route, payload in (
        ("retrieve", "GET", path, None),
        ("messages", "GET", f"{path}/messages", None),
        ("update", "POST", path, {"metadata": {"suite": tag}}),
        ("delete", "DELETE", path, None),
    ):
        gone = p.send(method, route, json=payload)
        p.judged("getChatCompletion", payload, gone)
        statuses[label] = gone.status_code
        exchanges[label] = p.target.last
    wrong = [
        label for label, status in statuses.items() if status != 404
    ]  # the evidence: the first route that answered
    evidence = exchanges[wrong[0]] if wrong else p.target.last
    p.results.expect(c.deleted_is_gone_everywhere, statuses, where=p.name, exchange=evidence)

    unknown = p.send("GET", "/chat/completions/chatcmpl-does-not-exist-0000")
    p.expect(c.unknown_completion_is_404, unknown.status_code, p.judged("getChatCompletion", None, unknown))


@probe("pagination_walks_every_item_once", "list_respects_limit_and_order", "list_page_is_consistent", needs_store=True)
def pagination(p: Probe) -> None:
    """Three stored completions, paged two at a time in both orders."""
    tag = f"pages-{time.time_ns()}"
    created = []
    unanswered_create = False
    for _ in range(3):
        request, response = p.create({"messages": HELLO, "store": True, "metadata": {"suite": tag}})
        body = p.judged("createChatCompletion", request, response)
        if response.status_code != 200 or not isinstance(body, dict):
            p.results.broke(
                "pagination_walks_every_item_once", f"create with store: {response.status_code}", p.name, p.target.last
            )
            return
        created.append(str(body["id"]))
        unanswered_create = unanswered_create or p.target.effect_unknown  # that try may have stored one more
        # Distinct `created` seconds, and time to index, on remote servers (a loopback one is a local test server).
        time.sleep(0.0 if p.target.loopback else 1.0)
    if not p.target.loopback:
        time.sleep(2.0)
    for order in ("asc", "desc"):
        seen: list[str] = []
        after: str | None = None
        for _ in range(5):
            params = {"metadata[suite]": tag, "limit": 2, "order": order, **({"after": after} if after else {})}
            answer = p.send("GET", "/chat/completions", params=params)
            page = p.judged("listChatCompletions", None, answer)
            if not isinstance(page, dict):
                break
            p.expect(c.list_respects_limit_and_order, page, 2, order)
            seen += [str(item.get("id")) for item in page.get("data") or [] if isinstance(item, dict)]
            if not page.get("has_more") or not page.get("last_id"):
                break
            after = page["last_id"]
        if unanswered_create:  # a create that got no answer may have stored a completion this probe never saw
            seen = [item for item in seen if item in created]
        p.expect(c.pagination_walks_every_item_once, seen, created)
    for completion_id in created:
        p.send("DELETE", f"/chat/completions/{completion_id}")
