from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.custom_tool_chat_completions_custom_format_type_1_grammar import (
        CustomToolChatCompletionsCustomFormatType1Grammar,
    )


T = TypeVar("T", bound="CustomToolChatCompletionsCustomFormatType1")


@_attrs_define
class CustomToolChatCompletionsCustomFormatType1:
    grammar: CustomToolChatCompletionsCustomFormatType1Grammar
    type_: Literal["grammar"] = "grammar"

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        grammar = self.grammar.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "grammar": grammar,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.custom_tool_chat_completions_custom_format_type_1_grammar import (
            CustomToolChatCompletionsCustomFormatType1Grammar,  # noqa: PLC0415
        )

        d = dict(src_dict)
        type_ = cast(Literal["grammar"], d.pop("type"))
        if type_ != "grammar":
            raise ValueError(f"type must match const 'grammar', got '{type_}'")

        grammar = CustomToolChatCompletionsCustomFormatType1Grammar.from_dict(d.pop("grammar"))

        custom_tool_chat_completions_custom_format_type_1 = cls(
            type_=type_,
            grammar=grammar,
        )

        return custom_tool_chat_completions_custom_format_type_1
