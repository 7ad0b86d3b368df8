from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Model, dump_model, missing, warn_old_name

_KEYS = frozenset({"name", "input"})


T = TypeVar("T", bound="ChatCompletionMessageCustomToolCallCustom")


@_attrs_define
class ChatCompletionMessageCustomToolCallCustom(Model):
    name: str
    input: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    #: Keys whose presence the values do not tell: optional fields sent as null, required ones left out (both read
    #: as None); to_dict gives them back as they were sent.
    #: (An __init__ keyword, so that its default costs nothing per instance; only from_dict has a use for it.)
    _odd_keys: tuple[str, ...] = _attrs_field(default=(), repr=False, eq=False, kw_only=True, alias="_odd_keys")

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
        field_dict["name"] = self.name
        field_dict["input"] = self.input
        for key in self._odd_keys:  # still None: as sent (a null kept, an absent key left out)
            if key not in field_dict:
                field_dict[key] = None
            elif field_dict[key] is None:
                del field_dict[key]
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        odd: tuple[str, ...] = ()
        try:
            name: Any = src_dict["name"]
        except KeyError:
            name = None
            if missing(src_dict, "name"):
                odd += ("name",)
        else:
            if name is None:
                missing(src_dict, "name")

        try:
            input_: Any = src_dict["input"]
        except KeyError:
            input_ = None
            if missing(src_dict, "input"):
                odd += ("input",)
        else:
            if input_ is None:
                missing(src_dict, "input")

        chat_completion_message_custom_tool_call_custom = cls(
            name,
            input_,
        )
        if odd:
            chat_completion_message_custom_tool_call_custom._odd_keys = odd
        # More keys than the required ones, or a required one left out (then in odd): look for unknown keys.
        if (len(src_dict) > 2 or odd) and not _KEYS.issuperset(src_dict):
            chat_completion_message_custom_tool_call_custom.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return chat_completion_message_custom_tool_call_custom

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
    def input_(self) -> str:
        """Deprecated: the old name of `input` (the API's and the official SDK's name)."""
        warn_old_name("input_", "input")
        return self.input

    @input_.setter
    def input_(self, value: str) -> None:
        warn_old_name("input_", "input")
        self.input = value
