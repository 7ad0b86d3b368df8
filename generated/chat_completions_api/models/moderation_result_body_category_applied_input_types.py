from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.moderation_input_type import ModerationInputType, check_moderation_input_type
from ..types import Model, dump_model

T = TypeVar("T", bound="ModerationResultBodyCategoryAppliedInputTypes")


@_attrs_define
class ModerationResultBodyCategoryAppliedInputTypes(Model):
    additional_properties: dict[str, list[ModerationInputType]] = _attrs_field(init=False, factory=dict)

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
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        moderation_result_body_category_applied_input_types = cls()
        moderation_result_body_category_applied_input_types.additional_properties = {
            prop_name: [
                check_moderation_input_type(additional_property_item_data)
                for additional_property_item_data in prop_dict
            ]
            for prop_name, prop_dict in src_dict.items()
        }
        return moderation_result_body_category_applied_input_types

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> list[ModerationInputType]:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: list[ModerationInputType]) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
