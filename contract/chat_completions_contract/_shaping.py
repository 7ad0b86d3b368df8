"""Make generated create requests answerable (the API's rules a schema cannot say) and cheap on paid servers."""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from typing import Any

import jsonschema_rs
from chat_completions_mock import REQUEST_FIELDS, find_profile
from chat_completions_mock.facts import TOOL_NAME_PATTERN, VOCABULARY_SIZE, mentions_json

CHEAP_TOKEN_LIMIT = 16
# Fields a paid request may keep: text in, text out, nothing that bills extra (audio, search, predictions).
CHEAP_FIELDS = frozenset({
    "model", "messages", "temperature", "top_p", "n", "max_completion_tokens", "stop", "seed", "logprobs",
    "top_logprobs", "response_format", "tools", "tool_choice", "parallel_tool_calls", "metadata", "store",
    "stream", "stream_options", "presence_penalty", "frequency_penalty", "logit_bias", "user", "safety_identifier",
})  # fmt: skip
NAME = re.compile(TOOL_NAME_PATTERN)
HELLO = [{"role": "user", "content": "Say this is a test!"}]
#: The model generated requests name on the bundled mock.
DEFAULT_MODEL = "gpt-4o-mini"


def _valid_logit_bias(value: Any) -> bool:
    return isinstance(value, Mapping) and all(
        isinstance(k, str)
        and k.isascii()
        and k.isdigit()
        and int(k) < VOCABULARY_SIZE
        and isinstance(v, int)
        and not isinstance(v, bool)
        and -100 <= v <= 100
        for k, v in value.items()
    )


def _name(name: Any, taken: set[str]) -> str:
    """A tool, function or schema name the API accepts, unique in `taken`."""
    base = (re.sub(r"[^a-zA-Z0-9_-]", "_", name) if isinstance(name, str) else "")[:60] or "tool"
    candidate, suffix = base, 0
    while candidate in taken:
        suffix += 1
        candidate = f"{base}_{suffix}"
    taken.add(candidate)
    return candidate


def _fix_names(body: dict[str, Any]) -> dict[str, str]:
    """Make tool names valid and unique; return name -> tool kind."""
    taken: set[str] = set()
    kinds: dict[str, str] = {}
    for tool in body.get("tools") or []:
        kind = tool.get("type") if isinstance(tool, dict) else None
        if isinstance(kind, str) and isinstance(tool.get(kind), dict):
            tool[kind]["name"] = _name(tool[kind].get("name"), taken)
            kinds[tool[kind]["name"]] = kind
    for function in body.get("functions") or []:
        if isinstance(function, dict) and not (
            isinstance(function.get("name"), str) and NAME.fullmatch(function["name"])
        ):
            function["name"] = _name(function.get("name"), set())
    fmt = body.get("response_format")
    if isinstance(fmt, dict) and isinstance(fmt.get("json_schema"), dict):
        fmt["json_schema"]["name"] = _name(fmt["json_schema"].get("name"), set())
    return kinds


def _compiles(schema: Any) -> bool:
    try:
        jsonschema_rs.validator_for(schema)
    except (jsonschema_rs.ValidationError, ValueError, TypeError, OverflowError):
        return False
    return True


def _fix_user_schemas(body: dict[str, Any]) -> None:
    """Function parameters and `json_schema` schemas must be JSON Schemas the API can compile."""
    functions = [
        t.get("function") for t in body.get("tools") or [] if isinstance(t, dict) and t.get("type") == "function"
    ]
    functions += list(body.get("functions") or [])
    for function in functions:
        if isinstance(function, dict) and "parameters" in function and not _compiles(function["parameters"]):
            function["parameters"] = {"type": "object"}
    fmt = body.get("response_format")
    spec = fmt.get("json_schema") if isinstance(fmt, dict) else None
    if isinstance(spec, dict) and "schema" in spec and not _compiles(spec["schema"]):
        spec["schema"] = {"type": "object"}


def trim_metadata(metadata: Any) -> Any:
    """At most 16 keys of up to 64 characters, values of up to 512."""
    if not isinstance(metadata, dict):
        return metadata
    return {k[:64]: v[:512] if isinstance(v, str) else v for k, v in list(metadata.items())[:16]}


def _tool_choice_is_answerable(choice: Any, kinds: dict[str, str]) -> bool:
    if not isinstance(choice, Mapping):
        return True
    kind = choice.get("type")
    if kind in ("function", "custom"):
        name = (choice.get(kind) or {}).get("name")
        return isinstance(name, str) and kinds.get(name) == kind
    if kind == "allowed_tools":
        allowed = (choice.get("allowed_tools") or {}).get("tools", [])
        return all(isinstance(t, Mapping) and (t.get(t.get("type")) or {}).get("name") in kinds for t in allowed)
    return True


def _answered_tool_messages(messages: list[Any]) -> list[Any]:
    """Drop `tool` messages that answer no earlier assistant tool call."""
    called: set[Any] = set()
    kept = []
    for message in messages:
        if isinstance(message, Mapping) and message.get("role") == "assistant":
            called |= {c.get("id") for c in message.get("tool_calls") or [] if isinstance(c, Mapping)}
        if isinstance(message, Mapping) and message.get("role") == "tool" and message.get("tool_call_id") not in called:
            continue
        kept.append(message)
    return kept or copy.deepcopy(HELLO)


def satisfy_cross_field_rules(body: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of a schema-valid create request that also obeys the API's rules the spec cannot express."""
    body = copy.deepcopy({k: v for k, v in body.items() if k in REQUEST_FIELDS})  # hypothesis may replay it
    if not body.get("model"):
        body["model"] = "gpt-4o-mini"
    if isinstance(body.get("messages"), list):
        body["messages"] = _answered_tool_messages(body["messages"])
    if body.get("stream") is not True:
        body.pop("stream_options", None)
    for key in ("max_tokens", "max_completion_tokens"):
        value = body.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool) and value < 1:
            del body[key]
    if body.get("max_tokens") is not None and body.get("max_completion_tokens") is not None:
        del body["max_tokens"]
    if body.get("top_logprobs") is not None:
        body["logprobs"] = True
    if body.get("logit_bias") is not None and not _valid_logit_bias(body["logit_bias"]):
        del body["logit_bias"]
    if "metadata" in body:
        body["metadata"] = trim_metadata(body["metadata"])
    fmt = body.get("response_format")
    if isinstance(fmt, Mapping) and fmt.get("type") == "json_object" and not mentions_json(body.get("messages")):
        body["messages"] = [*body.get("messages", []), {"role": "user", "content": "Reply in JSON."}]
    _fix_tools(body)
    # What the named model refuses (a reasoning model's `max_tokens`, o1-mini's system messages, ...); a name
    # no profile knows is shaped as gpt-4o-mini is.
    (find_profile(body["model"]) or find_profile("gpt-4o-mini")).repair(body)  # type: ignore[union-attr]
    return body


def _fix_tools(body: dict[str, Any]) -> None:
    """Valid, unique tool names and compilable schemas; tool options only with tools; a forced tool that exists."""
    kinds = _fix_names(body)
    _fix_user_schemas(body)
    if not body.get("tools"):
        for key in ("tools", "tool_choice", "parallel_tool_calls"):
            body.pop(key, None)
    if not _tool_choice_is_answerable(body.get("tool_choice"), kinds):
        del body["tool_choice"]
    function_call = body.get("function_call")
    if isinstance(function_call, Mapping):
        names = {f.get("name") for f in body.get("functions") or [] if isinstance(f, Mapping)}
        if function_call.get("name") not in names:
            del body["function_call"]


def shape_create(body: dict[str, Any], *, model: str | None, loopback: bool) -> dict[str, Any]:
    """A generated create request made answerable, naming `model` (default gpt-4o-mini: a generated name would get
    404, or answers of another model than the run's); off loopback, also cheap."""
    body = satisfy_cross_field_rules({**body, "model": model or DEFAULT_MODEL})
    if loopback:
        return body
    return cheapen(body)


def cheapen(body: dict[str, Any]) -> dict[str, Any]:
    """Text in, at most a few tokens out, at most 2 choices: what a paid server may be sent."""
    body = {k: v for k, v in body.items() if k in CHEAP_FIELDS}
    body["messages"] = [
        m
        for m in body.get("messages", [])
        if isinstance(m, Mapping)
        and m.get("role") in ("user", "system", "developer")
        and isinstance(m.get("content"), str)
    ][:3] or copy.deepcopy(HELLO)
    limit = body.pop("max_completion_tokens", None)
    body["max_completion_tokens"] = min(limit, CHEAP_TOKEN_LIMIT) if isinstance(limit, int) and limit > 0 else 8
    if isinstance(body.get("n"), int):
        body["n"] = min(body["n"], 2)
    return satisfy_cross_field_rules(body)
