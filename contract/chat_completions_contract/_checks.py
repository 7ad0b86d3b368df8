"""The suite's own checks: small named functions, each judging one promise on plain data.

A check takes what was sent and what came back (request body, status, headers, body text) and returns
`True` when it judged the answer and the promise held, `False` when the promise does not apply to this
answer; a broken promise raises `BrokenPromise` naming it: `[choices_match_n] asked for n=3, got 1 choice(s)`.
`CHECKS` maps each name to its function; the first docstring line is the check's why.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import jsonschema_rs

from ._spec import schema_errors

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
Check = Callable[..., Any]
#: name -> check function; `why(name)` is its one-line reason.
CHECKS: dict[str, Check] = {}


class BrokenPromise(AssertionError):
    """A server broke one promise; `check` names it, `detail` says how."""

    def __init__(self, check: str, detail: str) -> None:
        self.check, self.detail = check, detail
        super().__init__(f"[{check}] {detail}")


def check(func: Check) -> Check:
    """Register `func` as a named check (its name is the promise id it judges)."""
    CHECKS[func.__name__] = func
    return func


def why(name: str) -> str:
    """The first line of a check's docstring."""
    return (CHECKS[name].__doc__ or "").strip().splitlines()[0]


def _j(value: Any) -> str:
    """A value as JSON in a detail line (what the server sent looks like what it sent, never a Python repr)."""
    return json.dumps(value, ensure_ascii=False, default=str)


def require(ok: object, name: str, detail: str) -> None:
    """Raise `BrokenPromise(name, detail)` unless `ok`."""
    if not ok:
        raise BrokenPromise(name, detail)


def whole_number(value: Any) -> int | None:
    """`value` as an int when JSON Schema would call it an integer (2 and 2.0 alike), else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value) if math.isfinite(value) and float(value).is_integer() else None


#: The `n` the API accepts; an answer to any other `n` (a server that accepted an invalid request) says nothing
#: about the n-promises (`invalid_request_names_param` and schemathesis's negative cases judge the acceptance).
VALID_N = range(1, 129)


def requested_n(request: Body) -> int:
    """The `n` asked for (1 when absent)."""
    n = whole_number(request.get("n"))
    return n if n is not None else 1


def _token_limit(request: Body) -> int | None:
    for key in ("max_completion_tokens", "max_tokens"):
        value = whole_number(request.get(key))
        if value is not None:
            return value
    return None


def _choices(body: Body) -> list[Mapping[str, Any]]:
    choices = body.get("choices")
    return [c for c in choices if isinstance(c, Mapping)] if isinstance(choices, list) else []


# --- completion semantics ---------------------------------------------------------------------------


@check
def choices_match_n(request: Body, body: Body) -> bool:
    """Asking for `n` choices gets exactly n choices, indexed 0..n-1."""
    n = requested_n(request)
    if n not in VALID_N:
        return False
    indexes = sorted(c.get("index", -1) for c in _choices(body))
    require(len(indexes) == n, "choices_match_n", f"asked for n={n}, got {len(indexes)} choice(s)")
    require(indexes == list(range(n)), "choices_match_n", f"choice indexes are {_j(indexes)}, expected 0..{n - 1}")
    return True


@check
def usage_adds_up(request: Body, body: Body) -> bool:
    """`usage.total_tokens` is `prompt_tokens + completion_tokens`, and a prompt costs at least one token."""
    usage = body.get("usage")
    if not isinstance(usage, Mapping):
        return False
    prompt, completion, total = usage.get("prompt_tokens"), usage.get("completion_tokens"), usage.get("total_tokens")
    if not (isinstance(prompt, int) and isinstance(completion, int) and isinstance(total, int)):
        raise BrokenPromise("usage_adds_up", f"usage counts are not integers: {_j(dict(usage))}"[:200])
    require(
        total == prompt + completion,
        "usage_adds_up",
        f"total_tokens {total} != prompt_tokens {prompt} + completion_tokens {completion}",
    )
    require(prompt > 0, "usage_adds_up", f"prompt_tokens is {prompt} for a non-empty prompt")
    return True


@check
def usage_details_add_up(request: Body, body: Body) -> bool:
    """Token details never exceed their totals: reasoning/audio/prediction tokens within completion tokens, cached within prompt."""
    usage = body.get("usage")
    if not isinstance(usage, Mapping):
        return False
    name = "usage_details_add_up"
    completion = usage.get("completion_tokens") or 0
    prompt = usage.get("prompt_tokens") or 0
    details = usage.get("completion_tokens_details")
    if isinstance(details, Mapping):
        parts = {k: v for k, v in details.items() if isinstance(v, int) and k != "rejected_prediction_tokens"}
        require(
            sum(parts.values()) <= completion,
            name,
            f"completion_tokens_details {_j(parts)} add up to more than completion_tokens {completion}",
        )
    prompt_details = usage.get("prompt_tokens_details")
    if isinstance(prompt_details, Mapping):
        parts = {k: v for k, v in prompt_details.items() if isinstance(v, int)}
        require(
            sum(parts.values()) <= prompt,
            name,
            f"prompt_tokens_details {_j(parts)} add up to more than prompt_tokens {prompt}",
        )
    return True


@check
def finish_reason_is_known(request: Body, body: Body) -> bool:
    """Every choice ends with a documented `finish_reason`."""
    for choice in _choices(body):
        reason = choice.get("finish_reason")
        require(reason in FINISH_REASONS, "finish_reason_is_known", f"choice {choice.get('index')}: {_j(reason)}")
    return True


@check
def token_limit_is_respected(request: Body, body: Body) -> bool:
    """With `max_completion_tokens`, completion tokens stay within it for each choice."""
    limit, usage = _token_limit(request), body.get("usage")
    if limit is None or not isinstance(usage, Mapping):
        return False
    n = requested_n(request)
    if n not in VALID_N:
        return False
    completion = usage.get("completion_tokens", 0)
    require(
        isinstance(completion, int) and completion <= limit * n,
        "token_limit_is_respected",
        f"{completion} completion tokens for n={n} choice(s) with a limit of {limit} each",
    )
    return True


@check
def model_is_echoed(request: Body, body: Body) -> bool:
    """The answer's `model` is the model asked for (or a dated snapshot of it, `gpt-4o-mini-2024-07-18`)."""
    asked, got = request.get("model"), body.get("model")
    if not isinstance(asked, str) or not asked:
        return False
    require(
        isinstance(got, str) and (got == asked or got.startswith(asked + "-")),
        "model_is_echoed",
        f"asked for model {_j(asked)}, the answer says {_j(got)}",
    )
    return True


def _content_json(choice: Mapping[str, Any], name: str) -> Any:
    content = (choice.get("message") or {}).get("content")
    if not isinstance(content, str):
        raise BrokenPromise(name, f"choice {choice.get('index')}: content is {_j(content)}, not text"[:200])
    try:
        return json.loads(content)
    except ValueError as exc:
        raise BrokenPromise(name, f"choice {choice.get('index')}: content is not JSON ({exc})") from None


# --- structured output -------------------------------------------------------------------------------


@check
def json_schema_is_followed(request: Body, body: Body) -> bool:
    """With `response_format: json_schema`, every finished choice's content is JSON valid against that schema."""
    fmt = request.get("response_format")
    if not isinstance(fmt, Mapping) or fmt.get("type") != "json_schema":
        return False
    schema = (fmt.get("json_schema") or {}).get("schema")
    for choice in _choices(body):
        if choice.get("finish_reason") != "stop" or (choice.get("message") or {}).get("refusal"):
            continue  # cut short by a limit or a filter, or refused: the JSON may be incomplete or absent
        value = _content_json(choice, "json_schema_is_followed")
        if isinstance(schema, Mapping):
            errors = [e.message for e in jsonschema_rs.validator_for(dict(schema)).iter_errors(value)][:3]
            require(not errors, "json_schema_is_followed", f"choice {choice.get('index')}: {_j(errors)}")
    return True


@check
def json_object_is_an_object(request: Body, body: Body) -> bool:
    """With `response_format: json_object`, every finished choice's content is a JSON object."""
    fmt = request.get("response_format")
    if not isinstance(fmt, Mapping) or fmt.get("type") != "json_object":
        return False
    for choice in _choices(body):
        if choice.get("finish_reason") == "stop":
            value = _content_json(choice, "json_object_is_an_object")
            require(isinstance(value, dict), "json_object_is_an_object", f"content is a {type(value).__name__}")
    return True


# --- tools ----------------------------------------------------------------------------------------------


def functions_of(request: Body) -> dict[str, Any]:
    """Offered function name -> its `parameters` schema."""
    tools = request.get("tools") or []
    return {
        t["function"]["name"]: t["function"].get("parameters")
        for t in tools
        if isinstance(t, Mapping) and t.get("type") == "function" and isinstance(t.get("function"), Mapping)
    }


def _forced_function(request: Body) -> str | None:
    """The function a request forces: `tool_choice: required` with one function, or a named function."""
    choice, functions = request.get("tool_choice"), functions_of(request)
    if isinstance(choice, Mapping) and choice.get("type") == "function":
        return str((choice.get("function") or {}).get("name"))
    if choice == "required" and len(functions) == 1:
        return next(iter(functions))
    return None


def arguments_problem(functions: Mapping[str, Any], name: Any, arguments: Any) -> str | None:
    """Why a call's `arguments` (a JSON string) do not fit the offered function, or None."""
    if name not in functions:
        return f"call to {_j(name)}, offered {_j(sorted(functions))}"
    try:
        value = json.loads(arguments) if isinstance(arguments, str) else None
    except ValueError:
        value = None
    if value is None:
        return f"{name}: arguments are not JSON: {_j(str(arguments)[:80])}"
    schema = functions[name]
    if isinstance(schema, Mapping) and schema:
        errors = [e.message for e in jsonschema_rs.validator_for(dict(schema)).iter_errors(value)][:3]
        if errors:
            return f"{name}: arguments break the parameters schema: {_j(errors)}"
    return None


def _calls(choice: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    calls = (choice.get("message") or {}).get("tool_calls") or []
    return [c for c in calls if isinstance(c, Mapping)]


@check
def tool_calls_are_valid(request: Body, body: Body) -> bool:
    """Tool calls name an offered function with JSON `arguments` valid against its parameters; a forced call is made."""
    functions = functions_of(request)
    if not functions:
        return False
    forced = _forced_function(request) or (request.get("tool_choice") == "required")
    name = "tool_calls_are_valid"
    for choice in _choices(body):
        calls = _calls(choice)
        if forced and choice.get("finish_reason") != "length":
            require(calls, name, f"choice {choice.get('index')}: tool_choice forces a call, got none")
            require(
                choice.get("finish_reason") == "tool_calls",
                name,
                f"choice {choice.get('index')}: finish_reason {_j(choice.get('finish_reason'))}, expected 'tool_calls'",
            )
        for call in calls:
            if call.get("type") != "function":
                continue
            function = call.get("function") or {}
            called = function.get("name")
            if isinstance(forced, str):
                require(called == forced, name, f"tool_choice named {_j(forced)}, model called {_j(called)}")
            problem = arguments_problem(functions, called, function.get("arguments"))
            require(problem is None, name, str(problem))
    return True


@check
def tool_choice_none_means_no_call(request: Body, body: Body) -> bool:
    """`tool_choice: none` gets text, never a tool call."""
    if request.get("tool_choice") != "none" or not request.get("tools"):
        return False
    for choice in _choices(body):
        calls = _calls(choice)
        require(not calls, "tool_choice_none_means_no_call", f"choice {choice.get('index')}: {len(calls)} tool call(s)")
    return True


@check
def parallel_tool_calls_false_means_one_call(request: Body, body: Body) -> bool:
    """`parallel_tool_calls: false` gets at most one tool call per choice."""
    if request.get("parallel_tool_calls") is not False or not request.get("tools"):
        return False
    for choice in _choices(body):
        calls = _calls(choice)
        require(
            len(calls) <= 1,
            "parallel_tool_calls_false_means_one_call",
            f"choice {choice.get('index')}: {len(calls)} tool calls with parallel_tool_calls: false",
        )
    return True


@check
def tool_call_ids_are_unique(request: Body, body: Body) -> bool:
    """The tool calls of one answer have distinct ids, so each tool result names exactly one call."""
    ids = [c.get("id") for choice in _choices(body) for c in _calls(choice)]
    if not ids:
        return False
    require(len(set(ids)) == len(ids), "tool_call_ids_are_unique", f"tool call ids repeat: {_j(ids)}"[:200])
    return True


# --- logprobs -------------------------------------------------------------------------------------------


def _logprob_entries(choice: Mapping[str, Any]) -> Any:
    logprobs = choice.get("logprobs")
    return logprobs.get("content") if isinstance(logprobs, Mapping) else None


@check
def logprobs_are_complete(request: Body, body: Body) -> bool:
    """With `logprobs: true`, each choice's text has one entry per token, each with `top_logprobs` alternatives."""
    if request.get("logprobs") is not True:
        return False
    k = whole_number(request.get("top_logprobs")) or 0
    for choice in _choices(body):
        if not (choice.get("message") or {}).get("content"):
            continue  # a tool call or a refusal carries no content tokens
        entries = _logprob_entries(choice)
        require(
            entries,
            "logprobs_are_complete",
            f"choice {choice.get('index')}: logprobs asked for, got {_j(choice.get('logprobs'))}"[:200],
        )
        counts = {len(e.get("top_logprobs") or []) for e in entries if isinstance(e, Mapping)}
        require(
            counts == {k},
            "logprobs_are_complete",
            f"choice {choice.get('index')}: top_logprobs={k}, got {sorted(counts)}",
        )
    return True


@check
def logprobs_are_probabilities(request: Body, body: Body) -> bool:
    """Every logprob, chosen or alternative, is a log of a probability: at most 0."""
    if request.get("logprobs") is not True:
        return False
    for choice in _choices(body):
        for entry in _logprob_entries(choice) or []:
            values = [entry.get("logprob")] + [t.get("logprob") for t in entry.get("top_logprobs") or []]
            bad = [v for v in values if not isinstance(v, int | float) or v > 0]
            require(not bad, "logprobs_are_probabilities", f"token {_j(entry.get('token'))} has logprob(s) {_j(bad)}")
    return True


# --- every answer ----------------------------------------------------------------------------------------


@check
def object_names_the_type(operation_id: str, body: Body) -> bool:
    """`object` says what came back: `chat.completion`, `list` or `chat.completion.deleted`."""
    expected = OBJECT_OF.get(operation_id)
    if expected is None:
        return False
    got = body.get("object")
    require(got == expected, "object_names_the_type", f"{operation_id}: object is {_j(got)}, expected {_j(expected)}")
    return True


@check
def error_body_is_openai_shaped(status: int, body: Any) -> bool:
    """Every 4xx/5xx answer has a body `{"error": {"message", "type", "param", "code"}}`."""
    name = "error_body_is_openai_shaped"
    error = body.get("error") if isinstance(body, Mapping) else None
    require(isinstance(error, Mapping), name, f"{status} body has no `error` object: {_j(body)}"[:300])
    assert isinstance(error, Mapping)
    missing = [key for key in ("message", "type", "param", "code") if key not in error]
    require(not missing, name, f"{status} error lacks {missing}")
    require(isinstance(error["message"], str) and error["message"], name, "empty message")
    require(isinstance(error["type"], str), name, f"type is {_j(error['type'])}")
    for key in ("param", "code"):
        require(error[key] is None or isinstance(error[key], str), name, f"{key}={_j(error[key])}")
    return True


@check
def json_answers_say_json(headers: Mapping[str, str], is_stream: bool) -> bool:
    """A JSON answer says `application/json`; a stream says `text/event-stream`."""
    content_type = headers.get("content-type", "")
    expected = "text/event-stream" if is_stream else "application/json"
    require(content_type.split(";")[0].strip() == expected, "json_answers_say_json", f"content-type {_j(content_type)}")
    return True


@check
def x_request_id_on_every_answer(headers: Mapping[str, str]) -> bool:
    """Every answer, success or error, carries an `x-request-id` header to quote to support."""
    require(headers.get("x-request-id"), "x_request_id_on_every_answer", "no x-request-id header")
    return True


@check
def list_page_is_consistent(body: Body) -> bool:
    """A page is `object: list` with `data`, `first_id`/`last_id` naming its ends and a boolean `has_more`."""
    name = "list_page_is_consistent"
    require(
        isinstance(body, Mapping) and isinstance(body.get("data"), list), name, f"no `data` list in {_j(body)}"[:200]
    )
    require(body.get("object") == "list", name, f"object is {_j(body.get('object'))}")
    ids = [item.get("id") for item in body["data"] if isinstance(item, Mapping)]
    if ids:
        require(
            (body.get("first_id"), body.get("last_id")) == (ids[0], ids[-1]),
            name,
            f"first_id/last_id are {_j(body.get('first_id'))}/{_j(body.get('last_id'))}, the page runs {_j(ids[0])}..{_j(ids[-1])}",
        )
    require(isinstance(body.get("has_more"), bool), name, f"has_more is {_j(body.get('has_more'))}")
    return True


# --- streams ----------------------------------------------------------------------------------------------


@dataclass
class SSEEvent:
    """One server-sent event: its data (lines joined) and its `event` name."""

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


@check
def stream_is_well_framed(headers: Mapping[str, str], text: str) -> list[dict[str, Any]]:
    """A stream is `text/event-stream` events of valid chunks (`chat.completion.chunk`) ending in exactly one final `[DONE]`."""
    name = "stream_is_well_framed"
    content_type = headers.get("content-type", "")
    require(content_type.split(";")[0].strip() == "text/event-stream", name, f"content-type {_j(content_type)}")
    events = parse_sse(text)
    done = [i for i, e in enumerate(events) if e.data == "[DONE]"]
    require(len(done) == 1, name, f"expected exactly one `data: [DONE]`, found {len(done)}")
    require(done[0] == len(events) - 1, name, f"{len(events) - 1 - done[0]} event(s) after [DONE]")
    chunks: list[dict[str, Any]] = []
    for position, event in enumerate(events[:-1]):
        try:
            chunk = json.loads(event.data)
        except ValueError:
            raise BrokenPromise(name, f"event {position} is not JSON: {_j(event.data[:80])}") from None
        require(isinstance(chunk, dict), name, f"event {position} is not a JSON object")
        require("error" not in chunk, name, f"event {position} is an error: {chunk.get('error')}"[:200])
        errors = schema_errors("CreateChatCompletionStreamResponse", chunk)
        require(not errors, name, f"event {position} is not a valid chunk: {_j(errors)}")
        require(chunk["object"] == "chat.completion.chunk", name, f"chunk {position}: object {_j(chunk['object'])}")
        chunks.append(chunk)
    require(chunks, name, "no chunk before [DONE]")
    return chunks


@check
def stream_has_one_id(request: Body, chunks: list[dict[str, Any]]) -> bool:
    """Every chunk of a stream carries the same completion `id`."""
    ids = {c.get("id") for c in chunks}
    require(len(ids) == 1, "stream_has_one_id", f"chunks carry {len(ids)} different ids: {sorted(map(str, ids))[:3]}")
    return True


@dataclass
class _ChoiceTrace:
    first_has_role: bool | None = None
    finish_positions: list[int] = field(default_factory=list)
    last_position: int = -1


def _traces(chunks: list[dict[str, Any]]) -> dict[int, _ChoiceTrace]:
    traces: dict[int, _ChoiceTrace] = {}
    for position, chunk in enumerate(chunks):
        for choice in chunk.get("choices") or []:
            trace = traces.setdefault(choice.get("index", -1), _ChoiceTrace())
            if trace.first_has_role is None:
                trace.first_has_role = bool((choice.get("delta") or {}).get("role"))
            trace.last_position = position
            if choice.get("finish_reason") is not None:
                trace.finish_positions.append(position)
    return traces


@check
def stream_choices_match_n(request: Body, chunks: list[dict[str, Any]]) -> bool:
    """A stream asked for `n` choices carries deltas for choices 0..n-1."""
    n, traces = requested_n(request), _traces(chunks)
    if n not in VALID_N:
        return False
    require(
        sorted(traces) == list(range(n)),
        "stream_choices_match_n",
        f"asked for n={n}, stream has choices {sorted(traces)}",
    )
    return True


@check
def stream_role_comes_first(request: Body, chunks: list[dict[str, Any]]) -> bool:
    """Each choice's first delta carries the `role`."""
    for index, trace in sorted(_traces(chunks).items()):
        require(trace.first_has_role, "stream_role_comes_first", f"choice {index}: its first delta carries no `role`")
    return True


@check
def stream_finishes_once_per_choice(request: Body, chunks: list[dict[str, Any]]) -> bool:
    """Each choice gets exactly one `finish_reason`, on its last chunk."""
    name = "stream_finishes_once_per_choice"
    for index, trace in sorted(_traces(chunks).items()):
        require(
            len(trace.finish_positions) == 1,
            name,
            f"choice {index}: {len(trace.finish_positions)} chunks carry a finish_reason, expected exactly one",
        )
        require(
            trace.finish_positions[0] == trace.last_position,
            name,
            f"choice {index}: finish_reason before its last chunk",
        )
    return True


@check
def stream_usage_chunk_when_asked(request: Body, chunks: list[dict[str, Any]]) -> bool:
    """`stream_options.include_usage` gets one chunk with `choices: []` and usage that adds up, after every choice."""
    name = "stream_usage_chunk_when_asked"
    options = request.get("stream_options")
    wants_usage = isinstance(options, Mapping) and options.get("include_usage") is True
    # A usage chunk has no choices and carries usage; OpenAI follows it with other choice-less chunks when asked
    # for them (`moderation`: openapi/evidence/pydantic-ai/openai__openai__openai_moderation_stream.yaml).
    usage_chunks = [i for i, c in enumerate(chunks) if not c.get("choices") and c.get("usage") is not None]
    if not wants_usage and not usage_chunks:
        return True
    # Unasked, OpenAI itself has sent the usage chunk (openapi/evidence/openai-python/
    # completions_streaming__allows_non_strict_tools_but_no_parsing.yaml): one is allowed, well formed as if asked.
    require(len(usage_chunks) == 1, name, f"include_usage asks for one usage chunk, found {len(usage_chunks)}")
    later = [c for c in chunks[usage_chunks[0] + 1 :] if c.get("choices")]
    require(not later, name, "a chunk with choices came after the usage chunk")
    usage = chunks[usage_chunks[0]].get("usage")
    require(isinstance(usage, Mapping), name, "the usage chunk has no usage")
    try:
        usage_adds_up(request, {"usage": usage})
    except BrokenPromise as exc:
        raise BrokenPromise(name, exc.detail) from None
    return True


@check
def stream_tool_arguments_are_json(request: Body, chunks: list[dict[str, Any]]) -> bool:
    """Streamed tool-call deltas, joined per call, name an offered function with JSON arguments valid against it."""
    functions = functions_of(request)
    if not functions:
        return False
    calls: dict[tuple[int, int], dict[str, str]] = {}
    custom: set[tuple[int, int]] = set()  # custom-tool calls (`custom.input`, free text): no function to judge
    for chunk in chunks:
        for choice in chunk.get("choices") or []:
            for delta in (choice.get("delta") or {}).get("tool_calls") or []:
                key = (choice.get("index", -1), delta.get("index", -1))
                call = calls.setdefault(key, {"name": "", "arguments": ""})
                if delta.get("type") == "custom" or "custom" in delta:
                    custom.add(key)
                function = delta.get("function") or {}
                call["name"] += function.get("name") or ""
                call["arguments"] += function.get("arguments") or ""
    for (choice_index, position), call in sorted(calls.items()):
        if (choice_index, position) in custom:
            continue
        problem = arguments_problem(functions, call["name"], call["arguments"])
        require(problem is None, "stream_tool_arguments_are_json", f"choice {choice_index}: {problem}")
    return True


STREAM_CHECKS = (
    stream_has_one_id,
    stream_choices_match_n,
    stream_role_comes_first,
    stream_finishes_once_per_choice,
    stream_usage_chunk_when_asked,
    stream_tool_arguments_are_json,
)
COMPLETION_CHECKS = (
    choices_match_n,
    usage_adds_up,
    usage_details_add_up,
    finish_reason_is_known,
    token_limit_is_respected,
    model_is_echoed,
    json_schema_is_followed,
    json_object_is_an_object,
    tool_calls_are_valid,
    tool_choice_none_means_no_call,
    parallel_tool_calls_false_means_one_call,
    tool_call_ids_are_unique,
    logprobs_are_complete,
    logprobs_are_probabilities,
)

#: (promise id, the broken promise or None when it held) for each promise an answer was judged on.
Outcome = tuple[str, BrokenPromise | None]


#: What a check raises on a field of a type it does not expect (`"n": "x"` in a recorded request, `"choices": [1]` in
#: an answer): it cannot judge that exchange. The answer's shape is `response_schema_conformance`'s to judge.
_UNREADABLE = (TypeError, AttributeError, KeyError, IndexError, ValueError)


def _apply(outcomes: list[Outcome], func: Check, *args: Any) -> Any:
    try:
        result = func(*args)
    except BrokenPromise as exc:
        outcomes.append((exc.check, exc))
        return None
    except _UNREADABLE:  # no verdict rather than a traceback: see `_UNREADABLE`
        return None
    if result is not False:
        outcomes.append((func.__name__, None))
    return result


def judge_stream(request: Body, headers: Mapping[str, str], text: str) -> list[Outcome]:
    """Every stream promise on one streamed answer (the per-chunk ones only once its framing holds)."""
    outcomes: list[Outcome] = []
    _apply(outcomes, x_request_id_on_every_answer, headers)
    chunks = _apply(outcomes, stream_is_well_framed, headers, text)
    if chunks:
        for func in STREAM_CHECKS:
            _apply(outcomes, func, request, chunks)
    return outcomes


def judge_answer(operation_id: str, request: Any, status: int, headers: Mapping[str, str], text: str) -> list[Outcome]:
    """Every promise of ours that applies to one answer of `operation_id` to `request` (headers lower-cased)."""
    body_sent = request if isinstance(request, Mapping) else {}
    if status == 200 and headers.get("content-type", "").startswith("text/event-stream"):
        return judge_stream(body_sent, headers, text)
    outcomes: list[Outcome] = []
    _apply(outcomes, x_request_id_on_every_answer, headers)
    _apply(outcomes, json_answers_say_json, headers, False)
    try:
        body = json.loads(text)
    except ValueError:
        outcomes.append(
            (
                "json_answers_say_json",
                BrokenPromise("json_answers_say_json", f"{status} answer is not JSON: {_j(text[:80])}"),
            )
        )
        return outcomes
    if status >= 400:
        _apply(outcomes, error_body_is_openai_shaped, status, body)
    elif isinstance(body, Mapping):
        _apply(outcomes, object_names_the_type, operation_id, body)
        if operation_id == "createChatCompletion":
            for func in COMPLETION_CHECKS:
                _apply(outcomes, func, body_sent, body)
        elif operation_id in ("listChatCompletions", "getChatCompletionMessages"):
            _apply(outcomes, list_page_is_consistent, body)
    return outcomes


# --- promises judged by the suite's own requests (see _probes.py) ---------------------------------------


def _error(body: Any) -> Mapping[str, Any]:
    error = body.get("error") if isinstance(body, Mapping) else None
    return error if isinstance(error, Mapping) else {}


@check
def missing_key_is_401(status: int, body: Any) -> bool:
    """A request without a key gets 401 and an error body, never an answer."""
    require(status == 401, "missing_key_is_401", f"no key: expected 401, got {status}")
    return True


@check
def wrong_key_is_401(status: int, body: Any) -> bool:
    """A request with a wrong key gets 401 and an error body, never an answer."""
    require(status == 401, "wrong_key_is_401", f"a wrong key: expected 401, got {status}")
    return True


@check
def invalid_request_names_param(status: int, body: Any, field_name: str) -> bool:
    """An invalid request gets 400 whose `error.param` names the offending field."""
    name = "invalid_request_names_param"
    require(status == 400, name, f"an invalid `{field_name}`: expected 400, got {status}")
    param = _error(body).get("param")
    require(field_name in (param or ""), name, f"param is {_j(param)}, should name {_j(field_name)}")
    return True


@check
def context_overflow_is_reported(status: int, body: Any) -> bool:
    """A prompt longer than the model's context window gets 400 `context_length_exceeded`."""
    name = "context_overflow_is_reported"
    require(status == 400, name, f"an over-long prompt: expected 400, got {status}")
    code = _error(body).get("code")
    require(code == "context_length_exceeded", name, f"error code is {_j(code)}, expected 'context_length_exceeded'")
    return True


@check
def unsupported_parameter_is_400(status: int, body: Any, parameter: str) -> bool:
    """A parameter the server does not support gets 400 naming it (in `param` or the message), not silence."""
    name = "unsupported_parameter_is_400"
    require(status == 400, name, f"an unsupported parameter `{parameter}`: expected 400, got {status}")
    error = _error(body)
    named = parameter in str(error.get("param") or "") or parameter in str(error.get("message") or "")
    require(named, name, f"the error names neither param nor message {parameter!r}: {dict(error)}")
    return True


@check
def unknown_model_is_404(status: int, body: Any) -> bool:
    """A model the server does not serve gets 404 `model_not_found`, not an answer from some other model."""
    name = "unknown_model_is_404"
    require(status == 404, name, f"an unknown model: expected 404, got {status}")
    code = _error(body).get("code")
    require(code == "model_not_found", name, f"error code is {code!r}, expected 'model_not_found'")
    return True


@check
def out_of_vocabulary_logit_bias_is_rejected(status: int, body: Any) -> bool:
    """A `logit_bias` key beyond the vocabulary gets 400 naming `logit_bias`."""
    name = "out_of_vocabulary_logit_bias_is_rejected"
    require(status == 400, name, f"logit_bias for a token id beyond the vocabulary: expected 400, got {status}")
    param = _error(body).get("param") or ""
    require("logit_bias" in param, name, f"param is {_j(param)}, should name 'logit_bias'")
    return True


@check
def bad_tool_name_is_rejected(status: int, body: Any) -> bool:
    """A function name outside `^[a-zA-Z0-9_-]{1,64}$` gets 400 naming the tool."""
    name = "bad_tool_name_is_rejected"
    require(status == 400, name, f"a tool named with spaces and dots: expected 400, got {status}")
    param = _error(body).get("param") or ""
    require("tools" in param, name, f"param is {_j(param)}, should name the tool")
    return True


@check
def json_object_needs_json_mention(status: int, body: Any) -> bool:
    """`response_format: json_object` without the word "JSON" in any message gets 400 naming `messages`."""
    name = "json_object_needs_json_mention"
    require(status == 400, name, f"json_object without mentioning JSON: expected 400, got {status}")
    param = _error(body).get("param") or ""
    require("messages" in param or "response_format" in param, name, f"param is {_j(param)}, should name messages")
    return True


@check
def max_tokens_is_honoured(request: Body, body: Body) -> bool:
    """The legacy `max_tokens` limits the answer like `max_completion_tokens`: a cut answer ends with `length`."""
    limit = whole_number(request.get("max_tokens"))
    usage = body.get("usage")
    if limit is None or not isinstance(usage, Mapping):
        return False
    name = "max_tokens_is_honoured"
    completion = usage.get("completion_tokens")
    require(
        isinstance(completion, int) and completion <= limit,
        name,
        f"{completion} completion tokens with max_tokens={limit}",
    )
    for choice in _choices(body):
        require(
            choice.get("finish_reason") == "length",
            name,
            f"choice {choice.get('index')}: finish_reason {_j(choice.get('finish_reason'))} after a {limit}-token cut",
        )
    return True


@check
def stop_sequence_is_not_in_content(request: Body, body: Body) -> bool:
    """A `stop` sequence ends the text before it: it never appears in the content."""
    stops = request.get("stop")
    stops = [stops] if isinstance(stops, str) else [s for s in stops or [] if isinstance(s, str) and s]
    if not stops:
        return False
    for choice in _choices(body):
        content = (choice.get("message") or {}).get("content") or ""
        found = [s for s in stops if s in content]
        require(
            not found,
            "stop_sequence_is_not_in_content",
            f"choice {choice.get('index')}: content contains stop {_j(found[0])}" if found else "",
        )
    return True


@check
def seed_gives_same_fingerprint(first: Body, second: Body) -> bool:
    """The same request with the same `seed` reports the same `system_fingerprint` (the backend it ran on)."""
    a, b = first.get("system_fingerprint"), second.get("system_fingerprint")
    require(
        a == b, "seed_gives_same_fingerprint", f"system_fingerprint {_j(a)} then {_j(b)} for the same seeded request"
    )
    return True


@check
def stream_usage_matches_non_stream(streamed: Body, plain: Body) -> bool:
    """The `include_usage` chunk counts the same prompt tokens as the same request not streamed."""
    a, b = streamed.get("prompt_tokens"), plain.get("prompt_tokens")
    require(a == b, "stream_usage_matches_non_stream", f"streamed prompt_tokens {a}, not streamed {b}")
    return True


@check
def stored_completion_can_be_read_back(status: int, body: Any, completion_id: str) -> bool:
    """A completion created with `store: true` can be retrieved by its id."""
    name = "stored_completion_can_be_read_back"
    require(status == 200, name, f"retrieve of a stored completion: {status}")
    require(
        isinstance(body, Mapping) and body.get("id") == completion_id,
        name,
        f"retrieved id {_j(body.get('id'))}, expected {_j(completion_id)}",
    )
    return True


@check
def metadata_update_is_kept(sent: Mapping[str, Any], body: Any) -> bool:
    """Updating a stored completion's `metadata` returns and keeps exactly the new metadata."""
    got = body.get("metadata") if isinstance(body, Mapping) else None
    require(got == sent, "metadata_update_is_kept", f"metadata is {_j(got)} after setting {_j(dict(sent))}")
    return True


@check
def list_filters_by_metadata(body: Any, tag: str, completion_id: str) -> bool:
    """Listing with `metadata[key]=value` finds the stored completion and only completions with that metadata."""
    name = "list_filters_by_metadata"
    data = body.get("data") if isinstance(body, Mapping) else None
    require(isinstance(data, list), name, "no data list")
    assert isinstance(data, list)
    ids = [item.get("id") for item in data if isinstance(item, Mapping)]
    require(completion_id in ids, name, f"the filter does not find {_j(completion_id)} (got {len(ids)} item(s))")
    strays = [item.get("id") for item in data if (item.get("metadata") or {}).get("suite") != tag]
    require(
        not strays,
        name,
        f"{len(strays)} listed item(s) lack the metadata filtered on, e.g. {_j(strays[0])}" if strays else "",
    )
    return True


@check
def list_respects_limit_and_order(body: Any, limit: int, order: str) -> bool:
    """A list page holds at most `limit` items, sorted by `created` in the `order` asked for."""
    name = "list_respects_limit_and_order"
    data = [item for item in (body.get("data") or []) if isinstance(item, Mapping)] if isinstance(body, Mapping) else []
    require(len(data) <= limit, name, f"limit={limit}, the page has {len(data)} items")
    created = [item.get("created", 0) for item in data]
    expected = sorted(created, reverse=order == "desc")
    require(created == expected, name, f"order={order}, items are created at {_j(created)}")
    return True


@check
def pagination_walks_every_item_once(seen: list[str], created: list[str]) -> bool:
    """Paging with `after` and `limit` returns every stored completion exactly once."""
    require(
        sorted(seen) == sorted(created),
        "pagination_walks_every_item_once",
        f"created {len(created)} completion(s), paging returned {len(seen)} ({len(set(seen) & set(created))} of them)",
    )
    return True


@check
def stored_messages_are_listed(body: Any, sent: list[Mapping[str, Any]]) -> bool:
    """The messages of a stored completion are listed, each with an id, with the content that was sent."""
    name = "stored_messages_are_listed"
    data = body.get("data") if isinstance(body, Mapping) else None
    require(isinstance(data, list) and data, name, "no messages listed for a stored completion")
    assert isinstance(data, list)
    require(all(isinstance(m, Mapping) and m.get("id") for m in data), name, "a listed message has no id")
    sent_texts = [m.get("content") for m in sent if isinstance(m.get("content"), str)]
    got_texts = [m.get("content") for m in data if isinstance(m, Mapping)]
    require(all(t in got_texts for t in sent_texts), name, f"sent {_j(sent_texts)}, listed {_j(got_texts)}"[:200])
    return True


@check
def delete_confirms(body: Any, completion_id: str) -> bool:
    """Deleting a stored completion answers `{"object": "chat.completion.deleted", "id": id, "deleted": true}`."""
    expected = {"object": "chat.completion.deleted", "id": completion_id, "deleted": True}
    require(body == expected, "delete_confirms", f"delete answered {_j(body)}"[:200])
    return True


@check
def deleted_is_gone_everywhere(statuses: Mapping[str, int]) -> bool:
    """After a delete, every route of that completion (retrieve, messages, update, delete) answers 404."""
    wrong = {route: status for route, status in statuses.items() if status != 404}
    require(not wrong, "deleted_is_gone_everywhere", f"after delete: {_j(dict(wrong))}")
    return True


@check
def unknown_completion_is_404(status: int, body: Any) -> bool:
    """Retrieving a completion id that never existed gets 404 and an error body."""
    require(status == 404, "unknown_completion_is_404", f"an unknown id: expected 404, got {status}")
    return True
