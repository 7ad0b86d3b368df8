from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_completion_message_tool_call_chunk_type import (
    ChatCompletionMessageToolCallChunkType,
    check_chat_completion_message_tool_call_chunk_type,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.chat_completion_message_tool_call_chunk_custom import ChatCompletionMessageToolCallChunkCustom
    from ..models.chat_completion_message_tool_call_chunk_function import ChatCompletionMessageToolCallChunkFunction

_lazy_pending = True


def _import_lazy() -> None:
    """Import the models this one refers to, on first use (they may import this module)."""
    global _lazy_pending, ChatCompletionMessageToolCallChunkCustom, ChatCompletionMessageToolCallChunkFunction
    from ..models.chat_completion_message_tool_call_chunk_custom import ChatCompletionMessageToolCallChunkCustom
    from ..models.chat_completion_message_tool_call_chunk_function import ChatCompletionMessageToolCallChunkFunction

    _lazy_pending = False


_KEYS = frozenset({"index", "id", "type", "function", "custom"})


T = TypeVar("T", bound="ChatCompletionMessageToolCallChunk")


@_attrs_define
class ChatCompletionMessageToolCallChunk:
    index: int
    id: str | Unset = UNSET
    type_: ChatCompletionMessageToolCallChunkType | Unset = UNSET
    function: ChatCompletionMessageToolCallChunkFunction | Unset = UNSET
    custom: ChatCompletionMessageToolCallChunkCustom | Unset = UNSET
    """ A custom tool call's name (in its first delta) and a fragment of its free-form input. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if _lazy_pending:
            _import_lazy()

        index = self.index

        id = self.id

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_

        function: dict[str, Any] | Unset = UNSET
        if not isinstance(self.function, Unset):
            function = self.function.to_dict()

        custom: dict[str, Any] | Unset = UNSET
        if not isinstance(self.custom, Unset):
            custom = self.custom.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "index": index,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if type_ is not UNSET:
            field_dict["type"] = type_
        if function is not UNSET:
            field_dict["function"] = function
        if custom is not UNSET:
            field_dict["custom"] = custom

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if _lazy_pending:
            _import_lazy()

        index = src_dict["index"]

        id = src_dict.get("id", UNSET)

        type_: Any = src_dict.get("type", UNSET)
        if type_ is not UNSET:
            type_ = check_chat_completion_message_tool_call_chunk_type(type_)

        function: Any = src_dict.get("function", UNSET)
        if function is not UNSET:
            function = ChatCompletionMessageToolCallChunkFunction.from_dict(function)

        custom: Any = src_dict.get("custom", UNSET)
        if custom is not UNSET:
            custom = ChatCompletionMessageToolCallChunkCustom.from_dict(custom)

        chat_completion_message_tool_call_chunk = cls(
            index,
            id,
            type_,
            function,
            custom,
        )
        if len(src_dict) > 1 and not _KEYS.issuperset(src_dict):
            chat_completion_message_tool_call_chunk.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return chat_completion_message_tool_call_chunk

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
