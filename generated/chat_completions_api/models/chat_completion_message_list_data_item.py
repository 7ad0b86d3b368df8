from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

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


T = TypeVar("T", bound="ChatCompletionMessageListDataItem")


@_attrs_define
class ChatCompletionMessageListDataItem:
    content: None | str
    refusal: None | str
    id: str
    role: Literal["assistant"] = "assistant"
    tool_calls: list[ChatCompletionMessageCustomToolCall | ChatCompletionMessageToolCall] | Unset = UNSET
    annotations: list[ChatCompletionMessageListDataItemAnnotationsItem] | Unset = UNSET
    function_call: ChatCompletionMessageListDataItemFunctionCall | Unset = UNSET
    audio: ChatCompletionMessageListDataItemAudioType0 | None | Unset = UNSET
    content_parts: (
        list[ChatCompletionRequestMessageContentPartImage | ChatCompletionRequestMessageContentPartText] | None | Unset
    ) = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.chat_completion_message_list_data_item_audio_type_0 import (
            ChatCompletionMessageListDataItemAudioType0,  # noqa: PLC0415
        )
        from ..models.chat_completion_message_tool_call import ChatCompletionMessageToolCall  # noqa: PLC0415
        from ..models.chat_completion_request_message_content_part_text import (
            ChatCompletionRequestMessageContentPartText,  # noqa: PLC0415
        )

        content: None | str
        content = self.content

        refusal: None | str
        refusal = self.refusal

        role = self.role

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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.chat_completion_message_custom_tool_call import ChatCompletionMessageCustomToolCall  # noqa: PLC0415
        from ..models.chat_completion_message_list_data_item_annotations_item import (
            ChatCompletionMessageListDataItemAnnotationsItem,  # noqa: PLC0415
        )
        from ..models.chat_completion_message_list_data_item_audio_type_0 import (
            ChatCompletionMessageListDataItemAudioType0,  # noqa: PLC0415
        )
        from ..models.chat_completion_message_list_data_item_function_call import (
            ChatCompletionMessageListDataItemFunctionCall,  # noqa: PLC0415
        )
        from ..models.chat_completion_message_tool_call import ChatCompletionMessageToolCall  # noqa: PLC0415
        from ..models.chat_completion_request_message_content_part_image import (
            ChatCompletionRequestMessageContentPartImage,  # noqa: PLC0415
        )
        from ..models.chat_completion_request_message_content_part_text import (
            ChatCompletionRequestMessageContentPartText,  # noqa: PLC0415
        )

        d = dict(src_dict)

        def _parse_content(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        content = _parse_content(d.pop("content"))

        def _parse_refusal(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        refusal = _parse_refusal(d.pop("refusal"))

        role = cast(Literal["assistant"], d.pop("role"))
        if role != "assistant":
            raise ValueError(f"role must match const 'assistant', got '{role}'")

        id = d.pop("id")

        _tool_calls = d.pop("tool_calls", UNSET)
        tool_calls: list[ChatCompletionMessageCustomToolCall | ChatCompletionMessageToolCall] | Unset = UNSET
        if _tool_calls is not UNSET:
            tool_calls = []
            for componentsschemas_chat_completion_message_tool_calls_item_data in _tool_calls:

                def _parse_componentsschemas_chat_completion_message_tool_calls_item(
                    data: object,
                ) -> ChatCompletionMessageCustomToolCall | ChatCompletionMessageToolCall:
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_chat_completion_message_tool_calls_item_type_0 = (
                            ChatCompletionMessageToolCall.from_dict(data)
                        )

                        return componentsschemas_chat_completion_message_tool_calls_item_type_0
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_chat_completion_message_tool_calls_item_type_1 = (
                        ChatCompletionMessageCustomToolCall.from_dict(data)
                    )

                    return componentsschemas_chat_completion_message_tool_calls_item_type_1

                componentsschemas_chat_completion_message_tool_calls_item = (
                    _parse_componentsschemas_chat_completion_message_tool_calls_item(
                        componentsschemas_chat_completion_message_tool_calls_item_data
                    )
                )

                tool_calls.append(componentsschemas_chat_completion_message_tool_calls_item)

        _annotations = d.pop("annotations", UNSET)
        annotations: list[ChatCompletionMessageListDataItemAnnotationsItem] | Unset = UNSET
        if _annotations is not UNSET:
            annotations = []
            for annotations_item_data in _annotations:
                annotations_item = ChatCompletionMessageListDataItemAnnotationsItem.from_dict(annotations_item_data)

                annotations.append(annotations_item)

        _function_call = d.pop("function_call", UNSET)
        function_call: ChatCompletionMessageListDataItemFunctionCall | Unset
        if isinstance(_function_call, Unset):
            function_call = UNSET
        else:
            function_call = ChatCompletionMessageListDataItemFunctionCall.from_dict(_function_call)

        def _parse_audio(data: object) -> ChatCompletionMessageListDataItemAudioType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                audio_type_0 = ChatCompletionMessageListDataItemAudioType0.from_dict(data)

                return audio_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ChatCompletionMessageListDataItemAudioType0 | None | Unset, data)

        audio = _parse_audio(d.pop("audio", UNSET))

        def _parse_content_parts(
            data: object,
        ) -> (
            list[ChatCompletionRequestMessageContentPartImage | ChatCompletionRequestMessageContentPartText]
            | None
            | Unset
        ):
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                content_parts_type_0 = []
                _content_parts_type_0 = data
                for content_parts_type_0_item_data in _content_parts_type_0:

                    def _parse_content_parts_type_0_item(
                        data: object,
                    ) -> ChatCompletionRequestMessageContentPartImage | ChatCompletionRequestMessageContentPartText:
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            content_parts_type_0_item_type_0 = ChatCompletionRequestMessageContentPartText.from_dict(
                                data
                            )

                            return content_parts_type_0_item_type_0
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        if not isinstance(data, dict):
                            raise TypeError()
                        content_parts_type_0_item_type_1 = ChatCompletionRequestMessageContentPartImage.from_dict(data)

                        return content_parts_type_0_item_type_1

                    content_parts_type_0_item = _parse_content_parts_type_0_item(content_parts_type_0_item_data)

                    content_parts_type_0.append(content_parts_type_0_item)

                return content_parts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                list[ChatCompletionRequestMessageContentPartImage | ChatCompletionRequestMessageContentPartText]
                | None
                | Unset,
                data,
            )

        content_parts = _parse_content_parts(d.pop("content_parts", UNSET))

        chat_completion_message_list_data_item = cls(
            content=content,
            refusal=refusal,
            role=role,
            id=id,
            tool_calls=tool_calls,
            annotations=annotations,
            function_call=function_call,
            audio=audio,
            content_parts=content_parts,
        )

        chat_completion_message_list_data_item.additional_properties = d
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
