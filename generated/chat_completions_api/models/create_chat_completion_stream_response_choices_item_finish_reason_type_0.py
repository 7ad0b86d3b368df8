from typing import Literal, cast

CreateChatCompletionStreamResponseChoicesItemFinishReasonType0 = Literal[
    "content_filter", "function_call", "length", "stop", "tool_calls"
]

CREATE_CHAT_COMPLETION_STREAM_RESPONSE_CHOICES_ITEM_FINISH_REASON_TYPE_0_VALUES: frozenset[
    CreateChatCompletionStreamResponseChoicesItemFinishReasonType0
] = frozenset(
    {
        "content_filter",
        "function_call",
        "length",
        "stop",
        "tool_calls",
    }
)


def check_create_chat_completion_stream_response_choices_item_finish_reason_type_0(
    value: str,
) -> CreateChatCompletionStreamResponseChoicesItemFinishReasonType0:
    """Type `value` as CreateChatCompletionStreamResponseChoicesItemFinishReasonType0; a value a newer server adds is kept, not rejected."""
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    return cast(CreateChatCompletionStreamResponseChoicesItemFinishReasonType0, value)
