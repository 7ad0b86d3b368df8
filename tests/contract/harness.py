"""What the contract tests share: the target server, run options, request shaping for real servers."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx
import jsonschema_rs
import pytest
import schemathesis
from promises import SPEC_PATH

BUNDLED_MOCK_KEY = "sk-contract-suite"
PLACEHOLDER_KEY = "sk-placeholder-for-loopback"
CHEAP_TOKEN_LIMIT = 16
# Fields a paid request may keep: text in, text out, nothing that bills extra (audio, search, predictions).
CHEAP_FIELDS = frozenset({
    "model", "messages", "temperature", "top_p", "n", "max_completion_tokens", "stop", "seed", "logprobs",
    "top_logprobs", "response_format", "tools", "tool_choice", "parallel_tool_calls", "metadata", "store",
    "stream", "stream_options", "presence_penalty", "frequency_penalty", "logit_bias", "user", "safety_identifier",
})  # fmt: skip


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class Target:
    """The server under test, how to authenticate to it, and what it may cost."""

    base_url: str
    api_key: str
    model: str
    loopback: bool
    bundled: bool
    max_requests: int | None
    sent: int = 0
    deviations: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}

    def spend(self, count: int = 1) -> None:
        """Count requests; once the budget is spent, the remaining tests are skipped, not failed."""
        if self.max_requests is not None and self.sent + count > self.max_requests:
            pytest.skip(f"request budget of {self.max_requests} spent")
        self.sent += count

    def record(self, operation: str, check: str, message: str) -> None:
        first_line = next((line.strip() for line in message.splitlines() if line.strip()), "")
        self.deviations.setdefault((operation, check), first_line[:160])


@dataclass
class RunOptions:
    """Command-line choices, read at configure time so modules that build tests at import can use them."""

    max_examples: int = 60
    paid: bool = False


RUN = RunOptions()

# The trimmed spec as schemathesis sees it; test modules parametrize over it at import.
SCHEMA = schemathesis.openapi.from_path(SPEC_PATH)
SCHEMA.config.seed = 42  # same requests on every run (hypothesis's own seed does not fix schemathesis's)
SCHEMA.config.max_stream_events = 2_000  # the default (20) stops reading a stream before [DONE]
# Servers ignore query parameters they do not know (so does OpenAI): an extra one is no invalid request.
# No shrinking: a failing run stays bounded in time, and the summary names the promise anyway.
SCHEMA.config.generation.update(allow_extra_parameters=False, no_shrink=True)
_TARGET: list[Target] = []  # schemathesis hooks get no fixtures: they reach the target through this


def set_target(target: Target) -> None:
    _TARGET[:] = [target]


def current_target() -> Target:
    if not _TARGET:
        raise RuntimeError("the `target` fixture has not run")
    return _TARGET[0]


VOCABULARY = 200_019  # token ids of the o200k vocabulary: what `logit_bias` keys may name
NAME = re.compile(r"[a-zA-Z0-9_-]{1,64}")


def _valid_logit_bias(value: Any) -> bool:
    return isinstance(value, Mapping) and all(
        isinstance(k, str)
        and k.isascii()
        and k.isdigit()
        and int(k) < VOCABULARY
        and isinstance(v, int)
        and -100 <= v <= 100
        for k, v in value.items()
    )


def _name(name: Any, taken: set[str]) -> str:
    """A tool, function or schema name as the API accepts it (1-64 of `[a-zA-Z0-9_-]`), unique in `taken`."""
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


def text_of(content: Any) -> str:
    """The text of a message's `content`: a string, or the `text` of its parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p["text"] for p in content if isinstance(p, Mapping) and isinstance(p.get("text"), str))
    return ""


def _mentions_json(messages: Any) -> bool:
    return isinstance(messages, list) and any(
        isinstance(m, Mapping) and "json" in text_of(m.get("content")).lower() for m in messages
    )


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
        return kinds.get(choice.get(kind, {}).get("name")) == kind
    if kind == "allowed_tools":
        allowed = choice.get("allowed_tools", {}).get("tools", [])
        return all(isinstance(t, Mapping) and t.get(t.get("type"), {}).get("name") in kinds for t in allowed)
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
    return kept or [{"role": "user", "content": "Say this is a test!"}]


def satisfy_cross_field_rules(body: dict[str, Any]) -> dict[str, Any]:
    """Make a schema-valid create request also obey the API's rules that the spec cannot express."""
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
    if isinstance(fmt, Mapping) and fmt.get("type") == "json_object" and not _mentions_json(body.get("messages")):
        body["messages"] = [*body.get("messages", []), {"role": "user", "content": "Reply in JSON."}]
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
    return body


def shape_create(body: dict[str, Any], target: Target) -> dict[str, Any]:
    """A generated create request, made answerable (and cheap on a server that bills).

    Any server but the bundled mock gets `--model`: a real one serves only the models it has.
    """
    body = satisfy_cross_field_rules(dict(body))
    if not target.bundled:
        body["model"] = target.model
    if target.loopback:
        return body
    body = {k: v for k, v in body.items() if k in CHEAP_FIELDS}
    body["messages"] = [
        m
        for m in body.get("messages", [])
        if isinstance(m, Mapping)
        and m.get("role") in ("user", "system", "developer")
        and isinstance(m.get("content"), str)
    ][:3] or [{"role": "user", "content": "Say this is a test!"}]
    limit = body.pop("max_completion_tokens", None)
    body["max_completion_tokens"] = min(limit, CHEAP_TOKEN_LIMIT) if isinstance(limit, int) and limit > 0 else 8
    if isinstance(body.get("n"), int):
        body["n"] = min(body["n"], 2)
    return satisfy_cross_field_rules(body)


def send(
    target: Target,
    method: str,
    path: str,
    *,
    json: Any = None,
    params: Any = None,
    headers: Mapping[str, str] | None = None,
    auth: bool = True,
) -> httpx.Response:
    """One request to the target, counted against its budget; `path` is relative to the base URL."""
    target.spend()
    sent_headers = dict(target.headers) if auth else {}
    sent_headers.update(headers or {})
    with httpx.Client(timeout=httpx.Timeout(60.0, connect=10.0)) as client:
        return client.request(method, target.base_url + path, json=json, params=params, headers=sent_headers)


def cheap(target: Target, body: dict[str, Any]) -> dict[str, Any]:
    """`body` with the target's model; on a billed server also a small token limit."""
    body = {**body, "model": target.model}
    if not target.loopback and "max_completion_tokens" not in body:
        body["max_completion_tokens"] = CHEAP_TOKEN_LIMIT
    return body


def leaves(group: BaseException) -> list[BaseException]:
    """The single failures inside a (nested) exception group."""
    if isinstance(group, BaseExceptionGroup):
        return [leaf for exc in group.exceptions for leaf in leaves(exc)]
    return [group]


def answer_line(response: Any) -> str:
    """What the server answered, in one short line for the summary."""
    return f"got {response.status_code}: {response.text[:120]}"


def describe_failure(failure: BaseException, response: Any) -> str:
    """One line on a schemathesis failure: the answer it judged, or, for checks that sent their own request
    (an unauthenticated or badly authenticated copy), what that request got."""
    if type(failure).__name__ == "IgnoredAuth":
        return str(getattr(failure, "message", failure)).splitlines()[0]
    return answer_line(response)
