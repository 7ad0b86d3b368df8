from typing import Literal, cast

ChatCompletionToolChoiceOptionType0 = Literal["auto", "none", "required"]

CHAT_COMPLETION_TOOL_CHOICE_OPTION_TYPE_0_VALUES: frozenset[ChatCompletionToolChoiceOptionType0] = frozenset(
    {
        "auto",
        "none",
        "required",
    }
)


def check_chat_completion_tool_choice_option_type_0(value: str) -> ChatCompletionToolChoiceOptionType0:
    """Type `value` as ChatCompletionToolChoiceOptionType0; a value a newer server adds is kept, not rejected."""
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    return cast(ChatCompletionToolChoiceOptionType0, value)
