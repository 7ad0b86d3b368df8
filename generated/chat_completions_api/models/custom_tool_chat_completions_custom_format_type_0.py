from __future__ import annotations

import builtins  # `type[T]` in a class with a field named `type`
from collections.abc import Mapping
from typing import Any, Literal, TypeVar

from attrs import define as _attrs_define

from ..types import Model, dump_model, missing, tolerate, warn_old_name

T = TypeVar("T", bound="CustomToolChatCompletionsCustomFormatType0")


@_attrs_define
class CustomToolChatCompletionsCustomFormatType0(Model):
    type: Literal["text"] = "text"

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
        type_ = self.type

        field_dict: dict[str, Any] = {}
        field_dict.update(
            {
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: builtins.type[T], src_dict: Mapping[str, Any]) -> T:
        try:
            type_: Any = src_dict["type"]
        except KeyError:
            type_ = None
            missing(src_dict, "type")
        else:
            if type_ is None:
                missing(src_dict, "type")
            else:
                if type_ != "text":
                    tolerate(f"type must match const 'text', got '{type_}'")

        custom_tool_chat_completions_custom_format_type_0 = cls(
            type_,
        )
        return custom_tool_chat_completions_custom_format_type_0

    @property
    def type_(self) -> Literal["text"]:
        """Deprecated: the old name of `type` (the API's and the official SDK's name)."""
        warn_old_name("type_", "type")
        return self.type

    @type_.setter
    def type_(self, value: Literal["text"]) -> None:
        warn_old_name("type_", "type")
        self.type = value
