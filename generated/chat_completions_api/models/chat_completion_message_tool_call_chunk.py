from __future__ import annotations

import builtins  # `type[T]` in a class with a field named `type`
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_completion_message_tool_call_chunk_type import (
    ChatCompletionMessageToolCallChunkType,
    check_chat_completion_message_tool_call_chunk_type,
)
from ..types import Model, dump_model, missing, tolerate, warn_old_name

if TYPE_CHECKING:
    from ..models.chat_completion_message_tool_call_chunk_custom import ChatCompletionMessageToolCallChunkCustom
    from ..models.chat_completion_message_tool_call_chunk_function import ChatCompletionMessageToolCallChunkFunction

_pending_function = True


def _load_function() -> None:
    """Import the models of `function`, when an answer first has it (they may import this module)."""
    global _pending_function, ChatCompletionMessageToolCallChunkFunction
    from ..models.chat_completion_message_tool_call_chunk_function import ChatCompletionMessageToolCallChunkFunction

    _pending_function = False


_pending_custom = True


def _load_custom() -> None:
    """Import the models of `custom`, when an answer first has it (they may import this module)."""
    global _pending_custom, ChatCompletionMessageToolCallChunkCustom
    from ..models.chat_completion_message_tool_call_chunk_custom import ChatCompletionMessageToolCallChunkCustom

    _pending_custom = False


_KEYS = frozenset({"index", "id", "type", "function", "custom"})


T = TypeVar("T", bound="ChatCompletionMessageToolCallChunk")


@_attrs_define
class ChatCompletionMessageToolCallChunk(Model):
    index: int
    id: str | None = None
    type: ChatCompletionMessageToolCallChunkType | None = None
    function: ChatCompletionMessageToolCallChunkFunction | None = None
    custom: ChatCompletionMessageToolCallChunkCustom | None = None
    """ A custom tool call's name (in its first delta) and a fragment of its free-form input. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    #: Keys whose presence the values do not tell: optional fields sent as null, required ones left out (both read
    #: as None); to_dict gives them back as they were sent.
    #: (An __init__ keyword, so that its default costs nothing per instance; only from_dict has a use for it.)
    _odd_keys: tuple[str, ...] = _attrs_field(default=(), repr=False, eq=False, kw_only=True, alias="_odd_keys")

    def to_dict(
        self,
        *,
        mode: Literal["json", "python"] = "python",
        use_api_names: bool = True,
        exclude_unset: bool = True,
        exclude_none: bool = False,
        warnings: bool = True,
    ) -> dict[str, Any]:
        """The JSON object, keys by their API names: what was sent or set (see `model_dump` for the flags)."""
        if exclude_none or not exclude_unset:
            return dump_model(self, exclude_unset, exclude_none)
        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop
        field_dict["index"] = self.index
        id = self.id
        if id is not None:
            field_dict["id"] = id
        type_ = self.type
        if type_ is not None:
            field_dict["type"] = type_
        function = self.function
        if function is not None:
            field_dict["function"] = function.to_dict()
        custom = self.custom
        if custom is not None:
            field_dict["custom"] = custom.to_dict()
        for key in self._odd_keys:  # still None: as sent (a null kept, an absent key left out)
            if key not in field_dict:
                field_dict[key] = None
            elif field_dict[key] is None:
                del field_dict[key]
        return field_dict

    @classmethod
    def from_dict(cls: builtins.type[T], src_dict: Mapping[str, Any]) -> T:
        odd: tuple[str, ...] = ()
        try:
            index: Any = src_dict["index"]
        except KeyError:
            index = None
            if missing(src_dict, "index"):
                odd += ("index",)
        else:
            if index is None:
                missing(src_dict, "index")

        id: Any = src_dict.get("id")
        if id is None and "id" in src_dict:
            tolerate("field 'id' is null")
            odd += ("id",)

        type_: Any = src_dict.get("type")
        if type_ is not None:
            type_ = check_chat_completion_message_tool_call_chunk_type(type_)

        elif "type" in src_dict:
            tolerate("field 'type' is null")
            odd += ("type",)

        function: Any = src_dict.get("function")
        if function is not None:
            if _pending_function:
                _load_function()
            function = ChatCompletionMessageToolCallChunkFunction.from_dict(function)

        elif "function" in src_dict:
            tolerate("field 'function' is null")
            odd += ("function",)

        custom: Any = src_dict.get("custom")
        if custom is not None:
            if _pending_custom:
                _load_custom()
            custom = ChatCompletionMessageToolCallChunkCustom.from_dict(custom)

        elif "custom" in src_dict:
            tolerate("field 'custom' is null")
            odd += ("custom",)

        chat_completion_message_tool_call_chunk = cls(
            index,
            id,
            type_,
            function,
            custom,
        )
        if odd:
            chat_completion_message_tool_call_chunk._odd_keys = odd
        # More keys than the required ones, or a required one left out (then in odd): look for unknown keys.
        if (len(src_dict) > 1 or odd) and not _KEYS.issuperset(src_dict):
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

    @property
    def type_(self) -> ChatCompletionMessageToolCallChunkType | None:
        """Deprecated: the old name of `type` (the API's and the official SDK's name)."""
        warn_old_name("type_", "type")
        return self.type

    @type_.setter
    def type_(self, value: ChatCompletionMessageToolCallChunkType | None) -> None:
        warn_old_name("type_", "type")
        self.type = value
