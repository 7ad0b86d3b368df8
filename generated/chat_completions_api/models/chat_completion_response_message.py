from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import STRICT, Model, dump_model, missing, names_variant, to_json, tolerate

if TYPE_CHECKING:
    from ..models.chat_completion_message_custom_tool_call import ChatCompletionMessageCustomToolCall
    from ..models.chat_completion_message_tool_call import ChatCompletionMessageToolCall
    from ..models.chat_completion_response_message_annotations_item import ChatCompletionResponseMessageAnnotationsItem
    from ..models.chat_completion_response_message_audio_type_0 import ChatCompletionResponseMessageAudioType0
    from ..models.chat_completion_response_message_function_call import ChatCompletionResponseMessageFunctionCall

_pending_tool_calls = True


def _load_tool_calls() -> None:
    """Import the models of `tool_calls`, when an answer first has it (they may import this module)."""
    global _pending_tool_calls, ChatCompletionMessageCustomToolCall, ChatCompletionMessageToolCall
    from ..models.chat_completion_message_custom_tool_call import ChatCompletionMessageCustomToolCall
    from ..models.chat_completion_message_tool_call import ChatCompletionMessageToolCall

    _pending_tool_calls = False


_pending_annotations = True


def _load_annotations() -> None:
    """Import the models of `annotations`, when an answer first has it (they may import this module)."""
    global _pending_annotations, ChatCompletionResponseMessageAnnotationsItem
    from ..models.chat_completion_response_message_annotations_item import ChatCompletionResponseMessageAnnotationsItem

    _pending_annotations = False


_pending_function_call = True


def _load_function_call() -> None:
    """Import the models of `function_call`, when an answer first has it (they may import this module)."""
    global _pending_function_call, ChatCompletionResponseMessageFunctionCall
    from ..models.chat_completion_response_message_function_call import ChatCompletionResponseMessageFunctionCall

    _pending_function_call = False


_pending_audio = True


def _load_audio() -> None:
    """Import the models of `audio`, when an answer first has it (they may import this module)."""
    global _pending_audio, ChatCompletionResponseMessageAudioType0
    from ..models.chat_completion_response_message_audio_type_0 import ChatCompletionResponseMessageAudioType0

    _pending_audio = False


_KEYS = frozenset({"content", "refusal", "role", "tool_calls", "annotations", "function_call", "audio"})


T = TypeVar("T", bound="ChatCompletionResponseMessage")


@_attrs_define
class ChatCompletionResponseMessage(Model):
    content: None | str
    refusal: None | str
    role: Literal["assistant"] = "assistant"
    tool_calls: list[ChatCompletionMessageCustomToolCall | ChatCompletionMessageToolCall] | None = None
    annotations: list[ChatCompletionResponseMessageAnnotationsItem] | None = None
    function_call: ChatCompletionResponseMessageFunctionCall | None = None
    audio: ChatCompletionResponseMessageAudioType0 | None = None
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
        field_dict["content"] = self.content
        field_dict["refusal"] = self.refusal
        field_dict["role"] = self.role
        tool_calls = self.tool_calls
        if tool_calls is not None:
            field_dict["tool_calls"] = [
                to_json(componentsschemas_chat_completion_message_tool_calls_item_data)
                for componentsschemas_chat_completion_message_tool_calls_item_data in tool_calls
            ]
        annotations = self.annotations
        if annotations is not None:
            field_dict["annotations"] = [annotations_item_data.to_dict() for annotations_item_data in annotations]
        function_call = self.function_call
        if function_call is not None:
            field_dict["function_call"] = function_call.to_dict()
        audio = self.audio
        if audio is not None:
            field_dict["audio"] = to_json(audio)
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
        if content is None:
            if "content" not in src_dict:
                odd += ("content",)

        refusal: Any = src_dict.get("refusal")
        if refusal is None:
            if "refusal" not in src_dict:
                odd += ("refusal",)

        try:
            role: Any = src_dict["role"]
        except KeyError:
            role = None
            if missing(src_dict, "role"):
                odd += ("role",)
        else:
            if role is None:
                missing(src_dict, "role")
            else:
                if role != "assistant":
                    tolerate(f"role must match const 'assistant', got '{role}'")

        tool_calls: Any = src_dict.get("tool_calls")
        if tool_calls is not None:
            if _pending_tool_calls:
                _load_tool_calls()
            tool_calls = [
                _parse_tool_calls_item(componentsschemas_chat_completion_message_tool_calls_item_data)
                for componentsschemas_chat_completion_message_tool_calls_item_data in tool_calls
            ]

        elif "tool_calls" in src_dict:
            tolerate("field 'tool_calls' is null")
            odd += ("tool_calls",)

        annotations: Any = src_dict.get("annotations")
        if annotations is not None:
            if _pending_annotations:
                _load_annotations()
            annotations = [
                ChatCompletionResponseMessageAnnotationsItem.from_dict(annotations_item_data)
                for annotations_item_data in annotations
            ]

        elif "annotations" in src_dict:
            tolerate("field 'annotations' is null")
            odd += ("annotations",)

        function_call: Any = src_dict.get("function_call")
        if function_call is not None:
            if _pending_function_call:
                _load_function_call()
            function_call = ChatCompletionResponseMessageFunctionCall.from_dict(function_call)

        elif "function_call" in src_dict:
            tolerate("field 'function_call' is null")
            odd += ("function_call",)

        audio: Any = src_dict.get("audio")
        if audio is not None:
            if _pending_audio:
                _load_audio()
            if isinstance(audio, dict):
                try:
                    audio = ChatCompletionResponseMessageAudioType0.from_dict(audio)
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass

        elif "audio" in src_dict:
            odd += ("audio",)

        chat_completion_response_message = cls(
            content,
            refusal,
            role,
            tool_calls,
            annotations,
            function_call,
            audio,
        )
        if odd:
            chat_completion_response_message._odd_keys = odd
        # More keys than the required ones, or a required one left out (then in odd): look for unknown keys.
        if (len(src_dict) > 3 or odd) and not _KEYS.issuperset(src_dict):
            chat_completion_response_message.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
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
