from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.custom_tool_chat_completions_custom_format_type_1_grammar_syntax import (
    CustomToolChatCompletionsCustomFormatType1GrammarSyntax,
    check_custom_tool_chat_completions_custom_format_type_1_grammar_syntax,
)
from ..types import Model, dump_model, missing

_KEYS = frozenset({"definition", "syntax"})


T = TypeVar("T", bound="CustomToolChatCompletionsCustomFormatType1Grammar")


@_attrs_define
class CustomToolChatCompletionsCustomFormatType1Grammar(Model):
    definition: str
    syntax: CustomToolChatCompletionsCustomFormatType1GrammarSyntax
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
        definition = self.definition

        syntax: str = self.syntax

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "definition": definition,
                "syntax": syntax,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        try:
            definition: Any = src_dict["definition"]
        except KeyError:
            definition = None
            missing(src_dict, "definition")
        else:
            if definition is None:
                missing(src_dict, "definition")

        try:
            syntax: Any = src_dict["syntax"]
        except KeyError:
            syntax = None
            missing(src_dict, "syntax")
        else:
            if syntax is None:
                missing(src_dict, "syntax")
            else:
                syntax = check_custom_tool_chat_completions_custom_format_type_1_grammar_syntax(syntax)

        custom_tool_chat_completions_custom_format_type_1_grammar = cls(
            definition,
            syntax,
        )
        if not _KEYS.issuperset(src_dict):
            custom_tool_chat_completions_custom_format_type_1_grammar.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return custom_tool_chat_completions_custom_format_type_1_grammar

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
