from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_completion_message_list_data_item_role import (
    ChatCompletionMessageListDataItemRole,
    check_chat_completion_message_list_data_item_role,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.chat_completion_message_custom_tool_call import ChatCompletionMessageCustomToolCall
    from ..models.chat_completion_message_list_data_item_annotations_item import (
        ChatCompletionMessageListDataItemAnnotationsItem,
    )
    from ..models.chat_completion_message_list_data_item_audio_type_0 import ChatCompletionMessageListDataItemAudioType0
    from ..models.chat_completion_message_list_data_item_function_call import (
        ChatCompletionMessageListDataItemFunctionCall,
    )
    from ..models.chat_completion_message_tool_call import ChatCompletionMessageToolCall
    from ..models.chat_completion_request_message_content_part_image import ChatCompletionRequestMessageContentPartImage
    from ..models.chat_completion_request_message_content_part_text import ChatCompletionRequestMessageContentPartText

_lazy_pending = True


def _import_lazy() -> None:
    """Import the models this one refers to, on first use (they may import this module)."""
    global \
        _lazy_pending, \
        ChatCompletionMessageCustomToolCall, \
        ChatCompletionMessageListDataItemAnnotationsItem, \
        ChatCompletionMessageListDataItemAudioType0, \
        ChatCompletionMessageListDataItemFunctionCall, \
        ChatCompletionMessageToolCall, \
        ChatCompletionRequestMessageContentPartImage, \
        ChatCompletionRequestMessageContentPartText
    from ..models.chat_completion_message_custom_tool_call import ChatCompletionMessageCustomToolCall
    from ..models.chat_completion_message_list_data_item_annotations_item import (
        ChatCompletionMessageListDataItemAnnotationsItem,
    )
    from ..models.chat_completion_message_list_data_item_audio_type_0 import ChatCompletionMessageListDataItemAudioType0
    from ..models.chat_completion_message_list_data_item_function_call import (
        ChatCompletionMessageListDataItemFunctionCall,
    )
    from ..models.chat_completion_message_tool_call import ChatCompletionMessageToolCall
    from ..models.chat_completion_request_message_content_part_image import ChatCompletionRequestMessageContentPartImage
    from ..models.chat_completion_request_message_content_part_text import ChatCompletionRequestMessageContentPartText

    _lazy_pending = False


_KEYS = frozenset(
    {"content", "refusal", "role", "id", "tool_calls", "annotations", "function_call", "audio", "content_parts", "name"}
)


T = TypeVar("T", bound="ChatCompletionMessageListDataItem")


@_attrs_define
class ChatCompletionMessageListDataItem:
    content: None | str
    refusal: None | str
    role: ChatCompletionMessageListDataItemRole
    id: str
    tool_calls: list[ChatCompletionMessageCustomToolCall | ChatCompletionMessageToolCall] | Unset = UNSET
    annotations: list[ChatCompletionMessageListDataItemAnnotationsItem] | Unset = UNSET
    function_call: ChatCompletionMessageListDataItemFunctionCall | Unset = UNSET
    audio: ChatCompletionMessageListDataItemAudioType0 | None | Unset = UNSET
    content_parts: (
        list[ChatCompletionRequestMessageContentPartImage | ChatCompletionRequestMessageContentPartText] | None | Unset
    ) = UNSET
    name: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if _lazy_pending:
            _import_lazy()

        content: None | str
        content = self.content

        refusal: None | str
        refusal = self.refusal

        role: str = self.role

        id = self.id

        tool_calls: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tool_calls, Unset):
            tool_calls = []
            for componentsschemas_chat_completion_message_tool_calls_item_data in self.tool_calls:
                componentsschemas_chat_completion_message_tool_calls_item: dict[str, Any]
                if isinstance(
                    componentsschemas_chat_completion_message_tool_calls_item_data, ChatCompletionMessageToolCall
                ):
                    componentsschemas_chat_completion_message_tool_calls_item = (
                        componentsschemas_chat_completion_message_tool_calls_item_data.to_dict()
                    )
                else:
                    componentsschemas_chat_completion_message_tool_calls_item = (
                        componentsschemas_chat_completion_message_tool_calls_item_data.to_dict()
                    )

                tool_calls.append(componentsschemas_chat_completion_message_tool_calls_item)

        annotations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.annotations, Unset):
            annotations = []
            for annotations_item_data in self.annotations:
                annotations_item = annotations_item_data.to_dict()
                annotations.append(annotations_item)

        function_call: dict[str, Any] | Unset = UNSET
        if not isinstance(self.function_call, Unset):
            function_call = self.function_call.to_dict()

        audio: dict[str, Any] | None | Unset
        if isinstance(self.audio, Unset):
            audio = UNSET
        elif isinstance(self.audio, ChatCompletionMessageListDataItemAudioType0):
            audio = self.audio.to_dict()
        else:
            audio = self.audio

        content_parts: list[dict[str, Any]] | None | Unset
        if isinstance(self.content_parts, Unset):
            content_parts = UNSET
        elif isinstance(self.content_parts, list):
            content_parts = []
            for content_parts_type_0_item_data in self.content_parts:
                content_parts_type_0_item: dict[str, Any]
                if isinstance(content_parts_type_0_item_data, ChatCompletionRequestMessageContentPartText):
                    content_parts_type_0_item = content_parts_type_0_item_data.to_dict()
                else:
                    content_parts_type_0_item = content_parts_type_0_item_data.to_dict()

                content_parts.append(content_parts_type_0_item)

        else:
            content_parts = self.content_parts

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content": content,
                "refusal": refusal,
                "role": role,
                "id": id,
            }
        )
        if tool_calls is not UNSET:
            field_dict["tool_calls"] = tool_calls
        if annotations is not UNSET:
            field_dict["annotations"] = annotations
        if function_call is not UNSET:
            field_dict["function_call"] = function_call
        if audio is not UNSET:
            field_dict["audio"] = audio
        if content_parts is not UNSET:
            field_dict["content_parts"] = content_parts
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if _lazy_pending:
            _import_lazy()

        content = src_dict.get("content")

        refusal = src_dict.get("refusal")

        role = check_chat_completion_message_list_data_item_role(src_dict["role"])

        id = src_dict["id"]

        tool_calls: Any = src_dict.get("tool_calls", UNSET)
        if tool_calls is not UNSET:
            tool_calls = [
                _parse_tool_calls_item(componentsschemas_chat_completion_message_tool_calls_item_data)
                for componentsschemas_chat_completion_message_tool_calls_item_data in tool_calls
            ]

        annotations: Any = src_dict.get("annotations", UNSET)
        if annotations is not UNSET:
            annotations = [
                ChatCompletionMessageListDataItemAnnotationsItem.from_dict(annotations_item_data)
                for annotations_item_data in annotations
            ]

        function_call: Any = src_dict.get("function_call", UNSET)
        if function_call is not UNSET:
            function_call = ChatCompletionMessageListDataItemFunctionCall.from_dict(function_call)

        audio: Any = src_dict.get("audio", UNSET)
        if isinstance(audio, dict):
            try:
                audio = ChatCompletionMessageListDataItemAudioType0.from_dict(audio)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        content_parts: Any = src_dict.get("content_parts", UNSET)
        if isinstance(content_parts, list):
            try:
                content_parts = [
                    _parse_content_parts_0_item(content_parts_type_0_item_data)
                    for content_parts_type_0_item_data in content_parts
                ]
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        name = src_dict.get("name", UNSET)

        chat_completion_message_list_data_item = cls(
            content,
            refusal,
            role,
            id,
            tool_calls,
            annotations,
            function_call,
            audio,
            content_parts,
            name,
        )
        if len(src_dict) > 4 and not _KEYS.issuperset(src_dict):
            chat_completion_message_list_data_item.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return chat_completion_message_list_data_item

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


def _parse_tool_calls_item(data: object) -> ChatCompletionMessageCustomToolCall | ChatCompletionMessageToolCall:
    if isinstance(data, dict):
        try:
            return ChatCompletionMessageToolCall.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
    if not isinstance(data, dict):
        raise TypeError()
    return ChatCompletionMessageCustomToolCall.from_dict(data)


def _parse_content_parts_0_item(
    data: object,
) -> ChatCompletionRequestMessageContentPartImage | ChatCompletionRequestMessageContentPartText:
    if isinstance(data, dict):
        try:
            return ChatCompletionRequestMessageContentPartText.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
    if not isinstance(data, dict):
        raise TypeError()
    return ChatCompletionRequestMessageContentPartImage.from_dict(data)
