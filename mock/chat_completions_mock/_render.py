"""The JSON objects of create's answers: a `chat.completion` from a `Plan`, its `usage`, and stored messages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._completions import Plan, ToolCall, text_of

__all__ = ["plan_usage", "render", "stored_messages", "usage"]


def usage(prompt: int, completion: int, reasoning: int = 0, *, by_modality: bool = False) -> dict[str, Any]:
    """The `usage` object (total = prompt + completion; `reasoning` of the completion tokens were reasoning; no
    cached or audio tokens). `by_modality` adds the text/image split audio models report."""
    prompt_details: dict[str, int] = {"cached_tokens": 0, "audio_tokens": 0}
    completion_details: dict[str, int] = {
        "reasoning_tokens": reasoning,
        "audio_tokens": 0,
        "accepted_prediction_tokens": 0,
        "rejected_prediction_tokens": 0,
    }
    if by_modality:
        prompt_details |= {"text_tokens": prompt, "image_tokens": 0}
        completion_details["text_tokens"] = completion - reasoning
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
        "prompt_tokens_details": prompt_details,
        "completion_tokens_details": completion_details,
    }


def plan_usage(plan: Plan) -> dict[str, Any]:
    """The `usage` of a planned answer."""
    return usage(plan.prompt_tokens, plan.completion_tokens, plan.reasoning_tokens, by_modality=plan.by_modality)


def _tool_call_json(call: ToolCall) -> dict[str, Any]:
    if call.custom:
        return {"id": call.id, "type": "custom", "custom": {"name": call.name, "input": call.arguments}}
    return {"id": call.id, "type": "function", "function": {"name": call.name, "arguments": call.arguments}}


def render(plan: Plan) -> dict[str, Any]:
    """The `chat.completion` object."""
    choices = []
    for choice in plan.choices:
        message: dict[str, Any] = {"role": "assistant", "content": choice.content, "refusal": None, "annotations": []}
        if choice.tool_calls:
            message["tool_calls"] = [_tool_call_json(c) for c in choice.tool_calls]
        if choice.function_call is not None:
            message["function_call"] = {"name": choice.function_call.name, "arguments": choice.function_call.arguments}
        entry: dict[str, Any] = {"index": choice.index, "message": message}
        if plan.logprobs_in_choices:
            entry["logprobs"] = None if choice.logprobs is None else {"content": choice.logprobs, "refusal": None}
        entry["finish_reason"] = choice.finish_reason
        choices.append(entry)
    return {
        "id": plan.id,
        "object": "chat.completion",
        "created": plan.created,
        "model": plan.model,
        "choices": choices,
        "usage": plan_usage(plan),
        "service_tier": plan.service_tier,
        "system_fingerprint": plan.system_fingerprint,
    }


def stored_messages(completion: str, body: Mapping[str, Any], role: str | None) -> list[dict[str, Any]]:
    """The request's messages as `GET .../messages` lists them (`role` forced when the spec pins it)."""
    out: list[dict[str, Any]] = []
    for position, message in enumerate(body.get("messages") or []):
        if not isinstance(message, dict):
            continue
        content = message.get("content")
        parts = None
        if isinstance(content, list):
            parts = [
                p for p in content if isinstance(p, dict) and (p.get("type") == "text" or p.get("type") == "image_url")
            ]
        item: dict[str, Any] = {
            "id": f"{completion}-{position}",
            "role": role or message.get("role"),
            "content": text_of(content) if content is not None else None,
            "refusal": None,
            "name": message.get("name"),
            "content_parts": parts,
        }
        calls = message.get("tool_calls")
        if isinstance(calls, list) and calls:
            item["tool_calls"] = calls
        out.append(item)
    return out
