"""Rules the real API enforces beyond the schema (skipped with `permissive`), one named function per rule.

Each rule is a function `rule(create) -> None` that raises the 400 the real API answers, with `param` naming the
field; its docstring's first line says which behaviour of the API it mirrors. `RULES` holds them in the order
they are checked (the first broken one answers), and `check_create(create)` runs them all. `rule_table()` renders
them as the Markdown table of the docs (a test keeps the two in step). To add a rule: write the function below,
decorate it with `@rule("its param", ...)`, and give it an example in `tests/unit/mock/test_rules.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from ._completions import NEUTRAL_FIELDS, SEED_FIELDS
from ._errors import ApiError, invalid
from ._models import PROFILE_BY_NAME, Profile, find_profile
from ._tokens import prompt_tokens
from ._values import compile_schema
from .facts import TOOL_NAME_PATTERN, VOCABULARY_SIZE, mentions_json

__all__ = [
    "MAX_MESSAGES",
    "RULES",
    "VOCABULARY_SIZE",
    "Create",
    "check_create",
    "check_metadata",
    "context_error",
    "rule",
    "rule_table",
]

#: Most messages one request may carry.
MAX_MESSAGES = 2048
#: Metadata limits: keys, key length, value length.
METADATA_KEYS, METADATA_KEY_LENGTH, METADATA_VALUE_LENGTH = 16, 64, 512

_NAME = re.compile(TOOL_NAME_PATTERN)
_NAME_MISMATCH = "string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]{1,64}$'."


class Create:
    """One create request under check: its body, the model's profile and context window (prompt tokens counted once).

    `profile` defaults to the built-in profile of the body's `model` (gpt-4o-mini's for a name no profile has);
    `context_window` None means the profile's.
    """

    __slots__ = ("_prompt_tokens", "body", "context_window", "profile")

    def __init__(self, body: Mapping[str, Any], context_window: int | None, profile: Profile | None = None) -> None:
        self.body = body
        self.profile = profile or find_profile(body.get("model")) or PROFILE_BY_NAME["gpt-4o-mini"]
        self.context_window = context_window if context_window is not None else self.profile.context_window
        self._prompt_tokens: int | None = None

    @property
    def prompt_tokens(self) -> int:
        """The prompt's token count (counted on first use)."""
        if self._prompt_tokens is None:
            self._prompt_tokens = prompt_tokens(self.body)
        return self._prompt_tokens


Rule = Callable[[Create], None]
#: The rules, in the order they are checked.
RULES: list[Rule] = []
#: The `param` values each rule's 400 may name (`i` and `KEY` stand for an index and a key).
PARAMS: dict[Rule, tuple[str, ...]] = {}


def rule(*params: str) -> Callable[[Rule], Rule]:
    """Register the decorated function as the next rule; `params` are the `param` values its 400 may name."""

    def register(func: Rule) -> Rule:
        RULES.append(func)
        PARAMS[func] = params
        return func

    return register


def check_create(create: Create) -> None:
    """Run every rule in order; raises the `ApiError` of the first one broken."""
    for func in RULES:
        func(create)


def rule_table() -> str:
    """The rules as a Markdown table: name, the behaviour it mirrors (docstring's first line), its `param`s."""
    lines = ["| rule | what the real API does | `param` |", "| --- | --- | --- |"]
    for func in RULES:
        why = (func.__doc__ or "").strip().splitlines()[0].replace("|", "&#124;")
        params = ", ".join(f"`{p}`" for p in PARAMS[func])
        lines.append(f"| `{func.__name__}` | {why} | {params} |")
    return "\n".join(lines) + "\n"


def check_metadata(metadata: Any, param: str = "metadata") -> None:
    """At most 16 keys, keys up to 64 characters, values up to 512 (create and update)."""
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


def context_error(tokens: int, window: int) -> ApiError:
    """The 400 for a prompt longer than the context window."""
    return invalid(
        f"This model's maximum context length is {window} tokens. However, your messages resulted in {tokens}"
        " tokens. Please reduce the length of the messages.",
        "messages",
        "context_length_exceeded",
    )


def _tool_names(body: Mapping[str, Any]) -> dict[str, str]:
    """Each tool's name and its type (`function` or `custom`)."""
    names: dict[str, str] = {}
    for tool in body.get("tools") or []:
        kind = tool.get("type")
        inner = tool.get(kind) if isinstance(kind, str) else None
        if isinstance(inner, dict) and isinstance(inner.get("name"), str):
            names[inner["name"]] = kind
    return names


def _schema_error(schema: Any, what: str, param: str, code: str) -> None:
    """A 400 when `schema` is not a valid JSON Schema."""
    try:
        compile_schema(schema)
    except ValueError as exc:
        raise invalid(f"Invalid schema for {what}: {exc}", param, code) from None


def _mentions_json(messages: list[Any]) -> bool:
    """Whether some message's text contains "json" (any case): the rule stated in `facts`."""
    return mentions_json(messages)


# --- rules, in the order they are checked -----------------------------------------------------


@rule("model")
def model_given(create: Create) -> None:
    """An empty `model` is a missing parameter."""
    if not create.body["model"]:
        raise invalid("You must provide a model parameter.", "model", "missing_required_parameter")


#: Every create parameter the API knows (the spec's; tests/unit/mock/test_request_fields.py keeps them exact).
REQUEST_FIELDS = NEUTRAL_FIELDS | SEED_FIELDS


@rule("PARAMETER")
def parameters_are_known(create: Create) -> None:
    """A parameter the API does not know is refused ("Unrecognized request argument supplied: X")."""
    unknown = next((key for key in create.body if key not in REQUEST_FIELDS), None)
    if unknown is not None:
        raise invalid(f"Unrecognized request argument supplied: {unknown[:256]}", unknown[:256], "unknown_parameter")


@rule(
    "max_tokens",
    "temperature",
    "top_p",
    "logprobs",
    "web_search_options",
    "messages[i].role",
    "messages[i]",
    "messages.[i].content.[j].type",
    "model",
    "max_completion_tokens",
)
def model_takes_the_request(create: Create) -> None:
    """The model refuses what OpenAI refuses for it: see the model profiles below (`param` null where OpenAI's is)."""
    error = create.profile.refusal(create.body)
    if error is not None:
        raise error


@rule("messages")
def at_most_2048_messages(create: Create) -> None:
    """One request carries at most 2,048 messages."""
    messages = create.body["messages"]
    if len(messages) > MAX_MESSAGES:
        raise invalid(
            f"Invalid 'messages': array too long. Expected an array with maximum length {MAX_MESSAGES},"
            f" but got an array with length {len(messages)} instead.",
            "messages",
            "array_above_max_length",
        )


@rule("stream_options")
def stream_options_need_stream(create: Create) -> None:
    """`stream_options` is only allowed with `stream: true`."""
    body = create.body
    if body.get("stream_options") is not None and body.get("stream") is not True:
        raise invalid(
            "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
            "stream_options",
            "invalid_value",
        )


@rule("max_tokens", "max_completion_tokens")
def token_limits_at_least_one(create: Create) -> None:
    """`max_tokens` and `max_completion_tokens` are at least 1 (the schema allows 0 and negatives)."""
    for name in ("max_tokens", "max_completion_tokens"):
        value = create.body.get(name)
        if value is not None and value < 1:
            raise invalid(
                f"Invalid '{name}': integer below minimum value. Expected a value >= 1, but got {value} instead.",
                name,
                "integer_below_min_value",
            )


@rule("max_tokens")
def one_token_limit(create: Create) -> None:
    """`max_tokens` and `max_completion_tokens` may not be set together."""
    body = create.body
    if body.get("max_tokens") is not None and body.get("max_completion_tokens") is not None:
        raise invalid(
            "Setting 'max_tokens' and 'max_completion_tokens' at the same time is not supported.",
            "max_tokens",
            "invalid_value",
        )


@rule("top_logprobs")
def top_logprobs_need_logprobs(create: Create) -> None:
    """`top_logprobs` requires `logprobs: true`."""
    body = create.body
    if body.get("top_logprobs") is not None and body.get("logprobs") is not True:
        raise invalid("Using 'top_logprobs' requires 'logprobs' to be true.", "top_logprobs", "invalid_value")


@rule("logit_bias")
def logit_bias_on_token_ids(create: Create) -> None:
    """`logit_bias` keys are token ids (0..200018) and its values lie in -100..100."""
    bias = create.body.get("logit_bias")
    if not isinstance(bias, dict):
        return
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


@rule("metadata", "metadata.KEY")
def metadata_limits(create: Create) -> None:
    """`metadata` has at most 16 keys, keys of at most 64 characters and values of at most 512 (update too)."""
    check_metadata(create.body.get("metadata"))


@rule("tools[i].function.name", "tools[i].custom.name")
def tool_names_match_pattern(create: Create) -> None:
    """Tool names match `^[a-zA-Z0-9_-]{1,64}$`."""
    for index, tool in enumerate(create.body.get("tools") or []):
        kind = tool.get("type")
        inner = tool.get(kind) if isinstance(kind, str) else None
        tool_name = inner.get("name") if isinstance(inner, dict) else None
        if not isinstance(tool_name, str) or not _NAME.fullmatch(tool_name):
            param = f"tools[{index}].{kind}.name"
            raise invalid(f"Invalid '{param}': {_NAME_MISMATCH}", param, "invalid_value")


@rule("tools")
def tool_names_unique(create: Create) -> None:
    """Two tools may not share a name."""
    if len(_tool_names(create.body)) != len(create.body.get("tools") or []):
        raise invalid("Tool names must be unique.", "tools", "invalid_value")


@rule("tool_choice")
def tool_choice_needs_tools(create: Create) -> None:
    """`tool_choice` is only allowed with `tools`."""
    body = create.body
    if body.get("tool_choice") is not None and not body.get("tools"):
        raise invalid(
            "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
            "tool_choice",
            "invalid_value",
        )


@rule("parallel_tool_calls")
def parallel_tool_calls_need_tools(create: Create) -> None:
    """`parallel_tool_calls` is only allowed with `tools`."""
    body = create.body
    if body.get("parallel_tool_calls") is not None and not body.get("tools"):
        raise invalid(
            "Invalid value for 'parallel_tool_calls': 'parallel_tool_calls' is only allowed when 'tools' are"
            " specified.",
            "parallel_tool_calls",
            "invalid_value",
        )


@rule("tool_choice")
def tool_choice_names_a_tool(create: Create) -> None:
    """A function or custom `tool_choice` names a tool of that type in `tools`."""
    choice = create.body.get("tool_choice")
    if not isinstance(choice, dict):
        return
    kind = choice.get("type")
    if kind in ("function", "custom"):
        wanted = choice[kind]["name"]
        if _tool_names(create.body).get(wanted) != kind:
            raise invalid(
                f"Invalid value for 'tool_choice': no {kind} tool named '{wanted}' was given in 'tools'.",
                "tool_choice",
                "invalid_value",
            )


@rule("tool_choice.allowed_tools.tools[i]")
def allowed_tools_are_tools(create: Create) -> None:
    """Each tool of an `allowed_tools` choice names a tool in `tools`."""
    choice = create.body.get("tool_choice")
    if not isinstance(choice, dict) or choice.get("type") != "allowed_tools":
        return
    names = _tool_names(create.body)
    for index, allowed in enumerate(choice["allowed_tools"]["tools"]):
        inner_kind = allowed.get("type")
        inner = allowed.get(inner_kind) if isinstance(inner_kind, str) else None
        wanted = inner.get("name") if isinstance(inner, dict) else None
        if not isinstance(wanted, str) or wanted not in names:
            param = f"tool_choice.allowed_tools.tools[{index}]"
            raise invalid(
                f"Invalid value for '{param}': no tool with that name was given in 'tools'.", param, "invalid_value"
            )


@rule("function_call")
def function_call_names_a_function(create: Create) -> None:
    """A legacy `function_call` naming a function names one in `functions`."""
    function_call = create.body.get("function_call")
    if not isinstance(function_call, dict):
        return
    wanted = function_call["name"]
    if not any(f.get("name") == wanted for f in create.body.get("functions") or []):
        raise invalid(
            f"Invalid value for 'function_call': no function named '{wanted}' was given in 'functions'.",
            "function_call",
            "invalid_value",
        )


@rule("tools[i].function.parameters")
def tool_parameters_are_schemas(create: Create) -> None:
    """A function tool's `parameters` is a valid JSON Schema (checked offline), nested at most 64 levels."""
    for index, tool in enumerate(create.body.get("tools") or []):
        function = tool.get("function") if tool.get("type") == "function" else None
        if isinstance(function, dict) and "parameters" in function:
            what = f"function '{function.get('name')}'"
            _schema_error(
                function["parameters"], what, f"tools[{index}].function.parameters", "invalid_function_parameters"
            )


@rule("functions[i].parameters")
def function_parameters_are_schemas(create: Create) -> None:
    """A legacy function's `parameters` is a valid JSON Schema, nested at most 64 levels."""
    for index, function in enumerate(create.body.get("functions") or []):
        if "parameters" in function:
            what = f"function '{function.get('name')}'"
            _schema_error(function["parameters"], what, f"functions[{index}].parameters", "invalid_function_parameters")


@rule("response_format.json_schema.schema")
def response_schema_is_a_schema(create: Create) -> None:
    """A `json_schema` response format's `schema` is a valid JSON Schema, nested at most 64 levels."""
    fmt = create.body.get("response_format")
    if isinstance(fmt, dict) and fmt.get("type") == "json_schema" and "schema" in fmt["json_schema"]:
        what = f"response_format '{fmt['json_schema'].get('name')}'"
        _schema_error(fmt["json_schema"]["schema"], what, "response_format.json_schema.schema", "invalid_json_schema")


@rule("messages")
def json_object_mentions_json(create: Create) -> None:
    """A `json_object` response format needs the word "json" somewhere in the messages."""
    fmt = create.body.get("response_format")
    if isinstance(fmt, dict) and fmt.get("type") == "json_object" and not _mentions_json(create.body["messages"]):
        raise invalid(
            "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
            "messages",
            "invalid_value",
        )


@rule("response_format.json_schema.name")
def json_schema_name_matches_pattern(create: Create) -> None:
    """A `json_schema` response format's `name` matches `^[a-zA-Z0-9_-]{1,64}$`."""
    fmt = create.body.get("response_format")
    if isinstance(fmt, dict) and fmt.get("type") == "json_schema" and not _NAME.fullmatch(fmt["json_schema"]["name"]):
        param = "response_format.json_schema.name"
        raise invalid(f"Invalid '{param}': {_NAME_MISMATCH}", param, "invalid_value")


@rule("messages[i].role")
def tool_messages_answer_calls(create: Create) -> None:
    """A `tool` message answers the id of a `tool_calls` entry of an earlier assistant message."""
    called: set[str] = set()
    for index, message in enumerate(create.body["messages"]):
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


@rule("messages")
def prompt_fits_the_context_window(create: Create) -> None:
    """A prompt longer than the model's context window is refused (`context_length_exceeded`)."""
    tokens = create.prompt_tokens
    if tokens > create.context_window:
        raise context_error(tokens, create.context_window)
