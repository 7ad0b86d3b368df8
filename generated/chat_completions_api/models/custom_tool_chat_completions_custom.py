from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import STRICT, UNSET, Model, Unset, dump_model, missing, names_variant, tolerate, warn_old_name

if TYPE_CHECKING:
    from ..models.custom_tool_chat_completions_custom_format_type_0 import CustomToolChatCompletionsCustomFormatType0
    from ..models.custom_tool_chat_completions_custom_format_type_1 import CustomToolChatCompletionsCustomFormatType1

_lazy_pending = True


def _import_lazy() -> None:
    """Import the models this one refers to, on first use (they may import this module)."""
    global _lazy_pending, CustomToolChatCompletionsCustomFormatType0, CustomToolChatCompletionsCustomFormatType1
    from ..models.custom_tool_chat_completions_custom_format_type_0 import CustomToolChatCompletionsCustomFormatType0
    from ..models.custom_tool_chat_completions_custom_format_type_1 import CustomToolChatCompletionsCustomFormatType1

    _lazy_pending = False


_KEYS = frozenset({"name", "description", "format"})


T = TypeVar("T", bound="CustomToolChatCompletionsCustom")


@_attrs_define
class CustomToolChatCompletionsCustom(Model):
    name: str
    description: str | Unset = UNSET
    format: CustomToolChatCompletionsCustomFormatType0 | CustomToolChatCompletionsCustomFormatType1 | Unset = UNSET
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

        format_: dict[str, Any] | Unset
        if isinstance(self.format, Unset):
            format_ = UNSET
        elif isinstance(self.format, CustomToolChatCompletionsCustomFormatType0):
            format_ = self.format.to_dict()
        else:
            format_ = self.format.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if format_ is not UNSET:
            field_dict["format"] = format_

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

        format_: Any = src_dict.get("format", UNSET)
        if format_ is not UNSET:
            format_ = _parse_format_(format_)

        custom_tool_chat_completions_custom = cls(
            name,
            description,
            format_,
        )
        if not _KEYS.issuperset(src_dict):
            custom_tool_chat_completions_custom.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return custom_tool_chat_completions_custom

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
    def format_(
        self,
    ) -> CustomToolChatCompletionsCustomFormatType0 | CustomToolChatCompletionsCustomFormatType1 | Unset:
        """Deprecated: the old name of `format` (the API's and the official SDK's name)."""
        warn_old_name("format_", "format")
        return self.format

    @format_.setter
    def format_(
        self, value: CustomToolChatCompletionsCustomFormatType0 | CustomToolChatCompletionsCustomFormatType1 | Unset
    ) -> None:
        warn_old_name("format_", "format")
        self.format = value


def _parse_format_(
    data: object,
) -> CustomToolChatCompletionsCustomFormatType0 | CustomToolChatCompletionsCustomFormatType1 | Unset:
    if data is UNSET:
        return UNSET
    # The variants are tried strictly first (a tolerated mismatch would let the first one take any object); an object
    # none of them reads strictly raises if parsing is strict, else is read tolerantly (see tolerant_variants).
    token = STRICT.set(True)
    try:
        if isinstance(data, dict):
            try:
                return CustomToolChatCompletionsCustomFormatType0.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if isinstance(data, dict):
            try:
                return CustomToolChatCompletionsCustomFormatType1.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
    finally:
        STRICT.reset(token)
    tolerate(
        f"{type(data).__name__} value is none of CustomToolChatCompletionsCustomFormatType0 | CustomToolChatCompletionsCustomFormatType1"
    )
    if isinstance(data, dict):
        if names_variant(CustomToolChatCompletionsCustomFormatType0, data):
            try:
                return CustomToolChatCompletionsCustomFormatType0.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if names_variant(CustomToolChatCompletionsCustomFormatType1, data):
            try:
                return CustomToolChatCompletionsCustomFormatType1.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        try:
            return CustomToolChatCompletionsCustomFormatType0.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            return CustomToolChatCompletionsCustomFormatType1.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass

    return cast(CustomToolChatCompletionsCustomFormatType0 | CustomToolChatCompletionsCustomFormatType1 | Unset, data)
