from __future__ import annotations

import builtins  # `type[T]` in a class with a field named `type`
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Model, dump_model, missing, tolerate, warn_old_name

if TYPE_CHECKING:
    from ..models.web_search_location import WebSearchLocation

_lazy_pending = True


def _import_lazy() -> None:
    """Import the models this one refers to, on first use (they may import this module)."""
    global _lazy_pending, WebSearchLocation
    from ..models.web_search_location import WebSearchLocation

    _lazy_pending = False


_KEYS = frozenset({"type", "approximate"})


T = TypeVar("T", bound="CreateChatCompletionRequestWebSearchOptionsUserLocationType0")


@_attrs_define
class CreateChatCompletionRequestWebSearchOptionsUserLocationType0(Model):
    approximate: WebSearchLocation
    type: Literal["approximate"] = "approximate"
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

        approximate = self.approximate.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "approximate": approximate,
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
                if type_ != "approximate":
                    tolerate(f"type must match const 'approximate', got '{type_}'")

        try:
            approximate: Any = src_dict["approximate"]
        except KeyError:
            approximate = None
            missing(src_dict, "approximate")
        else:
            if approximate is None:
                missing(src_dict, "approximate")
            else:
                approximate = WebSearchLocation.from_dict(approximate)

        create_chat_completion_request_web_search_options_user_location_type_0 = cls(
            approximate,
            type_,
        )
        if not _KEYS.issuperset(src_dict):
            create_chat_completion_request_web_search_options_user_location_type_0.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return create_chat_completion_request_web_search_options_user_location_type_0

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
    def type_(self) -> Literal["approximate"]:
        """Deprecated: the old name of `type` (the API's and the official SDK's name)."""
        warn_old_name("type_", "type")
        return self.type

    @type_.setter
    def type_(self, value: Literal["approximate"]) -> None:
        warn_old_name("type_", "type")
        self.type = value
