from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Model, dump_model, missing, tolerate

_KEYS = frozenset({"role", "content", "name"})


T = TypeVar("T", bound="ChatCompletionRequestFunctionMessage")


@_attrs_define
class ChatCompletionRequestFunctionMessage(Model):
    content: None | str
    name: str
    role: Literal["function"] = "function"
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
        role = self.role

        content: None | str
        content = self.content

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "role": role,
                "content": content,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        try:
            role: Any = src_dict["role"]
        except KeyError:
            role = None
            missing(src_dict, "role")
        else:
            if role is None:
                missing(src_dict, "role")
            else:
                if role != "function":
                    tolerate(f"role must match const 'function', got '{role}'")

        content: Any = src_dict.get("content")
        if content is None:
            pass

        try:
            name: Any = src_dict["name"]
        except KeyError:
            name = None
            missing(src_dict, "name")
        else:
            if name is None:
                missing(src_dict, "name")

        chat_completion_request_function_message = cls(
            content,
            name,
            role,
        )
        if not _KEYS.issuperset(src_dict):
            chat_completion_request_function_message.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return chat_completion_request_function_message

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
