from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.prompt_cache_mode_enum import PromptCacheModeEnum, check_prompt_cache_mode_enum
from ..models.prompt_cache_ttl_enum import PromptCacheTTLEnum, check_prompt_cache_ttl_enum
from ..types import UNSET, Model, Unset, dump_model

_KEYS = frozenset({"ttl", "mode"})


T = TypeVar("T", bound="PromptCacheOptionsParam")


@_attrs_define
class PromptCacheOptionsParam(Model):
    ttl: PromptCacheTTLEnum | Unset = UNSET
    mode: PromptCacheModeEnum | Unset = UNSET
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
        ttl: str | Unset = UNSET
        if not isinstance(self.ttl, Unset):
            ttl = self.ttl

        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if ttl is not UNSET:
            field_dict["ttl"] = ttl
        if mode is not UNSET:
            field_dict["mode"] = mode

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        ttl: Any = src_dict.get("ttl", UNSET)
        if ttl is not UNSET:
            ttl = check_prompt_cache_ttl_enum(ttl)

        mode: Any = src_dict.get("mode", UNSET)
        if mode is not UNSET:
            mode = check_prompt_cache_mode_enum(mode)

        prompt_cache_options_param = cls(
            ttl,
            mode,
        )
        if not _KEYS.issuperset(src_dict):
            prompt_cache_options_param.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return prompt_cache_options_param

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
