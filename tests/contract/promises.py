"""The Chat Completions promises the contract suite checks, one named function each.

Every check takes plain data (the request body the client sent, the status, headers and body
the server answered) so the same function serves schemathesis (see `conftest.py`) and the
plain tests. A broken promise raises `BrokenPromise`, whose message starts with the check's
name: `[choices_match_n] asked for n=3, got 1 choice(s)`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
import yaml

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi" / "chat-completions.yaml"
FINISH_REASONS = frozenset({"stop", "length", "tool_calls", "content_filter", "function_call"})
OBJECT_OF = {
    "createChatCompletion": "chat.completion",
    "getChatCompletion": "chat.completion",
    "updateChatCompletion": "chat.completion",
    "listChatCompletions": "list",
    "getChatCompletionMessages": "list",
    "deleteChatCompletion": "chat.completion.deleted",
}

Body = Mapping[str, Any]
Check = Callable[..., None]
CHECKS: dict[str, Check] = {}


class BrokenPromise(AssertionError):
    """A server broke one promise of the API; `check` names it."""

    def __init__(self, check: str, detail: str) -> None:
        self.check, self.detail = check, detail
        super().__init__(f"[{check}] {detail}")


def promise(func: Check) -> Check:
    """Register `func` as a named check; its docstring's first line says which promise it checks."""
    CHECKS[func.__name__] = func
    return func


def require(ok: object, check: str, detail: str) -> None:
    if not ok:
        raise BrokenPromise(check, detail)


@cache
def spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC_PATH.read_text())  # type: ignore[no-any-return]


@cache
def component_validator(name: str) -> jsonschema_rs.Validator:
    """A validator for one component schema of the trimmed spec (its `$ref`s resolved inside the spec)."""
    root = {"$ref": f"#/components/schemas/{name}", "components": spec()["components"]}
    return jsonschema_rs.Draft202012Validator(root)


def schema_errors(name: str, instance: Any, limit: int = 3) -> list[str]:
    errors = []
    for error in component_validator(name).iter_errors(instance):
        where = "/".join(str(p) for p in error.instance_path) or "(root)"
        errors.append(f"{where}: {error.message}")
        if len(errors) >= limit:
            break
    return errors


# --- chat semantics of a non-streamed completion -------------------------------------------------


def _whole_number(value: Any) -> int | None:
    """`value` as an int when JSON Schema would call it an integer (2 and 2.0 alike), else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value) if float(value).is_integer() else None


def _requested_n(request: Body) -> int:
    n = _whole_number(request.get("n"))
    return n if n is not None else 1


def _token_limit(request: Body) -> int | None:
    for key in ("max_completion_tokens", "max_tokens"):
        value = _whole_number(request.get(key))
        if value is not None:
            return value
    return None


@promise
def choices_match_n(request: Body, body: Body) -> None:
    """Asking for `n` choices gets exactly n choices, indexed 0..n-1."""
    n = _requested_n(request)
    indexes = sorted(c.get("index") for c in body.get("choices", []))
    require(len(indexes) == n, "choices_match_n", f"asked for n={n}, got {len(indexes)} choice(s)")
    require(indexes == list(range(n)), "choices_match_n", f"choice indexes are {indexes}, expected 0..{n - 1}")


@promise
def usage_adds_up(request: Body, body: Body) -> None:
    """`usage.total_tokens` is `prompt_tokens + completion_tokens`, and the prompt costs at least one token."""
    usage = body.get("usage")
    if usage is None:
        return
    prompt, completion, total = usage.get("prompt_tokens"), usage.get("completion_tokens"), usage.get("total_tokens")
    require(
        total == prompt + completion,
        "usage_adds_up",
        f"total_tokens {total} != prompt_tokens {prompt} + completion_tokens {completion}",
    )
    require(prompt > 0, "usage_adds_up", f"prompt_tokens is {prompt} for a non-empty prompt")


@promise
def finish_reason_is_known(request: Body, body: Body) -> None:
    """Every choice ends with a documented `finish_reason`."""
    for choice in body.get("choices", []):
        reason = choice.get("finish_reason")
        require(reason in FINISH_REASONS, "finish_reason_is_known", f"choice {choice.get('index')}: {reason!r}")


@promise
def token_limit_is_respected(request: Body, body: Body) -> None:
    """With a token limit, completion tokens stay within it for each choice, and a cut choice says `length`."""
    limit, usage = _token_limit(request), body.get("usage")
    if limit is None or usage is None:
        return
    n = _requested_n(request)
    completion = usage.get("completion_tokens", 0)
    require(
        completion <= limit * n,
        "token_limit_is_respected",
        f"{completion} completion tokens for n={n} choice(s) with a limit of {limit} each",
    )


def _content_json(choice: Body, check: str) -> Any:
    content = choice.get("message", {}).get("content")
    require(isinstance(content, str), check, f"choice {choice.get('index')}: content is {content!r}, not text")
    try:
        return json.loads(content)
    except ValueError as exc:
        raise BrokenPromise(check, f"choice {choice.get('index')}: content is not JSON ({exc})") from None


@promise
def json_schema_is_followed(request: Body, body: Body) -> None:
    """With `response_format: json_schema`, every finished choice's content is JSON valid against that schema."""
    fmt = request.get("response_format")
    if not isinstance(fmt, Mapping) or fmt.get("type") != "json_schema":
        return
    schema = fmt.get("json_schema", {}).get("schema")
    for choice in body.get("choices", []):
        if choice.get("finish_reason") != "stop":
            continue  # cut short by a limit or a filter: the JSON may be incomplete
        value = _content_json(choice, "json_schema_is_followed")
        if isinstance(schema, Mapping):
            errors = [e.message for e in jsonschema_rs.validator_for(schema).iter_errors(value)][:3]
            require(not errors, "json_schema_is_followed", f"choice {choice.get('index')}: {errors}")


@promise
def json_object_is_an_object(request: Body, body: Body) -> None:
    """With `response_format: json_object`, every finished choice's content is a JSON object."""
    fmt = request.get("response_format")
    if not isinstance(fmt, Mapping) or fmt.get("type") != "json_object":
        return
    for choice in body.get("choices", []):
        if choice.get("finish_reason") == "stop":
            value = _content_json(choice, "json_object_is_an_object")
            require(isinstance(value, dict), "json_object_is_an_object", f"content is a {type(value).__name__}")


def _functions(request: Body) -> dict[str, Any]:
    tools = request.get("tools") or []
    return {
        t["function"]["name"]: t["function"].get("parameters")
        for t in tools
        if isinstance(t, Mapping) and t.get("type") == "function" and isinstance(t.get("function"), Mapping)
    }


def _forced_function(request: Body) -> str | None:
    """The function a request forces: `tool_choice: required` with one function, or a named function."""
    choice, functions = request.get("tool_choice"), _functions(request)
    if isinstance(choice, Mapping) and choice.get("type") == "function":
        return str(choice.get("function", {}).get("name"))
    if choice == "required" and len(functions) == 1:
        return next(iter(functions))
    return None


@promise
def tool_calls_are_valid(request: Body, body: Body) -> None:
    """Tool calls name a function the request offered, with `arguments` JSON valid against its parameters."""
    functions = _functions(request)
    forced = _forced_function(request) or (request.get("tool_choice") == "required" and functions)
    for choice in body.get("choices", []):
        message = choice.get("message", {})
        calls = message.get("tool_calls") or []
        if forced and choice.get("finish_reason") != "length":
            require(calls, "tool_calls_are_valid", f"choice {choice.get('index')}: tool_choice forces a call, got none")
            require(
                choice.get("finish_reason") == "tool_calls",
                "tool_calls_are_valid",
                f"choice {choice.get('index')}: finish_reason {choice.get('finish_reason')!r}, expected 'tool_calls'",
            )
        for call in calls:
            if call.get("type") != "function":
                continue
            name = call.get("function", {}).get("name")
            require(name in functions, "tool_calls_are_valid", f"call to {name!r}, offered {sorted(functions)}")
            if isinstance(forced, str):
                require(name == forced, "tool_calls_are_valid", f"tool_choice named {forced!r}, model called {name!r}")
            try:
                arguments = json.loads(call.get("function", {}).get("arguments", ""))
            except ValueError:
                raise BrokenPromise("tool_calls_are_valid", f"{name}: arguments are not JSON") from None
            schema = functions[name]
            if isinstance(schema, Mapping) and schema:
                errors = [e.message for e in jsonschema_rs.validator_for(schema).iter_errors(arguments)][:3]
                require(not errors, "tool_calls_are_valid", f"{name}: arguments break the parameters schema: {errors}")


@promise
def logprobs_are_complete(request: Body, body: Body) -> None:
    """With `logprobs: true`, each choice's text comes with one entry per token, each with `top_logprobs` alternatives."""
    if request.get("logprobs") is not True:
        return
    k = _whole_number(request.get("top_logprobs")) or 0
    for choice in body.get("choices", []):
        if not (choice.get("message") or {}).get("content"):
            continue  # a tool call or a refusal carries no content tokens
        logprobs = choice.get("logprobs")
        entries = logprobs.get("content") if isinstance(logprobs, Mapping) else None
        require(
            entries,
            "logprobs_are_complete",
            f"choice {choice.get('index')}: logprobs asked for, got {logprobs!r}"[:200],
        )
        counts = {len(e.get("top_logprobs") or []) for e in entries if isinstance(e, Mapping)}
        require(
            counts == {k},
            "logprobs_are_complete",
            f"choice {choice.get('index')}: top_logprobs={k}, got {sorted(counts)}",
        )


@promise
def list_page_is_consistent(body: Body) -> None:
    """A page is `object: list` with `data`, `first_id`/`last_id` naming its ends and a boolean `has_more`."""
    name = "list_page_is_consistent"
    require(isinstance(body, Mapping) and isinstance(body.get("data"), list), name, f"no `data` list in {body!r}"[:200])
    require(body.get("object") == "list", name, f"object is {body.get('object')!r}")
    ids = [item.get("id") for item in body["data"] if isinstance(item, Mapping)]
    if ids:
        require(
            (body.get("first_id"), body.get("last_id")) == (ids[0], ids[-1]),
            name,
            "first_id/last_id do not match the page",
        )
    require(isinstance(body.get("has_more"), bool), name, f"has_more is {body.get('has_more')!r}")


COMPLETION_CHECKS = (
    choices_match_n,
    usage_adds_up,
    finish_reason_is_known,
    token_limit_is_respected,
    json_schema_is_followed,
    json_object_is_an_object,
    tool_calls_are_valid,
    logprobs_are_complete,
)


def check_completion(request: Body, body: Body) -> None:
    """Run every chat-semantics check on a non-streamed create answer."""
    for check in COMPLETION_CHECKS:
        check(request, body)


# --- shape of every answer --------------------------------------------------------------------------


@promise
def object_names_the_type(operation_id: str, body: Body) -> None:
    """`object` says what came back: `chat.completion`, `list` or `chat.completion.deleted`."""
    expected = OBJECT_OF.get(operation_id)
    if expected is not None:
        got = body.get("object")
        require(got == expected, "object_names_the_type", f"{operation_id}: object is {got!r}, expected {expected!r}")


@promise
def error_body_is_openai_shaped(status: int, body: Any) -> None:
    """Every 4xx/5xx answer has a body `{"error": {"message", "type", "param", "code"}}`."""
    error = body.get("error") if isinstance(body, Mapping) else None
    require(
        isinstance(error, Mapping),
        "error_body_is_openai_shaped",
        f"{status} body has no `error` object: {body!r}"[:300],
    )
    assert isinstance(error, Mapping)
    missing = [key for key in ("message", "type", "param", "code") if key not in error]
    require(not missing, "error_body_is_openai_shaped", f"{status} error lacks {missing}")
    require(isinstance(error["message"], str) and error["message"], "error_body_is_openai_shaped", "empty message")
    require(isinstance(error["type"], str), "error_body_is_openai_shaped", f"type is {error['type']!r}")
    for key in ("param", "code"):
        require(
            error[key] is None or isinstance(error[key], str), "error_body_is_openai_shaped", f"{key}={error[key]!r}"
        )


@promise
def json_answers_say_json(headers: Mapping[str, str], is_stream: bool) -> None:
    """A JSON answer says `application/json`; a stream says `text/event-stream`."""
    content_type = headers.get("content-type", "")
    expected = "text/event-stream" if is_stream else "application/json"
    require(content_type.split(";")[0].strip() == expected, "json_answers_say_json", f"content-type {content_type!r}")


# --- streams, event by event ---------------------------------------------------------------------------


@dataclass
class SSEEvent:
    data: str
    event: str | None = None


def parse_sse(text: str) -> list[SSEEvent]:
    """Split a `text/event-stream` body into events (data lines joined by newlines, as the SSE spec says)."""
    events: list[SSEEvent] = []
    data: list[str] = []
    name: str | None = None
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line:
            if data:
                events.append(SSEEvent("\n".join(data), name))
            data, name = [], None
            continue
        if line.startswith(":"):
            continue
        key, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if key == "data":
            data.append(value)
        elif key == "event":
            name = value
    if data:
        events.append(SSEEvent("\n".join(data), name))
    return events


@dataclass
class _ChoiceTrace:
    chunks: int = 0
    first_has_role: bool | None = None
    finish_positions: list[int] = field(default_factory=list)
    last_position: int = -1


@promise
def stream_is_well_framed(request: Body, headers: Mapping[str, str], text: str) -> None:
    """A stream is `text/event-stream` chunks of one completion, each valid, ending in exactly one final [DONE]."""
    name = "stream_is_well_framed"
    json_answers_say_json(headers, is_stream=True)
    events = parse_sse(text)
    done = [i for i, e in enumerate(events) if e.data == "[DONE]"]
    require(len(done) == 1, name, f"expected exactly one `data: [DONE]`, found {len(done)}")
    require(done[0] == len(events) - 1, name, f"{len(events) - 1 - done[0]} event(s) after [DONE]")
    chunks: list[dict[str, Any]] = []
    for position, event in enumerate(events[:-1]):
        try:
            chunk = json.loads(event.data)
        except ValueError:
            raise BrokenPromise(name, f"event {position} is not JSON: {event.data[:80]!r}") from None
        require(isinstance(chunk, dict), name, f"event {position} is not a JSON object")
        require("error" not in chunk, name, f"event {position} is an error: {chunk.get('error')}")
        errors = schema_errors("CreateChatCompletionStreamResponse", chunk)
        require(not errors, name, f"event {position} is not a valid chunk: {errors}")
        chunks.append(chunk)
    require(chunks, name, "no chunk before [DONE]")
    ids = {c["id"] for c in chunks}
    require(len(ids) == 1, name, f"chunks carry {len(ids)} different ids: {sorted(ids)[:3]}")
    for position, chunk in enumerate(chunks):
        require(chunk["object"] == "chat.completion.chunk", name, f"chunk {position}: object {chunk['object']!r}")
        require(isinstance(chunk["created"], int), name, f"chunk {position}: created {chunk['created']!r}")
    _check_choices_in_stream(request, chunks)
    _check_usage_chunk(request, chunks)


def _check_choices_in_stream(request: Body, chunks: list[dict[str, Any]]) -> None:
    name = "stream_is_well_framed"
    traces: dict[int, _ChoiceTrace] = {}
    for position, chunk in enumerate(chunks):
        for choice in chunk["choices"]:
            trace = traces.setdefault(choice["index"], _ChoiceTrace())
            if trace.first_has_role is None:
                trace.first_has_role = bool(choice.get("delta", {}).get("role"))
            trace.chunks += 1
            trace.last_position = position
            if choice.get("finish_reason") is not None:
                trace.finish_positions.append(position)
    n = _requested_n(request)
    require(sorted(traces) == list(range(n)), name, f"asked for n={n}, stream has choices {sorted(traces)}")
    for index, trace in sorted(traces.items()):
        require(trace.first_has_role, name, f"choice {index}: its first delta carries no `role`")
        require(
            len(trace.finish_positions) == 1,
            name,
            f"choice {index}: {len(trace.finish_positions)} chunks carry a finish_reason, expected exactly one",
        )
        require(
            trace.finish_positions[0] == trace.last_position,
            name,
            f"choice {index}: finish_reason comes before the choice's last chunk",
        )


def _check_usage_chunk(request: Body, chunks: list[dict[str, Any]]) -> None:
    name = "stream_is_well_framed"
    options = request.get("stream_options")
    wants_usage = isinstance(options, Mapping) and options.get("include_usage") is True
    usage_chunks = [i for i, c in enumerate(chunks) if not c["choices"]]
    if not wants_usage:
        require(not usage_chunks, name, "a usage chunk (choices: []) came without stream_options.include_usage")
        return
    require(len(usage_chunks) == 1, name, f"include_usage asks for one usage chunk, found {len(usage_chunks)}")
    require(usage_chunks[0] == len(chunks) - 1, name, "the usage chunk is not the last chunk before [DONE]")
    usage = chunks[-1].get("usage")
    require(isinstance(usage, Mapping), name, "the usage chunk has no usage")
    usage_adds_up(request, {"usage": usage})


# --- the whole verdict on one answer, as the suite gives it ----------------------------------------------


def judge_answer(operation_id: str, request: Any, status: int, headers: Mapping[str, str], text: str) -> None:
    """Run every promise that applies to one answer of `operation_id` to `request`."""
    content_type = headers.get("content-type", "")
    if status == 200 and content_type.startswith("text/event-stream"):
        stream_is_well_framed(request if isinstance(request, Mapping) else {}, headers, text)
        return
    json_answers_say_json(headers, is_stream=False)
    try:
        body = json.loads(text)
    except ValueError:
        raise BrokenPromise("json_answers_say_json", f"{status} answer is not JSON: {text[:80]!r}") from None
    if status >= 400:
        error_body_is_openai_shaped(status, body)
    elif isinstance(body, Mapping):
        object_names_the_type(operation_id, body)
        if operation_id == "createChatCompletion" and isinstance(request, Mapping):
            check_completion(request, body)
        elif operation_id in ("listChatCompletions", "getChatCompletionMessages"):
            list_page_is_consistent(body)
