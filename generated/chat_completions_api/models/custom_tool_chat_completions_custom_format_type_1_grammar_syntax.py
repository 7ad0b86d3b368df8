from typing import Literal, cast

CustomToolChatCompletionsCustomFormatType1GrammarSyntax = Literal["lark", "regex"]

CUSTOM_TOOL_CHAT_COMPLETIONS_CUSTOM_FORMAT_TYPE_1_GRAMMAR_SYNTAX_VALUES: frozenset[
    CustomToolChatCompletionsCustomFormatType1GrammarSyntax
] = frozenset(
    {
        "lark",
        "regex",
    }
)


def check_custom_tool_chat_completions_custom_format_type_1_grammar_syntax(
    value: str,
) -> CustomToolChatCompletionsCustomFormatType1GrammarSyntax:
    """Type `value` as CustomToolChatCompletionsCustomFormatType1GrammarSyntax; a value a newer server adds is kept, not rejected."""
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    return cast(CustomToolChatCompletionsCustomFormatType1GrammarSyntax, value)
