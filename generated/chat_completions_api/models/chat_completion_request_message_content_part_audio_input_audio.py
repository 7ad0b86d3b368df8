from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_completion_request_message_content_part_audio_input_audio_format import (
    ChatCompletionRequestMessageContentPartAudioInputAudioFormat,
    check_chat_completion_request_message_content_part_audio_input_audio_format,
)
from ..types import Model, dump_model, missing, warn_old_name

_KEYS = frozenset({"data", "format"})


T = TypeVar("T", bound="ChatCompletionRequestMessageContentPartAudioInputAudio")


@_attrs_define
class ChatCompletionRequestMessageContentPartAudioInputAudio(Model):
    data: str
    format: ChatCompletionRequestMessageContentPartAudioInputAudioFormat
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
        data = self.data

        format_: str = self.format

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "format": format_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        try:
            data: Any = src_dict["data"]
        except KeyError:
            data = None
            missing(src_dict, "data")
        else:
            if data is None:
                missing(src_dict, "data")

        try:
            format_: Any = src_dict["format"]
        except KeyError:
            format_ = None
            missing(src_dict, "format")
        else:
            if format_ is None:
                missing(src_dict, "format")
            else:
                format_ = check_chat_completion_request_message_content_part_audio_input_audio_format(format_)

        chat_completion_request_message_content_part_audio_input_audio = cls(
            data,
            format_,
        )
        if not _KEYS.issuperset(src_dict):
            chat_completion_request_message_content_part_audio_input_audio.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return chat_completion_request_message_content_part_audio_input_audio

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
    def format_(self) -> ChatCompletionRequestMessageContentPartAudioInputAudioFormat:
        """Deprecated: the old name of `format` (the API's and the official SDK's name)."""
        warn_old_name("format_", "format")
        return self.format

    @format_.setter
    def format_(self, value: ChatCompletionRequestMessageContentPartAudioInputAudioFormat) -> None:
        warn_old_name("format_", "format")
        self.format = value
