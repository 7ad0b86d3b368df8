from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Model, Unset, dump_model

_KEYS = frozenset({"include_usage", "include_obfuscation"})


T = TypeVar("T", bound="ChatCompletionStreamOptionsType0")


@_attrs_define
class ChatCompletionStreamOptionsType0(Model):
    include_usage: bool | Unset = UNSET
    include_obfuscation: bool | Unset = UNSET
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
        include_usage = self.include_usage

        include_obfuscation = self.include_obfuscation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if include_usage is not UNSET:
            field_dict["include_usage"] = include_usage
        if include_obfuscation is not UNSET:
            field_dict["include_obfuscation"] = include_obfuscation

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        include_usage: Any = src_dict.get("include_usage", UNSET)

        include_obfuscation: Any = src_dict.get("include_obfuscation", UNSET)

        chat_completion_stream_options_type_0 = cls(
            include_usage,
            include_obfuscation,
        )
        if not _KEYS.issuperset(src_dict):
            chat_completion_stream_options_type_0.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return chat_completion_stream_options_type_0

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
