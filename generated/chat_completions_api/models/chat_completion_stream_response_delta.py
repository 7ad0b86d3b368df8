from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_completion_stream_response_delta_role import (
    ChatCompletionStreamResponseDeltaRole,
    check_chat_completion_stream_response_delta_role,
)
from ..types import Model, dump_model, tolerate

if TYPE_CHECKING:
    from ..models.chat_completion_message_tool_call_chunk import ChatCompletionMessageToolCallChunk
    from ..models.chat_completion_stream_response_delta_function_call import (
        ChatCompletionStreamResponseDeltaFunctionCall,
    )

_pending_function_call = True


def _load_function_call() -> None:
    """Import the models of `function_call`, when an answer first has it (they may import this module)."""
    global _pending_function_call, ChatCompletionStreamResponseDeltaFunctionCall
    from ..models.chat_completion_stream_response_delta_function_call import (
        ChatCompletionStreamResponseDeltaFunctionCall,
    )

    _pending_function_call = False


_pending_tool_calls = True


def _load_tool_calls() -> None:
    """Import the models of `tool_calls`, when an answer first has it (they may import this module)."""
    global _pending_tool_calls, ChatCompletionMessageToolCallChunk
    from ..models.chat_completion_message_tool_call_chunk import ChatCompletionMessageToolCallChunk

    _pending_tool_calls = False


_KEYS = frozenset({"content", "function_call", "tool_calls", "role", "refusal"})


T = TypeVar("T", bound="ChatCompletionStreamResponseDelta")


@_attrs_define
class ChatCompletionStreamResponseDelta(Model):
    content: None | str = None
    function_call: ChatCompletionStreamResponseDeltaFunctionCall | None = None
    tool_calls: list[ChatCompletionMessageToolCallChunk] | None = None
    role: ChatCompletionStreamResponseDeltaRole | None = None
    refusal: None | str = None
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
        content = self.content
        if content is not None:
            field_dict["content"] = content
        function_call = self.function_call
        if function_call is not None:
            field_dict["function_call"] = function_call.to_dict()
        tool_calls = self.tool_calls
        if tool_calls is not None:
            field_dict["tool_calls"] = [tool_calls_item_data.to_dict() for tool_calls_item_data in tool_calls]
        role = self.role
        if role is not None:
            field_dict["role"] = role
        refusal = self.refusal
        if refusal is not None:
            field_dict["refusal"] = refusal
        for key in self._odd_keys:  # still None: as sent (a null kept, an absent key left out)
            if key not in field_dict:
                field_dict[key] = None
            elif field_dict[key] is None:
                del field_dict[key]
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        odd: tuple[str, ...] = ()
        content: Any = src_dict.get("content")
        if content is None and "content" in src_dict:
            odd += ("content",)

        function_call: Any = src_dict.get("function_call")
        if function_call is not None:
            if _pending_function_call:
                _load_function_call()
            function_call = ChatCompletionStreamResponseDeltaFunctionCall.from_dict(function_call)

        elif "function_call" in src_dict:
            tolerate("field 'function_call' is null")
            odd += ("function_call",)

        tool_calls: Any = src_dict.get("tool_calls")
        if tool_calls is not None:
            if _pending_tool_calls:
                _load_tool_calls()
            tool_calls = [
                ChatCompletionMessageToolCallChunk.from_dict(tool_calls_item_data)
                for tool_calls_item_data in tool_calls
            ]

        elif "tool_calls" in src_dict:
            tolerate("field 'tool_calls' is null")
            odd += ("tool_calls",)

        role: Any = src_dict.get("role")
        if role is not None:
            role = check_chat_completion_stream_response_delta_role(role)

        elif "role" in src_dict:
            tolerate("field 'role' is null")
            odd += ("role",)

        refusal: Any = src_dict.get("refusal")
        if refusal is None and "refusal" in src_dict:
            odd += ("refusal",)

        chat_completion_stream_response_delta = cls(
            content,
            function_call,
            tool_calls,
            role,
            refusal,
        )
        if odd:
            chat_completion_stream_response_delta._odd_keys = odd
        # More keys than the required ones, or a required one left out (then in odd): look for unknown keys.
        if (len(src_dict) > 0 or odd) and not _KEYS.issuperset(src_dict):
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
