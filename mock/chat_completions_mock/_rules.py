"""Rules the real API enforces beyond the schema (skipped with `permissive`).

Each rule raises the 400 the real API answers, with `param` naming the field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ._errors import ApiError, invalid
from ._values import compile_schema
from .facts import TOOL_NAME_PATTERN, VOCABULARY_SIZE, mentions_json

#: Most messages one request may carry.
MAX_MESSAGES = 2048
#: Metadata limits: keys, key length, value length.
METADATA_KEYS, METADATA_KEY_LENGTH, METADATA_VALUE_LENGTH = 16, 64, 512

_NAME = re.compile(TOOL_NAME_PATTERN)


def check_metadata(metadata: Any, param: str = "metadata") -> None:
    """At most 16 keys, keys up to 64 characters, values up to 512."""
    if not isinstance(metadata, dict):
        return
    if len(metadata) > METADATA_KEYS:
        raise invalid(
            f"Invalid '{param}': too many properties. Expected an object with at most {METADATA_KEYS} properties,"
            f" but got an object with {len(metadata)} properties instead.",
            param,
            "object_above_max_properties",
        )
    for key, value in metadata.items():
        if len(key) > METADATA_KEY_LENGTH:
            raise invalid(
                f"Invalid '{param}': key too long. Expected keys of at most {METADATA_KEY_LENGTH} characters.",
                param,
                "string_above_max_length",
            )
        if isinstance(value, str) and len(value) > METADATA_VALUE_LENGTH:
            raise invalid(
                f"Invalid '{param}.{key}': string too long. Expected a string with maximum length"
                f" {METADATA_VALUE_LENGTH}, but got a string with length {len(value)} instead.",
                f"{param}.{key}",
                "string_above_max_length",
            )


def _tool_names(body: Mapping[str, Any]) -> dict[str, str]:
    names: dict[str, str] = {}
    for tool in body.get("tools") or []:
        kind = tool.get("type")
        inner = tool.get(kind) if isinstance(kind, str) else None
        if isinstance(inner, dict) and isinstance(inner.get("name"), str):
            names[inner["name"]] = kind
    return names


def check_create(body: Mapping[str, Any]) -> None:  # noqa: PLR0912, PLR0915
    """The real API's cross-field rules for create; raises `ApiError` on the first broken one."""
    messages = body["messages"]
    model = body["model"]
    if not model:
        raise invalid("You must provide a model parameter.", "model", "missing_required_parameter")
    if len(messages) > MAX_MESSAGES:
        raise invalid(
            f"Invalid 'messages': array too long. Expected an array with maximum length {MAX_MESSAGES},"
            f" but got an array with length {len(messages)} instead.",
            "messages",
            "array_above_max_length",
        )
    stream = body.get("stream") is True
    if body.get("stream_options") is not None and not stream:
        raise invalid(
            "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
            "stream_options",
            "invalid_value",
        )
    for name in ("max_tokens", "max_completion_tokens"):
        value = body.get(name)
        if value is not None and value < 1:
            raise invalid(
                f"Invalid '{name}': integer below minimum value. Expected a value >= 1, but got {value} instead.",
                name,
                "integer_below_min_value",
            )
    if body.get("max_tokens") is not None and body.get("max_completion_tokens") is not None:
        raise invalid(
            "Setting 'max_tokens' and 'max_completion_tokens' at the same time is not supported.",
            "max_tokens",
            "invalid_value",
        )
    if body.get("top_logprobs") is not None and body.get("logprobs") is not True:
        raise invalid("Using 'top_logprobs' requires 'logprobs' to be true.", "top_logprobs", "invalid_value")
    bias = body.get("logit_bias")
    if isinstance(bias, dict):
        for key, value in bias.items():
            if not (key.isascii() and key.isdigit() and int(key) < VOCABULARY_SIZE):
                raise invalid(
                    f"Invalid key in 'logit_bias': {key[:40]}. Keys must be token ids"
                    f" (integers from 0 to {VOCABULARY_SIZE - 1}).",
                    "logit_bias",
                    "invalid_value",
                )
            if not -100 <= value <= 100:
                raise invalid(
                    f"Invalid value in 'logit_bias' for token {key}: {value}. Values must be between -100 and 100.",
                    "logit_bias",
                    "invalid_value",
                )
    check_metadata(body.get("metadata"))
    tools = body.get("tools") or []
    for index, tool in enumerate(tools):
        kind = tool.get("type")
        inner = tool.get(kind) if isinstance(kind, str) else None
        tool_name = inner.get("name") if isinstance(inner, dict) else None
        if not isinstance(tool_name, str) or not _NAME.fullmatch(tool_name):
            param = f"tools[{index}].{kind}.name"
            raise invalid(
                f"Invalid '{param}': string does not match pattern. Expected a string that matches the pattern"
                " '^[a-zA-Z0-9_-]{1,64}$'.",
                param,
                "invalid_value",
            )
    names = _tool_names(body)
    if len(names) != len(tools):
        raise invalid("Tool names must be unique.", "tools", "invalid_value")
    choice = body.get("tool_choice")
    if choice is not None and not tools:
        raise invalid(
            "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
            "tool_choice",
            "invalid_value",
        )
    if body.get("parallel_tool_calls") is not None and not tools:
        raise invalid(
            "Invalid value for 'parallel_tool_calls': 'parallel_tool_calls' is only allowed when 'tools' are"
            " specified.",
            "parallel_tool_calls",
            "invalid_value",
        )
    if isinstance(choice, dict):
        kind = choice.get("type")
        if kind in ("function", "custom"):
            wanted = choice[kind]["name"]
            if names.get(wanted) != kind:
                raise invalid(
                    f"Invalid value for 'tool_choice': no {kind} tool named '{wanted}' was given in 'tools'.",
                    "tool_choice",
                    "invalid_value",
                )
        elif kind == "allowed_tools":
            for index, allowed in enumerate(choice["allowed_tools"]["tools"]):
                inner_kind = allowed.get("type")
                inner = allowed.get(inner_kind) if isinstance(inner_kind, str) else None
                wanted = inner.get("name") if isinstance(inner, dict) else None
                if not isinstance(wanted, str) or wanted not in names:
                    param = f"tool_choice.allowed_tools.tools[{index}]"
                    raise invalid(
                        f"Invalid value for '{param}': no tool with that name was given in 'tools'.",
                        param,
                        "invalid_value",
                    )
    functions = body.get("functions") or []
    function_call = body.get("function_call")
    if isinstance(function_call, dict):
        wanted = function_call["name"]
        if not any(f.get("name") == wanted for f in functions):
            raise invalid(
                f"Invalid value for 'function_call': no function named '{wanted}' was given in 'functions'.",
                "function_call",
                "invalid_value",
            )
    _check_schemas(body)
    fmt = body.get("response_format")
    if isinstance(fmt, dict):
        if fmt.get("type") == "json_object" and not _mentions_json(messages):
            raise invalid(
                "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
                "messages",
                "invalid_value",
            )
        if fmt.get("type") == "json_schema":
            name = fmt["json_schema"]["name"]
            if not _NAME.fullmatch(name):
                raise invalid(
                    "Invalid 'response_format.json_schema.name': string does not match pattern. Expected a string"
                    " that matches the pattern '^[a-zA-Z0-9_-]{1,64}$'.",
                    "response_format.json_schema.name",
                    "invalid_value",
                )
    _check_tool_messages(messages)


def _check_schemas(body: Mapping[str, Any]) -> None:
    """Function parameters and `json_schema` schemas must be valid JSON Schemas, as the real API requires."""
    for index, tool in enumerate(body.get("tools") or []):
        function = tool.get("function") if tool.get("type") == "function" else None
        if isinstance(function, dict) and "parameters" in function:
            try:
                compile_schema(function["parameters"])
            except ValueError as exc:
                raise invalid(
                    f"Invalid schema for function '{function.get('name')}': {exc}",
                    f"tools[{index}].function.parameters",
                    "invalid_function_parameters",
                ) from None
    for index, function in enumerate(body.get("functions") or []):
        if "parameters" in function:
            try:
                compile_schema(function["parameters"])
            except ValueError as exc:
                raise invalid(
                    f"Invalid schema for function '{function.get('name')}': {exc}",
                    f"functions[{index}].parameters",
                    "invalid_function_parameters",
                ) from None
    fmt = body.get("response_format")
    if isinstance(fmt, dict) and fmt.get("type") == "json_schema" and "schema" in fmt["json_schema"]:
        try:
            compile_schema(fmt["json_schema"]["schema"])
        except ValueError as exc:
            raise invalid(
                f"Invalid schema for response_format '{fmt['json_schema'].get('name')}': {exc}",
                "response_format.json_schema.schema",
                "invalid_json_schema",
            ) from None


def _mentions_json(messages: list[Any]) -> bool:
    return mentions_json(messages)


def _check_tool_messages(messages: list[Any]) -> None:
    called: set[str] = set()
    for index, message in enumerate(messages):
        role = message.get("role")
        if role == "assistant":
            for call in message.get("tool_calls") or []:
                if isinstance(call.get("id"), str):
                    called.add(call["id"])
        elif role == "tool" and message.get("tool_call_id") not in called:
            raise invalid(
                "Invalid parameter: messages with role 'tool' must be a response to a preceding message with"
                " 'tool_calls'.",
                f"messages[{index}].role",
                "invalid_value",
            )


def context_error(tokens: int, window: int) -> ApiError:
    """The 400 for a prompt longer than the context window."""
    return invalid(
        f"This model's maximum context length is {window} tokens. However, your messages resulted in {tokens}"
        " tokens. Please reduce the length of the messages.",
        "messages",
        "context_length_exceeded",
    )
