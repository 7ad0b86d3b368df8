from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar

from attrs import define as _attrs_define

from ..types import Model, dump_model, missing

T = TypeVar("T", bound="VoiceIdsOrCustomVoiceType1")


@_attrs_define
class VoiceIdsOrCustomVoiceType1(Model):
    id: str

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
        id = self.id

        field_dict: dict[str, Any] = {}
        field_dict.update(
            {
                "id": id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        try:
            id: Any = src_dict["id"]
        except KeyError:
            id = None
            missing(src_dict, "id")
        else:
            if id is None:
                missing(src_dict, "id")

        voice_ids_or_custom_voice_type_1 = cls(
            id,
        )
        return voice_ids_or_custom_voice_type_1
