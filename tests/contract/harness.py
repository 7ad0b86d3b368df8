"""What the contract tests share: the target server, run options, request shaping for real servers."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx
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
_TARGET: list[Target] = []  # schemathesis hooks get no fixtures: they reach the target through this


def set_target(target: Target) -> None:
    _TARGET[:] = [target]


def current_target() -> Target:
    if not _TARGET:
        raise RuntimeError("the `target` fixture has not run")
    return _TARGET[0]


def _valid_logit_bias(value: Any) -> bool:
    return isinstance(value, Mapping) and all(
        isinstance(k, str) and k.isdigit() and isinstance(v, int) and -100 <= v <= 100 for k, v in value.items()
    )


def _function_names(body: Mapping[str, Any]) -> set[str]:
    tools = body.get("tools") if isinstance(body.get("tools"), list) else []
    return {
        t["function"]["name"]
        for t in tools or []
        if isinstance(t, Mapping) and t.get("type") == "function" and isinstance(t.get("function"), Mapping)
    }


def satisfy_cross_field_rules(body: dict[str, Any]) -> dict[str, Any]:
    """Make a schema-valid request also obey the rules between fields that the spec cannot express."""
    if body.get("stream") is not True:
        body.pop("stream_options", None)
    if "max_tokens" in body and "max_completion_tokens" in body:
        del body["max_tokens"]
    if body.get("top_logprobs") is not None:
        body["logprobs"] = True
    if "logit_bias" in body and body["logit_bias"] is not None and not _valid_logit_bias(body["logit_bias"]):
        del body["logit_bias"]
    functions = _function_names(body)
    if not body.get("tools"):
        for key in ("tools", "tool_choice", "parallel_tool_calls"):
            body.pop(key, None)
    choice = body.get("tool_choice")
    if isinstance(choice, Mapping) and choice.get("type") == "function":
        if choice.get("function", {}).get("name") not in functions:
            del body["tool_choice"]
    elif isinstance(choice, Mapping):  # allowed_tools or custom-tool choices: only the mock needs to honour them
        del body["tool_choice"]
    return body


def shape_create(body: dict[str, Any], target: Target) -> dict[str, Any]:
    """A generated create request, made answerable (and cheap on a server that bills)."""
    body = satisfy_cross_field_rules(dict(body))
    if target.loopback:
        return body
    body = {k: v for k, v in body.items() if k in CHEAP_FIELDS}
    body["model"] = target.model
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
