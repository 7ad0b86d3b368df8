from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar

from attrs import define as _attrs_define

from ..types import missing, tolerate

T = TypeVar("T", bound="CustomToolChatCompletionsCustomFormatType0")


@_attrs_define
class CustomToolChatCompletionsCustomFormatType0:
    type_: Literal["text"] = "text"

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(
            {
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
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
