from typing import Literal, cast

CreateChatCompletionResponseChoicesItemFinishReason = Literal[
    "content_filter", "function_call", "length", "stop", "tool_calls"
]

CREATE_CHAT_COMPLETION_RESPONSE_CHOICES_ITEM_FINISH_REASON_VALUES: frozenset[
    CreateChatCompletionResponseChoicesItemFinishReason
] = frozenset(
    {
        "content_filter",
        "function_call",
        "length",
        "stop",
        "tool_calls",
    }
)


def check_create_chat_completion_response_choices_item_finish_reason(
    value: str,
) -> CreateChatCompletionResponseChoicesItemFinishReason:
    """Type `value` as CreateChatCompletionResponseChoicesItemFinishReason; a value a newer server adds is kept, not rejected."""
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    return cast(CreateChatCompletionResponseChoicesItemFinishReason, value)
