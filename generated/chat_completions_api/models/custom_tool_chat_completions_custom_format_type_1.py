from __future__ import annotations

import builtins  # `type[T]` in a class with a field named `type`
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from attrs import define as _attrs_define

from ..types import Model, dump_model, missing, tolerate, warn_old_name

if TYPE_CHECKING:
    from ..models.custom_tool_chat_completions_custom_format_type_1_grammar import (
        CustomToolChatCompletionsCustomFormatType1Grammar,
    )

_lazy_pending = True


def _import_lazy() -> None:
    """Import the models this one refers to, on first use (they may import this module)."""
    global _lazy_pending, CustomToolChatCompletionsCustomFormatType1Grammar
    from ..models.custom_tool_chat_completions_custom_format_type_1_grammar import (
        CustomToolChatCompletionsCustomFormatType1Grammar,
    )

    _lazy_pending = False


T = TypeVar("T", bound="CustomToolChatCompletionsCustomFormatType1")


@_attrs_define
class CustomToolChatCompletionsCustomFormatType1(Model):
    grammar: CustomToolChatCompletionsCustomFormatType1Grammar
    type: Literal["grammar"] = "grammar"

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
                if type_ != "grammar":
                    tolerate(f"type must match const 'grammar', got '{type_}'")

        try:
            grammar: Any = src_dict["grammar"]
        except KeyError:
            grammar = None
            missing(src_dict, "grammar")
        else:
            if grammar is None:
                missing(src_dict, "grammar")
            else:
                grammar = CustomToolChatCompletionsCustomFormatType1Grammar.from_dict(grammar)

        custom_tool_chat_completions_custom_format_type_1 = cls(
            grammar,
            type_,
        )
        return custom_tool_chat_completions_custom_format_type_1

    @property
    def type_(self) -> Literal["grammar"]:
        """Deprecated: the old name of `type` (the API's and the official SDK's name)."""
        warn_old_name("type_", "type")
        return self.type

    @type_.setter
    def type_(self, value: Literal["grammar"]) -> None:
        warn_old_name("type_", "type")
        self.type = value
