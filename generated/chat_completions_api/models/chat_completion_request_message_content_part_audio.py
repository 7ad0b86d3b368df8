from __future__ import annotations

import builtins  # `type[T]` in a class with a field named `type`
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Model, Unset, dump_model, missing, tolerate, warn_old_name

if TYPE_CHECKING:
    from ..models.chat_completion_request_message_content_part_audio_input_audio import (
        ChatCompletionRequestMessageContentPartAudioInputAudio,
    )
    from ..models.prompt_cache_breakpoint_param import PromptCacheBreakpointParam

_lazy_pending = True


def _import_lazy() -> None:
    """Import the models this one refers to, on first use (they may import this module)."""
    global _lazy_pending, ChatCompletionRequestMessageContentPartAudioInputAudio, PromptCacheBreakpointParam
    from ..models.chat_completion_request_message_content_part_audio_input_audio import (
        ChatCompletionRequestMessageContentPartAudioInputAudio,
    )
    from ..models.prompt_cache_breakpoint_param import PromptCacheBreakpointParam

    _lazy_pending = False


_KEYS = frozenset({"type", "input_audio", "prompt_cache_breakpoint"})


T = TypeVar("T", bound="ChatCompletionRequestMessageContentPartAudio")


@_attrs_define
class ChatCompletionRequestMessageContentPartAudio(Model):
    input_audio: ChatCompletionRequestMessageContentPartAudioInputAudio
    type: Literal["input_audio"] = "input_audio"
    prompt_cache_breakpoint: PromptCacheBreakpointParam | Unset = UNSET
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

        type_ = self.type

        input_audio = self.input_audio.to_dict()

        prompt_cache_breakpoint: dict[str, Any] | Unset = UNSET
        if not isinstance(self.prompt_cache_breakpoint, Unset):
            prompt_cache_breakpoint = self.prompt_cache_breakpoint.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "input_audio": input_audio,
            }
        )
        if prompt_cache_breakpoint is not UNSET:
            field_dict["prompt_cache_breakpoint"] = prompt_cache_breakpoint

        return field_dict

    @classmethod
    def from_dict(cls: builtins.type[T], src_dict: Mapping[str, Any]) -> T:
        if _lazy_pending:
            _import_lazy()

        try:
            type_: Any = src_dict["type"]
        except KeyError:
            type_ = None
            missing(src_dict, "type")
        else:
            if type_ is None:
                missing(src_dict, "type")
            else:
                if type_ != "input_audio":
                    tolerate(f"type must match const 'input_audio', got '{type_}'")

        try:
            input_audio: Any = src_dict["input_audio"]
        except KeyError:
            input_audio = None
            missing(src_dict, "input_audio")
        else:
            if input_audio is None:
                missing(src_dict, "input_audio")
            else:
                input_audio = ChatCompletionRequestMessageContentPartAudioInputAudio.from_dict(input_audio)

        prompt_cache_breakpoint: Any = src_dict.get("prompt_cache_breakpoint", UNSET)
        if prompt_cache_breakpoint is not UNSET:
            prompt_cache_breakpoint = PromptCacheBreakpointParam.from_dict(prompt_cache_breakpoint)

        chat_completion_request_message_content_part_audio = cls(
            input_audio,
            type_,
            prompt_cache_breakpoint,
        )
        if not _KEYS.issuperset(src_dict):
            chat_completion_request_message_content_part_audio.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return chat_completion_request_message_content_part_audio

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
    def type_(self) -> Literal["input_audio"]:
        """Deprecated: the old name of `type` (the API's and the official SDK's name)."""
        warn_old_name("type_", "type")
        return self.type

    @type_.setter
    def type_(self, value: Literal["input_audio"]) -> None:
        warn_old_name("type_", "type")
        self.type = value
