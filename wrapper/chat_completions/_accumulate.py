"""Rebuilding the final completion from a stream's chunks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chat_completions_api.models.chat_completion_message_tool_call_chunk import ChatCompletionMessageToolCallChunk
    from chat_completions_api.models.create_chat_completion_stream_response import (
        CreateChatCompletionStreamResponse,
    )
    from chat_completions_api.models.create_chat_completion_stream_response_choices_item import (
        CreateChatCompletionStreamResponseChoicesItem,
    )

    from ._models import CreateChatCompletionResponse


def _append(target: dict[str, Any], key: str, text: object) -> None:
    if isinstance(text, str):
        target[key] = (target.get(key) or "") + text


def _merge(before: Any, delta: Any) -> Any:
    """A delta's extra field added to what came before, as `openai`'s stream helper adds it: text joined, numbers
    summed, objects merged key by key (`index` and `type` replaced), list items with an `index` merged into the item
    at that index, other items appended; anything else replaced."""
    if before is None:
        before = [] if isinstance(delta, list) else None
    if isinstance(before, str) and isinstance(delta, str):
        return before + delta
    if isinstance(before, (int, float)) and isinstance(delta, (int, float)) and not isinstance(delta, bool):
        return before + delta
    if isinstance(before, dict) and isinstance(delta, dict):
        merged = dict(before)
        for key, value in delta.items():
            merged[key] = value if key in ("index", "type") else _merge(merged.get(key), value)
        return merged
    if isinstance(before, list) and isinstance(delta, list):
        items = list(before)
        for item in delta:
            index = item.get("index") if isinstance(item, dict) else None
            if isinstance(index, int) and index < len(items) and isinstance(items[index], dict):
                items[index] = _merge(items[index], item)
            elif isinstance(index, int) and index <= len(items):
                items.insert(index, item)
            else:
                items.append(item)
        return items
    return delta


class ChatCompletionAccumulator:
    """Collects stream chunks with `add()`; `completion()` builds the `CreateChatCompletionResponse` they add up to.

    Per choice index: content and refusal joined, tool-call ids/names kept and fragments joined (a function's
    `arguments`, a custom tool's `input`), the last finish_reason, logprobs concatenated; the last usage seen (the final
    chunk with `include_usage`).
    """

    def __init__(self) -> None:
        self._top: dict[str, Any] = {}
        self._choices: dict[int, dict[str, Any]] = {}
        self._tools: dict[int, dict[int, dict[str, Any]]] = {}

    def add(self, chunk: CreateChatCompletionStreamResponse) -> CreateChatCompletionStreamResponse:
        """Take one chunk into account, and return it (so `for c in map(acc.add, stream)` works)."""
        top = self._top
        if not top:  # the first chunk's extra fields are kept (a router's `provider`), as openai's stream() keeps them
            top.update((k, v) for k, v in chunk.additional_properties.items() if k != "obfuscation")
            top.update(id=chunk.id, object="chat.completion", created=chunk.created, model=chunk.model)
        for key in ("system_fingerprint", "service_tier"):
            value = getattr(chunk, key)
            if isinstance(value, str):
                top[key] = value
        usage = chunk.usage
        if usage:  # neither None nor UNSET (both are falsy)
            top["usage"] = usage.to_dict()
        for choice in chunk.choices or ():  # Azure's first chunk has none (its prompt_filter_results instead)
            self._add_choice(choice)
        return chunk

    def _add_choice(self, choice: CreateChatCompletionStreamResponseChoicesItem) -> None:
        index = choice.index
        state = self._choices.get(index)
        if state is None:
            state = self._choices[index] = {
                "index": index,
                "finish_reason": None,
                "logprobs": None,
                "message": {"role": "assistant", "content": None, "refusal": None},
            }
            state.update(choice.additional_properties)  # e.g. Azure's content_filter_results: kept as openai keeps
            # them (those of the choice's first chunk)
        message = state["message"]
        delta = choice.delta
        if delta is None:  # Azure's content-filter chunks, a bare finish_reason: nothing to add to the message
            if choice.finish_reason is not None:
                state["finish_reason"] = choice.finish_reason
            return
        _append(message, "content", delta.content)
        _append(message, "refusal", delta.refusal)
        for key, value in delta.additional_properties.items():  # e.g. `reasoning_content`, `reasoning_details`
            message[key] = _merge(message.get(key), value)
        call = delta.function_call
        if call:
            legacy = message.setdefault("function_call", {"name": "", "arguments": ""})
            if isinstance(call.name, str) and not legacy["name"]:
                legacy["name"] = call.name
            _append(legacy, "arguments", call.arguments)
        if delta.tool_calls:
            self._add_tool_calls(self._tools.setdefault(index, {}), delta.tool_calls)
        if choice.finish_reason is not None:
            state["finish_reason"] = choice.finish_reason
        logprobs = choice.logprobs
        if logprobs:
            joined = state["logprobs"] or {"content": None, "refusal": None}
            for key in ("content", "refusal"):
                items = getattr(logprobs, key)
                if isinstance(items, list):
                    joined[key] = (joined[key] or []) + [item.to_dict() for item in items]
            state["logprobs"] = joined

    @staticmethod
    def _add_tool_calls(tools: dict[int, dict[str, Any]], parts: list[ChatCompletionMessageToolCallChunk]) -> None:
        for part in parts:
            tool = tools.get(part.index)
            if tool is None:
                tool = tools[part.index] = {"id": "", "type": "function", "name": "", "text": ""}
            if isinstance(part.id, str) and part.id:
                tool["id"] = part.id
            if isinstance(part.type, str):
                tool["type"] = part.type
            function, custom = part.function, part.custom
            if custom:
                if not isinstance(part.type, str):
                    tool["type"] = "custom"
                name, text = custom.name, custom.input
            elif function:
                name, text = function.name, function.arguments
            else:
                continue
            if isinstance(name, str) and not tool["name"]:
                tool["name"] = name
            _append(tool, "text", text)

    @staticmethod
    def _tool_call(tool: dict[str, Any]) -> dict[str, Any]:
        if tool["type"] == "custom":
            return {"id": tool["id"], "type": "custom", "custom": {"name": tool["name"], "input": tool["text"]}}
        return {"id": tool["id"], "type": tool["type"], "function": {"name": tool["name"], "arguments": tool["text"]}}

    def completion(self, *, partial: bool = False) -> CreateChatCompletionResponse:
        """The completion so far; raises `ValueError` if no chunk came or a choice has no finish_reason yet (unless
        `partial`: then unfinished choices have `finish_reason` None, as a snapshot mid-stream)."""
        if not self._top:
            raise ValueError("no chunks were added")
        choices = []
        for index in sorted(self._choices):
            state = self._choices[index]
            if state["finish_reason"] is None and not partial:
                raise ValueError(f"choice {index} has no finish_reason yet: the stream is not complete")
            message = dict(state["message"])
            tools = self._tools.get(index)
            if tools:
                message["tool_calls"] = [self._tool_call(tools[i]) for i in sorted(tools)]
            choices.append({**state, "message": message})
        from ._models import completion_type

        return completion_type().from_dict({**self._top, "choices": choices})
