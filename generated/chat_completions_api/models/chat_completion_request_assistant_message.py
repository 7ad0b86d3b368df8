from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import STRICT, UNSET, Model, Unset, dump_model, missing, names_variant, tolerate

if TYPE_CHECKING:
    from ..models.chat_completion_message_custom_tool_call import ChatCompletionMessageCustomToolCall
    from ..models.chat_completion_message_tool_call import ChatCompletionMessageToolCall
    from ..models.chat_completion_request_assistant_message_audio_type_0 import (
        ChatCompletionRequestAssistantMessageAudioType0,
    )
    from ..models.chat_completion_request_assistant_message_function_call_type_0 import (
        ChatCompletionRequestAssistantMessageFunctionCallType0,
    )
    from ..models.chat_completion_request_message_content_part_refusal import (
        ChatCompletionRequestMessageContentPartRefusal,
    )
    from ..models.chat_completion_request_message_content_part_text import ChatCompletionRequestMessageContentPartText

_lazy_pending = True


def _import_lazy() -> None:
    """Import the models this one refers to, on first use (they may import this module)."""
    global \
        _lazy_pending, \
        ChatCompletionMessageCustomToolCall, \
        ChatCompletionMessageToolCall, \
        ChatCompletionRequestAssistantMessageAudioType0, \
        ChatCompletionRequestAssistantMessageFunctionCallType0, \
        ChatCompletionRequestMessageContentPartRefusal, \
        ChatCompletionRequestMessageContentPartText
    from ..models.chat_completion_message_custom_tool_call import ChatCompletionMessageCustomToolCall
    from ..models.chat_completion_message_tool_call import ChatCompletionMessageToolCall
    from ..models.chat_completion_request_assistant_message_audio_type_0 import (
        ChatCompletionRequestAssistantMessageAudioType0,
    )
    from ..models.chat_completion_request_assistant_message_function_call_type_0 import (
        ChatCompletionRequestAssistantMessageFunctionCallType0,
    )
    from ..models.chat_completion_request_message_content_part_refusal import (
        ChatCompletionRequestMessageContentPartRefusal,
    )
    from ..models.chat_completion_request_message_content_part_text import ChatCompletionRequestMessageContentPartText

    _lazy_pending = False


_KEYS = frozenset({"role", "content", "refusal", "name", "audio", "tool_calls", "function_call"})


T = TypeVar("T", bound="ChatCompletionRequestAssistantMessage")


@_attrs_define
class ChatCompletionRequestAssistantMessage(Model):
    role: Literal["assistant"] = "assistant"
    content: (
        list[ChatCompletionRequestMessageContentPartRefusal | ChatCompletionRequestMessageContentPartText]
        | None
        | str
        | Unset
    ) = UNSET
    refusal: None | str | Unset = UNSET
    name: str | Unset = UNSET
    audio: ChatCompletionRequestAssistantMessageAudioType0 | None | Unset = UNSET
    tool_calls: list[ChatCompletionMessageCustomToolCall | ChatCompletionMessageToolCall] | Unset = UNSET
    function_call: ChatCompletionRequestAssistantMessageFunctionCallType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

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
        if _lazy_pending:
            _import_lazy()

        role = self.role

        content: list[dict[str, Any]] | None | str | Unset
        if isinstance(self.content, Unset):
            content = UNSET
        elif isinstance(self.content, list):
            content = []
            for content_type_0_type_1_item_data in self.content:
                content_type_0_type_1_item: dict[str, Any]
                if isinstance(content_type_0_type_1_item_data, ChatCompletionRequestMessageContentPartText):
                    content_type_0_type_1_item = content_type_0_type_1_item_data.to_dict()
                else:
                    content_type_0_type_1_item = content_type_0_type_1_item_data.to_dict()

                content.append(content_type_0_type_1_item)

        else:
            content = self.content

        refusal: None | str | Unset
        if isinstance(self.refusal, Unset):
            refusal = UNSET
        else:
            refusal = self.refusal

        name = self.name

        audio: dict[str, Any] | None | Unset
        if isinstance(self.audio, Unset):
            audio = UNSET
        elif isinstance(self.audio, ChatCompletionRequestAssistantMessageAudioType0):
            audio = self.audio.to_dict()
        else:
            audio = self.audio

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

        function_call: dict[str, Any] | None | Unset
        if isinstance(self.function_call, Unset):
            function_call = UNSET
        elif isinstance(self.function_call, ChatCompletionRequestAssistantMessageFunctionCallType0):
            function_call = self.function_call.to_dict()
        else:
            function_call = self.function_call

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "role": role,
            }
        )
        if content is not UNSET:
            field_dict["content"] = content
        if refusal is not UNSET:
            field_dict["refusal"] = refusal
        if name is not UNSET:
            field_dict["name"] = name
        if audio is not UNSET:
            field_dict["audio"] = audio
        if tool_calls is not UNSET:
            field_dict["tool_calls"] = tool_calls
        if function_call is not UNSET:
            field_dict["function_call"] = function_call

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if _lazy_pending:
            _import_lazy()

        try:
            role: Any = src_dict["role"]
        except KeyError:
            role = None
            missing(src_dict, "role")
        else:
            if role is None:
                missing(src_dict, "role")
            else:
                if role != "assistant":
                    tolerate(f"role must match const 'assistant', got '{role}'")

        content: Any = src_dict.get("content", UNSET)
        if content is not UNSET and content is not None:
            if isinstance(content, list):
                try:
                    content = [
                        _parse_content_1_item(content_type_0_type_1_item_data)
                        for content_type_0_type_1_item_data in content
                    ]
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass

        refusal: Any = src_dict.get("refusal", UNSET)

        name: Any = src_dict.get("name", UNSET)

        audio: Any = src_dict.get("audio", UNSET)
        if audio is not UNSET and audio is not None:
            if isinstance(audio, dict):
                try:
                    audio = ChatCompletionRequestAssistantMessageAudioType0.from_dict(audio)
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass

        tool_calls: Any = src_dict.get("tool_calls", UNSET)
        if tool_calls is not UNSET:
            tool_calls = [
                _parse_tool_calls_item(componentsschemas_chat_completion_message_tool_calls_item_data)
                for componentsschemas_chat_completion_message_tool_calls_item_data in tool_calls
            ]

        function_call: Any = src_dict.get("function_call", UNSET)
        if function_call is not UNSET and function_call is not None:
            if isinstance(function_call, dict):
                try:
                    function_call = ChatCompletionRequestAssistantMessageFunctionCallType0.from_dict(function_call)
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass

        chat_completion_request_assistant_message = cls(
            role,
            content,
            refusal,
            name,
            audio,
            tool_calls,
            function_call,
        )
        if not _KEYS.issuperset(src_dict):
            chat_completion_request_assistant_message.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return chat_completion_request_assistant_message

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


def _parse_content_1_item(
    data: object,
) -> ChatCompletionRequestMessageContentPartRefusal | ChatCompletionRequestMessageContentPartText:
    # The variants are tried strictly first (a tolerated mismatch would let the first one take any object); an object
    # none of them reads strictly raises if parsing is strict, else is read tolerantly (see tolerant_variants).
    token = STRICT.set(True)
    try:
        if isinstance(data, dict):
            try:
                return ChatCompletionRequestMessageContentPartText.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if isinstance(data, dict):
            try:
                return ChatCompletionRequestMessageContentPartRefusal.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
    finally:
        STRICT.reset(token)
    tolerate(
        f"{type(data).__name__} value is none of ChatCompletionRequestMessageContentPartRefusal | ChatCompletionRequestMessageContentPartText"
    )
    if isinstance(data, dict):
        if names_variant(ChatCompletionRequestMessageContentPartText, data):
            try:
                return ChatCompletionRequestMessageContentPartText.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if names_variant(ChatCompletionRequestMessageContentPartRefusal, data):
            try:
                return ChatCompletionRequestMessageContentPartRefusal.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        try:
            return ChatCompletionRequestMessageContentPartText.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            return ChatCompletionRequestMessageContentPartRefusal.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass

    return cast(ChatCompletionRequestMessageContentPartRefusal | ChatCompletionRequestMessageContentPartText, data)


def _parse_tool_calls_item(data: object) -> ChatCompletionMessageCustomToolCall | ChatCompletionMessageToolCall:
    # The variants are tried strictly first (a tolerated mismatch would let the first one take any object); an object
    # none of them reads strictly raises if parsing is strict, else is read tolerantly (see tolerant_variants).
    token = STRICT.set(True)
    try:
        if isinstance(data, dict):
            try:
                return ChatCompletionMessageToolCall.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if isinstance(data, dict):
            try:
                return ChatCompletionMessageCustomToolCall.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
    finally:
        STRICT.reset(token)
    tolerate(
        f"{type(data).__name__} value is none of ChatCompletionMessageCustomToolCall | ChatCompletionMessageToolCall"
    )
    if isinstance(data, dict):
        if names_variant(ChatCompletionMessageToolCall, data):
            try:
                return ChatCompletionMessageToolCall.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if names_variant(ChatCompletionMessageCustomToolCall, data):
            try:
                return ChatCompletionMessageCustomToolCall.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        try:
            return ChatCompletionMessageToolCall.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            return ChatCompletionMessageCustomToolCall.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass

    return cast(ChatCompletionMessageCustomToolCall | ChatCompletionMessageToolCall, data)
