from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

_KEYS = frozenset({"mode"})


T = TypeVar("T", bound="PromptCacheBreakpointParam")


@_attrs_define
class PromptCacheBreakpointParam:
    mode: Literal["explicit"] = "explicit"
    """ Server default: `explicit`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        mode = self.mode

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "mode": mode,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        mode = src_dict["mode"]
        if mode != "explicit":
            raise ValueError(f"mode must match const 'explicit', got '{mode}'")

        prompt_cache_breakpoint_param = cls(
            mode,
        )
        if len(src_dict) > 1 and not _KEYS.issuperset(src_dict):
            prompt_cache_breakpoint_param.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return prompt_cache_breakpoint_param

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
