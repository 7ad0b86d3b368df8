from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Model, Unset, dump_model, missing

if TYPE_CHECKING:
    from ..models.response_format_json_schema_schema import ResponseFormatJsonSchemaSchema

_lazy_pending = True


def _import_lazy() -> None:
    """Import the models this one refers to, on first use (they may import this module)."""
    global _lazy_pending, ResponseFormatJsonSchemaSchema
    from ..models.response_format_json_schema_schema import ResponseFormatJsonSchemaSchema

    _lazy_pending = False


_KEYS = frozenset({"name", "description", "schema", "strict"})


T = TypeVar("T", bound="ResponseFormatJsonSchemaJsonSchema")


@_attrs_define
class ResponseFormatJsonSchemaJsonSchema(Model):
    name: str
    description: str | Unset = UNSET
    schema: ResponseFormatJsonSchemaSchema | Unset = UNSET
    strict: bool | None | Unset = UNSET
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

        name = self.name

        description = self.description

        schema: dict[str, Any] | Unset = UNSET
        if not isinstance(self.schema, Unset):
            schema = self.schema.to_dict()

        strict: bool | None | Unset
        if isinstance(self.strict, Unset):
            strict = UNSET
        else:
            strict = self.strict

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if schema is not UNSET:
            field_dict["schema"] = schema
        if strict is not UNSET:
            field_dict["strict"] = strict

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if _lazy_pending:
            _import_lazy()

        try:
            name: Any = src_dict["name"]
        except KeyError:
            name = None
            missing(src_dict, "name")
        else:
            if name is None:
                missing(src_dict, "name")

        description: Any = src_dict.get("description", UNSET)

        schema: Any = src_dict.get("schema", UNSET)
        if schema is not UNSET:
            schema = ResponseFormatJsonSchemaSchema.from_dict(schema)

        strict: Any = src_dict.get("strict", UNSET)

        response_format_json_schema_json_schema = cls(
            name,
            description,
            schema,
            strict,
        )
        if not _KEYS.issuperset(src_dict):
            response_format_json_schema_json_schema.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return response_format_json_schema_json_schema

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
