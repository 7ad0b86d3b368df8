from __future__ import annotations

import builtins  # `type[T]` in a class with a field named `type`
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Model, dump_model, missing, tolerate, warn_old_name

if TYPE_CHECKING:
    from ..models.response_format_json_schema_json_schema import ResponseFormatJsonSchemaJsonSchema

_lazy_pending = True


def _import_lazy() -> None:
    """Import the models this one refers to, on first use (they may import this module)."""
    global _lazy_pending, ResponseFormatJsonSchemaJsonSchema
    from ..models.response_format_json_schema_json_schema import ResponseFormatJsonSchemaJsonSchema

    _lazy_pending = False


_KEYS = frozenset({"type", "json_schema"})


T = TypeVar("T", bound="ResponseFormatJsonSchema")


@_attrs_define
class ResponseFormatJsonSchema(Model):
    json_schema: ResponseFormatJsonSchemaJsonSchema
    type: Literal["json_schema"] = "json_schema"
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

        json_schema = self.json_schema.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "json_schema": json_schema,
            }
        )

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
                if type_ != "json_schema":
                    tolerate(f"type must match const 'json_schema', got '{type_}'")

        try:
            json_schema: Any = src_dict["json_schema"]
        except KeyError:
            json_schema = None
            missing(src_dict, "json_schema")
        else:
            if json_schema is None:
                missing(src_dict, "json_schema")
            else:
                json_schema = ResponseFormatJsonSchemaJsonSchema.from_dict(json_schema)

        response_format_json_schema = cls(
            json_schema,
            type_,
        )
        if not _KEYS.issuperset(src_dict):
            response_format_json_schema.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return response_format_json_schema

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
    def type_(self) -> Literal["json_schema"]:
        """Deprecated: the old name of `type` (the API's and the official SDK's name)."""
        warn_old_name("type_", "type")
        return self.type

    @type_.setter
    def type_(self, value: Literal["json_schema"]) -> None:
        warn_old_name("type_", "type")
        self.type = value
