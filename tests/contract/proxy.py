"""A loopback HTTP proxy in front of a server, passing answers through or breaking one promise on purpose.

`running_proxy(upstream)` yields a base URL that forwards every request to `upstream` (ending in `/v1`) and returns
its answer unchanged; `running_proxy(upstream, breakage=NAME, upstream_key=KEY)` first rewrites the request and/or
the answer as `BREAKAGES[NAME]` says, to prove the contract run notices. `BREAKAGES` is keyed by promise id:
each entry breaks that promise (and may break others on the way). Answers are buffered whole.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

import httpx
import uvicorn
from loopback import free_port
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "host"}
ITEM = re.compile(r"^/chat/completions/[^/]+$")


@dataclass
class Sent:
    """The request as the proxy forwards it (rewritable): path relative to /v1, query pairs, parsed JSON body."""

    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    body: Any
    upstream_key: str = ""

    @property
    def is_create(self) -> bool:
        return self.method == "POST" and self.path == "/chat/completions"

    @property
    def is_item(self) -> bool:
        return bool(ITEM.match(self.path))


@dataclass
class Answer:
    """The answer as the proxy returns it (rewritable)."""

    status: int
    headers: dict[str, str]
    content: bytes

    @property
    def is_json(self) -> bool:
        return self.headers.get("content-type", "").startswith("application/json")

    @property
    def is_stream(self) -> bool:
        return self.headers.get("content-type", "").startswith("text/event-stream")

    def json(self) -> Any:
        return json.loads(self.content)

    def set_json(self, data: Any) -> None:
        self.content = json.dumps(data).encode()


@dataclass
class Breakage:
    """What to change: the request before it is forwarded, the answer before it is returned, or both."""

    request: Callable[[Sent], None] | None = None
    answer: Callable[[Sent, Answer], None] | None = None


def _completion_json(edit: Callable[[dict[str, Any], dict[str, Any]], None]) -> Breakage:
    """Edit the JSON body of successful non-stream create answers: edit(request body, answer body)."""

    def answer(sent: Sent, got: Answer) -> None:
        if sent.is_create and got.status == 200 and got.is_json:
            data = got.json()
            edit(sent.body if isinstance(sent.body, dict) else {}, data)
            got.set_json(data)

    return Breakage(answer=answer)


def _payloads(got: Answer) -> list[str]:
    return [line[len("data: ") :] for line in got.content.decode().split("\n") if line.startswith("data: ")]


def _stream(edit: Callable[[list[str]], list[str]]) -> Breakage:
    """Edit the list of SSE `data:` payloads of a stream."""

    def answer(sent: Sent, got: Answer) -> None:
        if got.is_stream:
            got.content = "".join(f"data: {p}\n\n" for p in edit(_payloads(got))).encode()

    return Breakage(answer=answer)


def _chunks(edit: Callable[[list[dict[str, Any]]], list[dict[str, Any]]]) -> Breakage:
    """Edit the parsed chunks of a stream (the final [DONE] kept)."""

    def on_payloads(payloads: list[str]) -> list[str]:
        chunks = [json.loads(p) for p in payloads if p != "[DONE]"]
        return [json.dumps(c) for c in edit(chunks)] + ["[DONE]"]

    return _stream(on_payloads)


def _errors(edit: Callable[[Sent, Answer], None], statuses: range = range(400, 600)) -> Breakage:
    def answer(sent: Sent, got: Answer) -> None:
        if got.status in statuses:
            edit(sent, got)

    return Breakage(answer=answer)


def _error_field(key: str, value: Any, when: Callable[[dict[str, Any]], bool] = lambda e: True) -> Breakage:
    def edit(sent: Sent, got: Answer) -> None:
        if got.is_json:
            data = got.json()
            if isinstance(data.get("error"), dict) and when(data["error"]):
                data["error"][key] = value
                got.set_json(data)

    return _errors(edit)


def _request_body(edit: Callable[[dict[str, Any]], None]) -> Breakage:
    def request(sent: Sent) -> None:
        if sent.is_create and isinstance(sent.body, dict):
            edit(sent.body)

    return Breakage(request=request)


def _set_key(when: Callable[[str | None], bool]) -> Breakage:
    def request(sent: Sent) -> None:
        given = sent.headers.get("authorization")
        if when(given):
            sent.headers["authorization"] = f"Bearer {sent.upstream_key}"

    return Breakage(request=request)


def _fake_completion(completion_id: str = "chatcmpl-fake") -> dict[str, Any]:
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": "gpt-4o-mini",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": "ok", "refusal": None},
                "finish_reason": "stop",
                "logprobs": None,
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _error_body(message: str, code: str | None = None) -> bytes:
    return json.dumps(
        {"error": {"message": message, "type": "invalid_request_error", "param": None, "code": code}}
    ).encode()


# --- one function per rewrite -------------------------------------------------------------------------------


def _first_choice(key: str, value: Any) -> Callable[[dict[str, Any], dict[str, Any]], None]:
    def edit(request: dict[str, Any], data: dict[str, Any]) -> None:
        if data.get("choices"):
            data["choices"][0][key] = value

    return edit


def _over_limit(request: dict[str, Any], data: dict[str, Any]) -> None:
    limit = request.get("max_completion_tokens") or request.get("max_tokens")
    if isinstance(limit, int) and "usage" in data:
        extra = limit * int(request.get("n") or 1) + 3 - data["usage"]["completion_tokens"]
        data["usage"]["completion_tokens"] += extra
        data["usage"]["total_tokens"] += extra


def _details_too_big(request: dict[str, Any], data: dict[str, Any]) -> None:
    if "usage" in data:
        data["usage"]["completion_tokens_details"] = {"reasoning_tokens": data["usage"]["completion_tokens"] + 5}


def _content_for(kind: str, content: str) -> Callable[[dict[str, Any], dict[str, Any]], None]:
    def edit(request: dict[str, Any], data: dict[str, Any]) -> None:
        if (request.get("response_format") or {}).get("type") == kind:
            for choice in data.get("choices", []):
                choice["message"]["content"] = content

    return edit


def _calls(edit: Callable[[list[dict[str, Any]]], None]) -> Callable[[dict[str, Any], dict[str, Any]], None]:
    def on_completion(request: dict[str, Any], data: dict[str, Any]) -> None:
        for choice in data.get("choices", []):
            if choice["message"].get("tool_calls"):
                edit(choice["message"]["tool_calls"])

    return on_completion


def _bad_arguments(calls: list[dict[str, Any]]) -> None:
    for call in calls:
        call["function"]["arguments"] = "not json {"


def _same_ids(calls: list[dict[str, Any]]) -> None:
    for call in calls:
        call["id"] = "call_same"


def _logprobs(edit: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any], dict[str, Any]], None]:
    def on_completion(request: dict[str, Any], data: dict[str, Any]) -> None:
        for choice in data.get("choices", []):
            edit(choice)

    return on_completion


def _positive_logprobs(choice: dict[str, Any]) -> None:
    for entry in (choice.get("logprobs") or {}).get("content") or []:
        entry["logprob"] = 0.5


def _fingerprints() -> Breakage:
    counter = itertools.count()

    def edit(request: dict[str, Any], data: dict[str, Any]) -> None:
        data["system_fingerprint"] = f"fp_{next(counter):010d}"

    return _completion_json(edit)


def _drop_role(chunks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    chunks[0]["choices"][0]["delta"].pop("role", None)
    return chunks


def _second_id(chunks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    chunks[1]["id"] += "-other"
    return chunks


def _only_choice_zero(chunks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for chunk in chunks:
        chunk["choices"] = [c for c in chunk["choices"] if c["index"] == 0]
    return [c for c in chunks if c["choices"] or c.get("usage")]


def _early_finish(chunks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for choice in chunks[0]["choices"]:
        choice["finish_reason"] = "stop"
    return chunks


def _no_usage_chunk(chunks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for c in chunks if c["choices"]]


def _more_prompt_tokens(chunks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for chunk in chunks:
        if chunk.get("usage"):
            chunk["usage"]["prompt_tokens"] += 1
            chunk["usage"]["total_tokens"] += 1
    return chunks


def _bad_streamed_arguments(chunks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for chunk in chunks:
        for choice in chunk["choices"]:
            for call in choice["delta"].get("tool_calls") or []:
                if (call.get("function") or {}).get("arguments"):
                    call["function"]["arguments"] += "}"
    return chunks


def _item_answer(
    method: str, edit: Callable[[Sent, Answer], None], path: Callable[[Sent], bool] | None = None
) -> Breakage:
    def answer(sent: Sent, got: Answer) -> None:
        if sent.method == method and (path(sent) if path else sent.is_item) and got.is_json:
            edit(sent, got)

    return Breakage(answer=answer)


def _hide_stored(sent: Sent, got: Answer) -> None:
    if got.status == 200:
        got.status, got.content = 404, _error_body("No such completion.")


def _forget_metadata(sent: Sent, got: Answer) -> None:
    if got.status == 200:
        data = got.json()
        data["metadata"] = {}
        got.set_json(data)


def _is_list(sent: Sent) -> bool:
    return sent.path == "/chat/completions"


def _is_messages(sent: Sent) -> bool:
    return sent.path.endswith("/messages")


def _page(edit: Callable[[dict[str, Any]], None]) -> Callable[[Sent, Answer], None]:
    def on_page(sent: Sent, got: Answer) -> None:
        if got.status == 200:
            data = got.json()
            edit(data)
            got.set_json(data)

    return on_page


def _filtered_empty(sent: Sent, got: Answer) -> None:
    """A metadata filter that finds nothing."""
    if got.status == 200 and any(k.startswith("metadata[") for k, _ in sent.query):
        got.set_json({"object": "list", "data": [], "first_id": None, "last_id": None, "has_more": False})


def _drop_query(prefix: str) -> Breakage:
    def request(sent: Sent) -> None:
        if sent.method == "GET" and sent.path == "/chat/completions":
            sent.query = [(k, v) for k, v in sent.query if not k.startswith(prefix)]

    return Breakage(request=request)


def _no_delete() -> Breakage:
    """DELETE does nothing upstream (sent as GET) but the proxy confirms it."""

    def request(sent: Sent) -> None:
        if sent.method == "DELETE" and sent.is_item:
            sent.method = "GET"
            sent.headers["x-was-delete"] = "1"

    def answer(sent: Sent, got: Answer) -> None:
        if sent.headers.get("x-was-delete") and got.status == 200:
            got.set_json({"object": "chat.completion.deleted", "id": sent.path.rsplit("/", 1)[1], "deleted": True})

    return Breakage(request=request, answer=answer)


def _found_unknown(sent: Sent, got: Answer) -> None:
    if got.status == 404:
        got.status = 200
        got.set_json(_fake_completion(sent.path.rsplit("/", 1)[1]))


def _negative_accepted(sent: Sent, got: Answer) -> None:
    if sent.is_create and got.status == 400:
        got.status = 200
        got.set_json(_fake_completion())


def _positive_refused(sent: Sent, got: Answer) -> None:
    if sent.is_create and got.status == 200:
        got.status, got.content = 400, _error_body("Refused.")
        got.headers["content-type"] = "application/json"


def _content_type(value: str) -> Breakage:
    def answer(sent: Sent, got: Answer) -> None:
        if got.is_json:
            got.headers["content-type"] = value

    return Breakage(answer=answer)


def _drop_header(name: str) -> Breakage:
    def answer(sent: Sent, got: Answer) -> None:
        got.headers.pop(name, None)

    return Breakage(answer=answer)


def _status(old: int, new: int) -> Breakage:
    def edit(sent: Sent, got: Answer) -> None:
        if got.status == old:
            got.status = new

    return _errors(edit)


def _no_stored_routes() -> Breakage:
    """A server without stored completions: every route but create answers 404 (as most compatible servers do)."""

    def answer(sent: Sent, got: Answer) -> None:
        if (sent.method == "GET" and sent.path == "/chat/completions") or sent.path.startswith("/chat/completions/"):
            got.status, got.content = 404, b'{"detail":"Not Found"}'
            got.headers = {"content-type": "application/json"}

    return Breakage(answer=answer)


def _no_model_list() -> Breakage:
    """A server that does not list its models: `GET /models` answers 404 (it then makes no model promise)."""

    def answer(sent: Sent, got: Answer) -> None:
        if sent.method == "GET" and sent.path.startswith("/models"):
            got.status, got.content = 404, b'{"detail":"Not Found"}'
            got.headers = {"content-type": "application/json"}

    return Breakage(answer=answer)


def _any_model(body: dict[str, Any]) -> None:
    """Serve a model the upstream does not know as one it does (what a server that ignores `model` does)."""
    if str(body.get("model", "")).startswith("no-such-model"):
        body["model"] = "gpt-4o-mini"


def _sanitise_tool_names(body: dict[str, Any]) -> None:
    for tool in body.get("tools") or []:
        if isinstance(tool, dict) and isinstance(tool.get("function"), dict):
            tool["function"]["name"] = re.sub(r"[^a-zA-Z0-9_-]", "_", str(tool["function"].get("name")))


def _mention_json(body: dict[str, Any]) -> None:
    if (body.get("response_format") or {}).get("type") == "json_object":
        body["messages"] = [*body.get("messages", []), {"role": "system", "content": "Answer in JSON."}]


def _drop(key: str) -> Callable[[dict[str, Any]], None]:
    def edit(body: dict[str, Any]) -> None:
        body.pop(key, None)

    return edit


def _force_tool_call(body: dict[str, Any]) -> None:
    if body.get("tool_choice") == "none":
        body["tool_choice"] = "required"


def _set_path(path: str, value: Any) -> Callable[[dict[str, Any], dict[str, Any]], None]:
    def edit(request: dict[str, Any], data: dict[str, Any]) -> None:
        keys = path.split(".")
        target = data
        for key in keys[:-1]:
            target = target.get(key) or {}
        if keys[-1] == "total_tokens" and "total_tokens" in target:
            target["total_tokens"] += value
        elif keys[-1] == "choices":
            data["choices"] = data["choices"][:value]
        else:
            target[keys[-1]] = value

    return edit


#: promise id -> a server rewrite that breaks it.
BREAKAGES: dict[str, Breakage] = {
    # auth
    "missing_key_is_401": _set_key(lambda given: not given),
    "wrong_key_is_401": _set_key(bool),
    "ignored_auth": _set_key(lambda given: True),
    # validation and error bodies
    "error_body_is_openai_shaped": _errors(
        lambda sent, got: setattr(got, "content", b'{"detail": "something went wrong"}')
    ),
    "invalid_request_names_param": _error_field("param", None),
    "context_overflow_is_reported": _error_field(
        "code", "invalid_value", lambda e: e.get("code") == "context_length_exceeded"
    ),
    "out_of_vocabulary_logit_bias_is_rejected": _request_body(_drop("logit_bias")),
    "unsupported_parameter_is_400": _request_body(_drop("contract_unsupported_parameter")),
    # models
    "unknown_model_is_404": _request_body(_any_model),
    "bad_tool_name_is_rejected": _request_body(_sanitise_tool_names),
    "not_a_server_error": _status(400, 500),
    "status_code_conformance": _status(400, 418),
    "negative_data_rejection": Breakage(answer=_negative_accepted),
    "positive_data_acceptance": Breakage(answer=_positive_refused),
    "unsupported_method": _status(405, 404),
    # completion semantics
    "object_names_the_type": _completion_json(_set_path("object", "chat.completion.v2")),
    "choices_match_n": _completion_json(_set_path("choices", 1)),
    "usage_adds_up": _completion_json(_set_path("usage.total_tokens", 1)),
    "usage_details_add_up": _completion_json(_details_too_big),
    "finish_reason_is_known": _completion_json(_first_choice("finish_reason", "done")),
    "token_limit_is_respected": _completion_json(_over_limit),
    "max_tokens_is_honoured": _request_body(_drop("max_tokens")),
    "stop_sequence_is_not_in_content": _request_body(_drop("stop")),
    "seed_gives_same_fingerprint": _fingerprints(),
    "model_is_echoed": _completion_json(_set_path("model", "some-other-model")),
    "response_schema_conformance": _completion_json(lambda request, data: data.pop("created", None)),
    # tools
    "tool_calls_are_valid": _completion_json(_calls(_bad_arguments)),
    "tool_choice_none_means_no_call": _request_body(_force_tool_call),
    "parallel_tool_calls_false_means_one_call": _request_body(_drop("parallel_tool_calls")),
    "tool_call_ids_are_unique": _completion_json(_calls(_same_ids)),
    # structured output
    "json_schema_is_followed": _completion_json(_content_for("json_schema", '{"unexpected": true}')),
    "json_object_is_an_object": _completion_json(_content_for("json_object", "[1, 2, 3]")),
    "json_object_needs_json_mention": _request_body(_mention_json),
    # logprobs
    "logprobs_are_complete": _completion_json(_logprobs(lambda choice: choice.update(logprobs=None))),
    "logprobs_are_probabilities": _completion_json(_logprobs(_positive_logprobs)),
    # streaming framing
    "stream_is_well_framed": _stream(lambda payloads: [p for p in payloads if p != "[DONE]"]),
    "stream_has_one_id": _chunks(_second_id),
    "stream_choices_match_n": _chunks(_only_choice_zero),
    "stream_role_comes_first": _chunks(_drop_role),
    "stream_finishes_once_per_choice": _chunks(_early_finish),
    "stream_usage_chunk_when_asked": _chunks(_no_usage_chunk),
    "stream_usage_matches_non_stream": _chunks(_more_prompt_tokens),
    "stream_tool_arguments_are_json": _chunks(_bad_streamed_arguments),
    # stored completions
    "stored_completion_can_be_read_back": _item_answer("GET", _hide_stored),
    "metadata_update_is_kept": _item_answer("POST", _forget_metadata),
    "list_filters_by_metadata": _item_answer("GET", _filtered_empty, _is_list),
    "list_page_is_consistent": _item_answer(
        "GET", _page(lambda page: page.update(first_id="chatcmpl-wrong")), _is_list
    ),
    "list_respects_limit_and_order": _drop_query("limit"),
    "pagination_walks_every_item_once": _item_answer("GET", _page(lambda page: page.update(has_more=False)), _is_list),
    "stored_messages_are_listed": _item_answer(
        "GET", _page(lambda page: page.update(data=[], first_id=None, last_id=None)), _is_messages
    ),
    "delete_confirms": _item_answer("DELETE", _page(lambda body: body.update(deleted=False))),
    "deleted_is_gone_everywhere": _no_delete(),
    "unknown_completion_is_404": _item_answer("GET", _found_unknown),
    "use_after_free": _no_delete(),
    # headers
    "json_answers_say_json": _content_type("text/plain"),
    "x_request_id_on_every_answer": _drop_header("x-request-id"),
    "content_type_conformance": _content_type("application/xml"),
}
#: Rewrites that are no broken promise but a missing capability.
CAPABILITY_GAPS: dict[str, Breakage] = {
    "no stored completions": _no_stored_routes(),
    "no model list": _no_model_list(),
}


def create_proxy(
    upstream: str, breakage: str | None = None, upstream_key: str = "", log: list[Any] | None = None
) -> ASGIApp:
    """An ASGI app forwarding `/v1/...` to `upstream` (ending in `/v1`), optionally breaking a promise;
    with `log`, each forwarded request is appended to it as (method, path, query, body)."""
    rewrite = (BREAKAGES.get(breakage) or CAPABILITY_GAPS[breakage]) if breakage else None
    client = httpx.AsyncClient(timeout=httpx.Timeout(60.0, connect=5.0))

    async def forward(request: Request) -> Response:
        raw_path = request.scope["raw_path"].decode("latin-1").removeprefix("/v1")  # still %-encoded
        query = parse_qsl(request.scope["query_string"].decode("latin-1"), keep_blank_values=True)
        content = await request.body()
        try:
            body = json.loads(content) if content else None
        except ValueError:
            body = None
        headers = {k.lower(): v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
        sent = Sent(request.method, raw_path, query, headers, body, upstream_key)
        if rewrite is not None and rewrite.request is not None:
            before = json.dumps(sent.body)
            rewrite.request(sent)
            if json.dumps(sent.body) != before:
                content = json.dumps(sent.body).encode()
        if log is not None:
            log.append((sent.method, sent.path, urlencode(sent.query), sent.body))
        out_headers = {k: v for k, v in sent.headers.items() if k != "x-was-delete"}
        url = upstream + sent.path + (f"?{urlencode(sent.query)}" if sent.query else "")
        upstream_response = await client.request(sent.method, url, content=content, headers=out_headers)
        answer = Answer(
            upstream_response.status_code,
            {k.lower(): v for k, v in upstream_response.headers.items() if k.lower() not in HOP_BY_HOP},
            upstream_response.content,
        )
        if rewrite is not None and rewrite.answer is not None:
            rewrite.answer(sent, answer)
        return Response(answer.content, status_code=answer.status, headers=answer.headers)

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        """Every path and method goes to `forward` (no router: ids may hold any character)."""
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await client.aclose()
            await send({"type": "lifespan.shutdown.complete"})
            return
        response = await forward(Request(scope, receive))
        await response(scope, receive, send)

    return app


@contextmanager
def running_proxy(
    upstream: str, breakage: str | None = None, upstream_key: str = "", log: list[Any] | None = None
) -> Iterator[str]:
    """Serve `create_proxy(...)` on a free loopback port; yield its base URL (ending in `/v1`)."""
    port = free_port()
    config = uvicorn.Config(
        create_proxy(upstream.rstrip("/"), breakage, upstream_key, log),
        host="127.0.0.1",
        port=port,
        log_level="warning",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the proxy did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
