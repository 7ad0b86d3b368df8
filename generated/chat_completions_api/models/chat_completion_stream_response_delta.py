from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_completion_stream_response_delta_role import (
    ChatCompletionStreamResponseDeltaRole,
    check_chat_completion_stream_response_delta_role,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.chat_completion_message_tool_call_chunk import ChatCompletionMessageToolCallChunk
    from ..models.chat_completion_stream_response_delta_function_call import (
        ChatCompletionStreamResponseDeltaFunctionCall,
    )

_lazy_pending = True


def _import_lazy() -> None:
    """Import the models this one refers to, on first use (they may import this module)."""
    global _lazy_pending, ChatCompletionMessageToolCallChunk, ChatCompletionStreamResponseDeltaFunctionCall
    from ..models.chat_completion_message_tool_call_chunk import ChatCompletionMessageToolCallChunk
    from ..models.chat_completion_stream_response_delta_function_call import (
        ChatCompletionStreamResponseDeltaFunctionCall,
    )

    _lazy_pending = False


_KEYS = frozenset({"content", "function_call", "tool_calls", "role", "refusal"})


T = TypeVar("T", bound="ChatCompletionStreamResponseDelta")


@_attrs_define
class ChatCompletionStreamResponseDelta:
    content: None | str | Unset = UNSET
    function_call: ChatCompletionStreamResponseDeltaFunctionCall | Unset = UNSET
    tool_calls: list[ChatCompletionMessageToolCallChunk] | Unset = UNSET
    role: ChatCompletionStreamResponseDeltaRole | Unset = UNSET
    refusal: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if _lazy_pending:
            _import_lazy()

        content: None | str | Unset
        if isinstance(self.content, Unset):
            content = UNSET
        else:
            content = self.content

        function_call: dict[str, Any] | Unset = UNSET
        if not isinstance(self.function_call, Unset):
            function_call = self.function_call.to_dict()

        tool_calls: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tool_calls, Unset):
            tool_calls = []
            for tool_calls_item_data in self.tool_calls:
                tool_calls_item = tool_calls_item_data.to_dict()
                tool_calls.append(tool_calls_item)

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role

        refusal: None | str | Unset
        if isinstance(self.refusal, Unset):
            refusal = UNSET
        else:
            refusal = self.refusal

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if content is not UNSET:
            field_dict["content"] = content
        if function_call is not UNSET:
            field_dict["function_call"] = function_call
        if tool_calls is not UNSET:
            field_dict["tool_calls"] = tool_calls
        if role is not UNSET:
            field_dict["role"] = role
        if refusal is not UNSET:
            field_dict["refusal"] = refusal

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if _lazy_pending:
            _import_lazy()

        content = src_dict.get("content", UNSET)

        function_call: Any = src_dict.get("function_call", UNSET)
        if function_call is not UNSET:
            function_call = ChatCompletionStreamResponseDeltaFunctionCall.from_dict(function_call)

        tool_calls: Any = src_dict.get("tool_calls", UNSET)
        if tool_calls is not UNSET:
            tool_calls = [
                ChatCompletionMessageToolCallChunk.from_dict(tool_calls_item_data)
                for tool_calls_item_data in tool_calls
            ]

        role: Any = src_dict.get("role", UNSET)
        if role is not UNSET:
            role = check_chat_completion_stream_response_delta_role(role)

        refusal = src_dict.get("refusal", UNSET)

        chat_completion_stream_response_delta = cls(
            content,
            function_call,
            tool_calls,
            role,
            refusal,
        )
        if len(src_dict) > 0 and not _KEYS.issuperset(src_dict):
            chat_completion_stream_response_delta.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return chat_completion_stream_response_delta

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
