from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Model, dump_model, missing

_KEYS = frozenset({"id", "expires_at", "data", "transcript"})


T = TypeVar("T", bound="ChatCompletionResponseMessageAudioType0")


@_attrs_define
class ChatCompletionResponseMessageAudioType0(Model):
    id: str
    expires_at: int
    data: str
    transcript: str
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
        field_dict["id"] = self.id
        field_dict["expires_at"] = self.expires_at
        field_dict["data"] = self.data
        field_dict["transcript"] = self.transcript
        for key in self._odd_keys:  # still None: as sent (a null kept, an absent key left out)
            if key not in field_dict:
                field_dict[key] = None
            elif field_dict[key] is None:
                del field_dict[key]
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        odd: tuple[str, ...] = ()
        try:
            id: Any = src_dict["id"]
        except KeyError:
            id = None
            if missing(src_dict, "id"):
                odd += ("id",)
        else:
            if id is None:
                missing(src_dict, "id")

        try:
            expires_at: Any = src_dict["expires_at"]
        except KeyError:
            expires_at = None
            if missing(src_dict, "expires_at"):
                odd += ("expires_at",)
        else:
            if expires_at is None:
                missing(src_dict, "expires_at")

        try:
            data: Any = src_dict["data"]
        except KeyError:
            data = None
            if missing(src_dict, "data"):
                odd += ("data",)
        else:
            if data is None:
                missing(src_dict, "data")

        try:
            transcript: Any = src_dict["transcript"]
        except KeyError:
            transcript = None
            if missing(src_dict, "transcript"):
                odd += ("transcript",)
        else:
            if transcript is None:
                missing(src_dict, "transcript")

        chat_completion_response_message_audio_type_0 = cls(
            id,
            expires_at,
            data,
            transcript,
        )
        if odd:
            chat_completion_response_message_audio_type_0._odd_keys = odd
        # More keys than the required ones, or a required one left out (then in odd): look for unknown keys.
        if (len(src_dict) > 4 or odd) and not _KEYS.issuperset(src_dict):
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
