from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

_KEYS = frozenset({"id", "expires_at", "data", "transcript"})


T = TypeVar("T", bound="ChatCompletionResponseMessageAudioType0")


@_attrs_define
class ChatCompletionResponseMessageAudioType0:
    id: str
    expires_at: int
    data: str
    transcript: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        expires_at = self.expires_at

        data = self.data

        transcript = self.transcript

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "expires_at": expires_at,
                "data": data,
                "transcript": transcript,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = src_dict["id"]

        expires_at = src_dict["expires_at"]

        data = src_dict["data"]

        transcript = src_dict["transcript"]

        chat_completion_response_message_audio_type_0 = cls(
            id,
            expires_at,
            data,
            transcript,
        )
        if len(src_dict) > 4 and not _KEYS.issuperset(src_dict):
            chat_completion_response_message_audio_type_0.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return chat_completion_response_message_audio_type_0

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
