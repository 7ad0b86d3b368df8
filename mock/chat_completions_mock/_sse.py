"""SSE framing of a streamed answer: a `Plan` as `data: {chunk}` events, then the usage chunk and `[DONE]`."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ._completions import Choice, Plan
from ._render import plan_usage
from ._tokens import tokenize

__all__ = ["DONE", "render_stream"]

#: The last event of every complete stream.
DONE = b"data: [DONE]\n\n"

_DUMPS = json.JSONEncoder(separators=(",", ":")).encode
_string: Callable[[str], str] = getattr(json.encoder, "encode_basestring_ascii")  # noqa: B009 - C speedup


def _event(index: int, delta: dict[str, Any], logprobs: dict[str, Any] | None) -> dict[str, Any]:
    return {"index": index, "delta": delta, "logprobs": logprobs, "finish_reason": None}


def _tool_events(choice: Choice, role: dict[str, Any], logprobs: dict[str, Any] | None) -> list[dict[str, Any] | str]:
    """Each call: its id and name once (the first also carries the role), then argument fragments."""
    events: list[dict[str, Any] | str] = []
    for position, call in enumerate(choice.tool_calls):
        kind = "custom" if call.custom else "function"
        field_name = "input" if call.custom else "arguments"
        head = {"index": position, "id": call.id, "type": kind, kind: {"name": call.name, field_name: ""}}
        if position == 0:
            events.append(_event(choice.index, {**role, "tool_calls": [head]}, logprobs))
        else:
            events.append(_event(choice.index, {"tool_calls": [head]}, logprobs))
        for fragment in _fragments(call.arguments):
            part = {"index": position, kind: {field_name: fragment}}
            events.append(_event(choice.index, {"tool_calls": [part]}, logprobs))
    return events


def _text_events(
    choice: Choice, role: dict[str, Any], logprobs: dict[str, Any] | None, null_logprobs: str
) -> list[dict[str, Any] | str]:
    """The role, then one content delta per token (with its logprob entry when asked)."""
    entries = choice.logprobs
    if entries is None:
        # The common case, rendered from templates (the same JSON json.dumps gives).
        index = str(choice.index)
        start = '{"index":' + index + ',"delta":{"content":'
        end = "}" + null_logprobs + ',"finish_reason":null}'
        return [
            '{"index":' + index + ',"delta":{"role":"assistant","content":"","refusal":null' + end,
            *(start + _string(token) + end for token in choice.tokens),
        ]
    events: list[dict[str, Any] | str] = [_event(choice.index, role, logprobs)]
    for position, token in enumerate(choice.tokens):
        entry = {"content": [entries[position]], "refusal": None}
        events.append(_event(choice.index, {"content": token}, entry))
    return events


def _choice_events(plan: Plan, choice: Choice) -> list[dict[str, Any] | str]:
    """The `choices[0]` objects of one choice's chunks, in order (as dicts, or already as JSON text)."""
    role: dict[str, Any] = {"role": "assistant", "content": "", "refusal": None}
    logprobs: dict[str, Any] | None = {"content": [], "refusal": None} if plan.logprobs else None
    if choice.tool_calls:
        role["content"] = None
        events = _tool_events(choice, role, logprobs)
    elif choice.function_call is not None:
        call = choice.function_call
        role["content"] = None
        events = [_event(choice.index, {**role, "function_call": {"name": call.name, "arguments": ""}}, logprobs)]
        events.extend(
            _event(choice.index, {"function_call": {"arguments": fragment}}, logprobs)
            for fragment in _fragments(call.arguments)
        )
    else:
        events = _text_events(choice, role, logprobs, _null_logprobs(plan))
    if logprobs is None:
        events.append(
            '{"index":'
            + str(choice.index)
            + ',"delta":{}'
            + _null_logprobs(plan)
            + ',"finish_reason":'
            + _string(choice.finish_reason)
            + "}"
        )
    else:
        events.append({"index": choice.index, "delta": {}, "logprobs": logprobs, "finish_reason": choice.finish_reason})
    return events


def _null_logprobs(plan: Plan) -> str:
    """`,"logprobs":null` where the model sends it (reasoning, audio and search models leave it out)."""
    return ',"logprobs":null' if plan.logprobs_in_choices else ""


def _json(plan: Plan, event: dict[str, Any] | str) -> str:
    if isinstance(event, str):
        return event
    if not plan.logprobs_in_choices and event.get("logprobs", 0) is None:
        event = {k: v for k, v in event.items() if k != "logprobs"}
    return _DUMPS(event)


_PADDING = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" * 2


def obfuscation(position: int) -> str:
    """The `obfuscation` padding of chunk `position`: 1 to 16 characters, varying from chunk to chunk."""
    start = (position * 7) % 62
    return _PADDING[start : start + 1 + (position * 5) % 16]


def _tail(plan: Plan, position: int) -> str:
    """What follows a chunk's choices: `usage: null` when usage comes last, and the `obfuscation` padding."""
    usage = ',"usage":null' if plan.include_usage else ""
    padding = ',"obfuscation":"' + obfuscation(position) + '"' if plan.obfuscation else ""
    return "]" + usage + padding + "}\n\n"


def _fragments(arguments: str) -> list[str]:
    tokens = tokenize(arguments)
    # A few tokens per chunk, like the real API's argument deltas.
    return ["".join(tokens[i : i + 3]) for i in range(0, len(tokens), 3)]


def render_stream(plan: Plan) -> list[bytes]:
    """The SSE events of the stream (`data: {...}\\n\\n` each), ending with the usage chunk and `[DONE]`."""
    head = (
        '{"id":'
        + _string(plan.id)
        + ',"object":"chat.completion.chunk","created":'
        + str(plan.created)
        + ',"model":'
        + _string(plan.model)
        + ',"service_tier":'
        + _string(plan.service_tier)
        + ',"system_fingerprint":'
        + (_string(plan.system_fingerprint) if plan.system_fingerprint is not None else "null")
        + ',"choices":['
    )
    tail = '],"usage":null}\n\n' if plan.include_usage else "]}\n\n"
    prefix = "data: " + head
    per_choice = [_choice_events(plan, choice) for choice in plan.choices]
    out: list[bytes] = []
    longest = max((len(events) for events in per_choice), default=0)
    for step in range(longest):
        for events in per_choice:
            if step < len(events):
                ending = _tail(plan, len(out)) if plan.obfuscation else tail
                out.append((prefix + _json(plan, events[step]) + ending).encode())
    if plan.include_usage:
        padding = ',"obfuscation":"' + obfuscation(len(out)) + '"' if plan.obfuscation else ""
        final = head + '],"usage":' + _DUMPS(plan_usage(plan)) + padding + "}"
        out.append(("data: " + final + "\n\n").encode())
    out.append(DONE)
    return out
