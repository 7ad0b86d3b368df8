from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import missing

_KEYS = frozenset({"code", "message", "param", "type"})


T = TypeVar("T", bound="Error")


@_attrs_define
class Error:
    code: None | str
    message: str
    param: None | str
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop
        field_dict["code"] = self.code
        field_dict["message"] = self.message
        field_dict["param"] = self.param
        field_dict["type"] = self.type_
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        code: Any = src_dict.get("code")

        message: Any = src_dict.get("message")
        if message is None:
            missing(src_dict, "message")

        param: Any = src_dict.get("param")

        type_: Any = src_dict.get("type")
        if type_ is None:
            missing(src_dict, "type")

        error = cls(
            code,
            message,
            param,
            type_,
        )
        if not _KEYS.issuperset(src_dict):
            error.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return error

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
