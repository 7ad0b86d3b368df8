from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.chat_completion_message_custom_tool_call import ChatCompletionMessageCustomToolCall
    from ..models.chat_completion_message_tool_call import ChatCompletionMessageToolCall
    from ..models.chat_completion_response_message_annotations_item import ChatCompletionResponseMessageAnnotationsItem
    from ..models.chat_completion_response_message_audio_type_0 import ChatCompletionResponseMessageAudioType0
    from ..models.chat_completion_response_message_function_call import ChatCompletionResponseMessageFunctionCall


T = TypeVar("T", bound="ChatCompletionResponseMessage")


@_attrs_define
class ChatCompletionResponseMessage:
    content: None | str
    refusal: None | str
    role: Literal["assistant"] = "assistant"
    tool_calls: list[ChatCompletionMessageCustomToolCall | ChatCompletionMessageToolCall] | Unset = UNSET
    annotations: list[ChatCompletionResponseMessageAnnotationsItem] | Unset = UNSET
    function_call: ChatCompletionResponseMessageFunctionCall | Unset = UNSET
    audio: ChatCompletionResponseMessageAudioType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.chat_completion_message_tool_call import ChatCompletionMessageToolCall  # noqa: PLC0415
        from ..models.chat_completion_response_message_audio_type_0 import ChatCompletionResponseMessageAudioType0  # noqa: PLC0415

        content: None | str
        content = self.content

        refusal: None | str
        refusal = self.refusal

        role = self.role

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
        elif isinstance(self.audio, ChatCompletionResponseMessageAudioType0):
            audio = self.audio.to_dict()
        else:
            audio = self.audio

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content": content,
                "refusal": refusal,
                "role": role,
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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.chat_completion_message_custom_tool_call import ChatCompletionMessageCustomToolCall  # noqa: PLC0415
        from ..models.chat_completion_message_tool_call import ChatCompletionMessageToolCall  # noqa: PLC0415
        from ..models.chat_completion_response_message_annotations_item import (
            ChatCompletionResponseMessageAnnotationsItem,  # noqa: PLC0415
        )
        from ..models.chat_completion_response_message_audio_type_0 import ChatCompletionResponseMessageAudioType0  # noqa: PLC0415
        from ..models.chat_completion_response_message_function_call import ChatCompletionResponseMessageFunctionCall  # noqa: PLC0415

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
        annotations: list[ChatCompletionResponseMessageAnnotationsItem] | Unset = UNSET
        if _annotations is not UNSET:
            annotations = []
            for annotations_item_data in _annotations:
                annotations_item = ChatCompletionResponseMessageAnnotationsItem.from_dict(annotations_item_data)

                annotations.append(annotations_item)

        _function_call = d.pop("function_call", UNSET)
        function_call: ChatCompletionResponseMessageFunctionCall | Unset
        if isinstance(_function_call, Unset):
            function_call = UNSET
        else:
            function_call = ChatCompletionResponseMessageFunctionCall.from_dict(_function_call)

        def _parse_audio(data: object) -> ChatCompletionResponseMessageAudioType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                audio_type_0 = ChatCompletionResponseMessageAudioType0.from_dict(data)

                return audio_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ChatCompletionResponseMessageAudioType0 | None | Unset, data)

        audio = _parse_audio(d.pop("audio", UNSET))

        chat_completion_response_message = cls(
            content=content,
            refusal=refusal,
            role=role,
            tool_calls=tool_calls,
            annotations=annotations,
            function_call=function_call,
            audio=audio,
        )

        chat_completion_response_message.additional_properties = d
        return chat_completion_response_message

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
